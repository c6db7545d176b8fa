/** The activities policies as pure predicates: no database. */
import {
  canManageActivity,
  canReadSignUps,
  creatorUnit,
  mayJoin,
  placeFor,
  promotable,
} from '@linli/server/activities/policy'
import type { Role, ScopeType } from '@linli/shared'
import { describe, expect, it } from 'vitest'

const C = '0190f000-0000-7000-8000-00000000000c'
const U1 = '0190f000-0000-7000-8000-0000000000a1'
const U2 = '0190f000-0000-7000-8000-0000000000a2'
const viewer = (...grants: [Role, ScopeType, string | null][]) => ({
  userId: 'me',
  sessionId: 's',
  grants: grants.map(([role, scopeType, scopeId], i) => ({ id: String(i), role, scopeType, scopeId })),
})
const staff = viewer(['community_staff', 'community', C])
const admin1 = viewer(['unit_admin', 'unit', U1])
const volunteer = viewer(['volunteer', 'self', null])

describe('placeFor and promotable', () => {
  it('confirms while places remain, then waitlists at the end of the line', () => {
    expect(placeFor({ slots: 3, confirmed: 2, waitlisted: 0 })).toEqual({ state: 'confirmed', position: null })
    expect(placeFor({ slots: 3, confirmed: 3, waitlisted: 0 })).toEqual({ state: 'waitlisted', position: 1 })
    expect(placeFor({ slots: 3, confirmed: 3, waitlisted: 7 })).toEqual({ state: 'waitlisted', position: 8 })
  })
  it('promotes as many as there are free places, no more than wait', () => {
    expect(promotable({ slots: 5, confirmed: 3, waitlisted: 10 })).toBe(2)
    expect(promotable({ slots: 5, confirmed: 3, waitlisted: 1 })).toBe(1)
    expect(promotable({ slots: 5, confirmed: 5, waitlisted: 4 })).toBe(0)
  })
})

describe('who creates, manages and reads', () => {
  it('staff create for the community; an admin of an actively claiming unit for the unit; nobody else', () => {
    expect(creatorUnit(staff, C, [U1])).toEqual({ unitId: null })
    expect(creatorUnit(admin1, C, [U1])).toEqual({ unitId: U1 })
    expect(creatorUnit(admin1, C, [U2])).toBeNull()
    expect(creatorUnit(volunteer, C, [U1])).toBeNull()
  })
  it('staff manage any activity; a unit admin only their unit’s, while it holds an active claim', () => {
    const byUnit = { communityId: C, unitId: U1 }
    expect(canManageActivity(staff, byUnit, [])).toBe(true)
    expect(canManageActivity(admin1, byUnit, [U1])).toBe(true)
    expect(canManageActivity(admin1, byUnit, [])).toBe(false)
    expect(canManageActivity(admin1, { communityId: C, unitId: null }, [U1])).toBe(false)
  })
  it('the roster: readers, the leader, the claiming units’ admins', () => {
    expect(canReadSignUps(volunteer, { leaderId: 'me' }, { isReader: false, claimUnitIds: [] })).toBe(true)
    expect(canReadSignUps(admin1, { leaderId: null }, { isReader: false, claimUnitIds: [U1] })).toBe(true)
    expect(canReadSignUps(admin1, { leaderId: null }, { isReader: false, claimUnitIds: [U2] })).toBe(false)
    expect(canReadSignUps(volunteer, { leaderId: null }, { isReader: true, claimUnitIds: [] })).toBe(true)
  })
  it('a limited activity takes only members of its units', () => {
    expect(mayJoin(null, [])).toBe(true)
    expect(mayJoin([U1], [U1, U2])).toBe(true)
    expect(mayJoin([U1], [U2])).toBe(false)
  })
})
