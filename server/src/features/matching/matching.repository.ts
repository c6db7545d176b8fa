/**
 * What matching reads, straight from the list tables: each function is one statement, so a
 * suggestion costs a constant number of statements whatever the number of candidates.
 * Dates come back as `YYYY-MM-DD` text and uuid arrays as text arrays (the same on PGlite and pg).
 */
import type { NeedUrgency, ResourceKind } from '@linli/shared'
import { sql } from 'drizzle-orm'
import { isUuid } from '../../access/places.ts'
import type { DbOrTx } from '../../db/index.ts'

/** Claims that count as a unit's work in a community. */
const WORK_STATES = sql`('active', 'completed')`

const toDate = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(String(v)))

export interface NeedForMatch {
  id: string
  communityId: string
  category: string
  gridId: string | null
  urgency: NeedUrgency
  preferredTime: string
}

export async function findNeed(db: DbOrTx, communityId: string, needId: string): Promise<NeedForMatch | null> {
  if (!isUuid(needId)) return null
  const { rows } = await db.execute(sql`
    select id, community_id, category, grid_id::text as grid_id, urgency, preferred_time
    from needs where community_id = ${communityId} and id = ${needId}`)
  const r = rows[0] as Record<string, string | null> | undefined
  if (!r) return null
  return {
    id: r.id!,
    communityId: r.community_id!,
    category: r.category!,
    gridId: r.grid_id ?? null,
    urgency: r.urgency as NeedUrgency,
    preferredTime: r.preferred_time ?? '',
  }
}

export interface ResourceCandidate {
  id: string
  communityId: string
  title: string
  kind: ResourceKind
  category: string
  unitId: string
  unitName: string
  quantity: number | null
  quantityUnit: string | null
  availability: string
  availableFrom: string | null
  availableUntil: string | null
  gridIds: string[]
  /** The unit's active or completed claims in the community, all and in `category`. */
  workInCommunity: number
  workInCategory: number
}

/**
 * The community's published resources whose unit is an active member of its alliance, with
 * their unit's past work in the community (all, and in `category`): one statement.
 */
export async function findResourceCandidates(
  db: DbOrTx,
  communityId: string,
  category: string,
): Promise<ResourceCandidate[]> {
  const { rows } = await db.execute(sql`
    with work as (
      select c.unit_id,
             count(*)::int as in_community,
             (count(*) filter (where p.category = ${category}))::int as in_category
      from claims c
      join projects p on p.community_id = c.community_id and p.id = c.project_id
      where c.community_id = ${communityId} and c.state in ${WORK_STATES}
      group by c.unit_id
    )
    select r.id, r.community_id, r.title, r.kind, r.category, r.unit_id, u.name as unit_name,
           r.quantity, r.quantity_unit, r.availability,
           r.available_from::text as available_from, r.available_until::text as available_until,
           r.grid_ids::text[] as grid_ids,
           coalesce(w.in_community, 0) as in_community, coalesce(w.in_category, 0) as in_category
    from resources r
    join units u on u.id = r.unit_id
    join alliance_units au on au.community_id = r.community_id and au.unit_id = r.unit_id and au.status = 'active'
    left join work w on w.unit_id = r.unit_id
    where r.community_id = ${communityId} and r.state = 'published'`)
  return (rows as Record<string, unknown>[]).map((r) => ({
    id: r.id as string,
    communityId: r.community_id as string,
    title: r.title as string,
    kind: r.kind as ResourceKind,
    category: r.category as string,
    unitId: r.unit_id as string,
    unitName: r.unit_name as string,
    quantity: r.quantity == null ? null : Number(r.quantity),
    quantityUnit: (r.quantity_unit as string | null) ?? null,
    availability: (r.availability as string) ?? '',
    availableFrom: (r.available_from as string | null) ?? null,
    availableUntil: (r.available_until as string | null) ?? null,
    gridIds: (r.grid_ids as string[] | null) ?? [],
    workInCommunity: Number(r.in_community),
    workInCategory: Number(r.in_category),
  }))
}

export interface ProjectCandidate {
  id: string
  communityId: string
  communityName: string
  title: string
  category: string
  mode: string
  capacity: number
  taken: number
  volunteerDemand: number
  startsAt: Date | null
  endsAt: Date | null
  /** The grids of the needs it answers. */
  gridIds: string[]
}

/** Candidates looked at per unit: the most recently published, far more than a page. */
export const PROJECT_CANDIDATE_LIMIT = 500

/**
 * Published projects with capacity left in the communities whose alliance holds the unit as an
 * active member, that the unit holds no live claim on, with the grids of their needs: one statement.
 */
