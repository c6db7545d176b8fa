import { SMS_DAILY_LIMIT, maskPhone } from '@linli/shared'
import { eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REQUEST_SMS_CODE, requestCode } from '../../support/accounts.ts'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { createUser, uniquePhone } from '../../support/factories.ts'

const SMS_LOGIN = /* GraphQL */ `
  mutation ($phone: String!, $code: String!) {
    loginWithSmsCode(phone: $phone, code: $code) {
      accessToken
    }
  }
`

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

describe('requestSmsCode', () => {
  it('sends six digits in Chinese through the log, the phone masked, and stores only hashes', async () => {
    const user = await createUser(t.database.db)
    const res = await t.gql(REQUEST_SMS_CODE, { phone: user.phone, purpose: 'LOGIN' })
    expect(res.errors).toBeUndefined()
    expect(res.data).toEqual({ requestSmsCode: { expiresInSeconds: 300, resendAfterSeconds: 60 } })
    const sms = t.sms.last(maskPhone(user.phone))!
    expect(sms.to).toBe(maskPhone(user.phone))
    expect(sms.text).toMatch(/^【邻里】您的验证码是 \d{6}，5分钟内有效/)
    expect(sms.code).toMatch(/^\d{6}$/)
    const rows = await t.database.db.select().from(schema.smsCodes)
    const dump = JSON.stringify(rows)
    expect(dump).not.toContain(user.phone)
    expect(dump).not.toContain(sms.code)
  })

  it('allows one code a minute and ten a day per phone, with retryAfter in seconds', async () => {
    const user = await createUser(t.database.db)
    // 23:50 in Shanghai: the day's limit ends at midnight there.
    t.clock.set('2026-11-02T15:50:00Z')
    expect(await requestCode(t, user.phone, 'LOGIN')).not.toBeNull()
    const soon = await t.gql(REQUEST_SMS_CODE, { phone: user.phone, purpose: 'RESET_PASSWORD' })
    expect(soon.code).toBe('SMS_RATE_LIMITED')
    expect(soon.errors![0]!.extensions!.retryAfter).toBe(60)
    t.clock.advanceSeconds(45)
    const later = await t.gql(REQUEST_SMS_CODE, { phone: user.phone, purpose: 'LOGIN' })
    expect(later.errors![0]!.extensions!.retryAfter).toBe(15)
    t.clock.advanceSeconds(15)
    expect(await requestCode(t, user.phone, 'LOGIN')).not.toBeNull()
    // The limit of ten counts the Shanghai day: 23:51 → midnight, then a new day.
    t.clock.set('2026-11-03T15:00:00Z') // 23:00 on 11-03 in Shanghai
    for (let i = 0; i < SMS_DAILY_LIMIT; i++) {
      expect(await requestCode(t, user.phone, 'LOGIN')).not.toBeNull()
      t.clock.advanceSeconds(61)
    }
    const tooMany = await t.gql(REQUEST_SMS_CODE, { phone: user.phone, purpose: 'LOGIN' })
    expect(tooMany.code).toBe('SMS_RATE_LIMITED')
    const retryAfter = tooMany.errors![0]!.extensions!.retryAfter as number
    const midnight = new Date('2026-11-03T16:00:00Z').getTime()
    expect(retryAfter).toBe(Math.ceil((midnight - t.clock.now().getTime()) / 1000))
    t.clock.advanceSeconds(retryAfter)
    expect(await requestCode(t, user.phone, 'LOGIN')).not.toBeNull()
    // Another phone is not affected by this one's limits.
    expect(await requestCode(t, uniquePhone(), 'REGISTER')).not.toBeNull()
  })

  it('answers an unknown phone exactly as a known one for sign-in and reset, and sends it nothing', async () => {
    const known = await createUser(t.database.db)
    const unknown = uniquePhone()
    for (const purpose of ['LOGIN', 'RESET_PASSWORD'] as const) {
      t.clock.advanceSeconds(61)
      const a = await t.gql(REQUEST_SMS_CODE, { phone: known.phone, purpose })
      const b = await t.gql(REQUEST_SMS_CODE, { phone: unknown, purpose })
      expect(b).toEqual(a)
      // The limit applies the same too: a second request within the minute is refused for both.
      const a2 = await t.gql(REQUEST_SMS_CODE, { phone: known.phone, purpose })
      const b2 = await t.gql(REQUEST_SMS_CODE, { phone: unknown, purpose })
      expect(a2.code).toBe('SMS_RATE_LIMITED')
      expect({ ...b2, errors: b2.errors }).toEqual({ ...a2, errors: a2.errors })
    }
    expect(t.sms.count(unknown)).toBe(0)
    expect(t.sms.count(known.phone)).toBe(2)
  })

  it('answers a registered phone the same for REGISTER (the code reaches its owner)', async () => {
    const known = await createUser(t.database.db)
    const fresh = uniquePhone()
    const a = await t.gql(REQUEST_SMS_CODE, { phone: known.phone, purpose: 'REGISTER' })
    const b = await t.gql(REQUEST_SMS_CODE, { phone: fresh, purpose: 'REGISTER' })
    expect(a).toEqual(b)
    expect(t.sms.count(known.phone)).toBe(1)
    expect(t.sms.count(fresh)).toBe(1)
  })

  it('refuses a malformed phone with a field code', async () => {
    const res = await t.gql(REQUEST_SMS_CODE, { phone: '12345', purpose: 'REGISTER' })
    expect(res.code).toBe('BAD_USER_INPUT')
    expect(res.errors![0]!.extensions!.fields).toEqual({ phone: 'PHONE_INVALID' })
  })
})

