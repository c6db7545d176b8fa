/**
 * Access by place. A role grant covers a place when the place lies inside the grant's scope:
 * a district admin covers its streets, communities and grids; a street admin its communities
 * and grids; community staff their community and its grids; a grid worker the grid.
 * The ancestry of a place is loaded in one statement; the predicates are pure.
 */
import { DomainError, type Role } from '@linli/shared'
import { sql } from 'drizzle-orm'
import type { DbOrTx } from '../db/index.ts'
import type { Viewer, ViewerGrant } from '../graphql/context.ts'

/** Where a place sits: every level above it (and itself). */
export interface Ancestry {
  districtId: string
  streetId?: string
  communityId?: string
  gridId?: string
}

export type PlaceRef =
  | { kind: 'district'; id: string }
  | { kind: 'street'; id: string }
  | { kind: 'community'; id: string }
  | { kind: 'grid'; id: string }

/** The place's ancestry, or null when it does not exist. */
export async function loadAncestry(db: DbOrTx, place: PlaceRef): Promise<Ancestry | null> {
  const id = place.id
  if (!isUuid(id)) return null
  const query = {
    district: sql`select d.id as district_id, null::uuid as street_id, null::uuid as community_id, null::uuid as grid_id
      from districts d where d.id = ${id}`,
    street: sql`select s.district_id, s.id as street_id, null::uuid as community_id, null::uuid as grid_id
      from streets s where s.id = ${id}`,
    community: sql`select s.district_id, s.id as street_id, c.id as community_id, null::uuid as grid_id
      from communities c join streets s on s.id = c.street_id where c.id = ${id}`,
    grid: sql`select s.district_id, s.id as street_id, c.id as community_id, g.id as grid_id
      from grids g join communities c on c.id = g.community_id join streets s on s.id = c.street_id where g.id = ${id}`,
  }[place.kind]
  const { rows } = await db.execute(query)
  const row = rows[0] as
    { district_id: string; street_id: string | null; community_id: string | null; grid_id: string | null } | undefined
  if (!row) return null
  return {
    districtId: row.district_id,
    ...(row.street_id ? { streetId: row.street_id } : {}),
    ...(row.community_id ? { communityId: row.community_id } : {}),
    ...(row.grid_id ? { gridId: row.grid_id } : {}),
  }
}

/** Does this grant's scope contain the place? */
export function grantCovers(grant: ViewerGrant, place: Ancestry): boolean {
  switch (grant.scopeType) {
    case 'district':
      return grant.scopeId === place.districtId
    case 'street':
      return grant.scopeId === place.streetId
    case 'community':
      return grant.scopeId === place.communityId
    case 'grid':
      return grant.scopeId === place.gridId
    case 'unit':
    case 'self':
      return false
  }
}

/** The viewer's roles whose scope contains the place. */
export function rolesCovering(viewer: Viewer, place: Ancestry): Set<Role> {
  return new Set(viewer.grants.filter((g) => grantCovers(g, place)).map((g) => g.role))
}

/**
 * Load the place and require one of `roles` covering it. A place that does not exist and a
 * place outside the viewer's scope both answer `NOT_FOUND`: ids cannot be probed.
 */
export async function requirePlaceRole(
  db: DbOrTx,
  viewer: Viewer,
  place: PlaceRef,
  roles: readonly Role[],
): Promise<Ancestry> {
  const ancestry = await loadAncestry(db, place)
  if (!ancestry) throw new DomainError('NOT_FOUND', `${place.kind} not found`)
  const covering = rolesCovering(viewer, ancestry)
  if (!roles.some((r) => covering.has(r))) throw new DomainError('NOT_FOUND', `${place.kind} not found`)
  return ancestry
}

/** The ids a viewer's admin grants name, by scope type (for filtering lists in one statement). */
export function scopeIds(viewer: Viewer, roles: readonly Role[]) {
  const pick = (t: ViewerGrant['scopeType']) =>
    viewer.grants.filter((g) => g.scopeType === t && roles.includes(g.role) && g.scopeId).map((g) => g.scopeId!)
  return {
    districts: pick('district'),
    streets: pick('street'),
    communities: pick('community'),
    grids: pick('grid'),
    units: pick('unit'),
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Malformed ids are treated as missing (NOT_FOUND), never as a database error. */
export function isUuid(value: string): boolean {
  return UUID.test(value)
}

/** The admin roles, most senior first. */
export const ADMIN_ROLES = ['district_admin', 'street_admin', 'community_staff'] as const satisfies readonly Role[]

/**
 * For changes a community's staff make: NOT_FOUND when the viewer cannot see the community at
 * all (as for one that does not exist), FORBIDDEN when they can (the street or district admin
 * above) but changing it is its staff's job.
 */
export async function requireCommunityStaff(db: DbOrTx, viewer: Viewer, communityId: string): Promise<Ancestry> {
  const place = await requirePlaceRole(db, viewer, { kind: 'community', id: communityId }, [
    'community_staff',
    'street_admin',
    'district_admin',
  ])
  if (!rolesCovering(viewer, place).has('community_staff')) {
    throw new DomainError('FORBIDDEN', 'only the community’s staff may do this')
  }
  return place
}
