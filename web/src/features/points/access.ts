/**
 * The points pages and who is offered them: community staff run 兑换核销, 积分超市管理 and 积分管理
 * for their community on the console; anyone on the phone face finds 我的积分 and 我的兑换 (the
 * server answers only their own). The server checks again; this only decides what is offered.
 */
import type { Role } from '@linli/shared'

export const POINTS_PAGES = ['redemptions', 'rewards', 'points'] as const
export type PointsPage = (typeof POINTS_PAGES)[number]

export const POINTS_PAGE_PATH: Record<PointsPage, string> = {
  redemptions: 'redemptions',
  rewards: 'rewards',
  points: 'points',
}

export function canOpenPointsPage(_page: PointsPage, role: Role | null): boolean {
  return role === 'community_staff'
}

/** The pages for the console menu, in menu order. */
export function pointsPagesFor(role: Role | null): { page: PointsPage; path: string }[] {
  return POINTS_PAGES.filter((page) => canOpenPointsPage(page, role)).map((page) => ({
    page,
    path: `/console/${POINTS_PAGE_PATH[page]}`,
  }))
}

/** The community the active role is staff of, or null. */
export function staffCommunity(grant: { role: Role; scopeId: string | null } | null): string | null {
  return grant?.role === 'community_staff' ? grant.scopeId : null
}
