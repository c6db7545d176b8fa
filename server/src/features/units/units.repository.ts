/** Drizzle queries for units, alliances, rosters and teams. Every function takes a db or a tx. */
import { and, asc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm'
import { isUuid } from '../../access/places.ts'
import type { DbOrTx } from '../../db/index.ts'
import {
  allianceUnits,
  alliances,
  communities,
  residences,
  teamMembers,
  teams,
  unitMembers,
  units,
  users,
  type AllianceUnit,
  type Team,
  type Unit,
  type UnitMember,
} from '../../db/schema/index.ts'

export type UnitMemberStatus = UnitMember['status']

/** `value in (…)` for a list of parameters; `false` for an empty list. */
function inList(column: SQL, values: readonly string[]): SQL {
  if (values.length === 0) return sql`false`
  return sql`${column} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`
}

// ── Units ────────────────────────────────────────────────────────────────────

export async function findUnit(db: DbOrTx, unitId: string): Promise<Unit | null> {
  if (!isUuid(unitId)) return null
  const [row] = await db.select().from(units).where(eq(units.id, unitId))
  return row ?? null
}

export function findUnitsByIds(db: DbOrTx, ids: readonly string[]) {
  return db
    .select()
    .from(units)
    .where(inArray(units.id, ids.filter(isUuid)))
}

export async function setUnitLogo(db: DbOrTx, unitId: string, logoFileId: string | null): Promise<Unit> {
  const [row] = await db.update(units).set({ logoFileId }).where(eq(units.id, unitId)).returning()
  return row!
}

export async function insertUnit(db: DbOrTx, values: typeof units.$inferInsert): Promise<Unit> {
  const [row] = await db.insert(units).values(values).returning()
  return row!
}

/** Units whose name contains `fragment` (ILIKE with the wildcards escaped), by name. */
export function searchUnitsByName(db: DbOrTx, fragment: string, limit: number) {
  const escaped = fragment.replace(/[\\%_]/g, (c) => `\\${c}`)
  return db
    .select()
    .from(units)
    .where(sql`${units.name} ilike ${`%${escaped}%`}`)
    .orderBy(asc(units.name), asc(units.id))
    .limit(limit)
}

// ── Alliances ────────────────────────────────────────────────────────────────

export async function findCommunityName(db: DbOrTx, communityId: string): Promise<string | null> {
  const [row] = await db.select({ name: communities.name }).from(communities).where(eq(communities.id, communityId))
  return row?.name ?? null
}

/** The community's alliance, created with `name` when it has none (concurrent creators agree). */
export async function ensureAlliance(db: DbOrTx, communityId: string, name: string, now: Date) {
  const inserted = await db
    .insert(alliances)
    .values({ communityId, name, createdAt: now })
    .onConflictDoNothing()
    .returning()
  if (inserted[0]) return { alliance: inserted[0], created: true }
  const [existing] = await db.select().from(alliances).where(eq(alliances.communityId, communityId))
  return { alliance: existing!, created: false }
}

/** The unit's row in the community's alliance, locked for the rest of the transaction. */
export async function lockAllianceUnit(db: DbOrTx, communityId: string, unitId: string): Promise<AllianceUnit | null> {
  if (!isUuid(communityId) || !isUuid(unitId)) return null
  const [row] = await db
    .select()
    .from(allianceUnits)
    .where(and(eq(allianceUnits.communityId, communityId), eq(allianceUnits.unitId, unitId)))
    .for('update')
  return row ?? null
}

/** Is a unit of this name already in (or invited to) the community's alliance? */
export async function allianceHasUnitNamed(db: DbOrTx, communityId: string, name: string): Promise<boolean> {
  const rows = await db
    .select({ unitId: allianceUnits.unitId })
    .from(allianceUnits)
    .innerJoin(units, eq(units.id, allianceUnits.unitId))
    .where(and(eq(allianceUnits.communityId, communityId), ne(allianceUnits.status, 'left'), eq(units.name, name)))
    .limit(1)
  return rows.length > 0
}

/** Insert the unit's alliance row; false when one already exists (a concurrent invitation). */
export async function insertAllianceUnit(db: DbOrTx, values: typeof allianceUnits.$inferInsert): Promise<boolean> {
  const rows = await db.insert(allianceUnits).values(values).onConflictDoNothing().returning()
  return rows.length > 0
}

export async function updateAllianceUnit(
  db: DbOrTx,
  communityId: string,
  unitId: string,
  set: Partial<typeof allianceUnits.$inferInsert>,
): Promise<void> {
  await db
    .update(allianceUnits)
    .set(set)
    .where(and(eq(allianceUnits.communityId, communityId), eq(allianceUnits.unitId, unitId)))
}

const allianceUnitColumns = {
  communityId: allianceUnits.communityId,
  communityName: communities.name,
  allianceId: alliances.id,
  allianceName: alliances.name,
  unitId: units.id,
  unitName: units.name,
  unitKind: units.kind,
  status: allianceUnits.status,
  agreementSignedOn: allianceUnits.agreementSignedOn,
  joinedAt: allianceUnits.joinedAt,
  leftAt: allianceUnits.leftAt,
}
export type AllianceUnitRow = {
  communityId: string
  communityName: string
  allianceId: string
  allianceName: string
  unitId: string
  unitName: string
  unitKind: Unit['kind']
  status: AllianceUnit['status']
  agreementSignedOn: string | null
  joinedAt: Date
  leftAt: Date | null
}

function allianceUnitQuery(db: DbOrTx) {
  return db
    .select(allianceUnitColumns)
    .from(allianceUnits)
    .innerJoin(
      alliances,
      and(eq(alliances.communityId, allianceUnits.communityId), eq(alliances.id, allianceUnits.allianceId)),
    )
    .innerJoin(communities, eq(communities.id, allianceUnits.communityId))
    .innerJoin(units, eq(units.id, allianceUnits.unitId))
}

/** One unit's alliance row with its names. */
export async function findAllianceUnitView(
  db: DbOrTx,
  communityId: string,
  unitId: string,
): Promise<AllianceUnitRow | null> {
  const [row] = await allianceUnitQuery(db).where(
    and(eq(allianceUnits.communityId, communityId), eq(allianceUnits.unitId, unitId)),
  )
  return row ?? null
}

/** The community's alliance and every unit row in it, in one statement (null: no alliance). */
export async function findAllianceWithUnits(db: DbOrTx, communityId: string) {
  const rows = await db
    .select({
      id: alliances.id,
      name: alliances.name,
      communityName: communities.name,
      unit: {
        unitId: units.id,
        unitName: units.name,
        unitKind: units.kind,
        status: allianceUnits.status,
        agreementSignedOn: allianceUnits.agreementSignedOn,
        joinedAt: allianceUnits.joinedAt,
        leftAt: allianceUnits.leftAt,
      },
    })
    .from(alliances)
    .innerJoin(communities, eq(communities.id, alliances.communityId))
    .leftJoin(
      allianceUnits,
      and(eq(allianceUnits.communityId, alliances.communityId), eq(allianceUnits.allianceId, alliances.id)),
    )
    .leftJoin(units, eq(units.id, allianceUnits.unitId))
    .where(eq(alliances.communityId, communityId))
    .orderBy(sql`case ${allianceUnits.status} when 'active' then 0 when 'invited' then 1 else 2 end`, asc(units.name))
  const first = rows[0]
  if (!first) return null
  const memberRows: AllianceUnitRow[] = rows.flatMap((r) =>
    r.unit && r.unit.unitId
      ? [
          {
            communityId,
            communityName: r.communityName,
            allianceId: r.id,
            allianceName: r.name,
            ...(r.unit as Omit<AllianceUnitRow, 'communityId' | 'communityName' | 'allianceId' | 'allianceName'>),
          },
        ]
      : [],
  )
  return { id: first.id, name: first.name, communityId, units: memberRows }
}

/** Every alliance row of one unit (pending invitations and history included). */
export function findAlliancesOfUnit(db: DbOrTx, unitId: string): Promise<AllianceUnitRow[]> {
  return allianceUnitQuery(db)
    .where(eq(allianceUnits.unitId, unitId))
    .orderBy(
      sql`case ${allianceUnits.status} when 'invited' then 0 when 'active' then 1 else 2 end`,
      asc(communities.name),
    )
}

/**
 * Is the unit an active member of the alliance of one of these communities? One statement.
 * For the role grants feature: community staff appoint `unit_admin` only for such units.
 */
export async function unitIsActiveInAllianceOf(
  db: DbOrTx,
  unitId: string,
  communityIds: readonly string[],
): Promise<boolean> {
  const ids = communityIds.filter(isUuid)
  if (!isUuid(unitId) || ids.length === 0) return false
  const rows = await db
    .select({ unitId: allianceUnits.unitId })
    .from(allianceUnits)
    .where(
      and(
        eq(allianceUnits.unitId, unitId),
        eq(allianceUnits.status, 'active'),
        inArray(allianceUnits.communityId, ids),
      ),
    )
    .limit(1)
  return rows.length > 0
}

/** Is the person living in the community, or on the active roster of a unit active in its alliance? One statement. */
export async function belongsToCommunity(db: DbOrTx, communityId: string, userId: string): Promise<boolean> {
  const { rows } = await db.execute(sql`
    select exists (select 1 from ${residences} r where r.community_id = ${communityId} and r.user_id = ${userId})
      or exists (
        select 1 from ${unitMembers} m
        join ${allianceUnits} au on au.unit_id = m.unit_id and au.community_id = ${communityId} and au.status = 'active'
        where m.user_id = ${userId} and m.status = 'active'
      ) as ok`)
  return (rows[0] as { ok: boolean } | undefined)?.ok === true
}

// ── Rosters ──────────────────────────────────────────────────────────────────

/** An account that can be invited: found by phone, not deleted or disabled. */
export async function findActiveUserByPhone(db: DbOrTx, phone: string) {
  const [row] = await db
    .select({ id: users.id, realName: users.realName, phone: users.phone })
    .from(users)
    .where(and(eq(users.phone, phone), eq(users.status, 'active')))
  return row ?? null
}

export async function lockUnitMember(db: DbOrTx, unitId: string, userId: string): Promise<UnitMember | null> {
  if (!isUuid(unitId) || !isUuid(userId)) return null
  const [row] = await db
    .select()
    .from(unitMembers)
    .where(and(eq(unitMembers.unitId, unitId), eq(unitMembers.userId, userId)))
    .for('update')
  return row ?? null
}

/** Insert a roster row; false when the person already has one (a concurrent request). */
export async function insertUnitMember(db: DbOrTx, values: typeof unitMembers.$inferInsert): Promise<boolean> {
  const rows = await db.insert(unitMembers).values(values).onConflictDoNothing().returning()
  return rows.length > 0
}

export async function updateUnitMember(
  db: DbOrTx,
  unitId: string,
  userId: string,
  set: Partial<typeof unitMembers.$inferInsert>,
): Promise<UnitMember> {
  const [row] = await db
    .update(unitMembers)
    .set(set)
    .where(and(eq(unitMembers.unitId, unitId), eq(unitMembers.userId, userId)))
    .returning()
  return row!
}

export async function isActiveUnitMember(db: DbOrTx, unitId: string, userId: string): Promise<boolean> {
  if (!isUuid(userId)) return false
  const rows = await db
    .select({ userId: unitMembers.userId })
    .from(unitMembers)
    .where(and(eq(unitMembers.unitId, unitId), eq(unitMembers.userId, userId), eq(unitMembers.status, 'active')))
  return rows.length > 0
}

export function findUserById(db: DbOrTx, userId: string) {
  return db
    .select({ id: users.id, realName: users.realName, phone: users.phone })
    .from(users)
    .where(eq(users.id, userId))
    .then((rows) => rows[0] ?? null)
}

export interface RosterEntry {
  userId: string
  realName: string
  phone: string
  status: UnitMemberStatus
  isPartyMember: boolean
  joinedAt: string | null
  createdAt: string
}

/**
 * One page of a unit's roster, the count of all pages, the unit itself and which of the
 * viewer's staff communities hold the unit actively in their alliance, in ONE statement.
 * Members are only read when the viewer is the unit's admin (`asAdmin`) or such staff; the
 * service still decides with `canReadRoster`. Null: no such unit.
 */
export async function rosterPage(
  db: DbOrTx,
  params: {
    unitId: string
    statuses: readonly UnitMemberStatus[]
    limit: number
    offset: number
    asAdmin: boolean
    staffCommunityIds: readonly string[]
  },
) {
  const statuses = inList(sql`m.status`, params.statuses)
  const allowed = params.asAdmin ? sql`true` : sql`json_array_length(h.holding) > 0`
  const { rows } = await db.execute(sql`
    select u.id, u.name, u.kind, h.holding,
      case when ${allowed} then (
        select count(*)::int from ${unitMembers} m join ${users} p on p.id = m.user_id
        where m.unit_id = u.id and ${statuses} and p.status <> 'deleted'
      ) else 0 end as total,
      case when ${allowed} then coalesce((
        select json_agg(json_build_object(
            'userId', page.user_id, 'realName', page.real_name, 'phone', page.phone, 'status', page.status,
            'isPartyMember', page.is_party_member, 'joinedAt', page.joined_at, 'createdAt', page.created_at)
          order by page.rank, page.joined_at nulls last, page.created_at, page.user_id)
        from (
          select m.user_id, p.real_name, p.phone, m.status, m.is_party_member, m.joined_at, m.created_at,
            case m.status when 'requested' then 0 when 'invited' then 1 when 'active' then 2 else 3 end as rank
          from ${unitMembers} m join ${users} p on p.id = m.user_id
          where m.unit_id = u.id and ${statuses} and p.status <> 'deleted'
          order by rank, m.joined_at nulls last, m.created_at, m.user_id
          limit ${params.limit} offset ${params.offset}
        ) page
      ), '[]'::json) else '[]'::json end as members
    from ${units} u
    cross join lateral (
      select coalesce(json_agg(au.community_id), '[]'::json) as holding from ${allianceUnits} au
      where au.unit_id = u.id and au.status = 'active' and ${inList(sql`au.community_id`, params.staffCommunityIds)}
    ) h
    where u.id = ${params.unitId}`)
  const row = rows[0] as
    | {
        id: string
        name: string
        kind: Unit['kind']
        holding: string[] | string
        total: number
        members: RosterEntry[] | string
      }
    | undefined
  if (!row) return null
  // Both drivers parse json columns; be tolerant of a string all the same.
  const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v)
  return {
    unit: { id: row.id, name: row.name, kind: row.kind },
    communitiesHoldingUnit: json(row.holding),
    total: Number(row.total),
    members: json(row.members),
  }
}

