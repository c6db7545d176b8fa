/**
 * 志愿服务记录证明 on real SQL: staff issue one for a volunteer's approved hours in their
 * community; anyone verifies it by serial without signing in and sees only the masked name,
 * hours, issuer, date and validity; staff revoke it with a reason and the public page says so.
 */
import { CERTIFICATE_SERIAL_PATTERN, maskIdNumber, maskName, maskPhone } from '@linli/shared'
import { schema, sql } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'
import {
  CANDIDATES,
  CERTIFICATE,
  CERTIFICATES,
  ISSUE,
  MY_CERTIFICATES,
  PERIOD,
  REVOKE,
  buildCertificatesWorld,
  type CertificateData,
  type CertificatesWorld,
} from './world.ts'

let t: TestApp
let w: CertificatesWorld
// Tokens live 15 minutes: the test's time moves only a little past the sign-ins (02:00).
const ISSUED_AT = '2026-11-01T02:05:00.000Z'

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildCertificatesWorld(t)
  // 90 min at the meals, 120 at the clinic: 3.5 h approved in November.
  await w.hours(w.holder.id, w.meals, 90)
  await w.hours(w.holder.id, w.clinic, 120)
  t.clock.set(new Date(ISSUED_AT))
})
afterAll(() => t?.close())

async function audit(action: string, targetId: string) {
  const { rows } = await t.database.db.execute(
    sql`select actor_id, reason, community_id from audit_events where action = ${action} and target_id = ${targetId}`,
  )
  return rows as { actor_id: string; reason: string | null; community_id: string }[]
}

describe('issueCertificate', () => {
  it('certifies the approved hours in the period with the national fields, the handler and the seal', async () => {
    const c = await w.issue()
    expect(c.minutes).toBe(210)
    expect(c.serviceContent).toBe('周末助老送餐、社区义诊')
    expect(c.serial).toMatch(CERTIFICATE_SERIAL_PATTERN)
    expect(c).toMatchObject({
      communityId: w.community.id,
      communityName: w.community.name,
      volunteerId: w.holder.id,
      realName: w.holder.realName,
      idType: 'resident_id',
      idNumberMasked: maskIdNumber(w.idNumber),
      volunteerNumber: 'LL10000042',
      personInCharge: '王建国',
      contactPhone: '0591-87654321',
      handlerName: w.people.staff.realName,
      issuedAt: ISSUED_AT,
      periodFrom: PERIOD.from,
      periodTo: PERIOD.to,
      state: 'valid',
      revokeReason: null,
      revokedAt: null,
    })
    expect(c.idNumberMasked).not.toContain(w.idNumber.slice(6, 14))
    const svg = Buffer.from(c.sealSvg.replace('data:image/svg+xml;base64,', ''), 'base64').toString('utf8')
    expect(c.sealSvg.startsWith('data:image/svg+xml;base64,')).toBe(true)
    expect(svg).toContain(w.community.name)

    const [event] = await audit('certificate.issue', c.id)
    expect(event).toMatchObject({ actor_id: w.people.staff.id, community_id: w.community.id })
  })

  it('tells the volunteer, with the community and the hours', async () => {
    const res = await w.as('volunteer')<{
      myNotifications: { nodes: { kind: string; params: Record<string, unknown> }[] }
    }>(`{ myNotifications(first: 20) { nodes { kind params } } }`)
    const issued = res.data!.myNotifications.nodes.find((n) => n.kind === 'certificate.issued')
    expect(issued?.params).toEqual({ communityName: w.community.name, hours: '3.5' })
  })

  it('counts only approved records of activities that started in the period', async () => {
    const other = await createUser(t.database.db, { roles: [{ role: 'resident' }, { role: 'volunteer' }] })
    const december = await w.activity({
      title: '冬至包饺子',
      startsAt: '2026-12-21T06:00:00.000Z',
      endsAt: '2026-12-21T09:00:00.000Z',
    })
    await w.hours(other.id, w.meals, 60)
    await w.hours(other.id, w.clinic, 100, 'pending')
    await w.hours(other.id, december, 45)
    const c = await w.issue({ volunteerId: other.id })
    expect(c.minutes).toBe(60)
    expect(c.serviceContent).toBe('周末助老送餐')
    const all = await w.issue({ volunteerId: other.id, to: '2026-12-31T15:59:59.000Z' })
    expect(all.minutes).toBe(105)
    expect(all.serviceContent).toBe('周末助老送餐、冬至包饺子')
    // The staff's own words replace the titles.
    const own = await w.issue({ volunteerId: other.id, serviceContent: '助老送餐志愿服务' })
    expect(own.serviceContent).toBe('助老送餐志愿服务')
  })

  it('refuses a period without approved hours: INVALID_TRANSITION, reason NO_APPROVED_HOURS', async () => {
    const before = await count()
    const empty = await w.as('staff')(ISSUE, {
      c: w.community.id,
      i: w.input({ from: '2026-10-01T00:00:00.000Z', to: '2026-10-31T00:00:00.000Z' }),
    })
    expect(empty.code).toBe('INVALID_TRANSITION')
    expect(empty.errors![0]!.extensions!.reason).toBe('NO_APPROVED_HOURS')
    // Only pending hours, or nobody at all.
    const pendingOnly = await createUser(t.database.db)
    await w.hours(pendingOnly.id, w.meals, 100, 'pending')
    for (const volunteerId of [pendingOnly.id, '0190f000-0000-7000-8000-000000000000', 'not-an-id']) {
      const res = await w.as('staff')(ISSUE, { c: w.community.id, i: w.input({ volunteerId }) })
      expect(res.errors![0]!.extensions, volunteerId).toMatchObject({
        code: 'INVALID_TRANSITION',
        reason: 'NO_APPROVED_HOURS',
      })
    }
    expect(await count()).toEqual(before)
  })

  it('checks the input with the shared schema', async () => {
    const backwards = await w.as('staff')(ISSUE, {
      c: w.community.id,
      i: w.input({ from: PERIOD.to, to: PERIOD.from }),
    })
    expect(backwards.code).toBe('BAD_USER_INPUT')
    expect(backwards.errors![0]!.extensions!.fields).toEqual({ to: 'ENDS_BEFORE_START' })
    const blank = await w.as('staff')(ISSUE, {
      c: w.community.id,
      i: w.input({ personInCharge: ' ', serviceContent: '长'.repeat(201) }),
    })
    expect(blank.errors![0]!.extensions!.fields).toMatchObject({
      personInCharge: 'NAME_REQUIRED',
      serviceContent: 'DESCRIPTION_TOO_LONG',
    })
  })
})

