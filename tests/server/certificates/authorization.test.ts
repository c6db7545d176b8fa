/**
 * Who may do what with certificates, actor by actor: the holder and the issuing community's
 * staff read one; only that staff issue and revoke (the admins above see the community and get
 * FORBIDDEN); everyone else gets NOT_FOUND, the answer an id that does not exist gets, and
 * nothing changes. Verifying by serial is for anyone, signed in or not.
 */
import { sql } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type GqlResult, type TestApp } from '../../support/app.ts'
import { ACTORS, type Actor } from '../../support/world.ts'
import { ISSUE, buildCertificatesWorld, type CertificateData, type CertificatesWorld } from './world.ts'

let t: TestApp
let w: CertificatesWorld
let cert: CertificateData
const MISSING = '0190f000-0000-7000-8000-000000000000'

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildCertificatesWorld(t)
  await w.hours(w.holder.id, w.meals, 120)
  cert = await w.issue()
})
afterAll(() => t?.close())

async function fingerprint() {
  const r = await t.database.db.execute(sql`select
    (select string_agg(id || state || coalesce(revoke_reason, ''), ',' order by id) from certificates) as certificates,
    (select count(*) from audit_events) as audit,
    (select count(*) from notifications) as notifications`)
  return JSON.stringify(r.rows[0])
}

interface Case {
  name: string
  ask: (actor: Actor, id: string) => Promise<GqlResult>
  allowed: Actor[]
  mutation?: boolean
}

const q = (actor: Actor, query: string, vars: Record<string, unknown>) => w.as(actor)(query, vars)

const CASES: Case[] = [
  {
    name: 'certificate',
    ask: (a, id) =>
      q(a, `query($c: ID!, $id: ID!) { certificate(communityId: $c, id: $id) { id realName } }`, {
        c: w.community.id,
        id,
      }),
    allowed: ['staff', 'volunteer'],
  },
  {
    name: 'certificates',
    // The "id" here is the volunteer filter: a missing one answers an empty list, not an error.
    ask: (a) => q(a, `query($c: ID!) { certificates(communityId: $c) { id } }`, { c: w.community.id }),
    allowed: ['staff'],
  },
  {
    name: 'certificateCandidates',
    ask: (a) =>
      q(a, `query($c: ID!) { certificateCandidates(communityId: $c) { volunteerId } }`, { c: w.community.id }),
    allowed: ['staff'],
  },
  {
    name: 'revokeCertificate',
    ask: (a, id) =>
      q(a, `mutation($c: ID!, $id: ID!) { revokeCertificate(communityId: $c, id: $id, reason: "测试撤销") { id } }`, {
        c: w.community.id,
        id,
      }),
    allowed: ['staff'],
    mutation: true,
  },
  {
    name: 'issueCertificate',
    ask: (a) => q(a, ISSUE, { c: w.community.id, i: w.input() }),
    allowed: ['staff'],
    mutation: true,
  },
]

