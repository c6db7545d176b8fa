import { THROTTLE_LIMITS } from '@linli/server/throttle'
import { eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestCode, signIn } from '../../support/accounts.ts'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { createUser, uniquePhone } from '../../support/factories.ts'
import { LOGIN, ME, REFRESH, type LoginData } from '../../support/gql.ts'

const SMS_LOGIN = /* GraphQL */ `
  mutation ($phone: String!, $code: String!) {
    loginWithSmsCode(phone: $phone, code: $code) {
      accessToken
      refreshToken
      me {
        user {
          id
          phone
        }
      }
    }
  }
`

const RESET = /* GraphQL */ `
  mutation ($phone: String!, $code: String!, $newPassword: String!) {
    resetPasswordWithSmsCode(phone: $phone, code: $code, newPassword: $newPassword)
  }
`

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

describe('loginWithSmsCode', () => {
  it('signs in with a LOGIN code read from the SMS', async () => {
    const user = await createUser(t.database.db)
    const code = (await requestCode(t, user.phone, 'LOGIN'))!
    const res = await t.gql<{ loginWithSmsCode: LoginData['login'] }>(SMS_LOGIN, { phone: user.phone, code })
    expect(res.errors).toBeUndefined()
    expect(res.data!.loginWithSmsCode.me.user).toEqual({ id: user.id, phone: user.phone })
    const me = await t.gql(ME, {}, { token: res.data!.loginWithSmsCode.accessToken })
    expect(me.errors).toBeUndefined()
  })

  it('refuses a code once five minutes and a second have passed', async () => {
    const user = await createUser(t.database.db)
    const code = (await requestCode(t, user.phone, 'LOGIN'))!
    t.clock.advanceSeconds(5 * 60 + 1)
    const res = await t.gql(SMS_LOGIN, { phone: user.phone, code })
    expect(res.code).toBe('SMS_CODE_INVALID')
  })

  it('answers a phone without an account like a wrong code', async () => {
    const phone = uniquePhone()
    expect(await requestCode(t, phone, 'LOGIN')).toBeNull()
    const res = await t.gql(SMS_LOGIN, { phone, code: '123456' })
    expect(res.code).toBe('SMS_CODE_INVALID')
  })

  it('is throttled together with password sign-in', async () => {
    const user = await createUser(t.database.db)
    const ip = '10.7.7.7'
    for (let i = 0; i < THROTTLE_LIMITS.phoneAddress; i++) {
      const res = await t.gql(SMS_LOGIN, { phone: user.phone, code: '000000' }, { ip })
      expect(res.code).toBe('SMS_CODE_INVALID')
    }
    t.clock.advanceSeconds(61)
    const code = (await requestCode(t, user.phone, 'LOGIN'))!
    const blocked = await t.gql(SMS_LOGIN, { phone: user.phone, code }, { ip })
    expect(blocked.code).toBe('TOO_MANY_ATTEMPTS')
    const password = await t.gql(LOGIN, { phone: user.phone, password: user.password }, { ip })
    expect(password.code).toBe('TOO_MANY_ATTEMPTS')
  })
})

describe('resetPasswordWithSmsCode', () => {
  it('sets a new password and ends every session of the person', async () => {
    const user = await createUser(t.database.db)
    const first = await t.gql<LoginData>(LOGIN, { phone: user.phone, password: user.password })
    const code = (await requestCode(t, user.phone, 'RESET_PASSWORD'))!
    const res = await t.gql(RESET, { phone: user.phone, code, newPassword: 'NewSecret99' })
    expect(res.errors).toBeUndefined()
    expect(res.data).toEqual({ resetPasswordWithSmsCode: true })

    const sessions = await t.database.db.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id))
    expect(sessions.map((s) => s.revokedReason)).toEqual(['password_changed'])
    const refreshed = await t.gql(REFRESH, { refreshToken: first.data!.login.refreshToken })
    expect(refreshed.code).toBe('INVALID_REFRESH_TOKEN')
    const me = await t.gql(ME, {}, { token: first.data!.login.accessToken })
    expect(me.code).toBe('UNAUTHENTICATED')

    const old = await t.gql(LOGIN, { phone: user.phone, password: user.password })
    expect(old.code).toBe('INVALID_CREDENTIALS')
    await signIn(t, { phone: user.phone, password: 'NewSecret99' })
  })

  it('refuses an expired code, a used code and a weak password, and changes nothing', async () => {
    const user = await createUser(t.database.db)
    const [before] = await t.database.db.select().from(schema.users).where(eq(schema.users.id, user.id))
    const code = (await requestCode(t, user.phone, 'RESET_PASSWORD'))!
    const weak = await t.gql(RESET, { phone: user.phone, code, newPassword: 'short' })
    expect(weak.code).toBe('BAD_USER_INPUT')
    expect(weak.errors![0]!.extensions!.fields).toEqual({ newPassword: 'PASSWORD_TOO_SHORT' })
    t.clock.advanceSeconds(5 * 60 + 1)
    const expired = await t.gql(RESET, { phone: user.phone, code, newPassword: 'NewSecret99' })
    expect(expired.code).toBe('SMS_CODE_INVALID')
    const [after] = await t.database.db.select().from(schema.users).where(eq(schema.users.id, user.id))
    expect(after).toEqual(before)

    const fresh = (await requestCode(t, user.phone, 'RESET_PASSWORD'))!
    expect((await t.gql(RESET, { phone: user.phone, code: fresh, newPassword: 'NewSecret99' })).errors).toBeUndefined()
    const reused = await t.gql(RESET, { phone: user.phone, code: fresh, newPassword: 'Another123' })
    expect(reused.code).toBe('SMS_CODE_INVALID')
    await signIn(t, { phone: user.phone, password: 'NewSecret99' })
  })

  it('answers a phone without an account like a wrong code', async () => {
    const res = await t.gql(RESET, { phone: uniquePhone(), code: '123456', newPassword: 'NewSecret99' })
    expect(res.code).toBe('SMS_CODE_INVALID')
  })
})
