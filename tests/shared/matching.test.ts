/**
 * Matching scenarios: small situations with the ordering a community worker would give, written
 * before the weights were tuned. Each row says, in Chinese and English, why that order.
 */
import {
  MATCH_REASON_CODES,
  preferredDate,
  scoreProjectForUnit,
  scoreResourceForNeed,
  type MatchNeed,
  type MatchProject,
  type MatchResource,
  type MatchScore,
  type MatchUnit,
  type PastWork,
} from '@linli/shared'
import { describe, expect, it } from 'vitest'

const TODAY = '2026-11-01'
const G1 = 'grid-1'
const G2 = 'grid-2'
const none: PastWork = { inCommunity: 0, byCategory: {} }

const res = (r: Partial<MatchResource> & Pick<MatchResource, 'category' | 'kind'>): MatchResource => ({
  quantity: null,
  availableFrom: null,
  availableUntil: null,
  gridIds: [],
  ...r,
})
const need = (n: Partial<MatchNeed> & Pick<MatchNeed, 'category'>): MatchNeed => ({
  gridId: null,
  urgency: 'normal',
  preferredTime: '',
  ...n,
})
const project = (p: Partial<MatchProject> & Pick<MatchProject, 'category'>): MatchProject => ({
  capacity: 1,
  taken: 0,
  volunteerDemand: 0,
  startsOn: null,
  endsOn: null,
  gridIds: [],
  ...p,
})
const unit = (resources: MatchResource[], pastWork: PastWork = none): MatchUnit => ({ resources, pastWork })

interface ResourceScenario {
  name: string
  need: MatchNeed
  /** Candidates in the order a community worker would suggest them. */
  expected: { label: string; resource: MatchResource; pastWork?: PastWork }[]
}

interface ProjectScenario {
  name: string
  unit: MatchUnit
  today?: string
  /** Projects in the order a community worker would suggest them to the unit. */
  expected: { label: string; project: MatchProject }[]
}

