/**
 * Accounts and privacy in the web, without a server: registration of a minor (the guardian
 * fields appear for a birth date under 14 on the Asia/Shanghai calendar, and are required),
 * 我的住址 chosen from the community directory, 我的数据 in readable sections from a sample
 * document, its export name, and who gets 居民核验.
 */
import { shanghaiDateOf } from '@linli/shared'
import { createTestingPinia } from '@pinia/testing'
import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { canOpenResidentDesk } from '../../web/src/features/account/access.ts'
import MyDataSections from '../../web/src/features/account/components/MyDataSections.vue'
import MobileResidencePage from '../../web/src/features/account/pages/MobileResidencePage.vue'
import { exportFileName, myDataSections } from '../../web/src/features/account/myData.ts'
import RegisterForm from '../../web/src/features/auth/components/RegisterForm.vue'
import {
  guardianNeeded,
  missingGuardianFields,
  registrationInput,
  type RegisterForm as Form,
} from '../../web/src/features/auth/registration.ts'
import { createApi, setApi } from '../../web/src/graphql/client.ts'
import { i18n, setLocale } from '../../web/src/i18n/index.ts'

// The app imports each Vant component with its stylesheet, which Node cannot load: the tests
// take the same components from Vant's entry, without styles.
vi.mock('../../web/src/ui/vant.ts', () => import('../../web/node_modules/vant/es/index'))

/** The date `years` years before today in China, `YYYY-MM-DD`. */
function yearsAgo(years: number, days = 0): string {
  const today = shanghaiDateOf(new Date())
  const date = new Date(`${Number(today.slice(0, 4)) - years}${today.slice(4)}T12:00:00+08:00`)
  date.setUTCDate(date.getUTCDate() + days)
  return shanghaiDateOf(date)
}

const FORM: Form = {
  realName: '林小雨',
  phone: '13912345678',
  password: 'Neighbour2026',
  smsCode: '123456',
  birthDate: '',
  guardianName: '',
  guardianPhone: '',
  guardianConsent: false,
}

describe('guardianNeeded', () => {
  it('asks for a guardian under 14, by the calendar day in Asia/Shanghai', () => {
    // 16:30 UTC on 17 June is already 18 June in China: a person born 2012-06-18 turns 14 then.
    expect(guardianNeeded('2012-06-18', new Date('2026-06-17T16:30:00Z'))).toBe(false)
    expect(guardianNeeded('2012-06-18', new Date('2026-06-17T15:59:00Z'))).toBe(true)
    expect(guardianNeeded('1950-01-01')).toBe(false)
    expect(guardianNeeded(yearsAgo(10))).toBe(true)
  })

  it('ignores an empty or half-typed date', () => {
    expect(guardianNeeded('')).toBe(false)
    expect(guardianNeeded('2020-02-30')).toBe(false)
    expect(guardianNeeded('2020-1')).toBe(false)
  })

  it('requires the guardian fields only of a minor, and sends them only then', () => {
    const minor = { ...FORM, birthDate: yearsAgo(9) }
    expect(missingGuardianFields(minor)).toEqual({
      guardianName: 'GUARDIAN_REQUIRED',
      guardianPhone: 'GUARDIAN_REQUIRED',
    })
    expect(missingGuardianFields({ ...FORM, birthDate: yearsAgo(40) })).toEqual({})

    const adult = registrationInput({ ...FORM, birthDate: yearsAgo(40), guardianName: '林海' }, '2026-01-01')
    expect(adult).not.toHaveProperty('guardianName')
    expect(adult.birthDate).toBe(yearsAgo(40))
    expect(registrationInput(FORM, '2026-01-01')).not.toHaveProperty('birthDate')
    const child = registrationInput(
      { ...minor, guardianName: '林海', guardianPhone: '13912340000', guardianConsent: true },
      '2026-01-01',
    )
    expect(child).toMatchObject({ guardianName: '林海', guardianPhone: '13912340000', guardianConsent: true })
  })
})

