import type { HourRecordState } from '@linli/shared'
import type { IResolvers } from 'mercurius'

type Page = { first?: number; after?: string | null }

export const hoursResolvers: IResolvers = {
  Query: {
    checkInCode: async (_r, a: { communityId: string; activityId: string }, ctx) => {
      const request = ctx.reply.request
      const origin = ctx.app.config.publicUrl ?? `${request.protocol}://${request.host}`
      return ctx.app.hoursService.checkInCode(await ctx.requireViewer(), a.communityId, a.activityId, origin)
    },
    activityHourRecords: async (_r, a: { communityId: string; activityId: string }, ctx) =>
      ctx.app.hoursService.activityHourRecords(await ctx.requireViewer(), a.communityId, a.activityId),
    hourRecords: async (
      _r,
      a: { communityId: string; state?: HourRecordState; activityId?: string | null } & Page,
      ctx,
    ) => ctx.app.hoursService.hourRecords(await ctx.requireViewer(), a.communityId, a),
    myHourRecords: async (_r, a: Page & { activityId?: string | null }, ctx) =>
      ctx.app.hoursService.myHourRecords(await ctx.requireViewer(), a),
    myHours: async (_r, _a, ctx) => ctx.app.hoursService.myHours(await ctx.requireViewer()),
    myNoShowMarks: async (_r, _a, ctx) => ctx.app.hoursService.myNoShowMarks(await ctx.requireViewer()),
    contestedNoShowMarks: async (_r, a: { communityId: string }, ctx) =>
      ctx.app.hoursService.contestedNoShowMarks(await ctx.requireViewer(), a.communityId),
  },
  Mutation: {
    checkIn: async (_r, a: { communityId: string; activityId: string; code: string }, ctx) =>
      ctx.app.hoursService.checkIn(await ctx.requireViewer(), a.communityId, a.activityId, a.code),
    checkOut: async (_r, a: { communityId: string; activityId: string; code: string }, ctx) =>
      ctx.app.hoursService.checkOut(await ctx.requireViewer(), a.communityId, a.activityId, a.code),
    checkInOnSite: async (_r, a: { communityId: string; activityId: string; volunteerId: string }, ctx) =>
      ctx.app.hoursService.checkInOnSite(await ctx.requireViewer(), a.communityId, a.activityId, a.volunteerId),
    checkOutOnSite: async (_r, a: { communityId: string; activityId: string; volunteerId: string }, ctx) =>
      ctx.app.hoursService.checkOutOnSite(await ctx.requireViewer(), a.communityId, a.activityId, a.volunteerId),
    backFillHours: async (_r, a: { communityId: string; input: unknown }, ctx) =>
      ctx.app.hoursService.backFillHours(await ctx.requireViewer(), a.communityId, a.input),
    amendHourRecord: async (_r, a: { communityId: string; id: string; input: unknown }, ctx) =>
      ctx.app.hoursService.amendHourRecord(await ctx.requireViewer(), a.communityId, a.id, a.input),
    approveHourRecords: async (_r, a: { communityId: string; ids: string[] }, ctx) =>
      ctx.app.hoursService.approveHourRecords(await ctx.requireViewer(), a.communityId, a.ids),
    rejectHourRecord: async (_r, a: { communityId: string; id: string; reason: string }, ctx) =>
      ctx.app.hoursService.rejectHourRecord(await ctx.requireViewer(), a.communityId, a.id, a.reason),
    correctHourRecord: async (_r, a: { communityId: string; id: string; input: unknown }, ctx) =>
      ctx.app.hoursService.correctHourRecord(await ctx.requireViewer(), a.communityId, a.id, a.input),
    contestNoShow: async (_r, a: { communityId: string; id: string; reason: string }, ctx) =>
      ctx.app.hoursService.contestNoShow(await ctx.requireViewer(), a.communityId, a.id, a.reason),
    resolveNoShow: async (_r, a: { communityId: string; id: string; clear: boolean; note?: string | null }, ctx) =>
      ctx.app.hoursService.resolveNoShow(await ctx.requireViewer(), a.communityId, a.id, a.clear, a.note),
  },
}
