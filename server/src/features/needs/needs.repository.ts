/** Drizzle queries of the need list and timeline. Every function takes a db or a tx. */
import type { NeedChannel, NeedState, ProjectState } from '@linli/shared'
import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import { isUuid } from '../../access/places.ts'
import type { DbOrTx } from '../../db/index.ts'
import { files, grids, needEvents, needs, projects, residences, users, type Need } from '../../db/schema/index.ts'
import { searchCondition } from '../../lib/search.ts'

/** A need with what deciding its visibility takes (project state, units with a live claim), in one statement. */
const needSelect = {
  communityId: needs.communityId,
  id: needs.id,
  title: needs.title,
  description: needs.description,
  category: needs.category,
  gridId: needs.gridId,
  urgency: needs.urgency,
  preferredTime: needs.preferredTime,
  channel: needs.channel,
  forUserId: needs.forUserId,
  forName: needs.forName,
  contactPhoneEnc: needs.contactPhoneEnc,
  addressEnc: needs.addressEnc,
  recordedBy: needs.recordedBy,
  state: needs.state,
  reason: needs.reason,
  mergedIntoId: needs.mergedIntoId,
  projectId: needs.projectId,
  acceptedAt: needs.acceptedAt,
  createdAt: needs.createdAt,
  updatedAt: needs.updatedAt,
  forUserName: users.realName,
  projectState: sql<ProjectState | null>`${projects.state}`,
  liveClaimUnitIds: sql<string[]>`coalesce((select array_agg(c.unit_id::text) from claims c
    where c.community_id = ${needs.communityId} and c.project_id = ${needs.projectId}
      and c.state in ('pending', 'active')), '{}'::text[])`,
}

export type NeedRow = Omit<Need, 'search'> & {
  forUserName: string | null
  projectState: ProjectState | null
  liveClaimUnitIds: string[]
}

export interface NeedFilter {
  states?: NeedState[] | null
  category?: string | null
  gridId?: string | null
  channel?: NeedChannel | null
  search?: string | null
}

function selectNeeds(db: DbOrTx) {
  return db
    .select(needSelect)
    .from(needs)
    .leftJoin(users, eq(users.id, needs.forUserId))
    .leftJoin(projects, and(eq(projects.communityId, needs.communityId), eq(projects.id, needs.projectId)))
}

export async function findNeed(db: DbOrTx, communityId: string, id: string): Promise<NeedRow | null> {
  if (!isUuid(communityId) || !isUuid(id)) return null
  const [row] = await selectNeeds(db).where(and(eq(needs.communityId, communityId), eq(needs.id, id)))
  return (row as NeedRow | undefined) ?? null
}

/** Needs by (community, id), in no particular order. */
export async function findNeedsByRefs(
  db: DbOrTx,
  refs: readonly { communityId: string; id: string }[],
): Promise<NeedRow[]> {
  const valid = refs.filter((r) => isUuid(r.communityId) && isUuid(r.id))
  if (valid.length === 0) return []
  const rows = await selectNeeds(db).where(
    or(...valid.map((r) => and(eq(needs.communityId, r.communityId), eq(needs.id, r.id)))),
  )
  return rows as NeedRow[]
}

/** Lock the need row for the caller's transaction (then read it with `findNeed`). */
export async function lockNeed(tx: DbOrTx, communityId: string, id: string): Promise<boolean> {
  if (!isUuid(communityId) || !isUuid(id)) return false
  const rows = await tx
    .select({ id: needs.id })
    .from(needs)
    .where(and(eq(needs.communityId, communityId), eq(needs.id, id)))
    .for('update')
  return rows.length > 0
}

export async function insertNeed(tx: DbOrTx, values: typeof needs.$inferInsert): Promise<void> {
  await tx.insert(needs).values(values)
}

export async function updateNeed(
  tx: DbOrTx,
  communityId: string,
  id: string,
  values: Partial<typeof needs.$inferInsert>,
): Promise<void> {
  await tx
    .update(needs)
    .set(values)
    .where(and(eq(needs.communityId, communityId), eq(needs.id, id)))
}

/**
 * A page of needs, newest first (keyset on the time-ordered id), in one statement: a
 * community's (optionally only some grids'), or a person's own (for them or recorded by them).
 */
export async function listNeeds(
  db: DbOrTx,
  scope: { communityId: string; gridIds?: readonly string[] } | { personId: string },
  filter: NeedFilter | null | undefined,
  page: { first: number; after: string | null },
): Promise<NeedRow[]> {
  const f = filter ?? {}
  const where: (SQL | undefined)[] =
    'personId' in scope
      ? [or(eq(needs.forUserId, scope.personId), eq(needs.recordedBy, scope.personId))]
      : [
          eq(needs.communityId, scope.communityId),
          scope.gridIds ? (scope.gridIds.length ? inArray(needs.gridId, [...scope.gridIds]) : sql`false`) : undefined,
        ]
  const rows = await selectNeeds(db)
    .where(
      and(
        ...where,
        page.after ? lt(needs.id, page.after) : undefined,
        f.states?.length ? inArray(needs.state, f.states) : undefined,
        f.category ? eq(needs.category, f.category) : undefined,
        f.gridId ? (isUuid(f.gridId) ? eq(needs.gridId, f.gridId) : sql`false`) : undefined,
        f.channel ? eq(needs.channel, f.channel) : undefined,
        searchCondition(needs.search, [needs.title, needs.description], f.search),
      ),
    )
    .orderBy(desc(needs.id))
    .limit(page.first + 1)
  return rows as NeedRow[]
}

