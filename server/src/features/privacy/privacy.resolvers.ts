import type { IResolvers } from 'mercurius'

export const privacyResolvers: IResolvers = {
  Query: {
    myData: async (_root, _args, ctx) => ctx.app.privacyService.myData(await ctx.requireViewer()),
    residentContact: async (_root, args: { userId: string; communityId: string }, ctx) =>
      ctx.app.privacyService.residentContact(await ctx.requireViewer(), args.userId, args.communityId),
  },
  Mutation: {
    deleteMyAccount: async (_root, args: { password?: string | null; smsCode?: string | null }, ctx) =>
      ctx.app.privacyService.deleteMyAccount(await ctx.requireViewer(), args, ctx.ip),
  },
}
