/** The unit pages' GraphQL operations (alliance, rosters, teams, unit admins), typed by hand against the SDL. */
import type { AllianceUnitState, Role, UnitKind, UnitMemberState } from '@linli/shared'
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'

export type { AllianceUnitState, UnitKind, UnitMemberState }

export interface Unit {
  id: string
  name: string
  kind: UnitKind
}

/** A person as the server shows them here: the phone is masked unless the viewer needs it. */
export interface Person {
  id: string
  realName: string
  phone: string
}

export interface PersonSummary {
  id: string
  realName: string
  phoneMasked: string
}

export interface AllianceUnit {
  unit: Unit
  communityId: string
  communityName: string
  allianceId: string
  allianceName: string
  status: AllianceUnitState
  /** YYYY-MM-DD, or null when not signed. */
  agreementSignedOn: string | null
  joinedAt: string
  leftAt: string | null
}

export interface Alliance {
  id: string
  communityId: string
  name: string
  units: AllianceUnit[]
}

export interface UnitMember {
  user: Person
  status: UnitMemberState
  isPartyMember: boolean
  joinedAt: string | null
  createdAt: string
}

export interface UnitMembership {
  unit: Unit
  status: UnitMemberState
  isPartyMember: boolean
  joinedAt: string | null
  createdAt: string
}

export interface TeamMember {
  user: Person
  joinedAt: string
}

export interface Team {
  id: string
  name: string
  unitId: string | null
  communityId: string | null
  leader: Person | null
  members: TeamMember[]
  createdAt: string
  archivedAt: string | null
}

/** Whose teams: exactly one of a unit or a community. */
export type TeamOwner = { unitId: string } | { communityId: string }

export interface ScopedGrant {
  id: string
  role: Role
  scopeId: string | null
  person: PersonSummary
}

const UNIT = 'unit { id name kind }'
const ALLIANCE_UNIT = `${UNIT} communityId communityName allianceId allianceName status agreementSignedOn joinedAt leftAt`
const PERSON = 'id realName phone'
const MEMBER = `user { ${PERSON} } status isPartyMember joinedAt createdAt`
const MEMBERSHIP = `${UNIT} status isPartyMember joinedAt createdAt`
const TEAM = `id name unitId communityId leader { ${PERSON} } members { user { ${PERSON} } joinedAt } createdAt archivedAt`

// Alliance (community staff)

export const AllianceQuery: TypedDocumentNode<{ alliance: Alliance | null }, { communityId: string }> = gql`
  query UnitsAlliance($communityId: ID!) {
    alliance(communityId: $communityId) { id communityId name units { ${ALLIANCE_UNIT} } }
  }
`

export const UnitsSearchQuery: TypedDocumentNode<{ unitsSearch: Unit[] }, { name: string }> = gql`
  query UnitsSearch($name: String!) {
    unitsSearch(name: $name) {
      id
      name
      kind
    }
  }
`

export const CreateUnitMutation: TypedDocumentNode<
  { createUnit: AllianceUnit },
  { communityId: string; input: { name: string; kind: UnitKind; agreementSignedOn: string | null } }
> = gql`
  mutation CreateUnit($communityId: ID!, $input: CreateUnitInput!) {
    createUnit(communityId: $communityId, input: $input) { ${ALLIANCE_UNIT} }
  }
`

export const InviteUnitMutation: TypedDocumentNode<
  { inviteUnitToAlliance: AllianceUnit },
  { communityId: string; unitId: string }
> = gql`
  mutation InviteUnitToAlliance($communityId: ID!, $unitId: ID!) {
    inviteUnitToAlliance(communityId: $communityId, unitId: $unitId) { ${ALLIANCE_UNIT} }
  }
`

export const RemoveUnitMutation: TypedDocumentNode<
  { removeUnitFromAlliance: AllianceUnit },
  { communityId: string; unitId: string }
> = gql`
  mutation RemoveUnitFromAlliance($communityId: ID!, $unitId: ID!) {
    removeUnitFromAlliance(communityId: $communityId, unitId: $unitId) { ${ALLIANCE_UNIT} }
  }
`

export const SetAgreementMutation: TypedDocumentNode<
  { setAgreementSigned: AllianceUnit },
  { communityId: string; unitId: string; date: string | null }
> = gql`
  mutation SetAgreementSigned($communityId: ID!, $unitId: ID!, $date: String) {
    setAgreementSigned(communityId: $communityId, unitId: $unitId, date: $date) { ${ALLIANCE_UNIT} }
  }
`

