import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'

export const hoursFeature = fp(
  async (app: FastifyInstance) => {
    await app.graphql.extendSchema(loadSdl(import.meta.url, './hours.graphql'))
  },
  { name: 'hours', dependencies: ['graphql', 'activities', 'notifications', 'settings'] },
)
