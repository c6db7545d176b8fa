/**
 * Queries of projects and claims. The hot pages — the project market, a community's projects,
 * a unit's claims — each fetch a whole page in ONE statement: lateral subqueries aggregate the
 * live claims (with their units), the needs and the suggested resources as JSON, and only the
 * parts the GraphQL query asked for are included (`PageShape`).
 */
import { LIVE_CLAIM_STATES, type ClaimState, type ProjectState } from '@linli/shared'
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { isUuid } from '../../access/places.ts'
import type { DbOrTx } from '../../db/index.ts'
import { allianceUnits, claims, projects } from '../../db/schema/index.ts'
import { searchCondition } from '../../lib/search.ts'

const LIVE = sql.raw(`(${LIVE_CLAIM_STATES.map((s) => `'${s}'`).join(', ')})`)

/** Which nested parts of a project a page must carry. */
export interface PageShape {
  claims: boolean
  needs: boolean
  resources: boolean
}

export interface ClaimUnitJson {
  id: string
  name: string
  kind: string
  logoFileId: string | null
}

export interface LiveClaimJson {
  id: string
  unitId: string
  state: ClaimState
  volunteers: number
  createdAt: string
  unit: ClaimUnitJson
}

export interface ProjectNeedJson {
  id: string
  title: string
  category: string
  state: string
  gridId: string | null
}

export interface ProjectResourceJson {
  id: string
  title: string
  kind: string
  state: string
  unitId: string
  unitName: string
}

export interface ProjectRow {
  communityId: string
  communityName: string
  id: string
  title: string
  description: string
  category: string
  mode: 'solo' | 'joint'
  cadence: 'one_off' | 'routine'
  routineUntil: string | null
  capacity: number
  taken: number
  volunteerDemand: number
  startsAt: Date | null
  endsAt: Date | null
  schedule: string
  suggestedResourceIds: string[]
  state: ProjectState
  cancelReason: string | null
  createdBy: string
  publishedAt: Date | null
  startedAt: Date | null
  createdAt: Date
  updatedAt: Date
  /** Present when the page's statement fetched them (else loaders answer). */
  liveClaims?: LiveClaimJson[]
  needList?: ProjectNeedJson[]
  resourceList?: ProjectResourceJson[]
}

const PROJECT_COLUMNS = sql`p.community_id as "communityId", c.name as "communityName", p.id, p.title, p.description,
  p.category, p.mode, p.cadence, p.routine_until::text as "routineUntil", p.capacity, p.taken,
  p.volunteer_demand as "volunteerDemand", p.starts_at as "startsAt", p.ends_at as "endsAt", p.schedule,
  p.suggested_resource_ids as "suggestedResourceIds", p.state, p.cancel_reason as "cancelReason",
  p.created_by as "createdBy", p.published_at as "publishedAt", p.started_at as "startedAt",
  p.created_at as "createdAt", p.updated_at as "updatedAt"`

const CLAIMS_JSON = sql`(select coalesce(json_agg(json_build_object(
    'id', k.id, 'unitId', k.unit_id, 'state', k.state, 'volunteers', k.volunteers, 'createdAt', k.created_at,
    'unit', json_build_object('id', u.id, 'name', u.name, 'kind', u.kind, 'logoFileId', u.logo_file_id))
    order by k.created_at, k.id), '[]')
  from claims k join units u on u.id = k.unit_id
  where k.community_id = p.community_id and k.project_id = p.id and k.state in ${LIVE}) as "liveClaims"`

const NEEDS_JSON = sql`(select coalesce(json_agg(json_build_object(
    'id', n.id, 'title', n.title, 'category', n.category, 'state', n.state, 'gridId', n.grid_id) order by n.id), '[]')
  from needs n where n.community_id = p.community_id and n.project_id = p.id) as "needList"`

const RESOURCES_JSON = sql`(select coalesce(json_agg(json_build_object(
    'id', r.id, 'title', r.title, 'kind', r.kind, 'state', r.state, 'unitId', r.unit_id, 'unitName', ru.name)
    order by r.id), '[]')
  from resources r join units ru on ru.id = r.unit_id
  where r.community_id = p.community_id and r.id = any(p.suggested_resource_ids)) as "resourceList"`

