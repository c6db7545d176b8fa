/**
 * 点单: a unit's admin claims a published project for their unit, naming the resources it
 * brings and how many volunteers. Race-safe on PostgreSQL: one conditional UPDATE takes a place
 * (`taken < capacity`, the row lock serialising claimers) and the claim row is inserted in the
 * same transaction; the table holds the rest (a CHECK on capacity, a partial UNIQUE index
 * against a unit's second live claim). Claim and withdraw take an idempotency key: a replay
 * returns the first result and changes nothing. The earliest live claim leads; when it leaves,
 * the next earliest leads and its unit is told.
 */
import {
  BEFORE_START_PROJECT_STATES,
  DomainError,
  LIVE_CLAIM_STATES,
  assertTransition,
  claimInputSchema,
  claimMachine,
  reasonSchema,
  type ClaimState,
} from '@linli/shared'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { isUuid, loadAncestry, requireCommunityStaff, requirePlaceRole } from '../../access/places.ts'
import { newId } from '../../db/columns.ts'
import type { DbOrTx, Tx } from '../../db/index.ts'
import { claims, projects, resources, units } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { beginIdempotent, finishIdempotent } from '../../lib/idempotency.ts'
import { parseInput } from '../../lib/input.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import { recordProjectNeedsEvent } from '../needs/need-events.ts'
import { isUnitAdmin } from '../units/units.policy.ts'
import * as repo from './projects.repository.ts'
import type { ClaimRow } from './projects.repository.ts'
import { cursor, pageSize, toPage } from './projects.service.ts'

