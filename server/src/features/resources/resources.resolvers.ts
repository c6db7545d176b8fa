/** Thin resolvers: arguments → service calls with the signed-in viewer. */
import type { IResolvers } from 'mercurius'
import type { ResourceFilter } from './resources.repository.ts'

type Ref = { communityId: string; id: string }
type Page = { filter?: ResourceFilter | null; first?: number | null; after?: string | null }

export const resourcesResolvers: IResolvers = {
  Query: {
    resources: async (_root, args: Page & { communityId: string }, ctx) =>
      ctx.app.resourcesService.list(await ctx.requireViewer(), args.communityId, args),
    unitResources: async (_root, args: Page & { unitId: string }, ctx) =>
      ctx.app.resourcesService.unitResources(await ctx.requireViewer(), args.unitId, args),
    resource: async (_root, args: Ref, ctx) =>
      ctx.app.resourcesService.resource(await ctx.requireViewer(), args.communityId, args.id),
  },
  Mutation: {
    offerResource: async (_root, args: { communityId: string; unitId: string; input: unknown }, ctx) =>
      ctx.app.resourcesService.offer(await ctx.requireViewer(), args.communityId, args.unitId, args.input),
    updateResource: async (_root, args: Ref & { input: unknown }, ctx) =>
      ctx.app.resourcesService.update(await ctx.requireViewer(), args.communityId, args.id, args.input),
    withdrawResource: async (_root, args: Ref, ctx) =>
      ctx.app.resourcesService.withdraw(await ctx.requireViewer(), args.communityId, args.id),
    publishResource: async (_root, args: Ref, ctx) =>
      ctx.app.resourcesService.publish(await ctx.requireViewer(), args.communityId, args.id),
    returnResource: async (_root, args: Ref & { reason: string }, ctx) =>
      ctx.app.resourcesService.return(await ctx.requireViewer(), args.communityId, args.id, args.reason),
    markResourceExhausted: async (_root, args: Ref, ctx) =>
      ctx.app.resourcesService.markExhausted(await ctx.requireViewer(), args.communityId, args.id),
  },
}
