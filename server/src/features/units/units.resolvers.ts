/** Thin resolvers: arguments → service calls with the signed-in viewer. */
import type { IResolvers } from 'mercurius'
import type { UnitMemberStatus } from './units.repository.ts'

type Owner = { unitId?: string | null; communityId?: string | null }
type CommunityUnit = { communityId: string; unitId: string }
type UnitUser = { unitId: string; userId: string }
type TeamUser = { teamId: string; userId: string }

export const unitsResolvers: IResolvers = {
  Query: {
    alliance: async (_root, args: { communityId: string }, ctx) =>
      ctx.app.unitsService.alliance(await ctx.requireViewer(), args.communityId),
    unitsSearch: async (_root, args: { name: string }, ctx) =>
      ctx.app.unitsService.unitsSearch(await ctx.requireViewer(), args.name),
    unitAlliances: async (_root, args: { unitId: string }, ctx) =>
      ctx.app.unitsService.unitAlliances(await ctx.requireViewer(), args.unitId),
    unitRoster: async (
      _root,
      args: { unitId: string; status?: UnitMemberStatus[] | null; first?: number | null; offset?: number | null },
      ctx,
    ) => ctx.app.unitsService.unitRoster(await ctx.requireViewer(), args.unitId, args),
    myUnits: async (_root, _args, ctx) => ctx.app.unitsService.myUnits(await ctx.requireViewer()),
    teams: async (_root, args: { owner: Owner; includeArchived?: boolean | null }, ctx) =>
      ctx.app.unitsService.teams(await ctx.requireViewer(), args.owner, args.includeArchived ?? false),
  },
  Mutation: {
    createUnit: async (_root, args: { communityId: string; input: unknown }, ctx) =>
      ctx.app.unitsService.createUnit(await ctx.requireViewer(), args.communityId, args.input),
    inviteUnitToAlliance: async (_root, args: CommunityUnit & { agreementSignedOn?: string | null }, ctx) =>
      ctx.app.unitsService.inviteUnitToAlliance(
        await ctx.requireViewer(),
        args.communityId,
        args.unitId,
        args.agreementSignedOn,
      ),
    acceptAllianceInvitation: async (_root, args: CommunityUnit, ctx) =>
      ctx.app.unitsService.acceptAllianceInvitation(await ctx.requireViewer(), args.communityId, args.unitId),
    declineAllianceInvitation: async (_root, args: CommunityUnit, ctx) =>
      ctx.app.unitsService.declineAllianceInvitation(await ctx.requireViewer(), args.communityId, args.unitId),
    removeUnitFromAlliance: async (_root, args: CommunityUnit, ctx) =>
      ctx.app.unitsService.removeUnitFromAlliance(await ctx.requireViewer(), args.communityId, args.unitId),
    setAgreementSigned: async (_root, args: CommunityUnit & { date?: string | null }, ctx) =>
      ctx.app.unitsService.setAgreementSigned(
        await ctx.requireViewer(),
        args.communityId,
        args.unitId,
        args.date ?? null,
      ),

    setUnitLogo: async (_root, args: { unitId: string; fileId?: string | null }, ctx) =>
      ctx.app.unitsService.setUnitLogo(await ctx.requireViewer(), args.unitId, args.fileId ?? null),

    inviteUnitMember: async (_root, args: { unitId: string; phone: string; isPartyMember?: boolean | null }, ctx) =>
      ctx.app.unitsService.inviteUnitMember(
        await ctx.requireViewer(),
        args.unitId,
        args.phone,
        args.isPartyMember ?? false,
      ),
    acceptUnitInvitation: async (_root, args: { unitId: string }, ctx) =>
      ctx.app.unitsService.acceptUnitInvitation(await ctx.requireViewer(), args.unitId),
    declineUnitInvitation: async (_root, args: { unitId: string }, ctx) =>
      ctx.app.unitsService.declineUnitInvitation(await ctx.requireViewer(), args.unitId),
    requestToJoinUnit: async (_root, args: { unitId: string }, ctx) =>
      ctx.app.unitsService.requestToJoinUnit(await ctx.requireViewer(), args.unitId),
    approveUnitMember: async (_root, args: UnitUser, ctx) =>
      ctx.app.unitsService.approveUnitMember(await ctx.requireViewer(), args.unitId, args.userId),
    declineUnitMember: async (_root, args: UnitUser, ctx) =>
      ctx.app.unitsService.declineUnitMember(await ctx.requireViewer(), args.unitId, args.userId),
    setPartyMember: async (_root, args: UnitUser & { isPartyMember: boolean }, ctx) =>
      ctx.app.unitsService.setPartyMember(await ctx.requireViewer(), args.unitId, args.userId, args.isPartyMember),
    removeUnitMember: async (_root, args: UnitUser, ctx) =>
      ctx.app.unitsService.removeUnitMember(await ctx.requireViewer(), args.unitId, args.userId),

    createTeam: async (_root, args: { owner: Owner; name: string; leaderId?: string | null }, ctx) =>
      ctx.app.unitsService.createTeam(await ctx.requireViewer(), args.owner, args.name, args.leaderId),
    renameTeam: async (_root, args: { teamId: string; name: string }, ctx) =>
      ctx.app.unitsService.renameTeam(await ctx.requireViewer(), args.teamId, args.name),
    setTeamLeader: async (_root, args: TeamUser, ctx) =>
      ctx.app.unitsService.setTeamLeader(await ctx.requireViewer(), args.teamId, args.userId),
    addTeamMember: async (_root, args: TeamUser, ctx) =>
      ctx.app.unitsService.addTeamMember(await ctx.requireViewer(), args.teamId, args.userId),
    removeTeamMember: async (_root, args: TeamUser, ctx) =>
      ctx.app.unitsService.removeTeamMember(await ctx.requireViewer(), args.teamId, args.userId),
    archiveTeam: async (_root, args: { teamId: string }, ctx) =>
      ctx.app.unitsService.archiveTeam(await ctx.requireViewer(), args.teamId),
  },
}
