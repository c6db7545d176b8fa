/**
 * What each admin role may do in the console, as pure functions of the active role (the server
 * checks again; these only decide what is offered). Mirrors the server's places policy and
 * `GRANTABLE_BY` in @linli/shared.
 */
import { GRANTABLE_BY, ROLE_SCOPE, type Role } from '@linli/shared'
import type { Place, PlaceKind } from './operations.ts'

export const ADMIN_PAGES = ['places', 'roles', 'settings', 'audit'] as const
export type AdminPage = (typeof ADMIN_PAGES)[number]

/** The roles each admin page serves. */
export const PAGE_ROLES: Record<AdminPage, readonly Role[]> = {
  places: ['district_admin', 'street_admin'],
  roles: ['district_admin', 'street_admin', 'community_staff'],
  settings: ['district_admin', 'street_admin', 'community_staff'],
  audit: ['district_admin', 'street_admin', 'community_staff'],
}

export function canOpen(page: AdminPage, role: Role | null): boolean {
  return role !== null && PAGE_ROLES[page].includes(role)
}

export function pagesFor(role: Role | null): AdminPage[] {
  return ADMIN_PAGES.filter((page) => canOpen(page, role))
}

export const CHILD_KIND: Record<PlaceKind, Exclude<PlaceKind, 'district'> | null> = {
  district: 'street',
  street: 'community',
  community: 'grid',
  grid: null,
}

/** Who adds places below a place of each kind: streets by district admins, communities and grids by street admins too. */
export function canAddChild(role: Role | null, kind: PlaceKind): boolean {
  const child = CHILD_KIND[kind]
  if (!child || !role) return false
  if (child === 'street') return role === 'district_admin'
  return role === 'district_admin' || role === 'street_admin'
}

/** Places are renamed from above: a street admin renames communities and grids, not their own street. */
export function canRename(role: Role | null, kind: PlaceKind): boolean {
  if (role === 'district_admin') return kind !== 'district'
  if (role === 'street_admin') return kind === 'community' || kind === 'grid'
  return false
}

/** The roles the active role may grant (and revoke). */
export function grantableRoles(role: Role | null): readonly Role[] {
  return role ? GRANTABLE_BY[role] : []
}

/** The kind of place a role's grant is scoped to, or 'unit' for unit admins. */
export function scopeKindOf(role: Role): PlaceKind | 'unit' | null {
  const scope = ROLE_SCOPE[role]
  return scope === 'self' ? null : scope
}

/**
 * The places inside one scope (the place and everything below it), parents first. The server
 * answers for all of a person's admin grants; the console works within the active one.
 */
export function placesWithin(places: readonly Place[], scopeId: string | null): Place[] {
  if (!scopeId) return []
  const inside = new Set<string>()
  const out: Place[] = []
  for (const place of places) {
    if (place.id === scopeId || (place.parentId !== null && inside.has(place.parentId))) {
      inside.add(place.id)
      out.push(place)
    }
  }
  return out
}

export interface PlaceNode extends Place {
  children: PlaceNode[]
}

/** Places (parents first) as a tree for ElTree. */
export function placeTree(places: readonly Place[]): PlaceNode[] {
  const nodes = new Map<string, PlaceNode>()
  const roots: PlaceNode[] = []
  for (const place of places) {
    const node: PlaceNode = { ...place, children: [] }
    nodes.set(place.id, node)
    const parent = place.parentId === null ? undefined : nodes.get(place.parentId)
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

/** "华林街道 / 阳光社区": the place's path below the scope, for pickers. */
export function placePath(places: readonly Place[], id: string): string {
  const byId = new Map(places.map((p) => [p.id, p]))
  const names: string[] = []
  for (let place = byId.get(id); place; place = place.parentId ? byId.get(place.parentId) : undefined) {
    names.unshift(place.name)
  }
  return names.join(' / ')
}
