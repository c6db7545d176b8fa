/**
 * Certificates over hours recorded through the hours feature itself: staff back-fill (补录) and
 * approve a volunteer's hours, issue a certificate for them, then correct one record — the
 * voided record no longer counts, its approved correction does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn } from '../../support/accounts.ts'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { ISSUE, VERIFY, buildCertificatesWorld, type CertificateData, type CertificatesWorld } from './world.ts'

let t: TestApp
let w: CertificatesWorld
let staff: string

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildCertificatesWorld(t)
  // After both activities (10 and 15 November): a fresh session for staff.
  t.clock.set('2026-11-16T02:00:00.000Z')
  staff = await signIn(t, w.people.staff)
})
afterAll(() => t?.close())

const as = <T>(query: string, variables: Record<string, unknown>) =>
  t.gql<T>(query, variables, { token: staff }).then((r) => {
    if (!r.data) throw new Error(`${r.code} ${JSON.stringify(r.errors)}`)
    return r.data
  })

async function backFill(activityId: string, minutes: number): Promise<string> {
  const data = await as<{ backFillHours: { id: string } }>(
    `mutation($c: ID!, $i: BackFillInput!) { backFillHours(communityId: $c, input: $i) { id } }`,
    { c: w.community.id, i: { activityId, volunteerId: w.holder.id, minutes, reason: '纸质签到表补录' } },
  )
  return data.backFillHours.id
}

const issue = () => as<{ issueCertificate: CertificateData }>(ISSUE, { c: w.community.id, i: w.input() })

describe('issueCertificate over the hours feature', () => {
  it('certifies back-filled hours once approved, and a correction’s minutes instead of the voided record’s', async () => {
    const meals = await backFill(w.meals.id, 150)
    const clinic = await backFill(w.clinic.id, 120)
    // Pending hours certify nothing.
    const pending = await t.gql(ISSUE, { c: w.community.id, i: w.input() }, { token: staff })
    expect(pending.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'NO_APPROVED_HOURS' })

    await as(`mutation($c: ID!, $ids: [ID!]!) { approveHourRecords(communityId: $c, ids: $ids) { id state } }`, {
      c: w.community.id,
      ids: [meals, clinic],
    })
    const first = (await issue()).issueCertificate
    expect(first.minutes).toBe(270)
    expect(first.serviceContent).toBe('周末助老送餐、社区义诊')

    await as(
      `mutation($c: ID!, $id: ID!, $i: CorrectionInput!) { correctHourRecord(communityId: $c, id: $id, input: $i) { id state } }`,
      { c: w.community.id, id: meals, i: { minutes: 60, reason: '实际服务一小时' } },
    )
    const second = (await issue()).issueCertificate
    expect(second.minutes).toBe(180)

    // The first stays as issued until staff revoke it: a certificate is what was certified then.
    const verified = await t.gql<{ verifyCertificate: { minutes: number; state: string } }>(VERIFY, {
      s: first.serial,
    })
    expect(verified.data!.verifyCertificate).toMatchObject({ minutes: 270, state: 'valid' })
  })
})
