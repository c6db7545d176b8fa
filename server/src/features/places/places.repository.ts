import { sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/index.ts'

export interface PlaceRow {
  id: string
  kind: 'district' | 'street' | 'community' | 'grid'
  name: string
  parentId: string | null
}

type Ids = { districts: string[]; streets: string[]; communities: string[]; grids: string[] }

const uuids = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`

/**
 * Every place inside the given scopes, parents first, in one statement: a district brings its
 * streets, communities and grids; a street its communities and grids; a community its grids.
 */
export async function findPlacesWithin(db: DbOrTx, ids: Ids): Promise<PlaceRow[]> {
  const d = uuids(ids.districts)
  const s = uuids(ids.streets)
  const c = uuids(ids.communities)
  const g = uuids(ids.grids)
  const { rows } = await db.execute(sql`
    with st as (
      select s.id, s.name, s.district_id, s.created_at from streets s where s.district_id = any(${d}) or s.id = any(${s})
    ), co as (
      select c.id, c.name, c.street_id, c.created_at from communities c
      where c.street_id in (select id from st) or c.id = any(${c})
    ), gr as (
      select g.id, g.name, g.community_id, g.created_at from grids g where g.community_id in (select id from co) or g.id = any(${g})
    )
    select id, 'district' as kind, name, null::uuid as parent_id, 0 as depth, created_at from districts where id = any(${d})
    union all select id, 'street', name, district_id, 1, created_at from st
    union all select id, 'community', name, street_id, 2, created_at from co
    union all select id, 'grid', name, community_id, 3, created_at from gr
    -- Creation order (UUIDv7 ids are time-ordered): 第一、第二、第三 stay in the order they were made.
    order by depth, created_at, id
  `)
  return (rows as { id: string; kind: PlaceRow['kind']; name: string; parent_id: string | null }[]).map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    parentId: r.parent_id,
  }))
}

/** A place and its ancestors (district first), in one statement. */
export async function findPlaceChain(db: DbOrTx, kind: PlaceRow['kind'], id: string): Promise<PlaceRow[]> {
  const { rows } = await db.execute(sql`
    select d.id as d_id, d.name as d_name, s.id as s_id, s.name as s_name,
           c.id as c_id, c.name as c_name, g.id as g_id, g.name as g_name
    from districts d
    left join streets s on s.district_id = d.id
    left join communities c on c.street_id = s.id
    left join grids g on g.community_id = c.id
    where case ${kind}::text
      when 'district' then d.id = ${id}::uuid
      when 'street' then s.id = ${id}::uuid
      when 'community' then c.id = ${id}::uuid
      else g.id = ${id}::uuid end
    limit 1
  `)
  const r = rows[0] as Record<string, string | null> | undefined
  if (!r) return []
  const levels = [
    ['district', r.d_id, r.d_name, null],
    ['street', r.s_id, r.s_name, r.d_id],
    ['community', r.c_id, r.c_name, r.s_id],
    ['grid', r.g_id, r.g_name, r.c_id],
  ] as const
  const depth = { district: 0, street: 1, community: 2, grid: 3 }[kind]
  return levels.slice(0, depth + 1).map(([k, i, n, p]) => ({ kind: k, id: i!, name: n!, parentId: p ?? null }))
}

export interface DirectoryRow {
  id: string
  name: string
  streetName: string
  districtName: string
  grids: PlaceRow[]
}

/** Communities by name (or their street's name), with grids, in one statement; at most 50. */
export async function searchCommunities(db: DbOrTx, search: string): Promise<DirectoryRow[]> {
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const { rows } = await db.execute(sql`
    select c.id, c.name, s.name as street_name, d.name as district_name,
      coalesce((select json_agg(json_build_object('id', g.id, 'name', g.name) order by g.created_at, g.id)
                from grids g where g.community_id = c.id), '[]'::json) as grids
    from communities c
    join streets s on s.id = c.street_id
    join districts d on d.id = s.district_id
    where c.name ilike ${pattern} or s.name ilike ${pattern}
    order by d.name, s.name, c.created_at, c.id
    limit 50
  `)
  return (rows as { id: string; name: string; street_name: string; district_name: string; grids: unknown }[])
    .map((r) => ({
      id: r.id,
      name: r.name,
      streetName: r.street_name,
      districtName: r.district_name,
      grids: (typeof r.grids === 'string' ? JSON.parse(r.grids) : r.grids) as { id: string; name: string }[],
    }))
    .map((c) => ({
      ...c,
      grids: c.grids.map((g) => ({ id: g.id, name: g.name, kind: 'grid' as const, parentId: c.id })),
    }))
}
