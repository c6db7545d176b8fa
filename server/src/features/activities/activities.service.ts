/**
 * Activities (shifts) of a project: created by the community's staff or by the admin of a unit
 * holding an active claim on it, for a published, claimed or in-progress project; a routine
 * project's may recur weekly in a series. Rescheduling, re-sizing and cancelling tell everyone
 * signed up (confirmed and waitlisted). Anyone signed in finds the scheduled activities of open
 * projects; a refusal elsewhere is NOT_FOUND, exactly as for an id that does not exist.
 */
import {
  ACTIVITY_PROJECT_STATES,
  DomainError,
  LIVE_SIGN_UP_STATES,
  activityInputSchema,
  activityMachine,
  activitySlotsSchema,
  assertTransition,
  reasonSchema,
  rescheduleInputSchema,
  type Role,
} from '@linli/shared'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { isUuid, loadAncestry, requireCommunityStaff, requirePlaceRole, type Ancestry } from '../../access/places.ts'
import { newId } from '../../db/columns.ts'
import type { DbOrTx, Tx } from '../../db/index.ts'
import { activities, projects, signUps } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { parseInput } from '../../lib/input.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import { scheduleActivityClose } from '../hours/hours.jobs.ts'
import { isUnitAdmin } from '../units/units.policy.ts'
import { canManageActivity, creatorUnit, promotable } from './activities.policy.ts'
import * as repo from './activities.repository.ts'
import type { ActivityRow } from './activities.repository.ts'

const READERS: readonly Role[] = ['community_staff', 'street_admin', 'district_admin']
const WEEK = 7 * 86_400_000
const PAGE_MAX = 100

export const activityNotFound = () => new DomainError('NOT_FOUND', 'activity not found')
const projectNotFound = () => new DomainError('NOT_FOUND', 'project not found')
const isOpenProject = (state: string) => (ACTIVITY_PROJECT_STATES as readonly string[]).includes(state)
const slotsInput = z.object({ slots: activitySlotsSchema })

type ActivityRecord = typeof activities.$inferSelect

export interface ActivityPage {
  nodes: ActivityRow[]
  pageInfo: { endCursor: string | null; hasNextPage: boolean }
}

export class ActivitiesService {
  constructor(private readonly app: FastifyInstance) {}

  private get db() {
    return this.app.db
  }
  private get clock() {
    return this.app.clock
  }

  // ── Reading ────────────────────────────────────────────────────────────────

  /** Staff of the community and the street and district admins above it. */
  async isReader(db: DbOrTx, viewer: Viewer, communityId: string): Promise<boolean> {
    return requirePlaceRole(db, viewer, { kind: 'community', id: communityId }, READERS).then(
      () => true,
      () => false,
    )
  }

  /**
   * Who sees an activity: anyone signed in while its project is open (published, claimed, in
   * progress); otherwise its community's readers, its leader, those signed up, and the admins of
   * units that claimed the project.
   */
  async maySee(db: DbOrTx, viewer: Viewer, row: ActivityRow): Promise<boolean> {
    if (isOpenProject(row.projectState) || row.mySignUp || row.leaderId === viewer.userId) return true
    if (await this.isReader(db, viewer, row.communityId)) return true
    const units = await repo.claimingUnitIds(db, row.communityId, row.projectId, ['pending', 'active'])
    return units.some((u) => isUnitAdmin(viewer, u))
  }

  /** One activity with the counts, the leader's name and the viewer's own sign-up. Codes: NOT_FOUND. */
  async activity(viewer: Viewer, communityId: string, id: string): Promise<ActivityRow> {
    if (!isUuid(communityId) || !isUuid(id)) throw activityNotFound()
    const row = await repo.findActivity(this.db, communityId, id, viewer.userId)
    if (!row || !(await this.maySee(this.db, viewer, row))) throw activityNotFound()
    return row
  }