/** The person's live memberships (active, requested, invited) with their units. */
export function membershipsOf(db: DbOrTx, userId: string) {
  return db
    .select({
      unit: { id: units.id, name: units.name, kind: units.kind },
      status: unitMembers.status,
      isPartyMember: unitMembers.isPartyMember,
      joinedAt: unitMembers.joinedAt,
      createdAt: unitMembers.createdAt,
    })
    .from(unitMembers)
    .innerJoin(units, eq(units.id, unitMembers.unitId))
    .where(and(eq(unitMembers.userId, userId), inArray(unitMembers.status, ['active', 'requested', 'invited'])))
    .orderBy(sql`case ${unitMembers.status} when 'invited' then 0 when 'requested' then 1 else 2 end`, asc(units.name))
}

/**
 * Serialise the changes that check a name among an owner's records (units of an alliance,
 * teams of a unit or community): the owner's row, locked without blocking foreign-key checks.
 */
export async function lockNameScope(
  db: DbOrTx,
  scope: { allianceOf: string } | { unitId: string } | { communityId: string },
): Promise<void> {
  if ('allianceOf' in scope) {
    await db
      .select({ id: alliances.id })
      .from(alliances)
      .where(eq(alliances.communityId, scope.allianceOf))
      .for('no key update')
  } else if ('unitId' in scope) {
    await db.select({ id: units.id }).from(units).where(eq(units.id, scope.unitId)).for('no key update')
  } else {
    await db
      .select({ id: communities.id })
      .from(communities)
      .where(eq(communities.id, scope.communityId))
      .for('no key update')
  }
}

