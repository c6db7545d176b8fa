/**
 * The staff's console operations for activities, hours, no-shows and 双报到, typed by hand
 * against the SDL in server/src/features/{activities,hours,volunteers}.
 */
import type {
  ActivityState,
  DualReportState,
  HourRecordState,
  NoShowMarkState,
  ProjectCadence,
  ProjectState,
  SignUpState,
} from '@linli/shared'
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'
import {
  ACTIVITY_CORE,
  CHECK_IN_CODE,
  DUAL_REPORT_CORE,
  NO_SHOW_CORE,
  HOUR_RECORD,
  type ActivityCore,
  type CheckInCode,
  type DualReportCore,
  type NoShowMarkCore,
  type HourRecord,
  type HourRecordSource,
} from '../hours-common/records.ts'
import type { PageInfo } from '../three-lists/operations.ts'

export type { CheckInCode, HourRecord, HourRecordSource, PageInfo }
export type { ActivityState, DualReportState, HourRecordState, NoShowMarkState, SignUpState }

// ── Activities ────────────────────────────────────────────────────────────────

export interface Activity extends ActivityCore {
  seriesId: string | null
  unitId: string | null
  createdAt: string
  updatedAt: string
}

const ACTIVITY = `${ACTIVITY_CORE} seriesId unitId createdAt updatedAt`

export interface ActivityInput {
  projectId: string
  title: string
  place: string
  startsAt: string
  endsAt: string
  slots: number
  requiredSkills: string[]
  leaderId: string | null
  signUpDeadline: string | null
  claimingUnitsOnly: boolean
  recurrence: { weekly: number } | null
}

export interface RescheduleInput {
  startsAt: string
  endsAt: string
  place: string
  signUpDeadline: string | null
}

export const ActivitiesQuery: TypedDocumentNode<
  { activities: { nodes: Activity[]; pageInfo: PageInfo } },
  { communityId: string; projectId: string | null; from: string | null; first: number; after: string | null }
> = gql`
  query HoursConsoleActivities($communityId: ID!, $projectId: ID, $from: DateTime, $first: Int, $after: String) {
    activities(communityId: $communityId, projectId: $projectId, from: $from, first: $first, after: $after) {
      nodes { ${ACTIVITY} }
      pageInfo { endCursor hasNextPage }
    }
  }
`

export const ActivityQuery: TypedDocumentNode<{ activity: Activity }, { communityId: string; id: string }> = gql`
  query HoursConsoleActivity($communityId: ID!, $id: ID!) {
    activity(communityId: $communityId, id: $id) { ${ACTIVITY} }
  }
`

export interface ActivitySignUp {
  id: string
  state: SignUpState
  position: number | null
  createdAt: string
  promotedAt: string | null
  cancelledAt: string | null
  volunteer: { id: string; realName: string; phone: string }
}

export const ActivitySignUpsQuery: TypedDocumentNode<
  { activitySignUps: ActivitySignUp[] },
  { communityId: string; activityId: string }
> = gql`
  query HoursConsoleActivitySignUps($communityId: ID!, $activityId: ID!) {
    activitySignUps(communityId: $communityId, activityId: $activityId) {
      id
      state
      position
      createdAt
      promotedAt
      cancelledAt
      volunteer {
        id
        realName
        phone
      }
    }
  }
`

export const CreateActivityMutation: TypedDocumentNode<
  { createActivity: Activity },
  { communityId: string; input: ActivityInput }
> = gql`
  mutation HoursConsoleCreateActivity($communityId: ID!, $input: ActivityInput!) {
    createActivity(communityId: $communityId, input: $input) { ${ACTIVITY} }
  }
`

export const RescheduleActivityMutation: TypedDocumentNode<
  { rescheduleActivity: Activity },
  { communityId: string; id: string; input: RescheduleInput }
> = gql`
  mutation HoursConsoleRescheduleActivity($communityId: ID!, $id: ID!, $input: RescheduleInput!) {
    rescheduleActivity(communityId: $communityId, id: $id, input: $input) { ${ACTIVITY} }
  }
`

export const SetActivitySlotsMutation: TypedDocumentNode<
  { setActivitySlots: Activity },
  { communityId: string; id: string; slots: number }
> = gql`
  mutation HoursConsoleSetActivitySlots($communityId: ID!, $id: ID!, $slots: Int!) {
    setActivitySlots(communityId: $communityId, id: $id, slots: $slots) { ${ACTIVITY} }
  }
`

export const CancelActivityMutation: TypedDocumentNode<
  { cancelActivity: Activity },
  { communityId: string; id: string; reason: string }
