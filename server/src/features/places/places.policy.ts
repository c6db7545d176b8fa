/** Which roles, covering the parent place, may add or rename places. Pure. */
import type { Role } from '@linli/shared'

export type PlaceKind = 'district' | 'street' | 'community' | 'grid'

/** Roles (covering the parent) that may add a place of this kind. */
export function canCreateChildOf(kind: Exclude<PlaceKind, 'district'>): Role[] {
  switch (kind) {
    case 'street':
      return ['district_admin']
    case 'community':
    case 'grid':
      return ['district_admin', 'street_admin']
  }
}

/** Roles (covering the place) that may rename it: only those above it. */
export function canRename(kind: PlaceKind): Role[] {
  switch (kind) {
    case 'district':
      return []
    case 'street':
      return ['district_admin']
    case 'community':
    case 'grid':
      return ['district_admin', 'street_admin']
  }
}
