/**
 * Who may see and act on a resource (PRODUCT.md "The three lists"). Pure predicates; what they
 * cannot know (the community's ancestry, which units are active in its alliance) the service
 * loads and passes in.
 */
import type { Role } from '@linli/shared'
import { grantCovers, type Ancestry } from '../../access/places.ts'
import type { Viewer } from '../../graphql/context.ts'
import { isCommunityStaff, isUnitAdmin } from '../units/units.policy.ts'

export { isCommunityStaff, isUnitAdmin }

const LIST_READERS: readonly Role[] = ['community_staff', 'street_admin', 'district_admin']

/** Staff of the community and the street and district admins above it read its whole list. */
export function readsWholeList(viewer: Viewer, place: Ancestry): boolean {
  return viewer.grants.some((g) => LIST_READERS.includes(g.role) && grantCovers(g, place))
}

/** The units, active in this alliance, whose admin the viewer is. */
export function adminOfActiveUnits(viewer: Viewer, activeUnitIds: readonly string[]): string[] {
  return activeUnitIds.filter((u) => isUnitAdmin(viewer, u))
}

/**
 * A resource is seen by those who read the community's whole list, by its own unit's admins
 * (whatever its state), and — once published — by the admins of any unit active in the alliance.
 */
export function canReadResource(
  viewer: Viewer,
  resource: { unitId: string; state: string },
  place: Ancestry,
  activeUnitIds: readonly string[],
): boolean {
  if (readsWholeList(viewer, place) || isUnitAdmin(viewer, resource.unitId)) return true
  return resource.state === 'published' && adminOfActiveUnits(viewer, activeUnitIds).length > 0
}

/** The unit's admins offer, edit and withdraw its resources. */
export function canManageResource(viewer: Viewer, resource: { unitId: string }): boolean {
  return isUnitAdmin(viewer, resource.unitId)
}

/** The community's staff publish or return resources offered into its list. */
export function canDecideResource(viewer: Viewer, communityId: string): boolean {
  return isCommunityStaff(viewer, communityId)
}

/** A published resource is marked used up by its unit's admins or the community's staff. */
export function canExhaustResource(viewer: Viewer, resource: { unitId: string; communityId: string }): boolean {
  return isUnitAdmin(viewer, resource.unitId) || isCommunityStaff(viewer, resource.communityId)
}