// ── Teams ────────────────────────────────────────────────────────────────────

export async function insertTeam(db: DbOrTx, values: typeof teams.$inferInsert): Promise<Team> {
  const [row] = await db.insert(teams).values(values).returning()
  return row!
}

export async function lockTeam(db: DbOrTx, teamId: string): Promise<Team | null> {
  if (!isUuid(teamId)) return null
  const [row] = await db.select().from(teams).where(eq(teams.id, teamId)).for('update')
  return row ?? null
}

export async function updateTeam(db: DbOrTx, teamId: string, set: Partial<typeof teams.$inferInsert>): Promise<Team> {
  const [row] = await db.update(teams).set(set).where(eq(teams.id, teamId)).returning()
  return row!
}

const ownerIs = (owner: { unitId?: string; communityId?: string }) =>
  owner.unitId ? eq(teams.unitId, owner.unitId) : eq(teams.communityId, owner.communityId!)

/** Does the owner already have a live team of this name (other than `exceptId`)? */
export async function teamNameTaken(
  db: DbOrTx,
  owner: { unitId?: string; communityId?: string },
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: teams.id })
    .from(teams)
    .where(
      and(
        ownerIs(owner),
        eq(teams.name, name),
        isNull(teams.archivedAt),
        exceptId ? ne(teams.id, exceptId) : undefined,
      ),
    )
    .limit(1)
  return rows.length > 0
}

