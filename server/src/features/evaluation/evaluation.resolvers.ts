import type { IResolvers } from 'mercurius'

interface At {
  communityId: string
  projectId: string
}

export const evaluationResolvers: IResolvers = {
  Query: {
    projectEvaluation: async (_r, a: At, ctx) =>
      ctx.app.evaluationService.evaluation(await ctx.requireViewer(), a.communityId, a.projectId),
    ratableNeeds: async (_r, _a, ctx) => ctx.app.evaluationService.ratableNeeds(await ctx.requireViewer()),
    pendingReviews: async (_r, a: { communityId: string }, ctx) =>
      ctx.app.evaluationService.pendingReviews(await ctx.requireViewer(), a.communityId),
    projectChain: async (_r, a: At, ctx) =>
      ctx.app.evaluationService.projectChain(await ctx.requireViewer(), a.communityId, a.projectId),
    needChain: async (_r, a: { communityId: string; needId: string }, ctx) =>
      ctx.app.evaluationService.needChain(await ctx.requireViewer(), a.communityId, a.needId),
  },
  Mutation: {
    submitCompletionReport: async (_r, a: At & { input: Record<string, unknown> }, ctx) =>
      ctx.app.evaluationService.submitReport(await ctx.requireViewer(), a.communityId, a.projectId, a.input),
    completeProject: async (_r, a: At & { note: string }, ctx) =>
      ctx.app.evaluationService.completeByStaff(await ctx.requireViewer(), a.communityId, a.projectId, a.note),
    rateProject: async (_r, a: At & { input: Record<string, unknown> }, ctx) =>
      ctx.app.evaluationService.rate(await ctx.requireViewer(), a.communityId, a.projectId, a.input),
    reviewCompletionReport: async (
      _r,
      a: { communityId: string; id: string; publish: boolean; reason?: string | null },
      ctx,
    ) => ctx.app.evaluationService.reviewReport(await ctx.requireViewer(), a.communityId, a.id, a.publish, a.reason),
    reviewRating: async (_r, a: { communityId: string; id: string; publish: boolean; reason?: string | null }, ctx) =>
      ctx.app.evaluationService.reviewRating(await ctx.requireViewer(), a.communityId, a.id, a.publish, a.reason),
    evaluateProject: async (_r, a: At, ctx) =>
      ctx.app.evaluationService.evaluateByStaff(await ctx.requireViewer(), a.communityId, a.projectId),
  },
}