function columns(shape: PageShape): SQL {
  const parts = [PROJECT_COLUMNS]
  if (shape.claims) parts.push(CLAIMS_JSON)
  if (shape.needs) parts.push(NEEDS_JSON)
  if (shape.resources) parts.push(RESOURCES_JSON)
  return sql.join(parts, sql`, `)
}

export interface ProjectFilter {
  states?: readonly ProjectState[] | null
  category?: string | null
  search?: string | null
  /** Projects a unit holds a live claim on. */
  unitId?: string | null
  /** Projects answering a need of a grid. */
  gridId?: string | null
}

function filterConditions(filter: ProjectFilter): (SQL | undefined)[] {
  return [
    filter.states && filter.states.length > 0 ? sql`p.state in ${sqlList(filter.states)}` : undefined,
    filter.category ? sql`p.category = ${filter.category}` : undefined,
    searchCondition(sql`p.search`, [sql`p.title`, sql`p.description`], filter.search),
    filter.unitId
      ? isUuid(filter.unitId)
        ? sql`exists (select 1 from claims fk where fk.community_id = p.community_id and fk.project_id = p.id
            and fk.unit_id = ${filter.unitId} and fk.state in ${LIVE})`
        : sql`false`
      : undefined,
    filter.gridId
      ? isUuid(filter.gridId)
        ? sql`exists (select 1 from needs fn where fn.community_id = p.community_id and fn.project_id = p.id
            and fn.grid_id = ${filter.gridId})`
        : sql`false`
      : undefined,
  ]
}

