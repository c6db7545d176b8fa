/** 成员服务 in numbers: rates as percentages, progress against the yearly target, the years offered. */

/** "66.7%" (at most one decimal, in the locale's way), or '—' when the rate has no divisor (null). */
export function percentText(rate: number | null | undefined, locale: string): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate)
}

/** How far a member is toward the target, 0 … 100 (whole percent, capped at 100). */
export function targetProgress(approvedMinutes: number, targetHours: number): number {
  if (targetHours <= 0) return approvedMinutes > 0 ? 100 : 0
  return Math.min(100, Math.floor((approvedMinutes / (targetHours * 60)) * 100))
}

/** Hours with at most one decimal ("12.5"), for hours against a target in hours. */
export function hoursText(minutes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Math.floor(minutes / 6) / 10)
}

/** The years to pick: this one and the four before it, newest first. */
export function yearsUpTo(year: number, count = 5): number[] {
  return Array.from({ length: count }, (_, i) => year - i)
}

/** The calendar year in China now. */
export function chinaYear(now = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now))
}
