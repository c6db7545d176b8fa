/**
 * The resident's need pages and the unit's market, without a server: a timeline step in words
 * (zh and en), match reasons with their codes named, the idempotency key of a 点单 attempt reused
 * on a retry of the same values and renewed for changed ones, and who is offered the market pages.
 */
import { claimMachine, needMachine } from '@linli/shared'
import { describe, expect, it } from 'vitest'
import { createAttempts } from '../../web/src/features/market/idempotency.ts'
import { marketPagesFor } from '../../web/src/features/market/access.ts'
import { isFull, placesLeft } from '../../web/src/features/market/format.ts'
import { eventActor, eventSentence } from '../../web/src/features/needs/format.ts'
import { chinaDateTime, reasonSentence } from '../../web/src/features/three-lists/words.ts'
import en from '../../web/src/i18n/en.ts'
import { i18n, setLocale } from '../../web/src/i18n/index.ts'
import zhCN from '../../web/src/i18n/zh-CN.ts'

/** The app's translator in a locale (switched for each call). */
function translator(locale: 'zh-CN' | 'en') {
  return (key: string, params?: Record<string, unknown>) => {
    setLocale(locale)
    return i18n.global.t(key, (params ?? {}) as Record<string, unknown>)
  }
}
const zh = translator('zh-CN')
const english = translator('en')

describe('createAttempts (点单 idempotency keys)', () => {
  it('reuses the key when the same values are sent again and renews it for changed values or after success', () => {
    let n = 0
    const attempts = createAttempts<{ projectId: string; volunteers: number }>(() => `key-${++n}`)
    const values = { projectId: 'p1', volunteers: 3 }
    const first = attempts.keyFor(values)
    expect(attempts.keyFor({ ...values })).toBe(first)
    const changed = attempts.keyFor({ projectId: 'p1', volunteers: 4 })
    expect(changed).not.toBe(first)
    expect(attempts.keyFor({ projectId: 'p1', volunteers: 4 })).toBe(changed)
    attempts.succeeded()
    expect(attempts.keyFor({ projectId: 'p1', volunteers: 4 })).not.toBe(changed)
  })

  it('makes UUIDs by default, which the server accepts as keys', () => {
    const key = createAttempts<{ a: number }>().keyFor({ a: 1 })
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,100}$/)
  })
})

describe('need timeline in words', () => {
  const step = (action: string, detail: Record<string, unknown> = {}, toState: string | null = null) =>
    ({ action, detail, toState }) as Parameters<typeof eventSentence>[1]

  it('words each step for the resident in Chinese', () => {
    expect(eventSentence(zh, step('submitted'))).toBe('提交了需求')
    expect(eventSentence(zh, step('accepted'))).toBe('社区已受理')
    expect(eventSentence(zh, step('rejected', { reason: '属于物业维修范围' }))).toBe('社区未受理：属于物业维修范围')
    expect(eventSentence(zh, step('project_attached', { projectTitle: '助老陪诊' }))).toBe('已纳入服务项目“助老陪诊”')
    expect(eventSentence(zh, step('unit_claimed', { unitName: '鼓楼区人民医院', claimState: 'active' }))).toBe(
      '鼓楼区人民医院认领了服务项目',
    )
    expect(eventSentence(zh, step('unit_claimed', { unitName: '鼓楼区人民医院', claimState: 'pending' }))).toContain(
      '待社区审核',
    )
    expect(eventSentence(zh, step('project_cancelled', { projectTitle: '助老陪诊', reason: '天气' }))).toBe(
      '服务项目“助老陪诊”已取消：天气',
    )
    expect(eventSentence(zh, step('recorded', { channel: 'grid_visit' }))).toBe('代为登记了需求（网格走访）')
    expect(eventSentence(zh, step('merged', { intoTitle: '楼道灯' }))).toBe('已合并到需求“楼道灯”')
  })

  it('words them in English, and a step newer than this web by the state it reached', () => {
    expect(eventSentence(english, step('unit_withdrew', { unitName: 'Hospital' }))).toBe(
      'Hospital left the service project',
    )
    expect(eventSentence(zh, step('something_new', {}, 'resolved'))).toBe('状态变为“已办结”')
    expect(eventSentence(zh, step('something_new'))).toBe('需求有更新')
  })

  it('says who did it, by name when shown, else by the part they played', () => {
    expect(eventActor(zh, { actorName: '刘芳', actorRole: 'community_staff' })).toBe('刘芳 · 社区工作人员')
    expect(eventActor(zh, { actorName: null, actorRole: 'unit_admin' })).toBe('联盟单位')
    expect(eventActor(english, { actorName: null, actorRole: 'robot' })).toBe('Other')
  })

  it('tells the time as in China', () => {
    expect(chinaDateTime('2026-06-18T01:30:00Z', 'zh-CN')).toBe('2026/06/18 09:30')
  })

  it('has a word for every need state and claim state in both languages', () => {
    for (const s of needMachine.states) expect(zhCN.terms.needStates[s] && en.terms.needStates[s]).toBeTruthy()
    for (const s of claimMachine.states) expect(zhCN.terms.claimStates[s] && en.terms.claimStates[s]).toBeTruthy()
  })
})

describe('terms: one set of state words for every page', () => {
  it('words every state of the four lists in both languages, as PRODUCT.md names them', () => {
    for (const messages of [zhCN, en]) {
      for (const s of needMachine.states) expect(messages.terms.needStates[s]).toMatch(/\S/)
      for (const s of claimMachine.states) expect(messages.terms.claimStates[s]).toMatch(/\S/)
    }
    expect(zhCN.terms.needStates.planned).toBe('已纳入项目')
    expect(zhCN.terms.claimStates.pending).toBe('待审核')
    expect(zhCN.terms.claimStates.active).toBe('已认领')
    expect(zhCN.terms.projectStates.claimed).toBe('名额已满')
    expect(zhCN.market.market.full).toBe(zhCN.terms.projectStates.claimed)
  })
})

describe('market', () => {
  it('words match reasons with the category and kind named', () => {
    const named = (code: string) => (code === 'elder_care' ? '助老服务' : code)
    expect(reasonSentence(zh, { code: 'CATEGORY_MATCH', params: { category: 'elder_care' } }, named)).toBe(
      '同属“助老服务”类',
    )
    expect(reasonSentence(english, { code: 'RESOURCE_KIND_FITS', params: { kind: 'venue' } }, named)).toBe(
      'Venue suits this kind of service',
    )
    expect(reasonSentence(zh, { code: 'NOT_A_CODE' as never, params: null }, named)).toBe('其他因素')
  })

  it('counts places left and knows a full project', () => {
    expect(placesLeft({ capacity: 2, taken: 1 })).toBe(1)
    expect(isFull({ capacity: 2, taken: 2 })).toBe(true)
    expect(placesLeft({ capacity: 1, taken: 3 })).toBe(0)
  })

  it('offers 项目市场, 我的认领 and 我的资源 to unit admins only', () => {
    expect(marketPagesFor('unit_admin').map((p) => p.path)).toEqual([
      '/console/market',
      '/console/claims',
      '/console/resources/mine',
    ])
    for (const role of ['resident', 'volunteer', 'grid_worker', 'community_staff', 'street_admin'] as const) {
      expect(marketPagesFor(role)).toEqual([])
    }
  })
})
