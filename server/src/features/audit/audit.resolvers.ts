import type { IResolvers } from 'mercurius'
import type { AuditScope } from './audit.service.ts'

export const auditResolvers: IResolvers = {
  Query: {
    auditEvents: async (_r, a: { scope: AuditScope; scopeId: string; first: number; after?: string | null }, ctx) =>
      ctx.app.auditService.page(await ctx.requireViewer(), a.scope, a.scopeId, a.first, a.after ?? null),
  },
}
