/**
 * 居民导入 and who is offered it: community staff import residents and volunteers into their own
 * community from Excel. (The server also lets the street and district admins above a community
 * import into it; the console has no community picker for them yet.) The server checks again;
 * this only decides what is offered.
 */
import type { Role } from '@linli/shared'

export const IMPORTS_PAGES = ['imports'] as const
export type ImportsPage = (typeof IMPORTS_PAGES)[number]

export const IMPORTS_PAGE_PATH: Record<ImportsPage, string> = {
  imports: 'imports',
}

export function canOpenImportsPage(_page: ImportsPage, role: Role | null): boolean {
  return role === 'community_staff'
}

/** The pages for the console menu, in menu order. */
export function importsPagesFor(role: Role | null): { page: ImportsPage; path: string }[] {
  return IMPORTS_PAGES.filter((page) => canOpenImportsPage(page, role)).map((page) => ({
    page,
    path: `/console/${IMPORTS_PAGE_PATH[page]}`,
  }))
}
