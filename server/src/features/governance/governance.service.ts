/**
 * Alliance governance (issue 9): how a community's 大邻里党建联盟 is run.
 * - Officers: the secretary and committee members (staff set them).
 * - 轮值副书记: member units take the deputy secretary's chair in the rotation's order, a
 *   half-year each (Shanghai calendar). Setting the rotation opens the current term (its first
 *   unit) when none is open; the hand-over is a durable job at 00:00 on 1 January / 1 July that
 *   writes the next term (once: its key is the term), tells the unit's admins and the staff, and
 *   schedules the following one. The schedule shows the current term and the next two.
 * - The charter: every version kept; adopting a new one adds a version.
 * - 共驻共建协议书: signed date, the document (through storage), the renewal date; a durable job
 *   reminds staff and the unit's admins 30 days before, once per renewal date.
 * - 联席会议: planned, then held with attendance, minutes and resolutions; a resolution becomes a
 *   draft project in one step (once: a second call answers the same project).
 * - 六个一: each item of the current deputy's term linked to what fulfils it.
 * Staff of the community (and the admins above) change all of it; the admins of its member units
 * read it.
 */
import {
  AGREEMENT_REMINDER_DAYS,
  DomainError,
  SIX_ONES,
  SIX_ONE_ITEMS,
  nextTerm,
  rotationSchedule,
  termBounds,
  termOf,
  type SixOneItem,
  type Term,
} from '@linli/shared'
import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ADMIN_ROLES, isUuid, requireCommunityStaff, requirePlaceRole } from '../../access/places.ts'
import { isUnitAdmin } from '../units/units.policy.ts'
import { newId } from '../../db/columns.ts'
import type { DbOrTx, Tx } from '../../db/index.ts'
import {
  allianceCharters,
  allianceDeputyTerms,
  allianceMeetingAttendance,
  allianceMeetings,
  allianceOfficers,
  allianceResolutions,
  allianceRotation,
  allianceSixOnes,
  allianceUnits,
  alliances,
  projects,
  units,
} from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { parseInput } from '../../lib/input.ts'
import { searchVector } from '../../lib/search.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import { findProject } from '../projects/projects.repository.ts'

export const ALLIANCE_ROTATE = 'alliance.rotate'
/** Files owned by a member unit's 共驻共建协议书 (owner: the unit; community: the alliance's). */
export const AGREEMENT_DOCUMENT = 'alliance_agreement'

export const AGREEMENT_RENEWAL = 'alliance.agreement_renewal'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const officerSchema = z.object({
  name: z.string().trim().min(1).max(50),
  userId: z.string().uuid().nullish(),
  unitId: z.string().uuid().nullish(),
  title: z.string().trim().max(50).default(''),
})
const officersSchema = z.object({ secretary: officerSchema, committee: z.array(officerSchema).max(30).default([]) })
const meetingSchema = z.object({
  title: z.string().trim().min(1).max(100),
  heldAt: z.union([
    z.date(),
    z
      .string()
      .datetime({ offset: true })
      .transform((v) => new Date(v)),
  ]),
  place: z.string().trim().max(100).default(''),
  agenda: z.string().trim().max(4000).default(''),
})
const recordSchema = z.object({
  minutes: z.string().trim().min(1).max(20_000),
  attendance: z
    .array(
      z.object({ unitId: z.string().uuid(), attendee: z.string().trim().max(50).default(''), present: z.boolean() }),
    )
    .max(100)
    .default([]),
  resolutions: z.array(z.string().trim().min(1).max(1000)).max(30).default([]),
})
const agreementSchema = z.object({
  signedOn: isoDate.nullish(),
  fileId: z.string().uuid().nullish(),
  renewsOn: isoDate.nullish(),
})

const notFound = (what = 'alliance') => new DomainError('NOT_FOUND', `${what} not found`)

/** A unit's and a community's names, for what people are told. */
async function namesOf(db: DbOrTx, unitId: string, communityId: string) {
  const { rows } = await db.execute(sql`select (select name from units where id = ${unitId}) as unit,
    (select name from communities where id = ${communityId}) as community`)
  return { unit: String(rows[0]?.unit ?? ''), community: String(rows[0]?.community ?? '') }
}

export class GovernanceService {
  constructor(private readonly app: FastifyInstance) {}

  private get db() {
    return this.app.db
  }

