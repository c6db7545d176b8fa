import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { sharedSecret } from '../auth/secrets.ts'
import { accountsLoaders, accountsResolvers } from './accounts.resolvers.ts'
import { AccountsService } from './accounts.service.ts'
import { SmsCodes } from './sms-codes.ts'
import { registerSmsCodeJobs } from './sms-codes.jobs.ts'

/** SMS codes (purged daily by a job), SMS sign-in and password reset, staff resets, residences, 实名核验. */
export const accountsFeature = fp(
  async (app: FastifyInstance) => {
    const key = await sharedSecret(app.db, app.clock, 'sms')
    app.decorate('smsCodes', new SmsCodes(app.db, app.clock, key, app.sms))
    app.decorate('accountsService', new AccountsService(app))
    await app.graphql.extendSchema(loadSdl(import.meta.url, './accounts.graphql'))
    app.graphql.defineResolvers(accountsResolvers)
    app.graphql.defineLoaders(accountsLoaders)
    registerSmsCodeJobs(app)
  },
  { name: 'accounts', dependencies: ['graphql', 'people', 'auth', 'jobs', 'notifications'] },
)
