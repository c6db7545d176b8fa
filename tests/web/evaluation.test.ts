/**
 * Closing the loop without a server: the chain's actions in words (both languages, an unknown one
 * generic), review states and report kinds, who is offered 晒单 on which claim (the lead first,
 * the others after completion), which pages each role gets, the 晒单 and 评单 checks, the average
 * and days left, the chain's order, the three new notifications in words, the refusals by code,
 * every `evaluation.*` key the pages use in both locales, and 我的评单 rating a need once (a score
 * required, the rating sent with the need's community, the need then shown as rated).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { COMPLETION_REPORT_KINDS, reviewMachine } from '@linli/shared'
import { createTestingPinia } from '@pinia/testing'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import {
  canOpenChain,
  canOpenEvaluationPage,
  evaluationPagesFor,
  needHasChain,
  ratesOnPhone,
  reportMode,
  staffProjectMove,
} from '../../web/src/features/evaluation/access.ts'
import {
  averageText,
  CHAIN_ACTIONS,
  chainLinks,
  chainStage,
  claimsLeadFirst,
  daysLeft,
  eventsInOrder,
  MAX_REPORT_PHOTOS,
  ratingProblems,
  readSubject,
  reportKindKey,
  reportProblems,
  reportsInOrder,
  reviewStateKey,
  useChainText,
  useEvaluationFailureText,
  visibleComment,
} from '../../web/src/features/evaluation/format.ts'
import type { CompletionReport, RatableNeed } from '../../web/src/features/evaluation/operations.ts'
import MobileRatingsPage from '../../web/src/features/evaluation/pages/MobileRatingsPage.vue'
import { consoleEvaluationRoutes, mobileEvaluationRoutes } from '../../web/src/features/evaluation/routes.ts'
import { useNotificationText } from '../../web/src/features/notifications/format.ts'
import { createApi, setApi } from '../../web/src/graphql/client.ts'
import { ApiError } from '../../web/src/graphql/errors.ts'
import en from '../../web/src/i18n/en.ts'
import { i18n, setLocale } from '../../web/src/i18n/index.ts'
import zhCN from '../../web/src/i18n/zh-CN.ts'

vi.mock('../../web/src/ui/vant.ts', () => import('../../web/node_modules/vant/es/index'))

/** Render a composable's words inside a component (vue-i18n's useI18n needs one). */
function inComponent<T>(use: () => T, read: (api: T) => string): string {
  const Probe = defineComponent({
    setup() {
      const api = use()
      return () => h('p', read(api))
    },
  })
  return mount(Probe, { global: { plugins: [i18n] } }).text()
}

