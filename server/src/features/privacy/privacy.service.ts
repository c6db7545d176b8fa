/**
 * 个人信息保护法: a person sees and exports everything held about them, and may delete their
 * account — de-identified in one transaction, while records others rely on (audit trail,
 * role grant history, unit rosters, later hour records and certificates) stay and point at
 * the de-identified person. Someone else's full phone and address are shown only to those
 * who need them, each view audited.
 */
import { DELETED_USER_NAME, DomainError, maskIdNumber, maskName, smsCodeSchema } from '@linli/shared'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { isUuid, requirePlaceRole } from '../../access/places.ts'
import type { Viewer } from '../../graphql/context.ts'
import { openNullable } from '../../lib/crypto.ts'
import { parseInput } from '../../lib/input.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import { verifyPassword } from '../auth/passwords.ts'
import { assertNotThrottled, clearOnSuccess, recordFailure, throttleKeys } from '../auth/throttle.ts'
import { revokeAllSessions } from '../accounts/accounts.repository.ts'
import type { SmsCodeTicket } from '../accounts/sms-codes.ts'
import { auditContactView } from './contact-view.ts'
import { canViewResidentContact, deletedPhonePlaceholder, deletionProofGiven } from './privacy.policy.ts'
import * as repo from './privacy.repository.ts'

/** No argon2 hash looks like this, so no password ever verifies against it. */
const UNUSABLE_PASSWORD_HASH = '!account-deleted'

const deletionSchema = z.object({
  password: z.string().max(256, 'PASSWORD_TOO_LONG').nullish(),
  smsCode: smsCodeSchema.nullish(),
})

export interface ResidentContact {
  userId: string
  realName: string
  phone: string
  communityId: string
  gridId: string | null
  gridName: string | null
  address: string | null
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null)

export class PrivacyService {
  constructor(private readonly app: FastifyInstance) {}

  /**
   * Everything held about the signed-in person, as one JSON document: profile (full phone, ID
   * masked), role grants (past ones too), residences (address in clear), consents, unit and
   * team memberships, sessions (times only), the audit events they did or underwent, their
   * notifications, their sign-ups for activities, their volunteering (profile, 双报到, hours, no-show
   * marks, certificates), their points (wallets, postings, redemptions), and the needs for them or recorded by them (with the timeline; their own
   * contact in clear, others' left out).
   */
  async myData(viewer: Viewer): Promise<Record<string, unknown>> {
    const { db, sealer } = this.app
    const id = viewer.userId
    const user = await repo.findUser(db, id)
    if (!user) throw new DomainError('NOT_FOUND', 'person not found')
    const [grants, residences, consents, units, teams, sessions, audit, notices, needs] = [
      await repo.findAllGrants(db, id),
      await repo.findResidences(db, id),
      await repo.findConsents(db, id),
      await repo.findUnitMemberships(db, id),
      await repo.findTeamMemberships(db, id),
      await repo.findSessions(db, id),
      await repo.findAuditEvents(db, id),
      await repo.findNotifications(db, id),
      await repo.findNeeds(db, id),
    ]
    const made = await repo.findClaimsAndProjectsMade(db, id)
    const signUps = await repo.findSignUps(db, id)
    const volunteering = await repo.findVolunteering(db, id)
    const points = await repo.findPoints(db, id)
    const evaluations = await repo.findEvaluations(db, id)
    return {
      exportedAt: this.app.clock.now().toISOString(),
      profile: {
        id: user.id,
        realName: user.realName,
        phone: user.phone,
        status: user.status,
        phoneVerifiedAt: iso(user.phoneVerifiedAt),
        privacyNoticeVersion: user.privacyNoticeVersion,
        privacyConsentedAt: iso(user.privacyConsentedAt),
        idType: user.idType,
        idNumberMasked: user.idNumberEnc ? maskIdNumber(sealer.open(user.idNumberEnc)) : null,
        birthDate: user.birthDate,
        realNameVerifiedAt: iso(user.realNameVerifiedAt),
        guardian: user.guardianName
          ? { name: user.guardianName, phone: user.guardianPhone, consentedAt: iso(user.guardianConsentAt) }
          : null,
        hasSmartphone: user.hasSmartphone,
        notifyBySms: user.notifyBySms,
        locale: user.locale,
        elderMode: user.elderMode,
        createdAt: iso(user.createdAt),
      },
      roleGrants: grants.map((g) => ({ ...g, createdAt: iso(g.createdAt), revokedAt: iso(g.revokedAt) })),
      residences: residences.map(({ addressEnc, ...r }) => ({
        ...r,
        address: openNullable(sealer, addressEnc),
        createdAt: iso(r.createdAt),
        updatedAt: iso(r.updatedAt),
      })),
      consents: consents.map((c) => ({ ...c, givenAt: iso(c.givenAt), withdrawnAt: iso(c.withdrawnAt) })),
      unitMemberships: units.map((u) => ({ ...u, joinedAt: iso(u.joinedAt), createdAt: iso(u.createdAt) })),
      teamMemberships: teams.map((t) => ({ ...t, joinedAt: iso(t.joinedAt) })),
      sessions: sessions.map((s) => ({ createdAt: iso(s.createdAt), revokedAt: iso(s.revokedAt) })),
      auditEvents: audit.map((e) => ({ ...e, at: iso(e.at) })),
      notifications: notices.map((n) => ({
        ...n,
        smsSentAt: iso(n.smsSentAt),
        createdAt: iso(n.createdAt),
        readAt: iso(n.readAt),
      })),
      // What I did for a unit (点单) and as staff (projects I created).
      claimsMade: made.claimsMade,
      projectsCreated: made.projectsCreated,
      // Activities I signed up for, with the sign-up's state and place in line.
      signUps,
      // My volunteer profile, 双报到 reports, hours, no-show marks and certificates.
      ...volunteering,
      // My points per community, every posting that moved them, my redemptions.
      ...points,
      // Ratings I gave (or recorded for a resident) and completion reports I wrote.
      ...evaluations,
      // Needs for me (my contact in clear) and those I recorded for others (their contact left out).
      needs: needs.map(({ need: n, events }) => {
        const forMe = n.forUserId === id
        return {
          id: n.id,
          communityId: n.communityId,
          title: n.title,
          description: n.description,
          category: n.category,
          gridId: n.gridId,
          urgency: n.urgency,
          preferredTime: n.preferredTime,
          channel: n.channel,
          state: n.state,
          reason: n.reason,
          forMe,
          recordedByMe: n.recordedBy === id,
          forName: forMe ? user.realName : n.forName ? maskName(n.forName) : null,
          contactPhone: forMe ? openNullable(sealer, n.contactPhoneEnc) : null,
          address: forMe ? openNullable(sealer, n.addressEnc) : null,
          createdAt: iso(n.createdAt),
          updatedAt: iso(n.updatedAt),
          timeline: events.map((e) => ({
            action: e.action,
            fromState: e.fromState,
            toState: e.toState,
            detail: e.detail,
            byMe: e.actorId === id,
            at: iso(e.at),
          })),
        }
      }),
    }
  }

