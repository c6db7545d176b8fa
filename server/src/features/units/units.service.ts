/**
 * Alliance membership, unit rosters and teams (志愿服务队). Every operation checks who may do
 * it first; anything outside the viewer's scope answers NOT_FOUND, exactly like a missing id.
 * Every administrative change is audited in the same transaction as the change.
 */
import {
  DomainError,
  allianceUnitMachine,
  assertTransition,
  calendarDateSchema,
  createUnitInputSchema,
  maskPhone,
  nameSchema,
  phoneSchema,
  unitMemberMachine,
  type Role,
} from '@linli/shared'
import { z } from 'zod'
import { isUuid, loadAncestry, requirePlaceRole, rolesCovering, type Ancestry } from '../../access/places.ts'
import type { Clock } from '../../clock.ts'
import type { Db, DbOrTx, Tx } from '../../db/index.ts'
import type { Team, UnitMember } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { parseInput } from '../../lib/input.ts'
import { everyOffsetPage } from '../../lib/xlsx-export.ts'
import type { EventBus } from '../../platform/notifications/bus.ts'
import type { FilesService } from '../../platform/storage/files.service.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import {
  canReadAlliance,
  canReadRoster,
  canReadTeams,
  canSearchUnits,
  canSeeRosterPhone,
  isUnitAdmin,
  ownerOfTeam,
  staffCommunityIds,
  teamOwnerFrom,
  type TeamOwner,
} from './units.policy.ts'
import * as repo from './units.repository.ts'
import type { AllianceUnitRow, UnitMemberStatus } from './units.repository.ts'

export interface UserView {
  id: string
  realName: string
  phone: string
}

export interface AllianceUnitView {
  unit: { id: string; name: string; kind: string }
  communityId: string
  communityName: string
  allianceId: string
  allianceName: string
  status: AllianceUnitRow['status']
  agreementSignedOn: string | null
  joinedAt: Date
  leftAt: Date | null
}

export interface UnitMemberView {
  user: UserView
  status: UnitMemberStatus
  isPartyMember: boolean
  joinedAt: Date | null
  createdAt: Date
}

export interface UnitMembershipView {
  unit: { id: string; name: string; kind: string }
  status: UnitMemberStatus
  isPartyMember: boolean
  joinedAt: Date | null
  createdAt: Date
}

export type TeamView = Team

const ROSTER_DEFAULT_STATUSES: readonly UnitMemberStatus[] = ['active', 'requested', 'invited']
const ROSTER_MAX_PAGE = 200
const SEARCH_LIMIT = 20
const ALLIANCE_READERS: readonly Role[] = ['community_staff', 'street_admin', 'district_admin']

/** The owner type of a unit's logo file. */
export const UNIT_LOGO = 'unit_logo'