describe('RegisterForm', () => {
  let operations: string[]

  beforeEach(() => {
    localStorage.clear()
    setLocale('zh-CN')
    operations = []
    setApi(
      createApi({
        url: 'http://linli.test/graphql',
        fetch: async (_input, init) => {
          const body = JSON.parse(String(init?.body)) as { operationName?: string }
          operations.push(body.operationName ?? '?')
          const data = body.operationName === 'PrivacyNotice' ? { privacyNotice: { version: '2026-01-01' } } : null
          return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } })
        },
      }),
    )
  })

  function mountForm() {
    return mount(RegisterForm, {
      global: { plugins: [i18n, createTestingPinia({ stubActions: false, createSpy: vi.fn })] },
    })
  }

  it('shows the guardian fields for a birth date under 14, and hides them again for an adult', async () => {
    const form = mountForm()
    await flushPromises()
    expect(form.find('[data-testid="register-guardian"]').exists()).toBe(false)

    await form.get('[data-testid="register-birth-date"]').setValue(yearsAgo(10))
    const guardian = form.get('[data-testid="register-guardian"]')
    expect(guardian.text()).toContain('未满14周岁')
    expect(guardian.find('[data-testid="register-guardian-name"]').exists()).toBe(true)
    expect(guardian.find('[data-testid="register-guardian-phone"]').exists()).toBe(true)
    expect(guardian.find('[data-testid="register-guardian-consent"]').text()).toContain('我是监护人')

    // Turning 14 today: no guardian needed.
    await form.get('[data-testid="register-birth-date"]').setValue(yearsAgo(14))
    expect(form.find('[data-testid="register-guardian"]').exists()).toBe(false)
    await form.get('[data-testid="register-birth-date"]').setValue(yearsAgo(14, 1))
    expect(form.find('[data-testid="register-guardian"]').exists()).toBe(true)
  })

  it('asks for the guardian name and phone, then the guardian’s consent, before sending anything', async () => {
    const form = mountForm()
    await flushPromises()
    await form.get('[data-testid="register-birth-date"]').setValue(yearsAgo(8))
    for (const [label, value] of [
      ['姓名', '林小雨'],
      ['手机号', '13912345678'],
      ['验证码', '123456'],
      ['密码', 'Neighbour2026'],
    ] as const) {
      const field = form.findAll('.van-field').find((f) => f.find('.van-field__label').text() === label)
      await field!.get('input').setValue(value)
    }
    await form.get('[data-testid="register-consent"]').trigger('click')
    await form.get('form').trigger('submit')
    expect(form.get('[data-testid="register-guardian"]').text()).toContain('请填写监护人姓名和手机号')

    await form.get('[data-testid="register-guardian-name"] input').setValue('林海')
    await form.get('[data-testid="register-guardian-phone"] input').setValue('13912340000')
    await form.get('form').trigger('submit')
    expect(form.text()).toContain('请由监护人勾选同意')
    expect(operations).toEqual(['PrivacyNotice'])
  })
})

const SAMPLE = {
  exportedAt: '2026-06-18T02:00:00.000Z',
  profile: {
    id: 'u1',
    realName: '王秀英',
    phone: '13900000001',
    status: 'active',
    phoneVerifiedAt: '2026-01-05T01:00:00.000Z',
    privacyNoticeVersion: '2026-01-01',
    privacyConsentedAt: '2026-01-05T01:00:00.000Z',
    idType: 'resident_id',
    idNumberMasked: '350102********0319',
    birthDate: '1950-03-08',
    realNameVerifiedAt: '2026-02-01T02:30:00.000Z',
    guardian: null,
    hasSmartphone: true,
    createdAt: '2026-01-05T01:00:00.000Z',
  },
  roleGrants: [
    {
      id: 'g1',
      role: 'resident',
      scopeType: 'self',
      scopeId: null,
      scopeName: null,
      createdAt: '2026-01-05T01:00:00.000Z',
      revokedAt: null,
    },
  ],
  residences: [
    {
      communityId: 'c1',
      communityName: '阳光社区',
      gridId: 'g1',
      gridName: '第一网格（阳光花园）',
      address: '阳光花园1栋302室',
      createdAt: '2026-01-05T01:00:00.000Z',
      updatedAt: '2026-01-05T01:00:00.000Z',
    },
  ],
  consents: [{ kind: 'privacy_notice', version: '2026-01-01', givenAt: '2026-01-05T01:00:00.000Z', withdrawnAt: null }],
  unitMemberships: [
    {
      unitId: 'un1',
      unitName: '鼓楼区人民医院',
      status: 'active',
      isPartyMember: true,
      joinedAt: '2026-03-01T01:00:00.000Z',
      createdAt: '2026-03-01T01:00:00.000Z',
    },
  ],
  teamMemberships: [],
  sessions: [
    { createdAt: '2026-01-05T01:00:00.000Z', revokedAt: '2026-01-05T03:00:00.000Z' },
    { createdAt: '2026-06-18T01:00:00.000Z', revokedAt: null },
  ],
  auditEvents: [
    {
      at: '2026-02-01T02:30:00.000Z',
      action: 'person.verify_real_name',
      actorId: 'staff-1',
      targetType: 'user',
      targetId: 'u1',
      communityId: 'c1',
      before: null,
      after: { idType: 'resident_id', idNumberMasked: '350102********0319' },
      reason: null,
    },
  ],
}

