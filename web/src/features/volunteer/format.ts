/**
 * The volunteer's pages in words and numbers, pure so they are tested without a page: an
 * activity's time in China, minutes as hours, the way to the next star, a sign-up's state with its
 * place in line, when the check-in buttons show (by the server's window), my record of an
 * activity, the leader's code countdown, and the check-in address the QR code holds.
 */
import { CHECK_IN_CODE_PERIOD_SECONDS, STAR_THRESHOLD_HOURS } from '@linli/shared'
import { currentLocale } from '../../i18n/index.ts'
import { TIME_ZONE } from '../three-lists/words.ts'
import { SUGGESTION_REASONS, type Activity, type HourRecord, type MySignUp, type StarProgress } from './operations.ts'

type Translate = (key: string, params?: Record<string, unknown>) => string

const DAY: Intl.DateTimeFormatOptions = { timeZone: TIME_ZONE, month: '2-digit', day: '2-digit' }
const WEEKDAY: Intl.DateTimeFormatOptions = { timeZone: TIME_ZONE, weekday: 'short' }
const CLOCK: Intl.DateTimeFormatOptions = { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false }
const DATE_KEY: Intl.DateTimeFormatOptions = { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }

/** "09:30" in Asia/Shanghai, or '' for none. */
export function clockTime(iso: string | null | undefined, locale: string = currentLocale.value): string {
  return iso ? new Intl.DateTimeFormat(locale, CLOCK).format(new Date(iso)) : ''
}

/** "11/05 周四" / "11/05 Thu": a day and its weekday in Asia/Shanghai. */
function dayText(at: Date, locale: string): string {
  return `${new Intl.DateTimeFormat(locale, DAY).format(at)} ${new Intl.DateTimeFormat(locale, WEEKDAY).format(at)}`
}

/**
 * An activity's time in China: "11/05 周四 09:00–12:00"; an activity over midnight names both
 * days. The browser's own time zone does not matter.
 */
export function timeRange(startsAt: string, endsAt: string, locale: string = currentLocale.value): string {
  const key = new Intl.DateTimeFormat('en-CA', DATE_KEY)
  const start = new Date(startsAt)
  const end = new Date(endsAt)
  const from = `${dayText(start, locale)} ${clockTime(startsAt, locale)}`
  return key.format(start) === key.format(end)
    ? `${from}–${clockTime(endsAt, locale)}`
    : `${from} – ${dayText(end, locale)} ${clockTime(endsAt, locale)}`
}

/** Hours with at most one decimal: 193.08 → "193.1". */
export function hoursValue(hours: number): string {
  return hoursNumber(hours * 60)
}

/** Minutes as "2 小时 30 分钟" / "2 h 30 min" (whole minutes; 0 reads "0 分钟"). */
export function durationText(t: Translate, minutes: number): string {
  const m = Math.max(0, Math.round(minutes))
  const h = Math.floor(m / 60)
  const rest = m % 60
  if (h === 0) return t('volunteer.units.minutes', { n: rest })
  if (rest === 0) return t('volunteer.units.hours', { n: h })
  return t('volunteer.units.hoursMinutes', { h, m: rest })
}

/** Minutes as hours with at most one decimal: 150 → "2.5". */
export function hoursNumber(minutes: number): string {
  const tenths = Math.round(Math.max(0, minutes) / 6)
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1)
}

/** How far along the way from this star level to the next (0–100); 100 at 5★. */
export function starPercent(stars: Pick<StarProgress, 'level' | 'hours' | 'nextLevelHours'>): number {
  if (stars.nextLevelHours === null) return 100
  const from = stars.level === 0 ? 0 : (STAR_THRESHOLD_HOURS[stars.level - 1] ?? 0)
  const span = stars.nextLevelHours - from
  if (span <= 0) return 0
  return Math.max(0, Math.min(100, Math.round(((stars.hours - from) / span) * 100)))
}

/** My sign-up in a word: 已报名, 候补第 2 位, 已取消… (null: not signed up). */
export function signUpText(t: Translate, sign: Pick<MySignUp, 'state' | 'position'> | null): string | null {
  if (!sign) return null
  if (sign.state === 'waitlisted' && sign.position !== null)
    return t('volunteer.signUp.waitlistedAt', { n: sign.position })
  return t(`terms.signUpStates.${sign.state}`)
}

/** A suggestion reason's chip; a reason newer than this web reads generically. */
export function reasonText(t: Translate, code: string): string {
  return (SUGGESTION_REASONS as readonly string[]).includes(code)
    ? t(`volunteer.reasons.${code}`)
    : t('volunteer.reasons.other')
}

/**
 * Whether 签到 / 签退 show: a scheduled activity, from the server's `checkInOpensAt` (the
 * community's tolerance before the start) until its end — or, for one checked in, until
 * `checkOutClosesAt` (the tolerance after the end), the last moment to check out.
 */
export function mayCheckInAround(
  activity: Pick<Activity, 'checkInOpensAt' | 'endsAt' | 'checkOutClosesAt' | 'state'>,
  now: number,
  checkedIn = false,
): boolean {
  if (activity.state !== 'scheduled') return false
  const opens = Date.parse(activity.checkInOpensAt)
  const closes = Date.parse(checkedIn ? activity.checkOutClosesAt : activity.endsAt)
  return now >= opens && now < closes
}

/**
 * My record of one activity from my records of it (newest first): the one that counts — not
 * voided by a correction, not rejected — or null. Open while it has a check-in and no check-out.
 */
export function liveRecord<R extends Pick<HourRecord, 'state'>>(records: readonly R[]): R | null {
  return records.find((r) => r.state !== 'voided' && r.state !== 'rejected') ?? null
}

/** Seconds the leader's code still holds (0 … one period), counted to the server's `expiresAt`. */
export function secondsLeft(expiresAt: string, now: number): number {
  const left = Math.ceil((Date.parse(expiresAt) - now) / 1000)
  return Math.max(0, Math.min(CHECK_IN_CODE_PERIOD_SECONDS, left))
}

/**
 * When to ask for the next code: at the server's `expiresAt`, at most one period from now (a
 * phone clock behind the server's would otherwise keep an old code up). When the answer came back
 * with the same expiry (a phone clock ahead of the server's) wait longer each time, doubling from
 * 5 s up to one period, so a wrong clock never makes the page ask in a loop.
 */
export function nextRefreshAt(expiresAt: string, now: number, unchangedTimes: number): number {
  const period = CHECK_IN_CODE_PERIOD_SECONDS * 1000
  const due = Date.parse(expiresAt)
  if (unchangedTimes === 0 && due > now) return Math.min(due, now + period)
  return now + Math.min(period, 5000 * 2 ** Math.max(0, unchangedTimes - 1))
}

export interface CheckInLink {
  communityId: string
  activityId: string
  code: string
}

/** The parts of the check-in address the QR code holds (`/m/check-in?c=…&a=…&k=…`), or null. */
export function parseCheckInQuery(query: Record<string, unknown>): CheckInLink | null {
  const one = (v: unknown) => (Array.isArray(v) ? v[0] : v)
  const [c, a, k] = [one(query.c), one(query.a), one(query.k)]
  if (typeof c !== 'string' || typeof a !== 'string' || typeof k !== 'string' || !c || !a || !k) return null
  return { communityId: c, activityId: a, code: k }
}

/** Only the six digits of what was typed (spaces and other characters dropped). */
export function digitsOnly(value: string, length: number): string {
  return value.replace(/\D/g, '').slice(0, length)
}
