/**
 * The demo's certificates: 李志强 (13900000002) holds a valid certificate from 阳光社区 for his
 * approved hours there and an earlier, revoked one; the seed reads his approved hour records and
 * seeds nothing without any.
 */
import { DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import { seedCertificatesDemo } from '@linli/server/certificates/seed'
import { and, eq, schema, sql } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'
import { VERIFY, type CertificateData, type VerificationData } from './world.ts'

let t: TestApp
const db = () => t.database.db

beforeAll(async () => {
  t = await buildTestApp()
  await seedDemo(t.database.db, t.clock)
})
afterAll(() => t?.close())

async function person(phone: string) {
  const [u] = await db().select().from(schema.users).where(eq(schema.users.phone, phone))
  return u!
}

async function approvedMinutes(userId: string, communityId: string) {
  const { rows } = await db().execute(
    sql`select coalesce(sum(minutes), 0)::int as m from hour_records
        where volunteer_id = ${userId} and community_id = ${communityId} and state = 'approved'`,
  )
  return (rows[0] as { m: number }).m
}

describe('demo certificates', () => {
  it('李志强 has a valid certificate for his approved hours in 阳光社区 and a revoked one', async () => {
    const li = await person('13900000002')
    const [sunshine] = await db().select().from(schema.communities).where(eq(schema.communities.name, '阳光社区'))
    const count = async () =>
      (await db().select().from(schema.certificates).where(eq(schema.certificates.volunteerId, li.id))).length
    if ((await count()) === 0) {
      // The demo seed has not run the certificates seed (or had no hours for it): give him hours, then run it.
      if ((await approvedMinutes(li.id, sunshine!.id)) === 0) {
        await seedCertificatesDemo(db(), t.clock.now())
        expect(await count()).toBe(0)
        const [activity] = await db()
          .select()
          .from(schema.activities)
          .where(and(eq(schema.activities.communityId, sunshine!.id)))
          .limit(1)
        const staff = await person('13900000005')
        await db().insert(schema.hourRecords).values({
          communityId: sunshine!.id,
          activityId: activity!.id,
          volunteerId: li.id,
          state: 'approved',
          source: 'check_in',
          checkInAt: activity!.startsAt,
          checkOutAt: activity!.endsAt,
          minutes: 120,
          spanMinutes: 120,
          reviewedBy: staff.id,
          reviewedAt: activity!.endsAt,
          createdBy: li.id,
          createdAt: activity!.startsAt,
          updatedAt: activity!.endsAt,
        })
      }
      await seedCertificatesDemo(db(), t.clock.now())
    }
    const minutes = await approvedMinutes(li.id, sunshine!.id)
    const token = (await t.gql<LoginData>(LOGIN, { phone: li.phone, password: DEMO_PASSWORD })).data!.login.accessToken
    const mine = await t.gql<{ myCertificates: CertificateData[] }>(
      `{ myCertificates { id serial state minutes communityName handlerName revokeReason serviceContent } }`,
      {},
      { token },
    )
    const list = mine.data!.myCertificates
    expect(list.map((c) => c.state)).toEqual(['valid', 'revoked'])
    expect(list[0]).toMatchObject({ communityName: '阳光社区', handlerName: '刘芳', minutes })
    expect(list[0]!.serviceContent.length).toBeGreaterThan(0)
    expect(list[1]!.revokeReason).toBeTruthy()
    for (const c of list) {
      const res = await t.gql<{ verifyCertificate: VerificationData }>(VERIFY, { s: c.serial })
      expect(res.data!.verifyCertificate).toMatchObject({ state: c.state, maskedName: '李*强', issuerName: '阳光社区' })
    }
  })
})
