/**
 * 导出 Excel and 志愿者名册 without a server. ExportButton: a list without phones downloads at once
 * with the filters on screen (empty ones dropped) and the bearer token, saved under the server's
 * name; a list with phones asks first — masked by default, whole only with a reason of at least
 * two characters, which the URL then carries; a refusal shows in the dialog. The 志愿者名册 page on
 * mocked GraphQL answers: its columns and rows, the search sent as a variable (and carried by the
 * export), pages by offset with the total, the error state; who is offered it; its words.
 */
import { createTestingPinia } from '@pinia/testing'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import ExportButton from '../../web/src/components/console/ExportButton.vue'
import {
  canOpenCommunityVolunteersPage,
  communityVolunteersPagesFor,
} from '../../web/src/features/community-volunteers/access.ts'
import { hoursOf, type CommunityVolunteer } from '../../web/src/features/community-volunteers/operations.ts'
import CommunityVolunteersPage from '../../web/src/features/community-volunteers/pages/CommunityVolunteersPage.vue'
import { createApi, setApi, type Api } from '../../web/src/graphql/client.ts'
import en from '../../web/src/i18n/en.ts'
import { i18n, setLocale } from '../../web/src/i18n/index.ts'
import zhCN from '../../web/src/i18n/zh-CN.ts'

// The app imports each Element Plus component with its stylesheet, which Node cannot load: the
// tests take the same components from Element Plus's entry, without styles.
vi.mock('../../web/src/ui/element.ts', () => import('../../web/node_modules/element-plus/es/index'))

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const sheet = (name: string) =>
  new Response(new Blob([new Uint8Array([0x50, 0x4b, 3, 4])], { type: XLSX }), {
    status: 200,
    headers: {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="x.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  })

/** The GraphQL answers of a test, by operation name. */
let graphql: Record<string, (variables: Record<string, unknown>) => Response>
let graphqlCalls: { operation: string; variables: Record<string, unknown> }[]
/** The export requests (plain GETs) and the files saved. */
let downloads: { url: string; auth: string | null }[]
let exportAnswer: () => Response
let saved: string[]

beforeEach(async () => {
  localStorage.clear()
  await setLocale('zh-CN')
  graphql = {}
  graphqlCalls = []
  downloads = []
  saved = []
  exportAnswer = () => sheet('阳光社区-志愿者名册.xlsx')
  const api: Api = createApi({
    url: 'http://linli.test/graphql',
    wsUrl: null,
    fetch: async (_input, init) => {
      const body = JSON.parse(String(init?.body)) as { operationName: string; variables: Record<string, unknown> }
      graphqlCalls.push({ operation: body.operationName, variables: body.variables })
      const answer = graphql[body.operationName]
      return answer ? answer(body.variables) : json({ data: null })
    },
  })
  api.tokens.save({
    accessToken: 'access-1',
    accessTokenExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    refreshToken: 'refresh-1',
  })
  setApi(api)
  // The export is fetched from this origin with the bearer; the file is saved through a link.
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    downloads.push({ url, auth: new Headers(init?.headers).get('authorization') })
    return exportAnswer()
  })
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:linli.test/1')
  vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined)
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download)
  })
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

/** 刘芳, 阳光社区's staff. */
const staffPinia = () =>
  createTestingPinia({
    stubActions: false,
    createSpy: vi.fn,
    initialState: {
      auth: {
        me: {
          user: { id: 'u5', realName: '刘芳', phone: '13900000005' },
          roles: [{ id: 'g1', role: 'community_staff', scopeType: 'community', scopeId: 'c1', scopeName: '阳光社区' }],
        },
      },
    },
  })

/** The query of a download, as a record. */
const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://linli.test').searchParams)
const pathOf = (url: string) => new URL(url, 'http://linli.test').pathname
const dialog = () => document.body.querySelector<HTMLElement>('.export-dialog')
const inDialog = <T extends HTMLElement = HTMLElement>(testId: string) =>
  document.body.querySelector<T>(`.export-dialog [data-testid="${testId}"]`)
async function click(el: Element | null | undefined) {
  expect(el, 'element to click').toBeTruthy()
  ;(el as HTMLElement).click()
  await flushPromises()
}