const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`)

function toAllianceUnitView(row: AllianceUnitRow): AllianceUnitView {
  return {
    unit: { id: row.unitId, name: row.unitName, kind: row.unitKind },
    communityId: row.communityId,
    communityName: row.communityName,
    allianceId: row.allianceId,
    allianceName: row.allianceName,
    status: row.status,
    agreementSignedOn: row.agreementSignedOn,
    joinedAt: row.joinedAt,
    leftAt: row.leftAt,
  }
}

/** What an audit event may say about a roster row: never the phone. */
const memberFacts = (m: Pick<UnitMember, 'status' | 'isPartyMember'>) => ({
  status: m.status,
  isPartyMember: m.isPartyMember,
})

const teamFacts = (t: Team) => ({ name: t.name, leaderId: t.leaderId, archived: t.archivedAt !== null })

export class UnitsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly files: FilesService,
    private readonly bus: EventBus,
  ) {}

  // ── Logo ───────────────────────────────────────────────────────────────────

  /**
   * The unit's admin sets its logo to one of their own unattached uploads (or clears it with
   * null); the previous logo is marked deleted. A logo is seen by anyone signed in (owner type
   * `unit_logo`). NOT_FOUND: not the viewer's unit, or not an unattached upload of theirs.
   */
  async setUnitLogo(viewer: Viewer, unitId: string, fileId: string | null) {
    if (!isUnitAdmin(viewer, unitId) || !isUuid(unitId)) throw notFound('unit')
    return this.db.transaction(async (tx) => {
      const unit = await repo.findUnit(tx, unitId)
      if (!unit) throw notFound('unit')
      if (fileId) await this.files.attach(tx, [fileId], UNIT_LOGO, unitId, viewer)
      if (unit.logoFileId && unit.logoFileId !== fileId) await this.files.markDeleted(tx, [unit.logoFileId])
      const updated = await repo.setUnitLogo(tx, unitId, fileId)
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'unit.set_logo',
        targetType: 'unit',
        targetId: unitId,
        unitId,
        before: { logoFileId: unit.logoFileId },
        after: { logoFileId: fileId },
      })
      return updated
    })
  }

  /** Logo file ids of units, in key order (null: none or no such unit). */
  async logoFileIds(unitIds: readonly string[]): Promise<(string | null)[]> {
    const rows = await repo.findUnitsByIds(this.db, unitIds)
    const byId = new Map(rows.map((u) => [u.id, u.logoFileId]))
    return unitIds.map((id) => byId.get(id) ?? null)
  }

  // ── Alliance membership ────────────────────────────────────────────────────

  /**
   * Community staff create a unit and add it, active, to their community's alliance (the
   * alliance `<社区名>大邻里党建联盟` is created on first use).
   * NOT_FOUND: the community is missing or not the viewer's; BAD_USER_INPUT: name, kind or
   * date; ALREADY_EXISTS: a unit of that name is already in (or invited to) the alliance.
   */
  async createUnit(viewer: Viewer, communityId: string, input: unknown): Promise<AllianceUnitView> {
    return this.db.transaction(async (tx) => {
      const place = await requirePlaceRole(tx, viewer, { kind: 'community', id: communityId }, ['community_staff'])
      const data = parseInput(createUnitInputSchema.extend({ agreementSignedOn: calendarDateSchema.nullish() }), input)
      const alliance = await this.allianceOf(tx, viewer, communityId, place)
      await repo.lockNameScope(tx, { allianceOf: communityId })
      if (await repo.allianceHasUnitNamed(tx, communityId, data.name)) {
        throw new DomainError('ALREADY_EXISTS', 'A unit of this name is already in the alliance')
      }
      const now = this.clock.now()
      const unit = await repo.insertUnit(tx, { name: data.name, kind: data.kind, createdAt: now })
      await repo.insertAllianceUnit(tx, {
        communityId,
        allianceId: alliance.id,
        unitId: unit.id,
        status: 'active',
        agreementSignedOn: data.agreementSignedOn ?? null,
        invitedBy: viewer.userId,
        joinedAt: now,
      })
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'unit.create',
        targetType: 'unit',
        targetId: unit.id,
        place,
        unitId: unit.id,
        after: {
          name: unit.name,
          kind: unit.kind,
          status: 'active',
          agreementSignedOn: data.agreementSignedOn ?? null,
        },
      })
      return this.allianceUnitView(tx, communityId, unit.id)
    })
  }

  /**
   * Community staff invite an existing unit (one that left may be invited again).
   * NOT_FOUND: community or unit missing, or the community not the viewer's;
   * ALREADY_EXISTS: the unit is already a member or invited.
   */
  async inviteUnitToAlliance(
    viewer: Viewer,
    communityId: string,
    unitId: string,
    agreementSignedOn?: string | null,
  ): Promise<AllianceUnitView> {
    return this.db.transaction(async (tx) => {
      const place = await requirePlaceRole(tx, viewer, { kind: 'community', id: communityId }, ['community_staff'])
      const signedOn = parseInput(z.object({ agreementSignedOn: calendarDateSchema.nullish() }), {
        agreementSignedOn,
      }).agreementSignedOn
      const unit = await repo.findUnit(tx, unitId)
      if (!unit) throw notFound('unit')
      const alliance = await this.allianceOf(tx, viewer, communityId, place)
      const now = this.clock.now()
      const existing = await repo.lockAllianceUnit(tx, communityId, unitId)
      const invited = { status: 'invited' as const, invitedBy: viewer.userId, joinedAt: now, leftAt: null }
      if (existing) {
        if (existing.status !== 'left') throw new DomainError('ALREADY_EXISTS', 'The unit is already in the alliance')
        assertTransition(allianceUnitMachine, existing.status, 'invited')
        await repo.updateAllianceUnit(tx, communityId, unitId, {
          ...invited,
          agreementSignedOn: signedOn ?? existing.agreementSignedOn,
        })
      } else {
        const inserted = await repo.insertAllianceUnit(tx, {
          communityId,
          allianceId: alliance.id,
          unitId,
          agreementSignedOn: signedOn ?? null,
          ...invited,
        })
        if (!inserted) throw new DomainError('ALREADY_EXISTS', 'The unit is already in the alliance')
      }
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'alliance.invite',
        targetType: 'unit',
        targetId: unitId,
        place,
        unitId,
        before: existing ? { status: existing.status } : null,
        after: { status: 'invited', agreementSignedOn: signedOn ?? existing?.agreementSignedOn ?? null },
      })
      await this.bus.publish(tx, {
        kind: 'alliance.invited',
        communityId,
        subject: { type: 'unit', id: unitId },
        params: { unitName: unit.name, communityName: (await repo.findCommunityName(tx, communityId)) ?? '' },
        to: { unitAdmins: unitId },
        except: viewer.userId,
      })
      return this.allianceUnitView(tx, communityId, unitId)
    })
  }

  /** The unit's admin accepts an invitation. NOT_FOUND: no such invitation in scope; INVALID_TRANSITION: not invited. */
  acceptAllianceInvitation(viewer: Viewer, communityId: string, unitId: string): Promise<AllianceUnitView> {
    return this.answerAllianceInvitation(viewer, communityId, unitId, 'active')
  }

  /** The unit's admin declines an invitation (the row is kept as `left`). Codes as for accepting. */
  declineAllianceInvitation(viewer: Viewer, communityId: string, unitId: string): Promise<AllianceUnitView> {
    return this.answerAllianceInvitation(viewer, communityId, unitId, 'left')
  }

  private async answerAllianceInvitation(
    viewer: Viewer,
    communityId: string,
    unitId: string,
    to: 'active' | 'left',
  ): Promise<AllianceUnitView> {
    if (!isUnitAdmin(viewer, unitId)) throw notFound('invitation')
    return this.db.transaction(async (tx) => {
      const row = await repo.lockAllianceUnit(tx, communityId, unitId)
      if (!row) throw notFound('invitation')
      if (row.status !== 'invited') {
        throw new DomainError('INVALID_TRANSITION', `cannot answer an invitation in state ${row.status}`, {
          from: row.status,
          to,
        })
      }
      assertTransition(allianceUnitMachine, row.status, to)
      const now = this.clock.now()
      await repo.updateAllianceUnit(
        tx,
        communityId,
        unitId,
        to === 'active' ? { status: 'active', joinedAt: now, leftAt: null } : { status: 'left', leftAt: now },
      )
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: to === 'active' ? 'alliance.accept' : 'alliance.decline',
        targetType: 'unit',
        targetId: unitId,
        place: (await loadAncestry(tx, { kind: 'community', id: communityId })) ?? undefined,
        unitId,
        before: { status: row.status },
        after: { status: to },
      })
      await this.bus.publish(tx, {
        kind: 'alliance.answered',
        communityId,
        subject: { type: 'unit', id: unitId },
        params: {
          unitName: (await repo.findUnit(tx, unitId))?.name ?? '',
          communityName: (await repo.findCommunityName(tx, communityId)) ?? '',
          answer: to === 'active' ? 'accepted' : 'declined',
        },
        to: { communityStaff: communityId },
        except: viewer.userId,
      })
      return this.allianceUnitView(tx, communityId, unitId)
    })
  }

  /**
   * Community staff take a unit out of the alliance, or withdraw its invitation: `left`, the
   * row kept as history. NOT_FOUND: not in the viewer's alliance; INVALID_TRANSITION: already left.
   */
  async removeUnitFromAlliance(viewer: Viewer, communityId: string, unitId: string): Promise<AllianceUnitView> {
    return this.db.transaction(async (tx) => {
      const place = await requirePlaceRole(tx, viewer, { kind: 'community', id: communityId }, ['community_staff'])
      const row = await repo.lockAllianceUnit(tx, communityId, unitId)
      if (!row) throw notFound('unit')
      assertTransition(allianceUnitMachine, row.status, 'left')
      await repo.updateAllianceUnit(tx, communityId, unitId, { status: 'left', leftAt: this.clock.now() })
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'alliance.remove',
        targetType: 'unit',
        targetId: unitId,
        place,
        unitId,
        before: { status: row.status },
        after: { status: 'left' },
      })
      return this.allianceUnitView(tx, communityId, unitId)
    })
  }

  /**
   * Community staff record (or clear) the 共驻共建协议书 date. NOT_FOUND: not in the viewer's
   * alliance; BAD_USER_INPUT: not a date; INVALID_TRANSITION: the unit has left.
   */
  async setAgreementSigned(
    viewer: Viewer,
    communityId: string,
    unitId: string,
    date: string | null,
  ): Promise<AllianceUnitView> {
    return this.db.transaction(async (tx) => {
      const place = await requirePlaceRole(tx, viewer, { kind: 'community', id: communityId }, ['community_staff'])
      const signedOn = parseInput(z.object({ date: calendarDateSchema.nullable() }), { date }).date
      const row = await repo.lockAllianceUnit(tx, communityId, unitId)
      if (!row) throw notFound('unit')
      if (row.status === 'left') {
        throw new DomainError('INVALID_TRANSITION', 'the unit has left the alliance', { from: row.status })
      }
      await repo.updateAllianceUnit(tx, communityId, unitId, { agreementSignedOn: signedOn })
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'alliance.set_agreement',
        targetType: 'unit',
        targetId: unitId,
        place,
        unitId,
        before: { agreementSignedOn: row.agreementSignedOn },
        after: { agreementSignedOn: signedOn },
      })
      return this.allianceUnitView(tx, communityId, unitId)
    })
  }

  /**
   * A community's alliance, for its staff, the street and district admins above it and the
   * admins of its active member units; null when the community has none yet. NOT_FOUND otherwise.
   */
  async alliance(viewer: Viewer, communityId: string) {
    const place = await loadAncestry(this.db, { kind: 'community', id: communityId })
    if (!place) throw notFound('community')
    const coversPlace = ALLIANCE_READERS.some((r) => rolesCovering(viewer, place).has(r))
    // Only people who might read it cause the alliance to be loaded.
    if (!coversPlace && !viewer.grants.some((g) => g.role === 'unit_admin')) throw notFound('community')
    const alliance = await repo.findAllianceWithUnits(this.db, communityId)
    const activeUnitIds = alliance?.units.filter((u) => u.status === 'active').map((u) => u.unitId) ?? []
    if (!canReadAlliance(viewer, place, activeUnitIds)) throw notFound('community')
    if (!alliance) return null
    return { id: alliance.id, name: alliance.name, communityId, units: alliance.units.map(toAllianceUnitView) }
  }

  /** The alliances a unit is in, invited to or has left, for the unit's admins. NOT_FOUND otherwise. */
  async unitAlliances(viewer: Viewer, unitId: string): Promise<AllianceUnitView[]> {
    if (!isUnitAdmin(viewer, unitId) || !isUuid(unitId)) throw notFound('unit')
    return (await repo.findAlliancesOfUnit(this.db, unitId)).map(toAllianceUnitView)
  }

  /**
   * Community staff look up existing units by name to invite them. FORBIDDEN for anyone who is
   * not community staff; BAD_USER_INPUT: an empty or overlong name.
   */
  async unitsSearch(viewer: Viewer, name: string) {
    if (!canSearchUnits(viewer)) throw new DomainError('FORBIDDEN', 'Only community staff search units')
    const fragment = parseInput(z.object({ name: nameSchema }), { name }).name
    return repo.searchUnitsByName(this.db, fragment, SEARCH_LIMIT)
  }

  // ── Rosters ────────────────────────────────────────────────────────────────

  /**
   * The unit's admin invites a registered person by phone (again, after a decline or leaving).
   * NOT_FOUND: not the viewer's unit, or no active account with that phone; BAD_USER_INPUT:
   * malformed phone; ALREADY_EXISTS: already invited, requested or active.
   */
  async inviteUnitMember(
    viewer: Viewer,
    unitId: string,
    phone: string,
    isPartyMember: boolean,
  ): Promise<UnitMemberView> {
    return this.db.transaction(async (tx) => {
      await this.requireUnitAdmin(tx, viewer, unitId)
      const parsed = parseInput(z.object({ phone: phoneSchema }), { phone }).phone
      const person = await repo.findActiveUserByPhone(tx, parsed)
      if (!person) throw notFound('person')
      const existing = await repo.lockUnitMember(tx, unitId, person.id)
      const now = this.clock.now()
      let row: UnitMember
      if (existing) {
        if (existing.status === 'invited' || existing.status === 'requested' || existing.status === 'active') {
          throw new DomainError('ALREADY_EXISTS', 'The person is already on the roster or asked to join')
        }
        assertTransition(unitMemberMachine, existing.status, 'invited')
        row = await repo.updateUnitMember(tx, unitId, person.id, {
          status: 'invited',
          isPartyMember,
          decidedBy: viewer.userId,
          joinedAt: null,
        })
      } else {
        const values = {
          unitId,
          userId: person.id,
          status: 'invited' as const,
          isPartyMember,
          decidedBy: viewer.userId,
          createdAt: now,
        }
        if (!(await repo.insertUnitMember(tx, values))) {
          throw new DomainError('ALREADY_EXISTS', 'The person is already on the roster or asked to join')
        }
        row = { ...values, joinedAt: null }
      }
      await this.auditMember(tx, viewer, 'unit_member.invite', unitId, person.id, existing, row)
      await this.bus.publish(tx, {
        kind: 'unit.member_invited',
        communityId: null,
        subject: { type: 'unit', id: unitId },
        params: { unitName: (await repo.findUnit(tx, unitId))?.name ?? '' },
        to: { people: [person.id] },
      })
      return this.memberView(viewer, unitId, person, row)
    })
  }

  /** The invitee accepts. NOT_FOUND: no invitation; INVALID_TRANSITION: not (or no longer) invited. */
  acceptUnitInvitation(viewer: Viewer, unitId: string): Promise<UnitMembershipView> {
    return this.answerUnitInvitation(viewer, unitId, 'active')
  }

  /** The invitee declines. Codes as for accepting. */
  declineUnitInvitation(viewer: Viewer, unitId: string): Promise<UnitMembershipView> {
    return this.answerUnitInvitation(viewer, unitId, 'declined')
  }

  private async answerUnitInvitation(
    viewer: Viewer,
    unitId: string,
    to: 'active' | 'declined',
  ): Promise<UnitMembershipView> {
    return this.db.transaction(async (tx) => {
      const existing = await repo.lockUnitMember(tx, unitId, viewer.userId)
      if (!existing) throw notFound('invitation')
      if (existing.status !== 'invited') {
        throw new DomainError('INVALID_TRANSITION', `not invited (${existing.status})`, { from: existing.status, to })
      }
      assertTransition(unitMemberMachine, existing.status, to)
      const row = await repo.updateUnitMember(tx, unitId, viewer.userId, {
        status: to,
        joinedAt: to === 'active' ? this.clock.now() : null,
      })
      const action = to === 'active' ? 'unit_member.accept' : 'unit_member.decline_invitation'
      await this.auditMember(tx, viewer, action, unitId, viewer.userId, existing, row)
      return this.membershipView(tx, unitId, row)
    })
  }

  /**
   * A signed-in person asks to join a unit (again, after a decline or leaving).
   * NOT_FOUND: no such unit; ALREADY_EXISTS: already invited, requested or active.
   */
  async requestToJoinUnit(viewer: Viewer, unitId: string): Promise<UnitMembershipView> {
    return this.db.transaction(async (tx) => {
      const unit = await repo.findUnit(tx, unitId)
      if (!unit) throw notFound('unit')
      const existing = await repo.lockUnitMember(tx, unitId, viewer.userId)
      let row: UnitMember
      if (existing) {
        if (existing.status === 'invited' || existing.status === 'requested' || existing.status === 'active') {
          throw new DomainError('ALREADY_EXISTS', 'Already on the roster, invited or asked to join')
        }
        assertTransition(unitMemberMachine, existing.status, 'requested')
        row = await repo.updateUnitMember(tx, unitId, viewer.userId, {
          status: 'requested',
          decidedBy: null,
          joinedAt: null,
        })
      } else {
        const values = {
          unitId,
          userId: viewer.userId,
          status: 'requested' as const,
          isPartyMember: false,
          decidedBy: null,
          createdAt: this.clock.now(),
        }
        if (!(await repo.insertUnitMember(tx, values))) {
          throw new DomainError('ALREADY_EXISTS', 'Already on the roster, invited or asked to join')
        }
        row = { ...values, joinedAt: null }
      }
      await this.auditMember(tx, viewer, 'unit_member.request', unitId, viewer.userId, existing, row)
      await this.bus.publish(tx, {
        kind: 'unit.join_requested',
        communityId: null,
        subject: { type: 'unit', id: unitId },
        params: { unitName: unit.name },
        to: { unitAdmins: unitId },
        except: viewer.userId,
      })
      return {
        unit,
        status: row.status,
        isPartyMember: row.isPartyMember,
        joinedAt: row.joinedAt,
        createdAt: row.createdAt,
      }
    })
  }

  /** The unit's admin approves a request. NOT_FOUND: not the viewer's unit or no such request; INVALID_TRANSITION: not requested. */
  approveUnitMember(viewer: Viewer, unitId: string, userId: string): Promise<UnitMemberView> {
    return this.decideRequest(viewer, unitId, userId, 'active')
  }

  /** The unit's admin declines a request. Codes as for approving. */
  declineUnitMember(viewer: Viewer, unitId: string, userId: string): Promise<UnitMemberView> {
    return this.decideRequest(viewer, unitId, userId, 'declined')
  }

  private async decideRequest(
    viewer: Viewer,
    unitId: string,
    userId: string,
    to: 'active' | 'declined',
  ): Promise<UnitMemberView> {
    return this.db.transaction(async (tx) => {
      await this.requireUnitAdmin(tx, viewer, unitId)
      const existing = await repo.lockUnitMember(tx, unitId, userId)
      if (!existing) throw notFound('member')
      if (existing.status !== 'requested') {
        throw new DomainError('INVALID_TRANSITION', `no open request (${existing.status})`, {
          from: existing.status,
          to,
        })
      }
      assertTransition(unitMemberMachine, existing.status, to)
      const row = await repo.updateUnitMember(tx, unitId, userId, {
        status: to,
        decidedBy: viewer.userId,
        joinedAt: to === 'active' ? this.clock.now() : null,
      })
      const action = to === 'active' ? 'unit_member.approve' : 'unit_member.decline'
      await this.auditMember(tx, viewer, action, unitId, userId, existing, row)
      if (to === 'active') {
        await this.bus.publish(tx, {
          kind: 'unit.joined',
          communityId: null,
          subject: { type: 'unit', id: unitId },
          params: { unitName: (await repo.findUnit(tx, unitId))?.name ?? '' },
          to: { people: [userId] },
        })
      }
      return this.memberView(viewer, unitId, (await repo.findUserById(tx, userId))!, row)
    })
  }

  /**
   * The unit's admin marks who is a party member (active members and open invitations or
   * requests). NOT_FOUND: not the viewer's unit or not on it; INVALID_TRANSITION: declined or left.
   */
  async setPartyMember(viewer: Viewer, unitId: string, userId: string, isPartyMember: boolean) {
    return this.db.transaction(async (tx) => {
      await this.requireUnitAdmin(tx, viewer, unitId)
      const existing = await repo.lockUnitMember(tx, unitId, userId)
      if (!existing) throw notFound('member')
      if (existing.status === 'declined' || existing.status === 'left') {
        throw new DomainError('INVALID_TRANSITION', `not on the roster (${existing.status})`, { from: existing.status })
      }
      const row = await repo.updateUnitMember(tx, unitId, userId, { isPartyMember })
      await this.auditMember(tx, viewer, 'unit_member.set_party_member', unitId, userId, existing, row)
      return this.memberView(viewer, unitId, (await repo.findUserById(tx, userId))!, row)
    })
  }

  /**
   * The unit's admin takes a person off the roster (`left`; an open invitation is withdrawn);
   * they leave the unit's teams, and lead none of them any more.
   * NOT_FOUND: not the viewer's unit or not on it; INVALID_TRANSITION: requested, declined or left.
   */
  async removeUnitMember(viewer: Viewer, unitId: string, userId: string): Promise<UnitMemberView> {
    return this.db.transaction(async (tx) => {
      await this.requireUnitAdmin(tx, viewer, unitId)
      const existing = await repo.lockUnitMember(tx, unitId, userId)
      if (!existing) throw notFound('member')
      assertTransition(unitMemberMachine, existing.status, 'left')
      const row = await repo.updateUnitMember(tx, unitId, userId, { status: 'left' })
      const teamsLeft = await repo.leaveUnitTeams(tx, unitId, userId)
      await this.auditMember(tx, viewer, 'unit_member.remove', unitId, userId, existing, row, { teamsLeft })
      return this.memberView(viewer, unitId, (await repo.findUserById(tx, userId))!, row)
    })
  }

  /**
   * A page of a unit's roster, fetched with its access rule in ONE statement. For the unit's
   * admins (full phones) and staff of a community whose alliance holds the unit (masked).
   * NOT_FOUND otherwise; BAD_USER_INPUT: a page size outside 1–200 or a negative offset.
   */
  async unitRoster(
    viewer: Viewer,
    unitId: string,
    options: { status?: UnitMemberStatus[] | null; first?: number | null; offset?: number | null } = {},
  ) {
    const page = parseInput(
      z.object({
        first: z.number().int().min(1, 'VALUE_INVALID').max(ROSTER_MAX_PAGE, 'VALUE_INVALID'),
        offset: z.number().int().min(0, 'VALUE_INVALID'),
      }),
      { first: options.first ?? 50, offset: options.offset ?? 0 },
    )
    const asAdmin = isUnitAdmin(viewer, unitId)
    const staffIds = staffCommunityIds(viewer)
    if (!isUuid(unitId) || (!asAdmin && staffIds.length === 0)) throw notFound('unit')
    const statuses = options.status?.length ? options.status : ROSTER_DEFAULT_STATUSES
    const result = await repo.rosterPage(this.db, {
      unitId,
      statuses,
      limit: page.first,
      offset: page.offset,
      asAdmin,
      staffCommunityIds: staffIds,
    })
    if (!result || !canReadRoster(viewer, unitId, result.communitiesHoldingUnit)) throw notFound('unit')
    return {
      unit: result.unit,
      total: result.total,
      members: result.members.map((m): UnitMemberView => ({
        user: {
          id: m.userId,
          realName: m.realName,
          phone: canSeeRosterPhone(viewer, unitId, m.userId) ? m.phone : maskPhone(m.phone),
        },
        status: m.status,
        isPartyMember: m.isPartyMember,
        joinedAt: m.joinedAt ? new Date(m.joinedAt) : null,
        createdAt: new Date(m.createdAt),
      })),
    }
  }

  /**
   * A roster tab for an export: every member in `status`, in the page's order, phones masked;
   * whole only for the unit's admin giving a reason, which one `export.contacts` audit event keeps
   * (others giving one: FORBIDDEN — staff never see a unit member's phone).
   */
  async exportRoster(viewer: Viewer, unitId: string, status: UnitMemberStatus, reason: string | null) {
    let unit: Awaited<ReturnType<UnitsService['unitRoster']>>['unit'] | null = null
    const members = await everyOffsetPage(ROSTER_MAX_PAGE, async (offset) => {
      const page = await this.unitRoster(viewer, unitId, { status: [status], first: ROSTER_MAX_PAGE, offset })
      unit = page.unit
      return { total: page.total, rows: page.members }
    })
    const masked = members.map((m) => ({ ...m, user: { ...m.user, phone: maskPhone(m.user.phone) } }))
    if (!reason) return { unit: unit!, members: masked }
    if (!isUnitAdmin(viewer, unitId))
      throw new DomainError('FORBIDDEN', 'only the unit’s admins see its members’ phones')
    await recordAudit(this.db, this.clock, {
      actorId: viewer.userId,
      action: 'export.contacts',
      targetType: 'unit',
      targetId: unitId,
      unitId,
      after: { list: 'roster', status, reason, rows: members.length },
    })
    return { unit: unit!, members }
  }

  /** The signed-in person's memberships, open requests and pending invitations. */
  myUnits(viewer: Viewer): Promise<UnitMembershipView[]> {
    return repo.membershipsOf(this.db, viewer.userId)
  }

  // ── Teams ──────────────────────────────────────────────────────────────────

  /**
   * A unit's admin (for the unit) or community staff (for the community) create a team; a
   * leader, if named, must be eligible and becomes its first member.
   * BAD_USER_INPUT: not exactly one owner, or the name; NOT_FOUND: the owner is missing or not
   * the viewer's; ALREADY_EXISTS: a live team of that name; NOT_A_MEMBER: the leader is not eligible.
   */
  async createTeam(
    viewer: Viewer,
    ownerInput: { unitId?: string | null; communityId?: string | null },
    name: string,
    leaderId?: string | null,
  ): Promise<TeamView> {
    const owner = teamOwnerFrom(ownerInput)
    if (!owner)
      throw new DomainError('BAD_USER_INPUT', 'Name exactly one owner', { fields: { owner: 'VALUE_INVALID' } })
    return this.db.transaction(async (tx) => {
      const place = await this.requireTeamManager(tx, viewer, owner)
      const teamName = parseInput(z.object({ name: nameSchema }), { name }).name
      const ownerIds = owner.kind === 'unit' ? { unitId: owner.unitId } : { communityId: owner.communityId }
      await repo.lockNameScope(tx, ownerIds)
      if (await repo.teamNameTaken(tx, ownerIds, teamName)) {
        throw new DomainError('ALREADY_EXISTS', 'A team of this name exists')
      }
      if (leaderId && !(await this.eligibleForTeam(tx, owner, leaderId))) {
        throw new DomainError('NOT_A_MEMBER', 'The leader must belong to the unit or community')
      }
      const now = this.clock.now()
      const team = await repo.insertTeam(tx, {
        ...ownerIds,
        name: teamName,
        leaderId: leaderId ?? null,
        createdAt: now,
      })
      if (leaderId) await repo.insertTeamMember(tx, team.id, leaderId, now)
      await this.auditTeam(tx, viewer, 'team.create', team, place, null, teamFacts(team))
      return team
    })
  }

  /** Rename a live team. NOT_FOUND: not the viewer's; INVALID_TRANSITION: archived; ALREADY_EXISTS: name taken. */
  async renameTeam(viewer: Viewer, teamId: string, name: string): Promise<TeamView> {
    return this.changeTeam(viewer, teamId, 'team.rename', async (tx, team) => {
      const teamName = parseInput(z.object({ name: nameSchema }), { name }).name
      const ownerIds = team.unitId ? { unitId: team.unitId } : { communityId: team.communityId! }
      await repo.lockNameScope(tx, ownerIds)
      if (await repo.teamNameTaken(tx, ownerIds, teamName, team.id)) {
        throw new DomainError('ALREADY_EXISTS', 'A team of this name exists')
      }
      return repo.updateTeam(tx, team.id, { name: teamName })
    })
  }

  /** Name the leader, who must be a member of the team. NOT_A_MEMBER otherwise; other codes as for renaming. */
  async setTeamLeader(viewer: Viewer, teamId: string, userId: string): Promise<TeamView> {
    return this.changeTeam(viewer, teamId, 'team.set_leader', async (tx, team) => {
      if (!(await repo.isTeamMember(tx, team.id, userId))) {
        throw new DomainError('NOT_A_MEMBER', 'The leader must be a member of the team')
      }
      return repo.updateTeam(tx, team.id, { leaderId: userId })
    })
  }

  /**
   * Add a member: for a unit's team an active member of the unit; for a community's team a
   * resident of the community or an active member of a unit active in its alliance.
   * NOT_A_MEMBER: not eligible (or no such person); ALREADY_EXISTS: already a member.
   */
  async addTeamMember(viewer: Viewer, teamId: string, userId: string): Promise<TeamView> {
    return this.changeTeam(
      viewer,
      teamId,
      'team_member.add',
      async (tx, team) => {
        if (!(await this.eligibleForTeam(tx, ownerOfTeam(team), userId))) {
          throw new DomainError('NOT_A_MEMBER', 'The person does not belong to the unit or community')
        }
        if (!(await repo.insertTeamMember(tx, team.id, userId, this.clock.now()))) {
          throw new DomainError('ALREADY_EXISTS', 'Already a member of the team')
        }
        return team
      },
      (team) => ({ userId, name: team.name }),
    )
  }

  /** Remove a member (a leader leaves the lead). NOT_FOUND: not a member; other codes as for renaming. */
  async removeTeamMember(viewer: Viewer, teamId: string, userId: string): Promise<TeamView> {
    return this.changeTeam(
      viewer,
      teamId,
      'team_member.remove',
      async (tx, team) => {
        if (!isUuid(userId) || !(await repo.deleteTeamMember(tx, team.id, userId))) throw notFound('member')
        return team.leaderId === userId ? repo.updateTeam(tx, team.id, { leaderId: null }) : team
      },
      (team) => ({ userId, name: team.name }),
    )
  }

  /** Archive a team (it keeps its history). INVALID_TRANSITION: already archived. */
  async archiveTeam(viewer: Viewer, teamId: string): Promise<TeamView> {
    return this.changeTeam(viewer, teamId, 'team.archive', (tx, team) =>
      repo.updateTeam(tx, team.id, { archivedAt: this.clock.now() }),
    )
  }

  /**
   * Teams of a unit (for its admins, and staff of communities whose alliance holds it) or of a
   * community (for its staff and the street and district admins above). NOT_FOUND otherwise.
   */
  async teams(
    viewer: Viewer,
    ownerInput: { unitId?: string | null; communityId?: string | null },
    includeArchived: boolean,
  ): Promise<TeamView[]> {
    const owner = teamOwnerFrom(ownerInput)
    if (!owner)
      throw new DomainError('BAD_USER_INPUT', 'Name exactly one owner', { fields: { owner: 'VALUE_INVALID' } })
    if (owner.kind === 'unit') {
      if (!isUuid(owner.unitId)) throw notFound('unit')
      // Staff read a unit's teams when their alliance holds the unit: one statement, only when it can matter.
      const staffIds = staffCommunityIds(viewer)
      const staffAllianceHoldsUnit =
        !isUnitAdmin(viewer, owner.unitId) &&
        staffIds.length > 0 &&
        (await repo.unitIsActiveInAllianceOf(this.db, owner.unitId, staffIds))
      const holding = staffAllianceHoldsUnit ? staffIds : []
      if (!canReadTeams(viewer, owner, { communitiesHoldingUnit: holding })) throw notFound('unit')
      return repo.findTeamsOf(this.db, { unitId: owner.unitId }, includeArchived)
    }
    const place = await loadAncestry(this.db, { kind: 'community', id: owner.communityId })
    if (!place || !canReadTeams(viewer, owner, { place })) throw notFound('community')
    return repo.findTeamsOf(this.db, { communityId: owner.communityId }, includeArchived)
  }

  /** Members of teams, by team id in key order, phones masked except the viewer's own. */
  async teamMembers(viewer: Viewer | null, teamIds: readonly string[]) {
    const rows = await repo.findTeamMembers(this.db, teamIds)
    const byTeam = new Map<string, { user: UserView; joinedAt: Date }[]>()
    for (const r of rows) {
      const user = { ...r.user, phone: viewer?.userId === r.user.id ? r.user.phone : maskPhone(r.user.phone) }
      byTeam.set(r.teamId, [...(byTeam.get(r.teamId) ?? []), { user, joinedAt: r.joinedAt }])
    }
    return teamIds.map((id) => byTeam.get(id) ?? [])
  }

  // ── helpers ────────────────────────────────────────────────────────────────

  /** The unit exists and the viewer is one of its admins; NOT_FOUND otherwise. */
  private async requireUnitAdmin(tx: DbOrTx, viewer: Viewer, unitId: string) {
    if (!isUnitAdmin(viewer, unitId)) throw notFound('unit')
    const unit = await repo.findUnit(tx, unitId)
    if (!unit) throw notFound('unit')
    return unit
  }

  /** The owner exists and the viewer manages its teams; the community's ancestry for the audit. */
  private async requireTeamManager(tx: DbOrTx, viewer: Viewer, owner: TeamOwner): Promise<Ancestry | undefined> {
    if (owner.kind === 'unit') {
      await this.requireUnitAdmin(tx, viewer, owner.unitId)
      return undefined
    }
    return requirePlaceRole(tx, viewer, { kind: 'community', id: owner.communityId }, ['community_staff'])
  }

  private async eligibleForTeam(tx: DbOrTx, owner: TeamOwner, userId: string): Promise<boolean> {
    if (!isUuid(userId)) return false
    return owner.kind === 'unit'
      ? repo.isActiveUnitMember(tx, owner.unitId, userId)
      : repo.belongsToCommunity(tx, owner.communityId, userId)
  }

  /** Lock a live team the viewer manages, apply `change`, audit it. */
  private async changeTeam(
    viewer: Viewer,
    teamId: string,
    action: string,
    change: (tx: Tx, team: Team) => Promise<Team>,
    facts: (team: Team) => Record<string, unknown> = teamFacts,
  ): Promise<TeamView> {
    return this.db.transaction(async (tx) => {
      const team = await repo.lockTeam(tx, teamId)
      if (!team) throw notFound('team')
      const owner = ownerOfTeam(team)
      if (
        owner.kind === 'unit'
          ? !isUnitAdmin(viewer, owner.unitId)
          : !staffCommunityIds(viewer).includes(owner.communityId)
      ) {
        throw notFound('team')
      }
      if (team.archivedAt) throw new DomainError('INVALID_TRANSITION', 'The team is archived', { from: 'archived' })
      const after = await change(tx, team)
      const place =
        owner.kind === 'community'
          ? ((await loadAncestry(tx, { kind: 'community', id: owner.communityId })) ?? undefined)
          : undefined
      const same = facts === teamFacts
      await this.auditTeam(tx, viewer, action, after, place, same ? teamFacts(team) : null, facts(after))
      return after
    })
  }

  private auditTeam(
    tx: DbOrTx,
    viewer: Viewer,
    action: string,
    team: Team,
    place: Ancestry | undefined,
    before: unknown,
    after: unknown,
  ) {
    return recordAudit(tx, this.clock, {
      actorId: viewer.userId,
      action,
      targetType: 'team',
      targetId: team.id,
      unitId: team.unitId,
      ...(place ? { place } : {}),
      before,
      after,
    })
  }

  private auditMember(
    tx: DbOrTx,
    viewer: Viewer,
    action: string,
    unitId: string,
    userId: string,
    before: UnitMember | null,
    after: UnitMember,
    extra: Record<string, unknown> = {},
  ) {
    return recordAudit(tx, this.clock, {
      actorId: viewer.userId,
      action,
      targetType: 'user',
      targetId: userId,
      unitId,
      before: before ? memberFacts(before) : null,
      after: { ...memberFacts(after), ...extra },
    })
  }

  /** The community's alliance, created as `<社区名>大邻里党建联盟` (audited) when it has none. */
  private async allianceOf(tx: DbOrTx, viewer: Viewer, communityId: string, place: Ancestry) {
    const communityName = (await repo.findCommunityName(tx, communityId))!
    const { alliance, created } = await repo.ensureAlliance(
      tx,
      communityId,
      `${communityName}大邻里党建联盟`,
      this.clock.now(),
    )
    if (created) {
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'alliance.create',
        targetType: 'alliance',
        targetId: alliance.id,
        place,
        after: { name: alliance.name },
      })
    }
    return alliance
  }

  private async allianceUnitView(tx: DbOrTx, communityId: string, unitId: string): Promise<AllianceUnitView> {
    return toAllianceUnitView((await repo.findAllianceUnitView(tx, communityId, unitId))!)
  }

  private memberView(viewer: Viewer, unitId: string, person: UserView, row: UnitMember): UnitMemberView {
    return {
      user: {
        id: person.id,
        realName: person.realName,
        phone: canSeeRosterPhone(viewer, unitId, person.id) ? person.phone : maskPhone(person.phone),
      },
      status: row.status,
      isPartyMember: row.isPartyMember,
      joinedAt: row.joinedAt,
      createdAt: row.createdAt,
    }
  }

  private async membershipView(tx: DbOrTx, unitId: string, row: UnitMember): Promise<UnitMembershipView> {
    const unit = (await repo.findUnit(tx, unitId))!
    return {
      unit,
      status: row.status,
      isPartyMember: row.isPartyMember,
      joinedAt: row.joinedAt,
      createdAt: row.createdAt,
    }
  }
}
