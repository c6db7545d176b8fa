/** Who is offered 居民核验 in the console: community staff (the server checks each action again). */
import type { Role } from '@linli/shared'

export const RESIDENT_DESK_PATH = '/console/residents'

export function canOpenResidentDesk(role: Role | null): boolean {
  return role === 'community_staff'
}

/** Roles whose holders administer places, and so may list them (`administeredPlaces`). */
const PLACE_ADMINS: readonly Role[] = ['district_admin', 'street_admin', 'community_staff', 'grid_worker']

export function administersPlaces(roles: readonly Role[]): boolean {
  return roles.some((r) => PLACE_ADMINS.includes(r))
}
