/** The units policies as pure predicates: no database. */
import { allianceUnitMachine, canTransition, unitMemberMachine } from '@linli/shared'
import { describe, expect, it } from 'vitest'
import {
  canManageTeams,
  canReadAlliance,
  canReadRoster,
  canReadTeams,
  canSearchUnits,
  canSeeRosterPhone,
  isUnitAdmin,
  ownerOfTeam,
  staffCommunityIds,
  teamOwnerFrom,
} from '@linli/server/units/policy'

type Viewer = Parameters<typeof isUnitAdmin>[0]
type G = Viewer['grants'][number]
const grant = (role: G['role'], scopeType: G['scopeType'], scopeId: string | null): G => ({
  id: `${role}-${scopeId}`,
  role,
  scopeType,
  scopeId,
})
const viewer = (...grants: G[]): Viewer => ({ userId: 'me', sessionId: 's', grants })

const place = { districtId: 'd1', streetId: 's1', communityId: 'c1' }
const resident = viewer(grant('resident', 'self', null))
const staff = viewer(grant('community_staff', 'community', 'c1'))
const otherStaff = viewer(grant('community_staff', 'community', 'c2'))
const streetAdmin = viewer(grant('street_admin', 'street', 's1'))
const otherStreetAdmin = viewer(grant('street_admin', 'street', 's2'))
const districtAdmin = viewer(grant('district_admin', 'district', 'd1'))
const gridWorker = viewer(grant('grid_worker', 'grid', 'g1'))
const unitAdmin = viewer(grant('unit_admin', 'unit', 'u1'))
const otherUnitAdmin = viewer(grant('unit_admin', 'unit', 'u2'))

describe('isUnitAdmin and staffCommunityIds', () => {
  it('read the viewer’s grants by role and scope id', () => {
    expect(isUnitAdmin(unitAdmin, 'u1')).toBe(true)
    expect(isUnitAdmin(unitAdmin, 'u2')).toBe(false)
    expect(isUnitAdmin(staff, 'c1')).toBe(false)
    expect(
      staffCommunityIds(
        viewer(grant('community_staff', 'community', 'c1'), grant('community_staff', 'community', 'c3')),
      ),
    ).toEqual(['c1', 'c3'])
    expect(staffCommunityIds(streetAdmin)).toEqual([])
  })
})

describe('canReadAlliance', () => {
  it('lets staff of the community and admins above it read', () => {
    for (const v of [staff, streetAdmin, districtAdmin]) expect(canReadAlliance(v, place, [])).toBe(true)
  })
  it('lets admins of active member units read, nobody else', () => {
    expect(canReadAlliance(unitAdmin, place, ['u1'])).toBe(true)
    for (const v of [unitAdmin, otherUnitAdmin, otherStaff, otherStreetAdmin, gridWorker, resident]) {
      expect(canReadAlliance(v, place, v === unitAdmin ? [] : ['u1'])).toBe(false)
    }
  })
})

describe('canReadRoster and canSeeRosterPhone', () => {
  it('lets the unit’s admins and staff of a community holding the unit read', () => {
    expect(canReadRoster(unitAdmin, 'u1', [])).toBe(true)
    expect(canReadRoster(staff, 'u1', ['c1'])).toBe(true)
    expect(canReadRoster(staff, 'u1', [])).toBe(false)
    expect(canReadRoster(otherStaff, 'u1', ['c1'])).toBe(false)
    expect(canReadRoster(otherUnitAdmin, 'u1', ['c1'])).toBe(false)
    expect(canReadRoster(streetAdmin, 'u1', ['c1'])).toBe(false)
  })
  it('shows full phones to the unit’s admins and to the person themselves only', () => {
    expect(canSeeRosterPhone(unitAdmin, 'u1', 'someone')).toBe(true)
    expect(canSeeRosterPhone(staff, 'u1', 'someone')).toBe(false)
    expect(canSeeRosterPhone(staff, 'u1', 'me')).toBe(true)
  })
})

describe('teams', () => {
  const unitOwner = { kind: 'unit', unitId: 'u1' } as const
  const communityOwner = { kind: 'community', communityId: 'c1' } as const
  it('are managed by the unit’s admins or the community’s staff', () => {
    expect(canManageTeams(unitAdmin, unitOwner)).toBe(true)
    expect(canManageTeams(staff, unitOwner)).toBe(false)
    expect(canManageTeams(staff, communityOwner)).toBe(true)
    for (const v of [otherUnitAdmin, otherStaff, streetAdmin, gridWorker, resident]) {
      expect(canManageTeams(v, unitOwner) || canManageTeams(v, communityOwner)).toBe(false)
    }
  })
  it('are read also by staff holding the unit, and by admins above the community', () => {
    expect(canReadTeams(staff, unitOwner, { communitiesHoldingUnit: ['c1'] })).toBe(true)
    expect(canReadTeams(staff, unitOwner, { communitiesHoldingUnit: [] })).toBe(false)
    expect(canReadTeams(streetAdmin, communityOwner, { place })).toBe(true)
    expect(canReadTeams(otherStreetAdmin, communityOwner, { place })).toBe(false)
    expect(canReadTeams(gridWorker, communityOwner, { place: { ...place, gridId: 'g1' } })).toBe(false)
  })
  it('have exactly one owner', () => {
    expect(teamOwnerFrom({ unitId: 'u1' })).toEqual({ kind: 'unit', unitId: 'u1' })
    expect(teamOwnerFrom({ communityId: 'c1', unitId: null })).toEqual({ kind: 'community', communityId: 'c1' })
    expect(teamOwnerFrom({ unitId: 'u1', communityId: 'c1' })).toBeNull()
    expect(teamOwnerFrom({})).toBeNull()
    expect(ownerOfTeam({ unitId: null, communityId: 'c1' })).toEqual({ kind: 'community', communityId: 'c1' })
  })
})

describe('canSearchUnits', () => {
  it('is for community staff only', () => {
    expect(canSearchUnits(staff)).toBe(true)
    for (const v of [streetAdmin, unitAdmin, resident]) expect(canSearchUnits(v)).toBe(false)
  })
})

describe('state machines', () => {
  it('move alliance memberships and roster rows only along the allowed edges', () => {
    expect(canTransition(allianceUnitMachine, 'invited', 'active')).toBe(true)
    expect(canTransition(allianceUnitMachine, 'left', 'active')).toBe(false)
    expect(canTransition(allianceUnitMachine, 'left', 'invited')).toBe(true)
    expect(canTransition(unitMemberMachine, 'requested', 'active')).toBe(true)
    expect(canTransition(unitMemberMachine, 'declined', 'active')).toBe(false)
    expect(canTransition(unitMemberMachine, 'active', 'declined')).toBe(false)
    expect(canTransition(unitMemberMachine, 'left', 'requested')).toBe(true)
  })
})
