import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { DualReportsService } from './dual-reports.service.ts'
import { volunteersExportRoutes } from './volunteers.export.ts'
import { volunteersResolvers } from './volunteers.resolvers.ts'
import { VolunteersService } from './volunteers.service.ts'

/** 志愿者档案, 双报到 and the unit's members' service, activity suggestions. */
export const volunteersFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate('volunteersService', new VolunteersService(app))
    app.decorate('dualReportsService', new DualReportsService(app))
    await app.graphql.extendSchema(loadSdl(import.meta.url, './volunteers.graphql'))
    app.graphql.defineResolvers(volunteersResolvers)
    await app.register(volunteersExportRoutes)
  },
  { name: 'volunteers', dependencies: ['graphql', 'activities', 'hours', 'units'] },
)

// Declared beside the feature (server/src/types.ts is shared by the features being written at the same time).
declare module 'fastify' {
  interface FastifyInstance {
    /** 志愿者档案 (profiles, volunteer numbers) and activity suggestions. */
    volunteersService: VolunteersService
    /** 双报到 reports and a unit's members' service against the yearly target. */
    dualReportsService: DualReportsService
  }
}
