/**
 * The three lists' console pages and who sees them: the community's staff triage needs, review
 * resources and build projects. The server checks again; this only decides what is offered.
 */
import type { Role } from '@linli/shared'

export const LIST_PAGES = ['needs', 'projects', 'resources'] as const
export type ListPage = (typeof LIST_PAGES)[number]

export const LIST_ROLE: Role = 'community_staff'

export function canOpenListPage(role: Role | null): boolean {
  return role === LIST_ROLE
}

/** The list pages for the console menu, in menu order. */
export function listPagesFor(role: Role | null): { page: ListPage; path: string }[] {
  return canOpenListPage(role) ? LIST_PAGES.map((page) => ({ page, path: `/console/${page}` })) : []
}
