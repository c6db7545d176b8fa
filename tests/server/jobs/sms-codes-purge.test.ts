/** `sms_codes.purge`, the first real job kind: scheduled once a day, re-scheduling itself. */
import { asc, eq, inArray, schema } from '@linli/server/db'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp() // clock: 2026-11-01T02:00Z, 10:00 in Asia/Shanghai
})
// Only this kind here: the day's file purge and hours sweep, also scheduled at start-up, are
// files.test.ts's and the hours tests'.
beforeEach(() =>
  t.database.db
    .delete(schema.jobs)
    .where(inArray(schema.jobs.kind, ['files.purge', 'hours.close_due', 'redemptions.expire_due'])),
)
afterAll(() => t?.close())

const purges = () =>
  t.database.db
    .select()
    .from(schema.jobs)
    .where(eq(schema.jobs.kind, 'sms_codes.purge'))
    .orderBy(asc(schema.jobs.runAt))

describe('sms_codes.purge', () => {
  it('is scheduled at start-up once a day, however many instances start', async () => {
    const second = await buildTestApp({ database: t.database, clock: t.clock })
    await second.close()
    expect(await purges()).toMatchObject([
      { dedupeKey: 'sms_codes.purge:2026-11-01', status: 'queued', runAt: t.clock.now() },
    ])
  })

  it('deletes used or expired codes older than a day, keeps the rest, and schedules tomorrow', async () => {
    const now = t.clock.now().getTime()
    const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000)
    const code = (createdAt: Date, extra: { consumedAt?: Date; expiresAt?: Date } = {}) => ({
      phoneHash: 'h',
      purpose: 'login' as const,
      codeHash: 'c',
      createdAt,
      expiresAt: extra.expiresAt ?? new Date(createdAt.getTime() + 300_000),
      consumedAt: extra.consumedAt ?? null,
    })
    const rows = await t.database.db
      .insert(schema.smsCodes)
      .values([
        code(at(48)), // expired two days ago: goes
        code(at(25), { consumedAt: at(25) }), // used a day and an hour ago: goes
        code(at(23)), // expired, but today's limits still count it: stays
        code(at(0)), // live: stays
      ])
      .returning({ id: schema.smsCodes.id })
    expect(await t.app.jobs.runDue()).toMatchObject({ claimed: 1, succeeded: 1 })
    const left = await t.database.db.select({ id: schema.smsCodes.id }).from(schema.smsCodes)
    expect(left.map((r) => r.id).sort()).toEqual([rows[2]!.id, rows[3]!.id].sort())
    expect(await purges()).toMatchObject([
      { dedupeKey: 'sms_codes.purge:2026-11-01', status: 'succeeded' },
      { dedupeKey: 'sms_codes.purge:2026-11-02', status: 'queued', runAt: new Date('2026-11-02T03:30:00+08:00') },
    ])
  })

  it("runs the next day's at 03:30 Asia/Shanghai, which schedules the day after", async () => {
    t.clock.set('2026-11-01T19:29:59Z')
    expect(await t.app.jobs.runDue()).toMatchObject({ claimed: 0 })
    t.clock.set('2026-11-01T19:30:00Z')
    expect(await t.app.jobs.runDue()).toMatchObject({ claimed: 1, succeeded: 1 })
    expect((await purges()).map((j) => [j.dedupeKey, j.status])).toEqual([
      ['sms_codes.purge:2026-11-01', 'succeeded'],
      ['sms_codes.purge:2026-11-02', 'succeeded'],
      ['sms_codes.purge:2026-11-03', 'queued'],
    ])
  })
})
