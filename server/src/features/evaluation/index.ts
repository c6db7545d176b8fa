import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { evaluationResolvers } from './evaluation.resolvers.ts'
import { EvaluationService, PROJECT_EVALUATE, REPORT_PHOTO } from './evaluation.service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** 晒单 and 评单: completion reports, ratings, review, evaluation, the traceable chain. */
    evaluationService: EvaluationService
  }
}

/** Closing the loop: completion reports, ratings, evaluation (with the 5-star bonus), the chain. */
export const evaluationFeature = fp(
  async (app: FastifyInstance) => {
    const service = new EvaluationService(app)
    app.decorate('evaluationService', service)
    app.files.registerOwnerType(REPORT_PHOTO, (viewer, file) => service.canViewPhoto(viewer, file))
    // The rating window's end: the project is evaluated (once; a project evaluated earlier is left).
    app.jobs.register<{ communityId: string; projectId: string }>(
      PROJECT_EVALUATE,
      async (payload) => {
        await service.evaluateDue(payload.communityId, payload.projectId)
      },
      { transaction: false },
    )
    await app.graphql.extendSchema(loadSdl(import.meta.url, './evaluation.graphql'))
    app.graphql.defineResolvers(evaluationResolvers)
  },
  { name: 'evaluation', dependencies: ['graphql', 'jobs', 'notifications', 'files', 'points', 'projects', 'needs'] },
)
