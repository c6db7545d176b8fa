import type { IResolvers } from 'mercurius'

export const importsResolvers: IResolvers = {
  Query: {
    peopleImport: async (_root, args: { communityId: string; id: string }, ctx) =>
      ctx.app.importsService.get(await ctx.requireViewer(), args.communityId, args.id),
    peopleImports: async (_root, args: { communityId: string }, ctx) =>
      ctx.app.importsService.list(await ctx.requireViewer(), args.communityId),
  },
}