describe('ExportButton', () => {
  function mountButton(props: {
    path: string
    params: Record<string, string | null | undefined>
    contacts?: boolean
  }): VueWrapper {
    return mount(ExportButton, {
      attachTo: document.body,
      props: { fileName: '备用名.xlsx', ...props },
      global: { plugins: [i18n, staffPinia()], stubs: { transition: false, 'transition-group': false } },
    })
  }

  it('downloads a list without phones at once, with the filters on screen and the bearer token', async () => {
    exportAnswer = () => sheet('阳光社区-项目清单.xlsx')
    const button = mountButton({
      path: '/exports/projects.xlsx',
      params: { communityId: 'c1', states: 'published,claimed', category: '', search: null, gridId: undefined },
    })
    expect(button.get('[data-testid="export-xlsx"]').text()).toBe('导出 Excel')
    await button.get('[data-testid="export-xlsx"]').trigger('click')
    await flushPromises()
    expect(dialog()).toBeNull()
    expect(downloads).toHaveLength(1)
    expect(pathOf(downloads[0]!.url)).toBe('/exports/projects.xlsx')
    // Empty filters are dropped; no reason is sent.
    expect(queryOf(downloads[0]!.url)).toEqual({ communityId: 'c1', states: 'published,claimed' })
    expect(downloads[0]!.auth).toBe('Bearer access-1')
    expect(saved).toEqual(['阳光社区-项目清单.xlsx'])
    button.unmount()
  })

  it('saves under the fallback name when the server gives none', async () => {
    exportAnswer = () => new Response(new Blob(['x']), { status: 200 })
    const button = mountButton({ path: '/exports/claims.xlsx', params: { unitId: 'u1' } })
    await button.get('[data-testid="export-xlsx"]').trigger('click')
    await flushPromises()
    expect(saved).toEqual(['备用名.xlsx'])
    button.unmount()
  })

  it('asks first when the list has phones: masked by default', async () => {
    const button = mountButton({
      path: '/exports/needs.xlsx',
      params: { communityId: 'c1', states: 'submitted', search: '路灯' },
      contacts: true,
    })
    await button.get('[data-testid="export-xlsx"]').trigger('click')
    await flushPromises()
    expect(downloads).toHaveLength(0)
    expect(dialog()?.textContent).toContain('手机号默认打码')
    expect(inDialog<HTMLInputElement>('export-masked')?.querySelector('input')?.checked).toBe(true)
    expect(inDialog('export-reason')).toBeNull()
    await click(inDialog('export-confirm'))
    expect(downloads).toHaveLength(1)
    expect(queryOf(downloads[0]!.url)).toEqual({ communityId: 'c1', states: 'submitted', search: '路灯' })
    button.unmount()
  })

  it('sends whole phones only with a reason of at least two characters, carried in the URL', async () => {
    const button = mountButton({
      path: '/exports/volunteers.xlsx',
      params: { communityId: 'c1', search: '' },
      contacts: true,
    })
    await button.get('[data-testid="export-xlsx"]').trigger('click')
    await flushPromises()
    await click(inDialog('export-whole')?.querySelector('input'))
    const reason = inDialog<HTMLInputElement>('export-reason')
    expect(reason).toBeTruthy()

    // No reason, then one character: refused here, nothing sent.
    await click(inDialog('export-confirm'))
    // (Element Plus shows a form item's error after a short debounce.)
    await vi.waitFor(() => expect(dialog()?.textContent).toContain('请写明用途（至少 2 个字）'))
    expect(downloads).toHaveLength(0)
    reason!.value = '训'
    reason!.dispatchEvent(new Event('input'))
    await click(inDialog('export-confirm'))
    expect(downloads).toHaveLength(0)

    reason!.value = '  电话通知培训  '
    reason!.dispatchEvent(new Event('input'))
    await click(inDialog('export-confirm'))
    expect(downloads).toHaveLength(1)
    expect(queryOf(downloads[0]!.url)).toEqual({ communityId: 'c1', reason: '电话通知培训' })
    expect(saved).toEqual(['阳光社区-志愿者名册.xlsx'])
    button.unmount()
  })

  it('shows a refusal in the dialog and keeps it open', async () => {
    exportAnswer = () => json({ error: { code: 'FORBIDDEN' } }, 403)
    const button = mountButton({ path: '/exports/roster.xlsx', params: { unitId: 'u1' }, contacts: true })
    await button.get('[data-testid="export-xlsx"]').trigger('click')
    await flushPromises()
    await click(inDialog('export-whole')?.querySelector('input'))
    const reason = inDialog<HTMLInputElement>('export-reason')!
    reason.value = '联系成员'
    reason.dispatchEvent(new Event('input'))
    await click(inDialog('export-confirm'))
    expect(downloads).toHaveLength(1)
    await vi.waitFor(() => expect(dialog()?.textContent).toContain(zhCN.errors.FORBIDDEN))
    expect(saved).toEqual([])
    button.unmount()
  })
})