async function count() {
  const { rows } = await t.database.db.execute(
    sql`select (select count(*) from certificates)::int as certificates, (select count(*) from audit_events)::int as audit`,
  )
  return rows[0]
}

describe('verifyCertificate', () => {
  let c: CertificateData

  beforeAll(async () => {
    c = await w.issue()
  })

  it('shows anyone without signing in the masked name, hours, issuer, date and validity', async () => {
    const { data } = await w.verify(c.serial)
    expect(data).toEqual({
      serial: c.serial,
      maskedName: maskName(w.holder.realName),
      minutes: 210,
      issuerName: w.community.name,
      issuedAt: ISSUED_AT,
      state: 'valid',
      revokedAt: null,
    })
  })

  it('answers nothing else: no ID number, no phone, not the full name', async () => {
    const { raw } = await w.verify(c.serial)
    expect(raw).not.toContain(w.holder.realName)
    expect(raw).not.toContain(w.idNumber)
    expect(raw).not.toContain(maskIdNumber(w.idNumber))
    expect(raw).not.toContain(w.idNumber.slice(-4))
    expect(raw).not.toContain(w.holder.phone)
    expect(raw).not.toContain(maskPhone(w.holder.phone))
    expect(raw).not.toContain(w.holder.phone.slice(-4))
    expect(raw).not.toContain('LL10000042')
    expect(raw).not.toContain(w.people.staff.realName)
    expect(raw).not.toContain('0591-87654321')
    expect(Object.keys(JSON.parse(raw).data.verifyCertificate).sort()).toEqual(
      ['issuedAt', 'issuerName', 'maskedName', 'minutes', 'revokedAt', 'serial', 'state'].sort(),
    )
  })

  it('works with a stale or bogus token too (a link opened by anyone)', async () => {
    const res = await t.gql<{ verifyCertificate: { state: string } }>(
      `query($s: String!) { verifyCertificate(serial: $s) { state } }`,
      { s: c.serial },
      { token: 'not.a.token' },
    )
    expect(res.errors).toBeUndefined()
    expect(res.data!.verifyCertificate.state).toBe('valid')
  })

  it('reads a serial typed from paper: lower case, spaces, look-alike letters', async () => {
    const typed = c.serial
      .toLowerCase()
      .replace(/(.{4})/g, '$1 ')
      .replace(/1/g, 'l')
      .replace(/0/g, 'o')
    expect((await w.verify(typed)).data?.serial).toBe(c.serial)
  })

  it('answers null for a guessed, mutated or malformed serial, without error detail', async () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
    const mutated = [...c.serial]
    const i = 13
    mutated[i] = alphabet[(alphabet.indexOf(mutated[i]!) + 1) % 32]!
    const guesses = [
      mutated.join(''),
      c.serial.slice(0, 25) + (c.serial.endsWith('0') ? '1' : '0'),
      '0'.repeat(26),
      '7ZZZZZZZZZZZZZZZZZZZZZZZZZ',
      c.serial.slice(0, 25),
      `${c.serial}0`,
      '',
      'abc',
      "' or 1=1 --",
      'U'.repeat(26),
      'x'.repeat(5000),
    ]
    for (const s of guesses) {
      const res = await t.gql<{ verifyCertificate: null }>(
        `query($s: String!) { verifyCertificate(serial: $s) { state } }`,
        {
          s,
        },
      )
      expect(res.errors, s.slice(0, 30)).toBeUndefined()
      expect(res.data!.verifyCertificate, s.slice(0, 30)).toBeNull()
    }
  })

  it('serials are 26 characters of Crockford base-32 and never repeat', async () => {
    const serials = new Set<string>()
    for (let i = 0; i < 40; i++) {
      const s = (await w.issue()).serial
      expect(s).toHaveLength(26)
      expect(s).toMatch(CERTIFICATE_SERIAL_PATTERN)
      serials.add(s)
    }
    expect(serials.size).toBe(40)
    const { rows } = await t.database.db.execute(
      sql`select count(*)::int as n, count(distinct serial)::int as d from certificates`,
    )
    expect(rows[0]).toMatchObject({ n: expect.any(Number) })
    expect((rows[0] as { n: number; d: number }).d).toBe((rows[0] as { n: number }).n)
  })
})

