/** Drizzle queries of the resource list. Every function takes a db or a tx. */
import type { ResourceState } from '@linli/shared'
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm'
import { isUuid } from '../../access/places.ts'
import type { DbOrTx } from '../../db/index.ts'
import { allianceUnits, communities, resources, units, type Resource } from '../../db/schema/index.ts'
import { searchCondition } from '../../lib/search.ts'

/** A resource with what a page shows of its unit, in one statement. */
export const resourceView = {
  communityId: resources.communityId,
  id: resources.id,
  unitId: resources.unitId,
  title: resources.title,
  description: resources.description,
  category: resources.category,
  kind: resources.kind,
  quantity: resources.quantity,
  quantityUnit: resources.quantityUnit,
  availability: resources.availability,
  availableFrom: resources.availableFrom,
  availableUntil: resources.availableUntil,
  gridIds: resources.gridIds,
  state: resources.state,
  returnReason: resources.returnReason,
  createdAt: resources.createdAt,
  updatedAt: resources.updatedAt,
  unit: { id: units.id, name: units.name, kind: units.kind },
}

export type ResourceRow = Omit<Resource, 'search' | 'offeredBy' | 'decidedBy'> & {
  unit: { id: string; name: string; kind: string }
}

export interface ResourceFilter {
  states?: ResourceState[] | null
  category?: string | null
  unitId?: string | null
  gridId?: string | null
  search?: string | null
}

export async function findResource(db: DbOrTx, communityId: string, id: string): Promise<ResourceRow | null> {
  if (!isUuid(communityId) || !isUuid(id)) return null
  const [row] = await db
    .select(resourceView)
    .from(resources)
    .innerJoin(units, eq(units.id, resources.unitId))
    .where(and(eq(resources.communityId, communityId), eq(resources.id, id)))
  return (row as ResourceRow | undefined) ?? null
}

/** The resource row, locked for the caller's transaction. */
export async function lockResource(tx: DbOrTx, communityId: string, id: string): Promise<Resource | null> {
  if (!isUuid(communityId) || !isUuid(id)) return null
  const [row] = await tx
    .select()
    .from(resources)
    .where(and(eq(resources.communityId, communityId), eq(resources.id, id)))
    .for('update')
  return row ?? null
}

export async function insertResource(tx: DbOrTx, values: typeof resources.$inferInsert): Promise<void> {
  await tx.insert(resources).values(values)
}

export async function updateResource(
  tx: DbOrTx,
  communityId: string,
  id: string,
  values: Partial<typeof resources.$inferInsert>,
): Promise<void> {
  await tx
    .update(resources)
    .set(values)
    .where(and(eq(resources.communityId, communityId), eq(resources.id, id)))
}

/** Units active in the community's alliance. */
export async function activeAllianceUnitIds(db: DbOrTx, communityId: string): Promise<string[]> {
  if (!isUuid(communityId)) return []
  const rows = await db
    .select({ unitId: allianceUnits.unitId })
    .from(allianceUnits)
    .where(and(eq(allianceUnits.communityId, communityId), eq(allianceUnits.status, 'active')))
  return rows.map((r) => r.unitId)
}

export async function findUnitName(db: DbOrTx, unitId: string): Promise<string | null> {
  const [row] = await db.select({ name: units.name }).from(units).where(eq(units.id, unitId))
  return row?.name ?? null
}

export async function findCommunityName(db: DbOrTx, communityId: string): Promise<string | null> {
  const [row] = await db.select({ name: communities.name }).from(communities).where(eq(communities.id, communityId))
  return row?.name ?? null
}

function filterConditions(filter: ResourceFilter | null | undefined): (SQL | undefined)[] {
  const f = filter ?? {}
  return [
    f.states?.length ? inArray(resources.state, f.states) : undefined,
    f.category ? eq(resources.category, f.category) : undefined,
    f.unitId ? (isUuid(f.unitId) ? eq(resources.unitId, f.unitId) : sql`false`) : undefined,
    f.gridId
      ? isUuid(f.gridId)
        ? sql`(${f.gridId}::uuid = any(${resources.gridIds}) or cardinality(${resources.gridIds}) = 0)`
        : sql`false`
      : undefined,
    searchCondition(resources.search, [resources.title, resources.description, resources.availability], f.search),
  ]
}

/**
 * A page of resources, newest first (keyset on the time-ordered id), in one statement.
 * `scope` narrows what the viewer may see: the whole community list, or published ones plus
 * the listed units' own; or a unit's resources across communities.
 */
export async function listResources(
  db: DbOrTx,
  scope:
    | { communityId: string; publishedOrUnits?: readonly string[] }
    | { unitId: string; communityId?: undefined; publishedOrUnits?: undefined },
  filter: ResourceFilter | null | undefined,
  page: { first: number; after: string | null },
): Promise<ResourceRow[]> {
  const own = scope.publishedOrUnits
  const rows = await db
    .select(resourceView)
    .from(resources)
    .innerJoin(units, eq(units.id, resources.unitId))
    .where(
      and(
        scope.communityId !== undefined
          ? eq(resources.communityId, scope.communityId)
          : eq(resources.unitId, scope.unitId),
        own
          ? or(eq(resources.state, 'published'), own.length ? inArray(resources.unitId, [...own]) : undefined)
          : undefined,
        page.after ? lt(resources.id, page.after) : undefined,
        ...filterConditions(filter),
      ),
    )
    .orderBy(desc(resources.id))
    .limit(page.first + 1)
  return rows as ResourceRow[]
}
