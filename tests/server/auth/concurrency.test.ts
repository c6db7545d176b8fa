/**
 * Contested sign-in state on a real PostgreSQL server: many clients released together on
 * their own connections. Each race is shown to be real by a naive variant that loses.
 */
import { TestClock } from '@linli/server/clock'
import { recordFailure, throttleKeys } from '@linli/server/throttle'
import { sql } from '@linli/server/db'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { createUser } from '../../support/factories.ts'
import { LOGIN, ME, REFRESH, type LoginData } from '../../support/gql.ts'
import { race } from '../../support/race.ts'

const CLIENTS = 40

describeOnPostgres('concurrency on PostgreSQL', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ poolSize: CLIENTS + 10 })
  })
  afterAll(() => t?.close())

  it('counts every one of 40 simultaneous failed sign-ins (atomic upsert)', async () => {
    const keys = throttleKeys('13800009999', '10.9.9.9').slice(0, 1)
    const clock = new TestClock()
    const settled = await race(CLIENTS, () => recordFailure(t.database.db, clock, keys), t.database.pool)
    expect(settled.every((s) => s.status === 'fulfilled')).toBe(true)
    const [row] = (await t.database.db.execute(sql`select failures from login_throttle where key = ${keys[0]!.key}`))
      .rows as { failures: number }[]
    expect(row!.failures).toBe(CLIENTS)
  })

  it('catches the naive read-then-write counter losing updates under the same harness', async () => {
    const key = 'naive:race'
    const pool = t.database.pool!
    await pool.query(`insert into login_throttle (key, window_start, failures) values ($1, now(), 0)`, [key])
    await race(
      CLIENTS,
      async () => {
        const { rows } = await pool.query<{ failures: number }>('select failures from login_throttle where key = $1', [
          key,
        ])
        await pool.query('update login_throttle set failures = $2 where key = $1', [key, rows[0]!.failures + 1])
      },
      pool,
    )
    const { rows } = await pool.query<{ failures: number }>('select failures from login_throttle where key = $1', [key])
    // The race was real: read-then-write lost some of the 40 increments.
    expect(rows[0]!.failures).toBeLessThan(CLIENTS)
  })

  it('lets 20 tabs refresh the same token at once, all succeed, and the session stays whole', async () => {
    const user = await createUser(t.database.db)
    const login = (await t.gql<LoginData>(LOGIN, { phone: user.phone, password: user.password })).data!.login
    const settled = await race(
      20,
      () =>
        t.gql<{ refresh: { accessToken: string; refreshToken: string } }>(REFRESH, {
          refreshToken: login.refreshToken,
        }),
      t.database.pool,
    )
    const results = settled.map((s) => (s.status === 'fulfilled' ? s.value : null))
    expect(results.every((r) => r && !r.errors)).toBe(true)
    const tokens = new Set(results.map((r) => r!.data!.refresh.refreshToken))
    expect(tokens.size).toBe(20)
    const me = await t.gql(ME, {}, { token: results[0]!.data!.refresh.accessToken })
    expect(me.errors).toBeUndefined()
  })
})
