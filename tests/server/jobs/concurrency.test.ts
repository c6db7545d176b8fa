/**
 * Two instances on one PostgreSQL database, each with its own pool, call `runDue` together
 * many times over: every job runs exactly once. The same harness with a naive claim (read the
 * due jobs, then mark them, with no SKIP LOCKED and no condition on the update) runs jobs
 * twice — so the race was real, and the claim is what wins it.
 */
import { and, asc, eq, openDatabase, schema, sql, type Db } from '@linli/server/db'
import type { FastifyInstance } from '@linli/server/app'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { race, warmPool } from '../../support/race.ts'

const JOBS = 60
const CLIENTS = 20 // half on each instance
const POOL = CLIENTS + 5

/** The side effect a job has: one row per run, naming the instance that ran it. */
const effect = (db: Db, jobId: string, instance: string) =>
  db.execute(sql`insert into job_effects (job_id, instance) values (${jobId}, ${instance})`)

describeOnPostgres('jobs with two instances on PostgreSQL', () => {
  let a: TestApp
  let b: TestApp
  let apps: FastifyInstance[]

  beforeAll(async () => {
    a = await buildTestApp({ poolSize: POOL })
    const second = await openDatabase({ databaseUrl: a.database.url, poolSize: POOL })
    b = await buildTestApp({ database: { ...second, dispose: () => second.close() }, clock: a.clock })
    apps = [a.app, b.app]
    await a.database.db.execute(sql`create table job_effects (job_id uuid not null, instance text not null, kind text)`)
    for (const app of apps) {
      app.jobs.register('race.external', (_p, { jobId }) => effect(app.db, jobId, app.jobs.instanceId).then(() => {}), {
        transaction: false,
      })
      app.jobs.register('race.tx', async (_p, { jobId, tx }) => {
        await tx!.execute(sql`insert into job_effects (job_id, instance) values (${jobId}, ${app.jobs.instanceId})`)
      })
      app.jobs.register('race.naive', async () => {})
    }
    await a.database.db.delete(schema.jobs) // the SMS-code purge scheduled at start-up
  })
  afterAll(async () => {
    await b?.close()
    await a?.close()
  })

  const warm = () => Promise.all([warmPool(a.database.pool!, CLIENTS / 2), warmPool(b.database.pool!, CLIENTS / 2)])

  async function scheduleMany(kind: string): Promise<string[]> {
    const ids: string[] = []
    for (let i = 0; i < JOBS; i++) ids.push((await a.app.jobs.schedule(kind, { i })).id)
    return ids
  }

  async function queuedLeft(kind: string): Promise<number> {
    const { rows } = await a.database.db.execute(
      sql`select count(*)::int as n from jobs where kind = ${kind} and status <> 'succeeded'`,
    )
    return (rows[0] as { n: number }).n
  }

  /** Release all clients together, again and again, until no job of the kind is left. */
  async function drain(kind: string, claim: (app: FastifyInstance) => Promise<unknown>): Promise<void> {
    for (let round = 0; round < 50 && (await queuedLeft(kind)) > 0; round++) {
      await warm()
      const settled = await race(CLIENTS, (i) => claim(apps[i % 2]!))
      const rejected = settled.filter((s) => s.status === 'rejected')
      expect(rejected).toEqual([])
    }
    expect(await queuedLeft(kind)).toBe(0)
  }

  async function runsPerJob(ids: string[]) {
    const { rows } = await a.database.db.execute(
      sql`select job_id, count(*)::int as n, count(distinct instance)::int as instances from job_effects
          where job_id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}) group by job_id`,
    )
    const counts = new Map((rows as { job_id: string; n: number }[]).map((r) => [r.job_id, r.n]))
    const { rows: by } = await a.database.db.execute(
      sql`select count(distinct instance)::int as n from job_effects where job_id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    )
    return { runs: ids.map((id) => counts.get(id) ?? 0), instances: (by[0] as { n: number }).n }
  }

  it(`runs each of ${JOBS} jobs exactly once (handlers outside a transaction)`, async () => {
    const ids = await scheduleMany('race.external')
    await drain('race.external', (app) => app.jobs.runDue(2))
    const { runs, instances } = await runsPerJob(ids)
    expect(runs).toEqual(ids.map(() => 1))
    expect(instances).toBe(2) // both instances took a share
  })

  it(`runs each of ${JOBS} jobs exactly once (handlers in the job's transaction)`, async () => {
    const ids = await scheduleMany('race.tx')
    await drain('race.tx', (app) => app.jobs.runDue(2))
    const { runs, instances } = await runsPerJob(ids)
    expect(runs).toEqual(ids.map(() => 1))
    expect(instances).toBe(2)
  })

  it('runs jobs twice with a naive claim under the same harness (the race is real)', async () => {
    const ids = await scheduleMany('race.naive')
    const naiveRunDue = async (app: FastifyInstance) => {
      const db = app.db
      const now = app.clock.now()
      const due = await db
        .select({ id: schema.jobs.id })
        .from(schema.jobs)
        .where(
          and(
            eq(schema.jobs.kind, 'race.naive'),
            eq(schema.jobs.status, 'queued'),
            sql`${schema.jobs.runAt} <= ${now.toISOString()}::timestamptz`,
          ),
        )
        .orderBy(asc(schema.jobs.runAt), asc(schema.jobs.id))
        .limit(2)
      for (const { id } of due) {
        await db
          .update(schema.jobs)
          .set({ status: 'running', lockedBy: app.jobs.instanceId, lockedUntil: new Date(now.getTime() + 300_000) })
          .where(eq(schema.jobs.id, id))
        await effect(db, id, app.jobs.instanceId)
        await db.update(schema.jobs).set({ status: 'succeeded', finishedAt: now }).where(eq(schema.jobs.id, id))
      }
    }
    await drain('race.naive', naiveRunDue)
    const { runs } = await runsPerJob(ids)
    expect(runs.every((n) => n >= 1)).toBe(true)
    const extra = runs.reduce((s, n) => s + n, 0) - JOBS
    expect(extra).toBeGreaterThan(0)
  })
})
