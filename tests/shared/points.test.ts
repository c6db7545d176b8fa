/**
 * The pure points rules: points for approved minutes, when a batch lapses (Asia/Shanghai year
 * ends), first-in-first-out lots (spending takes the oldest, an expiry only its batch, a refund
 * goes back where its redemption took from), and the redemption code's form.
 */
import {
  lapsedPoints,
  nextLapse,
  normalizeRedemptionCode,
  pointsExpireAt,
  pointsForMinutes,
  walletLots,
  type WalletMovement,
} from '@linli/shared'
import { describe, expect, it } from 'vitest'

describe('pointsForMinutes', () => {
  it('is hours × coefficient, rounded half up to whole points', () => {
    expect(pointsForMinutes(180, 2)).toBe(6)
    expect(pointsForMinutes(115, 1)).toBe(2)
    expect(pointsForMinutes(90, 1)).toBe(2) // 1.5 rounds up
    expect(pointsForMinutes(89, 1)).toBe(1)
    expect(pointsForMinutes(20, 1)).toBe(0)
    expect(pointsForMinutes(60, 1.1)).toBe(1)
    expect(pointsForMinutes(300, 1.1)).toBe(6) // 5.5, no floating-point loss
    expect(pointsForMinutes(150, 1.2)).toBe(3)
    expect(pointsForMinutes(0, 2)).toBe(0)
    expect(pointsForMinutes(180, 0)).toBe(0)
  })
})

describe('pointsExpireAt', () => {
  it('end_of_following_year: earned in year Y in Shanghai, lapse at 00:00 on 1 January of Y + 2 there', () => {
    expect(pointsExpireAt('end_of_following_year', new Date('2026-06-01T00:00:00Z'))).toEqual(
      new Date('2027-12-31T16:00:00Z'),
    )
    // 31 Dec 2026 17:00 UTC is already 1 Jan 2027 in Shanghai: a 2027 batch.
    expect(pointsExpireAt('end_of_following_year', new Date('2026-12-31T17:00:00Z'))).toEqual(
      new Date('2028-12-31T16:00:00Z'),
    )
    expect(pointsExpireAt('end_of_following_year', new Date('2026-12-31T15:59:59Z'))).toEqual(
      new Date('2027-12-31T16:00:00Z'),
    )
    expect(pointsExpireAt('never', new Date('2026-06-01T00:00:00Z'))).toBeNull()
  })
})

const A = new Date('2027-12-31T16:00:00Z')
const B = new Date('2028-12-31T16:00:00Z')
const m = (kind: WalletMovement['kind'], amount: number, extra: Partial<WalletMovement> = {}): WalletMovement => ({
  kind,
  amount,
  expiresAt: null,
  redemptionId: null,
  batchExpiresAt: null,
  ...extra,
})

describe('walletLots (first in, first out)', () => {
  it('spending takes the oldest lot first, so the oldest batch has least left to lapse', () => {
    const lots = walletLots([
      m('earn', 10, { expiresAt: A }),
      m('earn', 5, { expiresAt: B }),
      m('redeem', -4, { redemptionId: 'r1' }),
    ])
    expect(lots).toEqual([
      { remaining: 6, expiresAt: A },
      { remaining: 5, expiresAt: B },
    ])
    expect(lapsedPoints(lots, A)).toBe(6)
    expect(lapsedPoints(lots, new Date(A.getTime() - 1))).toBe(0)
    expect(nextLapse(lots, new Date('2027-06-01T00:00:00Z'))).toEqual({ at: A, points: 6 })
  })

  it('points that never lapse, earned first, are spent first', () => {
    const lots = walletLots([m('earn', 3), m('earn', 10, { expiresAt: A }), m('redeem', -5, { redemptionId: 'r1' })])
    expect(lapsedPoints(lots, A)).toBe(8)
  })

  it('an expiry takes only its lapsed batch; a second look finds nothing more to lapse', () => {
    const lots = walletLots([
      m('earn', 3),
      m('earn', 10, { expiresAt: A }),
      m('expire', -10, { batchExpiresAt: A }),
      m('redeem', -2, { redemptionId: 'r1' }),
    ])
    expect(lots).toEqual([{ remaining: 1, expiresAt: null }])
    expect(lapsedPoints(lots, B)).toBe(0)
  })

  it('a refund puts back exactly what its redemption took, into the same lots', () => {
    const lots = walletLots([
      m('earn', 4, { expiresAt: A }),
      m('earn', 10, { expiresAt: B }),
      m('redeem', -6, { redemptionId: 'r1' }),
      m('redeem', -3, { redemptionId: 'r2' }),
      m('refund', 6, { redemptionId: 'r1' }),
    ])
    // r1 took 4 of A and 2 of B; r2 then took 3 of B; the refund restores A's 4 and B's 2.
    expect(lots).toEqual([
      { remaining: 4, expiresAt: A },
      { remaining: 7, expiresAt: B },
    ])
  })

  it('reversals and negative adjustments take the oldest too; the lots add up to the balance', () => {
    const moves = [
      m('earn', 6, { expiresAt: A }),
      m('adjust', 20, { expiresAt: B }),
      m('reverse', -6),
      m('adjust', -5),
      m('bonus', 3, { expiresAt: B }),
    ]
    const lots = walletLots(moves)
    const balance = moves.reduce((s, x) => s + x.amount, 0)
    expect(lots.reduce((s, l) => s + l.remaining, 0)).toBe(balance)
    expect(lapsedPoints(lots, A)).toBe(0)
  })
})

describe('normalizeRedemptionCode', () => {
  it('takes 8 digits, with spaces or a dash as shown or scanned', () => {
    expect(normalizeRedemptionCode('1234 5678')).toBe('12345678')
    expect(normalizeRedemptionCode('1234-5678')).toBe('12345678')
    expect(normalizeRedemptionCode(' 12345678 ')).toBe('12345678')
    expect(normalizeRedemptionCode('1234567')).toBeNull()
    expect(normalizeRedemptionCode('123456789')).toBeNull()
    expect(normalizeRedemptionCode('abcd5678')).toBeNull()
  })
})
