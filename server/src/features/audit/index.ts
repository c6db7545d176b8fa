import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { auditResolvers } from './audit.resolvers.ts'
import { AuditService } from './audit.service.ts'

export const auditFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate('auditService', new AuditService(app.db))
    await app.graphql.extendSchema(loadSdl(import.meta.url, './audit.graphql'))
    app.graphql.defineResolvers(auditResolvers)
  },
  { name: 'audit', dependencies: ['graphql', 'people'] },
)