const resourceScenarios: ResourceScenario[] = [
  {
    // 老人助餐需求（第一网格）：服务第一网格的社工志愿队 > 面向全社区的医院义诊 > 只服务第二网格的场地
    // A meal-help need for the elderly in grid 1: the social-work centre's volunteer team serving grid 1
    // beats the hospital's 义诊 serving the whole community, which beats a venue in another grid.
    name: '老人助餐 in 第一网格',
    need: need({ category: 'care', gridId: G1 }),
    expected: [
      { label: '社工站志愿队（第一网格）', resource: res({ category: 'care', kind: 'volunteers', gridIds: [G1] }) },
      { label: '医院义诊（全社区）', resource: res({ category: 'care', kind: 'expertise' }) },
      { label: '活动室（第二网格）', resource: res({ category: 'care', kind: 'venue', gridIds: [G2] }) },
    ],
  },
  {
    // 独居老人上门理发（便民）：理发志愿队 > 关爱类物资 > 红色教育场地
    // Haircuts at home (convenience): a barber volunteer team beats care materials, which beat a red-education venue.
    name: '上门理发',
    need: need({ category: 'convenience', gridId: G1 }),
    expected: [
      { label: '理发志愿队', resource: res({ category: 'convenience', kind: 'volunteers' }) },
      { label: '关爱物资', resource: res({ category: 'care', kind: 'materials' }) },
      { label: '党史馆场地', resource: res({ category: 'red_education', kind: 'venue' }) },
    ],
  },
  {
    // 党史学习场地需求：纪念馆场地 > 学校老师讲党课 > 便民志愿队
    // A place for party-history study: the memorial hall's venue beats a school's teachers, which beat a convenience team.
    name: '党史学习',
    need: need({ category: 'red_education' }),
    expected: [
      { label: '纪念馆', resource: res({ category: 'red_education', kind: 'venue' }) },
      { label: '学校党课', resource: res({ category: 'red_education', kind: 'expertise' }) },
      { label: '便民志愿队', resource: res({ category: 'convenience', kind: 'volunteers' }) },
    ],
  },
  {
    // 暑期儿童托管（7月15日）：暑期可用的志愿队 > 无日期的物资 > 6月底已结束的志愿队
    // Summer child care on 15 July: a team available in July beats undated materials, which beat a team whose window ended in June.
    name: '暑期托管 with a date',
    need: need({ category: 'care', preferredTime: '2027年7月15日上午' }),
    expected: [
      {
        label: '暑期志愿队',
        resource: res({
          category: 'care',
          kind: 'volunteers',
          availableFrom: '2027-07-01',
          availableUntil: '2027-08-31',
        }),
      },
      { label: '文具物资', resource: res({ category: 'care', kind: 'materials' }) },
      {
        label: '已结束的志愿队',
        resource: res({
          category: 'care',
          kind: 'volunteers',
          availableFrom: '2027-03-01',
          availableUntil: '2027-06-30',
        }),
      },
    ],
  },
  {
    // 两支相同的便民志愿队：在本社区做过三次便民项目的单位优先；其他类别的最后
    // Two like convenience teams: the unit that served three convenience projects here first; another category last.
    name: 'past work breaks a tie',
    need: need({ category: 'convenience' }),
    expected: [
      {
        label: '老搭档',
        resource: res({ category: 'convenience', kind: 'volunteers' }),
        pastWork: { inCommunity: 4, byCategory: { convenience: 3 } },
      },
      { label: '新单位', resource: res({ category: 'convenience', kind: 'volunteers' }) },
      { label: '治理志愿队', resource: res({ category: 'governance', kind: 'volunteers' }) },
    ],
  },
  {
    // 楼道堆物清理（第一网格）：服务第一网格的队伍 > 全社区的队伍 > 只服务第二网格的队伍
    // Clearing stairwells in grid 1: a team serving grid 1 beats one serving the whole community, which beats one serving grid 2 only.
    name: '楼道清理 by grid',
    need: need({ category: 'governance', gridId: G1 }),
    expected: [
      { label: '第一网格队', resource: res({ category: 'governance', kind: 'volunteers', gridIds: [G1, G2] }) },
      { label: '全社区队', resource: res({ category: 'governance', kind: 'volunteers' }) },
      { label: '第二网格队', resource: res({ category: 'governance', kind: 'volunteers', gridIds: [G2] }) },
    ],
  },
  {
    // 急需轮椅（紧急）：现有5台轮椅 > 关爱资金 > 便民类物资
    // A wheelchair needed urgently: five wheelchairs on hand beat care funds, which beat convenience materials.
    name: '急需轮椅',
    need: need({ category: 'care', urgency: 'urgent' }),
    expected: [
      {
        label: '轮椅5台',
        resource: res({ category: 'care', kind: 'materials', quantity: 5, availableFrom: '2026-10-01' }),
      },
      { label: '关爱基金', resource: res({ category: 'care', kind: 'funds' }) },
      { label: '便民物资', resource: res({ category: 'convenience', kind: 'materials' }) },
      {
        label: '下月才有的护理服务',
        resource: res({ category: 'care', kind: 'expertise', availableFrom: '2026-12-01' }),
      },
    ],
  },
  {
    // 反诈宣传（第一网格）：派出所反诈讲座（全社区）> 政策宣讲场地（第二网格）> 第一网格的关爱志愿队
    // Anti-fraud outreach in grid 1: the police station's talk beats an outreach venue in grid 2, which beats a care team in grid 1.
    name: '反诈宣传: category first',
    need: need({ category: 'policy_outreach', gridId: G1 }),
    expected: [
      { label: '反诈讲座', resource: res({ category: 'policy_outreach', kind: 'expertise' }) },
      { label: '宣讲场地（第二网格）', resource: res({ category: 'policy_outreach', kind: 'venue', gridIds: [G2] }) },
      { label: '关爱志愿队（第一网格）', resource: res({ category: 'care', kind: 'volunteers', gridIds: [G1] }) },
    ],
  },
]

