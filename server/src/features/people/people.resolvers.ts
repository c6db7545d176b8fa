import type { IResolvers, MercuriusLoaders } from 'mercurius'

/** `Me` is always the signed-in person (or the one a sign-in just authenticated). */
interface MeParent {
  userId: string
}

export const peopleResolvers: IResolvers = {
  Query: {
    me: async (_root, _args, ctx) => ({ userId: (await ctx.requireViewer()).userId }),
  },
  Mutation: {
    setMyPreferences: async (_root, args: { locale?: string | null; elderMode?: boolean | null }, ctx) =>
      ctx.app.peopleService.setPreferences(await ctx.requireViewer(), args),
  },
}

/** Me's edges load in batches, in key order; AuthPayload.me and Query.me share them. */
export const peopleLoaders: MercuriusLoaders = {
  Me: {
    user: (queries: { obj: MeParent }[], ctx) => ctx.app.peopleService.ownProfiles(queries.map((q) => q.obj.userId)),
    roles: (queries: { obj: MeParent }[], ctx) =>
      Promise.all(queries.map((q) => ctx.app.peopleService.grantsOf(q.obj.userId))),
    preferences: (queries: { obj: MeParent }[], ctx) =>
      ctx.app.peopleService.preferencesOf(queries.map((q) => q.obj.userId)),
  },
}
