import type { Term } from '@linli/shared'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { governanceResolvers } from './governance.resolvers.ts'
import { AGREEMENT_DOCUMENT, AGREEMENT_RENEWAL, ALLIANCE_ROTATE, GovernanceService } from './governance.service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Alliance governance: officers, the rotating deputy, charter, agreements, meetings, 六个一. */
    governanceService: GovernanceService
  }
}

export const governanceFeature = fp(
  async (app: FastifyInstance) => {
    const service = new GovernanceService(app)
    app.decorate('governanceService', service)
    app.files.registerOwnerType(AGREEMENT_DOCUMENT, (viewer, file) => service.canViewAgreement(viewer, file))
    app.jobs.register<{ communityId: string; term: Term }>(
      ALLIANCE_ROTATE,
      async (p) => {
        await service.handOver(p.communityId, p.term)
      },
      { transaction: false },
    )
    app.jobs.register<{ communityId: string; unitId: string; renewsOn: string }>(
      AGREEMENT_RENEWAL,
      async (p) => {
        await service.remindRenewal(p.communityId, p.unitId, p.renewsOn)
      },
      { transaction: false },
    )
    app.addHook('onReady', () => service.scheduleHandOvers())
    await app.graphql.extendSchema(loadSdl(import.meta.url, './governance.graphql'))
    app.graphql.defineResolvers(governanceResolvers)
  },
  { name: 'governance', dependencies: ['graphql', 'jobs', 'notifications', 'settings', 'projects', 'files'] },
)