export async function findProjectCandidates(db: DbOrTx, unitId: string): Promise<ProjectCandidate[]> {
  const { rows } = await db.execute(sql`
    select p.id, p.community_id, cm.name as community_name, p.title, p.category, p.mode,
           p.capacity, p.taken, p.volunteer_demand, p.starts_at, p.ends_at,
           coalesce((select array_agg(distinct n.grid_id::text) from needs n
                     where n.community_id = p.community_id and n.project_id = p.id and n.grid_id is not null),
                    '{}'::text[]) as grid_ids
    from alliance_units au
    join projects p on p.community_id = au.community_id
    join communities cm on cm.id = p.community_id
    where au.unit_id = ${unitId} and au.status = 'active'
      and p.state = 'published' and p.taken < p.capacity
      and not exists (
        select 1 from claims c
        where c.community_id = p.community_id and c.project_id = p.id and c.unit_id = ${unitId}
          and c.state in ('pending', 'active'))
    order by p.published_at desc nulls last, p.id desc
    limit ${PROJECT_CANDIDATE_LIMIT}`)
  return (rows as Record<string, unknown>[]).map((r) => ({
    id: r.id as string,
    communityId: r.community_id as string,
    communityName: r.community_name as string,
    title: r.title as string,
    category: r.category as string,
    mode: r.mode as string,
    capacity: Number(r.capacity),
    taken: Number(r.taken),
    volunteerDemand: Number(r.volunteer_demand),
    startsAt: toDate(r.starts_at),
    endsAt: toDate(r.ends_at),
    gridIds: (r.grid_ids as string[] | null) ?? [],
  }))
}

export interface UnitResourceRow {
  communityId: string
  category: string
  kind: ResourceKind
  quantity: number | null
  availableFrom: string | null
  availableUntil: string | null
  gridIds: string[]
}

/** The unit's published resources in the communities whose alliance holds it (active): one statement. */
export async function findUnitResources(db: DbOrTx, unitId: string): Promise<UnitResourceRow[]> {
  const { rows } = await db.execute(sql`
    select r.community_id, r.category, r.kind, r.quantity,
           r.available_from::text as available_from, r.available_until::text as available_until,
           r.grid_ids::text[] as grid_ids
    from resources r
    join alliance_units au on au.community_id = r.community_id and au.unit_id = r.unit_id and au.status = 'active'
    where r.unit_id = ${unitId} and r.state = 'published'`)
  return (rows as Record<string, unknown>[]).map((r) => ({
    communityId: r.community_id as string,
    category: r.category as string,
    kind: r.kind as ResourceKind,
    quantity: r.quantity == null ? null : Number(r.quantity),
    availableFrom: (r.available_from as string | null) ?? null,
    availableUntil: (r.available_until as string | null) ?? null,
    gridIds: (r.grid_ids as string[] | null) ?? [],
  }))
}

/** The unit's active or completed claims, counted by community and project category: one statement. */
export async function findUnitWork(
  db: DbOrTx,
  unitId: string,
): Promise<{ communityId: string; category: string; count: number }[]> {
  const { rows } = await db.execute(sql`
    select c.community_id, p.category, count(*)::int as n
    from claims c
    join projects p on p.community_id = c.community_id and p.id = c.project_id
    where c.unit_id = ${unitId} and c.state in ${WORK_STATES}
    group by c.community_id, p.category`)
  return (rows as Record<string, unknown>[]).map((r) => ({
    communityId: r.community_id as string,
    category: r.category as string,
    count: Number(r.n),
  }))
}

export interface WaitingNeedRow {
  id: string
  communityId: string
  title: string
  category: string
  gridId: string | null
  gridName: string | null
  urgency: NeedUrgency
  acceptedAt: Date
}

/** Accepted needs accepted before `cutoff`, oldest first: one statement (needs_state_idx). */
export async function findNeedsAcceptedBefore(
  db: DbOrTx,
  communityId: string,
  cutoff: Date,
  limit: number,
): Promise<WaitingNeedRow[]> {
  const { rows } = await db.execute(sql`
    select n.id, n.community_id, n.title, n.category, n.grid_id::text as grid_id, g.name as grid_name,
           n.urgency, n.accepted_at
    from needs n
    left join grids g on g.id = n.grid_id
    where n.community_id = ${communityId} and n.state = 'accepted' and n.accepted_at < ${cutoff.toISOString()}::timestamptz
    order by n.accepted_at asc, n.id asc
    limit ${limit}`)
  return (rows as Record<string, unknown>[]).map((r) => ({
    id: r.id as string,
    communityId: r.community_id as string,
    title: r.title as string,
    category: r.category as string,
    gridId: (r.grid_id as string | null) ?? null,
    gridName: (r.grid_name as string | null) ?? null,
    urgency: r.urgency as NeedUrgency,
    acceptedAt: toDate(r.accepted_at)!,
  }))
}
