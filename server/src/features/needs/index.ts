import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { needsExportRoutes } from './needs.export.ts'
import { needsLoaders } from './needs.loaders.ts'
import { needsResolvers } from './needs.resolvers.ts'
import { NEED_PHOTO, NeedsService } from './needs.service.ts'

/** The need list (服务需求清单): residents post, grid workers and staff record, staff triage; the timeline. */
export const needsFeature = fp(
  async (app: FastifyInstance) => {
    const service = new NeedsService(
      app.db,
      app.clock,
      app.notifications.bus,
      app.files,
      app.settingsService,
      app.sealer,
    )
    app.decorate('needsService', service)
    // A need's photos are seen by those who read the need (not by the market's summary).
    app.files.registerOwnerType(NEED_PHOTO, (viewer, file) =>
      service.canSeePhotos(viewer, file.communityId, file.ownerId),
    )
    await app.graphql.extendSchema(loadSdl(import.meta.url, './needs.graphql'))
    app.graphql.defineResolvers(needsResolvers)
    app.graphql.defineLoaders(needsLoaders)
    await app.register(needsExportRoutes)
  },
  { name: 'needs', dependencies: ['graphql', 'units', 'notifications', 'files', 'settings'] },
)