  private async allianceOf(db: DbOrTx, communityId: string) {
    if (!isUuid(communityId)) throw notFound()
    const [a] = await db.select().from(alliances).where(eq(alliances.communityId, communityId))
    if (!a) throw notFound()
    return a
  }

  /** Staff of the community or the admins above; or an admin of one of its active member units (reading). */
  private async requireReader(viewer: Viewer, communityId: string) {
    try {
      await requireCommunityStaff(this.db, viewer, communityId)
      return
    } catch (error) {
      const unitIds = viewer.grants.filter((g) => g.role === 'unit_admin' && g.scopeId).map((g) => g.scopeId!)
      if (unitIds.length === 0 || !isUuid(communityId)) throw error
      const { rows } = await this.db.execute(sql`select 1 from alliance_units
        where community_id = ${communityId} and status = 'active' and unit_id in ${unitIds} limit 1`)
      if (rows.length === 0) throw error
    }
  }

  // ── Reading ─────────────────────────────────────────────────────────────────────────────

  async view(viewer: Viewer, communityId: string) {
    await this.requireReader(viewer, communityId)
    const alliance = await this.allianceOf(this.db, communityId)
    const now = this.app.clock.now()
    const [officers, rotation, members, charters, meetings] = await Promise.all([
      this.db
        .select({ o: allianceOfficers, unitName: units.name })
        .from(allianceOfficers)
        .leftJoin(units, eq(units.id, allianceOfficers.unitId))
        .where(eq(allianceOfficers.communityId, communityId))
        .orderBy(asc(allianceOfficers.role), asc(allianceOfficers.createdAt)),
      this.rotation(this.db, communityId, alliance.id),
      this.db
        .select({ m: allianceUnits, unitName: units.name })
        .from(allianceUnits)
        .innerJoin(units, eq(units.id, allianceUnits.unitId))
        .where(and(eq(allianceUnits.communityId, communityId), eq(allianceUnits.status, 'active')))
        .orderBy(asc(units.name)),
      this.db
        .select()
        .from(allianceCharters)
        .where(eq(allianceCharters.communityId, communityId))
        .orderBy(desc(allianceCharters.version)),
      this.meetings(communityId),
    ])
    const term = termOf(now)
    const current = await this.termRow(this.db, communityId, alliance.id, term)
    const nameOf = new Map(rotation.map((r) => [r.unitId, r.unitName]))
    const position = current ? rotation.findIndex((r) => r.unitId === current.unitId) : -1
    const schedule = current
      ? rotationSchedule(rotation, term, position, 2).map((s) => ({
          term: s.term,
          unitId: s.unit.unitId,
          unitName: s.unit.unitName,
          ...termBounds(s.term),
        }))
      : []
    return {
      communityId,
      allianceId: alliance.id,
      name: alliance.name,
      secretary:
        officers.filter((o) => o.o.role === 'secretary').map((o) => ({ ...o.o, unitName: o.unitName }))[0] ?? null,
      committee: officers.filter((o) => o.o.role === 'committee').map((o) => ({ ...o.o, unitName: o.unitName })),
      rotation: rotation.map((r) => ({ unitId: r.unitId, unitName: r.unitName, position: r.position })),
      currentTerm: current
        ? {
            term: current.term,
            unitId: current.unitId,
            unitName: nameOf.get(current.unitId) ?? '',
            startsOn: current.startsOn,
            endsOn: current.endsOn,
            handedOverAt: current.handedOverAt,
          }
        : null,
      schedule,
      charter: charters[0] ?? null,
      charterVersions: charters,
      members: members.map((m) => ({
        unitId: m.m.unitId,
        unitName: m.unitName,
        agreementSignedOn: m.m.agreementSignedOn,
        agreementFileId: m.m.agreementFileId,
        agreementRenewsOn: m.m.agreementRenewsOn,
      })),
      meetings,
      sixOnes: current ? await this.sixOnes(communityId, alliance.id, current.term as Term) : [],
    }
  }

  private async rotation(db: DbOrTx, communityId: string, allianceId: string) {
    return db
      .select({ unitId: allianceRotation.unitId, position: allianceRotation.position, unitName: units.name })
      .from(allianceRotation)
      .innerJoin(units, eq(units.id, allianceRotation.unitId))
      .where(and(eq(allianceRotation.communityId, communityId), eq(allianceRotation.allianceId, allianceId)))
      .orderBy(asc(allianceRotation.position))
  }

