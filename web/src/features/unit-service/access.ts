/**
 * 成员服务: a unit's admin sees their members' service this year and the unit's 双报到 rates, and
 * confirms members' reports. The server checks again; this only decides what the console offers.
 */
import type { Role } from '@linli/shared'

export const UNIT_SERVICE_PATH = 'unit/service'

export function canOpenUnitService(role: Role | null): boolean {
  return role === 'unit_admin'
}

/** The page for the console menu. */
export function unitServicePagesFor(role: Role | null): { page: 'service'; path: string }[] {
  return canOpenUnitService(role) ? [{ page: 'service', path: `/console/${UNIT_SERVICE_PATH}` }] : []
}
