/**
 * A failing job is tried again with exponential backoff, ends `failed` after its last try,
 * and shows in `failedJobs` to the staff of its community (and the admins above) only;
 * `retryJob` queues it again, audited.
 */
import { and, eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { buildWorld, type Actor, type World } from '../../support/world.ts'

let t: TestApp
let w: World
let failing = true
let runs = 0
let jobId: string
let failedAt: Date

const FAILED = `query($c: ID!, $first: Int) {
  failedJobs(communityId: $c, first: $first) { id kind status attempts maxAttempts runAt lastError finishedAt }
}`
const RETRY = `mutation($id: ID!) { retryJob(id: $id) { id status attempts maxAttempts runAt lastError finishedAt } }`

type Job = { id: string; kind: string; status: string; attempts: number; lastError: string | null }

beforeAll(async () => {
  // The clock moves an hour here: sign-ins must outlast it.
  t = await buildTestApp({ config: { accessTokenTtlSeconds: 86_400 } })
  w = await buildWorld(t)
  t.app.jobs.register(
    'test.flaky',
    async () => {
      runs += 1
      // A message with a phone number in it: stored with the number blanked out.
      if (failing) throw new Error('gateway refused 13812345678')
    },
    { maxAttempts: 3, backoff: { baseSeconds: 60, maxSeconds: 100 } },
  )
  jobId = (await t.app.jobs.schedule('test.flaky', { ref: 'x' }, { communityId: w.community.id })).id
})
afterAll(() => t?.close())

const row = async () => (await t.database.db.select().from(schema.jobs).where(eq(schema.jobs.id, jobId)))[0]!

describe('retries with backoff', () => {
  it('tries again after 60 s, then after 100 s (120 capped), then fails for good', async () => {
    await t.app.jobs.runDue(50)
    expect(runs).toBe(1)
    expect(await row()).toMatchObject({ status: 'queued', attempts: 1, lastError: 'Error: gateway refused [phone]' })

    t.clock.advanceSeconds(59)
    await t.app.jobs.runDue()
    expect(runs).toBe(1)
    t.clock.advanceSeconds(1)
    await t.app.jobs.runDue()
    expect(runs).toBe(2)
    expect(await row()).toMatchObject({ status: 'queued', attempts: 2 })

    t.clock.advanceSeconds(99)
    await t.app.jobs.runDue()
    expect(runs).toBe(2)
    t.clock.advanceSeconds(1)
    expect(await t.app.jobs.runDue()).toMatchObject({ claimed: 1, failed: 1 })
    expect(runs).toBe(3)
    failedAt = t.clock.now()
    expect(await row()).toMatchObject({ status: 'failed', attempts: 3, finishedAt: failedAt })

    t.clock.advanceMinutes(60)
    await t.app.jobs.runDue()
    expect(runs).toBe(3)
  })
})

describe('failedJobs', () => {
  it("lists the community's failed job for its staff and the admins above", async () => {
    for (const actor of ['staff', 'streetAdmin', 'districtAdmin'] as const) {
      const res = await w.as(actor)<{ failedJobs: Job[] }>(FAILED, { c: w.community.id })
      expect(res.errors, actor).toBeUndefined()
      expect(res.data!.failedJobs, actor).toEqual([
        {
          id: jobId,
          kind: 'test.flaky',
          status: 'failed',
          attempts: 3,
          maxAttempts: 3,
          runAt: expect.any(String) as string,
          lastError: 'Error: gateway refused [phone]',
          finishedAt: failedAt.toISOString(),
        },
      ])
    }
  })

  it('answers NOT_FOUND to everyone else, UNAUTHENTICATED to the anonymous', async () => {
    const expected: Partial<Record<Actor, string>> = { anonymous: 'UNAUTHENTICATED' }
    const others = [
      'anonymous',
      'resident',
      'volunteer',
      'gridWorker',
      'unitAdmin',
      'otherStaff',
      'farStaff',
      'otherStreetAdmin',
      'otherDistrictAdmin',
    ] as const
    for (const actor of others) {
      const res = await w.as(actor)(FAILED, { c: w.community.id })
      expect(res.code, actor).toBe(expected[actor] ?? 'NOT_FOUND')
      expect(res.data, actor).toBeNull()
    }
  })

  it("shows another community's staff nothing of it in their own community", async () => {
    const res = await w.as('otherStaff')<{ failedJobs: Job[] }>(FAILED, { c: w.neighbourCommunity.id })
    expect(res.data!.failedJobs).toEqual([])
  })

  it('checks the page size', async () => {
    const res = await w.as('staff')(FAILED, { c: w.community.id, first: 0 })
    expect(res.code).toBe('BAD_USER_INPUT')
  })
})

describe('retryJob', () => {
  const audits = () =>
    t.database.db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'job.retry'), eq(schema.auditEvents.targetId, jobId)))

  it('refuses everyone but the community staff and the admins above, changing nothing', async () => {
    const others = ['anonymous', 'resident', 'unitAdmin', 'otherStaff', 'farStaff', 'otherStreetAdmin'] as const
    for (const actor of others) {
      const res = await w.as(actor)(RETRY, { id: jobId })
      expect(res.code, actor).toBe(actor === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND')
    }
    expect(await row()).toMatchObject({ status: 'failed', attempts: 3 })
    expect(await audits()).toHaveLength(0)
  })

  it('answers NOT_FOUND for an unknown id, a malformed one, and a job of no community', async () => {
    const platform = await t.app.jobs.schedule('test.flaky', {})
    await t.database.db.update(schema.jobs).set({ status: 'failed' }).where(eq(schema.jobs.id, platform.id))
    for (const id of ['0190d5a8-0000-7000-8000-000000000000', 'not-a-uuid', platform.id]) {
      const res = await w.as('districtAdmin')(RETRY, { id })
      expect(res.code, id).toBe('NOT_FOUND')
    }
    await t.database.db.delete(schema.jobs).where(eq(schema.jobs.id, platform.id))
  })

  it('queues the failed job again with its full tries, audited; it then runs', async () => {
    const res = await w.as('staff')<{ retryJob: Job }>(RETRY, { id: jobId })
    expect(res.errors).toBeUndefined()
    expect(res.data!.retryJob).toMatchObject({ id: jobId, status: 'queued', attempts: 0, finishedAt: null })
    const [audit] = await audits()
    expect(audit).toMatchObject({
      actorId: w.people.staff.id,
      targetType: 'job',
      communityId: w.community.id,
      streetId: w.street.id,
      districtId: w.district.id,
      before: { kind: 'test.flaky', status: 'failed', attempts: 3 },
    })
    const listed = await w.as('staff')<{ failedJobs: Job[] }>(FAILED, { c: w.community.id })
    expect(listed.data!.failedJobs).toEqual([])

    failing = false
    expect(await t.app.jobs.runDue(50)).toMatchObject({ succeeded: 1, failed: 0 })
    expect(await row()).toMatchObject({ status: 'succeeded', attempts: 1, lastError: null })
  })

  it('answers INVALID_TRANSITION for a job that has not failed', async () => {
    const res = await w.as('staff')(RETRY, { id: jobId })
    expect(res.code).toBe('INVALID_TRANSITION')
  })
})
