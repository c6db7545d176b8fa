import { memberOf } from './errors.ts'

/** Roles of PRODUCT.md and the kind of place or body each is scoped to. */
export const ROLES = [
  'resident',
  'volunteer',
  'unit_admin',
  'grid_worker',
  'community_staff',
  'street_admin',
  'district_admin',
] as const
export type Role = (typeof ROLES)[number]

export const SCOPE_TYPES = ['self', 'unit', 'grid', 'community', 'street', 'district'] as const
export type ScopeType = (typeof SCOPE_TYPES)[number]

export const ROLE_SCOPE: Record<Role, ScopeType> = {
  resident: 'self',
  volunteer: 'self',
  unit_admin: 'unit',
  grid_worker: 'grid',
  community_staff: 'community',
  street_admin: 'street',
  district_admin: 'district',
}

/** Which face of the web a role works in: the phone H5 or the desk console. */
export type Face = 'mobile' | 'console'
export const ROLE_FACE: Record<Role, Face> = {
  resident: 'mobile',
  volunteer: 'mobile',
  unit_admin: 'console',
  grid_worker: 'console',
  community_staff: 'console',
  street_admin: 'console',
  district_admin: 'console',
}

export const isRole = memberOf(ROLES)

/** A grant is well-formed when its scope matches its role: self roles have no scope id. */
export function grantShapeIsValid(role: Role, scopeType: ScopeType, scopeId: string | null): boolean {
  if (ROLE_SCOPE[role] !== scopeType) return false
  return scopeType === 'self' ? scopeId === null : scopeId !== null
}

/**
 * Who may grant (and revoke) which role, inside their own scope. Nobody grants their own
 * level or above; district admins are appointed outside the platform (by the operator).
 */
export const GRANTABLE_BY: Record<Role, readonly Role[]> = {
  district_admin: ['street_admin', 'community_staff', 'grid_worker'],
  street_admin: ['community_staff', 'grid_worker'],
  community_staff: ['grid_worker', 'unit_admin'],
  grid_worker: [],
  unit_admin: [],
  volunteer: [],
  resident: [],
}

/** The roles that may grant `role` (within a scope that contains the grant's scope). */
export function grantersOf(role: Role): Role[] {
  return ROLES.filter((r) => GRANTABLE_BY[r].includes(role))
}
