/**
 * Hours (服务时长) after the national rules: the organising community records and certifies.
 * A volunteer with a confirmed sign-up checks in with the leader's rotating code from the
 * tolerance before the start until the end, and out with it again; staff or the leader check in
 * on site a volunteer without a smartphone. Hours are the span clipped to the window, capped and
 * thresholded per the community's settings. Staff back-fill (补录) after the fact, approve in
 * batches, reject with a reason, and correct an approved record only by a new record that voids
 * it. After the window (and the tolerance) a sweep closes forgotten check-outs at the end
 * (flagged), marks the sign-ups attended or no-show, and completes the activity.
 *
 * Contention: a volunteer's live record per activity is unique in the table (a double tap finds
 * the first); approvals and corrections lock the records they change (`FOR UPDATE`), so two
 * staff approving or correcting the same record at once change it once.
 */
import {
  DomainError,
  assertTransition,
  backFillInputSchema,
  checkInWindow,
  computeMinutes,
  correctionInputSchema,
  hourRecordMachine,
  maskPhone,
  noShowMarkMachine,
  plannedMinutes,
  reasonSchema,
  shanghaiDateOf,
  starProgress,
  type HourRecordState,
} from '@linli/shared'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import QRCode from 'qrcode'
import { z } from 'zod'
import { isUuid, loadAncestry, requireCommunityStaff } from '../../access/places.ts'
import { newId } from '../../db/columns.ts'
import type { DbOrTx, Tx } from '../../db/index.ts'
import { activities, hourRecords, noShowMarks, signUps, users } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { parseInput } from '../../lib/input.ts'
import { everyPage } from '../../lib/xlsx-export.ts'
import { auditContactsExport, recordAudit } from '../audit/audit.recorder.ts'
import { activityNotFound } from '../activities/activities.service.ts'
import * as activitiesRepo from '../activities/activities.repository.ts'
import type { ActivityRow } from '../activities/activities.repository.ts'
import { sharedSecret } from '../auth/secrets.ts'
import { assertNotThrottled, recordFailure, throttleKey } from '../auth/throttle.ts'
import { isUnitAdmin } from '../units/units.policy.ts'
import { checkInCodeAt, checkInUrl, isValidCheckInCode } from './check-in-code.ts'
import * as repo from './hours.repository.ts'
import type { HourRecordRow, NoShowRow } from './hours.repository.ts'

const PAGE_MAX = 100
/** Wrong check-in codes a volunteer may type at one activity within the throttle window (15 min). */
const CHECK_IN_CODE_ATTEMPTS = 10
const BATCH_MAX = 200
const MONTH_MS = 30 * 86_400_000