/** The person's residence in the community (grid and sealed address), if they live there. */
export async function findResidence(db: DbOrTx, communityId: string, userId: string) {
  if (!isUuid(communityId)) return null
  const [row] = await db
    .select({ gridId: residences.gridId, addressEnc: residences.addressEnc })
    .from(residences)
    .where(and(eq(residences.communityId, communityId), eq(residences.userId, userId)))
  return row ?? null
}

export async function findActivePerson(db: DbOrTx, userId: string) {
  if (!isUuid(userId)) return null
  const [row] = await db
    .select({ id: users.id, phone: users.phone, realName: users.realName })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.status, 'active')))
  return row ?? null
}

/** Of these grids, those in the community. */
export async function gridsOfCommunity(db: DbOrTx, communityId: string, gridIds: readonly string[]) {
  const ids = gridIds.filter(isUuid)
  if (ids.length === 0 || !isUuid(communityId)) return []
  const rows = await db
    .select({ id: grids.id })
    .from(grids)
    .where(and(eq(grids.communityId, communityId), inArray(grids.id, ids)))
  return rows.map((r) => r.id)
}

// ── Photos ───────────────────────────────────────────────────────────────────

export const NEED_PHOTO = 'need_photo'

/** Photo ids of needs (undeleted, oldest first), grouped by need id. */
export async function photoIdsOf(db: DbOrTx, needIds: readonly string[]): Promise<Map<string, string[]>> {
  const ids = needIds.filter(isUuid)
  const out = new Map<string, string[]>()
  if (ids.length === 0) return out
  const rows = await db
    .select({ id: files.id, ownerId: files.ownerId })
    .from(files)
    .where(and(eq(files.ownerType, NEED_PHOTO), inArray(files.ownerId, ids), isNull(files.deletedAt)))
    .orderBy(asc(files.createdAt), asc(files.id))
  for (const r of rows) out.set(r.ownerId!, [...(out.get(r.ownerId!) ?? []), r.id])
  return out
}

// ── Timeline ─────────────────────────────────────────────────────────────────

export interface NeedEventRow {
  id: string
  communityId: string
  needId: string
  actorId: string | null
  actorName: string | null
  /** The actor's part: resident, community_staff, grid_worker, unit_admin, platform, other. */
  actorRole: string
  action: string
  fromState: NeedState | null
  toState: NeedState | null
  detail: Record<string, string | null>
  at: Date
}

/** The events of needs, oldest first, each with its actor's name and part in the community, in one statement. */
export async function eventsOf(
  db: DbOrTx,
  refs: readonly { communityId: string; id: string }[],
): Promise<NeedEventRow[]> {
  const valid = refs.filter((r) => isUuid(r.communityId) && isUuid(r.id))
  if (valid.length === 0) return []
  const rows = await db
    .select({
      id: needEvents.id,
      communityId: needEvents.communityId,
      needId: needEvents.needId,
      actorId: needEvents.actorId,
      actorName: users.realName,
      actorRole: sql<string>`case
        when ${needEvents.actorId} is null then 'platform'
        when ${needEvents.actorId} = ${needs.forUserId} then 'resident'
        when exists (select 1 from role_grants g where g.user_id = ${needEvents.actorId}
          and g.role = 'community_staff' and g.scope_id = ${needEvents.communityId}) then 'community_staff'
        when exists (select 1 from role_grants g join grids gr on gr.id = g.scope_id
          where g.user_id = ${needEvents.actorId} and g.role = 'grid_worker'
            and gr.community_id = ${needEvents.communityId}) then 'grid_worker'
        when exists (select 1 from role_grants g where g.user_id = ${needEvents.actorId}
          and g.role = 'unit_admin') then 'unit_admin'
        else 'other' end`,
      action: needEvents.action,
      fromState: needEvents.fromState,
      toState: needEvents.toState,
      detail: needEvents.detail,
      at: needEvents.at,
    })
    .from(needEvents)
    .innerJoin(needs, and(eq(needs.communityId, needEvents.communityId), eq(needs.id, needEvents.needId)))
    .leftJoin(users, eq(users.id, needEvents.actorId))
    .where(or(...valid.map((r) => and(eq(needEvents.communityId, r.communityId), eq(needEvents.needId, r.id)))))
    .orderBy(asc(needEvents.at), asc(needEvents.id))
  return rows as NeedEventRow[]
}

// ── Privacy ──────────────────────────────────────────────────────────────────

/** Every need for the person or recorded by them, oldest first (for their data export). */
export function needsOfPerson(db: DbOrTx, userId: string) {
  return db
    .select()
    .from(needs)
    .where(or(eq(needs.forUserId, userId), eq(needs.recordedBy, userId)))
    .orderBy(asc(needs.id))
}

/** On account deletion: the needs for the person keep their facts, lose the person's contact. */
export async function clearContactOfPerson(tx: DbOrTx, userId: string, at: Date): Promise<void> {
  await tx
    .update(needs)
    .set({ contactPhoneEnc: null, addressEnc: null, forName: null, updatedAt: at })
    .where(eq(needs.forUserId, userId))
}

/** The sealed contact phones of needs (by id), for an export with a reason. */
export async function contactPhonesOf(db: DbOrTx, communityId: string, ids: readonly string[]) {
  const out = new Map<string, string>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .select({ id: needs.id, enc: needs.contactPhoneEnc })
      .from(needs)
      .where(and(eq(needs.communityId, communityId), inArray(needs.id, ids.slice(i, i + 500))))
    for (const r of rows) if (r.enc) out.set(r.id, r.enc)
  }
  return out
}
