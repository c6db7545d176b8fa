/** One address asking codes for many phones (registration spam, SMS pumping) is limited too. */
import { SMS_CODES_PER_ADDRESS } from '@linli/server/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REQUEST_SMS_CODE } from '../../support/accounts.ts'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { uniquePhone } from '../../support/factories.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

describe('requestSmsCode per address', () => {
  it('answers SMS_RATE_LIMITED after the limit from one address, for any phone, until the window ends', async () => {
    const ip = '10.60.0.1'
    for (let i = 0; i < SMS_CODES_PER_ADDRESS; i++) {
      const res = await t.gql(REQUEST_SMS_CODE, { phone: uniquePhone(), purpose: 'REGISTER' }, { ip })
      expect(res.errors, `request ${i}`).toBeUndefined()
    }
    const phone = uniquePhone()
    const limited = await t.gql(REQUEST_SMS_CODE, { phone, purpose: 'REGISTER' }, { ip })
    expect(limited.code).toBe('SMS_RATE_LIMITED')
    expect(limited.errors![0]!.extensions!.retryAfter).toBeGreaterThan(0)
    expect(t.sms.last(`${phone.slice(0, 3)}****${phone.slice(-4)}`)).toBeUndefined()
    // Another address is not affected; the same address is again after the window.
    expect((await t.gql(REQUEST_SMS_CODE, { phone, purpose: 'REGISTER' }, { ip: '10.60.0.2' })).errors).toBeUndefined()
    t.clock.advanceMinutes(15)
    expect(
      (await t.gql(REQUEST_SMS_CODE, { phone: uniquePhone(), purpose: 'REGISTER' }, { ip })).errors,
    ).toBeUndefined()
  })
})
