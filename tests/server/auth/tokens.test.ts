import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_JWT_SECRET, type TestApp } from '../../support/app.ts'
import { createUser, type CreatedUser } from '../../support/factories.ts'
import { LOGIN, ME, REFRESH, type LoginData } from '../../support/gql.ts'

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
function forge(header: object, payload: object, secret: string | null): string {
  const head = `${b64(header)}.${b64(payload)}`
  if (secret === null) return `${head}.`
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`
}

let t: TestApp
let user: CreatedUser
beforeAll(async () => {
  t = await buildTestApp()
  user = await createUser(t.database.db)
})
afterAll(() => t.close())

async function login() {
  const res = await t.gql<LoginData>(LOGIN, { phone: user.phone, password: user.password })
  expect(res.errors).toBeUndefined()
  return res.data!.login
}

async function refresh(refreshToken: string) {
  return t.gql<{ refresh: { accessToken: string; refreshToken: string } }>(REFRESH, { refreshToken })
}

describe('access tokens', () => {
  it('answers me with a valid token and UNAUTHENTICATED without one', async () => {
    const { accessToken } = await login()
    const me = await t.gql<{ me: { user: { id: string } } }>(ME, {}, { token: accessToken })
    expect(me.data!.me.user.id).toBe(user.id)
    expect((await t.gql(ME)).code).toBe('UNAUTHENTICATED')
  })

  it('refuses an expired access token (test clock, no sleeping)', async () => {
    const { accessToken } = await login()
    t.clock.advanceSeconds(15 * 60 - 5)
    expect((await t.gql(ME, {}, { token: accessToken })).errors).toBeUndefined()
    t.clock.advanceSeconds(6)
    expect((await t.gql(ME, {}, { token: accessToken })).code).toBe('TOKEN_EXPIRED')
  })

  it('refuses a token signed with another key', async () => {
    const { accessToken } = await login()
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString())
    const forged = forge({ alg: 'HS256', typ: 'JWT' }, claims, 'another-secret-another-secret-another-secret')
    expect((await t.gql(ME, {}, { token: forged })).code).toBe('INVALID_TOKEN')
  })

  it('refuses an alg:none token and a token in another algorithm', async () => {
    const { accessToken } = await login()
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString())
    expect((await t.gql(ME, {}, { token: forge({ alg: 'none', typ: 'JWT' }, claims, null) })).code).toBe(
      'INVALID_TOKEN',
    )
    const hs512 = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(claims)}`
    const sig = createHmac('sha512', TEST_JWT_SECRET).update(hs512).digest('base64url')
    expect((await t.gql(ME, {}, { token: `${hs512}.${sig}` })).code).toBe('INVALID_TOKEN')
  })

  it('stops working when the session is logged out', async () => {
    const { accessToken, refreshToken } = await login()
    const out = await t.gql<{ logout: boolean }>(
      `mutation($r: String) { logout(refreshToken: $r) }`,
      { r: refreshToken },
      { token: accessToken },
    )
    expect(out.data!.logout).toBe(true)
    expect((await t.gql(ME, {}, { token: accessToken })).code).toBe('UNAUTHENTICATED')
    expect((await refresh(refreshToken)).code).toBe('INVALID_REFRESH_TOKEN')
  })
})

describe('refresh', () => {
  it('rotates: each refresh returns a new pair that works', async () => {
    const first = await login()
    const r1 = await refresh(first.refreshToken)
    expect(r1.errors).toBeUndefined()
    expect(r1.data!.refresh.refreshToken).not.toBe(first.refreshToken)
    const me = await t.gql(ME, {}, { token: r1.data!.refresh.accessToken })
    expect(me.errors).toBeUndefined()
    const r2 = await refresh(r1.data!.refresh.refreshToken)
    expect(r2.errors).toBeUndefined()
  })

  it('lets two simultaneous refreshes of the current token both succeed', async () => {
    const { refreshToken } = await login()
    const [a, b] = await Promise.all([refresh(refreshToken), refresh(refreshToken)])
    expect(a.errors).toBeUndefined()
    expect(b.errors).toBeUndefined()
    expect(a.data!.refresh.refreshToken).not.toBe(b.data!.refresh.refreshToken)
    // Both tabs keep working afterwards.
    expect((await refresh(a.data!.refresh.refreshToken)).errors).toBeUndefined()
    expect((await refresh(b.data!.refresh.refreshToken)).errors).toBeUndefined()
  })

  it('revokes the whole family when an old refresh token is reused after the grace', async () => {
    const { refreshToken: old } = await login()
    const r1 = await refresh(old)
    const current = r1.data!.refresh
    t.clock.advanceSeconds(31)
    const reuse = await refresh(old)
    expect(reuse.code).toBe('REFRESH_TOKEN_REUSED')
    // The thief's reuse ends the session for everyone holding a token of that family.
    expect((await refresh(current.refreshToken)).code).toBe('INVALID_REFRESH_TOKEN')
    expect((await t.gql(ME, {}, { token: current.accessToken })).code).toBe('UNAUTHENTICATED')
    // Other sessions of the same person are untouched.
    const other = await login()
    expect((await refresh(other.refreshToken)).errors).toBeUndefined()
  })

  it('refuses an unknown refresh token', async () => {
    expect((await refresh('not-a-token')).code).toBe('INVALID_REFRESH_TOKEN')
  })
})