const recordNotFound = () => new DomainError('NOT_FOUND', 'hour record not found')
const markNotFound = () => new DomainError('NOT_FOUND', 'no-show mark not found')
const isUniqueViolation = (err: unknown) =>
  (err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505'

const timesInput = z
  .object({ checkInAt: z.date(), checkOutAt: z.date() })
  .refine((t) => t.checkInAt < t.checkOutAt, { message: 'ENDS_BEFORE_START', path: ['checkOutAt'] })
const noteSchema = z.string().trim().max(200, 'REASON_TOO_LONG').nullish()

export interface HourRecordView extends Omit<HourRecordRow, 'volunteerName' | 'volunteerPhone' | 'volunteerId'> {
  volunteer: { id: string; realName: string; phone: string }
}
export interface NoShowView extends Omit<NoShowRow, 'volunteerName' | 'volunteerPhone' | 'volunteerId'> {
  volunteer: { id: string; realName: string; phone: string }
  counts: boolean
}

/** The calendar year (Asia/Shanghai) an instant falls in, as [start, end). */
export function shanghaiYear(at: Date, year?: number): { year: number; start: Date; end: Date } {
  const y = year ?? Number(shanghaiDateOf(at).slice(0, 4))
  return { year: y, start: new Date(`${y}-01-01T00:00:00+08:00`), end: new Date(`${y + 1}-01-01T00:00:00+08:00`) }
}

export class HoursService {
  private secret: Promise<string> | undefined

  constructor(private readonly app: FastifyInstance) {}

  private get db() {
    return this.app.db
  }
  private get clock() {
    return this.app.clock
  }

  private codeSecret(): Promise<string> {
    this.secret ??= sharedSecret(this.db, this.clock, 'check_in_code')
    return this.secret
  }

  // ── Views ──────────────────────────────────────────────────────────────────

  /** The person a record or mark is for: their phone in full only to themself. */
  private volunteerOf(viewer: Viewer, r: { volunteerId: string; volunteerName: string; volunteerPhone: string }) {
    const phone = r.volunteerId === viewer.userId ? r.volunteerPhone : maskPhone(r.volunteerPhone)
    return { id: r.volunteerId, realName: r.volunteerName, phone }
  }

  private view(viewer: Viewer, r: HourRecordRow): HourRecordView {
    const { volunteerName: _n, volunteerPhone: _p, volunteerId: _i, ...rest } = r
    return { ...rest, volunteer: this.volunteerOf(viewer, r) }
  }

  private markView(viewer: Viewer, m: NoShowRow): NoShowView {
    const { volunteerName: _n, volunteerPhone: _p, volunteerId: _i, ...rest } = m
    return {
      ...rest,
      volunteer: this.volunteerOf(viewer, m),
      counts: m.state !== 'cleared' && m.fadesAt > this.clock.now(),
    }
  }

  private async reload(viewer: Viewer, communityId: string, id: string): Promise<HourRecordView> {
    return this.view(viewer, (await repo.findRecord(this.db, communityId, id))!)
  }

  // ── Who may ────────────────────────────────────────────────────────────────

  /** The activity as the viewer may see it (else NOT_FOUND, as for a missing id). */
  private async seenActivity(
    db: DbOrTx,
    viewer: Viewer,
    communityId: string,
    activityId: string,
  ): Promise<ActivityRow> {
    const row =
      isUuid(communityId) && isUuid(activityId)
        ? await activitiesRepo.findActivity(db, communityId, activityId, viewer.userId)
        : null
    if (!row || !(await this.app.activitiesService.maySee(db, viewer, row))) throw activityNotFound()
    return row
  }

  /**
   * Who runs the activity on site (shows the code, checks people in and out): the community's
   * staff and the activity's leader. Others who see it get FORBIDDEN; the admins above the
   * community too.
   */
  private async requireOperator(db: DbOrTx, viewer: Viewer, communityId: string, activityId: string) {
    const row = await this.seenActivity(db, viewer, communityId, activityId)
    if (row.leaderId === viewer.userId || (await activitiesRepo.isStaffOf(db, viewer.userId, communityId))) return row
    // They see the activity (its project is open to everyone signed in): not theirs to run.
    throw new DomainError('FORBIDDEN', 'only the leader and the community’s staff run the check-in')
    return row
  }

  /** Who reads an activity's records: as its roster (staff and admins above, the leader, claiming units' admins). */
  private async requireRosterReader(db: DbOrTx, viewer: Viewer, communityId: string, activityId: string) {
    const row = await this.seenActivity(db, viewer, communityId, activityId)
    if (row.leaderId === viewer.userId) return row
    if (await this.app.activitiesService.isReader(db, viewer, communityId)) return row
    const units = await activitiesRepo.claimingUnitIds(db, communityId, row.projectId, ['pending', 'active'])
    if (units.some((u) => isUnitAdmin(viewer, u))) return row
    throw new DomainError('FORBIDDEN', 'only staff, the leader and the claiming units’ admins see the hours')
  }

  private async rules(db: DbOrTx, communityId: string) {
    const s = await this.app.settingsService.effective(db, communityId)
    return {
      toleranceMinutes: s.checkInToleranceMinutes,
      perActivityHourCap: s.perActivityHourCap,
      validityThresholdPercent: s.validityThresholdPercent,
      noShowFadeMonths: s.noShowFadeMonths,
    }
  }

  // ── The code ───────────────────────────────────────────────────────────────

  /** The current code with its QR image, for the leader or staff. Codes: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION. */
  async checkInCode(viewer: Viewer, communityId: string, activityId: string, origin: string) {
    const activity = await this.requireOperator(this.db, viewer, communityId, activityId)
    if (activity.state !== 'scheduled') {
      throw new DomainError('INVALID_TRANSITION', 'The activity is not being held', {
        from: activity.state,
        reason: 'ACTIVITY_NOT_SCHEDULED',
      })
    }
    const { toleranceMinutes } = await this.rules(this.db, communityId)
    const code = checkInCodeAt(await this.codeSecret(), communityId, activityId, this.clock.now())
    const payload = checkInUrl(origin, communityId, activityId, code.token)
    const window = checkInWindow(activity, toleranceMinutes)
    return {
      activityId,
      digits: code.digits,
      payload,
      qrPng: await QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, scale: 8 }),
      expiresAt: code.expiresAt,
      opensAt: window.opensAt,
      closesAt: window.closesAt,
    }
  }

  /**
   * The code must be the leader's current (or previous) one. Wrong codes are counted per
   * volunteer and activity: after CHECK_IN_CODE_ATTEMPTS in the throttle window the next try is
   * TOO_MANY_ATTEMPTS (with `retryAfter`), so six digits cannot be guessed by trying them all.
   */
  private async requireCode(viewer: Viewer, communityId: string, activityId: string, code: string) {
    const keys = [throttleKey('check_in_code', `${viewer.userId}:${activityId}`, CHECK_IN_CODE_ATTEMPTS)]
    await assertNotThrottled(this.db, this.clock, keys)
    if (!isValidCheckInCode(await this.codeSecret(), communityId, activityId, code, this.clock.now())) {
      await recordFailure(this.db, this.clock, keys)
      throw new DomainError('CHECK_IN_CODE_INVALID', 'That is not the leader’s current code')
    }
  }

  private requireWindow(
    activity: { startsAt: Date; endsAt: Date; state: string },
    toleranceMinutes: number,
    end?: Date,
  ) {
    const now = this.clock.now()
    const { opensAt, closesAt } = checkInWindow(activity, toleranceMinutes)
    const until = end ?? closesAt
    if (activity.state !== 'scheduled' || now < opensAt || now >= until) {
      throw new DomainError('CHECK_IN_NOT_OPEN', 'Check-in is not open now', {
        opensAt: opensAt.toISOString(),
        closesAt: until.toISOString(),
      })
    }
  }

  // ── Checking in and out ────────────────────────────────────────────────────

  /**
   * Check in with the leader's code. A repeat while checked in answers the open record. Codes:
   * NOT_FOUND, CHECK_IN_NOT_OPEN, NOT_SIGNED_UP, CHECK_IN_CODE_INVALID, INVALID_TRANSITION
   * (already checked out: `reason: ALREADY_CHECKED_OUT`).
   */
  async checkIn(viewer: Viewer, communityId: string, activityId: string, code: string): Promise<HourRecordView> {
    const activity = await this.seenActivity(this.db, viewer, communityId, activityId)
    const { toleranceMinutes } = await this.rules(this.db, communityId)
    this.requireWindow(activity, toleranceMinutes)
    if (activity.mySignUp?.state !== 'confirmed') {
      throw new DomainError('NOT_SIGNED_UP', 'No confirmed sign-up for this activity')
    }
    await this.requireCode(viewer, communityId, activityId, code)
    const id = await this.openRecord(
      viewer.userId,
      communityId,
      activityId,
      activity.mySignUp.id,
      'check_in',
      viewer.userId,
    )
    return this.reload(viewer, communityId, id)
  }

  /** Insert the open record, or find the one a concurrent or earlier check-in opened. */
  private async openRecord(
    volunteerId: string,
    communityId: string,
    activityId: string,
    signUpId: string,
    source: 'check_in' | 'on_site',
    actorId: string,
  ): Promise<string> {
    const now = this.clock.now()
    const existing = async () => {
      const live = await repo.liveRecordOf(this.db, communityId, activityId, volunteerId)
      if (live && live.minutes !== null) {
        throw new DomainError('INVALID_TRANSITION', 'Already checked out of this activity', {
          from: live.state,
          reason: 'ALREADY_CHECKED_OUT',
        })
      }
      return live
    }
    const found = await existing()
    if (found) return found.id
    const id = newId()
    try {
      await this.db.insert(hourRecords).values({
        communityId,
        id,
        activityId,
        volunteerId,
        signUpId,
        state: 'pending',
        source,
        checkInAt: now,
        createdBy: actorId,
        createdAt: now,
        updatedAt: now,
      })
      return id
    } catch (err) {
      if (!isUniqueViolation(err)) throw err
      const raced = await existing()
      if (!raced) throw err
      return raced.id
    }
  }

  /**
   * Check out with the leader's code (until the end plus the tolerance); the minutes are set.
   * A repeat answers the closed record. Codes: NOT_FOUND, CHECK_IN_NOT_OPEN, CHECK_IN_CODE_INVALID,
   * INVALID_TRANSITION (not checked in: `reason: NOT_CHECKED_IN`).
   */
  async checkOut(viewer: Viewer, communityId: string, activityId: string, code: string): Promise<HourRecordView> {
    const activity = await this.seenActivity(this.db, viewer, communityId, activityId)
    const rules = await this.rules(this.db, communityId)
    this.requireWindow(activity, rules.toleranceMinutes, this.checkOutUntil(activity, rules.toleranceMinutes))
    await this.requireCode(viewer, communityId, activityId, code)
    const id = await this.closeRecord(viewer.userId, communityId, activity, rules)
    return this.reload(viewer, communityId, id)
  }

  /** Check-out stays open for the tolerance after the end (the close sweep runs then). */
  private checkOutUntil(activity: { endsAt: Date }, toleranceMinutes: number): Date {
    return new Date(activity.endsAt.getTime() + toleranceMinutes * 60_000)
  }

  private async closeRecord(
    volunteerId: string,
    communityId: string,
    activity: { id: string; startsAt: Date; endsAt: Date },
    rules: { perActivityHourCap: number | null; validityThresholdPercent: number | null },
  ): Promise<string> {
    return this.db.transaction(async (tx) => {
      const live = await repo.liveRecordOf(tx, communityId, activity.id, volunteerId, true)
      if (!live || live.checkInAt === null) {
        throw new DomainError('INVALID_TRANSITION', 'Not checked in', { reason: 'NOT_CHECKED_IN' })
      }
      if (live.minutes !== null) return live.id
      const now = this.clock.now()
      const out = now < live.checkInAt ? live.checkInAt : now
      const computed = computeMinutes(activity, live.checkInAt, out, rules)
      await tx
        .update(hourRecords)
        .set({ checkOutAt: out, ...computed, updatedAt: now })
        .where(and(eq(hourRecords.communityId, communityId), eq(hourRecords.id, live.id)))
      return live.id
    })
  }

  /**
   * Staff or the leader check a volunteer in at the activity, at the time. A volunteer without a
   * sign-up is signed up (confirmed) when a place is free. Codes: NOT_FOUND, FORBIDDEN,
   * CHECK_IN_NOT_OPEN, NOT_SIGNED_UP (waitlisted, or no place free).
   */
  async checkInOnSite(viewer: Viewer, communityId: string, activityId: string, volunteerId: string) {
    const activity = await this.requireOperator(this.db, viewer, communityId, activityId)
    const { toleranceMinutes } = await this.rules(this.db, communityId)
    this.requireWindow(activity, toleranceMinutes)
    const signUpId = await this.confirmedSignUpFor(viewer, communityId, activityId, volunteerId)
    const id = await this.openRecord(volunteerId, communityId, activityId, signUpId, 'on_site', viewer.userId)
    return this.reload(viewer, communityId, id)
  }

  /** Staff or the leader check a volunteer out at the activity. */
  async checkOutOnSite(viewer: Viewer, communityId: string, activityId: string, volunteerId: string) {
    const activity = await this.requireOperator(this.db, viewer, communityId, activityId)
    const rules = await this.rules(this.db, communityId)
    this.requireWindow(activity, rules.toleranceMinutes, this.checkOutUntil(activity, rules.toleranceMinutes))
    if (!isUuid(volunteerId)) throw new DomainError('NOT_FOUND', 'volunteer not found')
    const id = await this.closeRecord(volunteerId, communityId, activity, rules)
    return this.reload(viewer, communityId, id)
  }

  private async confirmedSignUpFor(
    viewer: Viewer,
    communityId: string,
    activityId: string,
    volunteerId: string,
  ): Promise<string> {
    if (!isUuid(volunteerId)) throw new DomainError('NOT_FOUND', 'volunteer not found')
    return this.db.transaction(async (tx) => {
      const a = (await activitiesRepo.lockActivity(tx, communityId, activityId))!
      const [live] = await tx
        .select()
        .from(signUps)
        .where(
          and(
            eq(signUps.communityId, communityId),
            eq(signUps.activityId, activityId),
            eq(signUps.volunteerId, volunteerId),
            inArray(signUps.state, ['confirmed', 'waitlisted']),
          ),
        )
      if (live?.state === 'confirmed') return live.id
      if (live) throw new DomainError('NOT_SIGNED_UP', 'Waitlisted, not confirmed', { reason: 'WAITLISTED' })
      const [person] = await tx.select({ status: users.status }).from(users).where(eq(users.id, volunteerId))
      if (!person || person.status !== 'active') throw new DomainError('NOT_FOUND', 'volunteer not found')
      if (a.confirmed >= a.slots) throw new DomainError('NOT_SIGNED_UP', 'No place free', { reason: 'ACTIVITY_FULL' })
      const id = newId()
      const now = this.clock.now()
      await tx.insert(signUps).values({
        communityId,
        id,
        activityId,
        volunteerId,
        state: 'confirmed',
        createdAt: now,
        signedUpBy: viewer.userId,
      })
      await tx
        .update(activities)
        .set({ confirmed: a.confirmed + 1, updatedAt: now })
        .where(and(eq(activities.communityId, communityId), eq(activities.id, activityId)))
      return id
    })
  }

  // ── Staff: back-fill, amend, approve, reject, correct ──────────────────────

  /**
   * 补录: hours entered after the fact with a reason, at most the activity's length (then the cap
   * where set); marked, no points. Codes: NOT_FOUND, FORBIDDEN, BACK_FILL_EXCEEDS_ACTIVITY,
   * INVALID_TRANSITION (before the start; cancelled), ALREADY_EXISTS (a live record exists: amend or correct it).
   */
  async backFillHours(viewer: Viewer, communityId: string, raw: unknown): Promise<HourRecordView> {
    const input = parseInput(backFillInputSchema, raw)
    const id = newId()
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const activity = isUuid(input.activityId)
        ? await activitiesRepo.findActivity(tx, communityId, input.activityId, viewer.userId)
        : null
      if (!activity) throw activityNotFound()
      const [person] = isUuid(input.volunteerId)
        ? await tx.select({ status: users.status }).from(users).where(eq(users.id, input.volunteerId))
        : []
      if (!person || person.status === 'deleted') throw new DomainError('NOT_FOUND', 'volunteer not found')
      const now = this.clock.now()
      if (activity.state === 'cancelled' || now < activity.startsAt) {
        throw new DomainError('INVALID_TRANSITION', 'Hours are back-filled only for an activity that took place', {
          from: activity.state,
          reason: activity.state === 'cancelled' ? 'ACTIVITY_CANCELLED' : 'NOT_STARTED',
        })
      }
      const planned = plannedMinutes(activity)
      if (input.minutes > planned) {
        throw new DomainError('BACK_FILL_EXCEEDS_ACTIVITY', 'More than the activity’s length', { maxMinutes: planned })
      }
      const rules = await this.rules(tx, communityId)
      const cap = rules.perActivityHourCap === null ? null : Math.floor(rules.perActivityHourCap * 60)
      const minutes = cap !== null ? Math.min(cap, input.minutes) : input.minutes
      try {
        await tx.insert(hourRecords).values({
          communityId,
          id,
          activityId: activity.id,
          volunteerId: input.volunteerId,
          state: 'pending',
          source: 'back_fill',
          minutes,
          spanMinutes: input.minutes,
          capped: minutes < input.minutes,
          pointsEligible: false,
          reason: input.reason,
          createdBy: viewer.userId,
          createdAt: now,
          updatedAt: now,
        })
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw new DomainError(
            'ALREADY_EXISTS',
            'The volunteer already has hours at this activity: amend or correct them',
          )
        }
        throw err
      }
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'hours.back_fill',
        targetType: 'hour_record',
        targetId: id,
        place,
        after: { activityId: activity.id, volunteerId: input.volunteerId, minutes },
        reason: input.reason,
      })
    })
    return this.reload(viewer, communityId, id)
  }

  /** Lock records of the community by id (all must exist, else NOT_FOUND). */
  private async lockRecords(tx: Tx, communityId: string, ids: readonly string[]) {
    const valid = ids.filter(isUuid)
    const rows =
      valid.length === 0
        ? []
        : await tx
            .select()
            .from(hourRecords)
            .where(and(eq(hourRecords.communityId, communityId), inArray(hourRecords.id, [...valid])))
            .orderBy(hourRecords.id)
            .for('update')
    if (rows.length !== new Set(ids).size) throw recordNotFound()
    return rows
  }

  /**
   * Staff set a pending record's times (before approval); the minutes are recomputed. An approved
   * record is never edited: INVALID_TRANSITION (`reason: APPROVED_RECORD_IMMUTABLE`) — correct it.
   */
  async amendHourRecord(viewer: Viewer, communityId: string, id: string, raw: unknown): Promise<HourRecordView> {
    const times = parseInput(timesInput, raw)
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const [row] = await this.lockRecords(tx, communityId, [id])
      if (row!.state !== 'pending' || row!.source === 'back_fill') {
        throw new DomainError('INVALID_TRANSITION', 'Only a pending checked-in record can be amended', {
          from: row!.state,
          reason:
            row!.state === 'approved'
              ? 'APPROVED_RECORD_IMMUTABLE'
              : row!.state === 'pending'
                ? 'BACK_FILLED'
                : 'CLOSED',
        })
      }
      const activity = (await activitiesRepo.findActivity(tx, communityId, row!.activityId, viewer.userId))!
      const computed = computeMinutes(activity, times.checkInAt, times.checkOutAt, await this.rules(tx, communityId))
      await tx
        .update(hourRecords)
        .set({
          checkInAt: times.checkInAt,
          checkOutAt: times.checkOutAt,
          ...computed,
          autoClosed: false,
          updatedAt: this.clock.now(),
        })
        .where(and(eq(hourRecords.communityId, communityId), eq(hourRecords.id, id)))
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'hours.amend',
        targetType: 'hour_record',
        targetId: id,
        place,
        before: { checkInAt: row!.checkInAt, checkOutAt: row!.checkOutAt, minutes: row!.minutes },
        after: { checkInAt: times.checkInAt, checkOutAt: times.checkOutAt, minutes: computed.minutes },
      })
    })
    return this.reload(viewer, communityId, id)
  }

  /**
   * Approve pending records in one batch: all or none. Approved ones answer as they are (a
   * retry changes nothing). Codes: NOT_FOUND (any id not of this community), FORBIDDEN,
   * INVALID_TRANSITION (still checked in: `reason: STILL_CHECKED_IN`; rejected or voided).
   */
  async approveHourRecords(viewer: Viewer, communityId: string, ids: readonly string[]): Promise<HourRecordView[]> {
    if (ids.length > BATCH_MAX) throw new DomainError('BAD_USER_INPUT', 'Too many records at once', { max: BATCH_MAX })
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const rows = await this.lockRecords(tx, communityId, ids)
      const now = this.clock.now()
      const toApprove: string[] = []
      for (const r of rows) {
        if (r.state === 'approved') continue
        assertTransition(hourRecordMachine, r.state, 'approved')
        if (r.minutes === null) {
          throw new DomainError('INVALID_TRANSITION', 'The volunteer is still checked in', {
            from: r.state,
            to: 'approved',
            reason: 'STILL_CHECKED_IN',
            id: r.id,
          })
        }
        toApprove.push(r.id)
      }
      if (toApprove.length === 0) return
      await tx
        .update(hourRecords)
        .set({ state: 'approved', reviewedBy: viewer.userId, reviewedAt: now, updatedAt: now })
        .where(and(eq(hourRecords.communityId, communityId), inArray(hourRecords.id, toApprove)))
      // Points in the same transaction: approved check-in hours × the category's coefficient.
      await this.app.pointsService.earnForApproved(
        tx,
        communityId,
        rows.filter((r) => toApprove.includes(r.id)),
        viewer.userId,
      )
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'hours.approve',
        targetType: 'hour_record',
        targetId: toApprove.length === 1 ? toApprove[0]! : null,
        place,
        after: { ids: toApprove, state: 'approved' },
      })
    })
    const rows = await repo.findRecords(this.db, communityId, ids)
    return rows.map((r) => this.view(viewer, r))
  }

  /** Reject a pending record with a reason; the volunteer is told. Codes: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION, BAD_USER_INPUT. */
  async rejectHourRecord(viewer: Viewer, communityId: string, id: string, rawReason: string): Promise<HourRecordView> {
    const reason = parseInput(z.object({ reason: reasonSchema }), { reason: rawReason }).reason
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const [row] = await this.lockRecords(tx, communityId, [id])
      assertTransition(hourRecordMachine, row!.state, 'rejected')
      const now = this.clock.now()
      await tx
        .update(hourRecords)
        .set({ state: 'rejected', rejectReason: reason, reviewedBy: viewer.userId, reviewedAt: now, updatedAt: now })
        .where(and(eq(hourRecords.communityId, communityId), eq(hourRecords.id, id)))
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'hours.reject',
        targetType: 'hour_record',
        targetId: id,
        place,
        before: { state: row!.state },
        after: { state: 'rejected' },
        reason,
      })
      const title = await this.activityTitle(tx, communityId, row!.activityId)
      await this.app.notifications.bus.publish(tx, {
        kind: 'hours.rejected',
        communityId,
        subject: { type: 'activity', id: row!.activityId },
        params: { title, reason },
        to: { people: [row!.volunteerId] },
        except: viewer.userId,
      })
    })
    return this.reload(viewer, communityId, id)
  }

  /**
   * Correct an approved record: a new approved record (source `correction`) with the right
   * minutes replaces it, and it moves to `voided` — never edited. Audited; the volunteer is told.
   * Codes: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION (not approved — e.g. already corrected),
   * BAD_USER_INPUT.
   */
  async correctHourRecord(viewer: Viewer, communityId: string, id: string, raw: unknown): Promise<HourRecordView> {
    const input = parseInput(correctionInputSchema, raw)
    const newRecordId = newId()
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const [old] = await this.lockRecords(tx, communityId, [id])
      assertTransition(hourRecordMachine, old!.state, 'voided')
      const now = this.clock.now()
      await tx
        .update(hourRecords)
        .set({ state: 'voided', voidedById: newRecordId, updatedAt: now })
        .where(and(eq(hourRecords.communityId, communityId), eq(hourRecords.id, id)))
      await tx.insert(hourRecords).values({
        communityId,
        id: newRecordId,
        activityId: old!.activityId,
        volunteerId: old!.volunteerId,
        signUpId: old!.signUpId,
        state: 'approved',
        source: 'correction',
        checkInAt: old!.checkInAt,
        checkOutAt: old!.checkOutAt,
        minutes: input.minutes,
        spanMinutes: input.minutes,
        pointsEligible: old!.pointsEligible,
        reason: input.reason,
        replacesId: id,
        reviewedBy: viewer.userId,
        reviewedAt: now,
        createdBy: viewer.userId,
        createdAt: now,
        updatedAt: now,
      })
      // What the voided record earned is taken back (the rest owed); the correction earns anew.
      await this.app.pointsService.correctEarning(
        tx,
        communityId,
        old!,
        { ...old!, id: newRecordId, minutes: input.minutes },
        viewer.userId,
        input.reason,
      )
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'hours.correct',
        targetType: 'hour_record',
        targetId: newRecordId,
        place,
        before: { id, minutes: old!.minutes, state: 'approved' },
        after: { id: newRecordId, minutes: input.minutes, replaces: id },
        reason: input.reason,
      })
      const title = await this.activityTitle(tx, communityId, old!.activityId)
      await this.app.notifications.bus.publish(tx, {
        kind: 'hours.corrected',
        communityId,
        subject: { type: 'activity', id: old!.activityId },
        params: { title, minutes: input.minutes, reason: input.reason },
        to: { people: [old!.volunteerId] },
        except: viewer.userId,
      })
    })
    return this.reload(viewer, communityId, newRecordId)
  }

  private async activityTitle(db: DbOrTx, communityId: string, activityId: string): Promise<string> {
    const [a] = await db
      .select({ title: activities.title })
      .from(activities)
      .where(and(eq(activities.communityId, communityId), eq(activities.id, activityId)))
    return a?.title ?? ''
  }

  // ── Reading ────────────────────────────────────────────────────────────────

  async activityHourRecords(viewer: Viewer, communityId: string, activityId: string): Promise<HourRecordView[]> {
    await this.requireRosterReader(this.db, viewer, communityId, activityId)
    return (await repo.activityRecords(this.db, communityId, activityId)).map((r) => this.view(viewer, r))
  }

  /**
   * Every record of the queue as staff see it (a tab's states, an activity), for the Excel export:
   * one state in the queue's order; several (已作废/已驳回) merged newest first, as the tab shows
   * them. The volunteers' phones masked unless a reason is given, which one audit event keeps.
   */
  async exportRecords(
    viewer: Viewer,
    communityId: string,
    args: { states: readonly HourRecordState[]; activityId?: string | null },
    reason: string | null,
  ) {
    const out: HourRecordView[] = []
    for (const state of args.states) {
      out.push(
        ...(await everyPage((after) =>
          this.hourRecords(viewer, communityId, { state, activityId: args.activityId, first: PAGE_MAX, after }),
        )),
      )
    }
    if (args.states.length > 1) out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    const raw = new Map<string, string>()
    if (!reason || out.length === 0) return out
    for (let i = 0; i < out.length; i += 500) {
      const ids = out.slice(i, i + 500).map((r) => r.id)
      const rows = await this.db
        .select({ id: hourRecords.id, phone: users.phone })
        .from(hourRecords)
        .innerJoin(users, eq(users.id, hourRecords.volunteerId))
        .where(and(eq(hourRecords.communityId, communityId), inArray(hourRecords.id, ids)))
      for (const r of rows) raw.set(r.id, r.phone)
    }
    await auditContactsExport(this.db, this.clock, viewer, communityId, {
      targetType: 'hour_record',
      list: 'hours',
      reason,
      rows: out.length,
    })
    return out.map((r) => ({ ...r, volunteer: { ...r.volunteer, phone: raw.get(r.id) ?? r.volunteer.phone } }))
  }

  /** The community's records in a state (pending oldest first, the others newest first): staff and the admins above. */
  async hourRecords(
    viewer: Viewer,
    communityId: string,
    args: { state?: HourRecordState | null; activityId?: string | null; first?: number | null; after?: string | null },
  ) {
    if (!isUuid(communityId) || !(await this.app.activitiesService.isReader(this.db, viewer, communityId))) {
      throw new DomainError('NOT_FOUND', 'community not found')
    }
    if (args.activityId && !isUuid(args.activityId)) throw activityNotFound()
    const first = Math.min(Math.max(args.first ?? 50, 1), PAGE_MAX)
    const { rows, total } = await repo.queuePage(this.db, {
      communityId,
      state: args.state ?? 'pending',
      activityId: args.activityId ?? null,
      first,
      after: repo.decodeCursor(args.after),
    })
    const nodes = rows.slice(0, first)
    const last = nodes.at(-1)
    return {
      nodes: nodes.map((r) => this.view(viewer, r)),
      pageInfo: { endCursor: last ? repo.encodeCursor(last) : null, hasNextPage: rows.length > first },
      totalCount: total,
    }
  }

  async myHourRecords(
    viewer: Viewer,
    args: { first?: number | null; after?: string | null; activityId?: string | null },
  ) {
    const first = Math.min(Math.max(args.first ?? 20, 1), PAGE_MAX)
    if (args.activityId && !isUuid(args.activityId)) {
      return { nodes: [], pageInfo: { endCursor: null, hasNextPage: false }, totalCount: 0 }
    }
    const { rows, total } = await repo.myPage(
      this.db,
      viewer.userId,
      first,
      repo.decodeCursor(args.after),
      args.activityId ?? null,
    )
    const nodes = rows.slice(0, first)
    const last = nodes.at(-1)
    return {
      nodes: nodes.map((r) => this.view(viewer, r)),
      pageInfo: { endCursor: last ? repo.encodeCursor(last) : null, hasNextPage: rows.length > first },
      totalCount: total,
    }
  }

  /** Approved minutes across communities, pending ones, this year's, open check-ins and the star level. */
  async hoursOf(db: DbOrTx, userId: string) {
    const year = shanghaiYear(this.clock.now())
    const totals = await repo.totalsOf(db, userId, year.start, year.end)
    return { ...totals, stars: starProgress(totals.approvedMinutes) }
  }

  myHours(viewer: Viewer) {
    return this.hoursOf(this.db, viewer.userId)
  }

  // ── No-shows ───────────────────────────────────────────────────────────────

  async myNoShowMarks(viewer: Viewer): Promise<NoShowView[]> {
    return (await repo.marks(this.db, sql`m.volunteer_id = ${viewer.userId}`)).map((m) => this.markView(viewer, m))
  }

  async contestedNoShowMarks(viewer: Viewer, communityId: string): Promise<NoShowView[]> {
    if (!isUuid(communityId) || !(await this.app.activitiesService.isReader(this.db, viewer, communityId))) {
      throw new DomainError('NOT_FOUND', 'community not found')
    }
    return (await repo.marks(this.db, sql`m.community_id = ${communityId} and m.state = 'contested'`)).map((m) =>
      this.markView(viewer, m),
    )
  }

  /** The volunteer contests their mark with a reason. Codes: NOT_FOUND (not theirs), INVALID_TRANSITION, BAD_USER_INPUT. */
  async contestNoShow(viewer: Viewer, communityId: string, id: string, rawReason: string): Promise<NoShowView> {
    const reason = parseInput(z.object({ reason: reasonSchema }), { reason: rawReason }).reason
    await this.db.transaction(async (tx) => {
      const mark = await this.lockMark(tx, communityId, id)
      if (!mark || mark.volunteerId !== viewer.userId) throw markNotFound()
      assertTransition(noShowMarkMachine, mark.state, 'contested')
      await tx
        .update(noShowMarks)
        .set({ state: 'contested', contestReason: reason, contestedAt: this.clock.now() })
        .where(and(eq(noShowMarks.communityId, communityId), eq(noShowMarks.id, id)))
    })
    return this.markView(viewer, (await repo.marks(this.db, sql`m.community_id = ${communityId} and m.id = ${id}`))[0]!)
  }

  /**
   * Staff decide a contested mark: cleared (it stops counting; the sign-up counts as attended) or
   * upheld. The volunteer is told. Codes: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION.
   */
  async resolveNoShow(
    viewer: Viewer,
    communityId: string,
    id: string,
    clear: boolean,
    rawNote?: string | null,
  ): Promise<NoShowView> {
    const note = parseInput(z.object({ note: noteSchema }), { note: rawNote }).note ?? null
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const mark = await this.lockMark(tx, communityId, id)
      if (!mark) throw markNotFound()
      const to = clear ? 'cleared' : 'upheld'
      assertTransition(noShowMarkMachine, mark.state, to)
      const now = this.clock.now()
      await tx
        .update(noShowMarks)
        .set({ state: to, resolvedBy: viewer.userId, resolvedAt: now, resolutionNote: note })
        .where(and(eq(noShowMarks.communityId, communityId), eq(noShowMarks.id, id)))
      if (clear) {
        await tx
          .update(signUps)
          .set({ state: 'attended' })
          .where(and(eq(signUps.communityId, communityId), eq(signUps.id, mark.signUpId), eq(signUps.state, 'no_show')))
      }
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'no_show.resolve',
        targetType: 'no_show_mark',
        targetId: id,
        place,
        before: { state: mark.state },
        after: { state: to },
        reason: note,
      })
      await this.app.notifications.bus.publish(tx, {
        kind: 'no_show.resolved',
        communityId,
        subject: { type: 'activity', id: mark.activityId },
        params: { title: await this.activityTitle(tx, communityId, mark.activityId), answer: to },
        to: { people: [mark.volunteerId] },
        except: viewer.userId,
      })
    })
    return this.markView(viewer, (await repo.marks(this.db, sql`m.community_id = ${communityId} and m.id = ${id}`))[0]!)
  }

  private async lockMark(tx: Tx, communityId: string, id: string) {
    if (!isUuid(communityId) || !isUuid(id)) return null
    const [mark] = await tx
      .select()
      .from(noShowMarks)
      .where(and(eq(noShowMarks.communityId, communityId), eq(noShowMarks.id, id)))
      .for('update')
    return mark ?? null
  }

  // ── After the window ───────────────────────────────────────────────────────

  /**
   * Close every activity whose window (plus the tolerance) is over: open records close at the
   * end (flagged `auto_closed`), confirmed sign-ups become attended (a record) or no-show (none;
   * a mark that fades after the community's months, and the volunteer is told), the activity is
   * completed. Each activity in its own transaction, under its row lock. Answers how many closed.
   */
  async closeDue(limit = 200): Promise<number> {
    const now = this.clock.now()
    const due = await this.db
      .select({ communityId: activities.communityId, id: activities.id })
      .from(activities)
      // Past any community's tolerance (at most 240 minutes): those within it are their own jobs' to close.
      .where(
        and(
          eq(activities.state, 'scheduled'),
          sql`${activities.endsAt} <= ${now.toISOString()}::timestamptz - interval '240 minutes'`,
        ),
      )
      .orderBy(activities.endsAt)
      .limit(limit)
    let closed = 0
    for (const a of due) if (await this.closeActivity(a.communityId, a.id)) closed++
    return closed
  }

  /** Close one activity if its window and tolerance are over; false when not (yet). */
  async closeActivity(communityId: string, activityId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const a = await activitiesRepo.lockActivity(tx, communityId, activityId)
      if (!a || a.state !== 'scheduled') return false
      const rules = await this.rules(tx, communityId)
      const now = this.clock.now()
      if (now < this.checkOutUntil(a, rules.toleranceMinutes)) return false
      const open = await tx
        .select()
        .from(hourRecords)
        .where(
          and(
            eq(hourRecords.communityId, communityId),
            eq(hourRecords.activityId, activityId),
            eq(hourRecords.state, 'pending'),
            sql`${hourRecords.minutes} is null`,
          ),
        )
      for (const r of open) {
        const computed = computeMinutes(a, r.checkInAt ?? a.startsAt, a.endsAt, rules)
        await tx
          .update(hourRecords)
          .set({ checkOutAt: a.endsAt, ...computed, autoClosed: true, updatedAt: now })
          .where(and(eq(hourRecords.communityId, communityId), eq(hourRecords.id, r.id)))
      }
      // Attended: a confirmed sign-up whose volunteer has any record at the activity.
      const hasRecord = sql`exists (select 1 from hour_records h where h.community_id = ${signUps.communityId}
        and h.activity_id = ${signUps.activityId} and h.volunteer_id = ${signUps.volunteerId})`
      const mine = and(
        eq(signUps.communityId, communityId),
        eq(signUps.activityId, activityId),
        eq(signUps.state, 'confirmed'),
      )
      await tx.update(signUps).set({ state: 'attended' }).where(and(mine, hasRecord))
      const missed = await tx
        .update(signUps)
        .set({ state: 'no_show' })
        .where(and(mine, sql`not ${hasRecord}`))
        .returning({ id: signUps.id, volunteerId: signUps.volunteerId })
      if (missed.length > 0) {
        const fadesAt = new Date(now.getTime() + rules.noShowFadeMonths * MONTH_MS)
        await tx.insert(noShowMarks).values(
          missed.map((m) => ({
            communityId,
            id: newId(),
            signUpId: m.id,
            activityId,
            volunteerId: m.volunteerId,
            state: 'active' as const,
            markedAt: now,
            fadesAt,
          })),
        )
        await this.app.notifications.bus.publish(tx, {
          kind: 'no_show.marked',
          communityId,
          subject: { type: 'activity', id: activityId },
          params: { title: a.title },
          to: { people: missed.map((m) => m.volunteerId) },
        })
      }
      await tx
        .update(activities)
        .set({ state: 'completed', updatedAt: now })
        .where(and(eq(activities.communityId, communityId), eq(activities.id, activityId)))
      const place = await loadAncestry(tx, { kind: 'community', id: communityId })
      await recordAudit(tx, this.clock, {
        actorId: null,
        action: 'activity.complete',
        targetType: 'activity',
        targetId: activityId,
        place: place ?? { communityId },
        after: { autoClosed: open.length, noShows: missed.length },
      })
      return true
    })
  }
}
