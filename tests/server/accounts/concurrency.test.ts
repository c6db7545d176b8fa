/**
 * Contested SMS state on a real PostgreSQL server: many clients released together on their
 * own connections. The sending limit holds (one code a minute) and a code is used once.
 */
import { PRIVACY_NOTICE_VERSION } from '@linli/shared'
import { eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { REQUEST_SMS_CODE, requestCode } from '../../support/accounts.ts'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { createUser, uniquePhone } from '../../support/factories.ts'
import { race } from '../../support/race.ts'

const CLIENTS = 20

describeOnPostgres('SMS codes under concurrency on PostgreSQL', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ poolSize: CLIENTS + 10 })
  })
  afterAll(() => t?.close())

  it('sends exactly one code when 20 requests for one phone arrive together', async () => {
    const phone = uniquePhone()
    const settled = await race(CLIENTS, () => t.gql(REQUEST_SMS_CODE, { phone, purpose: 'REGISTER' }), t.database.pool)
    const results = settled.map((s) => (s.status === 'fulfilled' ? (s.value.code ?? 'ok') : 'rejected'))
    expect(results.filter((r) => r === 'ok')).toHaveLength(1)
    expect(results.filter((r) => r === 'SMS_RATE_LIMITED')).toHaveLength(CLIENTS - 1)
    expect(t.sms.count(phone)).toBe(1)
    const rows = await t.database.db
      .select()
      .from(schema.smsCodes)
      .where(eq(schema.smsCodes.phoneHash, t.app.smsCodes.phoneHash(phone)))
    expect(rows).toHaveLength(1)
  })

  it('registers once when 20 registrations race with the same code', async () => {
    const phone = uniquePhone()
    const smsCode = (await requestCode(t, phone, 'REGISTER'))!
    const settled = await race(
      CLIENTS,
      (i) =>
        t.gql(`mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }`, {
          i: {
            phone,
            password: 'Secret123',
            realName: `抢注${i}`,
            privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
            smsCode,
          },
        }),
      t.database.pool,
    )
    const codes = settled.map((s) => (s.status === 'fulfilled' ? (s.value.code ?? 'ok') : 'rejected'))
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1)
    // The others lose on the code (used) or on the phone (taken), never with an internal error.
    expect(codes.filter((c) => c !== 'ok').every((c) => c === 'SMS_CODE_INVALID' || c === 'PHONE_TAKEN')).toBe(true)
    const users = await t.database.db.select().from(schema.users).where(eq(schema.users.phone, phone))
    expect(users).toHaveLength(1)
  })

  it('signs in once when 20 SMS sign-ins race with the same code', async () => {
    const user = await createUser(t.database.db)
    const code = (await requestCode(t, user.phone, 'LOGIN'))!
    const settled = await race(
      CLIENTS,
      (i) =>
        t.gql(
          `mutation ($p: String!, $c: String!) { loginWithSmsCode(phone: $p, code: $c) { accessToken } }`,
          {
            p: user.phone,
            c: code,
          },
          { ip: `10.20.0.${i}` },
        ),
      t.database.pool,
    )
    const codes = settled.map((s) => (s.status === 'fulfilled' ? (s.value.code ?? 'ok') : 'rejected'))
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1)
    expect(codes.filter((c) => c !== 'ok').every((c) => c === 'SMS_CODE_INVALID')).toBe(true)
  })
})
