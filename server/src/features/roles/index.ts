import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { rolesResolvers } from './roles.resolvers.ts'
import { RolesService } from './roles.service.ts'

export const rolesFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate('rolesService', new RolesService(app.db, app.clock, app.notifications.bus))
    await app.graphql.extendSchema(loadSdl(import.meta.url, './roles.graphql'))
    app.graphql.defineResolvers(rolesResolvers)
  },
  { name: 'roles', dependencies: ['graphql', 'places', 'people', 'notifications'] },
)
