import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'
import { LOGIN, ME, type LoginData } from '../../support/gql.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

describe('health and readiness', () => {
  it('answers /health and /ready while the database answers', async () => {
    expect((await t.app.inject('/health')).json()).toEqual({ status: 'ok' })
    const ready = await t.app.inject('/ready')
    expect(ready.statusCode).toBe(200)
    expect(ready.json().status).toBe('ready')
  })

  it('reports not ready (503) when the database is gone, while /health still answers', async () => {
    const own = await buildTestApp()
    await own.database.close()
    expect((await own.app.inject('/ready')).statusCode).toBe(503)
    expect((await own.app.inject('/health')).statusCode).toBe(200)
    await own.app.close()
  })
})

describe('serverTime', () => {
  it('reads the clock the tests set', async () => {
    t.clock.set('2027-01-01T00:00:00.000Z')
    const res = await t.gql<{ serverTime: string }>('{ serverTime }')
    expect(res.data!.serverTime).toBe('2027-01-01T00:00:00.000Z')
  })
})

describe('me', () => {
  it('costs three SQL statements: the session with grants, the person, the grants with scope names', async () => {
    const user = await createUser(t.database.db)
    const { accessToken } = (await t.gql<LoginData>(LOGIN, { phone: user.phone, password: user.password })).data!.login
    const { result, count } = await t.sql.measure(() => t.gql(ME, {}, { token: accessToken }))
    expect(result.errors).toBeUndefined()
    expect(count).toBe(3)
  })
})
