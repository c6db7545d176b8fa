/**
 * Queries of certificates. A certificate is read in ONE statement with what its page prints:
 * the holder's name and ID (sealed), the volunteer number, the handler's name and the issuing
 * community's name. Approved hours are summed by the activity's start.
 */
import type { CertificateState, IdType } from '@linli/shared'
import { and, desc, eq, gte, lte, ne, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { DbOrTx } from '../../db/index.ts'
import { activities, certificates, communities, hourRecords, users, volunteerProfiles } from '../../db/schema/index.ts'

export interface CertificateRecord {
  communityId: string
  id: string
  serial: string
  volunteerId: string
  minutes: number
  serviceContent: string
  periodFrom: Date
  periodTo: Date
  personInCharge: string
  contactPhone: string
  issuedBy: string
  issuedAt: Date
  state: CertificateState
  revokeReason: string | null
  revokedAt: Date | null
  realName: string
  idType: IdType | null
  idNumberEnc: string | null
  volunteerNumber: string | null
  handlerName: string
  communityName: string
}

const holder = alias(users, 'holder')
const handler = alias(users, 'handler')

function select(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      communityId: certificates.communityId,
      id: certificates.id,
      serial: certificates.serial,
      volunteerId: certificates.volunteerId,
      minutes: certificates.minutes,
      serviceContent: certificates.serviceContent,
      periodFrom: certificates.periodFrom,
      periodTo: certificates.periodTo,
      personInCharge: certificates.personInCharge,
      contactPhone: certificates.contactPhone,
      issuedBy: certificates.issuedBy,
      issuedAt: certificates.issuedAt,
      state: certificates.state,
      revokeReason: certificates.revokeReason,
      revokedAt: certificates.revokedAt,
      realName: holder.realName,
      idType: holder.idType,
      idNumberEnc: holder.idNumberEnc,
      volunteerNumber: volunteerProfiles.volunteerNumber,
      handlerName: handler.realName,
      communityName: communities.name,
    })
    .from(certificates)
    .innerJoin(holder, eq(holder.id, certificates.volunteerId))
    .innerJoin(handler, eq(handler.id, certificates.issuedBy))
    .innerJoin(communities, eq(communities.id, certificates.communityId))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, certificates.volunteerId))
    .where(where)
    .orderBy(desc(certificates.issuedAt), desc(certificates.id))
}

export async function findCertificate(db: DbOrTx, communityId: string, id: string): Promise<CertificateRecord | null> {
  const [row] = await select(db, and(eq(certificates.communityId, communityId), eq(certificates.id, id)))
  return row ?? null
}

/** A volunteer's certificates from every community, newest first. */
export function volunteerCertificates(db: DbOrTx, volunteerId: string): Promise<CertificateRecord[]> {
  return select(db, eq(certificates.volunteerId, volunteerId))
}

/** A community's certificates (optionally one volunteer's), newest first. */
export function communityCertificates(
  db: DbOrTx,
  communityId: string,
  volunteerId: string | null,
): Promise<CertificateRecord[]> {
  return select(
    db,
    and(
      eq(certificates.communityId, communityId),
      volunteerId === null ? undefined : eq(certificates.volunteerId, volunteerId),
    ),
  )
}

/** What the public page shows, by serial. */
export async function findBySerial(db: DbOrTx, serial: string) {
  const [row] = await db
    .select({
      serial: certificates.serial,
      realName: users.realName,
      minutes: certificates.minutes,
      communityName: communities.name,
      issuedAt: certificates.issuedAt,
      state: certificates.state,
      revokedAt: certificates.revokedAt,
    })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.volunteerId))
    .innerJoin(communities, eq(communities.id, certificates.communityId))
    .where(eq(certificates.serial, serial))
  return row ?? null
}

/** Lock one certificate for a change. */
export async function lockCertificate(db: DbOrTx, communityId: string, id: string) {
  const [row] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.communityId, communityId), eq(certificates.id, id)))
    .for('update')
  return row ?? null
}

const approvedIn = (communityId: string, from: Date | null, to: Date | null) =>
  and(
    eq(hourRecords.communityId, communityId),
    eq(hourRecords.state, 'approved'),
    from === null ? undefined : gte(activities.startsAt, from),
    to === null ? undefined : lte(activities.startsAt, to),
  )

/**
 * A volunteer's approved hours in a community for activities starting in [from, to]: the
 * minutes in all and the activities' titles in the order first served.
 */
export async function approvedService(
  db: DbOrTx,
  communityId: string,
  volunteerId: string,
  from: Date,
  to: Date,
): Promise<{ minutes: number; titles: string[] }> {
  const rows = await db
    .select({
      title: activities.title,
      minutes: sql<number>`coalesce(sum(${hourRecords.minutes}), 0)::int`,
      first: sql`min(${activities.startsAt})`,
    })
    .from(hourRecords)
    .innerJoin(
      activities,
      and(eq(activities.communityId, hourRecords.communityId), eq(activities.id, hourRecords.activityId)),
    )
    .where(and(approvedIn(communityId, from, to), eq(hourRecords.volunteerId, volunteerId)))
    .groupBy(activities.title)
    .orderBy(sql`min(${activities.startsAt})`, activities.title)
  return {
    minutes: rows.reduce((sum, r) => sum + Number(r.minutes), 0),
    titles: rows.filter((r) => Number(r.minutes) > 0).map((r) => r.title),
  }
}

export interface CandidateRow {
  volunteerId: string
  realName: string
  phone: string
  minutes: number
  firstServedAt: Date
  lastServedAt: Date
}

/** Volunteers with approved minutes in the community (in the period when given), most first. */
export async function candidates(
  db: DbOrTx,
  communityId: string,
  filter: { phone: string | null; from: Date | null; to: Date | null },
): Promise<CandidateRow[]> {
  const rows = await db
    .select({
      volunteerId: users.id,
      realName: users.realName,
      phone: users.phone,
      minutes: sql<number>`sum(${hourRecords.minutes})::int`,
      firstServedAt: sql<Date>`min(${activities.startsAt})`,
      lastServedAt: sql<Date>`max(${activities.startsAt})`,
    })
    .from(hourRecords)
    .innerJoin(
      activities,
      and(eq(activities.communityId, hourRecords.communityId), eq(activities.id, hourRecords.activityId)),
    )
    .innerJoin(users, eq(users.id, hourRecords.volunteerId))
    .where(
      and(
        approvedIn(communityId, filter.from, filter.to),
        ne(users.status, 'deleted'),
        filter.phone === null ? undefined : eq(users.phone, filter.phone),
      ),
    )
    .groupBy(users.id, users.realName, users.phone)
    .having(sql`sum(${hourRecords.minutes}) > 0`)
    .orderBy(sql`sum(${hourRecords.minutes}) desc`, users.id)
    .limit(200)
  const date = (v: unknown) => (v instanceof Date ? v : new Date(v as string))
  return rows.map((r) => ({
    ...r,
    minutes: Number(r.minutes),
    firstServedAt: date(r.firstServedAt),
    lastServedAt: date(r.lastServedAt),
  }))
}