describe('the chain in words', () => {
  it('words every action the contract lists, in Chinese and in English, and an unknown one generically', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      setLocale(locale)
      const words = CHAIN_ACTIONS.map((a) => inComponent(useChainText, ({ actionText }) => actionText(a)))
      expect(words.every((w) => w.length > 0)).toBe(true)
      expect(new Set(words).size, locale).toBe(CHAIN_ACTIONS.length)
      expect(inComponent(useChainText, ({ actionText }) => actionText('activity.teleported'))).toBe(
        locale === 'zh-CN' ? '其他记录' : 'Other step',
      )
    }
    setLocale('zh-CN')
    const say = (a: string) => inComponent(useChainText, ({ actionText }) => actionText(a))
    expect(say('need.submitted')).toBe('居民提交需求')
    expect(say('claim.made')).toBe('单位认领项目')
    expect(say('hours.approved')).toBe('服务时长审核通过')
    expect(say('report.posted')).toBe('单位晒单')
    expect(say('rating.given')).toBe('居民评价')
    expect(say('points.bonus')).toBe('五星好评奖励积分')
    // The contract's list, every one of them.
    expect(CHAIN_ACTIONS).toEqual(
      expect.arrayContaining([
        'need.submitted',
        'need.recorded',
        'need.accepted',
        'project.created',
        'project.published',
        'claim.made',
        'claim.decided',
        'project.started',
        'activity.scheduled',
        'hours.approved',
        'project.completed',
        'report.posted',
        'rating.given',
        'project.evaluated',
        'points.bonus',
      ]),
    )
  })

  it('words the subjects the server writes in a fixed shape: hours, the bonus, a rating', () => {
    expect(readSubject('hours.approved', '阳光花园健康咨询（第一场） · 360 min · 2')).toEqual({
      kind: 'hours',
      title: '阳光花园健康咨询（第一场）',
      minutes: 360,
      volunteers: 2,
    })
    expect(readSubject('points.bonus', '3')).toEqual({ kind: 'bonus', volunteers: 3 })
    expect(readSubject('rating.given', '5★ 想测血压血糖')).toEqual({
      kind: 'rating',
      score: 5,
      needTitle: '想测血压血糖',
    })
    expect(readSubject('claim.made', '鼓楼区人民医院')).toEqual({ kind: 'text', text: '鼓楼区人民医院' })
    expect(readSubject('project.started', null)).toBeNull()
    setLocale('zh-CN')
    const detail = (e: { action: string; actor: string | null; subject: string | null }) =>
      inComponent(useChainText, ({ detailText }) => detailText(e))
    expect(
      detail({ action: 'hours.approved', actor: '刘*', subject: '阳光花园健康咨询（第一场） · 390 min · 2' }),
    ).toBe('刘* · 阳光花园健康咨询（第一场） · 6 小时 30 分钟 · 2 名志愿者')
    expect(detail({ action: 'points.bonus', actor: null, subject: '3' })).toBe('3 名志愿者获得奖励')
    expect(detail({ action: 'rating.given', actor: '王*英', subject: '5★ 想测血压血糖' })).toBe(
      '王*英 · 5 星 · 想测血压血糖',
    )
    // A unit that claimed is named once.
    expect(detail({ action: 'claim.made', actor: '鼓楼区人民医院', subject: '鼓楼区人民医院' })).toBe('鼓楼区人民医院')
    setLocale('en')
    expect(detail({ action: 'hours.approved', actor: null, subject: 'Clinic · 60 min · 1' })).toBe(
      'Clinic · 1 h · 1 volunteers',
    )
    setLocale('zh-CN')
  })

  it('colours each action by its part of the chain', () => {
    expect(chainStage('need.accepted')).toBe('need')
    expect(chainStage('claim.made')).toBe('claim')
    expect(chainStage('hours.approved')).toBe('activity')
    expect(chainStage('project.published')).toBe('project')
    expect(chainStage('project.completed')).toBe('close')
    expect(chainStage('rating.given')).toBe('close')
    expect(chainStage('something')).toBe('project')
  })

  it('orders events oldest first, keeping ties in the order sent', () => {
    const at = (h: number) => `2026-11-20T0${h}:00:00.000Z`
    const events = [
      { at: at(3), action: 'b', actor: null, subject: null, refId: null },
      { at: at(1), action: 'a', actor: null, subject: null, refId: null },
      { at: at(3), action: 'c', actor: null, subject: null, refId: null },
    ]
    expect(eventsInOrder(events).map((e) => e.action)).toEqual(['a', 'b', 'c'])
  })

  it('counts each link and puts the lead claim first', () => {
    const chain = { needs: [1], claims: [1, 2], activities: [], reports: [1], ratings: [1, 2, 3] }
    expect(chainLinks(chain as never)).toEqual([
      { link: 'needs', count: 1 },
      { link: 'claims', count: 2 },
      { link: 'activities', count: 0 },
      { link: 'reports', count: 1 },
      { link: 'ratings', count: 3 },
    ])
    const claims = [
      { id: 'a', lead: false, createdAt: '2026-11-02' },
      { id: 'b', lead: true, createdAt: '2026-11-03' },
      { id: 'c', lead: false, createdAt: '2026-11-01' },
    ]
    expect(claimsLeadFirst(claims).map((c) => c.id)).toEqual(['b', 'c', 'a'])
  })
})

