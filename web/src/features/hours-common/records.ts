/**
 * What the volunteer's phone pages and the staff console both read: an activity's common
 * fields, an hour record, the leader's check-in code, a no-show mark and a 双报到 report, with
 * the GraphQL selections that fetch them (the console adds the person where it shows others').
 */
import type { ActivityState, DualReportState, HourRecordState, NoShowMarkState } from '@linli/shared'

/** The fields of an activity (activities.graphql `Activity`) both faces show. */
export interface ActivityCore {
  id: string
  communityId: string
  projectId: string
  projectTitle: string
  title: string
  place: string
  startsAt: string
  endsAt: string
  slots: number
  confirmed: number
  waitlisted: number
  requiredSkills: string[]
  leaderId: string | null
  leaderName: string | null
  signUpDeadline: string
  restrictedToUnitIds: string[] | null
  state: ActivityState
  cancelReason: string | null
}

/** The selection of every `ActivityCore` field. */
export const ACTIVITY_CORE = `id communityId projectId projectTitle title place startsAt endsAt slots confirmed
  waitlisted requiredSkills leaderId leaderName signUpDeadline restrictedToUnitIds state cancelReason`

export type HourRecordSource = 'check_in' | 'on_site' | 'back_fill' | 'correction'

/** 服务时长记录 (hours.graphql `HourRecord`). */
export interface HourRecord {
  id: string
  communityId: string
  activityId: string
  activityTitle: string
  activityStartsAt: string
  activityEndsAt: string
  volunteer: { id: string; realName: string; phone: string }
  state: HourRecordState
  source: HourRecordSource
  checkInAt: string | null
  checkOutAt: string | null
  minutes: number | null
  spanMinutes: number | null
  autoClosed: boolean
  capped: boolean
  belowThreshold: boolean
  pointsEligible: boolean
  reason: string | null
  rejectReason: string | null
  replacesId: string | null
  voidedById: string | null
  reviewedAt: string | null
  createdAt: string
}

/** The selection of every `HourRecord` field above. */
export const HOUR_RECORD = `id communityId activityId activityTitle activityStartsAt activityEndsAt
  volunteer { id realName phone } state source checkInAt checkOutAt minutes spanMinutes autoClosed capped
  belowThreshold pointsEligible reason rejectReason replacesId voidedById reviewedAt createdAt`

/** The leader's rotating code (hours.graphql `CheckInCode`). */
export interface CheckInCode {
  activityId: string
  digits: string
  payload: string
  qrPng: string
  expiresAt: string
  opensAt: string
  closesAt: string
}

export const CHECK_IN_CODE = `activityId digits payload qrPng expiresAt opensAt closesAt`

/** 爽约记录 (hours.graphql `NoShowMark`), without the person. */
export interface NoShowMarkCore {
  id: string
  communityId: string
  activityId: string
  activityTitle: string
  activityStartsAt: string
  state: NoShowMarkState
  markedAt: string
  fadesAt: string
  counts: boolean
  contestReason: string | null
  contestedAt: string | null
  resolvedAt: string | null
  resolutionNote: string | null
}

export const NO_SHOW_CORE = `id communityId activityId activityTitle activityStartsAt state markedAt fadesAt counts
  contestReason contestedAt resolvedAt resolutionNote`

/** 双报到 (volunteers.graphql `DualReport`), without the member. */
export interface DualReportCore {
  id: string
  communityId: string
  communityName: string
  unitId: string
  unitName: string
  state: DualReportState
  unitConfirmedAt: string | null
  communityConfirmedAt: string | null
  rejectReason: string | null
  createdAt: string
  targetHours: number
  approvedMinutesThisYear: number
}

export const DUAL_REPORT_CORE = `id communityId communityName unitId unitName state unitConfirmedAt communityConfirmedAt
  rejectReason createdAt targetHours approvedMinutesThisYear`
