import type { Role } from '@linli/shared'
import type { IResolvers } from 'mercurius'

type PlaceKind = 'district' | 'street' | 'community' | 'grid'

export const rolesResolvers: IResolvers = {
  Query: {
    grantsInScope: async (_r, a: { kind: PlaceKind; id: string }, ctx) =>
      ctx.app.rolesService.within(await ctx.requireViewer(), a.kind, a.id),
    findPersonByPhone: async (_r, a: { phone: string }, ctx) =>
      ctx.app.rolesService.findByPhone(await ctx.requireViewer(), a.phone),
  },
  Mutation: {
    grantRole: async (_r, a: { input: { phone: string; role: Role; scopeId: string } }, ctx) =>
      ctx.app.rolesService.grant(await ctx.requireViewer(), a.input),
    revokeRole: async (_r, a: { grantId: string }, ctx) =>
      ctx.app.rolesService.revoke(await ctx.requireViewer(), a.grantId),
  },
}
