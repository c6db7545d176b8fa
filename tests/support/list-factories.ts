/**
 * Factories for the three lists and claims: rows inserted directly (with their `search`
 * vector), defaults filled, missing parents made (a community, a unit in its alliance, a user
 * who offered, recorded, created or claimed). `*Values` build the row without inserting it,
 * for multi-row inserts. Re-exported by tests/support/lists.ts.
 */
import type { DbOrTx } from '@linli/server/db'
import { and, eq, schema, sql } from '@linli/server/db'
import { searchVector } from '@linli/server/search'
import { addToAlliance, createPlaces, createUnit, createUser } from './factories.ts'

type ResourceRow = typeof schema.resources.$inferInsert
type NeedRow = typeof schema.needs.$inferInsert
type ProjectRow = typeof schema.projects.$inferInsert
type ClaimRow = typeof schema.claims.$inferInsert

const at = () => new Date('2026-11-01T00:00:00Z')
let seq = 0
const next = () => (seq += 1)

/** One user per database who stands in for "who did it" when a test does not care. */
const actors = new WeakMap<object, Promise<string>>()
function defaultActor(db: DbOrTx): Promise<string> {
  let id = actors.get(db)
  if (!id) {
    id = createUser(db, { roles: [{ role: 'resident' }] }).then((u) => u.id)
    actors.set(db, id)
  }
  return id
}

async function communityOr(db: DbOrTx, communityId: string | undefined): Promise<string> {
  return communityId ?? (await createPlaces(db)).community.id
}

// ── Resources ────────────────────────────────────────────────────────────────

export type ResourceOptions = Partial<Omit<ResourceRow, 'search'>> &
  Pick<ResourceRow, 'communityId' | 'unitId' | 'offeredBy'>

export function resourceValues(o: ResourceOptions): ResourceRow {
  const title = o.title ?? `测试资源${next()}`
  const description = o.description ?? ''
  return {
    category: 'care',
    kind: 'volunteers',
    state: 'published',
    createdAt: at(),
    updatedAt: at(),
    ...o,
    title,
    description,
    search: searchVector(title, description),
  }
}

/** A resource (published unless told); a unit active in the community's alliance is made when none is named. */
export async function createResource(
  db: DbOrTx,
  o: Partial<ResourceOptions> = {},
): Promise<typeof schema.resources.$inferSelect> {
  const communityId = await communityOr(db, o.communityId)
  let unitId = o.unitId
  if (!unitId) {
    unitId = (await createUnit(db)).id
    await addToAlliance(db, communityId, unitId)
  }
  const offeredBy = o.offeredBy ?? (await defaultActor(db))
  const [row] = await db
    .insert(schema.resources)
    .values(resourceValues({ ...o, communityId, unitId, offeredBy }))
    .returning()
  return row!
}

// ── Needs ────────────────────────────────────────────────────────────────────

export type NeedOptions = Partial<Omit<NeedRow, 'search'>> & Pick<NeedRow, 'communityId' | 'recordedBy'>

const ACCEPTED_OR_LATER = new Set(['accepted', 'planned', 'in_service', 'resolved', 'rated', 'closed'])

export function needValues(o: NeedOptions): NeedRow {
  const title = o.title ?? `测试需求${next()}`
  const description = o.description ?? '测试需求描述'
  const state = o.state ?? 'submitted'
  return {
    category: 'care',
    channel: 'online',
    forName: o.forUserId ? null : '测试居民',
    createdAt: at(),
    updatedAt: at(),
    acceptedAt: ACCEPTED_OR_LATER.has(state) ? at() : null,
    ...o,
    state,
    title,
    description,
    search: searchVector(title, description),
  }
}

/** A need (submitted unless told; accepted or later states get `acceptedAt`). */
export async function createNeed(db: DbOrTx, o: Partial<NeedOptions> = {}): Promise<typeof schema.needs.$inferSelect> {
  const communityId = await communityOr(db, o.communityId)
  const recordedBy = o.recordedBy ?? (await defaultActor(db))
  const [row] = await db
    .insert(schema.needs)
    .values(needValues({ ...o, communityId, recordedBy }))
    .returning()
  return row!
}

// ── Projects ─────────────────────────────────────────────────────────────────

export type ProjectOptions = Partial<Omit<ProjectRow, 'search'>> & Pick<ProjectRow, 'communityId' | 'createdBy'>

export function projectValues(o: ProjectOptions): ProjectRow {
  const title = o.title ?? `测试项目${next()}`
  const description = o.description ?? ''
  const state = o.state ?? 'published'
  return {
    category: 'care',
    mode: 'solo',
    capacity: 1,
    createdAt: at(),
    updatedAt: at(),
    publishedAt: state === 'draft' ? null : at(),
    ...o,
    state,
    title,
    description,
    search: searchVector(title, description),
  }
}

/**
 * A project (published unless told). `needIds` are linked to it (their `projectId` set), so the
 * project answers them; their states are left as they are.
 */
export async function createProject(
  db: DbOrTx,
  o: Partial<ProjectOptions> & { needIds?: string[] } = {},
): Promise<typeof schema.projects.$inferSelect> {
  const { needIds = [], ...rest } = o
  const communityId = await communityOr(db, rest.communityId)
  const createdBy = rest.createdBy ?? (await defaultActor(db))
  const [row] = await db
    .insert(schema.projects)
    .values(projectValues({ ...rest, communityId, createdBy }))
    .returning()
  for (const needId of needIds) {
    await db
      .update(schema.needs)
      .set({ projectId: row!.id })
      .where(and(eq(schema.needs.communityId, communityId), eq(schema.needs.id, needId)))
  }
  return row!
}

// ── Claims ───────────────────────────────────────────────────────────────────

export type ClaimOptions = Partial<ClaimRow> & Pick<ClaimRow, 'communityId' | 'projectId' | 'unitId'>

/**
 * A unit's claim on a project (active unless told). A live claim (pending, active) takes one of
 * the project's capacity, as the claims service does; the CHECK refuses one over capacity.
 */
export async function createClaim(db: DbOrTx, o: ClaimOptions): Promise<typeof schema.claims.$inferSelect> {
  const claimedBy = o.claimedBy ?? (await defaultActor(db))
  const state = o.state ?? 'active'
  const [row] = await db
    .insert(schema.claims)
    .values({
      createdAt: at(),
      endedAt: state === 'completed' || state === 'withdrawn' || state === 'cancelled' ? at() : null,
      ...o,
      state,
      claimedBy,
    })
    .returning()
  if (state === 'pending' || state === 'active') {
    await db
      .update(schema.projects)
      .set({ taken: sql`${schema.projects.taken} + 1` })
      .where(and(eq(schema.projects.communityId, o.communityId), eq(schema.projects.id, o.projectId)))
  }
  return row!
}