export function findTeamsOf(db: DbOrTx, owner: { unitId?: string; communityId?: string }, includeArchived: boolean) {
  return db
    .select()
    .from(teams)
    .where(and(ownerIs(owner), includeArchived ? undefined : isNull(teams.archivedAt)))
    .orderBy(asc(teams.createdAt), asc(teams.id))
}

export async function isTeamMember(db: DbOrTx, teamId: string, userId: string): Promise<boolean> {
  if (!isUuid(userId)) return false
  const rows = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
  return rows.length > 0
}

/** Add a member; false when already one. */
export async function insertTeamMember(db: DbOrTx, teamId: string, userId: string, now: Date): Promise<boolean> {
  const rows = await db.insert(teamMembers).values({ teamId, userId, joinedAt: now }).onConflictDoNothing().returning()
  return rows.length > 0
}

export async function deleteTeamMember(db: DbOrTx, teamId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .returning()
  return rows.length > 0
}

/** Take a person out of every team of a unit (they left its roster); returns the team ids. */
export async function leaveUnitTeams(db: DbOrTx, unitId: string, userId: string): Promise<string[]> {
  const unitTeams = db.select({ id: teams.id }).from(teams).where(eq(teams.unitId, unitId))
  const removed = await db
    .delete(teamMembers)
    .where(and(eq(teamMembers.userId, userId), inArray(teamMembers.teamId, unitTeams)))
    .returning({ teamId: teamMembers.teamId })
  await db
    .update(teams)
    .set({ leaderId: null })
    .where(and(eq(teams.unitId, unitId), eq(teams.leaderId, userId)))
  return removed.map((r) => r.teamId)
}

/** Members of several teams with their people, for the `Team.members` loader. */
export function findTeamMembers(db: DbOrTx, teamIds: readonly string[]) {
  return db
    .select({
      teamId: teamMembers.teamId,
      joinedAt: teamMembers.joinedAt,
      user: { id: users.id, realName: users.realName, phone: users.phone },
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(inArray(teamMembers.teamId, [...teamIds]))
    .orderBy(asc(teamMembers.joinedAt), asc(users.id))
}