const projectScenarios: ProjectScenario[] = [
  {
    // 医院（义诊，做过两次关爱项目）：关爱老人义诊 > 反诈宣讲 > 红色观影
    // A hospital (义诊, two care projects before): elderly check-ups beat anti-fraud outreach, which beats a red film night.
    name: 'hospital',
    unit: unit([res({ category: 'care', kind: 'expertise' })], { inCommunity: 2, byCategory: { care: 2 } }),
    expected: [
      { label: '关爱老人义诊', project: project({ category: 'care' }) },
      { label: '反诈宣讲', project: project({ category: 'policy_outreach' }) },
      { label: '红色观影', project: project({ category: 'red_education' }) },
    ],
  },
  {
    // 学校（党史教室）：三天后开始的党史讲座 > 一个月后的党史展览 > 便民服务
    // A school with a history classroom: a talk in three days beats an exhibition in a month, which beats convenience work.
    name: 'school, soon first',
    unit: unit([res({ category: 'red_education', kind: 'venue' })]),
    expected: [
      {
        label: '党史讲座',
        project: project({ category: 'red_education', startsOn: '2026-11-04', endsOn: '2026-11-04' }),
      },
      {
        label: '党史展览',
        project: project({ category: 'red_education', startsOn: '2026-12-01', endsOn: '2026-12-10' }),
      },
      { label: '便民服务日', project: project({ category: 'convenience', startsOn: '2026-11-04' }) },
    ],
  },
  {
    // 便民志愿队（11–12月可用）：12月的理发 > 12月的治理项目 > 明年2月的维修（不在可用期）
    // A convenience team available Nov–Dec: December haircuts beat a December governance project, which beats February repairs.
    name: 'availability window',
    unit: unit([
      res({ category: 'convenience', kind: 'volunteers', availableFrom: '2026-11-01', availableUntil: '2026-12-31' }),
    ]),
    expected: [
      { label: '便民理发', project: project({ category: 'convenience', startsOn: '2026-12-05' }) },
      { label: '楼道治理', project: project({ category: 'governance', startsOn: '2026-12-12' }) },
      { label: '便民维修', project: project({ category: 'convenience', startsOn: '2027-02-10' }) },
    ],
  },
  {
    // 只服务第一网格的单位：第一网格的需求项目 > 没有需求的全社区项目 > 第二网格的需求项目
    // A unit serving grid 1 only: a project for grid-1 needs beats a community-wide one, which beats one for grid-2 needs.
    name: 'grids of the needs',
    unit: unit([res({ category: 'care', kind: 'volunteers', gridIds: [G1] })]),
    expected: [
      { label: '第一网格助老', project: project({ category: 'care', gridIds: [G1] }) },
      { label: '全社区关爱', project: project({ category: 'care' }) },
      { label: '第二网格助老', project: project({ category: 'care', gridIds: [G2] }) },
    ],
  },
  {
    // 20人志愿队：需要10人的项目 > 需要30人的项目 > 其他类别
    // A 20-person team: a project wanting 10 volunteers beats one wanting 30, which beats another category.
    name: 'volunteers enough',
    unit: unit([res({ category: 'convenience', kind: 'volunteers', quantity: 20 })]),
    expected: [
      { label: '需10人', project: project({ category: 'convenience', volunteerDemand: 10 }) },
      { label: '需30人', project: project({ category: 'convenience', volunteerDemand: 30 }) },
      { label: '党史宣讲', project: project({ category: 'red_education', volunteerDemand: 5 }) },
    ],
  },
  {
    // 便民志愿队，以往做过三次治理项目：便民项目 > 治理项目 > 红色教育
    // A convenience team with three governance projects behind it: convenience first, then governance, then red education.
    name: 'resources before past work',
    unit: unit([res({ category: 'convenience', kind: 'volunteers' })], {
      inCommunity: 3,
      byCategory: { governance: 3 },
    }),
    expected: [
      { label: '便民', project: project({ category: 'convenience' }) },
      { label: '治理', project: project({ category: 'governance' }) },
      { label: '红色教育', project: project({ category: 'red_education' }) },
    ],
  },
  {
    // 没有发布资源、但在本社区做过关爱项目的单位：关爱项目 > 其他项目
    // A unit with no published resources but care work here before: care projects first.
    name: 'no resources, past work only',
    unit: unit([], { inCommunity: 2, byCategory: { care: 2 } }),
    expected: [
      { label: '关爱', project: project({ category: 'care' }) },
      { label: '治理', project: project({ category: 'governance' }) },
    ],
  },
]

function order<T>(items: { label: string; score: MatchScore; item: T }[]) {
  return [...items].sort((a, b) => b.score.score - a.score.score)
}

