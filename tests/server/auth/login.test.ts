import { PRIVACY_NOTICE_VERSION } from '@linli/shared'
import { THROTTLE_LIMITS, THROTTLE_WINDOW_SECONDS } from '@linli/server/throttle'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { createPlaces, createUser, uniquePhone } from '../../support/factories.ts'
import { LOGIN, ME, type LoginData } from '../../support/gql.ts'

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      accessToken
      refreshToken
      me {
        user {
          realName
          phone
        }
        roles {
          role
        }
      }
    }
  }
`

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

const REQUEST_CODE = /* GraphQL */ `
  mutation ($phone: String!) {
    requestSmsCode(phone: $phone, purpose: REGISTER) {
      expiresInSeconds
    }
  }
`

/** Ask for a REGISTER code and read it from the server's log, as a person reads their SMS. */
async function registerCode(phone: string): Promise<string> {
  const res = await t.gql(REQUEST_CODE, { phone })
  expect(res.errors).toBeUndefined()
  return t.sms.lastCode(phone)
}

describe('register', () => {
  it('creates a resident who is signed in at once', async () => {
    const phone = uniquePhone()
    const smsCode = await registerCode(phone)
    const res = await t.gql<{ register: LoginData['login'] }>(REGISTER, {
      input: { phone, password: 'Secret123', realName: '张三', privacyNoticeVersion: PRIVACY_NOTICE_VERSION, smsCode },
    })
    expect(res.errors).toBeUndefined()
    expect(res.data!.register.me.user).toEqual({ realName: '张三', phone })
    expect(res.data!.register.me.roles.map((r) => r.role)).toEqual(['resident'])
    const me = await t.gql(ME, {}, { token: res.data!.register.accessToken })
    expect(me.errors).toBeUndefined()
  })

  it('requires consent to the current privacy notice', async () => {
    const res = await t.gql(REGISTER, {
      input: {
        phone: uniquePhone(),
        password: 'Secret123',
        realName: '张三',
        privacyNoticeVersion: '2020-01-01',
        smsCode: '123456',
      },
    })
    expect(res.code).toBe('PRIVACY_CONSENT_REQUIRED')
  })

  it('refuses a taken phone, a malformed phone and a weak password with stable codes', async () => {
    const existing = await createUser(t.database.db)
    const taken = await t.gql(REGISTER, {
      input: {
        phone: existing.phone,
        password: 'Secret123',
        realName: '李四',
        privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
        smsCode: await registerCode(existing.phone),
      },
    })
    expect(taken.code).toBe('PHONE_TAKEN')
    const bad = await t.gql(REGISTER, {
      input: {
        phone: '12345',
        password: 'short',
        realName: '李四',
        privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
        smsCode: '12',
      },
    })
    expect(bad.code).toBe('BAD_USER_INPUT')
    expect(bad.errors![0]!.extensions!.fields).toEqual({
      phone: 'PHONE_INVALID',
      password: 'PASSWORD_TOO_SHORT',
      smsCode: 'SMS_CODE_FORMAT',
    })
  })
})

describe('login', () => {
  it('signs in with phone and password and returns who I am with my scoped roles', async () => {
    const places = await createPlaces(t.database.db)
    const staff = await createUser(t.database.db, {
      roles: [{ role: 'community_staff', scopeId: places.community.id }, { role: 'resident' }],
    })
    const res = await t.gql<LoginData>(LOGIN, { phone: staff.phone, password: staff.password })
    expect(res.errors).toBeUndefined()
    const { me, accessToken, refreshToken } = res.data!.login
    expect(me.user.realName).toBe(staff.realName)
    expect(me.roles).toContainEqual({
      role: 'community_staff',
      scopeType: 'community',
      scopeName: places.community.name,
    })
    expect(accessToken.split('.')).toHaveLength(3)
    expect(refreshToken.length).toBeGreaterThanOrEqual(43)
  })

  it('gives the same code for a wrong password and an unknown phone', async () => {
    const user = await createUser(t.database.db)
    const wrong = await t.gql(LOGIN, { phone: user.phone, password: 'not-the-password1' }, { ip: '10.0.0.1' })
    const unknown = await t.gql(LOGIN, { phone: '13199999999', password: 'whatever123' }, { ip: '10.0.0.1' })
    expect(wrong.code).toBe('INVALID_CREDENTIALS')
    expect(unknown.code).toBe('INVALID_CREDENTIALS')
    expect(wrong.errors![0]!.message).toBe(unknown.errors![0]!.message)
    expect(wrong.data).toEqual(unknown.data)
  })

  it('answers empty fields with BAD_USER_INPUT and a field code per field', async () => {
    const res = await t.gql(LOGIN, { phone: ' ', password: '' })
    expect(res.code).toBe('BAD_USER_INPUT')
    expect(res.errors![0]!.extensions!.fields).toEqual({ phone: 'PHONE_REQUIRED', password: 'PASSWORD_REQUIRED' })
  })

  it('puts no phone or name in the access token', async () => {
    const user = await createUser(t.database.db)
    const res = await t.gql<LoginData>(LOGIN, { phone: user.phone, password: user.password })
    const payload = JSON.parse(Buffer.from(res.data!.login.accessToken.split('.')[1]!, 'base64url').toString())
    expect(Object.keys(payload).sort()).toEqual(['exp', 'iat', 'sid', 'sub'])
    expect(JSON.stringify(payload)).not.toContain(user.phone)
  })
})

describe('login throttling', () => {
  it('throttles repeated failures with a retry-after that the clock lets expire', async () => {
    const user = await createUser(t.database.db)
    const ip = '10.1.1.1'
    for (let i = 0; i < THROTTLE_LIMITS.phoneAddress; i++) {
      const res = await t.gql(LOGIN, { phone: user.phone, password: `wrong-${i}-pass` }, { ip })
      expect(res.code).toBe('INVALID_CREDENTIALS')
    }
    t.clock.advanceSeconds(60)
    // Even the right password is refused while throttled: the limiter answers before checking it.
    const throttled = await t.gql(LOGIN, { phone: user.phone, password: user.password }, { ip })
    expect(throttled.code).toBe('TOO_MANY_ATTEMPTS')
    expect(throttled.errors![0]!.extensions!.retryAfter).toBe(THROTTLE_WINDOW_SECONDS - 60)

    t.clock.advanceSeconds(THROTTLE_WINDOW_SECONDS - 60)
    const again = await t.gql<LoginData>(LOGIN, { phone: user.phone, password: user.password }, { ip })
    expect(again.errors).toBeUndefined()
    expect(again.data!.login.me.user.id).toBe(user.id)
  })

  it('does not lock the owner out from another address when a stranger fails a few times', async () => {
    const user = await createUser(t.database.db)
    for (let i = 0; i < THROTTLE_LIMITS.phoneAddress; i++) {
      await t.gql(LOGIN, { phone: user.phone, password: `guess-${i}-x1` }, { ip: '10.2.2.2' })
    }
    expect((await t.gql(LOGIN, { phone: user.phone, password: user.password }, { ip: '10.2.2.2' })).code).toBe(
      'TOO_MANY_ATTEMPTS',
    )
    const owner = await t.gql(LOGIN, { phone: user.phone, password: user.password }, { ip: '10.3.3.3' })
    expect(owner.errors).toBeUndefined()
  })

  it('holds across two server instances on one database', async () => {
    const second = await buildTestApp({ database: t.database, clock: t.clock })
    try {
      const user = await createUser(t.database.db)
      const ip = '10.4.4.4'
      for (let i = 0; i < THROTTLE_LIMITS.phoneAddress; i++) {
        const app = i % 2 === 0 ? t : second
        expect((await app.gql(LOGIN, { phone: user.phone, password: `bad-${i}-pw` }, { ip })).code).toBe(
          'INVALID_CREDENTIALS',
        )
      }
      for (const app of [t, second]) {
        const res = await app.gql(LOGIN, { phone: user.phone, password: user.password }, { ip })
        expect(res.code).toBe('TOO_MANY_ATTEMPTS')
        expect(res.errors![0]!.extensions!.retryAfter).toBeGreaterThan(0)
      }
      t.clock.advanceSeconds(THROTTLE_WINDOW_SECONDS)
      expect((await second.gql(LOGIN, { phone: user.phone, password: user.password }, { ip })).errors).toBeUndefined()
    } finally {
      await second.close()
    }
  })

  it('ignores X-Forwarded-For unless TRUST_PROXY is set, so a client cannot pick its own address', async () => {
    const user = await createUser(t.database.db)
    const ip = '10.5.5.5'
    for (let i = 0; i < THROTTLE_LIMITS.phoneAddress; i++) {
      const headers = { 'x-forwarded-for': `192.0.2.${i}` }
      await t.gql(LOGIN, { phone: user.phone, password: `spoof-${i}-x1` }, { ip, headers })
    }
    const res = await t.gql(
      LOGIN,
      { phone: user.phone, password: user.password },
      { ip, headers: { 'x-forwarded-for': '192.0.2.99' } },
    )
    expect(res.code).toBe('TOO_MANY_ATTEMPTS')

    const proxied = await buildTestApp({ database: t.database, clock: t.clock, config: { trustProxy: true } })
    try {
      const other = await createUser(t.database.db)
      for (let i = 0; i < THROTTLE_LIMITS.phoneAddress; i++) {
        await proxied.gql(
          LOGIN,
          { phone: other.phone, password: `proxy-${i}-x1` },
          { ip, headers: { 'x-forwarded-for': '198.51.100.7' } },
        )
      }
      const blocked = await proxied.gql(
        LOGIN,
        { phone: other.phone, password: other.password },
        { ip, headers: { 'x-forwarded-for': '198.51.100.7' } },
      )
      expect(blocked.code).toBe('TOO_MANY_ATTEMPTS')
      // Behind a trusted proxy, the real client address decides: another client is not blocked.
      const elsewhere = await proxied.gql(
        LOGIN,
        { phone: other.phone, password: other.password },
        { ip, headers: { 'x-forwarded-for': '198.51.100.8' } },
      )
      expect(elsewhere.errors).toBeUndefined()
    } finally {
      await proxied.close()
    }
  })
})
