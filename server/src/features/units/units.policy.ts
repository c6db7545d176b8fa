/**
 * Pure predicates about units, alliances, rosters and teams; unit-tested without a database.
 * What they cannot know (which alliances hold a unit) the service loads and passes in.
 */
import type { Role } from '@linli/shared'
import { grantCovers, type Ancestry } from '../../access/places.ts'
import type { Viewer } from '../../graphql/context.ts'

/** A team belongs to exactly one unit or one community. */
export type TeamOwner = { kind: 'unit'; unitId: string } | { kind: 'community'; communityId: string }

/** The viewer holds `unit_admin` scoped to this unit. */
export function isUnitAdmin(viewer: Viewer, unitId: string): boolean {
  return viewer.grants.some((g) => g.role === 'unit_admin' && g.scopeId === unitId)
}

/** The communities the viewer is staff of. */
export function staffCommunityIds(viewer: Viewer): string[] {
  return viewer.grants.filter((g) => g.role === 'community_staff' && g.scopeId).map((g) => g.scopeId!)
}

export function isCommunityStaff(viewer: Viewer, communityId: string): boolean {
  return staffCommunityIds(viewer).includes(communityId)
}

const ALLIANCE_READERS: readonly Role[] = ['community_staff', 'street_admin', 'district_admin']

/**
 * A community's alliance is read by its staff, the street and district admins above it, and
 * the admins of units that are active members of it.
 */
export function canReadAlliance(viewer: Viewer, place: Ancestry, activeUnitIds: readonly string[]): boolean {
  if (viewer.grants.some((g) => ALLIANCE_READERS.includes(g.role) && grantCovers(g, place))) return true
  return activeUnitIds.some((unitId) => isUnitAdmin(viewer, unitId))
}

/**
 * A roster is read by the unit's admins and by staff of a community whose alliance holds the
 * unit as an active member (`communitiesHoldingUnit`).
 */
export function canReadRoster(viewer: Viewer, unitId: string, communitiesHoldingUnit: readonly string[]): boolean {
  if (isUnitAdmin(viewer, unitId)) return true
  return communitiesHoldingUnit.some((c) => isCommunityStaff(viewer, c))
}

/** Full phone numbers on a roster: only the unit's own admins (and anyone sees their own). */
export function canSeeRosterPhone(viewer: Viewer, unitId: string, memberId: string): boolean {
  return isUnitAdmin(viewer, unitId) || viewer.userId === memberId
}

/** A unit's teams are managed by its admins, a community's by its staff. */
export function canManageTeams(viewer: Viewer, owner: TeamOwner): boolean {
  return owner.kind === 'unit' ? isUnitAdmin(viewer, owner.unitId) : isCommunityStaff(viewer, owner.communityId)
}

/**
 * Teams are read by those who manage them; a unit's also by staff of a community whose alliance
 * holds the unit; a community's also by the street and district admins above it.
 */
export function canReadTeams(
  viewer: Viewer,
  owner: TeamOwner,
  context: { communitiesHoldingUnit?: readonly string[]; place?: Ancestry | null },
): boolean {
  if (canManageTeams(viewer, owner)) return true
  if (owner.kind === 'unit') return (context.communitiesHoldingUnit ?? []).some((c) => isCommunityStaff(viewer, c))
  const place = context.place
  return !!place && viewer.grants.some((g) => ALLIANCE_READERS.includes(g.role) && grantCovers(g, place))
}

/** Exactly one of a unit or a community; null otherwise. */
export function teamOwnerFrom(input: { unitId?: string | null; communityId?: string | null }): TeamOwner | null {
  const unitId = input.unitId ?? null
  const communityId = input.communityId ?? null
  if (unitId && !communityId) return { kind: 'unit', unitId }
  if (communityId && !unitId) return { kind: 'community', communityId }
  return null
}

/** The owner a team row names (the table's CHECK holds exactly one). */
export function ownerOfTeam(team: { unitId: string | null; communityId: string | null }): TeamOwner {
  return team.unitId ? { kind: 'unit', unitId: team.unitId } : { kind: 'community', communityId: team.communityId! }
}

/** Only community staff search the shared list of units (to invite one). */
export function canSearchUnits(viewer: Viewer): boolean {
  return staffCommunityIds(viewer).length > 0
}
