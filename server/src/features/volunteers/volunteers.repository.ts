/**
 * Queries of volunteer profiles, 双报到 reports, a unit's members' service and activity
 * suggestions. Totals read `hour_records` directly: approved minutes are the sum of `minutes`
 * of records in state `approved` (COUNTED_HOUR_STATES). Every list is one statement; the
 * yearly targets of any number of communities are one more.
 */
import {
  ACTIVITY_PROJECT_STATES,
  COUNTED_HOUR_STATES,
  LIVE_SIGN_UP_STATES,
  SETTINGS,
  resolveSetting,
  type AvailabilitySlot,
  type DualReportState,
  type IdType,
} from '@linli/shared'
import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../db/index.ts'
import { dualReports, unitMembers, users, volunteerProfiles } from '../../db/schema/index.ts'
import { activityColumns, activityFrom, toActivityRow, type ActivityRow } from '../activities/activities.repository.ts'
import { LIVE_DUAL_REPORT_STATES } from './volunteers.policy.ts'

const list = (values: readonly string[]) =>
  sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`
const COUNTED = list(COUNTED_HOUR_STATES)
const LIVE_REPORTS = list(LIVE_DUAL_REPORT_STATES)
const date = (v: unknown) => (v instanceof Date ? v : new Date(v as string))
const dateOrNull = (v: unknown) => (v === null || v === undefined ? null : date(v))

/** Approved minutes of a person (`userExpr`) at activities that started in [from, to), any community. */
const minutesBetween = (userExpr: SQL, from: Date, to: Date) => sql`(select coalesce(sum(h.minutes), 0)
    from hour_records h join activities ha on ha.community_id = h.community_id and ha.id = h.activity_id
    where h.volunteer_id = ${userExpr} and h.state in ${COUNTED} and ha.starts_at >= ${from} and ha.starts_at < ${to})::int`

// ── Profiles ────────────────────────────────────────────────────────────────

export interface ProfileRow {
  userId: string
  realName: string
  phone: string
  idType: IdType | null
  idNumberEnc: string | null
  realNameVerifiedAt: Date | null
  volunteerNumber: string
  volunteerNumberSource: 'national' | 'linli'
  skills: string[]
  availability: AvailabilitySlot[]
  isPartyMember: boolean
  gridId: string | null
  gridName: string | null
  teams: { id: string; name: string; unitName: string | null }[]
  approvedMinutes: number
}

/**
 * A person's profile with what it shows: identity from `users`, the grid of their first
 * residence, their teams (not archived), approved minutes in all communities. One statement.
 */
export async function findProfile(db: DbOrTx, userId: string): Promise<ProfileRow | null> {
  const { rows } = await db.execute(sql`select u.id as "userId", u.real_name as "realName", u.phone,
      u.id_type as "idType", u.id_number_enc as "idNumberEnc", u.real_name_verified_at as "realNameVerifiedAt",
      vp.volunteer_number as "volunteerNumber", vp.volunteer_number_source as "volunteerNumberSource",
      vp.skills, vp.availability, vp.is_party_member as "isPartyMember",
      (select json_build_object('gridId', g.id, 'gridName', g.name)
        from residences r left join grids g on g.id = r.grid_id
        where r.user_id = u.id order by r.created_at, r.community_id limit 1) as "residence",
      (select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'unitName', tu.name)
          order by t.created_at, t.id), '[]')
        from team_members tm join teams t on t.id = tm.team_id left join units tu on tu.id = t.unit_id
        where tm.user_id = u.id and t.archived_at is null) as "teams",
      (select coalesce(sum(h.minutes), 0) from hour_records h
        where h.volunteer_id = u.id and h.state in ${COUNTED})::int as "approvedMinutes"
    from users u join volunteer_profiles vp on vp.user_id = u.id
    where u.id = ${userId}`)
  const r = rows[0] as Record<string, unknown> | undefined
  if (!r) return null
  const residence = r.residence as { gridId: string | null; gridName: string | null } | null
  return {
    ...(r as unknown as ProfileRow),
    realNameVerifiedAt: dateOrNull(r.realNameVerifiedAt),
    skills: (r.skills as string[] | null) ?? [],
    availability: (r.availability as AvailabilitySlot[] | null) ?? [],
    gridId: residence?.gridId ?? null,
    gridName: residence?.gridName ?? null,
    teams: (r.teams as ProfileRow['teams'] | null) ?? [],
    approvedMinutes: Number(r.approvedMinutes ?? 0),
  }
}

/** The profile row locked for a change, with the person's ID fields (the user row locked too). */
export async function lockPersonForProfile(tx: DbOrTx, userId: string) {
  const [person] = await tx
    .select({ id: users.id, idType: users.idType, idNumberEnc: users.idNumberEnc })
    .from(users)
    .where(eq(users.id, userId))
    .for('update')
  const [profile] = await tx.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, userId))
  return { person: person ?? null, profile: profile ?? null }
}

/** Whose profile holds this volunteer number, if anyone's. */
export async function profileWithNumber(db: DbOrTx, volunteerNumber: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: volunteerProfiles.userId })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.volunteerNumber, volunteerNumber))
  return row?.userId ?? null
}

export async function nextVolunteerNumber(db: DbOrTx): Promise<string> {
  const { rows } = await db.execute(sql`select nextval('volunteer_number_seq')::text as n`)
  return (rows[0] as { n: string }).n
}

/**
 * Does the person have something in the community (a residence, a sign-up, an hour record),
 * and on which units' rosters are they an active member? One statement.
 */
export async function personPresence(
  db: DbOrTx,
  userId: string,
  communityId: string | null,
): Promise<{ exists: boolean; inCommunity: boolean; activeUnitIds: string[] }> {
  const c = communityId ?? '00000000-0000-0000-0000-000000000000'
  const { rows } = await db.execute(sql`select
      exists (select 1 from users where id = ${userId}) as "exists",
      (exists (select 1 from residences where community_id = ${c} and user_id = ${userId})
        or exists (select 1 from sign_ups where community_id = ${c} and volunteer_id = ${userId})
        or exists (select 1 from hour_records where community_id = ${c} and volunteer_id = ${userId})) as "inCommunity",
      (select coalesce(json_agg(unit_id order by unit_id), '[]') from unit_members
        where user_id = ${userId} and status = 'active') as "activeUnitIds"`)
  const r = rows[0] as { exists: boolean; inCommunity: boolean; activeUnitIds: string[] }
  return { exists: r.exists, inCommunity: r.inCommunity, activeUnitIds: r.activeUnitIds ?? [] }
}

// ── 双报到 ──────────────────────────────────────────────────────────────────

export interface DualReportRow {
  communityId: string
  id: string
  communityName: string
  unitId: string
  unitName: string
  userId: string
  realName: string
  phone: string
  state: DualReportState
  unitConfirmedAt: Date | null
  communityConfirmedAt: Date | null
  rejectReason: string | null
  createdAt: Date
  approvedMinutesThisYear: number
}

const REPORT_COLUMNS = (year: { from: Date; to: Date }) => sql`d.community_id as "communityId", d.id,
  c.name as "communityName", d.unit_id as "unitId", un.name as "unitName", d.user_id as "userId",
  u.real_name as "realName", u.phone, d.state, d.unit_confirmed_at as "unitConfirmedAt",
  d.community_confirmed_at as "communityConfirmedAt", d.reject_reason as "rejectReason", d.created_at as "createdAt",
  ${minutesBetween(sql`d.user_id`, year.from, year.to)} as "approvedMinutesThisYear"`

const REPORT_FROM = sql`dual_reports d join communities c on c.id = d.community_id
  join units un on un.id = d.unit_id join users u on u.id = d.user_id`

function toReport(r: Record<string, unknown>): DualReportRow {
  return {
    ...(r as unknown as DualReportRow),
    unitConfirmedAt: dateOrNull(r.unitConfirmedAt),
    communityConfirmedAt: dateOrNull(r.communityConfirmedAt),
    createdAt: date(r.createdAt),
    approvedMinutesThisYear: Number(r.approvedMinutesThisYear ?? 0),
  }
}

/** Reports with names and the member's approved minutes in the year: one statement. */
export async function findReports(
  db: DbOrTx,
  where: SQL,
  order: SQL,
  year: { from: Date; to: Date },
): Promise<DualReportRow[]> {
  const { rows } = await db.execute(
    sql`select ${REPORT_COLUMNS(year)} from ${REPORT_FROM} where ${where} order by ${order} limit 500`,
  )
  return rows.map((r) => toReport(r as Record<string, unknown>))
}

export async function findReport(db: DbOrTx, communityId: string, id: string, year: { from: Date; to: Date }) {
  const [row] = await findReports(db, sql`d.community_id = ${communityId} and d.id = ${id}`, sql`d.id`, year)
  return row ?? null
}

/** The person's live (requested or confirmed) report, if any. */
export async function findLiveReportOf(db: DbOrTx, userId: string, year: { from: Date; to: Date }) {
  const [row] = await findReports(
    db,
    sql`d.user_id = ${userId} and d.state in ${LIVE_REPORTS}`,
    sql`d.created_at desc, d.id`,
    year,
  )
  return row ?? null
}

export async function lockReport(tx: DbOrTx, communityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(dualReports)
    .where(and(eq(dualReports.communityId, communityId), eq(dualReports.id, id)))
    .for('update')
  return row ?? null
}

export async function hasLiveReport(db: DbOrTx, userId: string): Promise<boolean> {
  const { rows } = await db.execute(
    sql`select 1 from dual_reports where user_id = ${userId} and state in ${LIVE_REPORTS} limit 1`,
  )
  return rows.length > 0
}

/** The person's roster line on a unit (any status) and their profile's party-member flag. */
export async function membershipFor(db: DbOrTx, userId: string, unitId: string) {
  const [roster] = await db
    .select({ status: unitMembers.status, isPartyMember: unitMembers.isPartyMember })
    .from(unitMembers)
    .where(and(eq(unitMembers.unitId, unitId), eq(unitMembers.userId, userId)))
  const [profile] = await db
    .select({ isPartyMember: volunteerProfiles.isPartyMember })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.userId, userId))
  return { roster: roster ?? null, profilePartyMember: profile?.isPartyMember ?? false }
}

export async function names(db: DbOrTx, communityId: string, unitId: string) {
  const { rows } = await db.execute(sql`select
      (select name from communities where id = ${communityId}) as "communityName",
      (select name from units where id = ${unitId}) as "unitName"`)
  return rows[0] as { communityName: string | null; unitName: string | null }
}

// ── Settings ────────────────────────────────────────────────────────────────

/**
 * The yearly 双报到 target (hours) of each community: `own` resolved community → street →
 * district → built-in default, `defaults` without the community's own value. One statement for
 * any number of communities.
 */
export async function yearlyTargets(
  db: DbOrTx,
  communityIds: readonly string[],
): Promise<Map<string, { own: number; defaults: number }>> {
  const key = 'dualReportYearlyTargetHours'
  const ids = [...new Set(communityIds)]
  const targets = new Map<string, { own: number; defaults: number }>()
  if (ids.length === 0) return targets
  const { rows } = await db.execute(sql`select c.id,
      (select cs.value from community_settings cs where cs.community_id = c.id and cs.key = ${key}) as community,
      (select ds.value from default_settings ds
        where ds.scope_type = 'street' and ds.scope_id = s.id and ds.key = ${key}) as street,
      (select ds.value from default_settings ds
        where ds.scope_type = 'district' and ds.scope_id = s.district_id and ds.key = ${key}) as district
    from communities c join streets s on s.id = c.street_id
    where c.id in ${list(ids)}`)
  for (const r of rows as { id: string; community: unknown; street: unknown; district: unknown }[]) {
    const layers = { street: r.street ?? undefined, district: r.district ?? undefined }
    targets.set(r.id, {
      own: resolveSetting(key, { ...layers, community: r.community ?? undefined }).value,
      defaults: resolveSetting(key, layers).value,
    })
  }
  return targets
}

export const BUILT_IN_TARGET_HOURS = SETTINGS.dualReportYearlyTargetHours.default

// ── A unit's members' service ───────────────────────────────────────────────

export interface UnitMemberRow {
  userId: string
  realName: string
  phone: string
  isPartyMember: boolean
  reportState: DualReportState | null
  reportCommunityId: string | null
  approvedMinutes: number
  /** The community whose alliance holds the unit longest (its defaults set other members' target). */
  homeCommunityId: string | null
}

/**
 * Every active roster member with their party-member flag (roster or profile), the report
 * naming this unit (the live one, else the latest) and approved minutes at activities that
 * started in the year. One statement, however long the roster.
 */
export async function unitMemberRows(
  db: DbOrTx,
  unitId: string,
  year: { from: Date; to: Date },
): Promise<UnitMemberRow[]> {
  const { rows } = await db.execute(sql`select um.user_id as "userId", u.real_name as "realName", u.phone,
      (um.is_party_member or coalesce(vp.is_party_member, false)) as "isPartyMember",
      r.state as "reportState", r.community_id as "reportCommunityId",
      ${minutesBetween(sql`um.user_id`, year.from, year.to)} as "approvedMinutes",
      (select au.community_id from alliance_units au where au.unit_id = ${unitId} and au.status = 'active'
        order by au.joined_at, au.community_id limit 1) as "homeCommunityId"
    from unit_members um join users u on u.id = um.user_id
      left join volunteer_profiles vp on vp.user_id = um.user_id
      left join lateral (select d.state, d.community_id from dual_reports d
        where d.user_id = um.user_id and d.unit_id = ${unitId}
        order by (d.state in ${LIVE_REPORTS}) desc, d.created_at desc, d.id desc limit 1) r on true
    where um.unit_id = ${unitId} and um.status = 'active'
    order by (um.is_party_member or coalesce(vp.is_party_member, false)) desc, u.real_name, um.user_id`)
  return (rows as Record<string, unknown>[]).map((r) => ({
    ...(r as unknown as UnitMemberRow),
    approvedMinutes: Number(r.approvedMinutes ?? 0),
  }))
}

// ── Suggestions ─────────────────────────────────────────────────────────────

/** What suggestions weigh about the viewer: their profile's skills and availability, counting no-shows. */
export async function suggestionViewer(db: DbOrTx, userId: string, now: Date) {
  const { rows } = await db.execute(sql`select
      (select json_build_object('skills', vp.skills, 'availability', vp.availability)
        from volunteer_profiles vp where vp.user_id = ${userId}) as profile,
      (select count(*) from no_show_marks m where m.volunteer_id = ${userId}
        and m.state in ('active', 'contested', 'upheld') and m.fades_at > ${now})::int as "noShows"`)
  const r = rows[0] as { profile: { skills: string[]; availability: AvailabilitySlot[] } | null; noShows: number }
  return {
    skills: r.profile?.skills ?? [],
    availability: r.profile?.availability ?? [],
    countingNoShows: Number(r.noShows ?? 0),
  }
}

export interface CandidateRow extends ActivityRow {
  sameGrid: boolean
}

/** At most this many upcoming activities are weighed (the soonest). */
export const CANDIDATES_MAX = 500

/**
 * Activities the viewer could sign up for now, soonest first: scheduled, of open projects, in
 * the communities they belong to (where they live, and where a unit they are an active member
 * of holds an active claim), before the sign-up deadline and the start, without a live sign-up
 * of theirs, open to them (not limited to units they are not in); with whether the project
 * answers a need of their residence's grid. One statement.
 */
export async function suggestionCandidates(db: DbOrTx, viewerId: string, now: Date): Promise<CandidateRow[]> {
  const { rows } = await db.execute(sql`with my_units as (
        select unit_id from unit_members where user_id = ${viewerId} and status = 'active'),
      my_communities as (
        select community_id from residences where user_id = ${viewerId}
        union
        select k.community_id from claims k where k.state = 'active' and k.unit_id in (select unit_id from my_units))
    select ${activityColumns(viewerId)},
      exists (select 1 from needs n join residences r on r.community_id = n.community_id
          and r.user_id = ${viewerId} and r.grid_id = n.grid_id
        where n.community_id = a.community_id and n.project_id = a.project_id) as "sameGrid"
    from ${activityFrom}
    where a.community_id in (select community_id from my_communities)
      and a.state = 'scheduled' and p.state in ${list(ACTIVITY_PROJECT_STATES)}
      and a.sign_up_deadline > ${now} and a.starts_at > ${now}
      and (a.restricted_to_unit_ids is null or cardinality(a.restricted_to_unit_ids) = 0
        or a.restricted_to_unit_ids && array(select unit_id from my_units))
      and not exists (select 1 from sign_ups s where s.community_id = a.community_id and s.activity_id = a.id
        and s.volunteer_id = ${viewerId} and s.state in ${list(LIVE_SIGN_UP_STATES)})
    order by a.starts_at, a.id limit ${CANDIDATES_MAX}`)
  return (rows as Record<string, unknown>[]).map((r) => ({ ...toActivityRow(r), sameGrid: r.sameGrid === true }))
}

// ── 志愿者名册 ──────────────────────────────────────────────────────────────

export interface CommunityVolunteerRow {
  userId: string
  realName: string
  phone: string
  volunteerNumber: string
  isPartyMember: boolean
  realNameVerified: boolean
  gridName: string | null
  teams: string[]
  minutes: number
  registeredAt: Date
}

/**
 * A community's volunteers: people with a profile who live there, signed up there or have hours
 * there (as staff may read their profiles), by approved minutes in the community (all time, from
 * agg_volunteers), then name. A search is part of a name or a whole phone number. One statement
 * with the total.
 */
export async function communityVolunteerPage(
  db: DbOrTx,
  args: { communityId: string; search: string | null; limit: number; offset: number },
): Promise<{ total: number; rows: CommunityVolunteerRow[] }> {
  const c = args.communityId
  const search = args.search
    ? /^1\d{10}$/.test(args.search)
      ? sql`and u.phone = ${args.search}`
      : sql`and u.real_name like ${`%${args.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`
    : sql``
  const { rows } = await db.execute(sql`
    with present as (
      select user_id as id from residences where community_id = ${c}
      union select volunteer_id from sign_ups where community_id = ${c}
      union select volunteer_id from hour_records where community_id = ${c}
    ), listed as (
      select u.id, u.real_name, u.phone, u.real_name_verified_at, vp.volunteer_number, vp.is_party_member,
             vp.created_at, coalesce(a.minutes, 0) as minutes
        from present p
        join volunteer_profiles vp on vp.user_id = p.id
        join users u on u.id = p.id and u.status <> 'deleted'
        left join agg_volunteers a on a.scope_id = ${c} and a.period = 'all' and a.volunteer_id = u.id
       where true ${search}
    )
    select l.id as "userId", l.real_name as "realName", l.phone, l.volunteer_number as "volunteerNumber",
           l.is_party_member as "isPartyMember", l.real_name_verified_at is not null as "realNameVerified",
           g.name as "gridName", l.minutes, l.created_at as "registeredAt", count(*) over () as total,
           coalesce((select json_agg(t.name order by t.name) from team_members tm
                       join teams t on t.id = tm.team_id and t.community_id = ${c} and t.archived_at is null
                      where tm.user_id = l.id), '[]') as teams
      from listed l
      left join residences r on r.community_id = ${c} and r.user_id = l.id
      left join grids g on g.id = r.grid_id
     order by l.minutes desc, l.real_name, l.id
     limit ${args.limit} offset ${args.offset}`)
  return {
    total: Number((rows[0] as { total?: unknown } | undefined)?.total ?? 0),
    rows: rows.map((r) => ({
      ...(r as unknown as CommunityVolunteerRow),
      minutes: Number(r.minutes),
      registeredAt: date(r.registeredAt),
    })),
  }
}
