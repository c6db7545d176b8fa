/**
 * Sign-ups under real concurrency on PostgreSQL (PGlite is one connection: races cannot show
 * there). 1,000 volunteers sign up for 50 places at once, released together behind one barrier
 * onto 80 warmed connections: exactly 50 are confirmed and 950 wait at positions 1…950, nobody
 * twice, and the counts on the activity equal the rows. Then 100 cancellations and 100 new
 * sign-ups at once keep the places full and the line gapless. The same harness run against a
 * naive sign-up (read the counts, decide in the app, write without the row lock) ends wrong, so
 * the race is real. 200 concurrent replays of one idempotency key make one sign-up.
 */
import { eq, schema, sql } from '@linli/server/db'
import { DomainError } from '@linli/shared'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { createUser } from '../../support/factories.ts'
import { race, warmPool } from '../../support/race.ts'
import { buildActivitiesWorld, type ActivitiesWorld } from './world.ts'

type Viewer = Parameters<TestApp['app']['signUpsService']['signUp']>[0]

const CLIENTS = 64
const VOLUNTEERS = 1000
const EXTRA = 100
const SLOTS = 50

describeOnPostgres('signUp and cancelSignUp under concurrency on PostgreSQL', () => {
  let t: TestApp
  let w: ActivitiesWorld
  const viewers: Viewer[] = []

  beforeAll(async () => {
    t = await buildTestApp({ poolSize: CLIENTS + 16 })
    w = await buildActivitiesWorld(t)
    const db = t.database.db
    // The factory, 20 at a time: 1,100 volunteers.
    for (let i = 0; i < VOLUNTEERS + EXTRA; i += 20) {
      const made = await Promise.all(
        Array.from({ length: Math.min(20, VOLUNTEERS + EXTRA - i) }, () =>
          createUser(db, { roles: [{ role: 'resident' }, { role: 'volunteer' }] }),
        ),
      )
      // The service checks what a signed-in volunteer's viewer holds: self-scoped grants.
      for (const u of made) {
        viewers.push({
          userId: u.id,
          sessionId: u.id,
          grants: [{ id: u.id, role: 'volunteer', scopeType: 'self', scopeId: null }],
        })
      }
    }
  }, 180_000)
  afterAll(() => t?.close())

  const codeOf = (err: unknown) => (err instanceof DomainError ? err.code : `UNEXPECTED ${(err as Error).message}`)

  /** Release `tasks` together behind one barrier onto the warmed pool; the code each ended with. */
  async function together(tasks: (() => Promise<unknown>)[]) {
    await warmPool(t.database.pool!, CLIENTS)
    const settled = await race(tasks.length, (i) => tasks[i]!())
    return settled.map((s) => (s.status === 'fulfilled' ? 'OK' : codeOf(s.reason)))
  }

  /** The line as the rows hold it, and the counts on the activity. */
  async function state(activityId: string) {
    const rows = await t.database.db.select().from(schema.signUps).where(eq(schema.signUps.activityId, activityId))
    const [a] = await t.database.db.select().from(schema.activities).where(eq(schema.activities.id, activityId))
    const live = rows.filter((r) => r.state === 'confirmed' || r.state === 'waitlisted')
    const positions = rows
      .filter((r) => r.state === 'waitlisted')
      .map((r) => r.position!)
      .sort((x, y) => x - y)
    return {
      confirmed: rows.filter((r) => r.state === 'confirmed').length,
      waitlisted: positions.length,
      positions,
      liveVolunteers: live.length,
      distinctLiveVolunteers: new Set(live.map((r) => r.volunteerId)).size,
      counts: { confirmed: a!.confirmed, waitlisted: a!.waitlisted },
      rows,
    }
  }

  const gapless = (positions: number[]) => positions.every((p, i) => p === i + 1)

  it('1,000 concurrent sign-ups for 50 places: exactly 50 confirmed, 950 waitlisted at 1…950; then 100 cancellations and 100 sign-ups at once keep it so', async () => {
    const a = await w.activity({ slots: SLOTS })
    const started = Date.now()
    const codes = await together(
      viewers.slice(0, VOLUNTEERS).map((v) => () => t.app.signUpsService.signUp(v, w.community.id, a.id)),
    )
    const seconds = (Date.now() - started) / 1000
    expect(codes.filter((c) => c !== 'OK')).toEqual([])
    const s = await state(a.id)
    expect({ confirmed: s.confirmed, waitlisted: s.waitlisted }).toEqual({
      confirmed: SLOTS,
      waitlisted: VOLUNTEERS - SLOTS,
    })
    expect(s.positions).toEqual(Array.from({ length: VOLUNTEERS - SLOTS }, (_, i) => i + 1))
    expect(s.distinctLiveVolunteers).toBe(VOLUNTEERS)
    expect(s.counts).toEqual({ confirmed: SLOTS, waitlisted: VOLUNTEERS - SLOTS })
    console.info(
      `1,000 concurrent sign-ups in ${seconds.toFixed(1)} s: ${s.confirmed} confirmed, ${s.waitlisted} waitlisted`,
    )

    // 100 cancellations — 30 confirmed and 70 in line, picked pseudo-randomly (a fixed seed) —
    // and 100 newcomers, all at once.
    let seed = 20261101
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const pick = (from: typeof s.rows, n: number) => {
      const left = [...from]
      return Array.from({ length: n }, () => left.splice(Math.floor(rand() * left.length), 1)[0]!)
    }
    const picked = [
      ...pick(
        s.rows.filter((r) => r.state === 'confirmed'),
        30,
      ),
      ...pick(
        s.rows.filter((r) => r.state === 'waitlisted'),
        70,
      ),
    ]
    const byUser = new Map(viewers.map((v) => [v.userId, v]))
    const tasks = [
      ...picked.map((r) => () => t.app.signUpsService.cancelSignUp(byUser.get(r.volunteerId)!, w.community.id, r.id)),
      ...viewers
        .slice(VOLUNTEERS, VOLUNTEERS + EXTRA)
        .map((v) => () => t.app.signUpsService.signUp(v, w.community.id, a.id)),
    ]
    const mixed = await together(tasks)
    expect(mixed.filter((c) => c !== 'OK')).toEqual([])
    const after = await state(a.id)
    const expectedLive = VOLUNTEERS - 100 + EXTRA
    expect(after.confirmed).toBe(SLOTS)
    expect(after.waitlisted).toBe(expectedLive - SLOTS)
    expect(gapless(after.positions)).toBe(true)
    expect(after.distinctLiveVolunteers).toBe(expectedLive)
    expect(after.counts).toEqual({ confirmed: SLOTS, waitlisted: expectedLive - SLOTS })
    const cancelledConfirmed = picked.filter((r) => r.state === 'confirmed').length
    console.info(
      `100 cancellations (${cancelledConfirmed} confirmed, ${100 - cancelledConfirmed} waitlisted) + 100 sign-ups at once: ` +
        `${after.confirmed} confirmed, positions 1…${after.positions.length} gapless`,
    )
  }, 180_000)

  it('a naive sign-up (read the counts, decide, write without the row lock) ends wrong under the same harness', async () => {
    /** What the row lock replaces: read, decide in the app, write back what was read plus one. */
    const naiveSignUp = async (activityId: string, v: Viewer) => {
      await t.database.db.transaction(async (tx) => {
        const [a] = await tx.select().from(schema.activities).where(eq(schema.activities.id, activityId))
        const confirmed = a!.confirmed < a!.slots
        await tx.insert(schema.signUps).values({
          communityId: a!.communityId,
          activityId,
          volunteerId: v.userId,
          state: confirmed ? 'confirmed' : 'waitlisted',
          position: confirmed ? null : a!.waitlisted + 1,
          createdAt: t.clock.now(),
        })
        await tx
          .update(schema.activities)
          .set(confirmed ? { confirmed: a!.confirmed + 1 } : { waitlisted: a!.waitlisted + 1 })
          .where(eq(schema.activities.id, activityId))
      })
    }
    const wrong: string[] = []
    for (let run = 0; run < 3 && wrong.length === 0; run++) {
      const a = await w.activity({ slots: SLOTS })
      await together(viewers.slice(0, VOLUNTEERS).map((v) => () => naiveSignUp(a.id, v)))
      const s = await state(a.id)
      if (s.confirmed > SLOTS) wrong.push(`over-confirmed: ${s.confirmed} of ${SLOTS}`)
      if (new Set(s.positions).size !== s.positions.length) {
        wrong.push(`duplicate positions: ${s.positions.length - new Set(s.positions).size}`)
      }
      if (!gapless([...new Set(s.positions)])) wrong.push('gaps in the line')
      if (s.counts.confirmed + s.counts.waitlisted !== s.liveVolunteers) {
        wrong.push(`counts ${s.counts.confirmed + s.counts.waitlisted} ≠ rows ${s.liveVolunteers}`)
      }
    }
    console.info(`naive sign-up: ${wrong.join('; ')}`)
    expect(wrong.length).toBeGreaterThan(0)
  }, 180_000)

  it('200 concurrent replays of one idempotency key make one sign-up and all return it', async () => {
    const a = await w.activity({ slots: 1 })
    const v = viewers[0]!
    await warmPool(t.database.pool!, CLIENTS)
    const settled = await race(200, () => t.app.signUpsService.signUp(v, w.community.id, a.id, 'same-key-200-replays'))
    const ids = settled.map((s) => (s.status === 'fulfilled' ? s.value.id : `rejected: ${String(s.reason)}`))
    expect(new Set(ids).size).toBe(1)
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/)
    const { rows } = await t.database.db.execute(
      sql`select count(*)::int as n from sign_ups where activity_id = ${a.id}`,
    )
    expect((rows[0] as { n: number }).n).toBe(1)
  })
})
