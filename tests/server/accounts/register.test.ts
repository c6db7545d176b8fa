import { PRIVACY_NOTICE_VERSION } from '@linli/shared'
import { eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestCode } from '../../support/accounts.ts'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { uniquePhone } from '../../support/factories.ts'
import { recordPii } from '../../support/logs.ts'

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      accessToken
      me {
        user {
          id
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

function input(phone: string, smsCode: string, extra: Record<string, unknown> = {}) {
  recordPii(phone, '新用户')
  return {
    phone,
    password: 'Secret123',
    realName: '新用户',
    privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
    smsCode,
    ...extra,
  }
}

async function userByPhone(phone: string) {
  const [row] = await t.database.db.select().from(schema.users).where(eq(schema.users.phone, phone))
  return row
}

describe('register', () => {
  it('needs the REGISTER code sent to the phone; records the verified phone and the consent', async () => {
    const phone = uniquePhone()
    const none = await t.gql(REGISTER, { input: input(phone, '123456') })
    expect(none.code).toBe('SMS_CODE_INVALID')
    const code = (await requestCode(t, phone, 'REGISTER'))!
    const wrong = await t.gql(REGISTER, { input: input(phone, code === '654321' ? '123456' : '654321') })
    expect(wrong.code).toBe('SMS_CODE_INVALID')
    expect(await userByPhone(phone)).toBeUndefined()

    const res = await t.gql<{ register: { me: { user: { id: string } } } }>(REGISTER, { input: input(phone, code) })
    expect(res.errors).toBeUndefined()
    const user = (await userByPhone(phone))!
    expect(user.phoneVerifiedAt).toEqual(t.clock.now())
    const consents = await t.database.db.select().from(schema.consents).where(eq(schema.consents.userId, user.id))
    expect(consents.map((c) => [c.kind, c.version])).toEqual([['privacy_notice', PRIVACY_NOTICE_VERSION]])
  })

  it('spends the code only with the registration: a taken phone keeps it, a second use fails', async () => {
    const phone = uniquePhone()
    const code = (await requestCode(t, phone, 'REGISTER'))!
    const bad = await t.gql(REGISTER, { input: input(phone, code, { birthDate: '2099-01-01' }) })
    expect(bad.code).toBe('BAD_USER_INPUT')
    expect(bad.errors![0]!.extensions!.fields).toEqual({ birthDate: 'BIRTH_DATE_INVALID' })
    const ok = await t.gql(REGISTER, { input: input(phone, code) })
    expect(ok.errors).toBeUndefined()
    const again = await t.gql(REGISTER, { input: input(phone, code) })
    expect(again.code).toBe('SMS_CODE_INVALID')
  })

  it('a REGISTER code of another phone does not work', async () => {
    const a = uniquePhone()
    const b = uniquePhone()
    const code = (await requestCode(t, a, 'REGISTER'))!
    const res = await t.gql(REGISTER, { input: input(b, code) })
    expect(res.code).toBe('SMS_CODE_INVALID')
  })
})

describe('register: minors', () => {
  // 2026-11-01 01:00 in Shanghai, still 10-31 in UTC: the Shanghai calendar decides.
  const NOW = '2026-10-31T17:00:00Z'

  it('asks a person under 14 for a guardian and records the guardian consent', async () => {
    t.clock.set(NOW)
    const phone = uniquePhone()
    const code = (await requestCode(t, phone, 'REGISTER'))!
    const child = { birthDate: '2012-11-02' } // 14 tomorrow: still 13
    const missing = await t.gql(REGISTER, { input: input(phone, code, child) })
    expect(missing.code).toBe('GUARDIAN_CONSENT_REQUIRED')
    const noConsent = await t.gql(REGISTER, {
      input: input(phone, code, { ...child, guardianName: '王监护', guardianPhone: '13700009999' }),
    })
    expect(noConsent.code).toBe('GUARDIAN_CONSENT_REQUIRED')
    recordPii('王监护', '13700009999')
    const ok = await t.gql(REGISTER, {
      input: input(phone, code, {
        ...child,
        guardianName: '王监护',
        guardianPhone: '13700009999',
        guardianConsent: true,
      }),
    })
    expect(ok.errors).toBeUndefined()
    const user = (await userByPhone(phone))!
    expect(user).toMatchObject({
      birthDate: '2012-11-02',
      guardianName: '王监护',
      guardianPhone: '13700009999',
      guardianConsentAt: t.clock.now(),
    })
    const kinds = await t.database.db
      .select({ kind: schema.consents.kind })
      .from(schema.consents)
      .where(eq(schema.consents.userId, user.id))
    expect(kinds.map((k) => k.kind).sort()).toEqual(['guardian', 'privacy_notice'])
  })

  it('counts a birthday on the Shanghai calendar: 14 today in Shanghai needs no guardian', async () => {
    t.clock.set(NOW)
    const phone = uniquePhone()
    const code = (await requestCode(t, phone, 'REGISTER'))!
    const res = await t.gql(REGISTER, { input: input(phone, code, { birthDate: '2012-11-01' }) })
    expect(res.errors).toBeUndefined()
    const user = (await userByPhone(phone))!
    expect(user.guardianName).toBeNull()
    expect(user.guardianConsentAt).toBeNull()
  })

  it('checks the birth date and guardian phone formats', async () => {
    const res = await t.gql(REGISTER, {
      input: input(uniquePhone(), '123456', { birthDate: '2012-02-30', guardianPhone: '123' }),
    })
    expect(res.code).toBe('BAD_USER_INPUT')
    expect(res.errors![0]!.extensions!.fields).toEqual({
      birthDate: 'BIRTH_DATE_INVALID',
      guardianPhone: 'PHONE_INVALID',
    })
  })
})
