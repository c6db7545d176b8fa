/**
 * Accounts: SMS codes (request, sign-in, forgotten password), a staff member resetting a
 * resident's password in person, where a person lives, and 实名核验 (real-name verification
 * against an ID document, the number encrypted at rest and shown masked).
 */
import {
  DomainError,
  addressSchema,
  birthDateFromResidentId,
  maskIdNumber,
  passwordSchema,
  phoneSchema,
  smsCodeSchema,
  verifyRealNameInputSchema,
  type SmsPurpose,
} from '@linli/shared'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { isUuid, loadAncestry, requirePlaceRole } from '../../access/places.ts'
import type { DbOrTx } from '../../db/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { openNullable, sealNullable } from '../../lib/crypto.ts'
import { parseInput } from '../../lib/input.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import type { AuthPayload } from '../auth/auth.service.ts'
import { hashPassword } from '../auth/passwords.ts'
import { assertNotThrottled, clearOnSuccess, recordFailure, throttleKey, throttleKeys } from '../auth/throttle.ts'
import { canSeeIdentity, staffCommunityOf, staffMayResetPasswordOf } from './accounts.policy.ts'
import * as repo from './accounts.repository.ts'
import type { SmsCodeIssued } from './sms-codes.ts'

/** SMS codes one address may request per throttle window (15 min), whatever the phones. */
export const SMS_CODES_PER_ADDRESS = 30

const smsLoginSchema = z.object({ phone: phoneSchema, code: smsCodeSchema })
const smsResetSchema = z.object({ phone: phoneSchema, code: smsCodeSchema, newPassword: passwordSchema })
const newPasswordSchema = z.object({ newPassword: passwordSchema })
const residenceSchema = z.object({ address: addressSchema.nullish() })

export interface ResidenceView {
  communityId: string
  communityName: string
  gridId: string | null
  gridName: string | null
  /** In clear: only ever shown to the person themselves (or audited, see privacy). */
  address: string | null
}

export interface IdentityView {
  idNumberMasked: string | null
  realNameVerified: boolean
}

const notFound = () => new DomainError('NOT_FOUND', 'person not found')

export class AccountsService {
  constructor(private readonly app: FastifyInstance) {}

  private get db() {
    return this.app.db
  }

  private get clock() {
    return this.app.clock
  }

  /**
   * Send a code for registration, sign-in or a password reset. A phone without an account
   * (for sign-in and reset) and a phone that already has one (for registration) get the same
   * answer as any other — nothing tells who has an account; sign-in and reset codes are
   * simply not sent to unknown phones. Codes: BAD_USER_INPUT, SMS_RATE_LIMITED.
   */
  async requestSmsCode(phoneInput: string, purpose: SmsPurpose, address: string): Promise<SmsCodeIssued> {
    const { phone } = parseInput(z.object({ phone: phoneSchema }), { phone: phoneInput })
    // One address asking codes for many phones (registration spam, SMS pumping) is limited too.
    const perAddress = [throttleKey('sms-a', address, SMS_CODES_PER_ADDRESS)]
    try {
      await assertNotThrottled(this.db, this.clock, perAddress)
    } catch (err) {
      if (err instanceof DomainError && err.code === 'TOO_MANY_ATTEMPTS') {
        throw new DomainError('SMS_RATE_LIMITED', 'Too many codes requested from this address', err.details)
      }
      throw err
    }
    await recordFailure(this.db, this.clock, perAddress)
    const deliver = purpose === 'REGISTER' || (await repo.findActiveUserByPhone(this.db, phone)) !== undefined
    return this.app.smsCodes.issue(phone, purpose, deliver)
  }

  /**
   * Sign in with a LOGIN code, throttled together with password sign-in. Codes:
   * BAD_USER_INPUT, TOO_MANY_ATTEMPTS, SMS_CODE_INVALID (also for a phone without an account).
   */
  async loginWithSmsCode(input: unknown, address: string): Promise<AuthPayload> {
    const { phone, code } = parseInput(smsLoginSchema, input)
    const keys = throttleKeys(phone, address)
    await assertNotThrottled(this.db, this.clock, keys)
    const fail = async (): Promise<never> => {
      await recordFailure(this.db, this.clock, keys)
      throw new DomainError('SMS_CODE_INVALID', 'The verification code is wrong, expired or used')
    }
    const ticket = await this.app.smsCodes.check(phone, 'LOGIN', code).catch((err: unknown) => {
      if (err instanceof DomainError && err.code === 'SMS_CODE_INVALID') return fail()
      throw err
    })
    const user = await repo.findActiveUserByPhone(this.db, phone)
    if (!user) return fail()
    return this.db.transaction(async (tx) => {
      await this.app.smsCodes.use(tx, ticket)
      await clearOnSuccess(tx, keys)
      return this.app.authService.startSession(tx, user.id)
    })
  }