  /**
   * Delete the signed-in person's account, proven by their password or a LOGIN SMS code:
   * de-identified in one transaction (name → 已注销用户, phone → a placeholder, password
   * unusable, ID, birth, guardian and address fields cleared), every session and grant ended,
   * consents withdrawn. Records others rely on stay. Codes: UNAUTHENTICATED, BAD_USER_INPUT,
   * INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS, SMS_CODE_INVALID.
   */
  async deleteMyAccount(viewer: Viewer, input: unknown, address: string): Promise<boolean> {
    const data = parseInput(deletionSchema, input)
    if (!deletionProofGiven(data)) {
      throw new DomainError('BAD_USER_INPUT', 'The input is not valid', { fields: { password: 'PASSWORD_REQUIRED' } })
    }
    const { db, clock } = this.app
    const user = await repo.findUser(db, viewer.userId)
    if (!user || user.status === 'deleted') throw new DomainError('UNAUTHENTICATED', 'Sign in first')
    const keys = throttleKeys(user.phone, address)
    let ticket: SmsCodeTicket | null = null
    if (data.password) {
      await assertNotThrottled(db, clock, keys)
      if (!(await verifyPassword(user.passwordHash, data.password))) {
        await recordFailure(db, clock, keys)
        throw new DomainError('INVALID_CREDENTIALS', 'The password is wrong')
      }
    } else {
      ticket = await this.app.smsCodes.check(user.phone, 'LOGIN', data.smsCode!)
    }
    const now = clock.now()
    await db.transaction(async (tx) => {
      if (ticket) await this.app.smsCodes.use(tx, ticket)
      await clearOnSuccess(tx, keys)
      await this.app.smsCodes.forget(tx, user.phone)
      await repo.deIdentifyUser(tx, user.id, {
        realName: DELETED_USER_NAME,
        phone: deletedPhonePlaceholder(user.id),
        passwordHash: UNUSABLE_PASSWORD_HASH,
        at: now,
      })
      await repo.revokeLiveGrants(tx, user.id, now)
      await repo.clearResidenceAddresses(tx, user.id, now)
      await repo.withdrawConsents(tx, user.id, now)
      await repo.deleteNotifications(tx, user.id)
      await repo.clearNeedContacts(tx, user.id, now)
      // Their places go to the next in line; the sign-ups stay (cancelled) as the activities' record.
      await this.app.signUpsService.cancelAllOf(tx, user.id)
      await repo.deIdentifyVolunteering(tx, user.id, now)
      // Reserved rewards nobody will collect go back to the store (the ledger stays, append-only).
      await this.app.storeService.cancelAllOf(tx, user.id)
      await repo.clearRatingComments(tx, user.id)
      await repo.deIdentifyOffices(tx, user.id)
      await revokeAllSessions(tx, user.id, now, 'logout')
      await recordAudit(tx, clock, {
        actorId: user.id,
        action: 'account.delete',
        targetType: 'user',
        targetId: user.id,
      })
    })
    return true
  }

  /**
   * A resident's full phone and address, for community staff of the community they live in;
   * every view is audited (`contact.view`). Anyone else, and a person who does not live there,
   * gets NOT_FOUND.
   */
  async residentContact(viewer: Viewer, userId: string, communityId: string): Promise<ResidentContact> {
    const place = await requirePlaceRole(this.app.db, viewer, { kind: 'community', id: communityId }, [
      'community_staff',
    ])
    if (!canViewResidentContact(viewer, communityId) || !isUuid(userId)) {
      throw new DomainError('NOT_FOUND', 'person not found')
    }
    return this.app.db.transaction(async (tx) => {
      const row = await repo.findResidentContact(tx, userId, communityId)
      if (!row) throw new DomainError('NOT_FOUND', 'person not found')
      await auditContactView(tx, this.app.clock, viewer, userId, place)
      const { addressEnc, ...rest } = row
      return { ...rest, address: openNullable(this.app.sealer, addressEnc) }
    })
  }
}