// 志愿者名册

const volunteer = (over: Partial<CommunityVolunteer>): CommunityVolunteer => ({
  userId: 'v1',
  realName: '李志强',
  phone: '139****0002',
  volunteerNumber: 'LL-2026-000002',
  isPartyMember: true,
  realNameVerified: true,
  gridName: '第一网格（阳光花园）',
  teams: ['阳光助老服务队', '社区应急队'],
  minutes: 390,
  registeredAt: '2026-03-01T02:30:00.000Z',
  ...over,
})
const PEOPLE = [
  volunteer({}),
  volunteer({
    userId: 'v2',
    realName: '韩雪梅',
    phone: '139****1001',
    volunteerNumber: 'LL-2026-000003',
    isPartyMember: false,
    realNameVerified: false,
    gridName: null,
    teams: [],
    minutes: 90,
  }),
]

describe('who is offered 志愿者名册', () => {
  it('is community staff only', () => {
    expect(canOpenCommunityVolunteersPage('volunteers', 'community_staff')).toBe(true)
    for (const role of [
      'volunteer',
      'resident',
      'unit_admin',
      'grid_worker',
      'street_admin',
      'district_admin',
    ] as const)
      expect(canOpenCommunityVolunteersPage('volunteers', role)).toBe(false)
    expect(communityVolunteersPagesFor('community_staff')).toEqual([
      { page: 'volunteers', path: '/console/volunteers' },
    ])
    expect(communityVolunteersPagesFor(null)).toEqual([])
  })

  it('writes hours as the export does', () => {
    expect(hoursOf(390)).toBe(6.5)
    expect(hoursOf(100)).toBe(1.7)
    expect(hoursOf(0)).toBe(0)
  })
})