> = gql`
  mutation HoursConsoleCancelActivity($communityId: ID!, $id: ID!, $reason: String!) {
    cancelActivity(communityId: $communityId, id: $id, reason: $reason) { ${ACTIVITY} }
  }
`

// ── What the create dialog offers: open projects and who may lead ────────────

export interface OpenProject {
  id: string
  title: string
  cadence: ProjectCadence
  state: ProjectState
  startsAt: string | null
  endsAt: string | null
  claims: { id: string; state: string; unit: { id: string; name: string } }[]
}

export const OpenProjectsQuery: TypedDocumentNode<
  { projects: { nodes: OpenProject[]; pageInfo: PageInfo } },
  { communityId: string; states: ProjectState[] | null; first: number; after: string | null }
> = gql`
  query HoursConsoleOpenProjects($communityId: ID!, $states: [ProjectState!], $first: Int, $after: String) {
    projects(communityId: $communityId, filter: { states: $states }, first: $first, after: $after) {
      nodes {
        id
        title
        cadence
        state
        startsAt
        endsAt
        claims {
          id
          state
          unit {
            id
            name
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`

export interface ScopedGrant {
  id: string
  role: string
  scopeId: string | null
  person: { id: string; realName: string; phoneMasked: string }
}

/** The community's live grants (its staff among them): the leaders staff may pick by name. */
export const CommunityGrantsQuery: TypedDocumentNode<{ grantsInScope: ScopedGrant[] }, { id: string }> = gql`
  query HoursConsoleCommunityGrants($id: ID!) {
    grantsInScope(kind: community, id: $id) {
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

export interface PersonSummary {
  id: string
  realName: string
  phoneMasked: string
}

/** A claiming unit's member as leader, or a walk-in volunteer checked in on site: found by phone. */
export const FindPersonQuery: TypedDocumentNode<{ findPersonByPhone: PersonSummary | null }, { phone: string }> = gql`
  query HoursConsoleFindPerson($phone: String!) {
    findPersonByPhone(phone: $phone) {
      id
      realName
      phoneMasked
    }
  }
`

export interface Place {
  id: string
  kind: string
  name: string
  parentId: string | null
}

export const AdministeredCommunitiesQuery: TypedDocumentNode<
  { administeredPlaces: Place[] },
  Record<string, never>
> = gql`
  query HoursConsolePlaces {
    administeredPlaces {
      id
      kind
      name
      parentId
    }
  }
`

// ── Hours ─────────────────────────────────────────────────────────────────────

/** The code with the server's time beside it, so the page refreshes at `expiresAt` by the server's clock. */
export const CheckInCodeQuery: TypedDocumentNode<
  { checkInCode: CheckInCode; serverTime: string },
  { communityId: string; activityId: string }
> = gql`
  query HoursConsoleCheckInCode($communityId: ID!, $activityId: ID!) {
    checkInCode(communityId: $communityId, activityId: $activityId) { ${CHECK_IN_CODE} }
    serverTime
  }
`

export const ActivityHourRecordsQuery: TypedDocumentNode<
  { activityHourRecords: HourRecord[] },
  { communityId: string; activityId: string }
> = gql`
  query HoursConsoleActivityHourRecords($communityId: ID!, $activityId: ID!) {
    activityHourRecords(communityId: $communityId, activityId: $activityId) { ${HOUR_RECORD} }
  }
`

export const HourRecordsQuery: TypedDocumentNode<
  { hourRecords: { nodes: HourRecord[]; pageInfo: PageInfo; totalCount: number } },
  { communityId: string; state: HourRecordState; activityId: string | null; first: number; after: string | null }
> = gql`
  query HoursConsoleHourRecords(
    $communityId: ID!
    $state: HourRecordState
    $activityId: ID
    $first: Int
    $after: String
  ) {
    hourRecords(communityId: $communityId, state: $state, activityId: $activityId, first: $first, after: $after) {
      nodes { ${HOUR_RECORD} }
      pageInfo { endCursor hasNextPage }
      totalCount
    }
  }
`

type RecordVars = { communityId: string; activityId: string; volunteerId: string }

export const CheckInOnSiteMutation: TypedDocumentNode<{ checkInOnSite: HourRecord }, RecordVars> = gql`
  mutation HoursConsoleCheckInOnSite($communityId: ID!, $activityId: ID!, $volunteerId: ID!) {
    checkInOnSite(communityId: $communityId, activityId: $activityId, volunteerId: $volunteerId) { ${HOUR_RECORD} }
  }
`

export const CheckOutOnSiteMutation: TypedDocumentNode<{ checkOutOnSite: HourRecord }, RecordVars> = gql`
  mutation HoursConsoleCheckOutOnSite($communityId: ID!, $activityId: ID!, $volunteerId: ID!) {
    checkOutOnSite(communityId: $communityId, activityId: $activityId, volunteerId: $volunteerId) { ${HOUR_RECORD} }
  }
