/**
 * 双报到: an in-service party member reports in to a residential community with their employer
 * unit. The unit's admin confirms the employment, the community's staff the report-in; with
 * both the report is confirmed and the member told. Either side may reject a requested report
 * with a reason; the member ends theirs. One live report per member. The unit's admin sees its
 * members' service in a year against their community's target, with the report-in and
 * completion rates. Refusals: NOT_FOUND for whoever may not see the report (as for one that does
 * not exist), FORBIDDEN for whoever sees it but may not make the change.
 */
import {
  DomainError,
  canTransition,
  dualReportMachine,
  maskPhone,
  reasonSchema,
  type DualReportState,
} from '@linli/shared'
import { and, eq, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { isUuid, loadAncestry } from '../../access/places.ts'
import { newId } from '../../db/columns.ts'
import type { DbOrTx, Tx } from '../../db/index.ts'
import { dualReports } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { parseInput } from '../../lib/input.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import { isCommunityStaff, isUnitAdmin } from '../units/units.policy.ts'
import {
  canSeeDualReport,
  confirmSides,
  dualReportSides,
  isPartyMemberFor,
  reachedTarget,
  shanghaiYearBounds,
  shanghaiYearOf,
  unitServiceSummary,
} from './volunteers.policy.ts'
import * as repo from './volunteers.repository.ts'
import type { DualReportRow } from './volunteers.repository.ts'

const reportNotFound = () => new DomainError('NOT_FOUND', 'dual report not found')
const isUniqueViolation = (err: unknown) =>
  (err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505'
const oneLive = () => new DomainError('ALREADY_EXISTS', 'You already have a live dual report')

export interface MemberView {
  id: string
  realName: string
  phone: string
}

export interface DualReportView {
  id: string
  communityId: string
  communityName: string
  unitId: string
  unitName: string
  member: MemberView
  state: DualReportState
  unitConfirmedAt: Date | null
  communityConfirmedAt: Date | null
  rejectReason: string | null
  createdAt: Date
  targetHours: number
  approvedMinutesThisYear: number
}

export interface UnitMemberServiceView {
  member: MemberView
  isPartyMember: boolean
  dualReportState: DualReportState | null
  reportedIn: boolean
  approvedMinutesThisYear: number
  targetHours: number
  reachedTarget: boolean
}

export interface UnitServiceSummaryView {
  unitId: string
  year: number
  partyMembers: number
  reportedIn: number
  reachedTarget: number
  reportInRate: number | null
  completionRate: number | null
  members: UnitMemberServiceView[]
}

type ReportRecord = typeof dualReports.$inferSelect

/** INVALID_TRANSITION with the state rule that refused it. */
function requireTransition(from: DualReportState, to: DualReportState, reason: string) {
  if (!canTransition(dualReportMachine, from, to)) {
    throw new DomainError('INVALID_TRANSITION', `cannot move from ${from} to ${to}`, { from, to, reason })
  }
}

export class DualReportsService {
  constructor(private readonly app: FastifyInstance) {}

  private get db() {
    return this.app.db
  }
  private get clock() {
    return this.app.clock
  }

  private thisYear() {
    return shanghaiYearBounds(shanghaiYearOf(this.clock.now()))
  }

  /** Reports as the API shows them: the member's phone masked except for the member; targets in one statement. */
  private async views(db: DbOrTx, viewer: Viewer, rows: DualReportRow[]): Promise<DualReportView[]> {
    const targets = await repo.yearlyTargets(
      db,
      rows.map((r) => r.communityId),
    )
    return rows.map(({ userId, realName, phone, ...r }) => ({
      ...r,
      member: { id: userId, realName, phone: viewer.userId === userId ? phone : maskPhone(phone) },
      targetHours: targets.get(r.communityId)?.own ?? repo.BUILT_IN_TARGET_HOURS,
    }))
  }

  private async viewOne(viewer: Viewer, communityId: string, id: string): Promise<DualReportView> {
    const row = await repo.findReport(this.db, communityId, id, this.thisYear())
    if (!row) throw reportNotFound()
    return (await this.views(this.db, viewer, [row]))[0]!
  }

  /** The person's live report (for their profile, already authorised by the caller); null if none. */
  async liveReportOf(viewer: Viewer, userId: string): Promise<DualReportView | null> {
    const row = await repo.findLiveReportOf(this.db, userId, this.thisYear())
    return row ? (await this.views(this.db, viewer, [row]))[0]! : null
  }

  /**
   * Report in to a residential community with my employer unit. I must be an active member of
   * the unit's roster, a party member there or on my profile. The unit's admins and the
   * community's staff are told. Codes: NOT_FOUND (community), NOT_A_MEMBER, ALREADY_EXISTS (I
   * have a live report).
   */
  async request(viewer: Viewer, communityId: string, unitId: string): Promise<DualReportView> {
    if (!isUuid(communityId) || !(await loadAncestry(this.db, { kind: 'community', id: communityId }))) {
      throw new DomainError('NOT_FOUND', 'community not found')
    }
    const id = newId()
    try {
      await this.db.transaction(async (tx) => {
        const m = isUuid(unitId) ? await repo.membershipFor(tx, viewer.userId, unitId) : null
        if (!m || m.roster?.status !== 'active' || !isPartyMemberFor(m.roster, m.profilePartyMember)) {
          throw new DomainError('NOT_A_MEMBER', 'Only a party member on the unit’s roster reports in with it')
        }
        if (await repo.hasLiveReport(tx, viewer.userId)) throw oneLive()
        const now = this.clock.now()
        await tx.insert(dualReports).values({
          communityId,
          id,
          userId: viewer.userId,
          unitId,
          state: 'requested',
          createdAt: now,
          updatedAt: now,
        })
        const { communityName, unitName } = await repo.names(tx, communityId, unitId)
        await this.app.notifications.bus.publish(tx, {
          kind: 'dual_report.requested',
          communityId,
          subject: { type: 'dual_report', id },
          params: { unitName: unitName ?? '', communityName: communityName ?? '' },
          to: [{ unitAdmins: unitId }, { communityStaff: communityId }],
          except: viewer.userId,
        })
      })
    } catch (err) {
      if (isUniqueViolation(err)) throw oneLive()
      throw err
    }
    return this.viewOne(viewer, communityId, id)
  }

  /**
   * Lock a report for a change by one of its sides. The member (who sees it) and nobody else get
   * FORBIDDEN and NOT_FOUND.
   */
  private async lockForSide(tx: Tx, viewer: Viewer, communityId: string, id: string) {
    const row = isUuid(communityId) && isUuid(id) ? await repo.lockReport(tx, communityId, id) : null
    if (!row) throw reportNotFound()
    const sides = dualReportSides(viewer, row)
    if (!sides.unit && !sides.community) {
      if (row.userId === viewer.userId) throw new DomainError('FORBIDDEN', 'The unit and the community decide')
      throw reportNotFound()
    }
    const place = (await loadAncestry(tx, { kind: 'community', id: communityId }))!
    return { row, sides, place }
  }

  /**
   * Confirm the viewer's side: the unit's admin the employment, the community's staff the
   * report-in (someone who is both confirms both). With both sides the report is confirmed and
   * the member told. Confirming a side already confirmed changes nothing. Codes: NOT_FOUND,
   * FORBIDDEN (the member), INVALID_TRANSITION (not requested: reason REPORT_NOT_REQUESTED).
   */
  async confirm(viewer: Viewer, communityId: string, id: string): Promise<DualReportView> {
    await this.db.transaction(async (tx) => {
      const { row, sides, place } = await this.lockForSide(tx, viewer, communityId, id)
      requireTransition(row.state, 'confirmed', 'REPORT_NOT_REQUESTED')
      const next = confirmSides(
        { unitConfirmed: row.unitConfirmedAt !== null, communityConfirmed: row.communityConfirmedAt !== null },
        sides,
      )
      if (!next.changed) return
      const now = this.clock.now()
      const set = {
        ...(sides.unit && !row.unitConfirmedAt ? { unitConfirmedAt: now, unitConfirmedBy: viewer.userId } : {}),
        ...(sides.community && !row.communityConfirmedAt
          ? { communityConfirmedAt: now, communityConfirmedBy: viewer.userId }
          : {}),
        state: next.confirmed ? ('confirmed' as const) : row.state,
        updatedAt: now,
      }
      await tx.update(dualReports).set(set).where(this.key(row))
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'dual_report.confirm',
        targetType: 'dual_report',
        targetId: id,
        place,
        unitId: row.unitId,
        before: {
          state: row.state,
          unitConfirmed: !!row.unitConfirmedAt,
          communityConfirmed: !!row.communityConfirmedAt,
        },
        after: { state: set.state, unitConfirmed: next.unit, communityConfirmed: next.community },
      })
      if (next.confirmed) await this.tellMember(tx, row, viewer, { state: 'confirmed' })
    })
    return this.viewOne(viewer, communityId, id)
  }

  /**
   * Either side rejects a requested report with a reason; the member is told. Codes: NOT_FOUND,
   * FORBIDDEN (the member), INVALID_TRANSITION (REPORT_NOT_REQUESTED), BAD_USER_INPUT (reason).
   */
  async reject(viewer: Viewer, communityId: string, id: string, rawReason: unknown): Promise<DualReportView> {
    const reason = parseInput(reasonSchema, rawReason)
    await this.db.transaction(async (tx) => {
      const { row, place } = await this.lockForSide(tx, viewer, communityId, id)
      requireTransition(row.state, 'rejected', 'REPORT_NOT_REQUESTED')
      await tx
        .update(dualReports)
        .set({ state: 'rejected', rejectReason: reason, updatedAt: this.clock.now() })
        .where(this.key(row))
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'dual_report.reject',
        targetType: 'dual_report',
        targetId: id,
        place,
        unitId: row.unitId,
        before: { state: row.state },
        after: { state: 'rejected' },
        reason,
      })
      await this.tellMember(tx, row, viewer, { state: 'rejected', reason })
    })
    return this.viewOne(viewer, communityId, id)
  }

  /**
   * The member ends their report (moved, left the unit). Codes: NOT_FOUND, FORBIDDEN (the
   * unit's admin or the community's staff: it is the member's), INVALID_TRANSITION (not live:
   * REPORT_NOT_LIVE).
   */
  async end(viewer: Viewer, communityId: string, id: string): Promise<DualReportView> {
    await this.db.transaction(async (tx) => {
      const row = isUuid(communityId) && isUuid(id) ? await repo.lockReport(tx, communityId, id) : null
      if (!row) throw reportNotFound()
      if (row.userId !== viewer.userId) {
        if (canSeeDualReport(viewer, row)) throw new DomainError('FORBIDDEN', 'Only the member ends their report')
        throw reportNotFound()
      }
      requireTransition(row.state, 'ended', 'REPORT_NOT_LIVE')
      const now = this.clock.now()
      await tx.update(dualReports).set({ state: 'ended', endedAt: now, updatedAt: now }).where(this.key(row))
    })
    return this.viewOne(viewer, communityId, id)
  }

  private key(row: ReportRecord) {
    return and(eq(dualReports.communityId, row.communityId), eq(dualReports.id, row.id))
  }

  private async tellMember(
    tx: Tx,
    row: ReportRecord,
    viewer: Viewer,
    params: { state: DualReportState; reason?: string },
  ) {
    const { communityName, unitName } = await repo.names(tx, row.communityId, row.unitId)
    await this.app.notifications.bus.publish(tx, {
      kind: 'dual_report.decided',
      communityId: row.communityId,
      subject: { type: 'dual_report', id: row.id },
      params: { unitName: unitName ?? '', communityName: communityName ?? '', ...params },
      to: { people: [row.userId] },
      except: viewer.userId,
    })
  }

  /**
   * A community's reports for its staff: by default the requested ones still lacking the
   * community's confirmation (oldest first); with a state, the reports in it (newest first).
   * Codes: NOT_FOUND (not the community's staff).
   */
  async forCommunity(viewer: Viewer, communityId: string, state?: DualReportState | null) {
    if (!isUuid(communityId) || !isCommunityStaff(viewer, communityId)) {
      throw new DomainError('NOT_FOUND', 'community not found')
    }
    const rows = state
      ? await repo.findReports(
          this.db,
          sql`d.community_id = ${communityId} and d.state = ${state}`,
          sql`d.created_at desc, d.id desc`,
          this.thisYear(),
        )
      : await repo.findReports(
          this.db,
          sql`d.community_id = ${communityId} and d.state = 'requested' and d.community_confirmed_at is null`,
          sql`d.created_at, d.id`,
          this.thisYear(),
        )
    return this.views(this.db, viewer, rows)
  }

  /**
   * Reports naming a unit, for its admins: in a state, or all (those waiting for the unit's
   * confirmation first, then newest first). Codes: NOT_FOUND (not the unit's admin).
   */
  async forUnit(viewer: Viewer, unitId: string, state?: DualReportState | null) {
    if (!isUuid(unitId) || !isUnitAdmin(viewer, unitId)) throw new DomainError('NOT_FOUND', 'unit not found')
    const rows = await repo.findReports(
      this.db,
      state ? sql`d.unit_id = ${unitId} and d.state = ${state}` : sql`d.unit_id = ${unitId}`,
      sql`(d.state = 'requested' and d.unit_confirmed_at is null) desc, d.created_at desc, d.id desc`,
      this.thisYear(),
    )
    return this.views(this.db, viewer, rows)
  }

  /**
   * The unit's active roster members' service in a calendar year (Asia/Shanghai; default this
   * one), for its admins: party member or not (roster or profile), the state of the report naming
   * the unit, approved minutes at activities that started in the year, the target (hours) — of
   * the community of their live report; for anyone else the street and district defaults above
   * the community whose alliance has held the unit longest, else the built-in 50 — and the rates.
   * Two statements, however long the roster. Codes: NOT_FOUND, BAD_USER_INPUT (year).
   */
  async unitMembersService(viewer: Viewer, unitId: string, year?: number | null): Promise<UnitServiceSummaryView> {
    if (!isUuid(unitId) || !isUnitAdmin(viewer, unitId)) throw new DomainError('NOT_FOUND', 'unit not found')
    const y = year ?? shanghaiYearOf(this.clock.now())
    if (!Number.isInteger(y) || y < 2000 || y > 2100) {
      throw new DomainError('BAD_USER_INPUT', 'The input is not valid', { fields: { year: 'VALUE_INVALID' } })
    }
    const rows = await repo.unitMemberRows(this.db, unitId, shanghaiYearBounds(y))
    const live = (s: DualReportState | null) => s === 'requested' || s === 'confirmed'
    const home = rows[0]?.homeCommunityId ?? null
    const targets = await repo.yearlyTargets(this.db, [
      ...rows.filter((r) => live(r.reportState) && r.reportCommunityId).map((r) => r.reportCommunityId!),
      ...(home ? [home] : []),
    ])
    const members = rows.map((r) => {
      const targetHours =
        (live(r.reportState) && r.reportCommunityId ? targets.get(r.reportCommunityId)?.own : undefined) ??
        (home ? targets.get(home)?.defaults : undefined) ??
        repo.BUILT_IN_TARGET_HOURS
      return {
        member: { id: r.userId, realName: r.realName, phone: maskPhone(r.phone) },
        isPartyMember: r.isPartyMember,
        dualReportState: r.reportState,
        reportedIn: r.reportState === 'confirmed',
        approvedMinutesThisYear: r.approvedMinutes,
        targetHours,
        reachedTarget: reachedTarget(r.approvedMinutes, targetHours),
      }
    })
    const summary = unitServiceSummary(
      members.map((m) => ({
        isPartyMember: m.isPartyMember,
        reportState: m.dualReportState,
        approvedMinutes: m.approvedMinutesThisYear,
        targetHours: m.targetHours,
      })),
    )
    return { unitId, year: y, ...summary, members }
  }
}
