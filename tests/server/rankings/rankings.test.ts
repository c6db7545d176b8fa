/**
 * Rankings against their documented formulas on seeded data: volunteers by approved hours with
 * ties (1, 2, 2, 4) and the month boundary in Asia/Shanghai (an activity at 00:30 on 1 November in
 * Shanghai is November's, though still 31 October in UTC); units by contribution (the score is the
 * formula of its columns); 先锋指数 of a party member (hours, 双报到, activities led, no-shows);
 * names masked for people who do not administer the place; the dashboard's numbers.
 */
import { schema, sql } from '@linli/server/db'
import { pioneerIndex, unitContributionScore } from '@linli/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { buildHoursWorld, type HoursWorld } from '../hours/world.ts'

let t: TestApp
let w: HoursWorld

const VOLUNTEERS = `query($s: RankingScope!, $p: RankingPeriodInput!) { volunteerRanking(scope: $s, period: $p) { formula rows { rank volunteerId name minutes hours } } }`
const UNITS = `query($s: RankingScope!, $p: RankingPeriodInput!) { unitRanking(scope: $s, period: $p) { formula rows { rank unitId unitName score claims volunteers hours peopleServed averageRating resources } } }`
const PIONEERS = `query($s: RankingScope!, $p: RankingPeriodInput!) { pioneerRanking(scope: $s, period: $p) { formula rows { rank volunteerId name index hours dualReport led noShows } } }`
const TEAMS = `query($s: RankingScope!, $p: RankingPeriodInput!) { teamRanking(scope: $s, period: $p) { formula rows { rank teamName hours } } }`
const DASHBOARD = `query($s: RankingScope!, $f: String!, $t: String!) { dashboard(scope: $s, from: $f, to: $t) {
  needsByState { key count } openNeedsByAge { key count } matchRate medianHoursToService
  hoursByMonth { month value } pointsIssuedByMonth { month value } topCategories { key count } } }`

interface VolunteerRow {
  rank: number
  volunteerId: string
  name: string
  minutes: number
}

beforeAll(async () => {
  t = await buildTestApp({ config: { accessTokenTtlSeconds: 400 * 86_400, refreshTokenTtlDays: 400 } })
  w = await buildHoursWorld(t)
  t.clock.set('2026-12-05T02:00:00.000Z')
})
afterAll(() => t?.close())

/** An activity of the world's project starting at `startsAt` (UTC ISO) and approved minutes for volunteers. */
async function served(startsAt: string, minutesBy: [number, number][], leaderId: string | null = null) {
  const activityId = crypto.randomUUID()
  const start = new Date(startsAt)
  const end = new Date(start.getTime() + 3 * 3_600_000)
  await t.database.db.insert(schema.activities).values({
    communityId: w.c,
    id: activityId,
    projectId: w.project.id,
    title: `活动 ${startsAt}`,
    place: '社区广场',
    startsAt: start,
    endsAt: end,
    slots: 10,
    signUpDeadline: start,
    leaderId,
    state: 'completed',
    createdBy: w.people.staff.id,
    createdAt: start,
    updatedAt: end,
  })
  for (const [i, minutes] of minutesBy) {
    const v = await w.volunteer(i)
    await t.database.db.insert(schema.hourRecords).values({
      communityId: w.c,
      activityId,
      volunteerId: v.id,
      state: 'approved',
      source: 'check_in',
      checkInAt: start,
      checkOutAt: end,
      minutes,
      spanMinutes: minutes,
      createdBy: v.id,
      createdAt: start,
      updatedAt: end,
    } as typeof schema.hourRecords.$inferInsert)
  }
  return activityId
}

const scope = () => ({ kind: 'community', id: w.c })

