/**
 * The job queue on real SQL (PGlite and PostgreSQL): due times from the test clock, dedupe
 * keys, scheduling inside a caller's transaction, handlers' changes committing with their
 * job, leases of instances that died, and closing while a handler runs.
 */
import { eq, schema, sql } from '@linli/server/db'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '@linli/server/app'
import { buildTestApp, testConfig, type TestApp } from '../../support/app.ts'

let t: TestApp
const effects = async (jobId: string) => {
  const { rows } = await t.database.db.execute(sql`select count(*)::int as n from job_effects where job_id = ${jobId}`)
  return (rows[0] as { n: number }).n
}
const job = async (id: string) => (await t.database.db.select().from(schema.jobs).where(eq(schema.jobs.id, id)))[0]!

/** Stands in for a feature's change: one row per run, written in the job's transaction. */
let failNext = false

beforeAll(async () => {
  t = await buildTestApp()
  await t.database.db.execute(sql`create table job_effects (job_id uuid not null, instance text not null)`)
  t.app.jobs.register<{ note?: string }>('test.effect', async (_p, { tx, jobId }) => {
    await tx!.execute(sql`insert into job_effects values (${jobId}, ${t.app.jobs.instanceId})`)
    if (failNext) {
      failNext = false
      throw new Error('failed after writing')
    }
  })
})
afterAll(() => t?.close())
// Each test starts from an empty queue (the day's SMS-code purge, scheduled at start-up, included).
beforeEach(async () => {
  await t.database.db.delete(schema.jobs)
})

describe('schedule and runDue', () => {
  it('runs a job once when it falls due, not before, and marks it succeeded', async () => {
    const { id } = await t.app.jobs.schedule('test.effect', {}, { delaySeconds: 60 })
    expect(await t.app.jobs.runDue()).toMatchObject({ claimed: 0 })
    t.clock.advanceSeconds(59)
    expect(await t.app.jobs.runDue()).toMatchObject({ claimed: 0 })
    t.clock.advanceSeconds(1)
    expect(await t.app.jobs.runDue()).toEqual({ claimed: 1, succeeded: 1, retried: 0, failed: 0 })
    expect(await t.app.jobs.runDue()).toMatchObject({ claimed: 0 })
    expect(await effects(id)).toBe(1)
    expect(await job(id)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      finishedAt: t.clock.now(),
      lockedBy: null,
      lockedUntil: null,
    })
  })

  it('runs due jobs in the order they fell due, a batch at a time', async () => {
    const later = await t.app.jobs.schedule('test.effect', {}, { delaySeconds: 20 })
    const sooner = await t.app.jobs.schedule('test.effect', {}, { delaySeconds: 10 })
    t.clock.advanceSeconds(30)
    expect(await t.app.jobs.runDue(1)).toMatchObject({ claimed: 1, succeeded: 1 })
    expect(await effects(sooner.id)).toBe(1)
    expect(await effects(later.id)).toBe(0)
    expect(await t.app.jobs.runDue(1)).toMatchObject({ claimed: 1, succeeded: 1 })
    expect(await effects(later.id)).toBe(1)
  })

  it('schedules one job per dedupe key', async () => {
    const first = await t.app.jobs.schedule('test.effect', {}, { dedupeKey: 'test:once', delaySeconds: 5 })
    const again = await t.app.jobs.schedule('test.effect', {}, { dedupeKey: 'test:once' })
    expect(first.created).toBe(true)
    expect(again).toEqual({ id: first.id, created: false })
    const rows = await t.database.db.select().from(schema.jobs).where(eq(schema.jobs.dedupeKey, 'test:once'))
    expect(rows).toHaveLength(1)
    t.clock.advanceSeconds(5)
    await t.app.jobs.runDue()
    // A key stays used after its job ran: scheduling it again still does nothing.
    expect(await t.app.jobs.schedule('test.effect', {}, { dedupeKey: 'test:once' })).toEqual(again)
    expect(await effects(first.id)).toBe(1)
  })

  it('keeps a job scheduled in a transaction only if the transaction commits', async () => {
    const db = t.database.db
    await expect(
      db.transaction(async (tx) => {
        await t.app.jobs.schedule('test.effect', {}, { dedupeKey: 'test:rolled-back' }, tx)
        throw new Error('the change fails')
      }),
    ).rejects.toThrow('the change fails')
    expect(await db.select().from(schema.jobs).where(eq(schema.jobs.dedupeKey, 'test:rolled-back'))).toHaveLength(0)
    await db.transaction(async (tx) => {
      await t.app.jobs.schedule('test.effect', {}, { dedupeKey: 'test:committed' }, tx)
    })
    expect(await db.select().from(schema.jobs).where(eq(schema.jobs.dedupeKey, 'test:committed'))).toHaveLength(1)
  })

  it('refuses to schedule a kind nobody registered', async () => {
    await expect(t.app.jobs.schedule('test.nobody', {})).rejects.toThrow('not registered')
  })
})