  private async termRow(db: DbOrTx, communityId: string, allianceId: string, term: string) {
    const [row] = await db
      .select()
      .from(allianceDeputyTerms)
      .where(
        and(
          eq(allianceDeputyTerms.communityId, communityId),
          eq(allianceDeputyTerms.allianceId, allianceId),
          eq(allianceDeputyTerms.term, term),
        ),
      )
    return row ?? null
  }

  private async meetings(communityId: string) {
    const rows = await this.db
      .select()
      .from(allianceMeetings)
      .where(eq(allianceMeetings.communityId, communityId))
      .orderBy(desc(allianceMeetings.heldAt))
    const [attendance, resolutions] = await Promise.all([
      this.db
        .select({ a: allianceMeetingAttendance, unitName: units.name })
        .from(allianceMeetingAttendance)
        .innerJoin(units, eq(units.id, allianceMeetingAttendance.unitId))
        .where(eq(allianceMeetingAttendance.communityId, communityId)),
      this.db
        .select()
        .from(allianceResolutions)
        .where(eq(allianceResolutions.communityId, communityId))
        .orderBy(asc(allianceResolutions.createdAt)),
    ])
    return rows.map((m) => ({
      ...m,
      attendance: attendance.filter((a) => a.a.meetingId === m.id).map((a) => ({ ...a.a, unitName: a.unitName })),
      resolutions: resolutions.filter((r) => r.meetingId === m.id),
    }))
  }

  private async sixOnes(communityId: string, allianceId: string, term: Term) {
    const rows = await this.db
      .select()
      .from(allianceSixOnes)
      .where(
        and(
          eq(allianceSixOnes.communityId, communityId),
          eq(allianceSixOnes.allianceId, allianceId),
          eq(allianceSixOnes.term, term),
        ),
      )
    return SIX_ONES.map((s) => {
      const row = rows.find((r) => r.item === s.item)
      return {
        term,
        item: s.item,
        name: s.name,
        fulfilledBy: s.fulfilledBy,
        done: !!row,
        linkIds: row?.linkIds ?? [],
        note: row?.note ?? '',
        fulfilledAt: row?.fulfilledAt ?? null,
      }
    })
  }

  // ── Officers, rotation, charter ────────────────────────────────────────────────────────