describe('volunteers by approved hours', () => {
  it('ranks ties together (1, 2, 2, 4) and counts an activity by its Shanghai date', async () => {
    // 31 Oct 23:30 in Shanghai: October's. 1 Nov 00:30 in Shanghai (still 31 Oct in UTC): November's.
    await served('2026-10-31T15:30:00.000Z', [[0, 600]])
    await served('2026-10-31T16:30:00.000Z', [
      [0, 120],
      [1, 180],
      [2, 180],
    ])
    await served('2026-11-20T01:00:00.000Z', [[0, 60]])

    const nov = await w.staff<{ volunteerRanking: { formula: string; rows: VolunteerRow[] } }>(VOLUNTEERS, {
      s: scope(),
      p: { kind: 'month', value: '2026-11' },
    })
    expect(nov.errors).toBeUndefined()
    const ids = await Promise.all([0, 1, 2].map(async (i) => (await w.volunteer(i)).id))
    const rows = nov.data!.volunteerRanking.rows
    expect(rows.map((r) => [r.rank, r.minutes])).toEqual([
      [1, 180],
      [1, 180],
      [1, 180],
    ])
    expect(new Set(rows.map((r) => r.volunteerId))).toEqual(new Set(ids))
    expect(nov.data!.volunteerRanking.formula).toContain('志愿时长')

    const oct = await w.staff<{ volunteerRanking: { rows: VolunteerRow[] } }>(VOLUNTEERS, {
      s: scope(),
      p: { kind: 'month', value: '2026-10' },
    })
    expect(oct.data!.volunteerRanking.rows.map((r) => [r.volunteerId, r.minutes])).toEqual([[ids[0], 600]])

    const year = await w.staff<{ volunteerRanking: { rows: VolunteerRow[] } }>(VOLUNTEERS, {
      s: scope(),
      p: { kind: 'year', value: '2026' },
    })
    expect(year.data!.volunteerRanking.rows.map((r) => [r.rank, r.minutes])).toEqual([
      [1, 780],
      [2, 180],
      [2, 180],
    ])
    // Ties share a rank and the next skips: a third volunteer's 179 minutes rank 4.
    await served('2026-12-01T01:00:00.000Z', [[3, 179]])
    const all = await w.staff<{ volunteerRanking: { rows: VolunteerRow[] } }>(VOLUNTEERS, {
      s: scope(),
      p: { kind: 'all' },
    })
    expect(all.data!.volunteerRanking.rows.map((r) => r.rank)).toEqual([1, 2, 2, 4])

    // Someone who does not administer the place sees masked names.
    const asVolunteer = await w.gqlAs<{ volunteerRanking: { rows: VolunteerRow[] } }>(
      await w.volunteer(0),
      VOLUNTEERS,
      { s: scope(), p: { kind: 'all' } },
    )
    expect(asVolunteer.data!.volunteerRanking.rows[0]!.name).toMatch(/\*/)
    expect((await w.staff(VOLUNTEERS, { s: scope(), p: { kind: 'month', value: '2026-13' } })).code).toBe(
      'BAD_USER_INPUT',
    )
  })
})

describe('units by contribution', () => {
  it('each score is the documented formula of its columns; the unit whose members served ranks first', async () => {
    // Volunteers 0 and 1 join unit A's roster.
    for (const i of [0, 1]) {
      await t.database.db.insert(schema.unitMembers).values({
        unitId: w.admins.A.unitId,
        userId: (await w.volunteer(i)).id,
        status: 'active',
        joinedAt: new Date('2026-10-01T00:00:00Z'),
        createdAt: new Date('2026-10-01T00:00:00Z'),
      } as typeof schema.unitMembers.$inferInsert)
    }
    const res = await w.staff<{
      unitRanking: {
        formula: string
        rows: {
          rank: number
          unitId: string
          score: number
          claims: number
          volunteers: number
          hours: number
          peopleServed: number
          averageRating: number | null
          resources: number
        }[]
      }
    }>(UNITS, { s: scope(), p: { kind: 'year', value: '2026' } })
    expect(res.errors).toBeUndefined()
    const rows = res.data!.unitRanking.rows
    for (const r of rows) expect(r.score).toBe(unitContributionScore(r))
    const a = rows.find((r) => r.unitId === w.admins.A.unitId)!
    // Volunteers 0 and 1 served 780 + 180 minutes in 2026 = 16 h; A claimed two projects.
    expect(a).toMatchObject({ rank: 1, volunteers: 2, hours: 16, claims: 2 })
    expect(res.data!.unitRanking.formula).toContain('贡献值')
  })
})

