/**
 * The rankings pages without a server: percentages and hours in words, the period a picker stands
 * for (this month and year in Beijing, near midnight too), the months of the dashboard's range with
 * a value each, the age buckets in order, totals, the chart options and their spoken summaries,
 * who is offered which page and which place the active role ranks, and that every message has
 * words in both locales.
 */
import { describe, expect, it } from 'vitest'
import { canOpenRankingsPage, rankingScope, rankingsPagesFor } from '../../web/src/features/rankings/access.ts'
import {
  ageCounts,
  alignMonths,
  barOption,
  chinaYear,
  decimal,
  defaultPeriodValue,
  monthsBetween,
  orderStates,
  pairedBarsOption,
  percent,
  periodInput,
  pieOption,
  summarise,
  total,
} from '../../web/src/features/rankings/format.ts'
import { RANKING_KINDS, RANKING_QUERIES } from '../../web/src/features/rankings/operations.ts'
import en from '../../web/src/i18n/rankings/en.ts'
import zhCN from '../../web/src/i18n/rankings/zh-CN.ts'

describe('numbers in words', () => {
  it('shows a rate as a percentage with at most one decimal, none as a dash', () => {
    expect(percent(2 / 3)).toBe('66.7%')
    expect(percent(1)).toBe('100%')
    expect(percent(0)).toBe('0%')
    expect(percent(null)).toBe('—')
    expect(percent(Number.NaN)).toBe('—')
  })
  it('rounds hours without trailing zeros', () => {
    expect(decimal(12.345)).toBe('12.3')
    expect(decimal(3)).toBe('3')
    expect(decimal(4.25, 2)).toBe('4.25')
    expect(decimal(null)).toBe('—')
  })
  it('totals a month series to a tenth', () => {
    expect(
      total([
        { month: '2026-10', value: 1.15 },
        { month: '2026-11', value: 2.2 },
      ]),
    ).toBe(3.4)
    expect(total([])).toBe(0)
  })
})

describe('periods on the Beijing calendar', () => {
  // 2026-12-31 16:30 UTC is already 2027-01-01 00:30 in Beijing.
  const newYear = '2026-12-31T16:30:00.000Z'
  it('defaults to this month and this year in Beijing', () => {
    expect(defaultPeriodValue('month', newYear)).toBe('2027-01')
    expect(defaultPeriodValue('year', newYear)).toBe('2027')
    expect(chinaYear('2026-11-23T01:00:00.000Z')).toBe('2026')
    expect(defaultPeriodValue('all', newYear)).toBeNull()
  })
  it('asks the server only for a valid period', () => {
    expect(periodInput('all', 'whatever')).toEqual({ kind: 'all', value: null })
    expect(periodInput('month', '2026-11')).toEqual({ kind: 'month', value: '2026-11' })
    expect(periodInput('month', '2026-13')).toBeNull()
    expect(periodInput('month', null)).toBeNull()
    expect(periodInput('year', '2026')).toEqual({ kind: 'year', value: '2026' })
    expect(periodInput('year', '26')).toBeNull()
  })
})

describe('the dashboard data', () => {
  it('lists the months of a range across a year end', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02'])
    expect(monthsBetween('2026-11', '2026-11')).toEqual(['2026-11'])
    expect(monthsBetween('2026-12', '2026-11')).toEqual([])
  })
  it('gives every month a value, 0 where the server had none', () => {
    expect(alignMonths(['2026-10', '2026-11', '2026-12'], [{ month: '2026-11', value: 5 }])).toEqual([0, 5, 0])
  })
  it('keeps the age buckets in order, every one', () => {
    expect(
      ageCounts([
        { key: 'gt30d', count: 2 },
        { key: 'lt3d', count: 1 },
      ]),
    ).toEqual([
      { key: 'lt3d', count: 1 },
      { key: '3to7d', count: 0 },
      { key: '7to30d', count: 0 },
      { key: 'gt30d', count: 2 },
    ])
  })
  it('orders the need states as a need lives them', () => {
    const keys = orderStates([
      { key: 'withdrawn', count: 1 },
      { key: 'accepted', count: 2 },
      { key: 'someday', count: 1 },
      { key: 'submitted', count: 3 },
      { key: 'in_service', count: 2 },
    ]).map((r) => r.key)
    expect(keys).toEqual(['submitted', 'accepted', 'in_service', 'withdrawn', 'someday'])
  })
  it('builds chart options with the labels and values given', () => {
    const bar = barOption(['待受理', '已受理'], [3, 1])
    expect(bar.xAxis.data).toEqual(['待受理', '已受理'])
    expect(bar.series[0]!.data).toEqual([3, 1])
    const paired = pairedBarsOption(
      ['2026-11'],
      [
        { name: '发放', values: [10] },
        { name: '兑换', values: [4] },
      ],
    )
    expect(paired.series.map((s) => [s.name, s.data])).toEqual([
      ['发放', [10]],
      ['兑换', [4]],
    ])
    expect(pieOption([{ name: '助老', value: 2 }]).series[0]!.data).toEqual([{ name: '助老', value: 2 }])
  })
  it('summarises a chart in a sentence for its aria-label', () => {
    expect(
      summarise([
        { label: '3天内', value: 1 },
        { label: '30天以上', value: 2 },
      ]),
    ).toBe('3天内 1，30天以上 2')
    expect(
      summarise(
        [
          { label: 'a', value: 1 },
          { label: 'b', value: 2 },
        ],
        ', ',
      ),
    ).toBe('a 1, b 2')
  })
})

describe('who is offered which page', () => {
  it('offers 排行榜 to staff, street and district admins, 数据看板 to staff and street admins', () => {
    expect(rankingsPagesFor('community_staff').map((p) => p.path)).toEqual(['/console/dashboard', '/console/rankings'])
    expect(rankingsPagesFor('street_admin').map((p) => p.page)).toEqual(['dashboard', 'rankings'])
    expect(rankingsPagesFor('district_admin').map((p) => p.page)).toEqual(['rankings'])
    expect(rankingsPagesFor('volunteer')).toEqual([])
    expect(canOpenRankingsPage('dashboard', 'unit_admin')).toBe(false)
    expect(canOpenRankingsPage('rankings', null)).toBe(false)
  })
  it("ranks the active role's place", () => {
    expect(rankingScope({ role: 'community_staff', scopeId: 'c1' })).toEqual({ kind: 'community', id: 'c1' })
    expect(rankingScope({ role: 'street_admin', scopeId: 's1' })).toEqual({ kind: 'street', id: 's1' })
    expect(rankingScope({ role: 'district_admin', scopeId: 'd1' })).toEqual({ kind: 'district', id: 'd1' })
    expect(rankingScope({ role: 'volunteer', scopeId: null })).toBeNull()
    expect(rankingScope(null)).toBeNull()
  })
})

describe('the operations and messages', () => {
  it('asks each ranking under one alias', () => {
    for (const kind of RANKING_KINDS) {
      const text = RANKING_QUERIES[kind].loc?.source.body ?? ''
      expect(text).toContain(`ranking: ${kind}Ranking(`)
      expect(text).toContain('formula')
    }
  })
  it('has words in both locales for every key', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
    for (const k of keys(zhCN)) expect(k).not.toBe('')
    expect(zhCN.dashboard.ages).toEqual({ lt3d: '3天内', '3to7d': '3–7天', '7to30d': '7–30天', gt30d: '30天以上' })
    expect(zhCN.rankings.tabs).toEqual({
      volunteer: '志愿者',
      unit: '联盟单位',
      team: '志愿服务队',
      pioneer: '先锋指数',
    })
  })
})