// Unit admins (role grants scoped to alliance units)

export const CommunityGrantsQuery: TypedDocumentNode<{ grantsInScope: ScopedGrant[] }, { communityId: string }> = gql`
  query UnitsCommunityGrants($communityId: ID!) {
    grantsInScope(kind: community, id: $communityId) {
      id
      role
      scopeId
      person {
        id
        realName
        phoneMasked
      }
    }
  }
`

export const FindPersonQuery: TypedDocumentNode<{ findPersonByPhone: PersonSummary | null }, { phone: string }> = gql`
  query UnitsFindPerson($phone: String!) {
    findPersonByPhone(phone: $phone) {
      id
      realName
      phoneMasked
    }
  }
`

export const AppointUnitAdminMutation: TypedDocumentNode<
  { grantRole: ScopedGrant },
  { phone: string; unitId: string }
> = gql`
  mutation AppointUnitAdmin($phone: String!, $unitId: ID!) {
    grantRole(input: { phone: $phone, role: unit_admin, scopeId: $unitId }) {
      id
      role
      scopeId
      person {
        id
        realName
        phoneMasked
      }
    }
  }
`

export const RevokeUnitAdminMutation: TypedDocumentNode<{ revokeRole: boolean }, { grantId: string }> = gql`
  mutation RevokeUnitAdmin($grantId: ID!) {
    revokeRole(grantId: $grantId)
  }
`

// Alliance invitations (unit admins)

export const UnitAlliancesQuery: TypedDocumentNode<{ unitAlliances: AllianceUnit[] }, { unitId: string }> = gql`
  query UnitAlliances($unitId: ID!) { unitAlliances(unitId: $unitId) { ${ALLIANCE_UNIT} } }
`

export const AcceptAllianceMutation: TypedDocumentNode<
  { acceptAllianceInvitation: AllianceUnit },
  { communityId: string; unitId: string }
> = gql`
  mutation AcceptAllianceInvitation($communityId: ID!, $unitId: ID!) {
    acceptAllianceInvitation(communityId: $communityId, unitId: $unitId) { ${ALLIANCE_UNIT} }
  }
`

export const DeclineAllianceMutation: TypedDocumentNode<
  { declineAllianceInvitation: AllianceUnit },
  { communityId: string; unitId: string }
> = gql`
  mutation DeclineAllianceInvitation($communityId: ID!, $unitId: ID!) {
    declineAllianceInvitation(communityId: $communityId, unitId: $unitId) { ${ALLIANCE_UNIT} }
  }
`

// Rosters (unit admins)

export type RosterTab = 'active' | 'requested' | 'invited'

/** One page of one tab, and how many people each tab holds (for the tab labels). */
export const RosterQuery: TypedDocumentNode<
  {
    page: { unit: Unit; total: number; members: UnitMember[] }
    active: { total: number }
    requested: { total: number }
    invited: { total: number }
  },
  { unitId: string; status: RosterTab; first: number; offset: number }
> = gql`
  query UnitRosterPage($unitId: ID!, $status: UnitMemberStatus!, $first: Int!, $offset: Int!) {
    page: unitRoster(unitId: $unitId, status: [$status], first: $first, offset: $offset) {
      ${UNIT}
      total
      members { ${MEMBER} }
    }
    active: unitRoster(unitId: $unitId, status: [active], first: 1) { total }
    requested: unitRoster(unitId: $unitId, status: [requested], first: 1) { total }
    invited: unitRoster(unitId: $unitId, status: [invited], first: 1) { total }
  }
`

/** Active members, a page at a time (the candidates for a unit's teams). */
export const ActiveMembersQuery: TypedDocumentNode<
  { unitRoster: { unit: Unit; total: number; members: UnitMember[] } },
  { unitId: string; first: number; offset: number }
> = gql`
  query UnitActiveMembers($unitId: ID!, $first: Int!, $offset: Int!) {
    unitRoster(unitId: $unitId, status: [active], first: $first, offset: $offset) {
      ${UNIT}
      total
      members { ${MEMBER} }
    }
  }
`

export const InviteMemberMutation: TypedDocumentNode<
  { inviteUnitMember: UnitMember },
  { unitId: string; phone: string; isPartyMember: boolean }
> = gql`
  mutation InviteUnitMember($unitId: ID!, $phone: String!, $isPartyMember: Boolean!) {
    inviteUnitMember(unitId: $unitId, phone: $phone, isPartyMember: $isPartyMember) { ${MEMBER} }
  }
`