describe('review states and report kinds in words', () => {
  it('says 待审核 / 已公开 / 已隐藏 and 牵头单位 / 参与单位 / 社区代为完成', () => {
    setLocale('zh-CN')
    expect(reviewMachine.states.map((s) => i18n.global.t(reviewStateKey(s)))).toEqual(['待审核', '已公开', '已隐藏'])
    expect(COMPLETION_REPORT_KINDS.map((k) => i18n.global.t(reportKindKey(k)))).toEqual([
      '牵头单位',
      '参与单位',
      '社区代为完成',
    ])
    setLocale('en')
    expect(reviewMachine.states.map((s) => i18n.global.t(reviewStateKey(s)))).toEqual([
      'Awaiting review',
      'Published',
      'Hidden',
    ])
    expect(COMPLETION_REPORT_KINDS.map((k) => i18n.global.t(reportKindKey(k)))).toEqual([
      'Lead unit',
      'Partner unit',
      'Completed by the community',
    ])
    setLocale('zh-CN')
  })

  it('shows reports lead first, and a hidden rating without its comment', () => {
    const report = (id: string, kind: CompletionReport['kind'], createdAt: string) =>
      ({ id, kind, createdAt }) as CompletionReport
    expect(
      reportsInOrder([
        report('u2', 'unit', '2026-11-24'),
        report('u1', 'unit', '2026-11-23'),
        report('l', 'lead', '2026-11-25'),
      ]).map((r) => r.id),
    ).toEqual(['l', 'u1', 'u2'])
    expect(visibleComment({ comment: '很好', reviewState: 'published' })).toBe('很好')
    expect(visibleComment({ comment: '很好', reviewState: 'hidden' })).toBe('')
  })
})

describe('who is offered what', () => {
  const claim = (state: string, lead: boolean, project: string) =>
    ({ state, lead, project: { state: project } }) as Parameters<typeof reportMode>[0]

  it('offers 晒单 to the lead while the project is in progress, to the others once it is completed', () => {
    expect(reportMode(claim('active', true, 'in_progress'))).toBe('lead')
    expect(reportMode(claim('active', false, 'in_progress'))).toBe('waitLead')
    expect(reportMode(claim('completed', false, 'completed'))).toBe('unit')
    expect(reportMode(claim('completed', true, 'completed'))).toBe('unit')
    expect(reportMode(claim('completed', false, 'evaluated'))).toBe('unit')
    // Not under way, or the claim no longer stands.
    expect(reportMode(claim('active', true, 'claimed'))).toBeNull()
    expect(reportMode(claim('pending', true, 'published'))).toBeNull()
    expect(reportMode(claim('withdrawn', false, 'completed'))).toBeNull()
    expect(reportMode(claim('cancelled', true, 'cancelled'))).toBeNull()
  })

  it('gives staff 评价审核, a grid worker 代居民评价, and the chain to staff, street, district and unit admins', () => {
    expect(evaluationPagesFor('community_staff')).toEqual([{ page: 'reviews', path: '/console/reviews' }])
    expect(evaluationPagesFor('grid_worker')).toEqual([{ page: 'ratings', path: '/console/ratings' }])
    for (const role of ['resident', 'volunteer', 'unit_admin', 'street_admin', 'district_admin'] as const)
      expect(evaluationPagesFor(role), role).toEqual([])
    expect(canOpenEvaluationPage('reviews', null)).toBe(false)
    expect(
      (['community_staff', 'street_admin', 'district_admin', 'unit_admin'] as const).every((r) => canOpenChain(r)),
    ).toBe(true)
    expect((['resident', 'volunteer', 'grid_worker'] as const).some((r) => canOpenChain(r))).toBe(false)
    expect(canOpenChain(null)).toBe(false)
  })

  it('lets staff complete a project in progress and end a completed one’s evaluation', () => {
    expect(staffProjectMove('in_progress')).toBe('complete')
    expect(staffProjectMove('completed')).toBe('evaluate')
    expect(staffProjectMove('evaluated')).toBeNull()
    expect(staffProjectMove('claimed')).toBeNull()
  })

  it('offers 我的评单 to residents, and a need’s chain once it is planned into a project', () => {
    expect(ratesOnPhone(['volunteer', 'resident'])).toBe(true)
    expect(ratesOnPhone(['volunteer'])).toBe(false)
    expect(needHasChain({ state: 'accepted', projectId: null })).toBe(false)
    expect(needHasChain({ state: 'submitted', projectId: null })).toBe(false)
    expect(needHasChain({ state: 'in_service', projectId: 'p1' })).toBe(true)
    expect(needHasChain({ state: 'resolved', projectId: null })).toBe(true)
  })

  it('puts the phone pages under 我的 and 我的需求, and the console pages where the menu points', () => {
    expect(mobileEvaluationRoutes.map((r) => [r.path, r.meta?.back])).toEqual([
      ['ratings', 'mobile-me'],
      ['needs/:communityId/:needId/chain', 'mobile-needs'],
    ])
    expect(consoleEvaluationRoutes.map((r) => r.path)).toEqual([
      'reviews',
      'ratings',
      'projects/:communityId/:projectId/chain',
    ])
  })
})

