/**
 * The staff's hours console and the unit admin's 成员服务 without a server: times typed as in
 * China whatever the browser's zone, the back-fill dialog's cap and checks (and the server's
 * refusal in words), a record's flags, when the check-in code is fetched again, the rates, who
 * is offered which page, and that every `hoursConsole.*` key the pages use has words in both locales.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTestingPinia } from '@pinia/testing'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import BackFillDialog from '../../web/src/features/hours-console/components/BackFillDialog.vue'
import { canOpenHoursPage, hoursPagesFor, managesHours } from '../../web/src/features/hours-console/access.ts'
import {
  backFillCap,
  backFillProblems,
  chinaDayStart,
  codeRefreshDelay,
  correctionProblems,
  fromChinaInput,
  hourFlags,
  REFUSAL_REASONS,
  refusalReason,
  toChinaInput,
  windowText,
} from '../../web/src/features/hours-console/format.ts'
import type { Activity } from '../../web/src/features/hours-console/operations.ts'
import { unitServicePagesFor } from '../../web/src/features/unit-service/access.ts'
import { hoursText, percentText, targetProgress, yearsUpTo } from '../../web/src/features/unit-service/format.ts'
import { createApi, setApi } from '../../web/src/graphql/client.ts'
import { ApiError } from '../../web/src/graphql/errors.ts'
import en from '../../web/src/i18n/en.ts'
import { i18n, setLocale } from '../../web/src/i18n/index.ts'
import zhCN from '../../web/src/i18n/zh-CN.ts'

// The app imports each Element Plus component with its stylesheet, which Node cannot load: the
// tests take the same components from Element Plus's entry, without styles.
vi.mock('../../web/src/ui/element.ts', () => import('../../web/node_modules/element-plus/es/index'))

describe('times typed as in China', () => {
  it('reads and writes the wall clock of Asia/Shanghai, not the browser’s zone', () => {
    expect(toChinaInput('2026-11-23T01:00:00.000Z')).toBe('2026-11-23 09:00')
    expect(toChinaInput('2026-11-22T16:30:00.000Z')).toBe('2026-11-23 00:30')
    expect(fromChinaInput('2026-11-23 09:00')).toBe('2026-11-23T01:00:00.000Z')
    expect(fromChinaInput('2026-11-23 00:30')).toBe('2026-11-22T16:30:00.000Z')
    expect(chinaDayStart('2026-11-23')).toBe('2026-11-22T16:00:00.000Z')
  })

  it('refuses what is not a time', () => {
    expect(fromChinaInput('2026-02-30 10:00')).toBeNull()
    expect(fromChinaInput('2026-11-23 24:00')).toBeNull()
    expect(fromChinaInput('2026-11-23')).toBeNull()
    expect(fromChinaInput('')).toBeNull()
    expect(toChinaInput(null)).toBe('')
    expect(chinaDayStart('')).toBeNull()
  })

  it('names an activity’s window with one date when it starts and ends on one day', () => {
    setLocale('zh-CN')
    expect(windowText('2026-11-23T02:00:00Z', '2026-11-23T04:00:00Z')).toBe('2026/11/23 10:00–12:00')
    expect(windowText('2026-11-23T14:00:00Z', '2026-11-23T17:00:00Z')).toBe('2026/11/23 22:00–2026/11/24 01:00')
  })
})

describe('back-fill checks', () => {
  const activity = { startsAt: '2026-11-23T02:00:00Z', endsAt: '2026-11-23T04:30:00Z' }
  const form = { activityId: 'a1', volunteerId: 'v1', minutes: 120, reason: '纸质签到表为证' }

  it('caps at the activity’s length', () => {
    expect(backFillCap(activity)).toBe(150)
    expect(backFillProblems(form, 150)).toEqual({})
    expect(backFillProblems({ ...form, minutes: 150 }, 150)).toEqual({})
    expect(backFillProblems({ ...form, minutes: 151 }, 150)).toEqual({ minutes: 'BACK_FILL_EXCEEDS_ACTIVITY' })
  })

  it('asks for a volunteer, whole minutes and a reason', () => {
    expect(backFillProblems({ ...form, volunteerId: '', minutes: 0, reason: ' ' }, 150)).toEqual({
      volunteerId: 'required',
      minutes: 'MINUTES_INVALID',
      reason: 'REASON_REQUIRED',
    })
    expect(backFillProblems({ ...form, minutes: null }, 150)).toEqual({ minutes: 'MINUTES_INVALID' })
    expect(backFillProblems({ ...form, minutes: 12.5 }, 150)).toEqual({ minutes: 'MINUTES_INVALID' })
    expect(backFillProblems({ ...form, reason: '字'.repeat(201) }, 150)).toEqual({ reason: 'REASON_TOO_LONG' })
  })

  it('lets a correction void the hours (0 minutes) but asks why', () => {
    expect(correctionProblems({ minutes: 0, reason: '没有到场' })).toEqual({})
    expect(correctionProblems({ minutes: -5, reason: '' })).toEqual({
      minutes: 'MINUTES_INVALID',
      reason: 'REASON_REQUIRED',
    })
  })
})

describe('hourFlags', () => {
  it('names what staff look at, in one order', () => {
    const plain = { source: 'check_in', autoClosed: false, capped: false, belowThreshold: false } as const
    expect(hourFlags(plain)).toEqual([])
    expect(hourFlags({ ...plain, source: 'back_fill', capped: true })).toEqual(['backFill', 'capped'])
    expect(hourFlags({ ...plain, autoClosed: true, belowThreshold: true })).toEqual(['autoClosed', 'belowThreshold'])
    expect(hourFlags({ ...plain, source: 'correction' })).toEqual(['correction'])
    for (const messages of [zhCN, en]) {
      for (const flag of ['backFill', 'correction', 'autoClosed', 'capped', 'belowThreshold'] as const) {
        expect(messages.hoursConsole.flags[flag]).toMatch(/\S/)
      }
    }
    expect(zhCN.hoursConsole.flags).toMatchObject({
      backFill: '补录',
      autoClosed: '自动签退',
      capped: '已封顶',
      belowThreshold: '未达有效时长',
    })
  })
})

describe('codeRefreshDelay', () => {
  it('waits until the code expires by the server’s clock, within bounds', () => {
    const server = '2026-11-23T01:00:10.000Z'
    expect(codeRefreshDelay({ expiresAt: '2026-11-23T01:01:00.000Z' }, server)).toBe(50_500)
    expect(codeRefreshDelay({ expiresAt: '2026-11-23T01:00:00.000Z' }, server)).toBe(1_000)
    expect(codeRefreshDelay({ expiresAt: '2026-11-23T02:00:00.000Z' }, server)).toBe(120_000)
    expect(codeRefreshDelay({ expiresAt: 'soon' }, server)).toBe(30_000)
  })
})

describe('refusalReason', () => {
  it('reads the reason the server gave beside INVALID_TRANSITION', () => {
    // As the client builds it: the result's CombinedError is the cause.
    const refused = new ApiError('INVALID_TRANSITION', {
      cause: {
        graphQLErrors: [{ message: 'no', extensions: { code: 'INVALID_TRANSITION', reason: 'STILL_CHECKED_IN' } }],
      },
    })
    expect(refusalReason(refused)).toBe('STILL_CHECKED_IN')
    expect(refusalReason(new ApiError('INVALID_TRANSITION'))).toBeNull()
    const unknown = new ApiError('INVALID_TRANSITION', {
      cause: { graphQLErrors: [{ extensions: { reason: 'NEW' } }] },
    })
    expect(refusalReason(unknown)).toBeNull()
    expect(refusalReason(new Error('x'))).toBeNull()
  })

  it('words every reason it knows in both languages', () => {
    for (const messages of [zhCN, en]) {
      for (const reason of REFUSAL_REASONS) expect(messages.hoursConsole.refusals[reason], reason).toMatch(/\S/)
    }
  })
})

describe('成员服务 numbers', () => {
  it('shows rates as percentages with at most one decimal, and — without a divisor', () => {
    expect(percentText(2 / 3, 'zh-CN')).toBe('66.7%')
    expect(percentText(1, 'zh-CN')).toBe('100%')
    expect(percentText(0, 'en')).toBe('0%')
    expect(percentText(0.5, 'en')).toBe('50%')
    expect(percentText(null, 'zh-CN')).toBe('—')
  })

  it('measures progress against the yearly target, capped at 100', () => {
    expect(targetProgress(0, 50)).toBe(0)
    expect(targetProgress(25 * 60, 50)).toBe(50)
    expect(targetProgress(49 * 60 + 59, 50)).toBe(99)
    expect(targetProgress(80 * 60, 50)).toBe(100)
    expect(targetProgress(10, 0)).toBe(100)
    expect(hoursText(12 * 60 + 30, 'zh-CN')).toBe('12.5')
    expect(hoursText(49 * 60 + 59, 'en')).toBe('49.9')
    expect(yearsUpTo(2026, 3)).toEqual([2026, 2025, 2024])
  })
})

describe('who is offered the pages', () => {
  it('gives community staff 活动管理, 时长审核 and 双报到; the admins above read activities and hours', () => {
    expect(hoursPagesFor('community_staff').map((p) => p.path)).toEqual([
      '/console/activities',
      '/console/hours',
      '/console/dual-reports',
    ])
    expect(hoursPagesFor('street_admin').map((p) => p.page)).toEqual(['activities', 'hours'])
    expect(hoursPagesFor('district_admin').map((p) => p.page)).toEqual(['activities', 'hours'])
    expect(canOpenHoursPage('dualReports', 'street_admin')).toBe(false)
    expect(managesHours('street_admin')).toBe(false)
    expect(managesHours('community_staff')).toBe(true)
    for (const role of ['resident', 'volunteer', 'grid_worker', 'unit_admin'] as const) {
      expect(hoursPagesFor(role)).toEqual([])
    }
  })

  it('gives unit admins 成员服务', () => {
    expect(unitServicePagesFor('unit_admin')).toEqual([{ page: 'service', path: '/console/unit/service' }])
    expect(unitServicePagesFor('community_staff')).toEqual([])
  })
})

describe('hours console messages', () => {
  const ROOTS = ['hours-console', 'unit-service'].map((f) => join(process.cwd(), '..', 'web/src/features', f))
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : /\.(vue|ts)$/.test(e.name) ? [join(dir, e.name)] : [],
    )
  const keys = new Set<string>()
  for (const file of ROOTS.flatMap(files)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'(hoursConsole\.[A-Za-z]+(?:\.[A-Za-z_]+)+)'/g))
      keys.add(m[1]!)
  }
  const lookup = (messages: unknown, key: string): unknown =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages)

  it('finds the keys it checks', () => {
    expect(keys.size).toBeGreaterThan(150)
  })
  for (const [locale, messages] of Object.entries({ 'zh-CN': zhCN, en })) {
    it(`${locale} has every key the pages use`, () => {
      expect([...keys].filter((k) => typeof lookup(messages, k) !== 'string')).toEqual([])
    })
  }
})

describe('BackFillDialog', () => {
  const ACTIVITY: Activity = {
    id: 'a1',
    communityId: 'c1',
    projectId: 'p1',
    projectTitle: '社区义诊进小区',
    title: '阳光花园量血压',
    place: '3栋楼下',
    startsAt: '2026-11-23T02:00:00.000Z',
    endsAt: '2026-11-23T04:00:00.000Z',
    slots: 3,
    confirmed: 1,
    waitlisted: 0,
    requiredSkills: [],
    leaderId: null,
    leaderName: null,
    signUpDeadline: '2026-11-23T02:00:00.000Z',
    restrictedToUnitIds: null,
    seriesId: null,
    state: 'scheduled',
    cancelReason: null,
    unitId: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
  }
  const PEOPLE = [{ id: 'v1', realName: '李志强', phone: '139****0002' }]
  let sent: Record<string, unknown>[]
  let answer: () => unknown

  beforeEach(() => {
    localStorage.clear()
    setLocale('zh-CN')
    sent = []
    setApi(
      createApi({
        url: 'http://linli.test/graphql',
        wsUrl: null,
        fetch: async (_input, init) => {
          const body = JSON.parse(String(init?.body)) as { operationName?: string; variables?: Record<string, unknown> }
          if (body.operationName === 'HoursConsoleBackFillHours') sent.push(body.variables ?? {})
          return new Response(JSON.stringify(answer()), { headers: { 'content-type': 'application/json' } })
        },
      }),
    )
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  async function openDialog() {
    const wrapper = mount(BackFillDialog, {
      props: { modelValue: false, activity: ACTIVITY, people: PEOPLE, volunteerId: 'v1' },
      attachTo: document.body,
      global: {
        plugins: [i18n, createTestingPinia({ stubActions: false, createSpy: vi.fn })],
        stubs: { transition: false, 'transition-group': false },
      },
    })
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    const dialog = () => document.querySelector<HTMLElement>('[data-testid="back-fill-dialog"]')!
    const minutes = () => dialog().querySelector<HTMLInputElement>('[data-testid="back-fill-minutes"] input')!
    const reason = () =>
      dialog().querySelector<HTMLTextAreaElement>(
        'textarea[data-testid="back-fill-reason"], [data-testid="back-fill-reason"] textarea',
      )!
    const submit = async () => {
      dialog().querySelector<HTMLButtonElement>('[data-testid="back-fill-submit"]')!.click()
      await flushPromises()
    }
    const type = async (el: HTMLInputElement | HTMLTextAreaElement, value: string) => {
      el.value = value
      el.dispatchEvent(new Event('input'))
      el.dispatchEvent(new Event('change'))
      await flushPromises()
    }
    const errors = () => [...dialog().querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim())
    return { wrapper, dialog, minutes, reason, submit, type, errors }
  }

  it('shows the cap, refuses more than the activity’s length without asking the server, and asks for a reason', async () => {
    answer = () => ({ data: null })
    const d = await openDialog()
    expect(d.dialog().querySelector('[data-testid="back-fill-cap"]')!.textContent).toContain('最多 2 小时')
    expect(d.minutes().value).toBe('120')
    await d.type(d.minutes(), '150')
    await d.submit()
    // Element Plus shows a form item's error after a short debounce.
    await vi.waitFor(() =>
      expect(d.errors()).toEqual([zhCN.errors.BACK_FILL_EXCEEDS_ACTIVITY, zhCN.fields.REASON_REQUIRED]),
    )
    expect(sent).toEqual([])
    d.wrapper.unmount()
  })

  it('sends a back-fill within the cap and shows the server’s refusal in its words', async () => {
    answer = () => ({
      data: null,
      errors: [{ message: 'More than the activity’s length', extensions: { code: 'BACK_FILL_EXCEEDS_ACTIVITY' } }],
    })
    const d = await openDialog()
    await d.type(d.minutes(), '90')
    await d.type(d.reason(), '老人没有智能手机，纸质签到表为证')
    await d.submit()
    expect(sent).toEqual([
      {
        communityId: 'c1',
        input: { activityId: 'a1', volunteerId: 'v1', minutes: 90, reason: '老人没有智能手机，纸质签到表为证' },
      },
    ])
    await vi.waitFor(() => expect(d.errors()).toEqual([zhCN.errors.BACK_FILL_EXCEEDS_ACTIVITY]))
    expect(d.wrapper.emitted('saved')).toBeUndefined()
    d.wrapper.unmount()
  })
})
