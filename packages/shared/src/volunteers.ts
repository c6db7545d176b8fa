/**
 * Volunteers and their hours: star levels, the availability slots a profile names, the check-in
 * code's timing, how hours are computed from a check-in and check-out, and the inputs the
 * server validates and the web's forms reuse. Pure: the server passes in what it loaded.
 */
import { z } from 'zod'
import { fieldCode } from './schemas.ts'
import type { HourRecordState } from './states.ts'

/** 星级志愿者: cumulative approved hours across communities for 1★ … 5★. */
export const STAR_THRESHOLD_HOURS = [100, 300, 600, 1000, 1500] as const

export interface StarProgress {
  /** 0 … 5. */
  level: number
  /** Approved hours in all (fractional, to the minute). */
  hours: number
  /** The next level's threshold in hours; null at 5★. */
  nextLevelHours: number | null
  /** Hours still missing for the next level; null at 5★. */
  hoursToNext: number | null
}

/** The star level and the way to the next from cumulative approved minutes. */
export function starProgress(approvedMinutes: number): StarProgress {
  const hours = Math.max(0, approvedMinutes) / 60
  const level = STAR_THRESHOLD_HOURS.filter((h) => hours >= h).length
  const next = STAR_THRESHOLD_HOURS[level] ?? null
  return {
    level,
    hours: Math.round(hours * 100) / 100,
    nextLevelHours: next,
    hoursToNext: next === null ? null : Math.round((next - hours) * 100) / 100,
  }
}

/** Hour records that count for totals and stars. */
export const COUNTED_HOUR_STATES = ['approved'] as const satisfies readonly HourRecordState[]
/** Hour records that hold the volunteer's one live record per activity. */
export const LIVE_HOUR_STATES = ['pending', 'approved'] as const satisfies readonly HourRecordState[]

/** When a volunteer says they can serve (a profile's availability; suggestions match on it). */
export const AVAILABILITY_SLOTS = [
  'weekday_morning',
  'weekday_afternoon',
  'weekday_evening',
  'weekend_morning',
  'weekend_afternoon',
  'weekend_evening',
] as const
export type AvailabilitySlot = (typeof AVAILABILITY_SLOTS)[number]

/** The availability slot an instant falls in, on the Asia/Shanghai calendar (UTC+8, no DST). */
export function availabilitySlotOf(at: Date): AvailabilitySlot {
  const local = new Date(at.getTime() + 8 * 3600_000)
  const day = local.getUTCDay()
  const hour = local.getUTCHours()
  const part = hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening'
  return `${day === 0 || day === 6 ? 'weekend' : 'weekday'}_${part}` as AvailabilitySlot
}

/** The check-in code changes every this many seconds; the one before the current is still taken. */
export const CHECK_IN_CODE_PERIOD_SECONDS = 60
/** Digits in the typed form of the check-in code. */
export const CHECK_IN_CODE_DIGITS = 6

/** The code's step (period number) at an instant. */
export function checkInStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / CHECK_IN_CODE_PERIOD_SECONDS)
}

/** When check-in opens (tolerance before the start) and closes (the end). */
export function checkInWindow(
  activity: { startsAt: Date; endsAt: Date },
  toleranceMinutes: number,
): { opensAt: Date; closesAt: Date } {
  return { opensAt: new Date(activity.startsAt.getTime() - toleranceMinutes * 60_000), closesAt: activity.endsAt }
}

export interface HourComputation {
  /** Minutes credited: the span clipped to the window, capped; 0 when below the threshold. */
  minutes: number
  /** The clipped span before cap and threshold. */
  spanMinutes: number
  capped: boolean
  belowThreshold: boolean
}

/**
 * Hours = check-out − check-in, clipped to the activity's window (travel does not count), capped
 * at the per-activity cap where set; a span below the validity threshold (a share of the planned
 * duration) credits nothing and is flagged.
 */
