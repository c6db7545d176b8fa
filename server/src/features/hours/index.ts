import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { hoursExportRoutes } from './hours.export.ts'
import { registerHoursJobs } from './hours.jobs.ts'
import { hoursResolvers } from './hours.resolvers.ts'
import { HoursService } from './hours.service.ts'

/** 服务时长: check-in/out with the leader's rotating code, hour records, approval, corrections, no-shows. */
export const hoursFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate('hoursService', new HoursService(app))
    await app.graphql.extendSchema(loadSdl(import.meta.url, './hours.graphql'))
    app.graphql.defineResolvers(hoursResolvers)
    await app.register(hoursExportRoutes)
    registerHoursJobs(app)
  },
  { name: 'hours', dependencies: ['graphql', 'activities', 'notifications', 'settings', 'jobs'] },
)