describe('revokeCertificate', () => {
  it('revokes with a reason: the public page shows it revoked, the volunteer is told, it is audited', async () => {
    const c = await w.issue()
    t.clock.set(new Date('2026-11-01T02:09:00.000Z'))
    const res = await w.as('staff')<{ revokeCertificate: CertificateData }>(REVOKE, {
      c: w.community.id,
      id: c.id,
      r: '服务时长有误',
    })
    expect(res.errors).toBeUndefined()
    expect(res.data!.revokeCertificate).toMatchObject({
      state: 'revoked',
      revokeReason: '服务时长有误',
      revokedAt: '2026-11-01T02:09:00.000Z',
    })
    const { data } = await w.verify(c.serial)
    expect(data).toMatchObject({ state: 'revoked', revokedAt: '2026-11-01T02:09:00.000Z', minutes: 210 })
    expect(JSON.stringify(data)).not.toContain('服务时长有误')

    const [event] = await audit('certificate.revoke', c.id)
    expect(event).toMatchObject({ actor_id: w.people.staff.id, reason: '服务时长有误' })
    const notes = await w.as('volunteer')<{
      myNotifications: { nodes: { kind: string; params: Record<string, unknown> }[] }
    }>(`{ myNotifications(first: 50) { nodes { kind params } } }`)
    expect(notes.data!.myNotifications.nodes.find((n) => n.kind === 'certificate.revoked')?.params).toEqual({
      communityName: w.community.name,
      reason: '服务时长有误',
    })

    const again = await w.as('staff')(REVOKE, { c: w.community.id, id: c.id, r: '再次撤销' })
    expect(again.code).toBe('INVALID_TRANSITION')
  })

  it('needs a reason', async () => {
    const c = await w.issue()
    const res = await w.as('staff')(REVOKE, { c: w.community.id, id: c.id, r: ' ' })
    expect(res.code).toBe('BAD_USER_INPUT')
    expect(res.errors![0]!.extensions!.fields).toEqual({ _: 'REASON_REQUIRED' })
    expect((await w.verify(c.serial)).data!.state).toBe('valid')
  })
})

