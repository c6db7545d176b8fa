/** Pure predicates of the accounts feature; unit-tested without a database. */
import type { Role } from '@linli/shared'
import type { Viewer } from '../../graphql/context.ts'

/** The communities the viewer is community staff of. */
export function staffedCommunities(viewer: Viewer): Set<string> {
  return new Set(viewer.grants.filter((g) => g.role === 'community_staff' && g.scopeId !== null).map((g) => g.scopeId!))
}

/**
 * The community, among a person's residences, whose staff the viewer is — the community in
 * whose name staff may act on the person (reset a password in person, verify a real name).
 */
export function staffCommunityOf(viewer: Viewer, residenceCommunityIds: readonly string[]): string | null {
  const staffed = staffedCommunities(viewer)
  return residenceCommunityIds.find((id) => staffed.has(id)) ?? null
}

/** ID type, masked number and whether the real name is verified: the person and their residence's staff. */
export function canSeeIdentity(
  viewer: Viewer | null,
  userId: string,
  residenceCommunityIds: readonly string[],
): boolean {
  if (!viewer) return false
  return viewer.userId === userId || staffCommunityOf(viewer, residenceCommunityIds) !== null
}

/** Roles whose holders act for others; their passwords are never reset by someone else. */
const SELF_ROLES: readonly Role[] = ['resident', 'volunteer']

/**
 * Staff reset the passwords of residents and volunteers only: resetting an administrator's
 * password would let staff sign in with that administrator's wider scope.
 */
export function staffMayResetPasswordOf(targetRoles: readonly Role[]): boolean {
  return targetRoles.every((r) => SELF_ROLES.includes(r))
}