describe('MyDataSections', () => {
  beforeEach(() => setLocale('zh-CN'))

  it('renders every section of a sample document in words, times as in China', () => {
    const view = mount(MyDataSections, { props: { doc: SAMPLE }, global: { plugins: [i18n] } })
    const section = (key: string) => view.get(`[data-testid="my-data-${key}"]`)
    const cell = (key: string, field: string) =>
      view.findAll(`[data-testid="my-data-${key}-${field}"]`).map((c) => c.text())

    expect(section('profile').find('h3').text()).toBe('个人资料')
    expect(cell('profile', 'realName')).toEqual(['王秀英'])
    expect(cell('profile', 'phone')).toEqual(['13900000001'])
    expect(cell('profile', 'status')).toEqual(['正常'])
    expect(cell('profile', 'idType')).toEqual(['居民身份证'])
    expect(cell('profile', 'idNumberMasked')).toEqual(['350102********0319'])
    expect(cell('profile', 'realNameVerifiedAt')).toEqual(['2026/02/01 10:30'])
    expect(cell('profile', 'guardianName')).toEqual(['—'])

    expect(section('roles').text()).toContain('我的身份')
    expect(cell('roles', 'role')).toEqual(['居民'])
    expect(cell('residences', 'communityName')).toEqual(['阳光社区'])
    expect(cell('residences', 'address')).toEqual(['阳光花园1栋302室'])
    expect(cell('consents', 'kind')).toEqual(['隐私政策'])
    expect(cell('units', 'unitName')).toEqual(['鼓楼区人民医院'])
    expect(cell('units', 'status')).toEqual(['在册'])
    expect(cell('units', 'isPartyMember')).toEqual(['是'])
    expect(section('teams').text()).toContain('暂无')
    // Sign-ins and records: newest first.
    expect(cell('sessions', 'createdAt')).toEqual(['2026/06/18 09:00', '2026/01/05 09:00'])
    expect(cell('sessions', 'revokedAt')).toEqual(['—', '2026/01/05 11:00'])
    expect(cell('records', 'action')).toEqual(['实名核验'])
    expect(cell('records', 'actor')).toEqual(['工作人员'])

    const titles = view.findAll('h3').map((h) => h.find('span').text())
    expect(titles).toEqual(['个人资料', '我的身份', '住址', '同意记录', '所在单位', '服务队', '登录记录', '操作记录'])
  })

  it('speaks English too', () => {
    setLocale('en')
    const view = mount(MyDataSections, { props: { doc: SAMPLE }, global: { plugins: [i18n] } })
    expect(view.get('[data-testid="my-data-profile"] h3').text()).toBe('Profile')
    expect(view.get('[data-testid="my-data-roles-role"]').text()).toBe('Resident')
    expect(view.get('[data-testid="my-data-records-action"]').text()).toBe('Real name verified')
  })

  it('makes empty sections of a document that lacks them', () => {
    const sections = myDataSections({})
    expect(sections.map((s) => s.key)).toEqual([
      'profile',
      'roles',
      'residences',
      'consents',
      'units',
      'teams',
      'sessions',
      'records',
    ])
    expect(sections.every((s) => s.entries.length === 0)).toBe(true)
  })
})

describe('exportFileName', () => {
  it('is linli-my-data-<date>.json, the date in China', () => {
    expect(exportFileName(new Date('2026-06-17T16:30:00Z'))).toBe('linli-my-data-2026-06-18.json')
  })
})

describe('access', () => {
  it('offers 居民核验 to community staff only', () => {
    expect(canOpenResidentDesk('community_staff')).toBe(true)
    for (const role of [
      'resident',
      'volunteer',
      'unit_admin',
      'grid_worker',
      'street_admin',
      'district_admin',
    ] as const)
      expect(canOpenResidentDesk(role)).toBe(false)
    expect(canOpenResidentDesk(null)).toBe(false)
  })
})