const sqlList = (values: readonly string[]) =>
  sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`

/** A page of projects, newest first (keyset on id), in one statement. */
export async function projectPage(
  db: DbOrTx,
  args: { where: SQL; filter: ProjectFilter; first: number; after: string | null; shape: PageShape },
): Promise<ProjectRow[]> {
  const conditions = [args.where, ...filterConditions(args.filter), args.after ? sql`p.id < ${args.after}` : undefined]
  const where = and(...conditions.filter((c): c is SQL => c !== undefined))
  // The page's rows are chosen first (an index walk, LIMIT), then only they get their claims,
  // needs and resources aggregated — still one statement.
  const result = await db.execute(sql`select ${columns(args.shape)}
    from (select * from projects p where ${where} order by p.id desc limit ${args.first + 1}) p
    join communities c on c.id = p.community_id
    order by p.id desc`)
  return (result.rows as unknown as ProjectRow[]).map(normalise)
}

export async function projectCount(db: DbOrTx, where: SQL, filter: ProjectFilter): Promise<number> {
  const conditions = [where, ...filterConditions(filter)].filter((c): c is SQL => c !== undefined)
  const result = await db.execute(sql`select count(*)::int as n from projects p where ${and(...conditions)}`)
  return (result.rows[0] as { n: number }).n
}

/** Projects of the communities whose alliance holds the unit as an active member. */
export const marketScope = (unitId: string) =>
  // An array computed once (an InitPlan), not a join: the page then walks projects_open_idx
  // newest first and stops after a page instead of sorting every open project.
  sql`p.community_id = any(array(select au.community_id from alliance_units au where au.unit_id = ${unitId} and au.status = 'active'))`

export const communityScope = (communityId: string) => sql`p.community_id = ${communityId}`

/** One project with everything, or null. */
export async function findProject(
  db: DbOrTx,
  communityId: string,
  id: string,
  shape: PageShape = { claims: true, needs: true, resources: true },
): Promise<ProjectRow | null> {
  const result = await db.execute(sql`select ${columns(shape)}
    from projects p join communities c on c.id = p.community_id
    where p.community_id = ${communityId} and p.id = ${id}`)
  const row = result.rows[0] as unknown as ProjectRow | undefined
  return row ? normalise(row) : null
}

/** pg returns timestamps as Date; PGlite too — but JSON aggregates carry strings. Dates of the row itself are normalised. */
function normalise(row: ProjectRow): ProjectRow {
  const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)))
  return {
    ...row,
    startsAt: date(row.startsAt),
    endsAt: date(row.endsAt),
    publishedAt: date(row.publishedAt),
    startedAt: date(row.startedAt),
    createdAt: date(row.createdAt)!,
    updatedAt: date(row.updatedAt)!,
  }
}

/** The project row locked for a state change. */
export async function lockProject(tx: DbOrTx, communityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(projects)
    .where(and(eq(projects.communityId, communityId), eq(projects.id, id)))
    .for('update')
  return row ?? null
}

/** Where a project lives, by id alone (claims name a project by id). */
export async function projectCommunity(db: DbOrTx, id: string): Promise<string | null> {
  const [row] = await db.select({ communityId: projects.communityId }).from(projects).where(eq(projects.id, id))
  return row?.communityId ?? null
}

export async function unitIsActiveIn(db: DbOrTx, unitId: string, communityId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(allianceUnits)
    .where(
      and(
        eq(allianceUnits.unitId, unitId),
        eq(allianceUnits.communityId, communityId),
        eq(allianceUnits.status, 'active'),
      ),
    )
  return !!row
}

/** The earliest live claim of a project: its lead. */
export async function leadClaim(tx: DbOrTx, communityId: string, projectId: string) {
  const [row] = await tx
    .select()
    .from(claims)
    .where(
      and(
        eq(claims.communityId, communityId),
        eq(claims.projectId, projectId),
        inArray(claims.state, [...LIVE_CLAIM_STATES]),
      ),
    )
    .orderBy(claims.createdAt, claims.id)
    .limit(1)
  return row ?? null
}

export interface ClaimRow {
  communityId: string
  id: string
  projectId: string
  unitId: string
  state: ClaimState
  resourceIds: string[]
  volunteers: number
  note: string
  reason: string | null
  createdAt: Date
  endedAt: Date | null
  lead: boolean
  unit: ClaimUnitJson
  project: {
    id: string
    title: string
    state: ProjectState
    mode: string
    capacity: number
    taken: number
    startsAt: string | null
    communityName: string
  }
}

const CLAIM_SELECT = sql`select k.community_id as "communityId", k.id, k.project_id as "projectId", k.unit_id as "unitId",
    k.state, k.resource_ids as "resourceIds", k.volunteers, k.note, k.reason, k.created_at as "createdAt",
    k.ended_at as "endedAt",
    (k.state in ${LIVE} and k.id = (select k2.id from claims k2 where k2.community_id = k.community_id
      and k2.project_id = k.project_id and k2.state in ${LIVE} order by k2.created_at, k2.id limit 1)) as lead,
    json_build_object('id', u.id, 'name', u.name, 'kind', u.kind, 'logoFileId', u.logo_file_id) as unit,
    json_build_object('id', p.id, 'title', p.title, 'state', p.state, 'mode', p.mode, 'capacity', p.capacity,
      'taken', p.taken, 'startsAt', p.starts_at, 'communityName', c.name) as project
  from claims k
  join units u on u.id = k.unit_id
  join projects p on p.community_id = k.community_id and p.id = k.project_id
  join communities c on c.id = k.community_id`

function claimRow(r: unknown): ClaimRow {
  const row = r as ClaimRow
  return {
    ...row,
    createdAt: new Date(row.createdAt),
    endedAt: row.endedAt ? new Date(row.endedAt) : null,
  }
}

export async function findClaim(db: DbOrTx, communityId: string, id: string): Promise<ClaimRow | null> {
  const result = await db.execute(sql`${CLAIM_SELECT} where k.community_id = ${communityId} and k.id = ${id}`)
  return result.rows[0] ? claimRow(result.rows[0]) : null
}

/** A page of a unit's claims, newest first, in one statement. */
export async function unitClaimPage(
  db: DbOrTx,
  args: { unitId: string; states: readonly ClaimState[] | null; first: number; after: string | null },
): Promise<ClaimRow[]> {
  const conditions = [
    sql`k.unit_id = ${args.unitId}`,
    args.states && args.states.length > 0 ? sql`k.state in ${sqlList(args.states)}` : undefined,
    args.after ? sql`k.id < ${args.after}` : undefined,
  ].filter((c): c is SQL => c !== undefined)
  const result = await db.execute(
    sql`${CLAIM_SELECT} where ${and(...conditions)} order by k.id desc limit ${args.first + 1}`,
  )
  return result.rows.map(claimRow)
}
