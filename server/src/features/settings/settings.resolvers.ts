import type { IResolvers } from 'mercurius'

type Scope = 'district' | 'street'

export const settingsResolvers: IResolvers = {
  Query: {
    communityCategories: async (_r, a: { communityId: string }, ctx) =>
      ctx.app.settingsService.categories(await ctx.requireViewer(), a.communityId),
    communitySettings: async (_r, a: { communityId: string }, ctx) =>
      ctx.app.settingsService.forCommunity(await ctx.requireViewer(), a.communityId),
    defaultSettings: async (_r, a: { scope: Scope; scopeId: string }, ctx) =>
      ctx.app.settingsService.forDefaults(await ctx.requireViewer(), a.scope, a.scopeId),
  },
  Mutation: {
    setCommunitySetting: async (_r, a: { communityId: string; key: string; value: unknown }, ctx) =>
      ctx.app.settingsService.setForCommunity(await ctx.requireViewer(), a.communityId, a.key, a.value),
    resetCommunitySetting: async (_r, a: { communityId: string; key: string }, ctx) =>
      ctx.app.settingsService.resetForCommunity(await ctx.requireViewer(), a.communityId, a.key),
    setDefaultSetting: async (_r, a: { scope: Scope; scopeId: string; key: string; value: unknown }, ctx) =>
      ctx.app.settingsService.setDefault(await ctx.requireViewer(), a.scope, a.scopeId, a.key, a.value),
    resetDefaultSetting: async (_r, a: { scope: Scope; scopeId: string; key: string }, ctx) =>
      ctx.app.settingsService.resetDefault(await ctx.requireViewer(), a.scope, a.scopeId, a.key),
  },
}