describe('the 晒单 and 评单 checks', () => {
  const photo = (n: number) => `0190a5b2-0000-7000-8000-${String(n).padStart(12, '0')}`
  const good = { summary: '为46位居民测量血压血糖并建档', peopleServed: 46, photoIds: [photo(1)], photoConsent: true }

  it('takes a full report, and marks a short summary, a bad count, photos without consent and a tenth photo', () => {
    expect(reportProblems(good)).toEqual({})
    expect(reportProblems({ ...good, photoIds: [], photoConsent: false })).toEqual({})
    expect(reportProblems({ ...good, summary: '很好' })).toEqual({ summary: 'SUMMARY_TOO_SHORT' })
    expect(reportProblems({ ...good, peopleServed: null })).toEqual({ peopleServed: 'PEOPLE_SERVED_INVALID' })
    expect(reportProblems({ ...good, peopleServed: -1 })).toEqual({ peopleServed: 'PEOPLE_SERVED_INVALID' })
    expect(reportProblems({ ...good, peopleServed: 2.5 })).toEqual({ peopleServed: 'PEOPLE_SERVED_INVALID' })
    expect(reportProblems({ ...good, photoConsent: false })).toEqual({ photoConsent: 'PHOTO_CONSENT_REQUIRED' })
    const ten = Array.from({ length: MAX_REPORT_PHOTOS + 1 }, (_, i) => photo(i))
    expect(reportProblems({ ...good, photoIds: ten }).photoIds).toBeTruthy()
  })

  it('takes 1 to 5 stars and a comment up to 500 characters', () => {
    expect(ratingProblems({ score: 5, comment: '' })).toEqual({})
    expect(ratingProblems({ score: 0, comment: '' })).toEqual({ score: 'SCORE_INVALID' })
    expect(ratingProblems({ score: 6, comment: '' })).toEqual({ score: 'SCORE_INVALID' })
    expect(ratingProblems({ score: 4, comment: '好'.repeat(501) })).toEqual({ comment: 'COMMENT_TOO_LONG' })
  })

  it('shows the average to one decimal, and the whole days left to rate', () => {
    expect(averageText(4.5)).toBe('4.5')
    expect(averageText(5)).toBe('5.0')
    expect(averageText(null)).toBe('—')
    const now = Date.parse('2026-11-23T01:00:00.000Z')
    expect(daysLeft('2026-12-07T01:00:00.000Z', now)).toBe(14)
    expect(daysLeft('2026-11-23T02:00:00.000Z', now)).toBe(1)
    expect(daysLeft('2026-11-22T01:00:00.000Z', now)).toBe(0)
  })
})

