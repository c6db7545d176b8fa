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

/**
 * Mask a name for someone who only needs to confirm who a phone belongs to: 王秀英 → 王*英,
 * 李强 → 李*, Anna Li → A*******i.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return '*'
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}