describe('先锋指数', () => {
  it('is 1×hours + 10×双报到 + 3×activities led − 5×no-shows for party members', async () => {
    const v = await w.volunteer(2)
    await t.database.db.insert(schema.volunteerProfiles).values({
      userId: v.id,
      volunteerNumber: 'LL99990001',
      volunteerNumberSource: 'linli',
      isPartyMember: true,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      updatedAt: new Date('2026-01-01T00:00:00Z'),
    } as typeof schema.volunteerProfiles.$inferInsert)
    await t.database.db.insert(schema.dualReports).values({
      communityId: w.c,
      userId: v.id,
      unitId: w.admins.A.unitId,
      state: 'confirmed',
      createdAt: new Date('2026-02-01T00:00:00Z'),
      updatedAt: new Date('2026-02-01T00:00:00Z'),
    } as typeof schema.dualReports.$inferInsert)
    // Led two activities in 2026 (served at one), and one no-show mark.
    await served('2026-06-01T01:00:00.000Z', [[2, 120]], v.id)
    await served('2026-06-08T01:00:00.000Z', [], v.id)
    const anActivity = await served('2026-06-15T01:00:00.000Z', [])
    const signUpId = crypto.randomUUID()
    await t.database.db.insert(schema.signUps).values({
      communityId: w.c,
      id: signUpId,
      activityId: anActivity,
      volunteerId: v.id,
      state: 'no_show',
      createdAt: new Date('2026-06-01T00:00:00Z'),
    } as typeof schema.signUps.$inferInsert)
    await t.database.db.insert(schema.noShowMarks).values({
      communityId: w.c,
      signUpId,
      activityId: anActivity,
      volunteerId: v.id,
      state: 'active',
      markedAt: new Date('2026-06-15T06:00:00Z'),
      fadesAt: new Date('2026-12-15T06:00:00Z'),
    } as typeof schema.noShowMarks.$inferInsert)

    const res = await w.staff<{
      pioneerRanking: {
        formula: string
        rows: { volunteerId: string; index: number; hours: number; led: number; noShows: number; dualReport: boolean }[]
      }
    }>(PIONEERS, { s: scope(), p: { kind: 'year', value: '2026' } })
    expect(res.errors).toBeUndefined()
    const row = res.data!.pioneerRanking.rows.find((r) => r.volunteerId === v.id)!
    // 180 (Nov) + 120 (Jun) minutes = 5 h; 双报到 10; led 2 → 6; one no-show −5: 16.
    expect(row).toMatchObject({ hours: 5, dualReport: true, led: 2, noShows: 1, index: 16 })
    expect(row.index).toBe(pioneerIndex({ hours: 5, dualReports: 1, led: 2, noShows: 1 }))
    expect(res.data!.pioneerRanking.formula).toContain('先锋指数')
  })
})

describe('teams and the dashboard', () => {
  it('ranks teams by members’ hours and shows a community’s numbers to its staff only', async () => {
    const teams = await w.staff<{ teamRanking: { rows: unknown[] } }>(TEAMS, { s: scope(), p: { kind: 'all' } })
    expect(teams.errors).toBeUndefined()

    const res = await w.staff<{
      dashboard: {
        needsByState: { key: string; count: number }[]
        hoursByMonth: { month: string; value: number }[]
        openNeedsByAge: { key: string; count: number }[]
      }
    }>(DASHBOARD, { s: scope(), f: '2026-10', t: '2026-12' })
    expect(res.errors).toBeUndefined()
    const d = res.data!.dashboard
    expect(d.hoursByMonth.map((m) => m.month)).toEqual(['2026-10', '2026-11', '2026-12'])
    const minutes = await t.database.db.execute(sql`select coalesce(sum(h.minutes), 0)::int as m from hour_records h
      join activities a on a.community_id = h.community_id and a.id = h.activity_id
      where h.community_id = ${w.c} and h.state = 'approved' and a.starts_at >= '2026-10-31T16:00:00Z' and a.starts_at < '2026-11-30T16:00:00Z'`)
    expect(d.hoursByMonth[1]!.value).toBeCloseTo(Number(minutes.rows[0]!.m) / 60, 2)
    expect(d.openNeedsByAge.map((x) => x.key)).toEqual(['lt3d', '3to7d', '7to30d', 'gt30d'])
    expect((await w.gqlAs(await w.volunteer(0), DASHBOARD, { s: scope(), f: '2026-10', t: '2026-12' })).code).toBe(
      'NOT_FOUND',
    )
  })
})
