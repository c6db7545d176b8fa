/**
 * Points (PRODUCT.md "Points"): what approved hours earn, when earned points expire, the
 * ledger's vocabulary, the redemption code's form, and the inputs of the points store. Pure.
 */
import { z } from 'zod'
import { fieldCode } from './schemas.ts'
import type { pointsExpiryRuleSchema } from './settings.ts'

export type PointsExpiryRule = z.infer<typeof pointsExpiryRuleSchema>

/** Why a posting was made. Every posting's entries sum to zero. */
export const POSTING_KINDS = ['earn', 'bonus', 'redeem', 'refund', 'reverse', 'adjust', 'expire'] as const
export type PostingKind = (typeof POSTING_KINDS)[number]

/**
 * A community's accounts: each volunteer's `wallet` (never below zero) and `debt` (what they owe
 * after a reversal: never above zero), the community's `issuance` (negative by design: what it
 * gave out) and `store` (what redemptions took in; never below zero).
 */
export const ACCOUNT_KINDS = ['wallet', 'debt', 'issuance', 'store'] as const
export type AccountKind = (typeof ACCOUNT_KINDS)[number]

/**
 * Points for approved minutes in a category: hours × the category's coefficient, rounded half
 * up to whole points (3 h at 2 → 6; 1 h 55 min at 1 → 2; 20 min at 1 → 0).
 */
export function pointsForMinutes(minutes: number, coefficient: number): number {
  if (minutes <= 0 || coefficient <= 0) return 0
  // Whole hundredths first, so 1.1 × 60 min does not round down through floating point.
  const hundredths = Math.round(minutes * Math.round(coefficient * 100))
  return Math.floor((hundredths + 3000) / 6000)
}

/**
 * When points earned at `earnedAt` expire under a community's rule: `end_of_following_year` —
 * points earned in year Y (Asia/Shanghai) lapse at the end of Y + 1, i.e. at 00:00 on 1 January
 * of Y + 2 in Shanghai (16:00 UTC on 31 December of Y + 1); `never` — null.
 */
export function pointsExpireAt(rule: PointsExpiryRule, earnedAt: Date): Date | null {
  if (rule === 'never') return null
  const shanghaiYear = new Date(earnedAt.getTime() + 8 * 3_600_000).getUTCFullYear()
  return new Date(Date.UTC(shanghaiYear + 2, 0, 1) - 8 * 3_600_000)
}

/** One movement of a wallet, in the order it was applied (the account's version). */
export interface WalletMovement {
  kind: PostingKind
  /** Signed. */
  amount: number
  /** A credit's batch expiry (null: never). */
  expiresAt: Date | null
  /** redeem, refund: the redemption. */
  redemptionId: string | null
  /** expire: the batch that lapsed. */
  batchExpiresAt: Date | null
}

/** Points of one credit still in the wallet. */
export interface Lot {
  remaining: number
  expiresAt: Date | null
}

/**
 * What is left of each credit, first in first out (PRODUCT.md: the earliest earned are spent
 * first and expire first). Spending takes the oldest lots first; an expiry takes only from lots
 * of its lapsed batch; a refund puts back exactly what its redemption took, into the same lots.
 */
export function walletLots(movements: readonly WalletMovement[]): Lot[] {
  const lots: Lot[] = []
  const takenBy = new Map<string, { lot: Lot; amount: number }[]>()
  for (const m of movements) {
    if (m.amount > 0) {
      let left = m.amount
      const parts = m.kind === 'refund' && m.redemptionId ? takenBy.get(m.redemptionId) : undefined
      for (const part of parts ?? []) {
        const back = Math.min(part.amount, left)
        part.lot.remaining += back
        left -= back
      }
      if (parts) takenBy.delete(m.redemptionId!)
      if (left > 0) lots.push({ remaining: left, expiresAt: m.kind === 'refund' ? null : m.expiresAt })
      continue
    }
    let need = -m.amount
    const parts: { lot: Lot; amount: number }[] = []
    const lapsed = (l: Lot) =>
      m.kind !== 'expire' || (l.expiresAt !== null && m.batchExpiresAt !== null && l.expiresAt <= m.batchExpiresAt)
    for (const lot of lots) {
      if (need === 0) break
      if (lot.remaining === 0 || !lapsed(lot)) continue
      const take = Math.min(lot.remaining, need)
      lot.remaining -= take
      need -= take
      parts.push({ lot, amount: take })
    }
    if (m.kind === 'redeem' && m.redemptionId) takenBy.set(m.redemptionId, parts)
  }
  return lots.filter((l) => l.remaining > 0)
}

