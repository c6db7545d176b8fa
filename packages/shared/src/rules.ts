/** Pure rules of PRODUCT.md, shared by server and web. */

/** 星级志愿者: cumulative approved hours (across communities) needed for each star. */
export const STAR_THRESHOLDS_HOURS = [100, 300, 600, 1000, 1500] as const

/** Star level 0–5 for cumulative approved hours. */
export function starLevel(approvedHours: number): number {
  let level = 0
  for (const threshold of STAR_THRESHOLDS_HOURS) if (approvedHours >= threshold) level += 1
  return level
}

/** Mask a mainland mobile number for people who do not need it: 138****0001. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length)
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`
}

/** The version of the privacy notice a registration must consent to. */
export const PRIVACY_NOTICE_VERSION = '2026-11-01'

/** Calendar boundaries are in this zone (PRODUCT.md: Places, tenancy, time). */
export const CALENDAR_TIME_ZONE = 'Asia/Shanghai'
