import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { pointsExportRoutes } from './points.export.ts'
import { pointsHoldersExportRoutes } from './points.holders-export.ts'
import { registerPointsJobs } from './points.jobs.ts'
import { pointsResolvers } from './points.resolvers.ts'
import { PointsService } from './points.service.ts'
import { REWARD_PICTURE, StoreService } from './store.service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The points ledger: earning, reversal, bonus, adjustments, expiry, statements, the report. */
    pointsService: PointsService
    /** 积分超市: rewards, redemptions, 核销. */
    storeService: StoreService
  }
}

/** Points: the double-entry ledger, the points store, redemption and 核销. */
export const pointsFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate('pointsService', new PointsService(app))
    app.decorate('storeService', new StoreService(app))
    // The store's pictures are for everyone signed in.
    app.files.registerOwnerType(REWARD_PICTURE, async () => true)
    registerPointsJobs(app)
    await app.graphql.extendSchema(loadSdl(import.meta.url, './points.graphql'))
    app.graphql.defineResolvers(pointsResolvers)
    await app.register(pointsExportRoutes)
    await app.register(pointsHoldersExportRoutes)
  },
  { name: 'points', dependencies: ['graphql', 'jobs', 'notifications', 'settings', 'files'] },
)
