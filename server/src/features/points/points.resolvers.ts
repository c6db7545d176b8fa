import type { RedemptionState } from '@linli/shared'
import type { IResolvers } from 'mercurius'

interface Page {
  first?: number | null
  after?: string | null
}
const first = (a: Page) => a.first ?? 30

export const pointsResolvers: IResolvers = {
  Query: {
    myPointsWallets: async (_r, _a, ctx) => ctx.app.pointsService.myWallets(await ctx.requireViewer()),
    myPointsStatement: async (_r, a: Page & { communityId: string }, ctx) =>
      ctx.app.pointsService.myStatement(await ctx.requireViewer(), a.communityId, first(a), a.after ?? null),
    rewards: async (_r, a: { communityId: string; includeOffSale?: boolean | null }, ctx) =>
      ctx.app.storeService.rewards(await ctx.requireViewer(), a.communityId, a.includeOffSale ?? false),
    reward: async (_r, a: { communityId: string; id: string }, ctx) =>
      ctx.app.storeService.reward(await ctx.requireViewer(), a.communityId, a.id),
    myRedemptions: async (_r, a: { state?: RedemptionState | null }, ctx) =>
      ctx.app.storeService.myRedemptions(await ctx.requireViewer(), a.state ?? null),
    redemptions: async (_r, a: Page & { communityId: string; state?: RedemptionState | null }, ctx) =>
      ctx.app.storeService.redemptions(
        await ctx.requireViewer(),
        a.communityId,
        a.state ?? null,
        first(a),
        a.after ?? null,
      ),
    redemptionByCode: async (_r, a: { communityId: string; code: string }, ctx) =>
      ctx.app.storeService.byCode(await ctx.requireViewer(), a.communityId, a.code),
    pointsHolders: async (_r, a: Page & { communityId: string; search?: string | null }, ctx) =>
      ctx.app.pointsService.holders(
        await ctx.requireViewer(),
        a.communityId,
        { search: a.search },
        first(a),
        a.after ?? null,
      ),
    volunteerPointsStatement: async (_r, a: Page & { communityId: string; volunteerId: string }, ctx) =>
      ctx.app.pointsService.volunteerStatement(
        await ctx.requireViewer(),
        a.communityId,
        a.volunteerId,
        first(a),
        a.after ?? null,
      ),
    pointsReport: async (_r, a: { communityId: string; from: string; to: string }, ctx) =>
      ctx.app.pointsService.report(await ctx.requireViewer(), a.communityId, a.from, a.to),
  },
  Mutation: {
    createReward: async (_r, a: { communityId: string; input: Record<string, unknown> }, ctx) =>
      ctx.app.storeService.createReward(await ctx.requireViewer(), a.communityId, a.input),
    updateReward: async (_r, a: { communityId: string; id: string; input: Record<string, unknown> }, ctx) =>
      ctx.app.storeService.updateReward(await ctx.requireViewer(), a.communityId, a.id, a.input),
    restockReward: async (_r, a: { communityId: string; id: string; change: number }, ctx) =>
      ctx.app.storeService.restockReward(await ctx.requireViewer(), a.communityId, a.id, a.change),
    setRewardOnSale: async (_r, a: { communityId: string; id: string; onSale: boolean }, ctx) =>
      ctx.app.storeService.setRewardOnSale(await ctx.requireViewer(), a.communityId, a.id, a.onSale),
    redeemReward: async (_r, a: { communityId: string; rewardId: string; idempotencyKey?: string | null }, ctx) =>
      ctx.app.storeService.redeem(await ctx.requireViewer(), a.communityId, a.rewardId, a.idempotencyKey),
    cancelRedemption: async (_r, a: { communityId: string; id: string; reason?: string | null }, ctx) =>
      ctx.app.storeService.cancel(await ctx.requireViewer(), a.communityId, a.id, a.reason),
    fulfilRedemption: async (_r, a: { communityId: string; code: string }, ctx) =>
      ctx.app.storeService.fulfil(await ctx.requireViewer(), a.communityId, a.code),
    adjustPoints: async (_r, a: { communityId: string; input: Record<string, unknown> }, ctx) =>
      ctx.app.pointsService.adjust(await ctx.requireViewer(), a.communityId, a.input),
  },
}
