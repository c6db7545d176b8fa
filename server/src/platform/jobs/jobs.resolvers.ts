import type { IResolvers } from 'mercurius'

export const jobsResolvers: IResolvers = {
  Query: {
    failedJobs: async (_r, a: { communityId: string; first: number }, ctx) =>
      ctx.app.jobsService.failedJobs(await ctx.requireViewer(), a.communityId, a.first),
  },
  Mutation: {
    retryJob: async (_r, a: { id: string }, ctx) => ctx.app.jobsService.retryJob(await ctx.requireViewer(), a.id),
  },
}
