/**
 * The aggregates under real concurrency on PostgreSQL: 32 staff requests, released together on
 * warmed connections, each approve one activity's 40 records — the same 40 volunteers (half of
 * them in one unit and one team) in a different order each time, over two months. Every request
 * must succeed (no deadlock: the triggers lock community months, then volunteers, then teams, then
 * units, each in sorted order), and the aggregates must equal the records afterwards. A naive
 * aggregate (read the total, write total + delta) loses updates under the same harness.
 */
import { schema, sql } from '@linli/server/db'
import { DomainError } from '@linli/shared'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { addUnitMember, createUser } from '../../support/factories.ts'
import { race, warmPool } from '../../support/race.ts'
import { buildHoursWorld, type HoursWorld } from '../hours/world.ts'
import { aggregateDifferences } from './aggregates-check.ts'

const CLIENTS = 32
const VOLUNTEERS = 40
const MINUTES = 90

describeOnPostgres('aggregates under concurrency on PostgreSQL', () => {
  let t: TestApp
  let w: HoursWorld
  const volunteerIds: string[] = []
  const batches: string[][] = []

  const codeOf = (err: unknown) => (err instanceof DomainError ? err.code : `UNEXPECTED ${(err as Error).message}`)
  const shuffled = <T>(xs: T[], seed: number) =>
    xs
      .map((x, i) => ({ x, k: (i * 7919 + seed * 104_729) % 1_000_003 }))
      .sort((a, b) => a.k - b.k)
      .map((p) => p.x)

  beforeAll(async () => {
    t = await buildTestApp({ poolSize: CLIENTS + 16, config: { accessTokenTtlSeconds: 400 * 86_400 } })
    w = await buildHoursWorld(t)
    const made = await Promise.all(
      Array.from({ length: VOLUNTEERS }, () => createUser(t.database.db, { roles: [{ role: 'volunteer' }] })),
    )
    volunteerIds.push(...made.map((u) => u.id))
    const teamId = crypto.randomUUID()
    await t.database.db
      .insert(schema.teams)
      .values({ id: teamId, communityId: w.c, name: '并发服务队', createdAt: new Date() })
    for (const id of volunteerIds.slice(0, VOLUNTEERS / 2)) {
      await addUnitMember(t.database.db, w.admins.A.unitId, id)
      await t.database.db.insert(schema.teamMembers).values({ teamId, userId: id, joinedAt: new Date() })
    }
    // One completed activity per request (two months: 31 Oct and 1 Nov in Shanghai), each with a
    // pending, checked-out record for every volunteer.
    for (let i = 0; i < CLIENTS; i++) {
      const activityId = crypto.randomUUID()
      const start = new Date(Date.parse('2026-10-31T10:00:00.000Z') + (i % 2) * 6 * 3_600_000 + i * 60_000)
      const end = new Date(start.getTime() + 2 * 3_600_000)
      await t.database.db.insert(schema.activities).values({
        communityId: w.c,
        id: activityId,
        projectId: w.project.id,
        title: `并发活动 ${i}`,
        place: '社区广场',
        startsAt: start,
        endsAt: end,
        slots: VOLUNTEERS,
        signUpDeadline: start,
        state: 'completed',
        createdBy: w.people.staff.id,
        createdAt: start,
        updatedAt: end,
      })
      const ids: string[] = []
      for (const v of volunteerIds) {
        const id = crypto.randomUUID()
        ids.push(id)
        await t.database.db.insert(schema.hourRecords).values({
          communityId: w.c,
          id,
          activityId,
          volunteerId: v,
          state: 'pending',
          source: 'check_in',
          checkInAt: start,
          checkOutAt: end,
          minutes: MINUTES,
          spanMinutes: MINUTES,
          createdBy: v,
          createdAt: start,
          updatedAt: end,
        } as typeof schema.hourRecords.$inferInsert)
      }
      batches.push(shuffled(ids, i))
    }
  }, 180_000)
  afterAll(() => t?.close())

  it('32 simultaneous batch approvals over the same volunteers all succeed and keep the aggregates true', async () => {
    const staff = {
      userId: w.people.staff.id,
      sessionId: 's',
      grants: [{ id: 'g', role: 'community_staff' as const, scopeType: 'community' as const, scopeId: w.c }],
    }
    await warmPool(t.database.pool!, CLIENTS)
    const settled = await race(CLIENTS, (i) => t.app.hoursService.approveHourRecords(staff, w.c, batches[i]!))
    expect(
      settled.filter((s) => s.status === 'rejected').map((s) => codeOf((s as PromiseRejectedResult).reason)),
    ).toEqual([])
    const { rows } = await t.database.db.execute(sql`select a.volunteer_id, a.minutes from agg_volunteers a
      where a.scope_id = ${w.c} and a.period = 'all' and a.volunteer_id in (${sql.join(
        volunteerIds.map((id) => sql`${id}`),
        sql`, `,
      )})`)
    expect(rows.map((r) => Number(r.minutes))).toEqual(volunteerIds.map(() => CLIENTS * MINUTES))
    const { rows: unit } = await t.database.db.execute(sql`select minutes, volunteers from agg_units
      where scope_id = ${w.c} and period = '2026-11' and unit_id = ${w.admins.A.unitId}`)
    expect(Number(unit[0]!.volunteers)).toBeGreaterThanOrEqual(VOLUNTEERS / 2)
    expect((await aggregateDifferences(t.database.db)).diff).toEqual([])
  }, 180_000)

  it('a naive aggregate (read, then write the sum) loses updates under the same harness', async () => {
    const v = volunteerIds[0]!
    const read = async () =>
      Number(
        (
          await t.database.db.execute(
            sql`select minutes from agg_volunteers where scope_id = ${w.c} and period = 'all' and volunteer_id = ${v}`,
          )
        ).rows[0]!.minutes,
      )
    const before = await read()
    await warmPool(t.database.pool!, CLIENTS)
    const settled = await race(CLIENTS, async () => {
      const seen = await read()
      await t.database.db.execute(
        sql`update agg_volunteers set minutes = ${seen + MINUTES} where scope_id = ${w.c} and period = 'all' and volunteer_id = ${v}`,
      )
    })
    expect(settled.every((s) => s.status === 'fulfilled')).toBe(true)
    expect(await read()).toBeLessThan(before + CLIENTS * MINUTES)
    expect((await aggregateDifferences(t.database.db)).diff.length).toBeGreaterThan(0)
  }, 60_000)
})
