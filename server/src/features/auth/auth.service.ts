/**
 * Sign-in: registration with privacy consent, password sign-in with a shared throttle,
 * rotating refresh tokens with reuse detection, sign-out, and the viewer of a request.
 */
import {
  DomainError,
  PRIVACY_NOTICE_VERSION,
  loginInputSchema,
  needsGuardian,
  registerInputSchema,
  shanghaiDateOf,
} from '@linli/shared'
import type { FastifyInstance } from 'fastify'
import type { Clock } from '../../clock.ts'
import type { Config } from '../../config.ts'
import type { Db, DbOrTx } from '../../db/index.ts'
import { newId } from '../../db/columns.ts'
import { consents, refreshTokens, roleGrants, sessions, users } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { parseInput } from '../../lib/input.ts'
import * as repo from './auth.repository.ts'
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.ts'
import { assertNotThrottled, clearOnSuccess, recordFailure, throttleKeys } from './throttle.ts'
import { hashToken, newRefreshToken, signAccessToken, verifyAccessToken } from './tokens.ts'

export interface AuthPayload {
  accessToken: string
  accessTokenExpiresAt: Date
  refreshToken: string
  userId: string
}

type RefreshOutcome =
  { ok: true; payload: AuthPayload } | { ok: false; code: 'INVALID_REFRESH_TOKEN' | 'REFRESH_TOKEN_REUSED' }

