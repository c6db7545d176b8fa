/**
 * Queries of activities and sign-ups. An activity is read in ONE statement with what its page
 * shows: the project's title and state, the leader's name, and the viewer's own live sign-up
 * (or latest one); lists page by (starts_at, id) keysets in one statement as well.
 */
import { LIVE_CLAIM_STATES, LIVE_SIGN_UP_STATES, type ActivityState, type SignUpState } from '@linli/shared'
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../db/index.ts'
import { activities, claims, roleGrants, signUps, unitMembers } from '../../db/schema/index.ts'

const LIVE_SIGN_UPS = sql.raw(`(${LIVE_SIGN_UP_STATES.map((s) => `'${s}'`).join(', ')})`)

export interface MySignUpJson {
  id: string
  state: SignUpState
  position: number | null
  createdAt: string
}

export interface ActivityRow {
  communityId: string
  id: string
  projectId: string
  projectTitle: string
  projectState: string
  title: string
  place: string
  startsAt: Date
  endsAt: Date
  slots: number
  confirmed: number
  waitlisted: number
  requiredSkills: string[]
  leaderId: string | null
  leaderName: string | null
  signUpDeadline: Date
  restrictedToUnitIds: string[] | null
  seriesId: string | null
  state: ActivityState
  cancelReason: string | null
  unitId: string | null
  createdAt: Date
  updatedAt: Date
  mySignUp: MySignUpJson | null
}

/** The viewer's live sign-up on the activity, else their latest one (cancelled), else null. */
const columns = (viewerId: string) => sql`a.community_id as "communityId", a.id, a.project_id as "projectId",
  p.title as "projectTitle", p.state as "projectState", a.title, a.place, a.starts_at as "startsAt",
  a.ends_at as "endsAt", a.slots, a.confirmed, a.waitlisted, a.required_skills as "requiredSkills",
  a.leader_id as "leaderId", l.real_name as "leaderName", a.sign_up_deadline as "signUpDeadline",
  a.restricted_to_unit_ids as "restrictedToUnitIds", a.series_id as "seriesId", a.state,
  a.cancel_reason as "cancelReason", a.unit_id as "unitId", a.created_at as "createdAt", a.updated_at as "updatedAt",
  (select json_build_object('id', s.id, 'state', s.state, 'position', s.position, 'createdAt', s.created_at)
    from sign_ups s where s.community_id = a.community_id and s.activity_id = a.id and s.volunteer_id = ${viewerId}
    order by (s.state in ${LIVE_SIGN_UPS}) desc, s.created_at desc, s.id desc limit 1) as "mySignUp"`

const FROM = sql`activities a join projects p on p.community_id = a.community_id and p.id = a.project_id
  left join users l on l.id = a.leader_id`

const date = (v: unknown) => (v instanceof Date ? v : new Date(v as string))

function toActivity(r: Record<string, unknown>): ActivityRow {
  return {
    ...(r as unknown as ActivityRow),
    startsAt: date(r.startsAt),
    endsAt: date(r.endsAt),
    signUpDeadline: date(r.signUpDeadline),
    createdAt: date(r.createdAt),
    updatedAt: date(r.updatedAt),
    requiredSkills: (r.requiredSkills as string[] | null) ?? [],
  }
}

export async function findActivity(
  db: DbOrTx,
  communityId: string,
  id: string,
  viewerId: string,
): Promise<ActivityRow | null> {
  const { rows } = await db.execute(
    sql`select ${columns(viewerId)} from ${FROM} where a.community_id = ${communityId} and a.id = ${id}`,
  )
  return rows[0] ? toActivity(rows[0] as Record<string, unknown>) : null
}

/** A keyset cursor over (starts_at, id): opaque to clients. */
export interface Keyset {
  at: Date
  id: string
}
export const encodeCursor = (k: { startsAt: Date; id: string }) =>
  Buffer.from(`${k.startsAt.toISOString()}|${k.id}`).toString('base64url')
