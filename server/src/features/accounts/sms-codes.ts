/**
 * SMS verification codes (table `sms_codes`): six random digits, kept only as keyed hashes
 * (HMAC-SHA256 with a secret generated once and kept in the database), valid five minutes,
 * at most five tries, used once. Sending is limited per phone — one a minute, ten a
 * Asia/Shanghai calendar day — counted in the database under a per-phone advisory lock, so
 * every instance sees the same counts and concurrent requests cannot slip past the limit.
 *
 * Verifying is two steps so that wrong guesses always count while a right code is spent only
 * with the change it authorises: `check` counts a try in its own statement (committed even
 * when the caller's transaction fails), `use` marks the code used inside that transaction.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import {
  DomainError,
  SMS_CODE_MAX_ATTEMPTS,
  SMS_CODE_TTL_SECONDS,
  SMS_DAILY_LIMIT,
  SMS_RESEND_SECONDS,
  shanghaiDateOf,
  type SmsPurpose,
} from '@linli/shared'
import { and, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm'
import type { Clock } from '../../clock.ts'
import type { Db, DbOrTx } from '../../db/index.ts'
import { smsCodes } from '../../db/schema/index.ts'
import { smsCodeText, type SmsGateway } from '../../platform/sms/index.ts'

type StoredPurpose = (typeof smsCodes.$inferSelect)['purpose']

const STORED: Record<SmsPurpose, StoredPurpose> = {
  REGISTER: 'register',
  LOGIN: 'login',
  RESET_PASSWORD: 'reset_password',
}

export interface SmsCodeIssued {
  /** Seconds the code stays valid. */
  expiresInSeconds: number
  /** Seconds until another code may be requested for this phone. */
  resendAfterSeconds: number
}

/** A code that matched and may now be used, once, inside the caller's transaction. */
export interface SmsCodeTicket {
  id: string
}

const invalid = () => new DomainError('SMS_CODE_INVALID', 'The verification code is wrong, expired or used')

/** The start of the Asia/Shanghai calendar day an instant falls in (UTC+8, no daylight saving). */
function shanghaiDayStart(at: Date): Date {
  return new Date(`${shanghaiDateOf(at)}T00:00:00+08:00`)
}

export class SmsCodes {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly key: string,
    private readonly gateway: SmsGateway,
  ) {}

  /** The keyed hash a phone is stored under: no phone number sits in the table. */
  phoneHash(phone: string): string {
    return createHmac('sha256', this.key).update(`phone:${phone}`).digest('hex')
  }

  private codeHash(phoneHash: string, purpose: SmsPurpose, code: string): string {
    return createHmac('sha256', this.key).update(`code:${phoneHash}:${purpose}:${code}`).digest('hex')
  }

  /**
   * Issue a code for `phone` and `purpose`, sending it only when `deliver` (an unknown phone
   * is answered the same, and counted the same, but sent nothing). Throws `SMS_RATE_LIMITED`
   * with `retryAfter` seconds.
   */
  async issue(phone: string, purpose: SmsPurpose, deliver: boolean): Promise<SmsCodeIssued> {
    const phoneHash = this.phoneHash(phone)
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    const now = this.clock.now()
    const retryAfter = await this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sms:${phoneHash}`}, 0))`)
      const dayStart = shanghaiDayStart(now)
      const windowStart = new Date(Math.min(dayStart.getTime(), now.getTime() - SMS_RESEND_SECONDS * 1000))
      const [row] = await tx
        .select({
          last: sql<Date | string | null>`max(${smsCodes.createdAt})`,
          today:
            sql<number>`count(*) filter (where ${smsCodes.createdAt} >= ${dayStart.toISOString()}::timestamptz)`.mapWith(
              Number,
            ),
        })
        .from(smsCodes)
        .where(
          and(
            eq(smsCodes.phoneHash, phoneHash),
            sql`${smsCodes.createdAt} >= ${windowStart.toISOString()}::timestamptz`,
          ),
        )
      const last = row?.last ? new Date(row.last).getTime() : null
      if (last !== null && now.getTime() - last < SMS_RESEND_SECONDS * 1000) {
        return Math.ceil((last + SMS_RESEND_SECONDS * 1000 - now.getTime()) / 1000)
      }
      if ((row?.today ?? 0) >= SMS_DAILY_LIMIT) {
        return Math.ceil((dayStart.getTime() + 86_400_000 - now.getTime()) / 1000)
      }
      await tx.insert(smsCodes).values({
        phoneHash,
        purpose: STORED[purpose],
        codeHash: this.codeHash(phoneHash, purpose, code),
        createdAt: now,
        expiresAt: new Date(now.getTime() + SMS_CODE_TTL_SECONDS * 1000),
      })
      return 0
    })
    if (retryAfter > 0) {
      throw new DomainError('SMS_RATE_LIMITED', 'Too many codes requested for this phone; try again later', {
        retryAfter,
      })
    }
    if (deliver) await this.gateway.send(phone, smsCodeText(code, purpose))
    return { expiresInSeconds: SMS_CODE_TTL_SECONDS, resendAfterSeconds: SMS_RESEND_SECONDS }
  }

  /**
   * Count one try against the phone's latest code for `purpose` and say whether it matched.
   * Run it before (outside) the transaction that will `use` the ticket. Throws
   * `SMS_CODE_INVALID` for a wrong, expired, used or exhausted code, and when none was sent.
   */
  async check(phone: string, purpose: SmsPurpose, code: string): Promise<SmsCodeTicket> {
    const phoneHash = this.phoneHash(phone)
    const now = this.clock.now()
    const latest = this.db
      .select({ id: smsCodes.id })
      .from(smsCodes)
      .where(and(eq(smsCodes.phoneHash, phoneHash), eq(smsCodes.purpose, STORED[purpose])))
      .orderBy(desc(smsCodes.createdAt), desc(smsCodes.id))
      .limit(1)
    const [row] = await this.db
      .update(smsCodes)
      .set({ attempts: sql`${smsCodes.attempts} + 1` })
      .where(
        and(
          inArray(smsCodes.id, latest),
          isNull(smsCodes.consumedAt),
          gt(smsCodes.expiresAt, now),
          lt(smsCodes.attempts, SMS_CODE_MAX_ATTEMPTS),
        ),
      )
      .returning({ id: smsCodes.id, codeHash: smsCodes.codeHash })
    if (!row) throw invalid()
    const expected = Buffer.from(row.codeHash, 'hex')
    const given = Buffer.from(this.codeHash(phoneHash, purpose, code.trim()), 'hex')
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid()
    return { id: row.id }
  }

  /** Spend a checked code inside the transaction it authorises; a code is used once. */
  async use(tx: DbOrTx, ticket: SmsCodeTicket): Promise<void> {
    const rows = await tx
      .update(smsCodes)
      .set({ consumedAt: this.clock.now() })
      .where(and(eq(smsCodes.id, ticket.id), isNull(smsCodes.consumedAt)))
      .returning({ id: smsCodes.id })
    if (rows.length !== 1) throw invalid()
  }

  /** Forget every code of a phone (an account that is deleted). */
  async forget(tx: DbOrTx, phone: string): Promise<void> {
    await tx.delete(smsCodes).where(eq(smsCodes.phoneHash, this.phoneHash(phone)))
  }
}
