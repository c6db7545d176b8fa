/**
 * Reading hour records and no-show marks with what their pages show (the activity's title and
 * window, the volunteer's name and phone), each page in one statement; and the volunteer's totals.
 */
import type { HourRecordState, NoShowMarkState } from '@linli/shared'
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../db/index.ts'
import { hourRecords } from '../../db/schema/index.ts'
import { toDate, toDateOrNull } from '../../lib/rows.ts'

export interface HourRecordRow {
  id: string
  communityId: string
  activityId: string
  activityTitle: string
  activityStartsAt: Date
  activityEndsAt: Date
  volunteerId: string
  volunteerName: string
  volunteerPhone: string
  state: HourRecordState
  source: 'check_in' | 'on_site' | 'back_fill' | 'correction'
  checkInAt: Date | null
  checkOutAt: Date | null
  minutes: number | null
  spanMinutes: number | null
  autoClosed: boolean
  capped: boolean
  belowThreshold: boolean
  pointsEligible: boolean
  reason: string | null
  rejectReason: string | null
  replacesId: string | null
  voidedById: string | null
  reviewedAt: Date | null
  createdAt: Date
}

const RECORD_COLUMNS = sql`h.id, h.community_id as "communityId", h.activity_id as "activityId",
  a.title as "activityTitle", a.starts_at as "activityStartsAt", a.ends_at as "activityEndsAt",
  h.volunteer_id as "volunteerId", u.real_name as "volunteerName", u.phone as "volunteerPhone",
  h.state, h.source, h.check_in_at as "checkInAt", h.check_out_at as "checkOutAt", h.minutes,
  h.span_minutes as "spanMinutes", h.auto_closed as "autoClosed", h.capped, h.below_threshold as "belowThreshold",
  h.points_eligible as "pointsEligible", h.reason, h.reject_reason as "rejectReason", h.replaces_id as "replacesId",
  h.voided_by_id as "voidedById", h.reviewed_at as "reviewedAt", h.created_at as "createdAt"`

const RECORD_FROM = sql`hour_records h
  join activities a on a.community_id = h.community_id and a.id = h.activity_id
  join users u on u.id = h.volunteer_id`

function toRecord(r: Record<string, unknown>): HourRecordRow {
  return {
    ...(r as unknown as HourRecordRow),
    activityStartsAt: toDate(r.activityStartsAt),
    activityEndsAt: toDate(r.activityEndsAt),
    checkInAt: toDateOrNull(r.checkInAt),
    checkOutAt: toDateOrNull(r.checkOutAt),
    reviewedAt: toDateOrNull(r.reviewedAt),
    createdAt: toDate(r.createdAt),
  }
}

async function records(db: DbOrTx, where: SQL, tail: SQL = sql``): Promise<HourRecordRow[]> {
  const { rows } = await db.execute(sql`select ${RECORD_COLUMNS} from ${RECORD_FROM} where ${where} ${tail}`)
  return (rows as Record<string, unknown>[]).map(toRecord)
}