describe('reading certificates', () => {
  it('myCertificates: the volunteer’s own, newest first, in full for printing', async () => {
    const res = await w.as('volunteer')<{ myCertificates: CertificateData[] }>(MY_CERTIFICATES)
    const list = res.data!.myCertificates
    expect(list.length).toBeGreaterThan(3)
    expect(list.every((c) => c.volunteerId === w.holder.id)).toBe(true)
    const times = list.map((c) => c.issuedAt)
    expect([...times].sort().reverse()).toEqual(times)
    expect(list[0]!.realName).toBe(w.holder.realName)
    expect(list.some((c) => c.state === 'revoked')).toBe(true)
  })

  it('certificate: the holder and the issuing staff read the same certificate', async () => {
    const c = await w.issue()
    for (const actor of ['volunteer', 'staff'] as const) {
      const res = await w.as(actor)<{ certificate: CertificateData }>(CERTIFICATE, { c: w.community.id, id: c.id })
      expect(res.data!.certificate, actor).toEqual(c)
    }
  })

  it('certificates: the community’s, or one volunteer’s', async () => {
    const all = await w.as('staff')<{ certificates: CertificateData[] }>(CERTIFICATES, { c: w.community.id })
    const holders = new Set(all.data!.certificates.map((c) => c.volunteerId))
    expect(holders.size).toBe(2)
    const one = await w.as('staff')<{ certificates: CertificateData[] }>(CERTIFICATES, {
      c: w.community.id,
      v: w.holder.id,
    })
    expect(one.data!.certificates.length).toBeGreaterThan(0)
    expect(one.data!.certificates.every((c) => c.volunteerId === w.holder.id)).toBe(true)
  })

  it('certificateCandidates: volunteers with approved hours, phones masked, found by phone', async () => {
    const res = await w.as('staff')<{
      certificateCandidates: { volunteerId: string; realName: string; phone: string; minutes: number }[]
    }>(CANDIDATES, { c: w.community.id, ...{ f: PERIOD.from, t: PERIOD.to } })
    const mine = res.data!.certificateCandidates.find((c) => c.volunteerId === w.holder.id)
    expect(mine).toMatchObject({ realName: w.holder.realName, phone: maskPhone(w.holder.phone), minutes: 210 })
    expect(JSON.stringify(res.data)).not.toContain(w.holder.phone)
    const byPhone = await w.as('staff')<{ certificateCandidates: { volunteerId: string }[] }>(CANDIDATES, {
      c: w.community.id,
      p: w.holder.phone,
    })
    expect(byPhone.data!.certificateCandidates.map((c) => c.volunteerId)).toEqual([w.holder.id])
    const bad = await w.as('staff')(CANDIDATES, { c: w.community.id, p: '12' })
    expect(bad.code).toBe('BAD_USER_INPUT')
  })

  it('a deleted account’s certificate still verifies, with the deleted name masked', async () => {
    const gone = await createUser(t.database.db, { realName: '钱多多' })
    await w.hours(gone.id, w.clinic, 30)
    const c = await w.issue({ volunteerId: gone.id })
    await t.database.db
      .update(schema.users)
      .set({ realName: '已注销用户', status: 'deleted' })
      .where(sql`${schema.users.id} = ${gone.id}`)
    const { data, raw } = await w.verify(c.serial)
    expect(data).toMatchObject({ state: 'valid', minutes: 30, maskedName: '已***户' })
    expect(raw).not.toContain('钱多多')
  })
})
