/**
 * Closing the loop, who is offered what: community staff review reports and ratings (评价审核) and
 * complete or evaluate projects; a grid worker records ratings for the residents of their grids
 * (代居民评价) on the console; a resident rates on the phone (我的评单); the chain (追溯链) is open
 * to staff, the street and district above them and the claiming units' admins; a claiming unit's
 * admin posts its 晒单 once the project is under way — the lead first (its report completes the
 * project), the others after. The server checks again; this only decides what is offered.
 */
import type { ClaimState, ProjectState, Role } from '@linli/shared'

export const EVALUATION_PAGES = ['reviews', 'ratings'] as const
export type EvaluationPage = (typeof EVALUATION_PAGES)[number]

export const EVALUATION_PAGE_PATH: Record<EvaluationPage, string> = {
  reviews: 'reviews',
  ratings: 'ratings',
}

const PAGE_ROLE: Record<EvaluationPage, Role> = {
  reviews: 'community_staff',
  ratings: 'grid_worker',
}

export function canOpenEvaluationPage(page: EvaluationPage, role: Role | null): boolean {
  return role === PAGE_ROLE[page]
}

/** The pages for the console menu, in menu order. */
export function evaluationPagesFor(role: Role | null): { page: EvaluationPage; path: string }[] {
  return EVALUATION_PAGES.filter((page) => canOpenEvaluationPage(page, role)).map((page) => ({
    page,
    path: `/console/${EVALUATION_PAGE_PATH[page]}`,
  }))
}

const CHAIN_ROLES: readonly Role[] = ['community_staff', 'street_admin', 'district_admin', 'unit_admin']

/** Whether the role may open a project's 追溯链 on the console (the server decides which projects). */
export function canOpenChain(role: Role | null): boolean {
  return role !== null && CHAIN_ROLES.includes(role)
}

/** The phone's 我的评单 is for those who hold the resident role (the server answers only their needs). */
export function ratesOnPhone(roles: readonly Role[]): boolean {
  return roles.includes('resident')
}

/**
 * What a unit's claim offers for 晒单: `lead` — the lead unit of a project in progress, whose report
 * completes it; `unit` — another claiming unit once the project is completed (or evaluated);
 * `waitLead` — another claiming unit while the lead has not reported yet; null — nothing (the
 * claim is not live, or the project is not under way).
 */
export type ReportMode = 'lead' | 'unit' | 'waitLead'

export function reportMode(claim: {
  state: ClaimState
  lead: boolean
  project: { state: ProjectState }
}): ReportMode | null {
  const project = claim.project.state
  if (project === 'in_progress') {
    if (claim.state !== 'active') return null
    return claim.lead ? 'lead' : 'waitLead'
  }
  if (project === 'completed' || project === 'evaluated') {
    return claim.state === 'completed' || claim.state === 'active' ? 'unit' : null
  }
  return null
}

/** Staff may complete a project in progress with a note, and end the evaluation of a completed one. */
export function staffProjectMove(state: ProjectState): 'complete' | 'evaluate' | null {
  if (state === 'in_progress') return 'complete'
  if (state === 'completed') return 'evaluate'
  return null
}

/** The states in which a project has a chain worth showing (it was published and claimed at least). */
export function hasChain(state: ProjectState): boolean {
  return state !== 'draft'
}

/** A need's project is on its chain once the need is planned into one. */
export function needHasChain(need: { state: string; projectId: string | null }): boolean {
  return need.projectId !== null || ['planned', 'in_service', 'resolved', 'rated'].includes(need.state)
}
