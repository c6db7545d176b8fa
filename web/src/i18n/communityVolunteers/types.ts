import type { CommunityVolunteersPage } from '../../features/community-volunteers/access.ts'

/**
 * 志愿者名册 in every locale. A page added without its words fails the typecheck. The columns are
 * the export's (server/src/features/volunteers/volunteers.export.ts), in its order.
 */
export interface CommunityVolunteersMessages {
  nav: Record<CommunityVolunteersPage, string>
  titles: Record<CommunityVolunteersPage, string>
  noScope: string
  intro: string
  search: { label: string; placeholder: string; submit: string }
  columns: {
    name: string
    phone: string
    number: string
    grid: string
    party: string
    verified: string
    teams: string
    hours: string
    registeredAt: string
  }
  partyYes: string
  verifiedYes: string
  verifiedNo: string
  total: string
  pages: string
  empty: string
  noMatch: string
  /** The export's name when the server gives none. */
  fileName: string
}
