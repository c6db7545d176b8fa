/**
 * The alliance governance operations (server/src/features/governance/governance.graphql), typed
 * by hand against the SDL: the community's alliance as one read, and the staff's changes. Every
 * change but scheduling, recording a meeting and turning a resolution into a project answers the
 * whole alliance again.
 */
import type { SixOneItem } from '@linli/shared'
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'

export type { SixOneItem }

export interface AllianceOfficer {
  id: string
  /** secretary | committee */
  role: string
  name: string
  title: string
  unitId: string | null
  unitName: string | null
}

export interface RotationUnit {
  unitId: string
  unitName: string
  position: number
}

/** A half-year term of the rotating deputy secretary: `2026H2` is 1 July – 31 December. */
export interface DeputyTerm {
  term: string
  unitId: string
  unitName: string
  startsOn: string
  endsOn: string
  /** When the unit took over (null for a term still ahead). */
  handedOverAt?: string | null
}

export interface AllianceCharter {
  id: string
  version: number
  body: string
  adoptedOn: string
  createdAt: string
}

export interface AllianceMember {
  unitId: string
  unitName: string
  agreementSignedOn: string | null
  agreementFileId: string | null
  agreementRenewsOn: string | null
}

export interface MeetingAttendance {
  unitId: string
  unitName: string
  attendee: string
  present: boolean
}

export interface AllianceResolution {
  id: string
  body: string
  /** The draft project it became, if it did. */
  projectId: string | null
  createdAt: string
}

export type MeetingState = 'planned' | 'held'

export interface AllianceMeeting {
  id: string
  title: string
  heldAt: string
  place: string
  agenda: string
  minutes: string
  state: MeetingState
  attendance: MeetingAttendance[]
  resolutions: AllianceResolution[]
}

export type SixOneKind = 'activity' | 'meeting' | 'needs' | 'resolutions'

export interface SixOne {
  term: string
  item: SixOneItem
  /** The server's Chinese name (the page names items from its own words). */
  name: string
  fulfilledBy: SixOneKind
  done: boolean
  linkIds: string[]
  note: string
  fulfilledAt: string | null
}

export interface AllianceGovernance {
  communityId: string
  allianceId: string
  name: string
  secretary: AllianceOfficer | null
  committee: AllianceOfficer[]
  rotation: RotationUnit[]
  currentTerm: DeputyTerm | null
  /** The next two terms. */
  schedule: DeputyTerm[]
  charter: AllianceCharter | null
  charterVersions: AllianceCharter[]
  members: AllianceMember[]
  meetings: AllianceMeeting[]
  sixOnes: SixOne[]
}

const OFFICER = 'id role name title unitId unitName'
const CHARTER = 'id version body adoptedOn createdAt'
const MEETING =
  'id title heldAt place agenda minutes state attendance { unitId unitName attendee present } resolutions { id body projectId createdAt }'
const GOVERNANCE = `communityId allianceId name
  secretary { ${OFFICER} } committee { ${OFFICER} }
  rotation { unitId unitName position }
  currentTerm { term unitId unitName startsOn endsOn handedOverAt }
  schedule { term unitId unitName startsOn endsOn }
  charter { ${CHARTER} } charterVersions { ${CHARTER} }
  members { unitId unitName agreementSignedOn agreementFileId agreementRenewsOn }
  meetings { ${MEETING} }
  sixOnes { term item name fulfilledBy done linkIds note fulfilledAt }`

type Community = { communityId: string }

export const AllianceGovernanceQuery: TypedDocumentNode<{ allianceGovernance: AllianceGovernance }, Community> = gql`
  query AllianceGovernance($communityId: ID!) {
    allianceGovernance(communityId: $communityId) { ${GOVERNANCE} }
  }
`

export const SetDeputyRotationMutation: TypedDocumentNode<
  { setDeputyRotation: AllianceGovernance },
  Community & { unitIds: string[] }
> = gql`
  mutation SetDeputyRotation($communityId: ID!, $unitIds: [ID!]!) {
    setDeputyRotation(communityId: $communityId, unitIds: $unitIds) { ${GOVERNANCE} }
  }
`

export const AdoptCharterMutation: TypedDocumentNode<
  { adoptAllianceCharter: AllianceGovernance },
  Community & { body: string; adoptedOn: string }
> = gql`
  mutation AdoptAllianceCharter($communityId: ID!, $body: String!, $adoptedOn: String!) {
    adoptAllianceCharter(communityId: $communityId, body: $body, adoptedOn: $adoptedOn) { ${GOVERNANCE} }
  }
`

export interface AgreementInput {
  signedOn: string | null
  renewsOn: string | null
  fileId: string | null
}

export const SetAgreementMutation: TypedDocumentNode<
  { setAllianceAgreement: AllianceGovernance },
  Community & { unitId: string; input: AgreementInput }
> = gql`
  mutation SetAllianceAgreement($communityId: ID!, $unitId: ID!, $input: AgreementInput!) {
    setAllianceAgreement(communityId: $communityId, unitId: $unitId, input: $input) { ${GOVERNANCE} }
  }
`

export interface MeetingInput {
  title: string
  /** ISO instant. */
  heldAt: string
  place: string
  agenda: string
}

export const ScheduleMeetingMutation: TypedDocumentNode<
  { scheduleAllianceMeeting: AllianceMeeting },
  Community & { input: MeetingInput }
> = gql`
  mutation ScheduleAllianceMeeting($communityId: ID!, $input: MeetingInput!) {
    scheduleAllianceMeeting(communityId: $communityId, input: $input) { ${MEETING} }
  }
`

export interface MeetingRecordInput {
  minutes: string
  attendance: { unitId: string; attendee: string; present: boolean }[]
  resolutions: string[]
}

export const RecordMeetingMutation: TypedDocumentNode<
  { recordAllianceMeeting: AllianceMeeting },
  Community & { meetingId: string; input: MeetingRecordInput }
> = gql`
  mutation RecordAllianceMeeting($communityId: ID!, $meetingId: ID!, $input: MeetingRecordInput!) {
    recordAllianceMeeting(communityId: $communityId, meetingId: $meetingId, input: $input) { ${MEETING} }
  }
`

export const ResolutionToProjectMutation: TypedDocumentNode<
  { resolutionToProject: { id: string; title: string; state: string } },
  Community & { resolutionId: string }
> = gql`
  mutation ResolutionToProject($communityId: ID!, $resolutionId: ID!) {
    resolutionToProject(communityId: $communityId, resolutionId: $resolutionId) {
      id
      title
      state
    }
  }
`

export const FulfilSixOneMutation: TypedDocumentNode<
  { fulfilSixOne: AllianceGovernance },
  Community & { item: string; linkIds: string[]; note: string | null }
> = gql`
  mutation FulfilSixOne($communityId: ID!, $item: String!, $linkIds: [ID!]!, $note: String) {
    fulfilSixOne(communityId: $communityId, item: $item, linkIds: $linkIds, note: $note) { ${GOVERNANCE} }
  }
`

/** The communities whose alliance a unit is an active member of (for its admins). */
export const UnitCommunitiesQuery: TypedDocumentNode<
  { unitAlliances: { communityId: string; communityName: string; status: string }[] },
  { unitId: string }
> = gql`
  query GovernanceUnitCommunities($unitId: ID!) {
    unitAlliances(unitId: $unitId) {
      communityId
      communityName
      status
    }
  }
`