const claimNotFound = () => new DomainError('NOT_FOUND', 'claim not found')
const projectNotFound = () => new DomainError('NOT_FOUND', 'project not found')
const isUniqueViolation = (err: unknown) =>
  (err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505'

interface ClaimResult extends Record<string, unknown> {
  communityId: string
  claimId: string
}

export class ClaimsService {
  constructor(private readonly app: FastifyInstance) {}

  private get db() {
    return this.app.db
  }
  private get clock() {
    return this.app.clock
  }

  /**
   * Claim a project for a unit the viewer administers. Codes: NOT_FOUND (not the viewer's unit,
   * the project unseen, or a resource not the unit's published one in that community),
   * PROJECT_CAPACITY_REACHED, ALREADY_EXISTS (the unit holds a live claim), INVALID_TRANSITION
   * (not open for claims), BAD_USER_INPUT, IDEMPOTENCY_KEY_REUSED.
   */
  async claimProject(viewer: Viewer, raw: unknown, idempotencyKey?: string | null): Promise<ClaimRow> {
    const input = parseInput(claimInputSchema, raw)
    if (!isUuid(input.unitId) || !isUnitAdmin(viewer, input.unitId)) {
      throw new DomainError('NOT_FOUND', 'unit not found')
    }
    const result = await this.db.transaction(async (tx) => {
      const begun = await beginIdempotent<ClaimResult>(tx, this.clock, {
        actorId: viewer.userId,
        operation: 'claimProject',
        key: idempotencyKey,
        input,
      })
      if (begun.replay) return begun.replay
      const communityId = isUuid(input.projectId) ? await repo.projectCommunity(tx, input.projectId) : null
      if (!communityId || !(await repo.unitIsActiveIn(tx, input.unitId, communityId))) throw projectNotFound()
      const resourceIds = await this.requireOwnResources(tx, communityId, input.unitId, input.resourceIds)
      const settings = await this.app.settingsService.effective(tx, communityId)
      // One statement takes a place or nothing: the row lock makes claimers queue, and each
      // sees the count the one before it left.
      const taken = await tx
        .update(projects)
        .set({
          taken: sql`${projects.taken} + 1`,
          state: sql`case when ${projects.taken} + 1 >= ${projects.capacity} then 'claimed' else 'published' end`,
          updatedAt: this.clock.now(),
        })
        .where(
          and(
            eq(projects.communityId, communityId),
            eq(projects.id, input.projectId),
            eq(projects.state, 'published'),
            sql`${projects.taken} < ${projects.capacity}`,
          ),
        )
        .returning({ title: projects.title, taken: projects.taken, capacity: projects.capacity })
      if (taken.length === 0) await this.refuseClaim(tx, communityId, input.projectId, input.unitId)
      const project = taken[0]!
      const state: ClaimState = settings.claimApprovalRequired ? 'pending' : 'active'
      const id = newId()
      const now = this.clock.now()
      try {
        await tx.insert(claims).values({
          communityId,
          id,
          projectId: input.projectId,
          unitId: input.unitId,
          state,
          resourceIds,
          volunteers: input.volunteers,
          note: input.note,
          claimedBy: viewer.userId,
          createdAt: now,
        })
      } catch (err) {
        if (isUniqueViolation(err)) throw new DomainError('ALREADY_EXISTS', 'The unit already claimed this project')
        throw err
      }
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'claim.create',
        targetType: 'claim',
        targetId: id,
        place: (await loadAncestry(tx, { kind: 'community', id: communityId })) ?? undefined,
        unitId: input.unitId,
        after: { projectId: input.projectId, state, volunteers: input.volunteers, taken: project.taken },
      })
      const unitName = await this.unitName(tx, input.unitId)
      await this.app.notifications.bus.publish(tx, {
        kind: 'claim.made',
        communityId,
        subject: { type: 'project', id: input.projectId },
        params: { projectTitle: project.title, unitName, state },
        to: { communityStaff: communityId },
        except: viewer.userId,
      })
      // The residents following the project's needs see which unit will serve them.
      await recordProjectNeedsEvent(tx, {
        communityId,
        projectId: input.projectId,
        actorId: viewer.userId,
        action: 'unit_claimed',
        detail: { unitName, projectTitle: project.title, claimState: state },
        at: now,
      })
      const answer: ClaimResult = { communityId, claimId: id }
      await finishIdempotent(tx, begun.ticket, answer)
      return answer
    })
    return (await repo.findClaim(this.db, result.communityId, result.claimId))!
  }

  /** Why no place was taken: the code a unit admin should see. Always throws. */
  private async refuseClaim(tx: DbOrTx, communityId: string, projectId: string, unitId: string): Promise<never> {
    const [row] = await tx
      .select({ state: projects.state, taken: projects.taken, capacity: projects.capacity })
      .from(projects)
      .where(and(eq(projects.communityId, communityId), eq(projects.id, projectId)))
    if (!row || row.state === 'draft') throw projectNotFound()
    const [mine] = await tx
      .select({ id: claims.id })
      .from(claims)
      .where(
        and(
          eq(claims.communityId, communityId),
          eq(claims.projectId, projectId),
          eq(claims.unitId, unitId),
          inArray(claims.state, [...LIVE_CLAIM_STATES]),
        ),
      )
    if (mine) throw new DomainError('ALREADY_EXISTS', 'The unit already claimed this project')
    if (row.state === 'claimed' || (row.state === 'published' && row.taken >= row.capacity)) {
      throw new DomainError('PROJECT_CAPACITY_REACHED', 'Every place of this project is taken', {
        capacity: row.capacity,
      })
    }
    throw new DomainError('INVALID_TRANSITION', 'The project is not open for claims', {
      from: row.state,
      to: 'claimed',
    })
  }

  private async requireOwnResources(tx: DbOrTx, communityId: string, unitId: string, ids: readonly string[]) {
    const unique = [...new Set(ids)]
    if (unique.length === 0) return []
    if (!unique.every(isUuid)) throw new DomainError('NOT_FOUND', 'resource not found')
    const found = await tx
      .select({ id: resources.id })
      .from(resources)
      .where(
        and(
          eq(resources.communityId, communityId),
          eq(resources.unitId, unitId),
          inArray(resources.id, unique),
          eq(resources.state, 'published'),
        ),
      )
    if (found.length !== unique.length) throw new DomainError('NOT_FOUND', 'resource not found')
    return unique
  }

  /**
   * The unit's admin withdraws its claim before the project starts: the place is freed (a
   * claimed project is published again) and, if it led, the next earliest claim leads.
   * Codes: NOT_FOUND, INVALID_TRANSITION (already ended, or the project started).
   */
  async withdrawClaim(viewer: Viewer, communityId: string, claimId: string, idempotencyKey?: string | null) {
    const result = await this.db.transaction(async (tx) => {
      const begun = await beginIdempotent<ClaimResult>(tx, this.clock, {
        actorId: viewer.userId,
        operation: 'withdrawClaim',
        key: idempotencyKey,
        input: { communityId, claimId },
      })
      if (begun.replay) return begun.replay
      const claim = await this.lockClaim(tx, communityId, claimId)
      if (!claim || !isUnitAdmin(viewer, claim.unitId)) throw claimNotFound()
      await this.endClaim(tx, viewer, claim, 'withdrawn', null)
      const answer: ClaimResult = { communityId, claimId }
      await finishIdempotent(tx, begun.ticket, answer)
      return answer
    })
    return (await repo.findClaim(this.db, result.communityId, result.claimId))!
  }

  /** Staff approve a pending claim. Codes: NOT_FOUND, INVALID_TRANSITION. */
  async approveClaim(viewer: Viewer, communityId: string, claimId: string) {
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const claim = await this.lockClaim(tx, communityId, claimId)
      if (!claim) throw claimNotFound()
      assertTransition(claimMachine, claim.state, 'active')
      await tx
        .update(claims)
        .set({ state: 'active', decidedBy: viewer.userId })
        .where(and(eq(claims.communityId, communityId), eq(claims.id, claimId)))
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'claim.approve',
        targetType: 'claim',
        targetId: claimId,
        place,
        unitId: claim.unitId,
        before: { state: claim.state },
        after: { state: 'active' },
      })
      await this.tellUnit(tx, claim, 'claim.decided', { state: 'active' })
      // The residents following the project's needs see that this unit will serve them.
      await recordProjectNeedsEvent(tx, {
        communityId,
        projectId: claim.projectId,
        actorId: viewer.userId,
        action: 'unit_claim_approved',
        detail: { unitName: await this.unitName(tx, claim.unitId) },
        at: this.clock.now(),
      })
    })
    return (await repo.findClaim(this.db, communityId, claimId))!
  }

  /** Staff reject a pending claim with a reason: its place is freed. Codes: NOT_FOUND, INVALID_TRANSITION. */
  async rejectClaim(viewer: Viewer, communityId: string, claimId: string, rawReason: string) {
    const reason = parseInput(reasonSchema, rawReason)
    await this.db.transaction(async (tx) => {
      await requireCommunityStaff(tx, viewer, communityId)
      const claim = await this.lockClaim(tx, communityId, claimId)
      if (!claim) throw claimNotFound()
      await this.endClaim(tx, viewer, claim, 'rejected', reason)
    })
    return (await repo.findClaim(this.db, communityId, claimId))!
  }

  private async lockClaim(tx: DbOrTx, communityId: string, claimId: string) {
    if (!isUuid(communityId) || !isUuid(claimId)) return null
    const [row] = await tx
      .select()
      .from(claims)
      .where(and(eq(claims.communityId, communityId), eq(claims.id, claimId)))
      .for('update')
    return row ?? null
  }

  /** withdrawn or rejected: the place is freed, the lead passes on, those concerned are told. */
  private async endClaim(
    tx: Tx,
    viewer: Viewer,
    claim: typeof claims.$inferSelect,
    to: 'withdrawn' | 'rejected',
    reason: string | null,
  ) {
    assertTransition(claimMachine, claim.state, to)
    const { communityId, projectId } = claim
    const project = await repo.lockProject(tx, communityId, projectId)
    if (!project || !(BEFORE_START_PROJECT_STATES as readonly string[]).includes(project.state)) {
      throw new DomainError('INVALID_TRANSITION', 'The project has started: claims can no longer be withdrawn', {
        from: claim.state,
        to,
      })
    }
    const leadBefore = await repo.leadClaim(tx, communityId, projectId)
    const now = this.clock.now()
    await tx
      .update(claims)
      .set({ state: to, reason, endedAt: now, ...(to === 'rejected' ? { decidedBy: viewer.userId } : {}) })
      .where(and(eq(claims.communityId, communityId), eq(claims.id, claim.id)))
    await tx
      .update(projects)
      .set({
        taken: sql`${projects.taken} - 1`,
        state: sql`case when ${projects.state} = 'claimed' then 'published' else ${projects.state} end`,
        updatedAt: now,
      })
      .where(and(eq(projects.communityId, communityId), eq(projects.id, projectId)))
    const place = await loadAncestry(tx, { kind: 'community', id: communityId })
    await recordAudit(tx, this.clock, {
      actorId: viewer.userId,
      action: to === 'withdrawn' ? 'claim.withdraw' : 'claim.reject',
      targetType: 'claim',
      targetId: claim.id,
      place: place ?? undefined,
      unitId: claim.unitId,
      before: { state: claim.state },
      after: { state: to },
      reason: reason ?? undefined,
    })
    const bus = this.app.notifications.bus
    const unitName = await this.unitName(tx, claim.unitId)
    await recordProjectNeedsEvent(tx, {
      communityId,
      projectId,
      actorId: viewer.userId,
      action: to === 'withdrawn' ? 'unit_withdrew' : 'unit_claim_rejected',
      detail: { unitName, projectTitle: project.title },
      at: now,
    })
    if (to === 'withdrawn') {
      await bus.publish(tx, {
        kind: 'claim.withdrawn',
        communityId,
        subject: { type: 'project', id: projectId },
        params: { projectTitle: project.title, unitName },
        to: { communityStaff: communityId },
        except: viewer.userId,
      })
    } else {
      await this.tellUnit(tx, claim, 'claim.decided', { state: 'rejected', reason: reason ?? '' })
    }
    if (leadBefore?.id === claim.id) {
      const next = await repo.leadClaim(tx, communityId, projectId)
      if (next) {
        await bus.publish(tx, {
          kind: 'claim.lead_changed',
          communityId,
          subject: { type: 'project', id: projectId },
          params: { projectTitle: project.title },
          to: { unitAdmins: next.unitId },
        })
      }
    }
  }

  private async tellUnit(
    tx: DbOrTx,
    claim: typeof claims.$inferSelect,
    kind: 'claim.decided',
    params: Record<string, string>,
  ) {
    const [project] = await tx
      .select({ title: projects.title })
      .from(projects)
      .where(and(eq(projects.communityId, claim.communityId), eq(projects.id, claim.projectId)))
    await this.app.notifications.bus.publish(tx, {
      kind,
      communityId: claim.communityId,
      subject: { type: 'project', id: claim.projectId },
      params: { projectTitle: project?.title ?? '', ...params },
      to: { unitAdmins: claim.unitId },
    })
  }

  private async unitName(tx: DbOrTx, unitId: string): Promise<string> {
    const [row] = await tx.select({ name: units.name }).from(units).where(eq(units.id, unitId))
    return row?.name ?? ''
  }

  /** 我的认领: a unit's claims, newest first, one statement per page. For the unit's admins. */
  async unitClaims(
    viewer: Viewer,
    unitId: string,
    args: { states?: ClaimState[] | null; first?: number | null; after?: string | null },
  ) {
    if (!isUuid(unitId) || !isUnitAdmin(viewer, unitId)) throw new DomainError('NOT_FOUND', 'unit not found')
    const first = pageSize(args.first)
    const rows = await repo.unitClaimPage(this.db, {
      unitId,
      states: args.states ?? null,
      first,
      after: cursor(args.after),
    })
    return toPage(rows, first)
  }

  /** A claim for its unit's admins and the community's staff (and admins above). */
  async claim(viewer: Viewer, communityId: string, claimId: string): Promise<ClaimRow> {
    if (!isUuid(communityId) || !isUuid(claimId)) throw claimNotFound()
    const row = await repo.findClaim(this.db, communityId, claimId)
    if (!row) throw claimNotFound()
    if (isUnitAdmin(viewer, row.unitId)) return row
    await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, [
      'community_staff',
      'street_admin',
      'district_admin',
    ]).catch(() => {
      throw claimNotFound()
    })
    return row
  }
}
