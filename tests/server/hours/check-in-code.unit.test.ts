/** The rotating check-in code without a database: its two forms, its grace, and what it refuses. */
import { describe, expect, it } from 'vitest'
import { checkInCodeAt, checkInUrl, isValidCheckInCode } from '@linli/server/hours/check-in-code'

const SECRET = 'test-secret-of-enough-length-for-hmac'
const C = '0193a000-0000-7000-8000-000000000001'
const A = '0193a000-0000-7000-8000-000000000002'
const t0 = new Date('2026-11-10T01:00:10Z')
const plus = (s: number) => new Date(t0.getTime() + s * 1000)

describe('the check-in code', () => {
  it('changes every minute and expires at the next step', () => {
    const a = checkInCodeAt(SECRET, C, A, t0)
    const b = checkInCodeAt(SECRET, C, A, plus(60))
    expect(a.digits).toMatch(/^\d{6}$/)
    expect(a.token).not.toBe(b.token)
    expect(a.expiresAt).toEqual(new Date('2026-11-10T01:01:00Z'))
    expect(checkInCodeAt(SECRET, C, A, plus(30)).token).toBe(a.token)
  })

  it('accepts the current and the previous step, as digits or token; not older, not the future', () => {
    const code = checkInCodeAt(SECRET, C, A, t0)
    for (const form of [code.digits, code.token]) {
      expect(isValidCheckInCode(SECRET, C, A, form, t0)).toBe(true)
      expect(isValidCheckInCode(SECRET, C, A, form, plus(60))).toBe(true)
      expect(isValidCheckInCode(SECRET, C, A, ` ${form} `, plus(60))).toBe(true)
      expect(isValidCheckInCode(SECRET, C, A, form, plus(120))).toBe(false)
      expect(isValidCheckInCode(SECRET, C, A, form, plus(-60))).toBe(false)
    }
  })

  it('refuses another activity’s code, another secret’s, a changed signature, and junk', () => {
    const code = checkInCodeAt(SECRET, C, A, t0)
    const otherActivity = checkInCodeAt(SECRET, C, C, t0)
    expect(isValidCheckInCode(SECRET, C, A, otherActivity.token, t0)).toBe(false)
    expect(isValidCheckInCode('another-secret', C, A, code.token, t0)).toBe(false)
    const [step, mac] = code.token.split('.') as [string, string]
    expect(isValidCheckInCode(SECRET, C, A, `${step}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`, t0)).toBe(
      false,
    )
    for (const junk of ['', '12345', '1234567', 'abcdef', `${step}.`, `.${mac}`, `${step}.${mac}x`]) {
      expect(isValidCheckInCode(SECRET, C, A, junk, t0)).toBe(false)
    }
  })

  it('the QR holds the H5 check-in address with the token', () => {
    const url = new URL(checkInUrl('https://linli.example.cn/', C, A, 'abc.def'))
    expect(url.origin + url.pathname).toBe('https://linli.example.cn/m/check-in')
    expect(Object.fromEntries(url.searchParams)).toEqual({ c: C, a: A, k: 'abc.def' })
  })
})
