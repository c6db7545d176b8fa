/**
 * The leader's rotating check-in code. Every CHECK_IN_CODE_PERIOD_SECONDS a new one, derived by
 * HMAC-SHA256 from a server secret, the activity and the period number (the step) — nothing is
 * stored. It has two forms: a signed token for the QR code (`<step>.<mac>`, 128 bits of MAC) and
 * six digits to type (TOTP-style truncation of the same MAC). The current step and the one just
 * before are accepted, a grace for slow typing; anything older, or forged, is not.
 */
import { CHECK_IN_CODE_DIGITS, CHECK_IN_CODE_PERIOD_SECONDS, checkInStep } from '@linli/shared'
import { createHmac, timingSafeEqual } from 'node:crypto'

export interface CheckInCodeValue {
  step: number
  digits: string
  token: string
  /** When the next code takes over. */
  expiresAt: Date
}

function mac(secret: string, communityId: string, activityId: string, step: number): Buffer {
  return createHmac('sha256', secret).update(`check-in:${communityId}:${activityId}:${step}`).digest()
}

function digitsOf(m: Buffer): string {
  // RFC 4226 dynamic truncation.
  const offset = m[m.length - 1]! & 0x0f
  const n = (m.readUInt32BE(offset) & 0x7fffffff) % 10 ** CHECK_IN_CODE_DIGITS
  return String(n).padStart(CHECK_IN_CODE_DIGITS, '0')
}

const tokenMac = (m: Buffer) => m.subarray(0, 16).toString('base64url')

/** The code of the step `at` falls in. */
export function checkInCodeAt(secret: string, communityId: string, activityId: string, at: Date): CheckInCodeValue {
  const step = checkInStep(at)
  const m = mac(secret, communityId, activityId, step)
  return {
    step,
    digits: digitsOf(m),
    token: `${step}.${tokenMac(m)}`,
    expiresAt: new Date((step + 1) * CHECK_IN_CODE_PERIOD_SECONDS * 1000),
  }
}

const equal = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Is `code` (six digits, or the QR's token) the activity's code now or one step before?
 * Malformed, older, future and forged codes all answer false.
 */
export function isValidCheckInCode(
  secret: string,
  communityId: string,
  activityId: string,
  code: string,
  now: Date,
): boolean {
  const current = checkInStep(now)
  const value = code.trim()
  if (new RegExp(`^\\d{${CHECK_IN_CODE_DIGITS}}$`).test(value)) {
    return [current, current - 1].some((step) => equal(digitsOf(mac(secret, communityId, activityId, step)), value))
  }
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{22})$/.exec(value)
  if (!match) return false
  const step = Number(match[1])
  if (step !== current && step !== current - 1) return false
  return equal(tokenMac(mac(secret, communityId, activityId, step)), match[2]!)
}

/** The address the QR code holds: the H5 check-in page with the signed code. */
export function checkInUrl(origin: string, communityId: string, activityId: string, token: string): string {
  const params = new URLSearchParams({ c: communityId, a: activityId, k: token })
  return `${origin.replace(/\/+$/, '')}/m/check-in?${params.toString()}`
}
