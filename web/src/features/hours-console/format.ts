/**
 * How the hours pages read and write values: times typed and shown as in China (wherever the
 * browser is), minutes as hours and minutes, an hour record's flags, the back-fill dialog's cap
 * and checks, and when the leader's check-in code needs fetching again. Pure but for the
 * composables at the end.
 */
import { backFillInputSchema, correctionInputSchema, plannedMinutes } from '@linli/shared'
import { useI18n } from 'vue-i18n'
import { ApiError } from '../../graphql/errors.ts'
import { useErrorText } from '../../i18n/index.ts'
import { chinaDateTime, TIME_ZONE } from '../three-lists/words.ts'
import type { HourRecord } from './operations.ts'

/** The picker's format: a wall-clock time in China. */
export const INPUT_FORMAT = 'YYYY-MM-DD HH:mm'
const INPUT_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/

/** "2026-06-18 09:30": an instant as the wall clock in China reads it, for a picker; '' for none. */
export function toChinaInput(iso: string | null | undefined): string {
  if (!iso) return ''
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso))
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`
}

/** The instant a China wall-clock time ("2026-06-18 09:30") names, as ISO; null when it is not one. */
export function fromChinaInput(value: string | null | undefined): string | null {
  const m = value ? INPUT_PATTERN.exec(value.trim()) : null
  if (!m) return null
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+08:00`)
  return Number.isNaN(at.getTime()) || toChinaInput(at.toISOString()) !== value!.trim() ? null : at.toISOString()
}

/** Midnight in China at the start of a day ("2026-06-18"), as ISO; null for none. */
export function chinaDayStart(day: string | null | undefined): string | null {
  return day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? fromChinaInput(`${day} 00:00`) : null
}

/** A time as in China, or '—'. */
export const dateTime = (iso: string | null | undefined): string => chinaDateTime(iso) || '—'

/** "09:30" in China. */
export function clockTime(iso: string | null | undefined): string {
  return iso ? toChinaInput(iso).slice(11) : '—'
}

/** "2026/06/18 09:00–11:00", or across days with both dates. */
export function windowText(startsAt: string, endsAt: string): string {
  const start = chinaDateTime(startsAt)
  const sameDay = toChinaInput(startsAt).slice(0, 10) === toChinaInput(endsAt).slice(0, 10)
  return `${start}–${sameDay ? clockTime(endsAt) : chinaDateTime(endsAt)}`
}

/** The most a back-fill may credit: the activity's planned length in minutes. */
export function backFillCap(activity: { startsAt: string; endsAt: string }): number {
  return plannedMinutes({ startsAt: new Date(activity.startsAt), endsAt: new Date(activity.endsAt) })
}

/** A back-fill's problems by field: the shared schema's field codes, and the cap as the server words it. */
export function backFillProblems(
  form: { activityId: string; volunteerId: string; minutes: number | null | undefined; reason: string },
  cap: number,
): Record<string, string> {
  const parsed = backFillInputSchema.safeParse({ ...form, minutes: form.minutes ?? Number.NaN })
  const problems: Record<string, string> = parsed.success ? {} : issuesByField(parsed.error)
  if (!form.volunteerId) problems.volunteerId = 'required'
  if (typeof form.minutes !== 'number' || !Number.isFinite(form.minutes)) problems.minutes = 'MINUTES_INVALID'
  else if (!problems.minutes && form.minutes > cap) {
    problems.minutes = 'BACK_FILL_EXCEEDS_ACTIVITY'
  }
  return problems
}

/** A correction's problems by field (field codes of the shared schema). */
export function correctionProblems(form: {
  minutes: number | null | undefined
  reason: string
}): Record<string, string> {
  const parsed = correctionInputSchema.safeParse({ ...form, minutes: form.minutes ?? Number.NaN })
  const problems: Record<string, string> = parsed.success ? {} : issuesByField(parsed.error)
  if (typeof form.minutes !== 'number' || !Number.isFinite(form.minutes)) problems.minutes = 'MINUTES_INVALID'
  return problems
}

/** A zod failure as field → field code (the first issue of each top-level field). */
export function issuesByField(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[]
}): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '')
    if (!(field in out)) out[field] = codeOf(issue.message)
  }
  return out
}

