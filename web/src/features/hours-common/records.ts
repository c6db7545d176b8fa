/**
 * What the volunteer's phone pages and the staff console both read of hours: an hour record
 * and the leader's check-in code, with the GraphQL selections that fetch them whole.
 */
import type { HourRecordState } from '@linli/shared'

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