  /**
   * Set a new password with a RESET_PASSWORD code; every session of the person ends
   * (`password_changed`). Codes: BAD_USER_INPUT, SMS_CODE_INVALID.
   */
  async resetPasswordWithSmsCode(input: unknown): Promise<boolean> {
    const { phone, code, newPassword } = parseInput(smsResetSchema, input)
    const ticket = await this.app.smsCodes.check(phone, 'RESET_PASSWORD', code)
    const user = await repo.findActiveUserByPhone(this.db, phone)
    if (!user) throw new DomainError('SMS_CODE_INVALID', 'The verification code is wrong, expired or used')
    const passwordHash = await hashPassword(newPassword)
    const now = this.clock.now()
    await this.db.transaction(async (tx) => {
      await this.app.smsCodes.use(tx, ticket)
      await repo.setPasswordHash(tx, user.id, passwordHash, now)
      await repo.revokeAllSessions(tx, user.id, now, 'password_changed')
    })
    return true
  }

  /**
   * Community staff set a new password for a resident of their community, in person (an
   * elderly resident who forgot it). Every session of the person ends; audited as
   * `password.staff_reset` without the password or phone. Anyone but staff of a community the
   * person lives in gets NOT_FOUND; the password of someone holding an administrative role is
   * never reset this way (FORBIDDEN). Codes: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT.
   */
  async staffResetPassword(viewer: Viewer, userId: string, newPassword: string): Promise<boolean> {
    const person = await this.requireStaffOver(viewer, userId)
    if (!staffMayResetPasswordOf(await repo.liveRoles(this.db, userId))) {
      throw new DomainError('FORBIDDEN', 'Only residents and volunteers have their password reset by staff')
    }
    const data = parseInput(newPasswordSchema, { newPassword })
    const passwordHash = await hashPassword(data.newPassword)
    const now = this.clock.now()
    await this.db.transaction(async (tx) => {
      await repo.setPasswordHash(tx, userId, passwordHash, now)
      const sessionsEnded = await repo.revokeAllSessions(tx, userId, now, 'password_changed')
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'password.staff_reset',
        targetType: 'user',
        targetId: userId,
        place: person.place,
        after: { sessionsEnded },
      })
      await this.app.notifications.bus.publish(tx, {
        kind: 'account.password_reset',
        communityId: person.place.communityId ?? null,
        to: { people: [userId] },
      })
    })
    return true
  }

  /**
   * Staff record whether a resident of their community has a smartphone: without one, every
   * notification also goes out by SMS. Audited. NOT_FOUND: not a resident of the viewer's community.
   */
  async staffSetHasSmartphone(viewer: Viewer, userId: string, hasSmartphone: boolean): Promise<boolean> {
    const person = await this.requireStaffOver(viewer, userId)
    await this.db.transaction(async (tx) => {
      await repo.setHasSmartphone(tx, userId, hasSmartphone, this.clock.now())
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'account.set_has_smartphone',
        targetType: 'user',
        targetId: userId,
        place: person.place,
        before: { hasSmartphone: person.hasSmartphone },
        after: { hasSmartphone },
      })
    })
    return true
  }

  /**
   * Say where the signed-in person lives: a community, optionally one of its grids, and an
   * address (encrypted at rest). A move replaces the old residence. Codes: UNAUTHENTICATED,
   * NOT_FOUND (community or grid), BAD_USER_INPUT (ADDRESS_TOO_LONG).
   */
  async setMyResidence(
    viewer: Viewer,
    communityId: string,
    gridId: string | null,
    address: string | null,
  ): Promise<ResidenceView> {
    await this.writeResidence(viewer.userId, communityId, gridId, address)
    return (await this.myResidence(viewer))!
  }

  /**
   * Staff register where a resident lives, at the service hall (for people who cannot do it on
   * a phone): community staff of that community only; audited without the address.
   * Codes: NOT_FOUND (community outside the viewer's scope, grid, or person), BAD_USER_INPUT.
   */
  async staffSetResidence(
    viewer: Viewer,
    userId: string,
    communityId: string,
    gridId: string | null,
    address: string | null,
  ): Promise<boolean> {
    const place = await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, ['community_staff'])
    if (!isUuid(userId) || !(await repo.findPersonWithResidences(this.db, userId))) {
      throw new DomainError('NOT_FOUND', 'person not found')
    }
    await this.writeResidence(userId, communityId, gridId, address, async (tx) => {
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'residence.staff_set',
        targetType: 'user',
        targetId: userId,
        place,
        after: { communityId, gridId },
      })
    })
    return true
  }

  private async writeResidence(
    userId: string,
    communityId: string,
    gridId: string | null,
    address: string | null,
    alsoInTx?: (tx: DbOrTx) => Promise<void>,
  ): Promise<void> {
    const community = await loadAncestry(this.db, { kind: 'community', id: communityId })
    if (!community) throw new DomainError('NOT_FOUND', 'community not found')
    if (gridId) {
      const grid = await loadAncestry(this.db, { kind: 'grid', id: gridId })
      if (grid?.communityId !== communityId) throw new DomainError('NOT_FOUND', 'grid not found')
    }
    const data = parseInput(residenceSchema, { address })
    await this.db.transaction(async (tx) => {
      await repo.replaceResidence(tx, {
        userId,
        communityId,
        gridId: gridId ?? null,
        addressEnc: sealNullable(this.app.sealer, data.address ? data.address : null),
        at: this.clock.now(),
      })
      await alsoInTx?.(tx)
    })
  }

  /** The signed-in person's residence, address in clear (it is theirs). */
  async myResidence(viewer: Viewer): Promise<ResidenceView | null> {
    const row = await repo.findResidence(this.db, viewer.userId)
    if (!row) return null
    const { addressEnc, updatedAt: _u, ...rest } = row
    return { ...rest, address: openNullable(this.app.sealer, addressEnc) }
  }

  /**
   * 实名核验: staff of the person's residence community record that they checked the person's
   * ID document. The number is stored encrypted; a resident ID gives the birth date. Audited
   * as `person.verify_real_name` with only the masked number. Codes: NOT_FOUND,
   * BAD_USER_INPUT (ID_NUMBER_INVALID).
   */
  async verifyRealName(viewer: Viewer, userId: string, input: unknown): Promise<{ id: string }> {
    const person = await this.requireStaffOver(viewer, userId)
    const { idType, idNumber } = parseInput(verifyRealNameInputSchema, input)
    const now = this.clock.now()
    const before = {
      idType: person.idType,
      idNumberMasked: person.idNumberEnc ? maskIdNumber(this.app.sealer.open(person.idNumberEnc)) : null,
      realNameVerified: person.realNameVerifiedAt !== null,
    }
    await this.db.transaction(async (tx) => {
      await repo.setVerifiedIdentity(tx, userId, {
        idType,
        idNumberEnc: this.app.sealer.seal(idNumber),
        birthDate: idType === 'resident_id' ? birthDateFromResidentId(idNumber) : person.birthDate,
        verifiedBy: viewer.userId,
        at: now,
      })
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'person.verify_real_name',
        targetType: 'user',
        targetId: userId,
        place: person.place,
        before,
        after: { idType, idNumberMasked: maskIdNumber(idNumber) },
      })
    })
    return { id: userId }
  }

  /**
   * Identity fields for `User`, in key order: null where the viewer may not see them (only
   * the person and staff of a community the person lives in may).
   */
  async identities(viewer: Viewer | null, ids: readonly string[]): Promise<(IdentityView | null)[]> {
    if (!viewer || ids.length === 0) return ids.map(() => null)
    const rows = await repo.findIdentities(this.db, ids)
    const byId = new Map(rows.map((r) => [r.id, r]))
    return ids.map((id) => {
      const row = byId.get(id)
      if (!row || !canSeeIdentity(viewer, id, row.communityIds ?? [])) return null
      return {
        idNumberMasked: row.idNumberEnc ? maskIdNumber(this.app.sealer.open(row.idNumberEnc)) : null,
        realNameVerified: row.realNameVerifiedAt !== null,
      }
    })
  }

  /**
   * The person, if the viewer is community staff of a community they live in; NOT_FOUND
   * otherwise (a person elsewhere looks like no person at all).
   */
  private async requireStaffOver(viewer: Viewer, userId: string) {
    const person = isUuid(userId) ? await repo.findPersonWithResidences(this.db, userId) : null
    if (!person) throw notFound()
    const communityId = staffCommunityOf(viewer, person.communityIds)
    if (!communityId) throw notFound()
    const place = await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, ['community_staff'])
    return { ...person, place }
  }
}