type MemberVars = { unitId: string; userId: string }

export const ApproveMemberMutation: TypedDocumentNode<{ approveUnitMember: UnitMember }, MemberVars> = gql`
  mutation ApproveUnitMember($unitId: ID!, $userId: ID!) {
    approveUnitMember(unitId: $unitId, userId: $userId) { ${MEMBER} }
  }
`

export const DeclineMemberMutation: TypedDocumentNode<{ declineUnitMember: UnitMember }, MemberVars> = gql`
  mutation DeclineUnitMember($unitId: ID!, $userId: ID!) {
    declineUnitMember(unitId: $unitId, userId: $userId) { ${MEMBER} }
  }
`

export const RemoveMemberMutation: TypedDocumentNode<{ removeUnitMember: UnitMember }, MemberVars> = gql`
  mutation RemoveUnitMember($unitId: ID!, $userId: ID!) {
    removeUnitMember(unitId: $unitId, userId: $userId) { ${MEMBER} }
  }
`

export const SetPartyMemberMutation: TypedDocumentNode<
  { setPartyMember: UnitMember },
  MemberVars & { isPartyMember: boolean }
> = gql`
  mutation SetPartyMember($unitId: ID!, $userId: ID!, $isPartyMember: Boolean!) {
    setPartyMember(unitId: $unitId, userId: $userId, isPartyMember: $isPartyMember) { ${MEMBER} }
  }
`

// The signed-in person's units

export const MyUnitsQuery: TypedDocumentNode<{ myUnits: UnitMembership[] }, Record<string, never>> = gql`
  query MyUnits { myUnits { ${MEMBERSHIP} } }
`

export const AcceptUnitInvitationMutation: TypedDocumentNode<
  { acceptUnitInvitation: UnitMembership },
  { unitId: string }
> = gql`
  mutation AcceptUnitInvitation($unitId: ID!) { acceptUnitInvitation(unitId: $unitId) { ${MEMBERSHIP} } }
`

export const DeclineUnitInvitationMutation: TypedDocumentNode<
  { declineUnitInvitation: UnitMembership },
  { unitId: string }
> = gql`
  mutation DeclineUnitInvitation($unitId: ID!) { declineUnitInvitation(unitId: $unitId) { ${MEMBERSHIP} } }
`

// Teams (a unit's admins, a community's staff)

export const TeamsQuery: TypedDocumentNode<{ teams: Team[] }, { owner: TeamOwner; includeArchived: boolean }> = gql`
  query Teams($owner: TeamOwnerInput!, $includeArchived: Boolean!) {
    teams(owner: $owner, includeArchived: $includeArchived) { ${TEAM} }
  }
`

export const CreateTeamMutation: TypedDocumentNode<
  { createTeam: Team },
  { owner: TeamOwner; name: string; leaderId: string | null }
> = gql`
  mutation CreateTeam($owner: TeamOwnerInput!, $name: String!, $leaderId: ID) {
    createTeam(owner: $owner, name: $name, leaderId: $leaderId) { ${TEAM} }
  }
`

export const RenameTeamMutation: TypedDocumentNode<{ renameTeam: Team }, { teamId: string; name: string }> = gql`
  mutation RenameTeam($teamId: ID!, $name: String!) { renameTeam(teamId: $teamId, name: $name) { ${TEAM} } }
`

type TeamMemberVars = { teamId: string; userId: string }

export const SetTeamLeaderMutation: TypedDocumentNode<{ setTeamLeader: Team }, TeamMemberVars> = gql`
  mutation SetTeamLeader($teamId: ID!, $userId: ID!) { setTeamLeader(teamId: $teamId, userId: $userId) { ${TEAM} } }
`

export const AddTeamMemberMutation: TypedDocumentNode<{ addTeamMember: Team }, TeamMemberVars> = gql`
  mutation AddTeamMember($teamId: ID!, $userId: ID!) { addTeamMember(teamId: $teamId, userId: $userId) { ${TEAM} } }
`

export const RemoveTeamMemberMutation: TypedDocumentNode<{ removeTeamMember: Team }, TeamMemberVars> = gql`
  mutation RemoveTeamMember($teamId: ID!, $userId: ID!) {
    removeTeamMember(teamId: $teamId, userId: $userId) { ${TEAM} }
  }
`

export const ArchiveTeamMutation: TypedDocumentNode<{ archiveTeam: Team }, { teamId: string }> = gql`
  mutation ArchiveTeam($teamId: ID!) { archiveTeam(teamId: $teamId) { ${TEAM} } }
`
