/**
 * Hours under real concurrency on PostgreSQL (PGlite is one connection: races cannot show
 * there), clients released together behind one barrier onto warmed connections:
 * - 64 staff requests approving the same 100 records at once approve each exactly once (one
 *   audit line per record: the points that will hang on approvals are posted once); a naive
 *   approval (read the states, then write without locking) approves records twice.
 * - 64 simultaneous corrections of one approved record: exactly one correction, the original
 *   voided once, every other request a clean INVALID_TRANSITION; a naive correction under the
 *   same harness does not end clean.
 * - 64 simultaneous check-ins of one volunteer (a double tap, a slow network) make one record.
 */
import { schema, sql } from '@linli/server/db'
import { DomainError } from '@linli/shared'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { createUser } from '../../support/factories.ts'
import { race, warmPool } from '../../support/race.ts'
import { buildHoursWorld, type HoursWorld } from './world.ts'

type Viewer = Parameters<TestApp['app']['hoursService']['checkIn']>[0]

const CLIENTS = 64
const RECORDS = 100

describeOnPostgres('hours under concurrency on PostgreSQL', () => {
  let t: TestApp
  let w: HoursWorld
  let staff: Viewer
  let leader: Viewer
  const volunteers: Viewer[] = []

  const codeOf = (err: unknown) => (err instanceof DomainError ? err.code : `UNEXPECTED ${(err as Error).message}`)

  async function together<T>(n: number, task: (i: number) => Promise<T>) {
    await warmPool(t.database.pool!, CLIENTS)
    return race(n, task)
  }

  let day = 0
  /** An activity on its own day with `n` volunteers signed up, checked in and (unless `open`) out: their record ids. */
  async function served(n: number, open = false) {
    day++
    const startsAt = new Date(Date.parse('2026-11-10T01:00:00.000Z') + day * 86_400_000)
    t.clock.set('2026-11-01T02:00:00.000Z')
    const a = await w.activity({
      slots: n,
      leaderId: w.leader.id,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
    })
    for (const v of volunteers.slice(0, n)) await t.app.signUpsService.signUp(v, w.c, a.id)
    t.clock.set(startsAt)
    const code = (await t.app.hoursService.checkInCode(leader, w.c, a.id, 'http://linli.test')).digits
    const ids: string[] = []
    if (open) return { activityId: a.id, code, ids }
    for (const v of volunteers.slice(0, n)) ids.push((await t.app.hoursService.checkIn(v, w.c, a.id, code)).id)
    t.clock.set(new Date(startsAt.getTime() + 2 * 3_600_000))
    const out = (await t.app.hoursService.checkInCode(leader, w.c, a.id, 'http://linli.test')).digits
    for (const v of volunteers.slice(0, n)) await t.app.hoursService.checkOut(v, w.c, a.id, out)
    return { activityId: a.id, code: out, ids }
  }

  beforeAll(async () => {
    t = await buildTestApp({ poolSize: CLIENTS + 16, config: { accessTokenTtlSeconds: 400 * 86_400 } })
    w = await buildHoursWorld(t)
    const grant = (role: 'community_staff' | 'volunteer', scopeType: 'community' | 'self', scopeId: string | null) => ({
      id: scopeId ?? role,
      role,
      scopeType,
      scopeId,
    })
    staff = { userId: w.people.staff.id, sessionId: 's', grants: [grant('community_staff', 'community', w.c)] }
    leader = { userId: w.leader.id, sessionId: 'l', grants: [grant('volunteer', 'self', null)] }
    for (let i = 0; i < RECORDS; i += 20) {
      const made = await Promise.all(
        Array.from({ length: 20 }, () => createUser(t.database.db, { roles: [{ role: 'volunteer' }] })),
      )
      for (const u of made)
        volunteers.push({ userId: u.id, sessionId: u.id, grants: [grant('volunteer', 'self', null)] })
    }
  }, 180_000)
  afterAll(() => t?.close())

  /** How many times the audit says each record was approved. */
  async function approvals(ids: string[]) {
    const { rows } = await t.database.db.execute(
      sql`select after->'ids' as ids from audit_events where action = 'hours.approve'`,
    )
    const times = new Map(ids.map((id) => [id, 0]))
    for (const r of rows as { ids: string[] | string }[]) {
      const list = typeof r.ids === 'string' ? (JSON.parse(r.ids) as string[]) : r.ids
      for (const id of list) if (times.has(id)) times.set(id, times.get(id)! + 1)
    }
    return [...times.values()]
  }

  it('64 simultaneous approvals of the same 100 records approve each exactly once', async () => {
    const { ids } = await served(RECORDS)
    const settled = await together(CLIENTS, () => t.app.hoursService.approveHourRecords(staff, w.c, ids))
    expect(
      settled.filter((s) => s.status === 'rejected').map((s) => codeOf((s as PromiseRejectedResult).reason)),
    ).toEqual([])
    const { rows } = await t.database.db.execute(
      sql`select count(*) filter (where state = 'approved')::int as approved, count(*)::int as n
        from hour_records where id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
    )
    expect(rows[0]).toEqual({ approved: RECORDS, n: RECORDS })
    expect(new Set(await approvals(ids))).toEqual(new Set([1]))
  }, 120_000)

  it('a naive approval (read the states, then write without a lock) approves records more than once under the same harness', async () => {
    const naiveApprove = async (ids: string[]) => {
      await t.database.db.transaction(async (tx) => {
        const rows = await tx
          .select({ id: schema.hourRecords.id, state: schema.hourRecords.state })
          .from(schema.hourRecords)
          .where(
            sql`${schema.hourRecords.id} in (${sql.join(
              ids.map((id) => sql`${id}`),
              sql`, `,
            )})`,
          )
        const pending = rows.filter((r) => r.state === 'pending').map((r) => r.id)
        if (pending.length === 0) return
        await tx
          .update(schema.hourRecords)
          .set({ state: 'approved' })
          .where(
            sql`${schema.hourRecords.id} in (${sql.join(
              pending.map((id) => sql`${id}`),
              sql`, `,
            )})`,
          )
        await tx.insert(schema.auditEvents).values({
          at: t.clock.now(),
          actorId: staff.userId,
          action: 'hours.approve',
          targetType: 'hour_record',
          after: { ids: pending },
        })
      })
    }
    let worst = 1
    for (let run = 0; run < 3 && worst === 1; run++) {
      const { ids } = await served(RECORDS)
      await together(CLIENTS, () => naiveApprove(ids))
      worst = Math.max(...(await approvals(ids)))
    }
    console.info(`naive approval: a record approved ${worst} times`)
    expect(worst).toBeGreaterThan(1)
  }, 180_000)

  it('64 simultaneous corrections of one approved record: one correction, the original voided once, the rest refused cleanly', async () => {
    const { ids } = await served(1)
    await t.app.hoursService.approveHourRecords(staff, w.c, ids)
    const settled = await together(CLIENTS, (i) =>
      t.app.hoursService.correctHourRecord(staff, w.c, ids[0]!, { minutes: i, reason: '核实后更正时长' }),
    )
    const codes = settled.map((s) => (s.status === 'fulfilled' ? 'OK' : codeOf(s.reason)))
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1)
    expect(codes.filter((c) => c !== 'OK').every((c) => c === 'INVALID_TRANSITION')).toBe(true)
    const { rows } = await t.database.db.execute(
      sql`select state, source, replaces_id as "replacesId" from hour_records
        where id = ${ids[0]} or replaces_id = ${ids[0]} order by created_at`,
    )
    expect(rows).toEqual([
      { state: 'voided', source: 'check_in', replacesId: null },
      { state: 'approved', source: 'correction', replacesId: ids[0] },
    ])
  }, 120_000)

  it('a naive correction (read, then void and insert without a lock) does not end clean under the same harness', async () => {
    const naiveCorrect = async (id: string, minutes: number) => {
      await t.database.db.transaction(async (tx) => {
        const [old] = await tx
          .select()
          .from(schema.hourRecords)
          .where(sql`${schema.hourRecords.id} = ${id}`)
        if (old!.state !== 'approved') throw new DomainError('INVALID_TRANSITION')
        await tx
          .update(schema.hourRecords)
          .set({ state: 'voided' })
          .where(sql`${schema.hourRecords.id} = ${id}`)
        await tx.insert(schema.hourRecords).values({
          ...old!,
          id: undefined as unknown as string,
          state: 'approved',
          source: 'correction',
          minutes,
          replacesId: id,
          createdAt: t.clock.now(),
        })
      })
    }
    const wrong: string[] = []
    for (let run = 0; run < 3 && wrong.length === 0; run++) {
      const { ids } = await served(1)
      await t.app.hoursService.approveHourRecords(staff, w.c, ids)
      const settled = await together(CLIENTS, (i) => naiveCorrect(ids[0]!, i))
      const codes = settled.map((s) => (s.status === 'fulfilled' ? 'OK' : codeOf(s.reason)))
      const ok = codes.filter((c) => c === 'OK').length
      const unexpected = codes.filter((c) => c.startsWith('UNEXPECTED')).length
      if (ok > 1) wrong.push(`${ok} corrections`)
      if (unexpected > 0) wrong.push(`${unexpected} requests failed with a database error instead of a clean refusal`)
    }
    console.info(`naive correction: ${wrong.join('; ')}`)
    expect(wrong.length).toBeGreaterThan(0)
  }, 180_000)

  it('64 simultaneous check-ins of one volunteer make one record, and every answer is it', async () => {
    const { activityId, code } = await served(1, true)
    const v = volunteers[0]!
    const settled = await together(CLIENTS, () => t.app.hoursService.checkIn(v, w.c, activityId, code))
    const ids = settled.map((s) => (s.status === 'fulfilled' ? s.value.id : codeOf(s.reason)))
    expect(new Set(ids).size).toBe(1)
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/)
    const { rows } = await t.database.db.execute(
      sql`select count(*)::int as n from hour_records where activity_id = ${activityId}`,
    )
    expect(rows[0]).toEqual({ n: 1 })
  }, 120_000)
})