describe('the new codes in words', () => {
  it('says every new error and field code in both languages, NOT_LEAD_UNIT as the product does', () => {
    expect(zhCN.errors.NOT_LEAD_UNIT).toBe('请等待牵头单位先晒单')
    for (const messages of [zhCN, en]) {
      for (const code of ['NOT_LEAD_UNIT', 'NOT_SERVED', 'ALREADY_RATED', 'RATING_CLOSED'] as const)
        expect(messages.errors[code], code).toMatch(/\S/)
      for (const code of [
        'SUMMARY_TOO_SHORT',
        'PEOPLE_SERVED_INVALID',
        'PHOTO_CONSENT_REQUIRED',
        'SCORE_INVALID',
        'COMMENT_TOO_LONG',
      ] as const)
        expect(messages.fields[code], code).toMatch(/\S/)
    }
  })

  it('words the refusals of 晒单 and 评单 by code, a second report as such', () => {
    setLocale('zh-CN')
    const say = (err: unknown, what?: 'report' | 'rating') =>
      inComponent(useEvaluationFailureText, (text) => text(err, what))
    expect(say(new ApiError('NOT_LEAD_UNIT'), 'report')).toBe('请等待牵头单位先晒单')
    expect(say(new ApiError('ALREADY_EXISTS'), 'report')).toBe('本单位已经晒过单了')
    expect(say(new ApiError('ALREADY_RATED'), 'rating')).toBe(zhCN.errors.ALREADY_RATED)
    expect(say(new ApiError('RATING_CLOSED'), 'rating')).toBe('评价已截止')
    expect(say(new ApiError('BAD_USER_INPUT', { fields: { 'input.photoConsent': 'PHOTO_CONSENT_REQUIRED' } }))).toBe(
      '上传照片须确认照片中的人员已同意公开',
    )
  })
})

describe('closing the loop notifications', () => {
  const render = (kind: string, params: Record<string, unknown>) =>
    inComponent(useNotificationText, ({ title }) => title({ kind, params }))

  it('asks the resident to rate within the window, says why a review was hidden once, and gives the bonus', () => {
    setLocale('zh-CN')
    expect(render('project.completed', { projectTitle: '社区义诊进小区', days: 14 })).toBe(
      '为您服务的项目“社区义诊进小区”已完成，请在 14 天内评价（评单）',
    )
    expect(render('review.hidden', { projectTitle: '社区义诊进小区', reason: '含他人电话号码' })).toBe(
      '您在项目“社区义诊进小区”的评价或晒单已被社区隐藏：含他人电话号码',
    )
    expect(render('points.bonus', { projectTitle: '社区义诊进小区', points: 10 })).toBe(
      '您参与的项目“社区义诊进小区”获得五星好评，社区奖励您 10 积分',
    )
    setLocale('en')
    expect(render('project.completed', { projectTitle: 'Free clinic', days: 14 })).toBe(
      'The project “Free clinic” that served you is complete: please rate it within 14 days',
    )
    expect(render('review.hidden', { projectTitle: 'Free clinic', reason: 'a phone number' })).toBe(
      'Your rating or report on the project “Free clinic” was hidden by the community: a phone number',
    )
    expect(render('points.bonus', { projectTitle: 'Free clinic', points: 10 })).toBe(
      'The project “Free clinic” you served in was rated five stars: the community gives you 10 bonus points',
    )
    setLocale('zh-CN')
  })
})

describe('evaluation messages', () => {
  const ROOTS = [
    'web/src/features/evaluation',
    'web/src/features/market',
    'web/src/features/needs',
    'web/src/features/lists',
  ]
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : /\.(vue|ts)$/.test(e.name) ? [join(dir, e.name)] : [],
    )
  const keys = new Set<string>()
  for (const root of ROOTS) {
    for (const file of files(join(process.cwd(), '..', root))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'(evaluation\.[A-Za-z]+(?:\.[A-Za-z_]+)+)'/g))
        keys.add(m[1]!)
    }
  }
  // A record read with `tm` (its keys have dots): each action's words are checked above.
  keys.delete('evaluation.chain.actions')
  for (const k of ['needs', 'claims', 'activities', 'reports', 'ratings']) keys.add(`evaluation.chain.links.${k}`)
  for (const k of ['reviews', 'ratings']) keys.add(`evaluation.nav.${k}`)
  for (const n of [1, 2, 3, 4, 5]) keys.add(`evaluation.rating.scoreWords.${n}`)
  const lookup = (messages: unknown, key: string): unknown =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages)

  it('finds the keys it checks', () => {
    expect(keys.size).toBeGreaterThan(80)
  })
  for (const [locale, messages] of Object.entries({ 'zh-CN': zhCN, en })) {
    it(`${locale} has every key the pages use`, () => {
      expect([...keys].filter((k) => typeof lookup(messages, k) !== 'string')).toEqual([])
    })
  }
})