describe('certificates, actor by actor', () => {
  for (const c of CASES) {
    it(`${c.name}: refused for everyone but ${c.allowed.join(', ')}`, async () => {
      for (const actor of ACTORS) {
        if (c.allowed.includes(actor)) continue
        const before = await fingerprint()
        const res = await c.ask(actor, cert.id)
        if (actor === 'anonymous') {
          expect(res.code, actor).toBe('UNAUTHENTICATED')
          continue
        }
        const above = actor === 'streetAdmin' || actor === 'districtAdmin'
        expect(res.code, actor).toBe(c.mutation && above ? 'FORBIDDEN' : 'NOT_FOUND')
        if (res.code === 'NOT_FOUND' && c.name === 'certificate') {
          const missing = await c.ask(actor, MISSING)
          expect(res.errors![0]!.message, actor).toBe(missing.errors![0]!.message)
        }
        expect(await fingerprint(), `${actor} changed something`).toBe(before)
      }
      for (const actor of c.allowed.filter(() => !c.mutation)) {
        expect((await c.ask(actor, cert.id)).errors, actor).toBeUndefined()
      }
    })
  }

  it('a volunteer cannot issue a certificate for themselves', async () => {
    const before = await fingerprint()
    const res = await w.as('volunteer')(ISSUE, { c: w.community.id, i: w.input() })
    expect(res.code).toBe('NOT_FOUND')
    expect(await fingerprint()).toBe(before)
  })

  it('another community’s staff: NOT_FOUND here, as for ids that do not exist; nothing to certify at home', async () => {
    const before = await fingerprint()
    for (const id of [cert.id, MISSING]) {
      const read = await w.as('otherStaff')(
        `query($c: ID!, $id: ID!) { certificate(communityId: $c, id: $id) { id } }`,
        {
          c: w.community.id,
          id,
        },
      )
      expect(read.code).toBe('NOT_FOUND')
      expect(read.errors![0]!.message).toBe('certificate not found')
      const revoke = await w.as('otherStaff')(
        `mutation($c: ID!, $id: ID!) { revokeCertificate(communityId: $c, id: $id, reason: "测试撤销") { id } }`,
        { c: w.community.id, id },
      )
      expect(revoke.code).toBe('NOT_FOUND')
    }
    // Their own community id with this community's certificate: still nothing.
    const crossed = await w.as('otherStaff')(
      `query($c: ID!, $id: ID!) { certificate(communityId: $c, id: $id) { id } }`,
      {
        c: w.neighbourCommunity.id,
        id: cert.id,
      },
    )
    expect(crossed.code).toBe('NOT_FOUND')
    const crossedRevoke = await w.as('otherStaff')(
      `mutation($c: ID!, $id: ID!) { revokeCertificate(communityId: $c, id: $id, reason: "测试撤销") { id } }`,
      { c: w.neighbourCommunity.id, id: cert.id },
    )
    expect(crossedRevoke.code).toBe('NOT_FOUND')
    // Issuing here for the volunteer: the community is not theirs.
    const here = await w.as('otherStaff')(ISSUE, { c: w.community.id, i: w.input() })
    expect(here.code).toBe('NOT_FOUND')
    // Issuing at home for the volunteer who served here: hours of another community do not count.
    const home = await w.as('otherStaff')(ISSUE, { c: w.neighbourCommunity.id, i: w.input() })
    expect(home.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'NO_APPROVED_HOURS' })
    const list = await w.as('otherStaff')<{ certificates: unknown[] }>(
      `query($c: ID!, $v: ID) { certificates(communityId: $c, volunteerId: $v) { id } }`,
      { c: w.neighbourCommunity.id, v: w.holder.id },
    )
    expect(list.data!.certificates).toEqual([])
    expect(await fingerprint()).toBe(before)
  })

  it('myCertificates holds only one’s own', async () => {
    for (const actor of ACTORS.filter((a) => a !== 'anonymous' && a !== 'volunteer')) {
      const res = await w.as(actor)<{ myCertificates: unknown[] }>(`{ myCertificates { id } }`)
      expect(res.data!.myCertificates, actor).toEqual([])
    }
    expect((await w.as('anonymous')(`{ myCertificates { id } }`)).code).toBe('UNAUTHENTICATED')
  })

  it('verifyCertificate answers everyone alike, signed in or not', async () => {
    const answers = new Set<string>()
    for (const actor of ACTORS) {
      const res = await w.as(actor)(
        `query($s: String!) { verifyCertificate(serial: $s) { maskedName minutes issuerName issuedAt state revokedAt } }`,
        {
          s: cert.serial,
        },
      )
      expect(res.errors, actor).toBeUndefined()
      answers.add(JSON.stringify(res.data))
    }
    expect(answers.size).toBe(1)
    expect(JSON.parse([...answers][0]!).verifyCertificate).toMatchObject({ state: 'valid', minutes: 120 })
  })
})
