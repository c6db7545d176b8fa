import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { peopleLoaders, peopleResolvers } from './people.resolvers.ts'
import { PeopleService } from './people.service.ts'

export const peopleFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate('peopleService', new PeopleService(app.db, app.clock))
    await app.graphql.extendSchema(loadSdl(import.meta.url, './people.graphql'))
    app.graphql.defineResolvers(peopleResolvers)
    app.graphql.defineLoaders(peopleLoaders)
  },
  { name: 'people', dependencies: ['graphql'] },
)