describe('matching scenarios', () => {
  it('has at least twelve scenarios of two to four candidates', () => {
    const all = [...resourceScenarios, ...projectScenarios]
    expect(all.length).toBeGreaterThanOrEqual(12)
    for (const s of all) expect(s.expected.length).toBeGreaterThanOrEqual(2)
    for (const s of all) expect(s.expected.length).toBeLessThanOrEqual(4)
  })

  describe.each(resourceScenarios)('scoreResourceForNeed: $name', (s) => {
    it('orders the candidates as a community worker would, with distinct scores', () => {
      const scored = s.expected.map((c) => ({
        label: c.label,
        item: c,
        score: scoreResourceForNeed(s.need, c.resource, { today: TODAY, pastWork: c.pastWork }),
      }))
      const got = order(scored)
      expect(got.map((g) => g.label)).toEqual(s.expected.map((c) => c.label))
      for (let i = 1; i < got.length; i++) expect(got[i - 1]!.score.score).toBeGreaterThan(got[i]!.score.score)
    })
  })

  describe.each(projectScenarios)('scoreProjectForUnit: $name', (s) => {
    it('orders the projects as a community worker would, with distinct scores', () => {
      const scored = s.expected.map((c) => ({
        label: c.label,
        item: c,
        score: scoreProjectForUnit(c.project, s.unit, { today: s.today ?? TODAY }),
      }))
      const got = order(scored)
      expect(got.map((g) => g.label)).toEqual(s.expected.map((c) => c.label))
      for (let i = 1; i < got.length; i++) expect(got[i - 1]!.score.score).toBeGreaterThan(got[i]!.score.score)
    })
  })
})

describe('scoreResourceForNeed', () => {
  it('explains the score: reasons heaviest first, the score their sum clipped to 0–100', () => {
    const s = scoreResourceForNeed(
      need({ category: 'care', gridId: G1, urgency: 'urgent' }),
      res({ category: 'care', kind: 'volunteers', gridIds: [G1], quantity: 12 }),
      { today: TODAY, pastWork: { inCommunity: 9, byCategory: { care: 5 } } },
    )
    expect(s.reasons.map((r) => r.code)).toEqual([
      'CATEGORY_MATCH',
      'SERVES_GRID',
      'RESOURCE_KIND_FITS',
      'AVAILABLE_IN_TIME',
      'PAST_WORK_IN_CATEGORY',
      'PAST_WORK_IN_COMMUNITY',
      'URGENT',
      'HAS_QUANTITY',
    ])
    expect(s.reasons.find((r) => r.code === 'PAST_WORK_IN_CATEGORY')).toEqual({
      code: 'PAST_WORK_IN_CATEGORY',
      weight: 9,
      params: { count: 5, category: 'care' },
    })
    expect(s.score).toBe(100)
  })

  it('never goes below zero', () => {
    const s = scoreResourceForNeed(
      need({ category: 'care', gridId: G1 }),
      res({ category: 'other', kind: 'venue', gridIds: [G2], availableUntil: '2026-01-01' }),
      { today: TODAY },
    )
    expect(s.score).toBe(0)
    expect(s.reasons.map((r) => r.code)).toEqual(['SERVES_OTHER_GRIDS', 'NOT_AVAILABLE_IN_TIME'])
  })

  it('uses only codes the web has words for', () => {
    const s = scoreProjectForUnit(
      project({ category: 'care', startsOn: '2026-11-02', volunteerDemand: 3, gridIds: [G1], capacity: 3 }),
      unit([res({ category: 'care', kind: 'volunteers', gridIds: [G1], quantity: 3 })], {
        inCommunity: 1,
        byCategory: { care: 1 },
      }),
      { today: TODAY },
    )
    for (const r of s.reasons) expect(MATCH_REASON_CODES).toContain(r.code)
    expect(s.reasons.map((r) => r.code)).toContain('URGENT')
    expect(s.reasons.find((r) => r.code === 'CAPACITY_LEFT')!.params).toEqual({ left: 3 })
  })
})

describe('preferredDate', () => {
  it.each([
    ['2027-07-15 上午', '2027-07-15'],
    ['2027/7/5', '2027-07-05'],
    ['2027年7月15日下午', '2027-07-15'],
    ['12月3日', '2026-12-03'],
    ['3月3号', '2027-03-03'],
    ['每周六上午', null],
    ['2027-02-30', null],
    ['', null],
  ])('%s → %s', (text, date) => {
    expect(preferredDate(text, TODAY)).toBe(date)
  })
})
