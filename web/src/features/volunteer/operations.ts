/**
 * The volunteer's and the leader's operations on the phone (activities, hours and volunteers
 * SDL), typed by hand: finding and signing up for activities, checking in and out with the
 * leader's code, the leader's code and roster, my hours and no-show marks, my profile and 双报到.
 */
import type {
  ActivityState,
  AvailabilitySlot,
  DualReportState,
  HourRecordState,
  IdType,
  NoShowMarkState,
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

export type { CheckInCode, HourRecord, HourRecordSource }
export type { ActivityState, AvailabilitySlot, DualReportState, HourRecordState, NoShowMarkState, SignUpState }

// ── Activities and sign-ups ──

export interface MySignUp {
  id: string
  state: SignUpState
  position: number | null
  createdAt: string
}

export interface Activity extends ActivityCore {
  mySignUp: MySignUp | null
  /** Check-in opens then (the community's tolerance before the start); it closes at the end. */
  checkInOpensAt: string
  /** Check-out stays open until then (the tolerance after the end). */
  checkOutClosesAt: string
}

const ACTIVITY = `${ACTIVITY_CORE} mySignUp { id state position createdAt } checkInOpensAt checkOutClosesAt`

export interface ActivityPage {
  nodes: Activity[]
  pageInfo: PageInfo
}

export const ActivitiesQuery: TypedDocumentNode<
  { activities: ActivityPage },
  { communityId: string; from: string | null; first: number; after: string | null }
> = gql`
  query VolunteerActivities($communityId: ID!, $from: DateTime, $first: Int, $after: String) {
    activities(communityId: $communityId, from: $from, first: $first, after: $after) {
      nodes { ${ACTIVITY} }
      pageInfo { endCursor hasNextPage }
    }
  }
`

export const ActivityQuery: TypedDocumentNode<{ activity: Activity }, { communityId: string; id: string }> = gql`
  query VolunteerActivity($communityId: ID!, $id: ID!) {
    activity(communityId: $communityId, id: $id) { ${ACTIVITY} }
  }
`

/** 我带队的活动: the scheduled activities I lead that are not over yet, soonest first. */
export const MyLedActivitiesQuery: TypedDocumentNode<{ myLedActivities: Activity[] }, { first: number }> = gql`
  query MyLedActivities($first: Int) {
    myLedActivities(first: $first) { ${ACTIVITY} }
  }
`

/** Why an activity is suggested (the server's codes; a newer one is shown generically). */
export const SUGGESTION_REASONS = ['skills_match', 'available', 'same_grid', 'reliable', 'few_places_left'] as const
export type SuggestionReason = (typeof SUGGESTION_REASONS)[number]

export interface SuggestedActivity {
  activity: Activity
  score: number
  reasons: string[]
}

export const SuggestedActivitiesQuery: TypedDocumentNode<
  { suggestedActivities: SuggestedActivity[] },
  { first: number }
> = gql`
  query SuggestedActivities($first: Int) {
    suggestedActivities(first: $first) { activity { ${ACTIVITY} } score reasons }
  }
`

export interface SignUp {
  id: string
  communityId: string
  activityId: string
  state: SignUpState
  position: number | null
  createdAt: string
  promotedAt: string | null
  cancelledAt: string | null
  activity: Activity
}

const SIGN_UP = `id communityId activityId state position createdAt promotedAt cancelledAt activity { ${ACTIVITY} }`

export const MySignUpsQuery: TypedDocumentNode<
  { mySignUps: { nodes: SignUp[]; pageInfo: PageInfo } },
  { first: number; after: string | null }
> = gql`
  query MySignUps($first: Int, $after: String) {
    mySignUps(first: $first, after: $after) {
      nodes { ${SIGN_UP} }
      pageInfo { endCursor hasNextPage }
    }
  }
`

export const SignUpMutation: TypedDocumentNode<
  { signUp: SignUp },
  { communityId: string; activityId: string; idempotencyKey: string }
> = gql`
  mutation SignUp($communityId: ID!, $activityId: ID!, $idempotencyKey: String) {
    signUp(communityId: $communityId, activityId: $activityId, idempotencyKey: $idempotencyKey) { ${SIGN_UP} }
  }
`

export const CancelSignUpMutation: TypedDocumentNode<
  { cancelSignUp: SignUp },
  { communityId: string; id: string; idempotencyKey: string }
> = gql`
  mutation CancelSignUp($communityId: ID!, $id: ID!, $idempotencyKey: String) {
    cancelSignUp(communityId: $communityId, id: $id, idempotencyKey: $idempotencyKey) { ${SIGN_UP} }
  }
`

export interface RosterLine {
  id: string
  state: SignUpState
  position: number | null
  createdAt: string
  volunteer: { id: string; realName: string; phone: string }
}

export const ActivitySignUpsQuery: TypedDocumentNode<
  { activitySignUps: RosterLine[] },
  { communityId: string; activityId: string }
> = gql`
  query LeaderRoster($communityId: ID!, $activityId: ID!) {
    activitySignUps(communityId: $communityId, activityId: $activityId) {
      id
      state
      position
      createdAt
      volunteer {
        id
        realName
        phone
      }
    }
  }
`

// ── Check-in and hours ──

export const CheckInCodeQuery: TypedDocumentNode<
  { checkInCode: CheckInCode },
  { communityId: string; activityId: string }
> = gql`
  query CheckInCode($communityId: ID!, $activityId: ID!) {
    checkInCode(communityId: $communityId, activityId: $activityId) { ${CHECK_IN_CODE} }
  }
`

type CodeVars = { communityId: string; activityId: string; code: string }

export const CheckInMutation: TypedDocumentNode<{ checkIn: HourRecord }, CodeVars> = gql`
  mutation CheckIn($communityId: ID!, $activityId: ID!, $code: String!) {
    checkIn(communityId: $communityId, activityId: $activityId, code: $code) { ${HOUR_RECORD} }
  }
`

export const CheckOutMutation: TypedDocumentNode<{ checkOut: HourRecord }, CodeVars> = gql`
  mutation CheckOut($communityId: ID!, $activityId: ID!, $code: String!) {
    checkOut(communityId: $communityId, activityId: $activityId, code: $code) { ${HOUR_RECORD} }
  }
`

type OnSiteVars = { communityId: string; activityId: string; volunteerId: string }

export const CheckInOnSiteMutation: TypedDocumentNode<{ checkInOnSite: HourRecord }, OnSiteVars> = gql`
  mutation CheckInOnSite($communityId: ID!, $activityId: ID!, $volunteerId: ID!) {
    checkInOnSite(communityId: $communityId, activityId: $activityId, volunteerId: $volunteerId) { ${HOUR_RECORD} }
  }
`

export const CheckOutOnSiteMutation: TypedDocumentNode<{ checkOutOnSite: HourRecord }, OnSiteVars> = gql`
  mutation CheckOutOnSite($communityId: ID!, $activityId: ID!, $volunteerId: ID!) {
    checkOutOnSite(communityId: $communityId, activityId: $activityId, volunteerId: $volunteerId) { ${HOUR_RECORD} }
  }
`

export const ActivityHourRecordsQuery: TypedDocumentNode<
  { activityHourRecords: HourRecord[] },
  { communityId: string; activityId: string }
> = gql`
  query LeaderHourRecords($communityId: ID!, $activityId: ID!) {
    activityHourRecords(communityId: $communityId, activityId: $activityId) { ${HOUR_RECORD} }
  }
`

export interface StarProgress {
  level: number
  hours: number
  nextLevelHours: number | null
  hoursToNext: number | null
}

export interface MyHours {
  approvedMinutes: number
  pendingMinutes: number
  openActivityIds: string[]
  stars: StarProgress
  approvedMinutesThisYear: number
}

const STARS = 'level hours nextLevelHours hoursToNext'

export const MyHoursQuery: TypedDocumentNode<{ myHours: MyHours }, Record<string, never>> = gql`
  query MyHours {
    myHours { approvedMinutes pendingMinutes openActivityIds stars { ${STARS} } approvedMinutesThisYear }
  }
`

export const MyHourRecordsQuery: TypedDocumentNode<
  { myHourRecords: { nodes: HourRecord[]; pageInfo: PageInfo; totalCount: number } },
  { first: number; after: string | null; activityId?: string | null }
> = gql`
  query MyHourRecords($first: Int, $after: String, $activityId: ID) {
    myHourRecords(first: $first, after: $after, activityId: $activityId) {
      nodes { ${HOUR_RECORD} }
      pageInfo { endCursor hasNextPage }
      totalCount
    }
  }
`

export type NoShowMark = NoShowMarkCore

const NO_SHOW = NO_SHOW_CORE

export const MyNoShowMarksQuery: TypedDocumentNode<{ myNoShowMarks: NoShowMark[] }, Record<string, never>> = gql`
  query MyNoShowMarks { myNoShowMarks { ${NO_SHOW} } }
`

export const ContestNoShowMutation: TypedDocumentNode<
  { contestNoShow: NoShowMark },
  { communityId: string; id: string; reason: string }
> = gql`
  mutation ContestNoShow($communityId: ID!, $id: ID!, $reason: String!) {
    contestNoShow(communityId: $communityId, id: $id, reason: $reason) { ${NO_SHOW} }
  }
`

// ── Volunteer profile and 双报到 ──

export type DualReport = DualReportCore

const DUAL_REPORT = DUAL_REPORT_CORE

export interface VolunteerProfile {
  userId: string
  realName: string
  phone: string
  idType: IdType | null
  idNumberMasked: string | null
  realNameVerified: boolean
  volunteerNumber: string
  volunteerNumberSource: 'national' | 'linli'
  skills: string[]
  availability: AvailabilitySlot[]
  isPartyMember: boolean
  gridId: string | null
  gridName: string | null
  teams: { id: string; name: string; unitName: string | null }[]
  stars: StarProgress
  dualReport: DualReport | null
}

const PROFILE = `userId realName phone idType idNumberMasked realNameVerified volunteerNumber
  volunteerNumberSource skills availability isPartyMember gridId gridName
  teams { id name unitName } stars { ${STARS} } dualReport { ${DUAL_REPORT} }`

export const MyVolunteerProfileQuery: TypedDocumentNode<
  { myVolunteerProfile: VolunteerProfile | null },
  Record<string, never>
> = gql`
  query MyVolunteerProfile { myVolunteerProfile { ${PROFILE} } }
`

export interface VolunteerProfileInputVars {
  skills: string[]
  availability: AvailabilitySlot[]
  nationalVolunteerNumber?: string | null
  isPartyMember: boolean
  idType?: IdType | null
  idNumber?: string | null
}

export const SaveVolunteerProfileMutation: TypedDocumentNode<
  { saveVolunteerProfile: VolunteerProfile },
  { input: VolunteerProfileInputVars }
> = gql`
  mutation SaveVolunteerProfile($input: VolunteerProfileInput!) {
    saveVolunteerProfile(input: $input) { ${PROFILE} }
  }
`

export const RequestDualReportMutation: TypedDocumentNode<
  { requestDualReport: DualReport },
  { communityId: string; unitId: string }
> = gql`
  mutation RequestDualReport($communityId: ID!, $unitId: ID!) {
    requestDualReport(communityId: $communityId, unitId: $unitId) { ${DUAL_REPORT} }
  }
`

export const EndDualReportMutation: TypedDocumentNode<
  { endDualReport: DualReport },
  { communityId: string; id: string }
> = gql`
  mutation EndDualReport($communityId: ID!, $id: ID!) {
    endDualReport(communityId: $communityId, id: $id) { ${DUAL_REPORT} }
  }
`
