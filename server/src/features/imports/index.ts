import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { importsResolvers } from './imports.resolvers.ts'
import { importsRoutes } from './imports.routes.ts'
import { ImportsService } from './imports.service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Excel in: residents and volunteers from the template. */
    importsService: ImportsService
  }
}

export const importsFeature = fp(
  async (app: FastifyInstance) => {
    const service = new ImportsService(app)
    app.decorate('importsService', service)
    await app.graphql.extendSchema(loadSdl(import.meta.url, './imports.graphql'))
    app.graphql.defineResolvers(importsResolvers)
    await app.register(importsRoutes)
    // An import a stopped process was writing rolled back with its transaction: say so.
    app.addHook('onReady', async () => {
      await service.failInterrupted(new Date(app.clock.now().getTime() - 3_600_000))
    })
  },
  { name: 'imports', dependencies: ['graphql'] },
)
