/** Who is offered 居民核验 in the console: community staff (the server checks each action again). */
import type { Role } from '@linli/shared'

export const RESIDENT_DESK_PATH = '/console/residents'

export function canOpenResidentDesk(role: Role | null): boolean {
  return role === 'community_staff'
}
