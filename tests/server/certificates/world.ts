/**
 * The world the certificates tests act in: the activities world, its volunteer (the `volunteer`
 * actor) with a resident ID (sealed) and a volunteer number, two activities of the community
 * and helpers to give approved hours and to issue through GraphQL.
 */
import { schema, sql } from '@linli/server/db'
import type { TestApp } from '../../support/app.ts'
import { residentId } from '../../support/accounts.ts'
import { buildActivitiesWorld, type ActivityData } from '../activities/world.ts'

export const CERTIFICATE_FIELDS = `id communityId communityName serial volunteerId realName idType idNumberMasked
  volunteerNumber minutes serviceContent periodFrom periodTo personInCharge handlerName contactPhone issuedAt state
  revokeReason revokedAt sealSvg`
export const VERIFICATION_FIELDS = 'serial maskedName minutes issuerName issuedAt state revokedAt'

export const ISSUE = `mutation($c: ID!, $i: CertificateInput!) { issueCertificate(communityId: $c, input: $i) { ${CERTIFICATE_FIELDS} } }`
export const REVOKE = `mutation($c: ID!, $id: ID!, $r: String!) { revokeCertificate(communityId: $c, id: $id, reason: $r) { ${CERTIFICATE_FIELDS} } }`
export const CERTIFICATE = `query($c: ID!, $id: ID!) { certificate(communityId: $c, id: $id) { ${CERTIFICATE_FIELDS} } }`
export const CERTIFICATES = `query($c: ID!, $v: ID) { certificates(communityId: $c, volunteerId: $v) { ${CERTIFICATE_FIELDS} } }`
export const MY_CERTIFICATES = `{ myCertificates { ${CERTIFICATE_FIELDS} } }`
export const VERIFY = `query($s: String!) { verifyCertificate(serial: $s) { ${VERIFICATION_FIELDS} } }`
export const CANDIDATES = `query($c: ID!, $p: String, $f: DateTime, $t: DateTime) {
  certificateCandidates(communityId: $c, phone: $p, from: $f, to: $t) { volunteerId realName phone minutes firstServedAt lastServedAt } }`

export interface CertificateData {
  id: string
  communityId: string
  communityName: string
  serial: string
  volunteerId: string
  realName: string
  idType: string | null
  idNumberMasked: string | null
  volunteerNumber: string | null
  minutes: number
  serviceContent: string
  periodFrom: string
  periodTo: string
  personInCharge: string
  handlerName: string
  contactPhone: string
  issuedAt: string
  state: 'valid' | 'revoked'
  revokeReason: string | null
  revokedAt: string | null
  sealSvg: string
}

export interface VerificationData {
  serial: string
  maskedName: string
  minutes: number
  issuerName: string
  issuedAt: string
  state: 'valid' | 'revoked'
  revokedAt: string | null
}

/** November 2026: the period the world's activities fall in. */
export const PERIOD = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-30T23:59:59.000Z' }

export async function buildCertificatesWorld(t: TestApp) {
  const w = await buildActivitiesWorld(t)
  const db = t.database.db
  const holder = w.people.volunteer
  const idNumber = residentId('19850612', '350102')
  await db
    .update(schema.users)
    .set({ idType: 'resident_id', idNumberEnc: t.app.sealer.seal(idNumber) })
    .where(sql`${schema.users.id} = ${holder.id}`)
  const at = new Date('2026-11-01T00:00:00Z')
  await db.insert(schema.volunteerProfiles).values({
    userId: holder.id,
    volunteerNumber: 'LL10000042',
    volunteerNumberSource: 'linli',
    createdAt: at,
    updatedAt: at,
  })
  const meals = await w.activity({ title: '周末助老送餐' })
  const clinic = await w.activity({
    title: '社区义诊',
    startsAt: '2026-11-15T01:00:00.000Z',
    endsAt: '2026-11-15T04:00:00.000Z',
  })

  /** An hour record straight into the table (approved unless told), as the hours feature would leave it. */
  async function hours(
    volunteerId: string,
    activity: Pick<ActivityData, 'id' | 'startsAt'>,
    minutes: number,
    state: 'approved' | 'pending' | 'rejected' | 'voided' = 'approved',
  ) {
    const start = new Date(activity.startsAt)
    await db.insert(schema.hourRecords).values({
      communityId: w.community.id,
      activityId: activity.id,
      volunteerId,
      state,
      source: 'check_in',
      checkInAt: start,
      checkOutAt: new Date(start.getTime() + minutes * 60_000),
      minutes,
      spanMinutes: minutes,
      reviewedBy: state === 'pending' ? null : w.people.staff.id,
      reviewedAt: state === 'pending' ? null : start,
      createdBy: volunteerId,
      createdAt: start,
      updatedAt: start,
    })
  }

  const input = (overrides: Record<string, unknown> = {}) => ({
    volunteerId: holder.id,
    ...PERIOD,
    personInCharge: '王建国',
    contactPhone: '0591-87654321',
    ...overrides,
  })

  /** Staff issue a certificate (throws on a refusal). */
  async function issue(overrides: Record<string, unknown> = {}) {
    const res = await w.as('staff')<{ issueCertificate: CertificateData }>(ISSUE, {
      c: w.community.id,
      i: input(overrides),
    })
    if (!res.data) throw new Error(`issueCertificate: ${res.code} ${JSON.stringify(res.errors)}`)
    return res.data.issueCertificate
  }

  /** Verify without any token. */
  async function verify(serial: string) {
    const res = await t.gql<{ verifyCertificate: VerificationData | null }>(VERIFY, { s: serial })
    if (res.errors) throw new Error(`verifyCertificate: ${res.code}`)
    return { data: res.data!.verifyCertificate, raw: JSON.stringify(res) }
  }

  return { ...w, holder, idNumber, meals, clinic, hours, input, issue, verify }
}

export type CertificatesWorld = Awaited<ReturnType<typeof buildCertificatesWorld>>
