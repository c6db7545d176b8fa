import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { resourcesResolvers } from './resources.resolvers.ts'
import { ResourcesService } from './resources.service.ts'

/** The resource list (联盟资源清单): units offer, community staff publish or return. */
export const resourcesFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate(
      'resourcesService',
      new ResourcesService(app.db, app.clock, app.notifications.bus, app.settingsService),
    )
    await app.graphql.extendSchema(loadSdl(import.meta.url, './resources.graphql'))
    app.graphql.defineResolvers(resourcesResolvers)
  },
  { name: 'resources', dependencies: ['graphql', 'units', 'notifications', 'settings'] },
)
