/**
 * Projects (项目清单): community staff build one from accepted needs (or none) with suggested
 * resources, publish it to the alliance's units, start it, or cancel it with a reason. Needs
 * move with their project (publish → planned, start → in_service, cancel → back to accepted)
 * and their timelines say so. Anyone who may not see a project gets NOT_FOUND, exactly as for
 * an id that does not exist.
 */
import {
  DomainError,
  LIVE_CLAIM_STATES,
  NOTIFICATION_PAGE_MAX,
  assertTransition,
  projectInputSchema,
  projectMachine,
  reasonSchema,
  type ProjectState,
} from '@linli/shared'
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { isUuid, requireCommunityStaff, requirePlaceRole, scopeIds, type Ancestry } from '../../access/places.ts'
import { newId } from '../../db/columns.ts'
import type { DbOrTx, Tx } from '../../db/index.ts'
import { claims, needs, projects, resources } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { parseInput } from '../../lib/input.ts'
import { searchVector } from '../../lib/search.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import { lockNeeds, moveNeedsOfProject, recordNeedEvents } from '../needs/need-events.ts'
import { isUnitAdmin } from '../units/units.policy.ts'
import * as repo from './projects.repository.ts'
import type { PageShape, ProjectFilter, ProjectRow } from './projects.repository.ts'

/** Staff and the admins above them read a community's projects; only staff change them. */
const READERS = ['community_staff', 'street_admin', 'district_admin'] as const
const PAGE_MAX = NOTIFICATION_PAGE_MAX

const notFound = () => new DomainError('NOT_FOUND', 'project not found')

export interface Page<T> {
  nodes: T[]
  pageInfo: { endCursor: string | null; hasNextPage: boolean }
}

export function toPage<T extends { id: string }>(rows: T[], first: number): Page<T> {
  const nodes = rows.slice(0, first)
  return { nodes, pageInfo: { endCursor: nodes.at(-1)?.id ?? null, hasNextPage: rows.length > first } }
}

export const pageSize = (first: number | null | undefined) => Math.min(Math.max(first ?? 20, 1), PAGE_MAX)
export const cursor = (after: string | null | undefined) => (after && isUuid(after) ? after : null)

export class ProjectsService {
  constructor(private readonly app: FastifyInstance) {}

  private get db() {
    return this.app.db
  }
  private get clock() {
    return this.app.clock
  }

  // ── Reading ────────────────────────────────────────────────────────────────

  /**
   * One project for whoever may see it: staff of its community (and admins above), admins of
   * units active in its alliance once it is published, admins of units that claimed it.
   */
  async project(viewer: Viewer, communityId: string, id: string): Promise<ProjectRow> {
    if (!isUuid(communityId) || !isUuid(id)) throw notFound()
    const row = await repo.findProject(this.db, communityId, id)
    if (!row || !(await this.maySee(viewer, row))) throw notFound()
    return row
  }

  private async maySee(viewer: Viewer, row: ProjectRow): Promise<boolean> {
    const reading = await requirePlaceRole(this.db, viewer, { kind: 'community', id: row.communityId }, READERS).then(
      () => true,
      () => false,
    )
    if (reading) return true
    const myUnits = scopeIds(viewer, ['unit_admin']).units
    if (myUnits.length === 0) return false
    if (row.liveClaims?.some((c) => myUnits.includes(c.unitId))) return true
    const [claimed] = await this.db
      .select({ one: sql<number>`1` })
      .from(claims)
      .where(
        and(eq(claims.communityId, row.communityId), eq(claims.projectId, row.id), inArray(claims.unitId, myUnits)),
      )
      .limit(1)
    if (claimed) return true
    if (row.state === 'draft') return false
    for (const unitId of myUnits) if (await repo.unitIsActiveIn(this.db, unitId, row.communityId)) return true
    return false
  }

