/**
 * The points pages in words and numbers, pure so they are tested without a page: signed amounts,
 * a statement line's kind and its owed part, the last day points stay valid, the redemption code
 * as shown and as typed (or scanned), my redemptions in the order I need them, whether a reward
 * can be redeemed, the report's months (YYYY-MM in Asia/Shanghai) and the redeem attempt's key.
 */
import { formatRedemptionCode, normalizeRedemptionCode, type PostingKind } from '@linli/shared'
import { ApiError } from '../../graphql/errors.ts'
import { chinaDay, TIME_ZONE } from '../three-lists/words.ts'
import type { PointsStatementLine, Redemption, Reward } from './operations.ts'

export { formatRedemptionCode, normalizeRedemptionCode }

/** A signed amount: "+5", "-3", "0". */
export function signedAmount(n: number): string {
  return n > 0 ? `+${n}` : String(n)
}

/** Whether a statement line's amount reads as money in (credit) or out (debit); 0 neither. */
export function amountTone(n: number): 'credit' | 'debit' | 'none' {
  return n > 0 ? 'credit' : n < 0 ? 'debit' : 'none'
}

/** The message key of a posting kind's label: 获得, 奖励, 兑换, 退回, 冲减, 调整, 过期. */
export const kindKey = (kind: PostingKind) => `points.kinds.${kind}` as const

/**
 * What a line did to the owed amount, when anything: `added` (a reversal took more than the
 * wallet held), `settled` (a later credit paid it off first). The amount is positive.
 */
export function owedNote(
  line: Pick<PointsStatementLine, 'owedChange'>,
): { key: 'added' | 'settled'; n: number } | null {
  if (line.owedChange > 0) return { key: 'added', n: line.owedChange }
  if (line.owedChange < 0) return { key: 'settled', n: -line.owedChange }
  return null
}

/**
 * The last day (Asia/Shanghai) points expiring at `expiresAt` may still be spent: a batch lapses at
 * 00:00 on 1 January, so it is valid through 31 December. '' for none.
 */
export function validThrough(expiresAt: string | null | undefined, locale?: string): string {
  if (!expiresAt) return ''
  const at = Date.parse(expiresAt)
  if (Number.isNaN(at)) return ''
  return chinaDay(new Date(at - 1).toISOString(), locale)
}

/**
 * A code as typed or scanned: the digits of the shared form, full-width digits read as digits
 * (a Chinese keyboard may type them) and a scanner's trailing newline dropped. Null when it is not
 * an 8-digit code.
 */
export function readRedemptionCode(input: string): string | null {
  const ascii = input.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim()
  return normalizeRedemptionCode(ascii)
}

/**
 * My redemptions as the page lists them: reserved first — the one just made (`first`) on top, then
 * the soonest pick-up — then the rest newest first.
 */
export function orderMyRedemptions(
  items: readonly Redemption[],
  first: string | null = null,
): { reserved: Redemption[]; history: Redemption[] } {
  const reserved = items
    .filter((r) => r.state === 'reserved')
    .sort((a, b) => Number(b.id === first) - Number(a.id === first) || a.pickUpBy.localeCompare(b.pickUpBy))
  const history = items
    .filter((r) => r.state !== 'reserved')
    .sort((a, b) =>
      (b.fulfilledAt ?? b.cancelledAt ?? b.reservedAt).localeCompare(a.fulfilledAt ?? a.cancelledAt ?? a.reservedAt),
    )
  return { reserved, history }
}

export type RewardBlock = 'soldOut' | 'limitReached' | 'notEnough' | null

/** Why a reward cannot be redeemed now (the server checks again), or null when it can. */
export function rewardBlock(
  reward: Pick<Reward, 'stock' | 'perPersonLimit' | 'myRedemptionCount' | 'price'>,
  balance: number,
): RewardBlock {
  if (reward.stock <= 0) return 'soldOut'
  if (reward.perPersonLimit !== null && reward.myRedemptionCount >= reward.perPersonLimit) return 'limitReached'
  if (balance < reward.price) return 'notEnough'
  return null
}

// The report's months

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** "2026-11": the month of an instant in Asia/Shanghai. */
export function chinaMonth(iso: string | Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(typeof iso === 'string' ? new Date(iso) : iso)
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`
}

export const isMonth = (value: string | null | undefined): value is string => !!value && MONTH.test(value)

/** A month moved by `by` months: ("2026-02", -3) → "2025-11". */
export function shiftMonth(month: string, by: number): string {
  const m = MONTH.exec(month)
  if (!m) throw new Error(`not a month: ${month}`)
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + by
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** The report's default: the last `months` months, ending with this month in China (by the server's clock). */
export function defaultMonthRange(now: string | Date, months = 6): { from: string; to: string } {
  const to = chinaMonth(now)
  return { from: shiftMonth(to, -(months - 1)), to }
}

/** Whether from–to is a range of months the report can show: both months, from not after to. */
export function monthRangeValid(from: string | null | undefined, to: string | null | undefined): boolean {
  return isMonth(from) && isMonth(to) && from <= to
}

/** The file the report is saved as. */
export function reportFileName(communityName: string, from: string, to: string): string {
  const safe = communityName.replace(/[\\/:*?"<>|\s]+/g, '') || 'points'
  return `${safe}-积分报表-${from}-${to}.xlsx`
}

// Redeeming once

/**
 * The idempotency key of one redemption attempt: a new key each time the volunteer confirms anew,
 * the same key when the same attempt is sent again after the network failed (the server may have
 * redeemed it: a retry with the key answers that redemption instead of redeeming twice). Any answer
 * from the server ends the attempt.
 */
export function createRedeemAttempt(newKey: () => string = () => crypto.randomUUID()) {
  let key: string | null = null
  return {
    /** A new attempt (the confirm dialog opened). */
    begin(): void {
      key = newKey()
    },
    /** The key to send this attempt with. */
    key(): string {
      key ??= newKey()
      return key
    },
    /** The attempt was answered (`err` undefined) or failed: only a network failure keeps its key for a retry. */
    settle(err?: unknown): 'retry' | 'done' {
      if (err instanceof ApiError && err.code === 'NETWORK_ERROR') return 'retry'
      key = null
      return 'done'
    },
  }
}
