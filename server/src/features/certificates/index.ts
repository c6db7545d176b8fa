import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'

export const certificatesFeature = fp(
  async (app: FastifyInstance) => {
    await app.graphql.extendSchema(loadSdl(import.meta.url, './certificates.graphql'))
  },
  { name: 'certificates', dependencies: ['graphql', 'hours', 'accounts'] },
)
