/**
 * Certificates under real concurrency on PostgreSQL: 32 staff sessions revoking one certificate
 * at once revoke it once (one audit event, the volunteer told once, the others INVALID_TRANSITION);
 * 32 issues at once make 32 certificates with 32 distinct serials.
 */
import { sql } from '@linli/server/db'
import { DomainError } from '@linli/shared'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { race } from '../../support/race.ts'
import { PERIOD, buildCertificatesWorld, type CertificatesWorld } from './world.ts'

const CLIENTS = 32

describeOnPostgres('certificates under concurrency on PostgreSQL', () => {
  let t: TestApp
  let w: CertificatesWorld
  let staff: Parameters<TestApp['app']['certificatesService']['revokeCertificate']>[0]

  beforeAll(async () => {
    t = await buildTestApp({ poolSize: CLIENTS + 8 })
    w = await buildCertificatesWorld(t)
    await w.hours(w.holder.id, w.meals, 120)
    staff = {
      userId: w.people.staff.id,
      sessionId: w.people.staff.id,
      grants: [{ id: 'g', role: 'community_staff', scopeType: 'community', scopeId: w.community.id }],
    }
  })
  afterAll(() => t?.close())

  const count = async (q: ReturnType<typeof sql>) => ((await t.database.db.execute(q)).rows[0] as { n: number }).n

  it('revokes once, whoever else tries at the same moment', async () => {
    const cert = await w.issue()
    const results = await race(
      CLIENTS,
      (i) => t.app.certificatesService.revokeCertificate(staff, w.community.id, cert.id, `同时撤销 ${i}`),
      t.database.pool!,
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(refused.every((r) => r.reason instanceof DomainError && r.reason.code === 'INVALID_TRANSITION')).toBe(true)
    expect(
      await count(
        sql`select count(*)::int as n from audit_events where action = 'certificate.revoke' and target_id = ${cert.id}`,
      ),
    ).toBe(1)
    expect(
      await count(
        sql`select count(*)::int as n from notifications where kind = 'certificate.revoked' and subject_id = ${cert.id}`,
      ),
    ).toBe(1)
  })

  it('issues as many certificates as asked at once, each with its own serial', async () => {
    const input = { ...w.input(), from: PERIOD.from, to: PERIOD.to }
    const results = await race(
      CLIENTS,
      () => t.app.certificatesService.issueCertificate(staff, w.community.id, input),
      t.database.pool!,
    )
    const made = results.filter((r) => r.status === 'fulfilled').map((r) => r.value)
    expect(made).toHaveLength(CLIENTS)
    expect(new Set(made.map((c) => c.serial)).size).toBe(CLIENTS)
    expect(made.every((c) => c.minutes === 120)).toBe(true)
  })
})
