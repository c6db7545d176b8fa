import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { settingsResolvers } from './settings.resolvers.ts'
import { SettingsService } from './settings.service.ts'

export const settingsFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate('settingsService', new SettingsService(app.db, app.clock))
    await app.graphql.extendSchema(loadSdl(import.meta.url, './settings.graphql'))
    app.graphql.defineResolvers(settingsResolvers)
  },
  { name: 'settings', dependencies: ['graphql'] },
)