  /**
   * A community's activities by start time, of one project or all. Anyone signed in finds the
   * scheduled ones of open projects; the community's readers (and, for a project, the admins of
   * units that claimed it) see every state. `from` leaves out those already over. One statement
   * per page. Codes: NOT_FOUND (community or project).
   */
  async activities(
    viewer: Viewer,
    communityId: string,
    args: { projectId?: string | null; from?: Date | null; first?: number | null; after?: string | null },
  ): Promise<ActivityPage> {
    if (!isUuid(communityId)) throw new DomainError('NOT_FOUND', 'community not found')
    const projectId = args.projectId ?? null
    let privileged = await this.isReader(this.db, viewer, communityId)
    if (projectId !== null) {
      const [project] = isUuid(projectId)
        ? await this.db
            .select({ state: projects.state })
            .from(projects)
            .where(and(eq(projects.communityId, communityId), eq(projects.id, projectId)))
        : []
      if (!project) throw projectNotFound()
      if (!privileged) {
        const units = await repo.claimingUnitIds(this.db, communityId, projectId, ['pending', 'active'])
        privileged = units.some((u) => isUnitAdmin(viewer, u))
      }
      if (!privileged && !isOpenProject(project.state)) throw projectNotFound()
    } else if (!(await loadAncestry(this.db, { kind: 'community', id: communityId }))) {
      throw new DomainError('NOT_FOUND', 'community not found')
    }
    const first = Math.min(Math.max(args.first ?? 20, 1), PAGE_MAX)
    const rows = await repo.activityPage(this.db, {
      communityId,
      projectId,
      openOnly: !privileged,
      projectStates: ACTIVITY_PROJECT_STATES,
      from: args.from ?? null,
      viewerId: viewer.userId,
      first,
      after: repo.decodeCursor(args.after),
    })
    const nodes = rows.slice(0, first)
    const last = nodes.at(-1)
    return { nodes, pageInfo: { endCursor: last ? repo.encodeCursor(last) : null, hasNextPage: rows.length > first } }
  }

  /** Scheduled activities the viewer leads that have not ended (with the longest tolerance, 4 h, after the end). */
  async myLedActivities(viewer: Viewer, first?: number | null): Promise<ActivityRow[]> {
    const since = new Date(this.clock.now().getTime() - 240 * 60_000)
    return repo.ledBy(this.db, viewer.userId, since, Math.min(Math.max(first ?? 20, 1), PAGE_MAX))
  }

  // ── Changing ───────────────────────────────────────────────────────────────