export function computeMinutes(
  window: { startsAt: Date; endsAt: Date },
  checkInAt: Date,
  checkOutAt: Date,
  rules: { perActivityHourCap: number | null; validityThresholdPercent: number | null },
): HourComputation {
  const from = Math.max(checkInAt.getTime(), window.startsAt.getTime())
  const to = Math.min(checkOutAt.getTime(), window.endsAt.getTime())
  const spanMinutes = Math.max(0, Math.floor((to - from) / 60_000))
  const planned = Math.floor((window.endsAt.getTime() - window.startsAt.getTime()) / 60_000)
  const belowThreshold =
    rules.validityThresholdPercent !== null && spanMinutes * 100 < planned * rules.validityThresholdPercent
  const cap = rules.perActivityHourCap === null ? null : Math.floor(rules.perActivityHourCap * 60)
  const capped = cap !== null && spanMinutes > cap
  const minutes = belowThreshold ? 0 : capped ? cap : spanMinutes
  return { minutes, spanMinutes, capped, belowThreshold }
}

/** The activity's planned length in minutes: the most a back-fill may give. */
export function plannedMinutes(window: { startsAt: Date; endsAt: Date }): number {
  return Math.floor((window.endsAt.getTime() - window.startsAt.getTime()) / 60_000)
}

const reason = z.string().trim().min(2, fieldCode('REASON_REQUIRED')).max(200, fieldCode('REASON_TOO_LONG'))

/** 补录: staff enter hours after the fact, with a reason; capped at the activity's length. */
export const backFillInputSchema = z.object({
  activityId: z.string(),
  volunteerId: z.string(),
  minutes: z.number().int(fieldCode('MINUTES_INVALID')).min(1, fieldCode('MINUTES_INVALID')),
  reason,
})
export type BackFillInput = z.infer<typeof backFillInputSchema>

/** A correction of an approved record: the minutes it should have had, and why. */
export const correctionInputSchema = z.object({
  minutes: z.number().int(fieldCode('MINUTES_INVALID')).min(0, fieldCode('MINUTES_INVALID')),
  reason,
})
export type CorrectionInput = z.infer<typeof correctionInputSchema>

/** A volunteer number from the national registry (中国志愿服务网): letters and digits. */
export const volunteerNumberSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{6,32}$/, fieldCode('VOLUNTEER_NUMBER_INVALID'))

export const volunteerProfileInputSchema = z.object({
  skills: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  availability: z.array(z.enum(AVAILABILITY_SLOTS)).max(AVAILABILITY_SLOTS.length).default([]),
  /** The national registry's number, when the volunteer has one; else Linli issues one. */
  nationalVolunteerNumber: volunteerNumberSchema.nullish(),
  isPartyMember: z.boolean().default(false),
})
export type VolunteerProfileInput = z.infer<typeof volunteerProfileInputSchema>

/** The certificate's serial: 26 Crockford base-32 characters (128 random bits), unguessable. */
export const CERTIFICATE_SERIAL_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/

export const certificateInputSchema = z.object({
  volunteerId: z.string(),
  /** Approved hours of this community in [from, to] are certified. */
  from: z.string().datetime({ offset: true, message: fieldCode('DATE_INVALID') }),
  to: z.string().datetime({ offset: true, message: fieldCode('DATE_INVALID') }),
  /** 服务内容; defaults to the activities' titles. */
  serviceContent: z.string().trim().max(200, fieldCode('DESCRIPTION_TOO_LONG')).nullish(),
  /** 负责人 (the person in charge who signs). */
  personInCharge: z.string().trim().min(1, fieldCode('NAME_REQUIRED')).max(20, fieldCode('NAME_TOO_LONG')),
  /** 联系电话 of the issuing office. */
  contactPhone: z.string().trim().min(5, fieldCode('PHONE_INVALID')).max(20, fieldCode('PHONE_INVALID')),
})
export type CertificateInput = z.infer<typeof certificateInputSchema>
