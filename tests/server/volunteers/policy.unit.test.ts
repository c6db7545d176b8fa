/** The volunteers policies as pure functions: no database. */
import {
  canReadProfile,
  compareSuggestions,
  confirmSides,
  dualReportSides,
  fewPlacesLeft,
  linliVolunteerNumber,
  scoreActivityForVolunteer,
  shanghaiYearBounds,
  shanghaiYearOf,
  unitServiceSummary,
} from '@linli/server/volunteers/policy'
import type { Role, ScopeType } from '@linli/shared'
import { describe, expect, it } from 'vitest'

const C = '0190f000-0000-7000-8000-00000000000c'
const U = '0190f000-0000-7000-8000-0000000000a1'
const viewer = (userId: string, ...grants: [Role, ScopeType, string | null][]) => ({
  userId,
  sessionId: 's',
  grants: grants.map(([role, scopeType, scopeId], i) => ({ id: String(i), role, scopeType, scopeId })),
})
const staff = viewer('staff', ['community_staff', 'community', C])
const admin = viewer('admin', ['unit_admin', 'unit', U])
const both = viewer('both', ['community_staff', 'community', C], ['unit_admin', 'unit', U])

describe('canReadProfile', () => {
  it('lets the volunteer, staff where the person is present, and the admin of their unit read it', () => {
    const absent = { inCommunity: false, activeUnitIds: [] }
    expect(canReadProfile(viewer('p'), 'p', C, absent)).toBe(true)
    expect(canReadProfile(staff, 'p', C, absent)).toBe(false)
    expect(canReadProfile(staff, 'p', C, { inCommunity: true, activeUnitIds: [] })).toBe(true)
    expect(canReadProfile(admin, 'p', C, absent)).toBe(false)
    expect(canReadProfile(admin, 'p', C, { inCommunity: false, activeUnitIds: [U] })).toBe(true)
  })
})

describe('双报到 sides', () => {
  it('knows whom the viewer speaks for and when both sides have confirmed', () => {
    const report = { communityId: C, unitId: U }
    expect(dualReportSides(staff, report)).toEqual({ unit: false, community: true })
    expect(dualReportSides(both, report)).toEqual({ unit: true, community: true })
    expect(confirmSides({ unitConfirmed: false, communityConfirmed: false }, { unit: true, community: false })).toEqual(
      {
        unit: true,
        community: false,
        changed: true,
        confirmed: false,
      },
    )
    expect(
      confirmSides({ unitConfirmed: true, communityConfirmed: false }, { unit: false, community: true }),
    ).toMatchObject({ changed: true, confirmed: true })
    expect(
      confirmSides({ unitConfirmed: true, communityConfirmed: false }, { unit: true, community: false }),
    ).toMatchObject({ changed: false, confirmed: false })
  })

  it('computes the report-in and completion rates over party members and the reported-in', () => {
    const m = (isPartyMember: boolean, reportState: 'confirmed' | 'requested' | null, hours: number) => ({
      isPartyMember,
      reportState,
      approvedMinutes: hours * 60,
      targetHours: 50,
    })
    const summary = unitServiceSummary([
      m(true, 'confirmed', 50),
      m(true, 'confirmed', 49),
      m(true, 'confirmed', 0),
      m(true, 'requested', 80),
      m(false, 'confirmed', 100),
    ])
    expect(summary).toMatchObject({ partyMembers: 4, reportedIn: 3, reachedTarget: 1, reportInRate: 0.75 })
    expect(summary.completionRate).toBeCloseTo(1 / 3)
    expect(unitServiceSummary([])).toMatchObject({ reportInRate: null, completionRate: null })
  })
})

describe('numbers and calendar', () => {
  it('issues LL + 8 digits and bounds the Asia/Shanghai year', () => {
    expect(linliVolunteerNumber('10000001')).toBe('LL10000001')
    expect(linliVolunteerNumber(42)).toBe('LL00000042')
    expect(shanghaiYearOf(new Date('2026-12-31T16:00:00Z'))).toBe(2027)
    expect(shanghaiYearOf(new Date('2026-12-31T15:59:59Z'))).toBe(2026)
    expect(shanghaiYearBounds(2026)).toEqual({
      from: new Date('2025-12-31T16:00:00Z'),
      to: new Date('2026-12-31T16:00:00Z'),
    })
  })
})

describe('scoreActivityForVolunteer', () => {
  const saturdayMorning = new Date('2026-11-14T01:00:00Z') // 09:00 in Beijing
  const volunteer = { skills: ['助老', ' 摄影 '], availability: ['weekend_morning' as const], countingNoShows: 0 }
  const activity = { startsAt: saturdayMorning, slots: 10, confirmed: 0, requiredSkills: [], sameGrid: false }

  it('gives each reason its weight', () => {
    expect(scoreActivityForVolunteer(volunteer, activity)).toEqual({ score: 4, reasons: ['available', 'reliable'] })
    const all = scoreActivityForVolunteer(volunteer, {
      ...activity,
      requiredSkills: ['摄影'],
      sameGrid: true,
      slots: 5,
      confirmed: 4,
    })
    expect(all.reasons).toEqual(['skills_match', 'available', 'same_grid', 'reliable', 'few_places_left'])
    expect(all.score).toBe(11)
    // Half the required skills: part of the weight.
    expect(scoreActivityForVolunteer(volunteer, { ...activity, requiredSkills: ['助老', '理发'] }).score).toBe(7)
  })

  it('lowers the score for counting no-shows and for a full activity', () => {
    const marked = scoreActivityForVolunteer({ ...volunteer, countingNoShows: 2 }, activity)
    expect(marked).toEqual({ score: 0, reasons: ['available'] })
    expect(scoreActivityForVolunteer({ ...volunteer, countingNoShows: 9 }, activity).score).toBe(-1.5)
    expect(scoreActivityForVolunteer(volunteer, { ...activity, slots: 2, confirmed: 2 }).score).toBe(2)
  })

  it('calls one or two places (or a fifth) few, none not', () => {
    expect(fewPlacesLeft({ slots: 3, confirmed: 2 })).toBe(true)
    expect(fewPlacesLeft({ slots: 3, confirmed: 3 })).toBe(false)
    expect(fewPlacesLeft({ slots: 20, confirmed: 16 })).toBe(true)
    expect(fewPlacesLeft({ slots: 20, confirmed: 15 })).toBe(false)
  })

  it('orders best first, then by the earlier start, then by id', () => {
    const s = (score: number, at: string, id: string) => ({ score, startsAt: new Date(at), id })
    const list = [s(1, '2026-11-02', 'b'), s(2, '2026-11-09', 'c'), s(1, '2026-11-01', 'd'), s(1, '2026-11-02', 'a')]
    expect(list.sort(compareSuggestions).map((x) => x.id)).toEqual(['c', 'd', 'a', 'b'])
  })
})