describe('the 志愿者名册 page', () => {
  let people: CommunityVolunteer[]
  let total: number
  beforeEach(() => {
    people = PEOPLE
    total = PEOPLE.length
    graphql.CommunityVolunteers = (v) => {
      const search = typeof v.search === 'string' ? v.search : ''
      const nodes = people.filter((p) => !search || p.realName.includes(search))
      return json({ data: { communityVolunteers: { total: search ? nodes.length : total, nodes } } })
    }
  })

  async function openPage(): Promise<VueWrapper> {
    const page = mount(CommunityVolunteersPage, {
      attachTo: document.body,
      global: { plugins: [i18n, staffPinia()], stubs: { transition: false, 'transition-group': false } },
    })
    await flushPromises()
    return page
  }
  const texts = (page: VueWrapper, testId: string) =>
    page.findAll(`[data-testid="${testId}"]`).map((e) => e.text().trim())
  const asked = () => graphqlCalls.filter((c) => c.operation === 'CommunityVolunteers').map((c) => c.variables)

  it('lists the community’s volunteers in the export’s columns', async () => {
    const page = await openPage()
    expect(page.get('h1').text()).toBe('志愿者名册')
    expect(page.text()).toContain('阳光社区的志愿者')
    expect(asked()).toEqual([{ communityId: 'c1', search: null, first: 50, offset: 0 }])
    const headers = page.findAll('.el-table__header th').map((th) => th.text().trim())
    expect(headers).toEqual([
      '姓名',
      '手机号',
      '志愿者编号',
      '网格',
      '党员',
      '实名核验',
      '志愿服务队',
      '服务时长（小时）',
      '注册时间',
    ])
    expect(texts(page, 'volunteer-name')).toEqual(['李志强', '韩雪梅'])
    expect(texts(page, 'volunteer-phone')).toEqual(['139****0002', '139****1001'])
    expect(texts(page, 'volunteer-number')).toEqual(['LL-2026-000002', 'LL-2026-000003'])
    expect(texts(page, 'volunteer-grid')).toEqual(['第一网格（阳光花园）', ''])
    expect(texts(page, 'volunteer-party')).toEqual(['是', ''])
    expect(texts(page, 'volunteer-verified')).toEqual(['已核验', '未核验'])
    expect(texts(page, 'volunteer-teams')).toEqual(['阳光助老服务队、社区应急队', ''])
    expect(texts(page, 'volunteer-hours')).toEqual(['6.5', '1.5'])
    expect(page.text()).toContain('2026/03/01 10:30')
    // The total on the pager; the search box has a name for screen readers.
    expect(page.get('[data-testid="volunteers-total"]').text()).toBe('共 2 人')
    expect(page.get('input[data-testid="volunteers-search"]').attributes('aria-label')).toBe('查找志愿者')
    page.unmount()
  })

  it('sends the search, and the export carries the search on screen', async () => {
    const page = await openPage()
    await page.get('input[data-testid="volunteers-search"]').setValue('  志强 ')
    await page.get('form[role="search"]').trigger('submit')
    await flushPromises()
    expect(asked().at(-1)).toEqual({ communityId: 'c1', search: '志强', first: 50, offset: 0 })
    expect(texts(page, 'volunteer-name')).toEqual(['李志强'])

    // Typed but not searched: the export still takes the search the rows answer.
    await page.get('input[data-testid="volunteers-search"]').setValue('韩')
    await page.get('[data-testid="export-xlsx"]').trigger('click')
    await flushPromises()
    await click(inDialog('export-confirm'))
    expect(downloads).toHaveLength(1)
    expect(pathOf(downloads[0]!.url)).toBe('/exports/volunteers.xlsx')
    expect(queryOf(downloads[0]!.url)).toEqual({ communityId: 'c1', search: '志强' })
    expect(saved).toEqual(['阳光社区-志愿者名册.xlsx'])
    page.unmount()
  })

  it('pages by offset, 50 to a page, and a new search starts again at the first', async () => {
    people = Array.from({ length: 50 }, (_, i) => volunteer({ userId: `v${i}`, realName: `志愿者${i}` }))
    total = 120
    const page = await openPage()
    expect(page.get('[data-testid="volunteers-total"]').text()).toBe('共 120 人')
    await page.get('[data-testid="volunteers-pages"] .el-pager li:nth-child(3)').trigger('click')
    await flushPromises()
    expect(asked().at(-1)).toMatchObject({ offset: 100, first: 50 })
    await page.get('input[data-testid="volunteers-search"]').setValue('志愿者1')
    await page.get('form[role="search"]').trigger('submit')
    await flushPromises()
    expect(asked().at(-1)).toEqual({ communityId: 'c1', search: '志愿者1', first: 50, offset: 0 })
    page.unmount()
  })

  it('says so when nobody matches, and shows a refusal as an error', async () => {
    const page = await openPage()
    await page.get('input[data-testid="volunteers-search"]').setValue('无此人')
    await page.get('form[role="search"]').trigger('submit')
    await flushPromises()
    expect(page.get('[data-testid="state-empty"]').text()).toBe('没有找到符合条件的志愿者')
    expect(page.get('[data-testid="export-xlsx"]').attributes('disabled')).toBeDefined()
    page.unmount()

    graphql.CommunityVolunteers = () =>
      json({ data: null, errors: [{ message: 'x', extensions: { code: 'NOT_FOUND' } }] })
    const refused = await openPage()
    expect(refused.get('[data-testid="state-error"]').text()).toBe(zhCN.errors.NOT_FOUND)
    refused.unmount()
  })

  it('speaks English', async () => {
    await setLocale('en')
    const page = await openPage()
    expect(page.get('h1').text()).toBe('Volunteer roster')
    expect(page.findAll('.el-table__header th').map((th) => th.text().trim())[7]).toBe('Hours served')
    expect(texts(page, 'volunteer-verified')).toEqual(['Verified', 'Not verified'])
    page.unmount()
  })
})

describe('the communityVolunteers words', () => {
  const leaves = (node: unknown, at = ''): string[] =>
    typeof node === 'string'
      ? [at]
      : Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, at ? `${at}.${k}` : k))
  it('are in both locales, none empty', () => {
    expect(leaves(en.communityVolunteers).sort()).toEqual(leaves(zhCN.communityVolunteers).sort())
    for (const messages of [zhCN, en])
      for (const key of leaves(messages.communityVolunteers))
        expect(
          key.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], messages.communityVolunteers),
        ).toMatch(/\S/)
  })
})