  /** A community's projects for its staff (and admins above), in one statement per page. */
  async communityProjects(
    viewer: Viewer,
    communityId: string,
    args: { filter?: ProjectFilter | null; first?: number | null; after?: string | null },
    shape: PageShape,
    withCount: boolean,
  ) {
    await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, READERS)
    return this.page(repo.communityScope(communityId), args, shape, withCount)
  }

  /**
   * 项目市场: the projects a unit may claim — published ones (and fully claimed ones, to show
   * they are taken) in the communities whose alliance holds it as an active member. For the
   * unit's admins; one statement per page.
   */
  async market(
    viewer: Viewer,
    unitId: string,
    args: { filter?: ProjectFilter | null; first?: number | null; after?: string | null },
    shape: PageShape,
    withCount: boolean,
  ) {
    if (!isUuid(unitId) || !isUnitAdmin(viewer, unitId)) throw new DomainError('NOT_FOUND', 'unit not found')
    const states = args.filter?.states?.length ? args.filter.states : (['published', 'claimed'] as ProjectState[])
    const allowed = states.filter((s) => s === 'published' || s === 'claimed' || s === 'in_progress')
    return this.page(
      repo.marketScope(unitId),
      { ...args, filter: { ...args.filter, states: allowed } },
      shape,
      withCount,
    )
  }

  private async page(
    where: ReturnType<typeof repo.marketScope>,
    args: { filter?: ProjectFilter | null; first?: number | null; after?: string | null },
    shape: PageShape,
    withCount: boolean,
  ) {
    const first = pageSize(args.first)
    const filter = args.filter ?? {}
    const rows = await repo.projectPage(this.db, { where, filter, first, after: cursor(args.after), shape })
    const page = toPage(rows, first)
    return { ...page, totalCount: withCount ? await repo.projectCount(this.db, where, filter) : null }
  }

  // ── Building ───────────────────────────────────────────────────────────────

  /** Staff create a draft. Codes: NOT_FOUND (community, needs, resources), BAD_USER_INPUT. */
  async createProject(viewer: Viewer, communityId: string, raw: unknown): Promise<ProjectRow> {
    const input = parseInput(projectInputSchema, raw)
    const id = newId()
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      await this.requireCategory(tx, communityId, input.category)
      const resourceIds = await this.requirePublishedResources(tx, communityId, input.resourceIds)
      const now = this.clock.now()
      await tx.insert(projects).values({
        communityId,
        id,
        ...this.columnsOf(input),
        suggestedResourceIds: resourceIds,
        createdBy: viewer.userId,
        createdAt: now,
        updatedAt: now,
      })
      await this.attachNeeds(tx, viewer, communityId, id, input.title, input.needIds)
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'project.create',
        targetType: 'project',
        targetId: id,
        place,
        after: { title: input.title, mode: input.mode, capacity: input.capacity, needs: input.needIds.length },
      })
    })
    return (await repo.findProject(this.db, communityId, id))!
  }

  /** Staff change a draft (its needs too). Codes as for creating; INVALID_TRANSITION once published. */
  async updateProject(viewer: Viewer, communityId: string, id: string, raw: unknown): Promise<ProjectRow> {
    const input = parseInput(projectInputSchema, raw)
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const row = isUuid(id) ? await repo.lockProject(tx, communityId, id) : null
      if (!row) throw notFound()
      if (row.state !== 'draft') {
        throw new DomainError('INVALID_TRANSITION', 'only a draft can be edited', { from: row.state, to: row.state })
      }
      await this.requireCategory(tx, communityId, input.category)
      const resourceIds = await this.requirePublishedResources(tx, communityId, input.resourceIds)
      await tx
        .update(projects)
        .set({ ...this.columnsOf(input), suggestedResourceIds: resourceIds, updatedAt: this.clock.now() })
        .where(and(eq(projects.communityId, communityId), eq(projects.id, id)))
      // Needs no longer named go back to the pool (still accepted); new ones are attached.
      const released = await tx
        .update(needs)
        .set({ projectId: null, updatedAt: this.clock.now() })
        .where(
          and(
            eq(needs.communityId, communityId),
            eq(needs.projectId, id),
            input.needIds.length > 0 ? sql`${needs.id} <> all(${input.needIds}::uuid[])` : undefined,
          ),
        )
        .returning({ id: needs.id })
      await recordNeedEvents(
        tx,
        released.map((n) => ({
          communityId,
          needId: n.id,
          actorId: viewer.userId,
          action: 'project_detached',
          detail: { projectId: id, projectTitle: input.title },
          at: this.clock.now(),
        })),
      )
      const attachedAlready = new Set(
        (
          await tx
            .select({ id: needs.id })
            .from(needs)
            .where(and(eq(needs.communityId, communityId), eq(needs.projectId, id)))
        ).map((n) => n.id),
      )
      await this.attachNeeds(
        tx,
        viewer,
        communityId,
        id,
        input.title,
        input.needIds.filter((n) => !attachedAlready.has(n)),
      )
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'project.update',
        targetType: 'project',
        targetId: id,
        place,
        before: { title: row.title, capacity: row.capacity },
        after: { title: input.title, capacity: input.capacity, needs: input.needIds.length },
      })
    })
    return (await repo.findProject(this.db, communityId, id))!
  }

  private columnsOf(input: ReturnType<typeof projectInputSchema.parse>) {
    return {
      title: input.title,
      description: input.description,
      category: input.category,
      mode: input.mode,
      cadence: input.cadence,
      routineUntil: input.cadence === 'routine' ? (input.routineUntil ?? null) : null,
      capacity: input.capacity,
      volunteerDemand: input.volunteerDemand,
      startsAt: input.startsAt ? new Date(input.startsAt) : null,
      endsAt: input.endsAt ? new Date(input.endsAt) : null,
      schedule: input.schedule,
      search: searchVector(input.title, input.description),
    }
  }

  private async requireCategory(tx: DbOrTx, communityId: string, category: string) {
    const settings = await this.app.settingsService.effective(tx, communityId)
    if (!settings.categories.some((c) => c.code === category)) {
      throw new DomainError('BAD_USER_INPUT', 'The input is not valid', { fields: { category: 'CATEGORY_REQUIRED' } })
    }
  }

  /** The ids, each a published resource of the community; NOT_FOUND otherwise. */
  private async requirePublishedResources(tx: DbOrTx, communityId: string, ids: readonly string[]) {
    const unique = [...new Set(ids)]
    if (unique.length === 0) return []
    if (!unique.every(isUuid)) throw new DomainError('NOT_FOUND', 'resource not found')
    const found = await tx
      .select({ id: resources.id })
      .from(resources)
      .where(
        and(eq(resources.communityId, communityId), inArray(resources.id, unique), eq(resources.state, 'published')),
      )
    if (found.length !== unique.length) throw new DomainError('NOT_FOUND', 'resource not found')
    return unique
  }

  /** Attach accepted needs that belong to no project yet; NOT_FOUND for any other id. */
  private async attachNeeds(
    tx: Tx,
    viewer: Viewer,
    communityId: string,
    projectId: string,
    projectTitle: string,
    ids: readonly string[],
  ) {
    const unique = [...new Set(ids)]
    if (unique.length === 0) return
    if (!unique.every(isUuid)) throw new DomainError('NOT_FOUND', 'need not found')
    const locked = await lockNeeds(tx, communityId, unique)
    const free = locked.filter((n) => n.state === 'accepted' && n.projectId === null)
    if (locked.length !== unique.length) throw new DomainError('NOT_FOUND', 'need not found')
    if (free.length !== unique.length) {
      const busy = locked.find((n) => !free.includes(n))!
      throw new DomainError('INVALID_TRANSITION', 'a need must be accepted and in no other project', {
        needId: busy.id,
        from: busy.state,
        to: 'planned',
      })
    }
    const now = this.clock.now()
    await tx
      .update(needs)
      .set({ projectId, updatedAt: now })
      .where(and(eq(needs.communityId, communityId), inArray(needs.id, unique), isNull(needs.projectId)))
    await recordNeedEvents(
      tx,
      unique.map((needId) => ({
        communityId,
        needId,
        actorId: viewer.userId,
        action: 'project_attached',
        detail: { projectId, projectTitle },
        at: now,
      })),
    )
  }

  // ── Moving ─────────────────────────────────────────────────────────────────

  /** draft → published: its needs become planned; the alliance's units are told. */
  async publishProject(viewer: Viewer, communityId: string, id: string): Promise<ProjectRow> {
    await this.transition(viewer, communityId, id, 'published', async (tx, row, place) => {
      const now = this.clock.now()
      await tx
        .update(projects)
        .set({ state: 'published', publishedAt: now, updatedAt: now })
        .where(and(eq(projects.communityId, communityId), eq(projects.id, id)))
      const moved = await moveNeedsOfProject(tx, {
        communityId,
        projectId: id,
        from: 'accepted',
        to: 'planned',
        actorId: viewer.userId,
        action: 'planned',
        detail: { projectTitle: row.title },
        at: now,
      })
      await this.tellNeedPeople(tx, viewer, communityId, moved, row.title, 'planned')
      const units = await tx.execute(
        sql`select unit_id as "unitId" from alliance_units where community_id = ${communityId} and status = 'active'`,
      )
      const bus = this.app.notifications.bus
      await bus.publish(tx, {
        kind: 'project.published',
        communityId,
        subject: { type: 'project', id },
        params: { title: row.title, communityName: await this.communityName(tx, place) },
        to: (units.rows as { unitId: string }[]).map((u) => ({ unitAdmins: u.unitId })),
        except: viewer.userId,
      })
    })
    return (await repo.findProject(this.db, communityId, id))!
  }

  /**
   * published/claimed → in_progress. Staff decide every pending claim first; at least one unit
   * must hold an active claim (a joint project may start below capacity). Needs → in_service.
   */
  async startProject(viewer: Viewer, communityId: string, id: string): Promise<ProjectRow> {
    await this.transition(viewer, communityId, id, 'in_progress', async (tx, row) => {
      const live = await tx
        .select({ state: claims.state, unitId: claims.unitId })
        .from(claims)
        .where(
          and(
            eq(claims.communityId, communityId),
            eq(claims.projectId, id),
            inArray(claims.state, [...LIVE_CLAIM_STATES]),
          ),
        )
      if (live.some((c) => c.state === 'pending')) {
        throw new DomainError('INVALID_TRANSITION', 'decide the pending claims first', {
          from: row.state,
          to: 'in_progress',
          reason: 'PENDING_CLAIMS',
        })
      }
      if (live.length === 0) {
        throw new DomainError('INVALID_TRANSITION', 'no unit has claimed the project', {
          from: row.state,
          to: 'in_progress',
          reason: 'NO_CLAIMS',
        })
      }
      const now = this.clock.now()
      await tx
        .update(projects)
        .set({ state: 'in_progress', startedAt: now, updatedAt: now })
        .where(and(eq(projects.communityId, communityId), eq(projects.id, id)))
      const moved = await moveNeedsOfProject(tx, {
        communityId,
        projectId: id,
        from: 'planned',
        to: 'in_service',
        actorId: viewer.userId,
        action: 'in_service',
        detail: { projectTitle: row.title },
        at: now,
      })
      await this.tellNeedPeople(tx, viewer, communityId, moved, row.title, 'in_service')
      await this.app.notifications.bus.publish(tx, {
        kind: 'project.started',
        communityId,
        subject: { type: 'project', id },
        params: { projectTitle: row.title },
        to: live.map((c) => ({ unitAdmins: c.unitId })),
        except: viewer.userId,
      })
    })
    return (await repo.findProject(this.db, communityId, id))!
  }

  /**
   * Cancel with a reason, from any state before completed: live claims end `cancelled`, the
   * needs go back to `accepted` (and leave the project), the claiming units are told.
   */
  async cancelProject(viewer: Viewer, communityId: string, id: string, rawReason: string): Promise<ProjectRow> {
    const reason = parseInput(reasonSchema, rawReason)
    await this.transition(
      viewer,
      communityId,
      id,
      'cancelled',
      async (tx, row) => {
        const now = this.clock.now()
        const ended = await tx
          .update(claims)
          .set({ state: 'cancelled', reason, endedAt: now })
          .where(
            and(
              eq(claims.communityId, communityId),
              eq(claims.projectId, id),
              inArray(claims.state, [...LIVE_CLAIM_STATES]),
            ),
          )
          .returning({ unitId: claims.unitId })
        await tx
          .update(projects)
          .set({ state: 'cancelled', cancelReason: reason, taken: 0, updatedAt: now })
          .where(and(eq(projects.communityId, communityId), eq(projects.id, id)))
        // Its scheduled activities go with it; those signed up are told.
        await this.app.activitiesService.cancelForProject(tx, viewer.userId, communityId, id, reason)
        const moved = []
        for (const from of ['planned', 'in_service'] as const) {
          moved.push(
            ...(await moveNeedsOfProject(tx, {
              communityId,
              projectId: id,
              from,
              to: 'accepted',
              actorId: viewer.userId,
              action: 'project_cancelled',
              detail: { projectTitle: row.title, reason },
              at: now,
              detachProject: true,
            })),
          )
        }
        // A draft's needs were still accepted: they just leave it.
        const draftNeeds = await tx
          .update(needs)
          .set({ projectId: null, updatedAt: now })
          .where(and(eq(needs.communityId, communityId), eq(needs.projectId, id)))
          .returning({ id: needs.id })
        await recordNeedEvents(
          tx,
          draftNeeds.map((n) => ({
            communityId,
            needId: n.id,
            actorId: viewer.userId,
            action: 'project_cancelled',
            detail: { projectId: id, projectTitle: row.title, reason },
            at: now,
          })),
        )
        await this.tellNeedPeople(tx, viewer, communityId, moved, row.title, 'accepted')
        if (ended.length > 0) {
          await this.app.notifications.bus.publish(tx, {
            kind: 'project.cancelled',
            communityId,
            subject: { type: 'project', id },
            params: { projectTitle: row.title, reason },
            to: ended.map((c) => ({ unitAdmins: c.unitId })),
            except: viewer.userId,
          })
        }
      },
      reason,
    )
    return (await repo.findProject(this.db, communityId, id))!
  }

  private async transition(
    viewer: Viewer,
    communityId: string,
    id: string,
    to: ProjectState,
    apply: (tx: Tx, row: typeof projects.$inferSelect, place: Ancestry) => Promise<void>,
    reason?: string,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const row = isUuid(id) ? await repo.lockProject(tx, communityId, id) : null
      if (!row) throw notFound()
      assertTransition(projectMachine, row.state, to)
      await apply(tx, row, place)
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: `project.${to === 'in_progress' ? 'start' : to === 'published' ? 'publish' : 'cancel'}`,
        targetType: 'project',
        targetId: id,
        place,
        before: { state: row.state },
        after: { state: to },
        reason,
      })
    })
  }

  private async communityName(tx: DbOrTx, place: Ancestry): Promise<string> {
    const result = await tx.execute(sql`select name from communities where id = ${place.communityId!}`)
    return (result.rows[0] as { name: string } | undefined)?.name ?? ''
  }

  /** The people of moved needs (the resident it is for, and its recorder) hear of the change. */
  private async tellNeedPeople(
    tx: DbOrTx,
    viewer: Viewer,
    communityId: string,
    moved: { id: string; forUserId: string | null; recordedBy: string }[],
    projectTitle: string,
    state: 'planned' | 'in_service' | 'accepted',
  ) {
    if (moved.length === 0) return
    const titles = await tx
      .select({ id: needs.id, title: needs.title })
      .from(needs)
      .where(
        and(
          eq(needs.communityId, communityId),
          inArray(
            needs.id,
            moved.map((m) => m.id),
          ),
        ),
      )
    const titleOf = new Map(titles.map((t) => [t.id, t.title]))
    for (const n of moved) {
      await this.app.notifications.bus.publish(tx, {
        kind: 'need.state_changed',
        communityId,
        subject: { type: 'need', id: n.id },
        params: { title: titleOf.get(n.id) ?? '', state, projectTitle },
        to: { people: [n.forUserId, n.recordedBy].filter((p): p is string => p !== null) },
        except: viewer.userId,
      })
    }
  }
}
