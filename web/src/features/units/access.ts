/**
 * The unit pages and who sees them: a unit's admin keeps its roster, teams and alliance
 * invitations; community staff keep the alliance and the community's own teams. The server
 * checks again; this only decides what the console offers.
 */
import type { Role } from '@linli/shared'

export const UNIT_PAGES = ['roster', 'teams', 'invitations', 'alliance', 'communityTeams'] as const
export type UnitPage = (typeof UNIT_PAGES)[number]

export const PAGE_ROLE: Record<UnitPage, Role> = {
  roster: 'unit_admin',
  teams: 'unit_admin',
  invitations: 'unit_admin',
  alliance: 'community_staff',
  communityTeams: 'community_staff',
}

/** Where each page lives under /console. */
export const PAGE_PATH: Record<UnitPage, string> = {
  roster: 'units/roster',
  teams: 'units/teams',
  invitations: 'units/invitations',
  alliance: 'alliance',
  communityTeams: 'community-teams',
}

export function canOpenUnitPage(page: UnitPage, role: Role | null): boolean {
  return role === PAGE_ROLE[page]
}

/** The unit pages for the console menu, in menu order. */
export function unitPagesFor(role: Role | null): { page: UnitPage; path: string }[] {
  return UNIT_PAGES.filter((page) => canOpenUnitPage(page, role)).map((page) => ({
    page,
    path: `/console/${PAGE_PATH[page]}`,
  }))
}
