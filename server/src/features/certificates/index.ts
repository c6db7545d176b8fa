import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { certificatesResolvers } from './certificates.resolvers.ts'
import { CertificatesService } from './certificates.service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** 志愿服务记录证明: issue, revoke, read for the holder and staff, verify publicly by serial. */
    certificatesService: CertificatesService
  }
}

/** 志愿服务记录证明: certificates of approved hours, printed with the seal and verified by serial. */
export const certificatesFeature = fp(
  async (app: FastifyInstance) => {
    app.decorate('certificatesService', new CertificatesService(app))
    await app.graphql.extendSchema(loadSdl(import.meta.url, './certificates.graphql'))
    app.graphql.defineResolvers(certificatesResolvers)
  },
  { name: 'certificates', dependencies: ['graphql', 'hours', 'accounts', 'notifications'] },
)