export function decodeCursor(after: string | null | undefined): Keyset | null {
  if (!after) return null
  const [at, id] = Buffer.from(after, 'base64url').toString().split('|')
  const when = new Date(at ?? '')
  if (!id || Number.isNaN(when.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) return null
  return { at: when, id }
}

/**
 * A page of a community's activities, by start time: of one project or of all, every state or
 * only scheduled ones of open projects (what anyone signed in may find). One statement.
 */
export async function activityPage(
  db: DbOrTx,
  args: {
    communityId: string
    projectId: string | null
    openOnly: boolean
    projectStates: readonly string[]
    from: Date | null
    viewerId: string
    first: number
    after: Keyset | null
  },
): Promise<ActivityRow[]> {
  const where: SQL[] = [sql`a.community_id = ${args.communityId}`]
  if (args.projectId) where.push(sql`a.project_id = ${args.projectId}`)
  if (args.openOnly) {
    where.push(sql`a.state = 'scheduled'`)
    where.push(
      sql`p.state in (${sql.join(
        args.projectStates.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    )
  }
  if (args.from) where.push(sql`a.ends_at > ${args.from}`)
  if (args.after) where.push(sql`(a.starts_at, a.id) > (${args.after.at}, ${args.after.id})`)
  const { rows } = await db.execute(sql`select ${columns(args.viewerId)} from ${FROM}
    where ${sql.join(where, sql` and `)} order by a.starts_at, a.id limit ${args.first + 1}`)
  return rows.map((r) => toActivity(r as Record<string, unknown>))
}

/** Scheduled activities the person leads that are not over yet (ended after `since`), soonest first. One statement. */
export async function ledBy(db: DbOrTx, leaderId: string, since: Date, first: number): Promise<ActivityRow[]> {
  const { rows } = await db.execute(sql`select ${columns(leaderId)} from ${FROM}
    where a.leader_id = ${leaderId} and a.state = 'scheduled' and a.ends_at > ${since}
    order by a.starts_at, a.id limit ${first}`)
  return rows.map((r) => toActivity(r as Record<string, unknown>))
}

/** The activity row locked: every change of its sign-ups and counts queues behind it. */
export async function lockActivity(tx: DbOrTx, communityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(activities)
    .where(and(eq(activities.communityId, communityId), eq(activities.id, id)))
    .for('update')
  return row ?? null
}

export async function findSignUp(db: DbOrTx, communityId: string, id: string) {
  const [row] = await db
    .select()
    .from(signUps)
    .where(and(eq(signUps.communityId, communityId), eq(signUps.id, id)))
  return row ?? null
}

/** Units holding a claim on the project in one of `states` (the live ones by default). */
export async function claimingUnitIds(
  db: DbOrTx,
  communityId: string,
  projectId: string,
  states: readonly ('pending' | 'active')[] = LIVE_CLAIM_STATES,
): Promise<string[]> {
  const rows = await db
    .select({ unitId: claims.unitId })
    .from(claims)
    .where(
      and(eq(claims.communityId, communityId), eq(claims.projectId, projectId), inArray(claims.state, [...states])),
    )
  return [...new Set(rows.map((r) => r.unitId))]
}

/** Of `unitIds`, those on whose roster the person is an active member. */
export async function activeMemberUnits(db: DbOrTx, userId: string, unitIds: readonly string[]): Promise<string[]> {
  if (unitIds.length === 0) return []
  const rows = await db
    .select({ unitId: unitMembers.unitId })
    .from(unitMembers)
    .where(
      and(eq(unitMembers.userId, userId), inArray(unitMembers.unitId, [...unitIds]), eq(unitMembers.status, 'active')),
    )
  return rows.map((r) => r.unitId)
}

/** Does the person hold community staff on the community now? */
export async function isStaffOf(db: DbOrTx, userId: string, communityId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.userId, userId),
        eq(roleGrants.role, 'community_staff'),
        eq(roleGrants.scopeId, communityId),
        isNull(roleGrants.revokedAt),
      ),
    )
    .limit(1)
  return !!row
}

export interface RosterRow {
  id: string
  volunteerId: string
  realName: string
  phone: string
  state: SignUpState
  position: number | null
  createdAt: Date
  promotedAt: Date | null
  cancelledAt: Date | null
}

/** Who signed up: confirmed first (in sign-up order), then the waitlist in line, then the cancelled. */
export async function roster(db: DbOrTx, communityId: string, activityId: string): Promise<RosterRow[]> {
  const { rows } = await db.execute(sql`select s.id, s.volunteer_id as "volunteerId", u.real_name as "realName",
      u.phone, s.state, s.position, s.created_at as "createdAt", s.promoted_at as "promotedAt",
      s.cancelled_at as "cancelledAt"
    from sign_ups s join users u on u.id = s.volunteer_id
    where s.community_id = ${communityId} and s.activity_id = ${activityId}
    order by case s.state when 'confirmed' then 0 when 'waitlisted' then 1 when 'attended' then 2
      when 'no_show' then 3 else 4 end, s.position nulls last, s.created_at, s.id`)
  return (rows as Record<string, unknown>[]).map((r) => ({
    ...(r as unknown as RosterRow),
    createdAt: date(r.createdAt),
    promotedAt: r.promotedAt ? date(r.promotedAt) : null,
    cancelledAt: r.cancelledAt ? date(r.cancelledAt) : null,
  }))
}

export interface MySignUpRow {
  id: string
  communityId: string
  activityId: string
  state: SignUpState
  position: number | null
  createdAt: Date
  promotedAt: Date | null
  cancelledAt: Date | null
  activity: ActivityRow
}

/** 我的报名: the viewer's sign-ups by the activity's start, latest first, with the activity. One statement. */
export async function mySignUpPage(
  db: DbOrTx,
  args: { viewerId: string; first: number; after: Keyset | null },
): Promise<MySignUpRow[]> {
  const after = args.after ? sql`and (a.starts_at, s.id) < (${args.after.at}, ${args.after.id})` : sql``
  const { rows } =
    await db.execute(sql`select s.id as "signUpId", s.state as "signUpState", s.position as "signUpPosition",
      s.created_at as "signUpCreatedAt", s.promoted_at as "signUpPromotedAt", s.cancelled_at as "signUpCancelledAt",
      ${columns(args.viewerId)}
    from sign_ups s join activities a on a.community_id = s.community_id and a.id = s.activity_id
      join projects p on p.community_id = a.community_id and p.id = a.project_id
      left join users l on l.id = a.leader_id
    where s.volunteer_id = ${args.viewerId} ${after}
    order by a.starts_at desc, s.id desc limit ${args.first + 1}`)
  return (rows as Record<string, unknown>[]).map((r) => ({
    id: r.signUpId as string,
    communityId: r.communityId as string,
    activityId: r.id as string,
    state: r.signUpState as SignUpState,
    position: r.signUpPosition as number | null,
    createdAt: date(r.signUpCreatedAt),
    promotedAt: r.signUpPromotedAt ? date(r.signUpPromotedAt) : null,
    cancelledAt: r.signUpCancelledAt ? date(r.signUpCancelledAt) : null,
    activity: toActivity(r),
  }))
}

/** The person's live sign-ups, ordered as activity locks are taken (community, activity). */
export async function liveSignUpsOf(db: DbOrTx, userId: string) {
  return db
    .select()
    .from(signUps)
    .where(and(eq(signUps.volunteerId, userId), inArray(signUps.state, [...LIVE_SIGN_UP_STATES])))
    .orderBy(signUps.communityId, signUps.activityId)
}

/** For features that answer `Activity` objects of their own choosing (suggestions): the same columns and shape. */
export { columns as activityColumns, FROM as activityFrom, toActivity as toActivityRow }
