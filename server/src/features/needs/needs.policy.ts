/**
 * Who may see a need and how much (PRODUCT.md "The three lists", "Privacy"). Pure predicates;
 * the service loads what they need: the community's ancestry, the units with a live claim on
 * the need's project, the units active in the alliance.
 *
 * - `contact`: the resident it is for, its recorder, the community's staff, admins of units with a
 *   live claim on its project — full names; the contact itself through `needContact` (audited).
 * - `reader`: street and district admins above (read-only) and grid workers of its grid —
 *   names masked, phone masked, no address.
 * - `summary`: once its project is published, admins of units active in the alliance — title,
 *   category and grid only.
 * Anyone else: the need does not exist for them.
 */
import type { ProjectState } from '@linli/shared'
import { grantCovers, type Ancestry } from '../../access/places.ts'
import type { Viewer } from '../../graphql/context.ts'
import { isCommunityStaff, isUnitAdmin } from '../units/units.policy.ts'

export type NeedAccess = 'contact' | 'reader' | 'summary'

export interface NeedFacts {
  communityId: string
  gridId: string | null
  forUserId: string | null
  recordedBy: string
  projectState: ProjectState | null
  /** Units holding a pending or active claim on the need's project. */
  liveClaimUnitIds: readonly string[]
}

/** Project states in which the project (and so its needs) is out in the alliance's market. */
const PUBLISHED_PROJECT_STATES: readonly ProjectState[] = [
  'published',
  'claimed',
  'in_progress',
  'completed',
  'evaluated',
  'closed',
]

export const isOwnNeed = (viewer: Viewer, need: Pick<NeedFacts, 'forUserId' | 'recordedBy'>) =>
  viewer.userId === need.forUserId || viewer.userId === need.recordedBy

export function isGridWorkerOf(viewer: Viewer, gridId: string | null): boolean {
  return !!gridId && viewer.grants.some((g) => g.role === 'grid_worker' && g.scopeId === gridId)
}

/** Street and district admins whose scope holds the community. */
export function isAdminAbove(viewer: Viewer, place: Ancestry): boolean {
  return viewer.grants.some((g) => (g.role === 'street_admin' || g.role === 'district_admin') && grantCovers(g, place))
}

/** Whether a unit admin might see the need as a project's summary (so the service loads the alliance). */
export function mayNeedAlliance(viewer: Viewer, need: Pick<NeedFacts, 'projectState'>): boolean {
  return (
    !!need.projectState &&
    PUBLISHED_PROJECT_STATES.includes(need.projectState) &&
    viewer.grants.some((g) => g.role === 'unit_admin')
  )
}

export function needAccess(
  viewer: Viewer,
  need: NeedFacts,
  place: Ancestry,
  activeUnitIds: readonly string[],
): NeedAccess | null {
  if (isOwnNeed(viewer, need) || isCommunityStaff(viewer, need.communityId)) return 'contact'
  if (need.liveClaimUnitIds.some((u) => isUnitAdmin(viewer, u))) return 'contact'
  if (isAdminAbove(viewer, place) || isGridWorkerOf(viewer, need.gridId)) return 'reader'
  if (mayNeedAlliance(viewer, need) && activeUnitIds.some((u) => isUnitAdmin(viewer, u))) return 'summary'
  return null
}

/** The timeline names its actors to the resident, the recorder and the community's staff; others read a role. */
export function seesActorNames(viewer: Viewer, need: NeedFacts): boolean {
  return isOwnNeed(viewer, need) || isCommunityStaff(viewer, need.communityId)
}

/** The phone shows in full on the need to the person it is for and the one who recorded it (they gave it). */
export function seesPhoneOnNeed(viewer: Viewer, need: NeedFacts): boolean {
  return isOwnNeed(viewer, need)
}

/** The resident it is for and its recorder edit or withdraw it (while submitted). */
export function canEditNeed(viewer: Viewer, need: NeedFacts): boolean {
  return isOwnNeed(viewer, need)
}

/** The community's staff triage: accept, reject, merge, close. */
export function canTriageNeed(viewer: Viewer, need: Pick<NeedFacts, 'communityId'>): boolean {
  return isCommunityStaff(viewer, need.communityId)
}

/** Photos go to those who read the need itself (not the market's summary). */
export function seesPhotos(access: NeedAccess | null): boolean {
  return access === 'contact' || access === 'reader'
}
