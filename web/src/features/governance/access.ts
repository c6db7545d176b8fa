/**
 * 联盟治理 and who is offered it: community staff run their community's alliance (officers,
 * rotation, agreements, charter, meetings, 六个一); the admins of its member units read it, for
 * each community their unit is an active member of. (The server also lets the street and district
 * admins above a community read and change it; the console has no community picker for them yet.)
 * The server checks again; this only decides what is offered.
 */
import type { Role } from '@linli/shared'

export const GOVERNANCE_PAGES = ['governance'] as const
export type GovernancePage = (typeof GOVERNANCE_PAGES)[number]

export const GOVERNANCE_PAGE_PATH: Record<GovernancePage, string> = {
  governance: 'alliance-governance',
}

export function canOpenGovernancePage(_page: GovernancePage, role: Role | null): boolean {
  return role === 'community_staff' || role === 'unit_admin'
}

/** Whether the role changes the alliance (else it only reads). */
export function canEditGovernance(role: Role | null): boolean {
  return role === 'community_staff'
}

/** The pages for the console menu, in menu order. */
export function governancePagesFor(role: Role | null): { page: GovernancePage; path: string }[] {
  return GOVERNANCE_PAGES.filter((page) => canOpenGovernancePage(page, role)).map((page) => ({
    page,
    path: `/console/${GOVERNANCE_PAGE_PATH[page]}`,
  }))
}
