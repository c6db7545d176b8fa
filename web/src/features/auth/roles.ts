import type { Role } from '@linli/shared'
import type { RoleGrant } from './operations.ts'

/** Most privileged first: the primary role a person lands on after signing in. */
export const ROLE_PRIORITY: readonly Role[] = [
  'district_admin',
  'street_admin',
  'community_staff',
  'grid_worker',
  'unit_admin',
  'volunteer',
  'resident',
]

/** Grants ordered by privilege (stable for grants of the same role). */
export function sortGrants(grants: readonly RoleGrant[]): RoleGrant[] {
  return [...grants].sort((a, b) => ROLE_PRIORITY.indexOf(a.role) - ROLE_PRIORITY.indexOf(b.role))
}

export function primaryGrant(grants: readonly RoleGrant[]): RoleGrant | undefined {
  return sortGrants(grants)[0]
}
