import type { IResolvers } from 'mercurius'
import type { PlaceKind } from './places.policy.ts'

export const placesResolvers: IResolvers = {
  Query: {
    communityDirectory: async (_r, a: { search?: string | null }, ctx) =>
      ctx.app.placesService.directory(await ctx.requireViewer(), a.search ?? null),
    administeredPlaces: async (_r, _a, ctx) => ctx.app.placesService.administered(await ctx.requireViewer()),
    place: async (_r, a: { kind: PlaceKind; id: string }, ctx) =>
      ctx.app.placesService.chain(await ctx.requireViewer(), a.kind, a.id),
  },
  Mutation: {
    createStreet: async (_r, a: { districtId: string; name: string }, ctx) =>
      ctx.app.placesService.create(await ctx.requireViewer(), 'street', a.districtId, a.name),
    createCommunity: async (_r, a: { streetId: string; name: string }, ctx) =>
      ctx.app.placesService.create(await ctx.requireViewer(), 'community', a.streetId, a.name),
    createGrid: async (_r, a: { communityId: string; name: string }, ctx) =>
      ctx.app.placesService.create(await ctx.requireViewer(), 'grid', a.communityId, a.name),
    renamePlace: async (_r, a: { kind: PlaceKind; id: string; name: string }, ctx) =>
      ctx.app.placesService.rename(await ctx.requireViewer(), a.kind, a.id, a.name),
  },
}
