import { and, eq, isNull, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/index.ts'
import { roleGrants, users } from '../../db/schema/index.ts'

export function findActivePersonByPhone(db: DbOrTx, phone: string) {
  return db.query.users.findFirst({
    columns: { id: true, realName: true, phone: true },
    where: and(eq(users.phone, phone), eq(users.status, 'active')),
  })
}

export async function findLiveGrant(db: DbOrTx, id: string) {
  const [row] = await db
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.id, id), isNull(roleGrants.revokedAt)))
  return row
}

/** The communities (among `communityIds`) whose alliance has the unit as an active member. */
export async function alliancesHoldingUnit(db: DbOrTx, unitId: string, communityIds: string[]): Promise<string[]> {
  if (communityIds.length === 0) return []
  const { rows } = await db.execute(sql`
    select community_id from alliance_units
    where unit_id = ${unitId} and status = 'active' and community_id = any(${`{${communityIds.join(',')}}`}::uuid[])
    order by community_id`)
  return (rows as { community_id: string }[]).map((r) => r.community_id)
}

export interface ScopedGrantRow {
  id: string
  role: string
  scopeType: string
  scopeId: string | null
  scopeName: string | null
  userId: string
  realName: string
  phone: string
  grantedAt: Date
}

/**
 * Live grants on every place inside the given place, and unit-admin grants of units in the
 * alliances of its communities — one statement.
 */
export async function findGrantsWithin(
  db: DbOrTx,
  kind: 'district' | 'street' | 'community' | 'grid',
  id: string,
): Promise<ScopedGrantRow[]> {
  const { rows } = await db.execute(sql`
    with st as (
      select s.id, s.name from streets s where (${kind} = 'district' and s.district_id = ${id}::uuid) or (${kind} = 'street' and s.id = ${id}::uuid)
    ), co as (
      select c.id, c.name from communities c where c.street_id in (select id from st) or (${kind} = 'community' and c.id = ${id}::uuid)
    ), gr as (
      select g.id, g.name from grids g where g.community_id in (select id from co) or (${kind} = 'grid' and g.id = ${id}::uuid)
    ), un as (
      select distinct u.id, u.name from units u join alliance_units au on au.unit_id = u.id
      where au.status = 'active' and au.community_id in (select id from co)
    ), scopes as (
      select id, name from districts where ${kind} = 'district' and id = ${id}::uuid
      union all select id, name from st union all select id, name from co
      union all select id, name from gr union all select id, name from un
    )
    select g.id, g.role, g.scope_type, g.scope_id, sc.name as scope_name, g.user_id, p.real_name, p.phone, g.created_at
    from role_grants g
    join scopes sc on sc.id = g.scope_id
    join users p on p.id = g.user_id
    where g.revoked_at is null
    order by g.scope_type, sc.name, g.role, p.real_name, g.id
  `)
  return (rows as Record<string, unknown>[]).map((r) => ({
    id: r.id as string,
    role: r.role as string,
    scopeType: r.scope_type as string,
    scopeId: r.scope_id as string | null,
    scopeName: r.scope_name as string | null,
    userId: r.user_id as string,
    realName: r.real_name as string,
    phone: r.phone as string,
    grantedAt: new Date(r.created_at as string),
  }))
}