describe('a handler and its job commit together', () => {
  it("rolls back a failed try's changes with it, then commits the retry's", async () => {
    const { id } = await t.app.jobs.schedule('test.effect', {})
    failNext = true
    expect(await t.app.jobs.runDue()).toMatchObject({ claimed: 1, retried: 1 })
    expect(await effects(id)).toBe(0)
    expect(await job(id)).toMatchObject({ status: 'queued', attempts: 1, lastError: 'Error: failed after writing' })
    t.clock.advanceSeconds(30) // the default backoff after a first try
    expect(await t.app.jobs.runDue()).toMatchObject({ claimed: 1, succeeded: 1 })
    expect(await effects(id)).toBe(1)
    expect(await job(id)).toMatchObject({ status: 'succeeded', attempts: 2, lastError: null })
  })
})

describe('leases', () => {
  it('claims again, after its lease, a job whose instance died while running it', async () => {
    const { id } = await t.app.jobs.schedule('test.effect', {})
    const now = t.clock.now()
    // What a claim by an instance that then crashed leaves behind.
    await t.database.db
      .update(schema.jobs)
      .set({
        status: 'running',
        attempts: 1,
        lockedBy: 'dead-host:1:000000',
        lockedUntil: new Date(now.getTime() + 300_000),
      })
      .where(eq(schema.jobs.id, id))
    expect(await t.app.jobs.runDue()).toMatchObject({ claimed: 0 })
    t.clock.advanceSeconds(299)
    expect(await t.app.jobs.runDue()).toMatchObject({ claimed: 0 })
    t.clock.advanceSeconds(2)
    expect(await t.app.jobs.runDue()).toMatchObject({ claimed: 1, succeeded: 1 })
    expect(await effects(id)).toBe(1)
    expect(await job(id)).toMatchObject({ status: 'succeeded', attempts: 2 })
  })

  it('fails, without another try, a job whose lease ended on its last attempt', async () => {
    const { id } = await t.app.jobs.schedule('test.effect', {})
    await t.database.db
      .update(schema.jobs)
      .set({ status: 'running', attempts: 5, lockedBy: 'dead-host:1:000000', lockedUntil: t.clock.now() })
      .where(eq(schema.jobs.id, id))
    t.clock.advanceSeconds(1)
    expect(await t.app.jobs.runDue()).toMatchObject({ claimed: 1, failed: 1 })
    expect(await effects(id)).toBe(0)
    expect(await job(id)).toMatchObject({
      status: 'failed',
      attempts: 5,
      lastError: 'lease expired on the last attempt',
    })
  })

  it('leaves alone the jobs of kinds this instance does not know (another version)', async () => {
    const now = t.clock.now()
    const [row] = await t.database.db
      .insert(schema.jobs)
      .values({ kind: 'test.newer_version', payload: {}, runAt: now, maxAttempts: 5, createdAt: now, updatedAt: now })
      .returning()
    t.clock.advanceSeconds(1)
    expect(await t.app.jobs.runDue()).toMatchObject({ claimed: 0 })
    expect(await job(row!.id)).toMatchObject({ status: 'queued', attempts: 0 })
  })
})

describe('closing', () => {
  it('waits for the running handler, hands back the rest of its batch, then claims nothing more', async () => {
    // A second instance on the same database, so closing it leaves the database open.
    const other = await buildTestApp({ database: t.database, clock: t.clock })
    await t.database.db.delete(schema.jobs) // the purge its start-up scheduled again
    let release!: () => void
    const released = new Promise<void>((r) => (release = r))
    let started!: () => void
    const running = new Promise<void>((r) => (started = r))
    let finished = 0
    other.app.jobs.register(
      'test.slow',
      async () => {
        started()
        await released
        finished += 1
      },
      { transaction: false },
    )
    const { id } = await other.app.jobs.schedule('test.slow', {})
    const { id: second } = await other.app.jobs.schedule('test.slow', {})
    const run = other.app.jobs.runDue(2)
    await running
    let closed = false
    const closing = other.close().then(() => (closed = true))
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r))
    expect(closed).toBe(false)
    release()
    await closing
    expect(finished).toBe(1)
    expect(await run).toMatchObject({ claimed: 1, succeeded: 1 })
    expect(await job(id)).toMatchObject({ status: 'succeeded' })
    expect(await job(second)).toMatchObject({ status: 'queued', attempts: 0, lockedBy: null })
    const next = await other.app.jobs.schedule('test.slow', {})
    expect(await other.app.jobs.runDue()).toMatchObject({ claimed: 0 })
    expect(await job(next.id)).toMatchObject({ status: 'queued' })
  })
})

describe('polling', () => {
  it('runs due jobs without being called when the app polls (as server.ts has it)', async () => {
    const polling = await buildApp({
      config: testConfig(),
      clock: t.clock,
      database: t.database,
      logger: false,
      jobs: { poll: true, intervalMs: 10 },
    })
    let ran!: (jobId: string) => void
    const run = new Promise<string>((r) => (ran = r))
    polling.jobs.register('test.polled', async (_p, { jobId }) => ran(jobId), { transaction: false })
    await polling.ready()
    const { id } = await polling.jobs.schedule('test.polled', {})
    // Waits for the poller to pick the job up (no clock moves: it is due now).
    expect(await run).toBe(id)
    await polling.close()
  })
})
