/**
 * 联盟治理 without a server: a half-year term in words (2026H2 → 2026年下半年 / H2 2026), how near an
 * agreement's renewal is (past, within 30 days, further), the rotation reordered, resolutions typed
 * one a line, who is offered the page and who may change it — and the page mounted on mocked
 * GraphQL answers: for 刘芳 (staff) the hospital holding 2026年下半年 with the next two terms, the
 * meetings with their resolutions, 六个一 at 1/6, and a resolution turned into a project (then
 * 已转为项目 with a link); for 赵明 (a member unit's admin) the same alliance with no buttons. Also
 * that every `governance.*` key the page uses has words in both locales.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SIX_ONES } from '@linli/shared'
import { createTestingPinia } from '@pinia/testing'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  canEditGovernance,
  canOpenGovernancePage,
  governancePagesFor,
} from '../../web/src/features/governance/access.ts'
import {
  dayText,
  moveItem,
  renewalState,
  resolutionLines,
  sixOnesProgress,
  termText,
} from '../../web/src/features/governance/format.ts'
import type { AllianceGovernance } from '../../web/src/features/governance/operations.ts'
import ConsoleGovernancePage from '../../web/src/features/governance/pages/ConsoleGovernancePage.vue'
import { createApi, setApi } from '../../web/src/graphql/client.ts'
import en from '../../web/src/i18n/en.ts'
import { i18n, setLocale } from '../../web/src/i18n/index.ts'
import zhCN from '../../web/src/i18n/zh-CN.ts'
import { createAppRouter } from '../../web/src/router.ts'

// The app imports each Element Plus component with its stylesheet, which Node cannot load: the
// tests take the same components from Element Plus's entry, without styles.
vi.mock('../../web/src/ui/element.ts', () => import('../../web/node_modules/element-plus/es/index'))

const t = (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {})

describe('a term in words', () => {
  it('names the half-years in Chinese and English', () => {
    setLocale('zh-CN')
    expect(['2026H2', '2027H1'].map((x) => termText(t, x))).toEqual(['2026年下半年', '2027年上半年'])
    setLocale('en')
    expect(['2026H2', '2027H1'].map((x) => termText(t, x))).toEqual(['H2 2026', 'H1 2027'])
    expect(termText(t, 'soon')).toBe('soon')
    setLocale('zh-CN')
  })

  it('shows calendar days as the console does', () => {
    expect(dayText('2025-03-01', 'zh-CN')).toBe('2025/03/01')
    expect(dayText(null)).toBe('—')
    expect(dayText('March')).toBe('—')
  })
})

describe('an agreement’s renewal', () => {
  it('is overdue once past, soon within 30 days (the day itself included), else fine', () => {
    const today = '2026-11-23'
    expect(renewalState('2026-11-22', today)).toBe('overdue')
    expect(renewalState('2026-11-23', today)).toBe('soon')
    expect(renewalState('2026-12-23', today)).toBe('soon')
    expect(renewalState('2026-12-24', today)).toBe('ok')
    expect(renewalState('2028-02-28', today)).toBe('ok')
    expect(renewalState(null, today)).toBeNull()
  })
})

describe('the rotation and the resolutions as typed', () => {
  it('moves a unit one place up or down, never off the list', () => {
    expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c'])
    expect(moveItem(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b'])
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
  })

  it('takes one resolution a line, blank lines dropped', () => {
    expect(resolutionLines(' 开展义诊 \r\n\n  改造照明\n ')).toEqual(['开展义诊', '改造照明'])
    expect(resolutionLines('')).toEqual([])
  })

  it('counts the 六个一 done', () => {
    expect(sixOnesProgress([{ done: true }, { done: false }, { done: false }])).toEqual({ done: 1, total: 3 })
  })
})

describe('who is offered 联盟治理', () => {
  it('community staff change it, unit admins read it, others see nothing', () => {
    expect(canOpenGovernancePage('governance', 'community_staff')).toBe(true)
    expect(canOpenGovernancePage('governance', 'unit_admin')).toBe(true)
    expect(canOpenGovernancePage('governance', 'volunteer')).toBe(false)
    expect(canOpenGovernancePage('governance', null)).toBe(false)
    expect(canEditGovernance('community_staff')).toBe(true)
    expect(canEditGovernance('unit_admin')).toBe(false)
    expect(governancePagesFor('unit_admin')).toEqual([{ page: 'governance', path: '/console/alliance-governance' }])
    expect(governancePagesFor('resident')).toEqual([])
  })
})

const HOSPITAL = { unitId: 'u-hospital', unitName: '鼓楼区人民医院' }
const SCHOOL = { unitId: 'u-school', unitName: '华林实验小学' }
const TAX = { unitId: 'u-tax', unitName: '鼓楼区税务局' }

function demo(): AllianceGovernance {
  return {
    communityId: 'c1',
    allianceId: 'a1',
    name: '阳光社区大邻里党建联盟',
    secretary: { id: 'o1', role: 'secretary', name: '刘芳', title: '社区党委书记', unitId: null, unitName: null },
    committee: [{ id: 'o2', role: 'committee', name: '赵明', title: '委员', ...HOSPITAL }],
    rotation: [HOSPITAL, SCHOOL, TAX].map((u, position) => ({ ...u, position })),
    currentTerm: {
      term: '2026H2',
      ...HOSPITAL,
      startsOn: '2026-07-01',
      endsOn: '2026-12-31',
      handedOverAt: '2026-06-30T16:00:00.000Z',
    },
    schedule: [
      { term: '2027H1', ...SCHOOL, startsOn: '2027-01-01', endsOn: '2027-06-30' },
      { term: '2027H2', ...TAX, startsOn: '2027-07-01', endsOn: '2027-12-31' },
    ],
    charter: { id: 'ch1', version: 1, body: '第一条 …', adoptedOn: '2025-03-01', createdAt: '2025-03-01T00:00:00Z' },
    charterVersions: [
      { id: 'ch1', version: 1, body: '第一条 …', adoptedOn: '2025-03-01', createdAt: '2025-03-01T00:00:00Z' },
    ],
    members: [
      { ...HOSPITAL, agreementSignedOn: '2025-03-01', agreementFileId: null, agreementRenewsOn: '2028-02-28' },
      { ...SCHOOL, agreementSignedOn: '2026-04-15', agreementFileId: null, agreementRenewsOn: null },
      { ...TAX, agreementSignedOn: '2020-03-01', agreementFileId: null, agreementRenewsOn: '2021-03-01' },
    ],
    meetings: [
      {
        id: 'm4',
        title: '第四季度联席会议',
        heldAt: '2026-12-07T01:00:00.000Z',
        place: '阳光社区党群服务中心',
        agenda: '一、轮值副书记述职',
        minutes: '',
        state: 'planned',
        attendance: [],
        resolutions: [],
      },
      {
        id: 'm3',
        title: '第三季度联席会议',
        heldAt: '2026-10-24T01:00:00.000Z',
        place: '阳光社区党群服务中心',
        agenda: '一、通报上季度需求办理情况',
        minutes: '形成两项决议。',
        state: 'held',
        attendance: [
          { ...HOSPITAL, attendee: '赵明', present: true },
          { ...SCHOOL, attendee: '', present: false },
        ],
        resolutions: [
          { id: 'r1', body: '为辖区独居老人开展冬季上门送暖服务', projectId: null, createdAt: '2026-10-24T01:00:00Z' },
          { id: 'r2', body: '年底前完成3号楼老旧楼道照明改造', projectId: null, createdAt: '2026-10-24T01:00:01Z' },
        ],
      },
    ],
    sixOnes: SIX_ONES.map((s) => ({
      term: '2026H2',
      item: s.item,
      name: s.name,
      fulfilledBy: s.fulfilledBy,
      done: s.item === 'party_salon',
      linkIds: s.item === 'party_salon' ? ['m3'] : [],
      note: s.item === 'party_salon' ? '联席会议后开展党建沙龙' : '',
      fulfilledAt: s.item === 'party_salon' ? '2026-10-24T01:00:00Z' : null,
    })),
  }
}

describe('the page on mocked answers', () => {
  let governance: AllianceGovernance
  let calls: { operation: string; variables: Record<string, unknown> }[]
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })

  beforeEach(() => {
    localStorage.clear()
    setLocale('zh-CN')
    governance = demo()
    calls = []
    const api = createApi({
      url: 'http://linli.test/graphql',
      wsUrl: null,
      fetch: async (_input, init) => {
        const body = JSON.parse(String(init?.body)) as { operationName: string; variables: Record<string, unknown> }
        calls.push({ operation: body.operationName, variables: body.variables })
        switch (body.operationName) {
          case 'AllianceGovernance':
            return json({ data: { allianceGovernance: governance } })
          case 'GovernanceUnitCommunities':
            return json({
              data: {
                unitAlliances: [
                  { communityId: 'c1', communityName: '阳光社区', status: 'active' },
                  { communityId: 'c9', communityName: '旧社区', status: 'left' },
                ],
              },
            })
          case 'ResolutionToProject': {
            const r = governance.meetings[1]!.resolutions.find((x) => x.id === body.variables.resolutionId)!
            r.projectId = 'p-new'
            return json({ data: { resolutionToProject: { id: 'p-new', title: r.body, state: 'draft' } } })
          }
        }
        return json({ data: null, errors: [{ message: 'x', extensions: { code: 'NOT_FOUND' } }] })
      },
    })
    api.tokens.save({
      accessToken: 'access-1',
      accessTokenExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
      refreshToken: 'refresh-1',
    })
    setApi(api)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  async function openPage(as: 'staff' | 'unit'): Promise<VueWrapper> {
    const grant =
      as === 'staff'
        ? { id: 'g1', role: 'community_staff', scopeType: 'community', scopeId: 'c1', scopeName: '阳光社区' }
        : { id: 'g2', role: 'unit_admin', scopeType: 'unit', scopeId: 'u-hospital', scopeName: '鼓楼区人民医院' }
    const pinia = createTestingPinia({
      stubActions: false,
      createSpy: vi.fn,
      initialState: {
        auth: {
          me: {
            user: { id: 'u', realName: as === 'staff' ? '刘芳' : '赵明', phone: '13900000005' },
            roles: [grant],
          },
        },
      },
    })
    // The app's own router, on the page (its guard lets the role in).
    const router = createAppRouter()
    await router.push('/console/alliance-governance')
    const page = mount(ConsoleGovernancePage, {
      attachTo: document.body,
      global: { plugins: [i18n, pinia, router], stubs: { transition: false } },
    })
    // A unit's admin: the unit's communities first, then the alliance.
    await vi.waitFor(() => expect(page.find('[data-testid="gov-meetings"]').exists()).toBe(true))
    await flushPromises()
    return page
  }
  const texts = (page: VueWrapper, testId: string) =>
    page.findAll(`[data-testid="${testId}"]`).map((e) => e.text().trim())

  it('shows 刘芳 the current term and the next two, the meetings’ resolutions and 六个一 at 1/6', async () => {
    const page = await openPage('staff')
    const current = page.get('[data-testid="term-current"]')
    expect(current.get('[data-testid="term-name"]').text()).toBe('2026年下半年')
    expect(current.get('[data-testid="term-unit"]').text()).toBe('鼓楼区人民医院')
    expect(current.text()).toContain('2026/07/01 – 2026/12/31')
    const next = page.findAll('[data-testid="term-next"]')
    expect(next.map((n) => n.get('[data-testid="term-name"]').text())).toEqual(['2027年上半年', '2027年下半年'])
    expect(next.map((n) => n.get('[data-testid="term-unit"]').text())).toEqual(['华林实验小学', '鼓楼区税务局'])

    expect(texts(page, 'meeting-title')).toEqual(['第四季度联席会议', '第三季度联席会议'])
    expect(texts(page, 'meeting-state')).toEqual(['待召开', '已召开'])
    expect(texts(page, 'resolution-body')).toEqual([
      '为辖区独居老人开展冬季上门送暖服务',
      '年底前完成3号楼老旧楼道照明改造',
    ])
    expect(texts(page, 'resolution-to-project')).toEqual(['转为项目', '转为项目'])
    // Only the planned meeting can be recorded.
    expect(page.findAll('[data-testid="meeting-record"]')).toHaveLength(1)

    expect(page.get('[data-testid="six-ones-progress"]').text()).toBe('已完成 1/6')
    const salon = page.get('[data-testid="six-one"][data-item="party_salon"]')
    expect(salon.get('[data-testid="six-one-state"]').text()).toBe('已完成')
    expect(salon.get('[data-testid="six-one-linked"]').text()).toBe('第三季度联席会议：联席会议后开展党建沙龙')
    expect(texts(page, 'six-one-state').filter((s) => s === '待完成')).toHaveLength(5)

    // The renewal past due is marked; the one years away is not.
    expect(page.findAll('[data-testid="member-renewal-overdue"]')).toHaveLength(1)
    expect(page.findAll('[data-testid="member-renewal-soon"]')).toHaveLength(0)
    // The staff's buttons.
    for (const id of ['rotation-reorder', 'member-edit', 'charter-revise', 'meeting-schedule'])
      expect(page.find(`[data-testid="${id}"]`).exists(), id).toBe(true)
    page.unmount()
  })

  it('turns a resolution into a draft project, then shows 已转为项目 with a link to it', async () => {
    const page = await openPage('staff')
    await page.findAll('[data-testid="resolution-to-project"]')[0]!.trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.operation === 'ResolutionToProject')?.variables).toEqual({
      communityId: 'c1',
      resolutionId: 'r1',
    })
    const done = page.get('[data-testid="resolution-project"]')
    expect(done.text()).toContain('已转为项目')
    expect(done.get('a').attributes('href')).toBe('/console/projects/p-new')
    expect(page.findAll('[data-testid="resolution-to-project"]')).toHaveLength(1)
    page.unmount()
  })

  it('shows 赵明 the alliance of the community his unit is an active member of, with no buttons', async () => {
    governance.meetings[1]!.resolutions[0]!.projectId = 'p1'
    const page = await openPage('unit')
    expect(calls.find((c) => c.operation === 'AllianceGovernance')?.variables).toEqual({ communityId: 'c1' })
    // One active membership: no picker.
    expect(page.find('[data-testid="governance-community"]').exists()).toBe(false)
    expect(page.get('h1').text()).toBe('联盟治理')
    expect(page.text()).toContain('只读')
    expect(page.get('[data-testid="term-current"] [data-testid="term-unit"]').text()).toBe('鼓楼区人民医院')
    expect(texts(page, 'resolution-body')).toHaveLength(2)
    expect(page.get('[data-testid="resolution-project"]').text()).toContain('已转为项目')
    for (const id of [
      'rotation-reorder',
      'member-edit',
      'charter-revise',
      'meeting-schedule',
      'meeting-record',
      'resolution-to-project',
      'resolution-project-link',
      'six-one-select',
      'six-one-fulfil',
      'six-one-hint',
    ])
      expect(page.find(`[data-testid="${id}"]`).exists(), id).toBe(false)
    expect(page.findAll('button').map((b) => b.text().trim())).toEqual([])
    page.unmount()
  })
})

describe('every governance.* key the page uses', () => {
  const ROOT = join(__dirname, '../../web/src/features/governance')
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : /\.(vue|ts)$/.test(e.name) ? [join(dir, e.name)] : [],
    )
  const keys = new Set<string>()
  for (const file of files(ROOT)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'(governance\.[A-Za-z]+(?:\.[A-Za-z_]+)+)'/g)) keys.add(m[1]!)
  }
  // Keys built from a value: each value's words.
  keys.add('governance.nav.governance')
  for (const s of ['planned', 'held']) keys.add(`governance.meetings.states.${s}`)
  for (const s of SIX_ONES) {
    keys.add(`governance.sixOnes.items.${s.item}`)
    keys.add(`governance.sixOnes.by.${s.fulfilledBy}`)
    keys.add(`governance.sixOnes.elsewhere.${s.fulfilledBy}`)
  }
  for (const k of ['meeting', 'resolutions']) {
    keys.add(`governance.sixOnes.choose.${k}`)
    keys.add(`governance.sixOnes.none.${k}`)
  }
  const lookup = (messages: unknown, key: string): unknown =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages)

  it('finds the keys it checks', () => {
    expect(keys.size).toBeGreaterThan(60)
  })
  for (const [locale, messages] of Object.entries({ 'zh-CN': zhCN, en })) {
    it(`has words in ${locale}`, () => {
      const missing = [...keys].filter((k) => typeof lookup(messages, k) !== 'string' || !lookup(messages, k))
      expect(missing).toEqual([])
    })
  }
})
