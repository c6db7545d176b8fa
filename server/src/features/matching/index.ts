import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { matchingResolvers } from './matching.resolvers.ts'
import { MatchingService } from './matching.service.ts'

/**
 * Matching: resources suggested for a need, projects for a unit, needs waiting too long. It
 * reads the list tables directly (no dependency on the lists' features).
 */
export const matchingFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate('matchingService', new MatchingService(app.db, app.clock, app.settingsService))
    await app.graphql.extendSchema(loadSdl(import.meta.url, './matching.graphql'))
    app.graphql.defineResolvers(matchingResolvers)
  },
  { name: 'matching', dependencies: ['graphql', 'settings'] },
)
