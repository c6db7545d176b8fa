/**
 * Sign-ups (报名): confirmed while places remain, else waitlisted with a unique, gapless position;
 * a cancellation promotes the head of the line. Race-safe on PostgreSQL: every change of an
 * activity's sign-ups takes the activity's row lock first (`SELECT … FOR UPDATE`), so the counts
 * on the row are read and written by one transaction at a time and stay equal to the rows; the
 * table holds the rest (a CHECK on confirmed ≤ slots, a partial UNIQUE index against a second
 * live sign-up). Signing up and cancelling take an idempotency key: a replay returns the first
 * result and changes nothing.
 */
import { DomainError, assertTransition, maskPhone, signUpMachine, type SignUpState } from '@linli/shared'
import { and, eq, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { isUuid, loadAncestry, requireCommunityStaff } from '../../access/places.ts'
import { newId } from '../../db/columns.ts'
import type { DbOrTx, Tx } from '../../db/index.ts'
import { activities, signUps } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { beginIdempotent, finishIdempotent } from '../../lib/idempotency.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import { activityNotFound } from './activities.service.ts'
import { canReadSignUps, mayJoin, placeFor } from './activities.policy.ts'
import * as repo from './activities.repository.ts'
import type { ActivityRow, Keyset } from './activities.repository.ts'

const signUpNotFound = () => new DomainError('NOT_FOUND', 'sign-up not found')
const isUniqueViolation = (err: unknown) =>
  (err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505'

interface SignUpResult extends Record<string, unknown> {
  communityId: string
  signUpId: string
}

export interface SignUpView {
  id: string
  communityId: string
  activityId: string
  volunteerId: string
  state: SignUpState
  position: number | null
  createdAt: Date
  promotedAt: Date | null
  cancelledAt: Date | null
  activity: ActivityRow
}

export class SignUpsService {
  constructor(private readonly app: FastifyInstance) {}

  private get db() {
    return this.app.db
  }
  private get clock() {
    return this.app.clock
  }
  private get activities() {
    return this.app.activitiesService
  }

  /**
   * Sign the viewer up: confirmed while places remain, else waitlisted at the end of the line.
   * For anyone signed in who sees the activity; a limited one takes only active members of its
   * units. Codes: NOT_FOUND, NOT_A_MEMBER (limited to units the viewer is not an active member
   * of), INVALID_TRANSITION (not scheduled, the project not open, or after the deadline —
   * `reason: SIGN_UP_CLOSED`), ALREADY_EXISTS (a live sign-up already), IDEMPOTENCY_KEY_REUSED,
   * BAD_USER_INPUT (the key).
   */
  async signUp(
    viewer: Viewer,
    communityId: string,
    activityId: string,
    idempotencyKey?: string | null,
  ): Promise<SignUpView> {
    const result = await this.db.transaction(async (tx) => {
      const begun = await beginIdempotent<SignUpResult>(tx, this.clock, {
        actorId: viewer.userId,
        operation: 'signUp',
        key: idempotencyKey,
        input: { communityId, activityId },
      })
      if (begun.replay) return begun.replay
      // Who may, before queueing on the activity's lock (none of it depends on the counts).
      const seen =
        isUuid(communityId) && isUuid(activityId)
          ? await repo.findActivity(tx, communityId, activityId, viewer.userId)
          : null
      if (!seen || !(await this.activities.maySee(tx, viewer, seen))) throw activityNotFound()
      if (seen.restrictedToUnitIds?.length) {
        const member = await repo.activeMemberUnits(tx, viewer.userId, seen.restrictedToUnitIds)
        if (!mayJoin(seen.restrictedToUnitIds, member)) {
          throw new DomainError('NOT_A_MEMBER', 'Only members of the claiming units may sign up', {
            reason: 'RESTRICTED_TO_UNITS',
          })
        }
      }
      if (!['published', 'claimed', 'in_progress'].includes(seen.projectState)) {
        throw new DomainError('INVALID_TRANSITION', 'The project takes no sign-ups now', {
          from: seen.projectState,
          to: 'confirmed',
          reason: 'PROJECT_NOT_OPEN',
        })
      }
      const a = (await repo.lockActivity(tx, communityId, activityId))!
      if (a.state !== 'scheduled') {
        throw new DomainError('INVALID_TRANSITION', 'The activity takes no sign-ups', {
          from: a.state,
          to: 'confirmed',
          reason: 'ACTIVITY_NOT_SCHEDULED',
        })
      }
      const now = this.clock.now()
      if (now >= a.signUpDeadline) {
        throw new DomainError('INVALID_TRANSITION', 'Sign-ups for this activity have closed', {
          from: a.state,
          to: 'confirmed',
          reason: 'SIGN_UP_CLOSED',
        })
      }
      const place = placeFor(a)
      const id = newId()
      try {
        await tx.insert(signUps).values({
          communityId,
          id,
          activityId,
          volunteerId: viewer.userId,
          state: place.state,
          position: place.position,
          createdAt: now,
        })
      } catch (err) {
        if (isUniqueViolation(err)) throw new DomainError('ALREADY_EXISTS', 'You have already signed up')
        throw err
      }
      await tx
        .update(activities)
        .set(
          place.state === 'confirmed'
            ? { confirmed: a.confirmed + 1, updatedAt: now }
            : { waitlisted: a.waitlisted + 1, updatedAt: now },
        )
        .where(and(eq(activities.communityId, communityId), eq(activities.id, activityId)))
      const answer: SignUpResult = { communityId, signUpId: id }
      await finishIdempotent(tx, begun.ticket, answer)
      return answer
    })
    return (await this.view(this.db, viewer, result.communityId, result.signUpId))!
  }

  /**
   * Cancel a sign-up, by its volunteer or the community's staff: a confirmed one frees its place
   * for the head of the waitlist (promoted and told), a waitlisted one closes its gap in the line.
   * Codes: NOT_FOUND, FORBIDDEN (the admins above the community, for someone else's),
   * INVALID_TRANSITION (already cancelled, or the activity is no longer scheduled),
   * IDEMPOTENCY_KEY_REUSED.
   */
  async cancelSignUp(
    viewer: Viewer,
    communityId: string,
    signUpId: string,
    idempotencyKey?: string | null,
  ): Promise<SignUpView> {
    const result = await this.db.transaction(async (tx) => {
      const begun = await beginIdempotent<SignUpResult>(tx, this.clock, {
        actorId: viewer.userId,
        operation: 'cancelSignUp',
        key: idempotencyKey,
        input: { communityId, signUpId },
      })
      if (begun.replay) return begun.replay
      const found = isUuid(communityId) && isUuid(signUpId) ? await repo.findSignUp(tx, communityId, signUpId) : null
      const own = found?.volunteerId === viewer.userId
      if (!own) await requireCommunityStaff(tx, viewer, communityId)
      if (!found) throw signUpNotFound()
      const a = (await repo.lockActivity(tx, communityId, found.activityId))!
      // Read again under the lock: the line may have moved while this waited.
      const s = (await repo.findSignUp(tx, communityId, signUpId))!
      assertTransition(signUpMachine, s.state, 'cancelled')
      if (a.state !== 'scheduled') {
        throw new DomainError('INVALID_TRANSITION', 'The activity is over or cancelled', {
          from: s.state,
          to: 'cancelled',
          reason: 'ACTIVITY_NOT_SCHEDULED',
        })
      }
      // Once it has begun a volunteer no longer withdraws themself (a no-show is marked instead); staff still may.
      if (
        own &&
        s.state === 'confirmed' &&
        this.clock.now() >= a.startsAt &&
        !(await repo.isStaffOf(tx, viewer.userId, communityId))
      ) {
        throw new DomainError('INVALID_TRANSITION', 'The activity has begun', {
          from: s.state,
          to: 'cancelled',
          reason: 'ACTIVITY_STARTED',
        })
      }
      await this.withdrawLocked(tx, a, s)
      if (!own) {
        await recordAudit(tx, this.clock, {
          actorId: viewer.userId,
          action: 'sign_up.cancel',
          targetType: 'sign_up',
          targetId: s.id,
          place: (await loadAncestry(tx, { kind: 'community', id: communityId })) ?? undefined,
          before: { state: s.state, position: s.position },
          after: { state: 'cancelled' },
        })
      }
      const answer: SignUpResult = { communityId, signUpId }
      await finishIdempotent(tx, begun.ticket, answer)
      return answer
    })
    return (await this.view(this.db, viewer, result.communityId, result.signUpId))!
  }

  /**
   * With the activity locked: cancel a live sign-up and keep the line and the counts exact. A
   * confirmed one's place goes to the head of the waitlist; behind a waitlisted one everyone
   * moves up by one.
   */
  private async withdrawLocked(
    tx: Tx,
    a: typeof activities.$inferSelect,
    s: typeof signUps.$inferSelect,
  ): Promise<void> {
    const now = this.clock.now()
    const key = and(eq(signUps.communityId, a.communityId), eq(signUps.id, s.id))
    await tx.update(signUps).set({ state: 'cancelled', position: null, cancelledAt: now }).where(key)
    const activityKey = and(eq(activities.communityId, a.communityId), eq(activities.id, a.id))
    if (s.state === 'confirmed') {
      const confirmed = a.confirmed - 1
      await tx.update(activities).set({ confirmed, updatedAt: now }).where(activityKey)
      await this.activities.fillFromWaitlist(tx, { ...a, confirmed })
    } else {
      await tx
        .update(signUps)
        .set({ position: sql`${signUps.position} - 1` })
        .where(
          and(
            eq(signUps.communityId, a.communityId),
            eq(signUps.activityId, a.id),
            eq(signUps.state, 'waitlisted'),
            sql`${signUps.position} > ${s.position}`,
          ),
        )
      await tx
        .update(activities)
        .set({ waitlisted: a.waitlisted - 1, updatedAt: now })
        .where(activityKey)
    }
  }

  /**
   * A person deleting their account leaves every line they stand in: their live sign-ups are
   * cancelled (promoting the waitlist); the rows stay. In the caller's transaction.
   */
  async cancelAllOf(tx: Tx, userId: string): Promise<number> {
    let n = 0
    for (const live of await repo.liveSignUpsOf(tx, userId)) {
      const a = await repo.lockActivity(tx, live.communityId, live.activityId)
      const s = await repo.findSignUp(tx, live.communityId, live.id)
      if (!a || !s || (s.state !== 'confirmed' && s.state !== 'waitlisted')) continue
      await this.withdrawLocked(tx, a, s)
      n++
    }
    return n
  }

  // ── Reading ────────────────────────────────────────────────────────────────

  private async view(db: DbOrTx, viewer: Viewer, communityId: string, id: string): Promise<SignUpView | null> {
    const s = await repo.findSignUp(db, communityId, id)
    if (!s) return null
    const activity = (await repo.findActivity(db, communityId, s.activityId, viewer.userId))!
    return { ...s, activity }
  }

  /**
   * An activity's roster (phones masked) for the community's readers, its leader and the admins
   * of units claiming its project. Codes: NOT_FOUND.
   */
  async activitySignUps(viewer: Viewer, communityId: string, activityId: string) {
    if (!isUuid(communityId) || !isUuid(activityId)) throw activityNotFound()
    const row = await repo.findActivity(this.db, communityId, activityId, viewer.userId)
    if (!row) throw activityNotFound()
    const isReader = await this.activities.isReader(this.db, viewer, communityId)
    const claimUnitIds = isReader ? [] : await repo.claimingUnitIds(this.db, communityId, row.projectId)
    if (!canReadSignUps(viewer, row, { isReader, claimUnitIds })) throw activityNotFound()
    const rows = await repo.roster(this.db, communityId, activityId)
    return rows.map(({ phone, realName, volunteerId, ...r }) => ({
      ...r,
      volunteer: { id: volunteerId, realName, phone: maskPhone(phone) },
    }))
  }

  /** 我的报名: the viewer's sign-ups, latest activity first, with the activity. One statement per page. */
  async mySignUps(viewer: Viewer, args: { first?: number | null; after?: string | null }) {
    const first = Math.min(Math.max(args.first ?? 20, 1), 100)
    const after: Keyset | null = repo.decodeCursor(args.after)
    const rows = await repo.mySignUpPage(this.db, { viewerId: viewer.userId, first, after })
    const nodes = rows.slice(0, first)
    const last = nodes.at(-1)
    return {
      nodes,
      pageInfo: {
        endCursor: last ? repo.encodeCursor({ startsAt: last.activity.startsAt, id: last.id }) : null,
        hasNextPage: rows.length > first,
      },
    }
  }
}