describe('SMS code checks', () => {
  it('expires a code after five minutes', async () => {
    const user = await createUser(t.database.db)
    const code = (await requestCode(t, user.phone, 'LOGIN'))!
    t.clock.advanceSeconds(5 * 60 + 1)
    const res = await t.gql(SMS_LOGIN, { phone: user.phone, code }, { ip: '10.9.0.1' })
    expect(res.code).toBe('SMS_CODE_INVALID')
  })

  it('accepts a code at 4:59 and then never again', async () => {
    const user = await createUser(t.database.db)
    const code = (await requestCode(t, user.phone, 'LOGIN'))!
    t.clock.advanceSeconds(5 * 60 - 1)
    const ok = await t.gql(SMS_LOGIN, { phone: user.phone, code }, { ip: '10.9.0.2' })
    expect(ok.errors).toBeUndefined()
    const again = await t.gql(SMS_LOGIN, { phone: user.phone, code }, { ip: '10.9.0.2' })
    expect(again.code).toBe('SMS_CODE_INVALID')
  })

  it('allows five tries: the right code after five wrong ones is refused', async () => {
    const user = await createUser(t.database.db)
    const code = (await requestCode(t, user.phone, 'LOGIN'))!
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < 5; i++) {
      // Different addresses, so the sign-in throttle is not what stops it.
      const res = await t.gql(SMS_LOGIN, { phone: user.phone, code: wrong }, { ip: `10.9.1.${i}` })
      expect(res.code).toBe('SMS_CODE_INVALID')
    }
    const right = await t.gql(SMS_LOGIN, { phone: user.phone, code }, { ip: '10.9.1.9' })
    expect(right.code).toBe('SMS_CODE_INVALID')
    const [row] = await t.database.db
      .select({ attempts: schema.smsCodes.attempts, consumedAt: schema.smsCodes.consumedAt })
      .from(schema.smsCodes)
      .where(eq(schema.smsCodes.phoneHash, t.app.smsCodes.phoneHash(user.phone)))
    expect(row).toEqual({ attempts: 5, consumedAt: null })
  })

  it('serves only its own purpose, and a newer code replaces an older one', async () => {
    const user = await createUser(t.database.db)
    const reset = (await requestCode(t, user.phone, 'RESET_PASSWORD'))!
    const asLogin = await t.gql(SMS_LOGIN, { phone: user.phone, code: reset }, { ip: '10.9.2.1' })
    expect(asLogin.code).toBe('SMS_CODE_INVALID')
    t.clock.advanceSeconds(61)
    const first = (await requestCode(t, user.phone, 'LOGIN'))!
    t.clock.advanceSeconds(61)
    const second = (await requestCode(t, user.phone, 'LOGIN'))!
    if (first !== second) {
      const old = await t.gql(SMS_LOGIN, { phone: user.phone, code: first }, { ip: '10.9.2.2' })
      expect(old.code).toBe('SMS_CODE_INVALID')
    }
    const ok = await t.gql(SMS_LOGIN, { phone: user.phone, code: second }, { ip: '10.9.2.3' })
    expect(ok.errors).toBeUndefined()
  })
})