`

export interface BackFillInput {
  activityId: string
  volunteerId: string
  minutes: number
  reason: string
}

export const BackFillHoursMutation: TypedDocumentNode<
  { backFillHours: HourRecord },
  { communityId: string; input: BackFillInput }
> = gql`
  mutation HoursConsoleBackFillHours($communityId: ID!, $input: BackFillInput!) {
    backFillHours(communityId: $communityId, input: $input) { ${HOUR_RECORD} }
  }
`

export const AmendHourRecordMutation: TypedDocumentNode<
  { amendHourRecord: HourRecord },
  { communityId: string; id: string; input: { checkInAt: string; checkOutAt: string } }
> = gql`
  mutation HoursConsoleAmendHourRecord($communityId: ID!, $id: ID!, $input: HourTimesInput!) {
    amendHourRecord(communityId: $communityId, id: $id, input: $input) { ${HOUR_RECORD} }
  }
`

export const ApproveHourRecordsMutation: TypedDocumentNode<
  { approveHourRecords: HourRecord[] },
  { communityId: string; ids: string[] }
> = gql`
  mutation HoursConsoleApproveHourRecords($communityId: ID!, $ids: [ID!]!) {
    approveHourRecords(communityId: $communityId, ids: $ids) { ${HOUR_RECORD} }
  }
`

export const RejectHourRecordMutation: TypedDocumentNode<
  { rejectHourRecord: HourRecord },
  { communityId: string; id: string; reason: string }
> = gql`
  mutation HoursConsoleRejectHourRecord($communityId: ID!, $id: ID!, $reason: String!) {
    rejectHourRecord(communityId: $communityId, id: $id, reason: $reason) { ${HOUR_RECORD} }
  }
`

export const CorrectHourRecordMutation: TypedDocumentNode<
  { correctHourRecord: HourRecord },
  { communityId: string; id: string; input: { minutes: number; reason: string } }
> = gql`
  mutation HoursConsoleCorrectHourRecord($communityId: ID!, $id: ID!, $input: CorrectionInput!) {
    correctHourRecord(communityId: $communityId, id: $id, input: $input) { ${HOUR_RECORD} }
  }
`

// ── No-shows ──────────────────────────────────────────────────────────────────

export interface NoShowMark extends NoShowMarkCore {
  volunteer: { id: string; realName: string; phone: string }
}

const NO_SHOW = `${NO_SHOW_CORE} volunteer { id realName phone }`

export const ContestedNoShowsQuery: TypedDocumentNode<{ contestedNoShowMarks: NoShowMark[] }, { communityId: string }> =
  gql`
    query HoursConsoleContestedNoShows($communityId: ID!) {
      contestedNoShowMarks(communityId: $communityId) { ${NO_SHOW} }
    }
  `

export const ResolveNoShowMutation: TypedDocumentNode<
  { resolveNoShow: NoShowMark },
  { communityId: string; id: string; clear: boolean; note: string | null }
> = gql`
  mutation HoursConsoleResolveNoShow($communityId: ID!, $id: ID!, $clear: Boolean!, $note: String) {
    resolveNoShow(communityId: $communityId, id: $id, clear: $clear, note: $note) { ${NO_SHOW} }
  }
`

// ── 双报到 ─────────────────────────────────────────────────────────────────────

export interface DualReport extends DualReportCore {
  member: { id: string; realName: string; phone: string }
}

export const DUAL_REPORT = `${DUAL_REPORT_CORE} member { id realName phone }`

export const DualReportsQuery: TypedDocumentNode<
  { dualReports: DualReport[] },
  { communityId: string; state: DualReportState | null }
> = gql`
  query HoursConsoleDualReports($communityId: ID!, $state: DualReportState) {
    dualReports(communityId: $communityId, state: $state) { ${DUAL_REPORT} }
  }
`

export const ConfirmDualReportMutation: TypedDocumentNode<
  { confirmDualReport: DualReport },
  { communityId: string; id: string }
> = gql`
  mutation HoursConsoleConfirmDualReport($communityId: ID!, $id: ID!) {
    confirmDualReport(communityId: $communityId, id: $id) { ${DUAL_REPORT} }
  }
`

export const RejectDualReportMutation: TypedDocumentNode<
  { rejectDualReport: DualReport },
  { communityId: string; id: string; reason: string }
> = gql`
  mutation HoursConsoleRejectDualReport($communityId: ID!, $id: ID!, $reason: String!) {
    rejectDualReport(communityId: $communityId, id: $id, reason: $reason) { ${DUAL_REPORT} }
  }
`
