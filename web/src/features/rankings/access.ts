/**
 * The rankings pages and who is offered them: 排行榜 for community staff, street and district
 * admins (their place); 数据看板 for community staff and street admins (the server answers a
 * community or a street only). The server checks again; this only decides what is offered.
 */
import type { Role } from '@linli/shared'

export const RANKINGS_PAGES = ['dashboard', 'rankings'] as const
export type RankingsPage = (typeof RANKINGS_PAGES)[number]

export const RANKINGS_PAGE_PATH: Record<RankingsPage, string> = {
  dashboard: 'dashboard',
  rankings: 'rankings',
}

export type RankingScopeKind = 'community' | 'street' | 'district'

const SCOPE_OF_ROLE: Partial<Record<Role, RankingScopeKind>> = {
  community_staff: 'community',
  street_admin: 'street',
  district_admin: 'district',
}

export function canOpenRankingsPage(page: RankingsPage, role: Role | null): boolean {
  if (!role) return false
  if (page === 'dashboard') return role === 'community_staff' || role === 'street_admin'
  return role in SCOPE_OF_ROLE
}

/** The pages for the console menu, in menu order. */
export function rankingsPagesFor(role: Role | null): { page: RankingsPage; path: string }[] {
  return RANKINGS_PAGES.filter((page) => canOpenRankingsPage(page, role)).map((page) => ({
    page,
    path: `/console/${RANKINGS_PAGE_PATH[page]}`,
  }))
}

/** The place the active role administers, as a ranking scope, or null. */
export function rankingScope(
  grant: { role: Role; scopeId: string | null } | null,
): { kind: RankingScopeKind; id: string } | null {
  const kind = grant ? SCOPE_OF_ROLE[grant.role] : undefined
  return kind && grant?.scopeId ? { kind, id: grant.scopeId } : null
}
