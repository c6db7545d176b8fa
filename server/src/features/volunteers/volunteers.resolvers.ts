import type { DualReportState } from '@linli/shared'
import type { IResolvers } from 'mercurius'
import type { ProfileView } from './volunteers.service.ts'

export const volunteersResolvers: IResolvers = {
  VolunteerProfile: {
    // Only when asked: the profile was authorised for this viewer already.
    dualReport: async (profile: ProfileView, _a, ctx) =>
      ctx.app.dualReportsService.liveReportOf(await ctx.requireViewer(), profile.userId),
  },
  Query: {
    myVolunteerProfile: async (_r, _a, ctx) => ctx.app.volunteersService.myProfile(await ctx.requireViewer()),
    volunteerProfile: async (_r, a: { communityId: string; userId: string }, ctx) =>
      ctx.app.volunteersService.profile(await ctx.requireViewer(), a.communityId, a.userId),
    communityVolunteers: async (
      _r,
      a: { communityId: string; search?: string | null; first?: number | null; offset?: number | null },
      ctx,
    ) => ctx.app.volunteersService.communityVolunteers(await ctx.requireViewer(), a.communityId, a),
    suggestedActivities: async (_r, a: { first?: number | null }, ctx) =>
      ctx.app.volunteersService.suggestions(await ctx.requireViewer(), a.first),
    dualReports: async (_r, a: { communityId: string; state?: DualReportState | null }, ctx) =>
      ctx.app.dualReportsService.forCommunity(await ctx.requireViewer(), a.communityId, a.state),
    unitDualReports: async (_r, a: { unitId: string; state?: DualReportState | null }, ctx) =>
      ctx.app.dualReportsService.forUnit(await ctx.requireViewer(), a.unitId, a.state),
    unitMembersService: async (_r, a: { unitId: string; year?: number | null }, ctx) =>
      ctx.app.dualReportsService.unitMembersService(await ctx.requireViewer(), a.unitId, a.year),
  },
  Mutation: {
    saveVolunteerProfile: async (_r, a: { input: Record<string, unknown> }, ctx) =>
      ctx.app.volunteersService.saveProfile(await ctx.requireViewer(), a.input),
    requestDualReport: async (_r, a: { communityId: string; unitId: string }, ctx) =>
      ctx.app.dualReportsService.request(await ctx.requireViewer(), a.communityId, a.unitId),
    confirmDualReport: async (_r, a: { communityId: string; id: string }, ctx) =>
      ctx.app.dualReportsService.confirm(await ctx.requireViewer(), a.communityId, a.id),
    rejectDualReport: async (_r, a: { communityId: string; id: string; reason: string }, ctx) =>
      ctx.app.dualReportsService.reject(await ctx.requireViewer(), a.communityId, a.id, a.reason),
    endDualReport: async (_r, a: { communityId: string; id: string }, ctx) =>
      ctx.app.dualReportsService.end(await ctx.requireViewer(), a.communityId, a.id),
  },
}