export async function findRecords(db: DbOrTx, communityId: string, ids: readonly string[]): Promise<HourRecordRow[]> {
  if (ids.length === 0) return []
  return records(
    db,
    sql`h.community_id = ${communityId} and h.id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
    sql`order by h.created_at, h.id`,
  )
}

export async function findRecord(db: DbOrTx, communityId: string, id: string): Promise<HourRecordRow | null> {
  return (await findRecords(db, communityId, [id]))[0] ?? null
}

/** An activity's records: live ones first (by check-in), then the rest. */
export function activityRecords(db: DbOrTx, communityId: string, activityId: string): Promise<HourRecordRow[]> {
  return records(
    db,
    sql`h.community_id = ${communityId} and h.activity_id = ${activityId}`,
    sql`order by (h.state in ('pending', 'approved')) desc, h.check_in_at nulls last, h.created_at, h.id`,
  )
}

/** The volunteer's live record at the activity (pending or approved); `lock` (in a transaction) takes its row lock. */
export async function liveRecordOf(
  db: DbOrTx,
  communityId: string,
  activityId: string,
  volunteerId: string,
  lock = false,
) {
  const query = db
    .select()
    .from(hourRecords)
    .where(
      and(
        eq(hourRecords.communityId, communityId),
        eq(hourRecords.activityId, activityId),
        eq(hourRecords.volunteerId, volunteerId),
        inArray(hourRecords.state, ['pending', 'approved']),
      ),
    )
  const [row] = lock ? await query.for('update') : await query
  return row ?? null
}

/** A keyset cursor over (created_at, id). */
export interface Keyset {
  at: Date
  id: string
}
export const encodeCursor = (r: { createdAt: Date; id: string }) =>
  Buffer.from(JSON.stringify([r.createdAt.toISOString(), r.id])).toString('base64url')
export function decodeCursor(after: string | null | undefined): Keyset | null {
  if (!after) return null
  try {
    const [at, id] = JSON.parse(Buffer.from(after, 'base64url').toString()) as [string, string]
    const d = new Date(at)
    if (Number.isNaN(d.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null
    return { at: d, id }
  } catch {
    return null
  }
}

/**
 * Staff's queue with the count of the whole state, one statement: pending records oldest first
 * (the order they wait in); approved, rejected and voided ones newest first (what staff look back at).
 */
export async function queuePage(
  db: DbOrTx,
  args: { communityId: string; state: HourRecordState; activityId: string | null; first: number; after: Keyset | null },
): Promise<{ rows: HourRecordRow[]; total: number }> {
  const scope = (t: string) =>
    sql`${sql.raw(t)}.community_id = ${args.communityId} and ${sql.raw(t)}.state = ${args.state}
      ${args.activityId ? sql`and ${sql.raw(t)}.activity_id = ${args.activityId}` : sql``}`
  const newestFirst = args.state !== 'pending'
  const keyset = args.after
    ? sql`and (h.created_at, h.id) ${sql.raw(newestFirst ? '<' : '>')} (${args.after.at.toISOString()}::timestamptz, ${args.after.id}::uuid)`
    : sql``
  const { rows } = await db.execute(sql`select ${RECORD_COLUMNS},
      (select count(*) from hour_records c where ${scope('c')}) as "total"
    from ${RECORD_FROM} where ${scope('h')} ${keyset}
    order by ${sql.raw(newestFirst ? 'h.created_at desc, h.id desc' : 'h.created_at, h.id')} limit ${args.first + 1}`)
  const list = rows as Record<string, unknown>[]
  let total = Number(list[0]?.total ?? -1)
  if (total < 0) {
    const { rows: counted } = await db.execute(sql`select count(*) as n from hour_records c where ${scope('c')}`)
    total = Number((counted[0] as { n: unknown }).n)
  }
  return { rows: list.map(toRecord), total }
}

/** The volunteer's records, newest first. */
export async function myPage(
  db: DbOrTx,
  volunteerId: string,
  first: number,
  after: Keyset | null,
  activityId: string | null = null,
): Promise<{ rows: HourRecordRow[]; total: number }> {
  const ofActivity = (t: string) => (activityId ? sql`and ${sql.raw(t)}.activity_id = ${activityId}` : sql``)
  const keyset = after
    ? sql`and (h.created_at, h.id) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`
    : sql``
  const { rows } = await db.execute(sql`select ${RECORD_COLUMNS},
      (select count(*) from hour_records c where c.volunteer_id = ${volunteerId} ${ofActivity('c')}) as "total"
    from ${RECORD_FROM} where h.volunteer_id = ${volunteerId} ${ofActivity('h')} ${keyset}
    order by h.created_at desc, h.id desc limit ${first + 1}`)
  const list = rows as Record<string, unknown>[]
  return { rows: list.map(toRecord), total: Number(list[0]?.total ?? 0) }
}

export interface Totals {
  approvedMinutes: number
  pendingMinutes: number
  approvedMinutesThisYear: number
  openActivityIds: string[]
}

/** Approved (all communities), pending, this year's approved (by the activity's start in Asia/Shanghai), open check-ins. */
export async function totalsOf(db: DbOrTx, volunteerId: string, yearStart: Date, yearEnd: Date): Promise<Totals> {
  const { rows } = await db.execute(sql`select
      coalesce(sum(h.minutes) filter (where h.state = 'approved'), 0) as "approvedMinutes",
      coalesce(sum(h.minutes) filter (where h.state = 'pending'), 0) as "pendingMinutes",
      coalesce(sum(h.minutes) filter (where h.state = 'approved' and a.starts_at >= ${yearStart.toISOString()}::timestamptz
        and a.starts_at < ${yearEnd.toISOString()}::timestamptz), 0) as "approvedMinutesThisYear",
      coalesce(array_agg(h.activity_id) filter (where h.state = 'pending' and h.minutes is null), '{}') as "openActivityIds"
    from hour_records h join activities a on a.community_id = h.community_id and a.id = h.activity_id
    where h.volunteer_id = ${volunteerId}`)
  const r = rows[0] as Record<string, unknown>
  return {
    approvedMinutes: Number(r.approvedMinutes),
    pendingMinutes: Number(r.pendingMinutes),
    approvedMinutesThisYear: Number(r.approvedMinutesThisYear),
    openActivityIds: parseUuidArray(r.openActivityIds),
  }
}

/** PGlite and pg return uuid[] as arrays; some paths as the '{a,b}' literal. */
function parseUuidArray(v: unknown): string[] {
  if (Array.isArray(v)) return v as string[]
  if (typeof v === 'string')
    return v
      .replace(/^\{|\}$/g, '')
      .split(',')
      .filter(Boolean)
  return []
}

export interface NoShowRow {
  id: string
  communityId: string
  activityId: string
  activityTitle: string
  activityStartsAt: Date
  volunteerId: string
  volunteerName: string
  volunteerPhone: string
  state: NoShowMarkState
  markedAt: Date
  fadesAt: Date
  contestReason: string | null
  contestedAt: Date | null
  resolvedAt: Date | null
  resolutionNote: string | null
}

const MARK_COLUMNS = sql`m.id, m.community_id as "communityId", m.activity_id as "activityId", a.title as "activityTitle",
  a.starts_at as "activityStartsAt", m.volunteer_id as "volunteerId", u.real_name as "volunteerName",
  u.phone as "volunteerPhone", m.state, m.marked_at as "markedAt", m.fades_at as "fadesAt",
  m.contest_reason as "contestReason", m.contested_at as "contestedAt", m.resolved_at as "resolvedAt",
  m.resolution_note as "resolutionNote"`
const MARK_FROM = sql`no_show_marks m join activities a on a.community_id = m.community_id and a.id = m.activity_id
  join users u on u.id = m.volunteer_id`

export async function marks(db: DbOrTx, where: SQL): Promise<NoShowRow[]> {
  const { rows } = await db.execute(
    sql`select ${MARK_COLUMNS} from ${MARK_FROM} where ${where} order by m.marked_at desc, m.id desc`,
  )
  return (rows as Record<string, unknown>[]).map((r) => ({
    ...(r as unknown as NoShowRow),
    activityStartsAt: toDate(r.activityStartsAt),
    markedAt: toDate(r.markedAt),
    fadesAt: toDate(r.fadesAt),
    contestedAt: toDateOrNull(r.contestedAt),
    resolvedAt: toDateOrNull(r.resolvedAt),
  }))
}