  /**
   * Create an activity (or, with `recurrence.weekly: n` on a routine project, a series of n, a
   * week apart) and answer the first. By the community's staff or the admin of a unit holding an
   * active claim on the project. Codes: NOT_FOUND, FORBIDDEN (the admins above the community),
   * INVALID_TRANSITION (the project is not published, claimed or in progress), NOT_A_MEMBER (the
   * leader is neither the community's staff nor an active member of a claiming unit),
   * BAD_USER_INPUT (incl. RECURRENCE_INVALID for a one-off project, NO_CLAIMING_UNITS).
   */
  async createActivity(viewer: Viewer, communityId: string, raw: unknown): Promise<ActivityRow> {
    const input = parseInput(activityInputSchema, raw)
    const id = newId()
    await this.db.transaction(async (tx) => {
      // A share lock: a project being cancelled finishes first (and this then sees it cancelled).
      const [project] =
        isUuid(communityId) && isUuid(input.projectId)
          ? await tx
              .select()
              .from(projects)
              .where(and(eq(projects.communityId, communityId), eq(projects.id, input.projectId)))
              .for('share')
          : []
      const activeUnits = project ? await repo.claimingUnitIds(tx, communityId, project.id, ['active']) : []
      const creator = creatorUnit(viewer, communityId, activeUnits)
      const place = creator ? await loadAncestry(tx, { kind: 'community', id: communityId }) : null
      if (!creator || !place) await requireCommunityStaff(tx, viewer, communityId) // NOT_FOUND or FORBIDDEN
      if (!project || !creator || !place) throw projectNotFound()
      if (!isOpenProject(project.state)) {
        throw new DomainError('INVALID_TRANSITION', 'The project takes no activities in this state', {
          from: project.state,
          to: project.state,
          reason: 'PROJECT_NOT_OPEN',
        })
      }
      const occurrences = input.recurrence?.weekly ?? 1
      if (occurrences > 1 && project.cadence !== 'routine') {
        throw new DomainError('BAD_USER_INPUT', 'The input is not valid', {
          fields: { 'recurrence.weekly': 'RECURRENCE_INVALID' },
        })
      }
      const liveUnits = await repo.claimingUnitIds(tx, communityId, project.id)
      if (input.leaderId) await this.requireLeader(tx, input.leaderId, communityId, liveUnits)
      let restrictedToUnitIds: string[] | null = null
      if (input.claimingUnitsOnly) {
        if (activeUnits.length === 0) {
          throw new DomainError('BAD_USER_INPUT', 'The input is not valid', {
            fields: { claimingUnitsOnly: 'NO_CLAIMING_UNITS' },
          })
        }
        restrictedToUnitIds = activeUnits
      }
      const startsAt = new Date(input.startsAt)
      const endsAt = new Date(input.endsAt)
      const deadline = input.signUpDeadline ? new Date(input.signUpDeadline) : startsAt
      const seriesId = occurrences > 1 ? newId() : null
      const now = this.clock.now()
      const shift = (d: Date, k: number) => new Date(d.getTime() + k * WEEK)
      const ids = Array.from({ length: occurrences }, (_, k) => (k === 0 ? id : newId()))
      await tx.insert(activities).values(
        Array.from({ length: occurrences }, (_, k) => ({
          communityId,
          id: ids[k]!,
          projectId: project.id,
          title: input.title,
          place: input.place,
          startsAt: shift(startsAt, k),
          endsAt: shift(endsAt, k),
          slots: input.slots,
          requiredSkills: input.requiredSkills,
          leaderId: input.leaderId ?? null,
          signUpDeadline: shift(deadline, k),
          restrictedToUnitIds,
          seriesId,
          unitId: creator.unitId,
          createdBy: viewer.userId,
          createdAt: now,
          updatedAt: now,
        })),
      )
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'activity.create',
        targetType: 'activity',
        targetId: id,
        place,
        unitId: creator.unitId,
        after: { projectId: project.id, title: input.title, slots: input.slots, occurrences, seriesId },
      })
      // Each closes after its window (forgotten check-outs, no-shows): see the hours feature.
      for (const [k, activityId] of ids.entries()) {
        await scheduleActivityClose(this.app, tx, { communityId, id: activityId, endsAt: shift(endsAt, k) })
      }
    })
    return (await repo.findActivity(this.db, communityId, id, viewer.userId))!
  }

  /** The leader: staff of the community, or an active roster member of a unit claiming the project. */
  private async requireLeader(tx: DbOrTx, leaderId: string, communityId: string, claimUnits: readonly string[]) {
    const eligible =
      isUuid(leaderId) &&
      ((await repo.isStaffOf(tx, leaderId, communityId)) ||
        (await repo.activeMemberUnits(tx, leaderId, claimUnits)).length > 0)
    if (!eligible) {
      throw new DomainError('NOT_A_MEMBER', 'The leader must be the community’s staff or a claiming unit’s member')
    }
  }

  /**
   * Move an activity (time window and place); the sign-up deadline moves with the start unless
   * given. Everyone signed up is told. Codes: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION (not
   * scheduled), BAD_USER_INPUT.
   */
  async rescheduleActivity(viewer: Viewer, communityId: string, id: string, raw: unknown): Promise<ActivityRow> {
    const input = parseInput(rescheduleInputSchema, raw)
    await this.db.transaction(async (tx) => {
      const { row, place } = await this.lockForChange(tx, viewer, communityId, id)
      if (row.state !== 'scheduled') {
        throw new DomainError('INVALID_TRANSITION', 'Only a scheduled activity can be moved', {
          from: row.state,
          to: 'scheduled',
        })
      }
      const startsAt = new Date(input.startsAt)
      const moved = new Date(row.signUpDeadline.getTime() + (startsAt.getTime() - row.startsAt.getTime()))
      const deadline = input.signUpDeadline ? new Date(input.signUpDeadline) : moved > startsAt ? startsAt : moved
      await tx
        .update(activities)
        .set({
          startsAt,
          endsAt: new Date(input.endsAt),
          place: input.place,
          signUpDeadline: deadline,
          updatedAt: this.clock.now(),
        })
        .where(and(eq(activities.communityId, communityId), eq(activities.id, id)))
      await scheduleActivityClose(this.app, tx, { communityId, id, endsAt: new Date(input.endsAt) })
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'activity.reschedule',
        targetType: 'activity',
        targetId: id,
        place,
        unitId: row.unitId,
        before: { startsAt: row.startsAt, endsAt: row.endsAt, place: row.place },
        after: { startsAt: input.startsAt, endsAt: input.endsAt, place: input.place },
      })
      const people = await this.livePeople(tx, communityId, id)
      if (people.length > 0) {
        await this.app.notifications.bus.publish(tx, {
          kind: 'activity.changed',
          communityId,
          subject: { type: 'activity', id },
          params: { title: row.title, startsAt: startsAt.toISOString(), place: input.place },
          to: { people },
          except: viewer.userId,
        })
      }
    })
    return (await repo.findActivity(this.db, communityId, id, viewer.userId))!
  }

  /**
   * Change the number of places: raising it promotes from the waitlist in order (each told);
   * lowering it stops at the number confirmed. Codes: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION,
   * BAD_USER_INPUT (SLOTS_INVALID, SLOTS_BELOW_CONFIRMED).
   */
  async setActivitySlots(viewer: Viewer, communityId: string, id: string, rawSlots: unknown): Promise<ActivityRow> {
    const { slots } = parseInput(slotsInput, { slots: rawSlots })
    await this.db.transaction(async (tx) => {
      const { row, place } = await this.lockForChange(tx, viewer, communityId, id)
      if (row.state !== 'scheduled') {
        throw new DomainError('INVALID_TRANSITION', 'Only a scheduled activity can be re-sized', {
          from: row.state,
          to: 'scheduled',
        })
      }
      if (slots < row.confirmed) {
        throw new DomainError('BAD_USER_INPUT', 'The input is not valid', {
          fields: { slots: 'SLOTS_BELOW_CONFIRMED' },
          confirmed: row.confirmed,
        })
      }
      await tx
        .update(activities)
        .set({ slots, updatedAt: this.clock.now() })
        .where(and(eq(activities.communityId, communityId), eq(activities.id, id)))
      const promoted = await this.fillFromWaitlist(tx, { ...row, slots })
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'activity.slots',
        targetType: 'activity',
        targetId: id,
        place,
        unitId: row.unitId,
        before: { slots: row.slots, confirmed: row.confirmed, waitlisted: row.waitlisted },
        after: { slots, promoted },
      })
    })
    return (await repo.findActivity(this.db, communityId, id, viewer.userId))!
  }

  /**
   * Cancel with a reason: every live sign-up is cancelled and its volunteer told.
   * Codes: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION, BAD_USER_INPUT.
   */
  async cancelActivity(viewer: Viewer, communityId: string, id: string, rawReason: string): Promise<ActivityRow> {
    const reason = parseInput(reasonSchema, rawReason)
    await this.db.transaction(async (tx) => {
      const { row, place } = await this.lockForChange(tx, viewer, communityId, id)
      await this.cancelLocked(tx, viewer.userId, row, reason)
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'activity.cancel',
        targetType: 'activity',
        targetId: id,
        place,
        unitId: row.unitId,
        before: { state: row.state, confirmed: row.confirmed, waitlisted: row.waitlisted },
        after: { state: 'cancelled' },
        reason,
      })
    })
    return (await repo.findActivity(this.db, communityId, id, viewer.userId))!
  }

  /**
   * A cancelled project's scheduled activities are cancelled with it (its caller's transaction,
   * the project row already locked), their volunteers told.
   */
  async cancelForProject(tx: Tx, actorId: string, communityId: string, projectId: string, reason: string) {
    const ids = await tx
      .select({ id: activities.id })
      .from(activities)
      .where(
        and(
          eq(activities.communityId, communityId),
          eq(activities.projectId, projectId),
          eq(activities.state, 'scheduled'),
        ),
      )
      .orderBy(activities.id)
    for (const { id } of ids) {
      const row = await repo.lockActivity(tx, communityId, id)
      if (row?.state === 'scheduled') await this.cancelLocked(tx, actorId, row, reason)
    }
  }

  private async cancelLocked(tx: Tx, actorId: string, row: ActivityRecord, reason: string) {
    assertTransition(activityMachine, row.state, 'cancelled')
    const now = this.clock.now()
    const ended = await tx
      .update(signUps)
      .set({ state: 'cancelled', position: null, cancelledAt: now })
      .where(
        and(
          eq(signUps.communityId, row.communityId),
          eq(signUps.activityId, row.id),
          inArray(signUps.state, [...LIVE_SIGN_UP_STATES]),
        ),
      )
      .returning({ volunteerId: signUps.volunteerId })
    await tx
      .update(activities)
      .set({ state: 'cancelled', cancelReason: reason, confirmed: 0, waitlisted: 0, updatedAt: now })
      .where(and(eq(activities.communityId, row.communityId), eq(activities.id, row.id)))
    if (ended.length > 0) {
      await this.app.notifications.bus.publish(tx, {
        kind: 'activity.cancelled',
        communityId: row.communityId,
        subject: { type: 'activity', id: row.id },
        params: { title: row.title, reason },
        to: { people: ended.map((e) => e.volunteerId) },
        except: actorId,
      })
    }
  }

  /**
   * Lock the activity for a change by whoever may make it: staff, or the admins of the unit that
   * created it while it holds an active claim. Anyone else gets requireCommunityStaff's answer
   * (NOT_FOUND, or FORBIDDEN for the admins above), the same as for an id that does not exist.
   */
  private async lockForChange(
    tx: Tx,
    viewer: Viewer,
    communityId: string,
    id: string,
  ): Promise<{ row: ActivityRecord; place: Ancestry }> {
    const row = isUuid(communityId) && isUuid(id) ? await repo.lockActivity(tx, communityId, id) : null
    const activeUnits =
      row?.unitId && isUnitAdmin(viewer, row.unitId)
        ? await repo.claimingUnitIds(tx, communityId, row.projectId, ['active'])
        : []
    if (row && canManageActivity(viewer, row, activeUnits)) {
      const place = await loadAncestry(tx, { kind: 'community', id: communityId })
      if (place) return { row, place }
    }
    await requireCommunityStaff(tx, viewer, communityId)
    throw activityNotFound()
  }

  /** The people signed up (confirmed or waitlisted). */
  private async livePeople(tx: DbOrTx, communityId: string, activityId: string): Promise<string[]> {
    const rows = await tx
      .select({ id: signUps.volunteerId })
      .from(signUps)
      .where(
        and(
          eq(signUps.communityId, communityId),
          eq(signUps.activityId, activityId),
          inArray(signUps.state, [...LIVE_SIGN_UP_STATES]),
        ),
      )
    return rows.map((r) => r.id)
  }

  /**
   * With the activity locked and `row` holding its counts: move the head of the waitlist up into
   * the free places (in order), close the line up behind them, keep the counts exact and tell
   * each promoted volunteer. Answers how many moved up.
   */
  async fillFromWaitlist(
    tx: Tx,
    row: Pick<
      ActivityRecord,
      'communityId' | 'id' | 'title' | 'place' | 'startsAt' | 'slots' | 'confirmed' | 'waitlisted'
    >,
  ): Promise<number> {
    const k = promotable(row)
    if (k === 0) return 0
    const now = this.clock.now()
    const where = and(
      eq(signUps.communityId, row.communityId),
      eq(signUps.activityId, row.id),
      eq(signUps.state, 'waitlisted'),
    )
    const promoted = await tx
      .update(signUps)
      .set({ state: 'confirmed', position: null, promotedAt: now })
      .where(and(where, sql`${signUps.position} <= ${k}`))
      .returning({ volunteerId: signUps.volunteerId })
    await tx
      .update(signUps)
      .set({ position: sql`${signUps.position} - ${k}` })
      .where(where)
    await tx
      .update(activities)
      .set({ confirmed: row.confirmed + k, waitlisted: row.waitlisted - k, updatedAt: now })
      .where(and(eq(activities.communityId, row.communityId), eq(activities.id, row.id)))
    await this.app.notifications.bus.publish(tx, {
      kind: 'sign_up.promoted',
      communityId: row.communityId,
      subject: { type: 'activity', id: row.id },
      params: { title: row.title, startsAt: row.startsAt.toISOString(), place: row.place },
      to: { people: promoted.map((p) => p.volunteerId) },
    })
    return k
  }
}
