import {
  DomainError,
  FIELD_CODES,
  loginInputSchema,
  registerInputSchema,
  ERROR_CODES,
  assertTransition,
  canTransition,
  claimMachine,
  grantShapeIsValid,
  isTerminal,
  maskName,
  maskPhone,
  needMachine,
  projectMachine,
  resourceMachine,
  starLevel,
} from '@linli/shared'
import { describe, expect, it } from 'vitest'

describe('state machines', () => {
  it('lets a project go draft → published → claimed → in_progress → completed → evaluated → closed', () => {
    const path = ['draft', 'published', 'claimed', 'in_progress', 'completed', 'evaluated', 'closed'] as const
    for (let i = 1; i < path.length; i++) expect(canTransition(projectMachine, path[i - 1]!, path[i]!)).toBe(true)
  })

  it('cancels a project from any state before completed, never after', () => {
    for (const s of ['draft', 'published', 'claimed', 'in_progress'] as const) {
      expect(canTransition(projectMachine, s, 'cancelled')).toBe(true)
    }
    for (const s of ['completed', 'evaluated', 'closed'] as const) {
      expect(canTransition(projectMachine, s, 'cancelled')).toBe(false)
    }
  })

  it('sends a need back to accepted when its project is cancelled', () => {
    expect(canTransition(needMachine, 'planned', 'accepted')).toBe(true)
    expect(canTransition(needMachine, 'in_service', 'accepted')).toBe(true)
    expect(canTransition(needMachine, 'resolved', 'accepted')).toBe(false)
  })

  it('lets a returned resource be offered again but not a withdrawn one', () => {
    expect(canTransition(resourceMachine, 'returned', 'offered')).toBe(true)
    expect(isTerminal(resourceMachine, 'withdrawn')).toBe(true)
  })

  it('answers INVALID_TRANSITION for a forbidden move', () => {
    expect(() => assertTransition(claimMachine, 'rejected', 'active')).toThrowError(DomainError)
    try {
      assertTransition(claimMachine, 'completed', 'withdrawn')
    } catch (e) {
      expect((e as DomainError).code).toBe('INVALID_TRANSITION')
    }
    expect(() => assertTransition(claimMachine, 'pending', 'active')).not.toThrow()
  })

  it('names only states the machine knows', () => {
    for (const m of [resourceMachine, needMachine, projectMachine, claimMachine]) {
      for (const [from, tos] of Object.entries(m.next)) {
        expect(m.states).toContain(from)
        for (const to of tos as string[]) expect(m.states).toContain(to)
      }
    }
  })
})

describe('rules', () => {
  it('gives star levels at 100, 300, 600, 1000 and 1500 hours', () => {
    expect([0, 99.9, 100, 299, 300, 600, 999, 1000, 1500, 9000].map(starLevel)).toEqual([0, 0, 1, 1, 2, 3, 3, 4, 5, 5])
  })

  it('masks names to their first and last character', () => {
    expect(['王秀英', '李强', '欧阳娜娜', '王', 'Anna Li'].map(maskName)).toEqual([
      '王*英',
      '李*',
      '欧**娜',
      '*',
      'A*****i',
    ])
  })

  it('masks phones to the first three and last four digits', () => {
    expect(maskPhone('13800000001')).toBe('138****0001')
    expect(maskPhone('123')).toBe('***')
  })

  it('checks that a grant is scoped as its role requires', () => {
    expect(grantShapeIsValid('community_staff', 'community', 'c1')).toBe(true)
    expect(grantShapeIsValid('community_staff', 'street', 's1')).toBe(false)
    expect(grantShapeIsValid('resident', 'self', null)).toBe(true)
    expect(grantShapeIsValid('resident', 'self', 'x')).toBe(false)
  })

  it('has unique SCREAMING_SNAKE error codes', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length)
    for (const c of ERROR_CODES) expect(c).toMatch(/^[A-Z][A-Z_]+$/)
  })

  it('reports only known field codes from the input schemas', () => {
    const bad = [
      registerInputSchema.safeParse({ phone: '1', password: 'x', realName: '', privacyNoticeVersion: '' }),
      registerInputSchema.safeParse({
        phone: '13800000000',
        password: 'a'.repeat(200),
        realName: '名'.repeat(51),
        privacyNoticeVersion: 'v',
      }),
      registerInputSchema.safeParse({
        phone: '13800000000',
        password: '12345678',
        realName: '名',
        privacyNoticeVersion: 'v',
      }),
      loginInputSchema.safeParse({ phone: '', password: '' }),
    ]
    const messages = bad.flatMap((r) => (r.success ? [] : r.error.issues.map((i) => i.message)))
    expect(messages.length).toBeGreaterThanOrEqual(8)
    for (const m of messages) expect(FIELD_CODES).toContain(m)
  })
})
