import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { activitiesResolvers } from './activities.resolvers.ts'
import { ActivitiesService } from './activities.service.ts'
import { SignUpsService } from './sign-ups.service.ts'

/** 活动 and 报名: a project's activities (shifts) and volunteers' sign-ups with a waitlist. */
export const activitiesFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate('activitiesService', new ActivitiesService(app))
    app.decorate('signUpsService', new SignUpsService(app))
    await app.graphql.extendSchema(loadSdl(import.meta.url, './activities.graphql'))
    app.graphql.defineResolvers(activitiesResolvers)
  },
  { name: 'activities', dependencies: ['graphql', 'units', 'projects', 'notifications'] },
)