describe('我的评单', () => {
  const NEED: RatableNeed = {
    communityId: 'c1',
    needId: '0190a5b2-0000-7000-8000-000000000001',
    needTitle: '想测血压血糖',
    projectId: 'p1',
    projectTitle: '社区义诊进小区',
    forName: '王秀英',
    completedAt: '2026-11-23T01:00:00.000Z',
    closesAt: '2026-12-07T01:00:00.000Z',
  }
  let sent: Record<string, unknown>[]
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })

  beforeEach(() => {
    localStorage.clear()
    setLocale('zh-CN')
    sent = []
    setApi(
      createApi({
        url: 'http://linli.test/graphql',
        wsUrl: null,
        fetch: async (_input, init) => {
          const body = JSON.parse(String(init?.body)) as { operationName: string; variables: Record<string, unknown> }
          if (body.operationName === 'RatableNeeds') return json({ data: { ratableNeeds: [NEED] } })
          if (body.operationName === 'RateProject') {
            sent.push(body.variables)
            const input = body.variables.input as { score: number; comment: string }
            return json({
              data: {
                rateProject: {
                  id: 'r1',
                  communityId: 'c1',
                  projectId: 'p1',
                  projectTitle: NEED.projectTitle,
                  needId: NEED.needId,
                  needTitle: NEED.needTitle,
                  raterName: '王秀英',
                  recordedForResident: false,
                  score: input.score,
                  comment: input.comment,
                  reviewState: 'pending_review',
                  hiddenReason: null,
                  createdAt: '2026-11-24T01:00:00.000Z',
                },
              },
            })
          }
          return json({ data: null })
        },
      }),
    )
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the need with its project, whom it served and until when; asks for stars first; then shows it rated', async () => {
    const pinia = createTestingPinia({ stubActions: false, createSpy: vi.fn })
    const page = mount(MobileRatingsPage, { attachTo: document.body, global: { plugins: [i18n, pinia] } })
    await flushPromises()
    const card = page.get('[data-testid="ratable-need"]')
    expect(card.text()).toContain('想测血压血糖')
    expect(card.text()).toContain('服务项目：社区义诊进小区')
    expect(card.text()).toContain('服务对象：王秀英')
    expect(card.get('[data-testid="ratable-need-closes"]').text()).toContain('2026/12/07 前可评价')

    // No stars yet: the check stops it.
    await card.get('[data-testid="ratable-need-submit"]').trigger('click')
    await flushPromises()
    expect(card.text()).toContain('请选择1至5颗星')
    expect(sent).toHaveLength(0)

    // Every star is named, and the fifth picks 5 (非常满意).
    const stars = card.findAll('.van-rate__item')
    expect(stars.map((s) => s.attributes('aria-label'))).toEqual([
      '1 星 · 很不满意',
      '2 星 · 不满意',
      '3 星 · 一般',
      '4 星 · 满意',
      '5 星 · 非常满意',
    ])
    await stars[4]!.trigger('click')
    expect(card.get('[data-testid="ratable-need-word"]').text()).toBe('非常满意')
    await card.get('[data-testid="ratable-need-comment"] textarea').setValue('  医生很耐心，量得很仔细  ')
    await card.get('[data-testid="ratable-need-submit"]').trigger('click')
    await flushPromises()
    expect(sent).toEqual([
      {
        communityId: 'c1',
        projectId: 'p1',
        input: { needId: NEED.needId, score: 5, comment: '医生很耐心，量得很仔细' },
      },
    ])
    const done = page.get('[data-testid="ratable-need"]')
    expect(done.attributes('data-rated')).toBe('true')
    expect(done.get('[data-testid="ratable-need-rated"]').text()).toContain('已评价，经社区审核后公开')
    expect(done.find('[data-testid="ratable-need-submit"]').exists()).toBe(false)
    page.unmount()
  })
})
