/** Thin resolvers: arguments → matching service calls with the signed-in viewer. */
import type { IResolvers } from 'mercurius'

export const matchingResolvers: IResolvers = {
  Query: {
    suggestedResources: async (_root, args: { communityId: string; needId: string; first?: number | null }, ctx) =>
      ctx.app.matchingService.suggestedResources(await ctx.requireViewer(), args.communityId, args.needId, args.first),
    suggestedProjects: async (_root, args: { unitId: string; first?: number | null }, ctx) =>
      ctx.app.matchingService.suggestedProjects(await ctx.requireViewer(), args.unitId, args.first),
    needsWaitingTooLong: async (_root, args: { communityId: string; first?: number | null }, ctx) =>
      ctx.app.matchingService.needsWaitingTooLong(await ctx.requireViewer(), args.communityId, args.first),
  },
}