  async setOfficers(viewer: Viewer, communityId: string, raw: unknown) {
    const input = parseInput(officersSchema, raw)
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const alliance = await this.allianceOf(tx, communityId)
      const now = this.app.clock.now()
      const people = [
        { role: 'secretary' as const, ...input.secretary },
        ...input.committee.map((c) => ({ role: 'committee' as const, ...c })),
      ]
      // Accounts and units named must exist (a clean refusal, not a foreign-key error).
      const userIds = [...new Set(people.map((p) => p.userId).filter((x): x is string => !!x))]
      const unitIds = [...new Set(people.map((p) => p.unitId).filter((x): x is string => !!x))]
      const { rows } = await tx.execute(sql`select
        (select count(*)::int from users where id in ${userIds.length ? userIds : [newId()]} and deleted_at is null) as users,
        (select count(*)::int from units where id in ${unitIds.length ? unitIds : [newId()]}) as units`)
      if (Number(rows[0]!.users) !== userIds.length || Number(rows[0]!.units) !== unitIds.length) {
        throw new DomainError('BAD_USER_INPUT', 'An officer names an unknown person or unit', { field: 'input' })
      }
      await tx.delete(allianceOfficers).where(eq(allianceOfficers.communityId, communityId))
      await tx.insert(allianceOfficers).values(
        people.map((p, i) => ({
          communityId,
          id: newId(),
          allianceId: alliance.id,
          role: p.role,
          name: p.name,
          userId: p.userId ?? null,
          unitId: p.unitId ?? null,
          title: p.title,
          createdAt: new Date(now.getTime() + i),
        })),
      )
      await recordAudit(tx, this.app.clock, {
        actorId: viewer.userId,
        action: 'alliance.officers',
        targetType: 'alliance',
        targetId: alliance.id,
        place,
        after: { secretary: input.secretary.name, committee: input.committee.length },
      })
    })
    return this.view(viewer, communityId)
  }

  /**
   * The rotation's order (active member units, each once). Opens the current term with the first
   * unit when none is open, and schedules the hand-over at the next term's start.
   */
  async setRotation(viewer: Viewer, communityId: string, unitIds: readonly string[]) {
    if (unitIds.length === 0 || new Set(unitIds).size !== unitIds.length || !unitIds.every(isUuid)) {
      throw new DomainError('BAD_USER_INPUT', 'Each member unit once, at least one', { field: 'unitIds' })
    }
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const alliance = await this.allianceOf(tx, communityId)
      const { rows } = await tx.execute(sql`select unit_id from alliance_units
        where community_id = ${communityId} and status = 'active' and unit_id in ${[...unitIds]}`)
      if (rows.length !== unitIds.length) {
        throw new DomainError('BAD_USER_INPUT', 'Only active member units rotate', { field: 'unitIds' })
      }
      await tx.delete(allianceRotation).where(eq(allianceRotation.communityId, communityId))
      await tx
        .insert(allianceRotation)
        .values(unitIds.map((unitId, position) => ({ communityId, allianceId: alliance.id, position, unitId })))
      const term = termOf(this.app.clock.now())
      if (!(await this.termRow(tx, communityId, alliance.id, term))) {
        await this.openTerm(tx, communityId, alliance.id, term, unitIds[0]!, 0)
      }
      await this.scheduleHandOver(tx, communityId, nextTerm(term))
      await recordAudit(tx, this.app.clock, {
        actorId: viewer.userId,
        action: 'alliance.rotation',
        targetType: 'alliance',
        targetId: alliance.id,
        place,
        after: { unitIds },
      })
    })
    return this.view(viewer, communityId)
  }

  private async openTerm(
    tx: Tx,
    communityId: string,
    allianceId: string,
    term: Term,
    unitId: string,
    position: number,
  ) {
    const { startsOn, endsOn } = termBounds(term)
    const inserted = await tx
      .insert(allianceDeputyTerms)
      .values({ communityId, allianceId, term, unitId, position, startsOn, endsOn, handedOverAt: this.app.clock.now() })
      .onConflictDoNothing()
      .returning({ term: allianceDeputyTerms.term })
    if (inserted.length === 0) return false
    const names = await namesOf(tx, unitId, communityId)
    await this.app.notifications.bus.publish(tx, {
      kind: 'alliance.deputy_rotated',
      communityId,
      subject: { type: 'alliance', id: allianceId },
      params: { unitName: names.unit, term, communityName: names.community },
      to: [{ unitAdmins: unitId }, { communityStaff: communityId }],
    })
    return true
  }

  private async scheduleHandOver(db: DbOrTx, communityId: string, term: Term) {
    await this.app.jobs.schedule(
      ALLIANCE_ROTATE,
      { communityId, term },
      { runAt: termBounds(term).startsAt, dedupeKey: `${ALLIANCE_ROTATE}:${communityId}:${term}`, communityId },
      db,
    )
  }

  /** Each alliance with a rotation has its next hand-over scheduled (at start: the demo's, a restored database's). */
  async scheduleHandOvers() {
    const { rows } = await this.db.execute(sql`select distinct community_id from alliance_rotation`)
    const next = nextTerm(termOf(this.app.clock.now()))
    for (const r of rows) await this.scheduleHandOver(this.db, r.community_id as string, next)
  }

  /** The hand-over job: the next unit in the rotation takes `term` (once), then the next is scheduled. */
  async handOver(communityId: string, term: Term) {
    await this.db.transaction(async (tx) => {
      const alliance = await this.allianceOf(tx, communityId)
      const rotation = await this.rotation(tx, communityId, alliance.id)
      if (rotation.length === 0) return
      const [previous] = await tx
        .select()
        .from(allianceDeputyTerms)
        .where(
          and(
            eq(allianceDeputyTerms.communityId, communityId),
            eq(allianceDeputyTerms.allianceId, alliance.id),
            sql`${allianceDeputyTerms.term} < ${term}`,
          ),
        )
        .orderBy(desc(allianceDeputyTerms.term))
        .limit(1)
      const at = previous ? rotation.findIndex((r) => r.unitId === previous.unitId) : -1
      const position = (at + 1) % rotation.length
      await this.openTerm(tx, communityId, alliance.id, term, rotation[position]!.unitId, position)
      await this.scheduleHandOver(tx, communityId, nextTerm(term))
    })
  }

  async adoptCharter(viewer: Viewer, communityId: string, body: string, adoptedOn: string) {
    const text = parseInput(z.string().trim().min(1).max(50_000), body)
    const on = parseInput(isoDate, adoptedOn)
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const alliance = await this.allianceOf(tx, communityId)
      await tx.execute(sql`select 1 from alliances where community_id = ${communityId} for update`)
      const [{ v }] = (
        await tx.execute<{ v: number }>(sql`select coalesce(max(version), 0)::int as v
        from alliance_charters where community_id = ${communityId}`)
      ).rows as [{ v: number }]
      await tx.insert(allianceCharters).values({
        communityId,
        id: newId(),
        allianceId: alliance.id,
        version: Number(v) + 1,
        body: text,
        adoptedOn: on,
        createdBy: viewer.userId,
        createdAt: this.app.clock.now(),
      })
      await recordAudit(tx, this.app.clock, {
        actorId: viewer.userId,
        action: 'alliance.charter',
        targetType: 'alliance',
        targetId: alliance.id,
        place,
        after: { version: Number(v) + 1, adoptedOn: on },
      })
    })
    return this.view(viewer, communityId)
  }

  /** May the viewer see a member unit's agreement document (staff of its community, the unit's admins)? */
  async canViewAgreement(viewer: Viewer, file: { ownerId: string | null; communityId: string | null }) {
    if (!file.ownerId || !file.communityId) return false
    if (isUnitAdmin(viewer, file.ownerId)) return true
    try {
      await requirePlaceRole(this.db, viewer, { kind: 'community', id: file.communityId }, ADMIN_ROLES)
      return true
    } catch {
      return false
    }
  }

  // ── Agreements ──────────────────────────────────────────────────────────────────────────

  /** A member unit's 共驻共建协议书: signed date, document, renewal date (its reminder scheduled). */
  async setAgreement(viewer: Viewer, communityId: string, unitId: string, raw: unknown) {
    const input = parseInput(agreementSchema, raw)
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      if (!isUuid(unitId)) throw notFound('member unit')
      const [current] = await tx
        .select({ fileId: allianceUnits.agreementFileId })
        .from(allianceUnits)
        .where(
          and(
            eq(allianceUnits.communityId, communityId),
            eq(allianceUnits.unitId, unitId),
            eq(allianceUnits.status, 'active'),
          ),
        )
        .for('update')
      if (!current) throw notFound('member unit')
      // The scanned agreement goes through storage: a new upload is attached to the member unit
      // (read by the community's staff and the unit's admins); the one it replaces is deleted.
      const fileId = input.fileId ?? null
      if (fileId && fileId !== current.fileId) {
        await this.app.files.attach(tx, [fileId], AGREEMENT_DOCUMENT, unitId, viewer, communityId)
      }
      if (current.fileId && current.fileId !== fileId) await this.app.files.markDeleted(tx, [current.fileId])
      const updated = await tx
        .update(allianceUnits)
        .set({
          agreementSignedOn: input.signedOn ?? null,
          agreementFileId: input.fileId ?? null,
          agreementRenewsOn: input.renewsOn ?? null,
        })
        .where(
          and(
            eq(allianceUnits.communityId, communityId),
            eq(allianceUnits.unitId, unitId),
            eq(allianceUnits.status, 'active'),
          ),
        )
        .returning({ unitId: allianceUnits.unitId })
      if (updated.length === 0) throw notFound('member unit')
      if (input.renewsOn) {
        const due = new Date(`${input.renewsOn}T09:00:00+08:00`)
        const remindAt = new Date(due.getTime() - AGREEMENT_REMINDER_DAYS * 86_400_000)
        await this.app.jobs.schedule(
          AGREEMENT_RENEWAL,
          { communityId, unitId, renewsOn: input.renewsOn },
          {
            runAt: remindAt,
            dedupeKey: `${AGREEMENT_RENEWAL}:${communityId}:${unitId}:${input.renewsOn}`,
            communityId,
          },
          tx,
        )
      }
      await recordAudit(tx, this.app.clock, {
        actorId: viewer.userId,
        action: 'alliance.agreement',
        targetType: 'unit',
        targetId: unitId,
        place,
        after: { signedOn: input.signedOn ?? null, renewsOn: input.renewsOn ?? null, file: !!input.fileId },
      })
    })
    return this.view(viewer, communityId)
  }

  /** The reminder job: once per renewal date still in force (a second run, or a changed date, sends nothing). */
  async remindRenewal(communityId: string, unitId: string, renewsOn: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const marked = await tx
        .update(allianceUnits)
        .set({ agreementRemindedFor: renewsOn })
        .where(
          and(
            eq(allianceUnits.communityId, communityId),
            eq(allianceUnits.unitId, unitId),
            eq(allianceUnits.status, 'active'),
            eq(allianceUnits.agreementRenewsOn, renewsOn),
            sql`${allianceUnits.agreementRemindedFor} is distinct from ${renewsOn}::date`,
          ),
        )
        .returning({ allianceId: allianceUnits.allianceId })
      if (marked.length === 0) return false
      const names = await namesOf(tx, unitId, communityId)
      await this.app.notifications.bus.publish(tx, {
        kind: 'alliance.agreement_renewal',
        communityId,
        subject: { type: 'unit', id: unitId },
        params: { unitName: names.unit, renewsOn, communityName: names.community },
        to: [{ communityStaff: communityId }, { unitAdmins: unitId }],
      })
      return true
    })
  }

  // ── Meetings and resolutions ────────────────────────────────────────────────────────────

  async scheduleMeeting(viewer: Viewer, communityId: string, raw: unknown) {
    const input = parseInput(meetingSchema, raw)
    const id = newId()
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const alliance = await this.allianceOf(tx, communityId)
      const now = this.app.clock.now()
      await tx.insert(allianceMeetings).values({
        communityId,
        id,
        allianceId: alliance.id,
        title: input.title,
        heldAt: input.heldAt,
        place: input.place,
        agenda: input.agenda,
        createdBy: viewer.userId,
        createdAt: now,
        updatedAt: now,
      })
      await recordAudit(tx, this.app.clock, {
        actorId: viewer.userId,
        action: 'alliance.meeting',
        targetType: 'alliance_meeting',
        targetId: id,
        place,
        after: { title: input.title, heldAt: input.heldAt.toISOString() },
      })
    })
    return (await this.meetings(communityId)).find((m) => m.id === id)!
  }

  /** The planned meeting was held: attendance, minutes and resolutions, once (INVALID_TRANSITION after). */
  async recordMeeting(viewer: Viewer, communityId: string, meetingId: string, raw: unknown) {
    const input = parseInput(recordSchema, raw)
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      if (!isUuid(meetingId)) throw notFound('meeting')
      const [meeting] = await tx
        .select({ state: allianceMeetings.state })
        .from(allianceMeetings)
        .where(and(eq(allianceMeetings.communityId, communityId), eq(allianceMeetings.id, meetingId)))
        .for('update')
      if (!meeting) throw notFound('meeting')
      // Recorded once: a second record would add its resolutions again.
      if (meeting.state !== 'planned') {
        throw new DomainError('INVALID_TRANSITION', 'The meeting is already recorded', {
          from: meeting.state,
          to: 'held',
        })
      }
      await tx
        .update(allianceMeetings)
        .set({ state: 'held', minutes: input.minutes, updatedAt: this.app.clock.now() })
        .where(and(eq(allianceMeetings.communityId, communityId), eq(allianceMeetings.id, meetingId)))
      await tx
        .delete(allianceMeetingAttendance)
        .where(
          and(
            eq(allianceMeetingAttendance.communityId, communityId),
            eq(allianceMeetingAttendance.meetingId, meetingId),
          ),
        )
      if (input.attendance.length > 0) {
        await tx.insert(allianceMeetingAttendance).values(
          input.attendance.map((a) => ({
            communityId,
            meetingId,
            unitId: a.unitId,
            attendee: a.attendee,
            present: a.present,
          })),
        )
      }
      const now = this.app.clock.now()
      if (input.resolutions.length > 0) {
        await tx.insert(allianceResolutions).values(
          input.resolutions.map((body, i) => ({
            communityId,
            id: newId(),
            meetingId,
            body,
            createdAt: new Date(now.getTime() + i),
          })),
        )
      }
      await recordAudit(tx, this.app.clock, {
        actorId: viewer.userId,
        action: 'alliance.meeting_held',
        targetType: 'alliance_meeting',
        targetId: meetingId,
        place,
        after: { attendance: input.attendance.length, resolutions: input.resolutions.length },
      })
    })
    return (await this.meetings(communityId)).find((m) => m.id === meetingId)!
  }

  /** A resolution becomes a draft project in one step, linked both ways; again → the same project. */
  async resolutionToProject(viewer: Viewer, communityId: string, resolutionId: string) {
    const projectId = await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      if (!isUuid(resolutionId)) throw notFound('resolution')
      const { rows } = await tx.execute(sql`select r.body, r.project_id, m.title as meeting, m.held_at
          from alliance_resolutions r join alliance_meetings m on m.community_id = r.community_id and m.id = r.meeting_id
         where r.community_id = ${communityId} and r.id = ${resolutionId} for update of r`)
      const r = rows[0] as
        { body: string; project_id: string | null; meeting: string; held_at: Date | string } | undefined
      if (!r) throw notFound('resolution')
      if (r.project_id) return r.project_id
      const settings = await this.app.settingsService.effective(tx, communityId)
      const category = settings.categories.find((c) => c.code === 'governance')?.code ?? settings.categories[0]!.code
      const id = newId()
      const now = this.app.clock.now()
      const title = r.body.length > 40 ? `${r.body.slice(0, 39)}…` : r.body
      const description = `联席会议「${r.meeting}」决议：${r.body}`
      await tx.insert(projects).values({
        communityId,
        id,
        title,
        description,
        category,
        mode: 'solo',
        capacity: 1,
        state: 'draft',
        createdBy: viewer.userId,
        search: searchVector(title, description),
        createdAt: now,
        updatedAt: now,
      })
      await tx
        .update(allianceResolutions)
        .set({ projectId: id })
        .where(and(eq(allianceResolutions.communityId, communityId), eq(allianceResolutions.id, resolutionId)))
      await recordAudit(tx, this.app.clock, {
        actorId: viewer.userId,
        action: 'project.create',
        targetType: 'project',
        targetId: id,
        place,
        after: { title, fromResolution: resolutionId },
      })
      return id
    })
    return (await findProject(this.db, communityId, projectId))!
  }

  // ── 六个一 ───────────────────────────────────────────────────────────────────────────────

  /** Mark an item of the current term's 六个一 fulfilled by what is linked (its kind checked). */
  async fulfilSixOne(viewer: Viewer, communityId: string, item: string, linkIds: readonly string[], note = '') {
    if (!(SIX_ONE_ITEMS as readonly string[]).includes(item)) {
      throw new DomainError('BAD_USER_INPUT', 'Not an item of 六个一', { field: 'item' })
    }
    if (linkIds.length === 0 || !linkIds.every(isUuid)) {
      throw new DomainError('BAD_USER_INPUT', 'Link what fulfils it', { field: 'linkIds' })
    }
    const kind = SIX_ONES.find((s) => s.item === item)!.fulfilledBy
    await this.db.transaction(async (tx) => {
      await requireCommunityStaff(tx, viewer, communityId)
      const alliance = await this.allianceOf(tx, communityId)
      const term = termOf(this.app.clock.now())
      const table = {
        activity: 'activities',
        meeting: 'alliance_meetings',
        needs: 'needs',
        resolutions: 'alliance_resolutions',
      }[kind]
      const { rows } = await tx.execute(
        sql`select count(*)::int as n from ${sql.raw(table)} where community_id = ${communityId} and id in ${[...linkIds]}`,
      )
      if (Number(rows[0]!.n) !== new Set(linkIds).size) throw notFound(kind)
      await tx
        .insert(allianceSixOnes)
        .values({
          communityId,
          allianceId: alliance.id,
          term,
          item: item as SixOneItem,
          linkIds: [...linkIds],
          note: note.trim().slice(0, 500),
          fulfilledAt: this.app.clock.now(),
          fulfilledBy: viewer.userId,
        })
        .onConflictDoUpdate({
          target: [allianceSixOnes.communityId, allianceSixOnes.allianceId, allianceSixOnes.term, allianceSixOnes.item],
          set: {
            linkIds: [...linkIds],
            note: note.trim().slice(0, 500),
            fulfilledAt: this.app.clock.now(),
            fulfilledBy: viewer.userId,
          },
        })
    })
    return this.view(viewer, communityId)
  }
}
