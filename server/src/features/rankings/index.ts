import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { rankingsExportRoutes } from './rankings.export.ts'
import { rankingsResolvers } from './rankings.resolvers.ts'
import { RankingsService } from './rankings.service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Rankings (volunteers, units, teams, 先锋指数) and dashboards of a place. */
    rankingsService: RankingsService
  }
}

export const rankingsFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate('rankingsService', new RankingsService(app))
    await app.graphql.extendSchema(loadSdl(import.meta.url, './rankings.graphql'))
    app.graphql.defineResolvers(rankingsResolvers)
    await app.register(rankingsExportRoutes)
  },
  { name: 'rankings', dependencies: ['graphql'] },
)
