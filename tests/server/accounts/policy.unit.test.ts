/** Pure parts of accounts and privacy: policies, the sealed-string format, the SMS text. */
import { ConfigError, loadConfig } from '@linli/server/config'
import { createSealer } from '@linli/server/crypto'
import { smsCodeText } from '@linli/server/sms'
import { canSeeIdentity, staffCommunityOf, staffMayResetPasswordOf } from '@linli/server/accounts-policy'
import { canViewResidentContact, deletedPhonePlaceholder } from '@linli/server/privacy-policy'
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'

const C1 = '01890000-0000-7000-8000-000000000001'
const C2 = '01890000-0000-7000-8000-000000000002'
const viewer = (grants: { role: string; scopeId: string | null }[]) =>
  ({
    userId: 'me',
    sessionId: 's',
    grants: grants.map((g, i) => ({
      id: String(i),
      role: g.role,
      scopeId: g.scopeId,
      scopeType: g.scopeId ? 'community' : 'self',
    })),
  }) as Parameters<typeof canSeeIdentity>[0] & object

describe('accounts policy', () => {
  it('lets staff act on people living in their community only', () => {
    const staff = viewer([{ role: 'community_staff', scopeId: C1 }])
    expect(staffCommunityOf(staff, [C2, C1])).toBe(C1)
    expect(staffCommunityOf(staff, [C2])).toBeNull()
    expect(staffCommunityOf(viewer([{ role: 'grid_worker', scopeId: C1 }]), [C1])).toBeNull()
  })

  it('shows identity fields to the person and their residence staff', () => {
    expect(canSeeIdentity(viewer([]), 'me', [])).toBe(true)
    expect(canSeeIdentity(viewer([]), 'other', [C1])).toBe(false)
    expect(canSeeIdentity(viewer([{ role: 'community_staff', scopeId: C1 }]), 'other', [C1])).toBe(true)
    expect(canSeeIdentity(null, 'other', [C1])).toBe(false)
  })

  it('never lets staff reset an administrator’s password', () => {
    expect(staffMayResetPasswordOf(['resident', 'volunteer'])).toBe(true)
    expect(staffMayResetPasswordOf(['resident', 'grid_worker'])).toBe(false)
    expect(staffMayResetPasswordOf(['community_staff'])).toBe(false)
  })
})

describe('privacy policy', () => {
  it('shows contact details to staff of that community, and deletes into a non-phone placeholder', () => {
    expect(canViewResidentContact(viewer([{ role: 'community_staff', scopeId: C1 }]), C1)).toBe(true)
    expect(canViewResidentContact(viewer([{ role: 'street_admin', scopeId: C1 }]), C1)).toBe(false)
    expect(deletedPhonePlaceholder(C1)).toBe(`deleted:${C1}`)
    expect(deletedPhonePlaceholder(C1)).not.toMatch(/^1[3-9]\d{9}$/)
  })
})

describe('sealed strings (AES-256-GCM)', () => {
  const sealer = createSealer(randomBytes(32))

  it('round-trips, and seals the same value differently each time', () => {
    const a = sealer.seal('11010519491231002X')
    expect(a).toMatch(/^v1\./)
    expect(a).not.toContain('1949')
    expect(sealer.open(a)).toBe('11010519491231002X')
    expect(sealer.seal('11010519491231002X')).not.toBe(a)
  })

  it('refuses a tampered value and a value sealed under another key', () => {
    const sealed = sealer.seal('幸福路1号')
    const [v, iv, tag, body] = sealed.split('.')
    const flipped = Buffer.from(body!, 'base64url')
    flipped[0] = flipped[0]! ^ 1
    expect(() => sealer.open([v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow()
    expect(() => createSealer(randomBytes(32)).open(sealed)).toThrow()
  })
})

describe('SMS text', () => {
  it('is Chinese, names the code, its lifetime and its purpose', () => {
    expect(smsCodeText('123456', 'LOGIN')).toBe('【邻里】您的验证码是 123456，5分钟内有效，用于登录。请勿告诉他人。')
  })
})

describe('LINLI_DATA_KEY', () => {
  it('takes 32 bytes in base64 and refuses anything else', () => {
    const key = randomBytes(32).toString('base64')
    expect(loadConfig({ LINLI_DATA_KEY: key }).dataKey).toBe(key)
    expect(loadConfig({}).dataKey).toBeUndefined()
    for (const bad of [randomBytes(16).toString('base64'), 'not base64 at all, but long enough to be 44 c']) {
      expect(() => loadConfig({ LINLI_DATA_KEY: bad })).toThrow(ConfigError)
    }
  })
})
