import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { privacyResolvers } from './privacy.resolvers.ts'
import { PrivacyService } from './privacy.service.ts'

/** My data (export), account deletion by de-identification, audited views of contact details. */
export const privacyFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate('privacyService', new PrivacyService(app))
    await app.graphql.extendSchema(loadSdl(import.meta.url, './privacy.graphql'))
    app.graphql.defineResolvers(privacyResolvers)
  },
  { name: 'privacy', dependencies: ['graphql', 'accounts'] },
)

export { auditContactView } from './contact-view.ts'
