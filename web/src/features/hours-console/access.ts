/**
 * The staff's pages for activities, hours and 双报到, and who sees them. Community staff run them;
 * street and district admins read a community's activities, rosters and hour records without
 * changing anything (双报到 is the community's staff's alone). The server checks again; this only decides what the console offers.
 */
import type { Role } from '@linli/shared'

export const HOURS_PAGES = ['activities', 'hours', 'dualReports'] as const
export type HoursPage = (typeof HOURS_PAGES)[number]

export const HOURS_PAGE_PATH: Record<HoursPage, string> = {
  activities: 'activities',
  hours: 'hours',
  dualReports: 'dual-reports',
}

/** Roles that read activities of the communities below them. */
export const READ_ONLY_ROLES: readonly Role[] = ['street_admin', 'district_admin']

export function canOpenHoursPage(page: HoursPage, role: Role | null): boolean {
  if (role === 'community_staff') return true
  return page !== 'dualReports' && role !== null && READ_ONLY_ROLES.includes(role)
}

/** Whether the role changes activities and hours (the others only read). */
export function managesHours(role: Role | null): boolean {
  return role === 'community_staff'
}

/** The pages for the console menu, in menu order. */
export function hoursPagesFor(role: Role | null): { page: HoursPage; path: string }[] {
  return HOURS_PAGES.filter((page) => canOpenHoursPage(page, role)).map((page) => ({
    page,
    path: `/console/${HOURS_PAGE_PATH[page]}`,
  }))
}
