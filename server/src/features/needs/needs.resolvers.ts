/** Thin resolvers: arguments → service calls with the signed-in viewer. */
import type { IResolvers } from 'mercurius'
import type { NeedFilter } from './needs.repository.ts'

type Ref = { communityId: string; id: string }
type NeedRef = { communityId: string; needId: string }
type Page = { filter?: NeedFilter | null; first?: number | null; after?: string | null }

export const needsResolvers: IResolvers = {
  Query: {
    myNeeds: async (_root, args: Page, ctx) => ctx.app.needsService.myNeeds(await ctx.requireViewer(), args),
    needs: async (_root, args: Page & { communityId: string }, ctx) =>
      ctx.app.needsService.list(await ctx.requireViewer(), args.communityId, args),
    need: async (_root, args: Ref, ctx) =>
      ctx.app.needsService.need(await ctx.requireViewer(), args.communityId, args.id),
    needTimeline: async (_root, args: NeedRef, ctx) =>
      ctx.app.needsService.timeline(await ctx.requireViewer(), args.communityId, args.needId),
    needContact: async (_root, args: NeedRef, ctx) =>
      ctx.app.needsService.contact(await ctx.requireViewer(), args.communityId, args.needId),
  },
  Mutation: {
    submitNeed: async (_root, args: { communityId: string; input: unknown }, ctx) =>
      ctx.app.needsService.submit(await ctx.requireViewer(), args.communityId, args.input),
    recordNeed: async (_root, args: { communityId: string; input: unknown }, ctx) =>
      ctx.app.needsService.record(await ctx.requireViewer(), args.communityId, args.input),
    updateNeed: async (_root, args: Ref & { input: unknown }, ctx) =>
      ctx.app.needsService.update(await ctx.requireViewer(), args.communityId, args.id, args.input),
    withdrawNeed: async (_root, args: Ref, ctx) =>
      ctx.app.needsService.withdraw(await ctx.requireViewer(), args.communityId, args.id),
    acceptNeed: async (_root, args: Ref, ctx) =>
      ctx.app.needsService.accept(await ctx.requireViewer(), args.communityId, args.id),
    rejectNeed: async (_root, args: Ref & { reason: string }, ctx) =>
      ctx.app.needsService.reject(await ctx.requireViewer(), args.communityId, args.id, args.reason),
    mergeNeed: async (_root, args: NeedRef & { intoNeedId: string }, ctx) =>
      ctx.app.needsService.merge(await ctx.requireViewer(), args.communityId, args.needId, args.intoNeedId),
    closeNeed: async (_root, args: Ref & { reason: string }, ctx) =>
      ctx.app.needsService.close(await ctx.requireViewer(), args.communityId, args.id, args.reason),
  },
}