describe('MobileResidencePage', () => {
  const grid = (id: string, name: string, parentId: string) => ({ id, kind: 'grid', name, parentId })
  /** Two communities of one name, told apart by street and district. */
  const DIRECTORY = [
    {
      id: 'c1',
      name: '阳光社区',
      streetName: '东街街道',
      districtName: '鼓楼区',
      grids: [grid('g1', '第一网格（阳光花园）', 'c1'), grid('g2', '第二网格', 'c1')],
    },
    { id: 'c2', name: '阳光社区', streetName: '南街街道', districtName: '台江区', grids: [] },
  ]
  let calls: { operationName: string; variables: Record<string, unknown> }[]

  beforeEach(() => {
    localStorage.clear()
    setLocale('zh-CN')
    calls = []
    setApi(
      createApi({
        url: 'http://linli.test/graphql',
        fetch: async (_input, init) => {
          const body = JSON.parse(String(init?.body)) as { operationName: string; variables: Record<string, unknown> }
          calls.push(body)
          const data: Record<string, unknown> = {
            MyResidence: { myResidence: null },
            CommunityDirectory: { communityDirectory: body.variables.search === '月亮' ? [] : DIRECTORY },
            SetMyResidence: {
              setMyResidence: {
                communityId: 'c1',
                communityName: '阳光社区',
                gridId: 'g1',
                gridName: '第一网格（阳光花园）',
                address: '阳光花园3栋101室',
              },
            },
          }
          return new Response(JSON.stringify({ data: data[body.operationName] ?? null }), {
            headers: { 'content-type': 'application/json' },
          })
        },
      }),
    )
  })

  it('lets a person without a residence search the directory, pick a community and a grid, and save', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const page = mount(MobileResidencePage, { global: { plugins: [i18n] } })
      await flushPromises()
      expect(page.get('[data-testid="residence-current"]').text()).toContain('您还没有登记住址')
      expect(page.get('[data-testid="residence-hall-hint"]').text()).toContain('服务大厅')

      await page.get('[data-testid="residence-community"]').trigger('click')
      await flushPromises()
      const options = page.findAll('[data-testid="residence-option"]')
      expect(options.map((o) => o.text())).toEqual([
        expect.stringContaining('东街街道 · 鼓楼区'),
        expect.stringContaining('南街街道 · 台江区'),
      ])

      // Typing searches after a pause; nothing found says so.
      await page.get('[data-testid="residence-search"] input').setValue('月亮')
      vi.advanceTimersByTime(300)
      await flushPromises()
      expect(calls.at(-1)).toMatchObject({ operationName: 'CommunityDirectory', variables: { search: '月亮' } })
      expect(page.get('[data-testid="residence-no-match"]').text()).toContain('月亮')

      await page.get('[data-testid="residence-search"] input').setValue('阳光')
      vi.advanceTimersByTime(300)
      await flushPromises()
      await page.findAll('[data-testid="residence-option"]')[0]!.trigger('click')
      await flushPromises()
      expect(page.get('[data-testid="residence-community"]').text()).toContain('东街街道 · 鼓楼区')

      // Choosing a community with grids offers them next.
      const gridOptions = page.findAll('.van-action-sheet__item')
      expect(gridOptions.map((o) => o.text())).toEqual(['不选网格', '第一网格（阳光花园）', '第二网格'])
      await gridOptions[1]!.trigger('click')
      await flushPromises()
      expect(page.get('[data-testid="residence-grid-name"]').text()).toBe('第一网格（阳光花园）')

      await page.get('[data-testid="residence-address"] textarea').setValue('阳光花园3栋101室')
      await page.get('form.page__form').trigger('submit')
      await flushPromises()
      expect(calls.at(-1)).toMatchObject({
        operationName: 'SetMyResidence',
        variables: { communityId: 'c1', gridId: 'g1', address: '阳光花园3栋101室' },
      })
      expect(page.get('[data-testid="residence-current"]').text()).toContain('阳光花园3栋101室')
    } finally {
      vi.useRealTimers()
    }
  })

  it('asks for a community before saving', async () => {
    const page = mount(MobileResidencePage, { global: { plugins: [i18n] } })
    await flushPromises()
    await page.get('form.page__form').trigger('submit')
    expect(page.get('[data-testid="residence-community"]').text()).toContain('请选择社区')
    expect(calls.map((c) => c.operationName)).toEqual(['MyResidence'])
  })
})
