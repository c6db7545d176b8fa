/**
 * 志愿者名册 and who is offered it: community staff read their community's volunteers. (The server
 * also answers the street and district admins above a community; the console has no community
 * picker for them yet.) The server checks again; this only decides what is offered.
 */
import type { Role } from '@linli/shared'

export const COMMUNITY_VOLUNTEERS_PAGES = ['volunteers'] as const
export type CommunityVolunteersPage = (typeof COMMUNITY_VOLUNTEERS_PAGES)[number]

export const COMMUNITY_VOLUNTEERS_PAGE_PATH: Record<CommunityVolunteersPage, string> = {
  volunteers: 'volunteers',
}

export function canOpenCommunityVolunteersPage(_page: CommunityVolunteersPage, role: Role | null): boolean {
  return role === 'community_staff'
}

/** The pages for the console menu, in menu order. */
export function communityVolunteersPagesFor(role: Role | null): { page: CommunityVolunteersPage; path: string }[] {
  return COMMUNITY_VOLUNTEERS_PAGES.filter((page) => canOpenCommunityVolunteersPage(page, role)).map((page) => ({
    page,
    path: `/console/${COMMUNITY_VOLUNTEERS_PAGE_PATH[page]}`,
  }))
}
