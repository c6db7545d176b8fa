import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { ClaimsService } from './claims.service.ts'
import { claimsExportRoutes, projectsExportRoutes } from './projects.export.ts'
import { projectsResolvers } from './projects.resolvers.ts'
import { ProjectsService } from './projects.service.ts'

/** 项目清单 and 点单: projects built from needs, published to the alliance, claimed by its units. */
export const projectsFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate('projectsService', new ProjectsService(app))
    app.decorate('claimsService', new ClaimsService(app))
    await app.graphql.extendSchema(loadSdl(import.meta.url, './projects.graphql'))
    app.graphql.defineResolvers(projectsResolvers)
    await app.register(projectsExportRoutes)
    await app.register(claimsExportRoutes)
  },
  { name: 'projects', dependencies: ['graphql', 'units', 'settings', 'notifications'] },
)
