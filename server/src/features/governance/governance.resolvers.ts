import type { IResolvers } from 'mercurius'

export const governanceResolvers: IResolvers = {
  Query: {
    allianceGovernance: async (_r, a: { communityId: string }, ctx) =>
      ctx.app.governanceService.view(await ctx.requireViewer(), a.communityId),
  },
  Mutation: {
    setAllianceOfficers: async (_r, a: { communityId: string; input: unknown }, ctx) =>
      ctx.app.governanceService.setOfficers(await ctx.requireViewer(), a.communityId, a.input),
    setDeputyRotation: async (_r, a: { communityId: string; unitIds: string[] }, ctx) =>
      ctx.app.governanceService.setRotation(await ctx.requireViewer(), a.communityId, a.unitIds),
    adoptAllianceCharter: async (_r, a: { communityId: string; body: string; adoptedOn: string }, ctx) =>
      ctx.app.governanceService.adoptCharter(await ctx.requireViewer(), a.communityId, a.body, a.adoptedOn),
    setAllianceAgreement: async (_r, a: { communityId: string; unitId: string; input: unknown }, ctx) =>
      ctx.app.governanceService.setAgreement(await ctx.requireViewer(), a.communityId, a.unitId, a.input),
    scheduleAllianceMeeting: async (_r, a: { communityId: string; input: unknown }, ctx) =>
      ctx.app.governanceService.scheduleMeeting(await ctx.requireViewer(), a.communityId, a.input),
    recordAllianceMeeting: async (_r, a: { communityId: string; meetingId: string; input: unknown }, ctx) =>
      ctx.app.governanceService.recordMeeting(await ctx.requireViewer(), a.communityId, a.meetingId, a.input),
    resolutionToProject: async (_r, a: { communityId: string; resolutionId: string }, ctx) =>
      ctx.app.governanceService.resolutionToProject(await ctx.requireViewer(), a.communityId, a.resolutionId),
    fulfilSixOne: async (_r, a: { communityId: string; item: string; linkIds: string[]; note?: string | null }, ctx) =>
      ctx.app.governanceService.fulfilSixOne(await ctx.requireViewer(), a.communityId, a.item, a.linkIds, a.note ?? ''),
  },
}
