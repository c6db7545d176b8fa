import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { unitsExportRoutes } from './units.export.ts'
import { unitsLoaders } from './units.loaders.ts'
import { unitsResolvers } from './units.resolvers.ts'
import { UNIT_LOGO, UnitsService } from './units.service.ts'

/** Units (联盟单位): alliance membership, rosters and teams (志愿服务队). */
export const unitsFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate('unitsService', new UnitsService(app.db, app.clock, app.files, app.notifications.bus))
    // A unit's logo is public within the platform: anyone signed in sees it.
    app.files.registerOwnerType(UNIT_LOGO, async () => true)
    await app.graphql.extendSchema(loadSdl(import.meta.url, './units.graphql'))
    app.graphql.defineResolvers(unitsResolvers)
    app.graphql.defineLoaders(unitsLoaders)
    await app.register(unitsExportRoutes)
  },
  { name: 'units', dependencies: ['graphql', 'people', 'files', 'notifications'] },
)
