import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { placesResolvers } from './places.resolvers.ts'
import { PlacesService } from './places.service.ts'

export const placesFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate('placesService', new PlacesService(app.db, app.clock))
    await app.graphql.extendSchema(loadSdl(import.meta.url, './places.graphql'))
    app.graphql.defineResolvers(placesResolvers)
  },
  { name: 'places', dependencies: ['graphql'] },
)