const isUniqueViolation = (err: unknown) =>
  (err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505'

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'accessTokenTtlSeconds' | 'refreshTokenTtlDays' | 'refreshReuseGraceSeconds'>,
    private readonly app: FastifyInstance,
  ) {}

  /**
   * Create an account (a resident) and sign it in. The phone is proven by a REGISTER SMS
   * code, spent in the same transaction; the privacy notice version consented to must be the
   * current one and is recorded as a consent. A person under 14 (by birth date, on today's
   * Asia/Shanghai calendar) registers only with a guardian's name, phone and consent, also
   * recorded. Codes: BAD_USER_INPUT, PRIVACY_CONSENT_REQUIRED, GUARDIAN_CONSENT_REQUIRED,
   * SMS_CODE_INVALID, PHONE_TAKEN (only with a right code: nobody else learns the phone is taken).
   */
  async register(input: unknown): Promise<AuthPayload> {
    const data = parseInput(registerInputSchema, input)
    if (data.privacyNoticeVersion !== PRIVACY_NOTICE_VERSION) {
      throw new DomainError('PRIVACY_CONSENT_REQUIRED', 'Consent to the current privacy notice is required', {
        currentVersion: PRIVACY_NOTICE_VERSION,
      })
    }
    const now = this.clock.now()
    const today = shanghaiDateOf(now)
    if (data.birthDate && data.birthDate > today) {
      throw new DomainError('BAD_USER_INPUT', 'The input is not valid', { fields: { birthDate: 'BIRTH_DATE_INVALID' } })
    }
    const minor = data.birthDate ? needsGuardian(data.birthDate, today) : false
    if (minor && !(data.guardianName && data.guardianPhone && data.guardianConsent === true)) {
      throw new DomainError('GUARDIAN_CONSENT_REQUIRED', "A person under 14 registers with a guardian's consent")
    }
    const ticket = await this.app.smsCodes.check(data.phone, 'REGISTER', data.smsCode)
    const passwordHash = await hashPassword(data.password)
    try {
      return await this.db.transaction(async (tx) => {
        const [user] = await tx
          .insert(users)
          .values({
            phone: data.phone,
            passwordHash,
            realName: data.realName,
            privacyNoticeVersion: data.privacyNoticeVersion,
            privacyConsentedAt: now,
            phoneVerifiedAt: now,
            birthDate: data.birthDate ?? null,
            ...(minor
              ? { guardianName: data.guardianName, guardianPhone: data.guardianPhone, guardianConsentAt: now }
              : {}),
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: users.id })
        const userId = user!.id
        await this.app.smsCodes.use(tx, ticket)
        await tx
          .insert(consents)
          .values([
            { userId, kind: 'privacy_notice', version: data.privacyNoticeVersion, givenAt: now },
            ...(minor ? [{ userId, kind: 'guardian' as const, version: data.privacyNoticeVersion, givenAt: now }] : []),
          ])
        await tx
          .insert(roleGrants)
          .values({ userId, role: 'resident', scopeType: 'self', scopeId: null, createdAt: now })
        return this.startSession(tx, userId)
      })
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('PHONE_TAKEN', 'This phone number is already registered')
      throw err
    }
  }

  /**
   * Sign in by phone and password. Wrong password and unknown phone answer the same
   * `INVALID_CREDENTIALS` in the same time; repeated failures answer `TOO_MANY_ATTEMPTS`.
   */
  async login(input: unknown, address: string): Promise<AuthPayload> {
    const { phone, password } = parseInput(loginInputSchema, input)
    const keys = throttleKeys(phone, address)
    await assertNotThrottled(this.db, this.clock, keys)
    const user = await repo.findUserByPhone(this.db, phone)
    const ok = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false)
    if (!user || !ok || user.status !== 'active') {
      await recordFailure(this.db, this.clock, keys)
      throw new DomainError('INVALID_CREDENTIALS', 'Phone number or password is wrong')
    }
    return this.db.transaction(async (tx) => {
      await clearOnSuccess(tx, keys)
      return this.startSession(tx, user.id)
    })
  }

  /**
   * Exchange a refresh token for a new pair. Each token is used once; a second use within
   * the grace (two tabs refreshing together) gets its own successor; a use after the grace
   * is a reuse: the whole session is revoked. Codes: INVALID_REFRESH_TOKEN, REFRESH_TOKEN_REUSED.
   */
  async refresh(refreshToken: string): Promise<AuthPayload> {
    const outcome: RefreshOutcome = await this.db.transaction(async (tx) => {
      const now = this.clock.now()
      const row = await repo.findRefreshToken(tx, hashToken(refreshToken))
      if (!row || row.sessionRevokedAt || row.sessionExpiresAt <= now || row.userStatus !== 'active') {
        return { ok: false, code: 'INVALID_REFRESH_TOKEN' }
      }
      if (await repo.markRefreshTokenUsed(tx, row.id, now)) {
        return { ok: true, payload: await this.rotate(tx, row.sessionId, row.userId) }
      }
      const usedAt = (await repo.refreshTokenUsedAt(tx, row.id)) ?? now
      if (now.getTime() - usedAt.getTime() <= this.config.refreshReuseGraceSeconds * 1000) {
        return { ok: true, payload: await this.rotate(tx, row.sessionId, row.userId) }
      }
      await repo.revokeSession(tx, row.sessionId, now, 'reuse_detected')
      return { ok: false, code: 'REFRESH_TOKEN_REUSED' }
    })
    if (!outcome.ok) {
      throw new DomainError(outcome.code, 'The refresh token is not valid; sign in again')
    }
    return outcome.payload
  }

  /** End a session: the viewer's own, or the one a refresh token belongs to. Idempotent. */
  async logout(viewer: Viewer | null, refreshToken: string | null): Promise<boolean> {
    const now = this.clock.now()
    if (viewer) await repo.revokeSession(this.db, viewer.sessionId, now, 'logout')
    if (refreshToken) {
      const row = await repo.findRefreshToken(this.db, hashToken(refreshToken))
      if (row) await repo.revokeSession(this.db, row.sessionId, now, 'logout')
    }
    return true
  }

  /**
   * The person behind an access token, with their live grants. Throws TOKEN_EXPIRED or
   * INVALID_TOKEN for a bad token and UNAUTHENTICATED for an ended session.
   */
  async viewerFromToken(token: string): Promise<Viewer> {
    const claims = verifyAccessToken(this.app, this.clock, token)
    const grants = await repo.loadViewerRows(this.db, claims.sid, claims.sub, this.clock.now())
    if (!grants) throw new DomainError('UNAUTHENTICATED', 'The session has ended; sign in again')
    return { userId: claims.sub, sessionId: claims.sid, grants }
  }

  /** Start a session for a person whose sign-in was just proven (password, SMS code, registration). */
  async startSession(tx: DbOrTx, userId: string): Promise<AuthPayload> {
    const now = this.clock.now()
    const sessionId = newId()
    await tx.insert(sessions).values({
      id: sessionId,
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.refreshTokenTtlDays * 86_400_000),
    })
    return this.rotate(tx, sessionId, userId)
  }

  private async rotate(tx: DbOrTx, sessionId: string, userId: string): Promise<AuthPayload> {
    const now = this.clock.now()
    const refreshToken = newRefreshToken()
    await tx.insert(refreshTokens).values({ sessionId, tokenHash: hashToken(refreshToken), createdAt: now })
    const ttl = this.config.accessTokenTtlSeconds
    return {
      accessToken: signAccessToken(this.app, this.clock, ttl, { sub: userId, sid: sessionId }),
      accessTokenExpiresAt: new Date(Math.floor(now.getTime() / 1000) * 1000 + ttl * 1000),
      refreshToken,
      userId,
    }
  }
}
