import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'

export const volunteersFeature = fp(
  async (app: FastifyInstance) => {
    await app.graphql.extendSchema(loadSdl(import.meta.url, './volunteers.graphql'))
  },
  { name: 'volunteers', dependencies: ['graphql', 'activities', 'hours', 'units'] },
)