const codeOf = (message: string) => (/^[A-Z][A-Z0-9_]+$/.test(message) ? message : 'unknown')

export const HOUR_FLAGS = ['backFill', 'correction', 'autoClosed', 'capped', 'belowThreshold'] as const
export type HourFlag = (typeof HOUR_FLAGS)[number]

/** What staff should notice about a record, in the order the page shows it. */
export function hourFlags(r: Pick<HourRecord, 'source' | 'autoClosed' | 'capped' | 'belowThreshold'>): HourFlag[] {
  const flags: HourFlag[] = []
  if (r.source === 'back_fill') flags.push('backFill')
  if (r.source === 'correction') flags.push('correction')
  if (r.autoClosed) flags.push('autoClosed')
  if (r.capped) flags.push('capped')
  if (r.belowThreshold) flags.push('belowThreshold')
  return flags
}

/**
 * When to fetch the check-in code again: at its expiry by the server's clock (the page's clock may
 * be off), a moment after it, never sooner than a second nor later than two minutes.
 */
export function codeRefreshDelay(code: { expiresAt: string }, serverTime: string): number {
  const left = Date.parse(code.expiresAt) - Date.parse(serverTime)
  if (Number.isNaN(left)) return 30_000
  return Math.min(120_000, Math.max(1_000, left + 500))
}

/** Minutes as hours and minutes in words ("2 小时 30 分钟"), '—' for none. */
export function useMinutesText() {
  const { t } = useI18n()
  return (minutes: number | null | undefined): string => {
    if (minutes === null || minutes === undefined) return '—'
    const h = Math.floor(minutes / 60)
    const m = minutes % 60
    if (h === 0) return t('hoursConsole.units.minutes', { m })
    if (m === 0) return t('hoursConsole.units.hours', { h })
    return t('hoursConsole.units.hoursMinutes', { h, m })
  }
}

/** Why the server refused a move (the `reason` beside INVALID_TRANSITION or NOT_SIGNED_UP), when it said. */
export const REFUSAL_REASONS = [
  'STILL_CHECKED_IN',
  'NOT_STARTED',
  'ACTIVITY_CANCELLED',
  'APPROVED_RECORD_IMMUTABLE',
  'PROJECT_NOT_OPEN',
  'ACTIVITY_NOT_SCHEDULED',
  'ALREADY_CHECKED_OUT',
  'NOT_CHECKED_IN',
  'WAITLISTED',
  'ACTIVITY_FULL',
] as const
export type RefusalReason = (typeof REFUSAL_REASONS)[number]

/** The `reason` the server gave beside the error's code (its details travel in `extensions`). */
export function refusalReason(err: unknown): RefusalReason | null {
  if (!(err instanceof ApiError)) return null
  const cause = err.cause as { graphQLErrors?: { extensions?: Record<string, unknown> }[] } | undefined
  const reason = cause?.graphQLErrors?.[0]?.extensions?.reason
  return (REFUSAL_REASONS as readonly unknown[]).includes(reason) ? (reason as RefusalReason) : null
}

/**
 * A failure in words: the field codes of BAD_USER_INPUT; a refused move by the server's reason
 * (still checked in, not started …); a record that exists already; else the error code's message.
 */
export function useFailureText() {
  const { t } = useI18n()
  const { errorText, fieldText } = useErrorText()
  return (err: unknown): string => {
    if (err instanceof ApiError && err.code === 'BAD_USER_INPUT') {
      const codes = [...new Set(Object.values(err.fields))]
      if (codes.length > 0) return codes.map(fieldText).join('；')
    }
    const reason = refusalReason(err)
    if (reason) return t(`hoursConsole.refusals.${reason}`)
    if (err instanceof ApiError && err.code === 'ALREADY_EXISTS') return t('hoursConsole.refusals.HOURS_EXIST')
    return errorText(err)
  }
}

/** A field code (or the cap's error code) in words. */
export function useProblemText() {
  const { t } = useI18n()
  const { fieldText } = useErrorText()
  return (code: string | undefined): string => {
    if (!code) return ''
    if (code === 'BACK_FILL_EXCEEDS_ACTIVITY') return t('errors.BACK_FILL_EXCEEDS_ACTIVITY')
    return fieldText(code)
  }
}