/** Points of the lots whose batch has lapsed by `at`. */
export function lapsedPoints(lots: readonly Lot[], at: Date): number {
  return lots.reduce((sum, l) => sum + (l.expiresAt !== null && l.expiresAt <= at ? l.remaining : 0), 0)
}

/** The next batch to lapse after `now` and its points; null when none will. */
export function nextLapse(lots: readonly Lot[], now: Date): { at: Date; points: number } | null {
  const upcoming = lots.filter((l) => l.expiresAt !== null && l.expiresAt > now)
  if (upcoming.length === 0) return null
  const at = new Date(Math.min(...upcoming.map((l) => l.expiresAt!.getTime())))
  return { at, points: upcoming.reduce((s, l) => s + (l.expiresAt!.getTime() === at.getTime() ? l.remaining : 0), 0) }
}

/** The redemption code a volunteer shows at the service hall: 8 digits (QR or typed). */
export const REDEMPTION_CODE_DIGITS = 8

/** A typed or scanned redemption code, reduced to its digits; null when it is not one. */
export function normalizeRedemptionCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '')
  return new RegExp(`^\\d{${REDEMPTION_CODE_DIGITS}}$`).test(digits) ? digits : null
}

/** `1234 5678`, as shown to people. */
export const formatRedemptionCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`

export const rewardInputSchema = z.object({
  name: z.string().trim().min(1, fieldCode('REWARD_NAME_REQUIRED')).max(40, fieldCode('REWARD_NAME_TOO_LONG')),
  description: z.string().trim().max(500).default(''),
  price: z
    .number()
    .int(fieldCode('PRICE_INVALID'))
    .min(1, fieldCode('PRICE_INVALID'))
    .max(100_000, fieldCode('PRICE_INVALID')),
  stock: z
    .number()
    .int(fieldCode('STOCK_INVALID'))
    .min(0, fieldCode('STOCK_INVALID'))
    .max(100_000, fieldCode('STOCK_INVALID')),
  /** How many times one person may redeem it; null = no limit. */
  perPersonLimit: z
    .number()
    .int(fieldCode('LIMIT_INVALID'))
    .min(1, fieldCode('LIMIT_INVALID'))
    .max(100, fieldCode('LIMIT_INVALID'))
    .nullable()
    .default(null),
  sponsorUnitId: z.string().uuid().nullable().default(null),
  pictureFileId: z.string().uuid().nullable().default(null),
})
export type RewardInput = z.infer<typeof rewardInputSchema>

export const pointsAdjustmentSchema = z.object({
  volunteerId: z.string().uuid(),
  /** Signed: a positive amount gives, a negative one takes. */
  amount: z
    .number()
    .int(fieldCode('AMOUNT_INVALID'))
    .min(-100_000, fieldCode('AMOUNT_INVALID'))
    .max(100_000, fieldCode('AMOUNT_INVALID'))
    .refine((n) => n !== 0, fieldCode('AMOUNT_INVALID')),
  reason: z.string().trim().min(2, fieldCode('REASON_REQUIRED')).max(200, fieldCode('REASON_TOO_LONG')),
})
export type PointsAdjustmentInput = z.infer<typeof pointsAdjustmentSchema>
