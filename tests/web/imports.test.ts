/**
 * 居民导入 without a server: the file chosen (an .xlsx of at most 10 MB), the progress as a
 * percentage, the result in one sentence per outcome, the error report in the sheet's order, a
 * refused upload in words (the header's missing columns named) — and the page itself mounted on
 * mocked GraphQL answers: a past import's result summary and row-by-row error table, an
 * all-or-nothing import that imported nobody, a running import followed by polling to its end, and
 * an upload sent as multipart with the bearer token. Also who is offered the page, and that every
 * `imports.*` key the page uses has words in both locales.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTestingPinia } from '@pinia/testing'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { canOpenImportsPage, importsPagesFor } from '../../web/src/features/imports/access.ts'
import {
  chosenFileProblem,
  importOutcome,
  importRefusal,
  progressPercent,
  sortedErrors,
} from '../../web/src/features/imports/format.ts'
import type { PeopleImport } from '../../web/src/features/imports/operations.ts'
import ConsoleImportsPage from '../../web/src/features/imports/pages/ConsoleImportsPage.vue'
import { createApi, setApi, type Api } from '../../web/src/graphql/client.ts'
import { ApiError } from '../../web/src/graphql/errors.ts'
import en from '../../web/src/i18n/en.ts'
import { i18n, setLocale } from '../../web/src/i18n/index.ts'
import zhCN from '../../web/src/i18n/zh-CN.ts'

// The app imports each Element Plus component with its stylesheet, which Node cannot load: the
// tests take the same components from Element Plus's entry, without styles.
vi.mock('../../web/src/ui/element.ts', () => import('../../web/node_modules/element-plus/es/index'))

describe('the file chosen', () => {
  it('takes an .xlsx of at most 10 MB, and nothing else', () => {
    expect(chosenFileProblem({ name: '名单.xlsx', size: 2048 })).toBeNull()
    expect(chosenFileProblem({ name: 'LIST.XLSX', size: 10 * 1024 * 1024 })).toBeNull()
    expect(chosenFileProblem({ name: '名单.xls', size: 2048 })).toBe('type')
    expect(chosenFileProblem({ name: '名单.csv', size: 2048 })).toBe('type')
    expect(chosenFileProblem({ name: '名单.xlsx', size: 10 * 1024 * 1024 + 1 })).toBe('size')
    expect(chosenFileProblem({ name: '名单.xlsx', size: 0 })).toBe('empty')
  })
})

describe('an import in words', () => {
  it('gives the progress through its phase as a percentage', () => {
    expect(progressPercent({ processed: 250, total: 400 })).toBe(62)
    expect(progressPercent({ processed: 400, total: 400 })).toBe(100)
    expect(progressPercent({ processed: 0, total: 0 })).toBe(0)
    expect(progressPercent(null)).toBe(0)
  })

  it('tells a clean import from one with errors, one that imported nobody and one that failed', () => {
    expect(importOutcome({ state: 'done', invalid: 0 })).toBe('done')
    expect(importOutcome({ state: 'done', invalid: 2 })).toBe('doneWithErrors')
    expect(importOutcome({ state: 'rejected', invalid: 2 })).toBe('rejected')
    expect(importOutcome({ state: 'failed', invalid: 0 })).toBe('failed')
    expect(importOutcome({ state: 'running', invalid: 0 })).toBe('running')
  })

  it('orders the error report by row, then by the template’s columns', () => {
    const sorted = sortedErrors([
      { row: 9, column: '已签署个人信息授权书', reason: 'c' },
      { row: 3, column: '身份', reason: 'b' },
      { row: 3, column: '手机号', reason: 'a' },
    ])
    expect(sorted.map((e) => `${e.row}${e.column}`)).toEqual(['3手机号', '3身份', '9已签署个人信息授权书'])
  })

  it('reads why the server refused a file from its code and details', () => {
    const headerMissing = new ApiError('BAD_USER_INPUT', {
      details: { reason: 'HEADER_MISSING', missing: ['手机号', '身份'] },
    })
    expect(importRefusal(headerMissing)).toEqual({ key: 'headerMissing', values: { missing: '手机号、身份' } })
    expect(importRefusal(new ApiError('BAD_USER_INPUT', { details: { reason: 'TOO_MANY_ROWS', max: 20000 } }))).toEqual(
      { key: 'tooManyRows', values: { max: 20000 } },
    )
    expect(importRefusal(new ApiError('FILE_TYPE_NOT_ALLOWED'))?.key).toBe('type')
    expect(importRefusal(new ApiError('FILE_TOO_LARGE'))).toEqual({ key: 'size', values: { max: 10 } })
    expect(importRefusal(new ApiError('FORBIDDEN'))).toBeNull()
    expect(importRefusal(new Error('x'))).toBeNull()
  })
})

describe('who is offered 居民导入', () => {
  it('is community staff only', () => {
    expect(canOpenImportsPage('imports', 'community_staff')).toBe(true)
    for (const role of ['volunteer', 'resident', 'grid_worker', 'street_admin', 'district_admin'] as const)
      expect(canOpenImportsPage('imports', role)).toBe(false)
    expect(importsPagesFor('community_staff')).toEqual([{ page: 'imports', path: '/console/imports' }])
    expect(importsPagesFor(null)).toEqual([])
  })
})

// The page, on mocked answers

const imp = (over: Partial<PeopleImport>): PeopleImport => ({
  id: 'i1',
  communityId: 'c1',
  fileName: '阳光社区居民名单.xlsx',
  mode: 'valid_only',
  state: 'done',
  total: 0,
  created: 0,
  existing: 0,
  invalid: 0,
  errors: [],
  progress: null,
  createdAt: '2026-11-23T01:00:00.000Z',
  finishedAt: '2026-11-23T01:00:02.000Z',
  ...over,
})

/** 402 rows, 398 new, 2 already registered, 2 wrong (the errors as the server sends them, not in order). */
const WITH_ERRORS = imp({
  id: 'i1',
  total: 402,
  created: 398,
  existing: 2,
  invalid: 2,
  errors: [
    { row: 403, column: '已签署个人信息授权书', reason: '须已签署个人信息授权书（填"是"），否则不能导入' },
    { row: 152, column: '身份', reason: '身份只能是"居民"或"志愿者"，不能是"党员"' },
    { row: 152, column: '手机号', reason: '手机号格式不正确：1375555901（应为 11 位，以 1 开头）' },
  ],
})
/** All or nothing, 3 rows wrong of 10: nobody imported. */
const REJECTED = imp({
  id: 'i2',
  fileName: '和平里.xlsx',
  mode: 'all_or_nothing',
  state: 'rejected',
  total: 10,
  invalid: 3,
  errors: [
    { row: 2, column: '姓名', reason: '姓名必填' },
    { row: 5, column: '手机号', reason: '与第 3 行的手机号重复' },
    { row: 7, column: '所在网格', reason: '本社区没有"第九网格"这个网格' },
  ],
})

describe('the 居民导入 page', () => {
  /** Answers by operation: the history, and each import (a function: the next answer for that id). */
  let history: PeopleImport[]
  let answers: Record<string, () => PeopleImport>
  let graphqlCalls: string[]
  let api: Api

  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  const strip = (i: PeopleImport) => {
    const { errors: _errors, ...rest } = i
    return rest
  }

  beforeEach(() => {
    localStorage.clear()
    setLocale('zh-CN')
    history = [WITH_ERRORS, REJECTED]
    answers = { i1: () => WITH_ERRORS, i2: () => REJECTED }
    graphqlCalls = []
    api = createApi({
      url: 'http://linli.test/graphql',
      wsUrl: null,
      fetch: async (_input, init) => {
        const body = JSON.parse(String(init?.body)) as { operationName: string; variables: Record<string, unknown> }
        graphqlCalls.push(body.operationName)
        if (body.operationName === 'PeopleImports') return json({ data: { peopleImports: history.map(strip) } })
        if (body.operationName === 'PeopleImport') {
          const answer = answers[String(body.variables.id)]
          if (!answer) return json({ data: null, errors: [{ message: 'x', extensions: { code: 'NOT_FOUND' } }] })
          return json({ data: { peopleImport: answer() } })
        }
        return json({ data: null })
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
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  /** 刘芳, 阳光社区's staff, on the page. */
  async function openPage(): Promise<VueWrapper> {
    const pinia = createTestingPinia({
      stubActions: false,
      createSpy: vi.fn,
      initialState: {
        auth: {
          me: {
            user: { id: 'u5', realName: '刘芳', phone: '13900000005' },
            roles: [
              { id: 'g1', role: 'community_staff', scopeType: 'community', scopeId: 'c1', scopeName: '阳光社区' },
            ],
          },
        },
      },
    })
    const page = mount(ConsoleImportsPage, {
      attachTo: document.body,
      global: { plugins: [i18n, pinia], stubs: { transition: false } },
    })
    await flushPromises()
    return page
  }
  const texts = (page: VueWrapper, testId: string) =>
    page.findAll(`[data-testid="${testId}"]`).map((e) => e.text().trim())

  it('lists the past imports with their counts, and opens one’s summary and error table', async () => {
    const page = await openPage()
    expect(texts(page, 'history-file')).toEqual(['阳光社区居民名单.xlsx', '和平里.xlsx'])
    expect(texts(page, 'history-total')).toEqual(['402', '10'])
    expect(texts(page, 'history-created')).toEqual(['398', '0'])
    expect(texts(page, 'history-existing')).toEqual(['2', '0'])
    expect(texts(page, 'history-invalid')).toEqual(['2', '3'])
    expect(texts(page, 'import-state')).toEqual(['已完成', '未导入'])
    expect(page.find('[data-testid="import-report"]').exists()).toBe(false)

    await page.findAll('[data-testid="history-open"]')[0]!.trigger('click')
    await flushPromises()
    const report = page.get('[data-testid="import-report"]')
    expect(report.get('[data-testid="import-outcome"]').text()).toBe(
      '共 402 行：新增 398 人，已登记跳过 2 人，有误 2 行（有误的行没有导入）。',
    )
    expect(report.get('[data-testid="import-report-file"]').text()).toContain(
      '阳光社区居民名单.xlsx（只导入正确的行，2026/11/23 09:00）',
    )
    expect(report.get('[data-testid="import-errors-count"]').text()).toBe('共 3 条')
    // Row by row in the sheet's order, the reasons as the server gave them.
    expect(texts(page, 'import-error-row')).toEqual(['152', '152', '403'])
    expect(texts(page, 'import-error-column')).toEqual(['手机号', '身份', '已签署个人信息授权书'])
    expect(texts(page, 'import-error-reason')).toEqual([
      '手机号格式不正确：1375555901（应为 11 位，以 1 开头）',
      '身份只能是"居民"或"志愿者"，不能是"党员"',
      '须已签署个人信息授权书（填"是"），否则不能导入',
    ])
    // The table's headers.
    const headers = report.findAll('.el-table__header th').map((th) => th.text().trim())
    expect(headers).toEqual(['行号', '列', '原因'])
    // The row opened is marked in the history; the other can be opened.
    expect(page.findAll('[data-testid="history-open"]')).toHaveLength(1)
    page.unmount()
  })

  it('says an all-or-nothing import with errors imported nobody, and lists its errors', async () => {
    const page = await openPage()
    await page.findAll('[data-testid="history-open"]')[1]!.trigger('click')
    await flushPromises()
    const outcome = page.get('[data-testid="import-outcome"]')
    expect(outcome.text()).toBe('共 10 行，3 行有误，未导入任何人。')
    expect(outcome.attributes('data-outcome')).toBe('rejected')
    expect(page.get('[data-testid="import-report"] [data-testid="import-state"]').text()).toBe('未导入')
    expect(texts(page, 'import-error-row')).toEqual(['2', '5', '7'])
    expect(texts(page, 'import-error-reason')).toEqual([
      '姓名必填',
      '与第 3 行的手机号重复',
      '本社区没有"第九网格"这个网格',
    ])
    page.unmount()
  })

  it('shows no error table for a clean import, and speaks English', async () => {
    history = [imp({ id: 'i3', total: 5, created: 3, existing: 2 })]
    answers = { i3: () => history[0]! }
    setLocale('en')
    const page = await openPage()
    await page.get('[data-testid="history-open"]').trigger('click')
    await flushPromises()
    expect(page.get('[data-testid="import-outcome"]').text()).toBe(
      'Rows: 5 — added 3, already registered (skipped) 2, with errors 0.',
    )
    expect(page.find('[data-testid="import-errors"]').exists()).toBe(false)
    page.unmount()
  })

  it('follows an import still running: the phase and rows on a progress bar, then the result', async () => {
    const running = imp({
      id: 'i4',
      state: 'running',
      total: 0,
      finishedAt: null,
      progress: { phase: 'writing', processed: 250, total: 400 },
    })
    const finished = imp({ id: 'i4', total: 400, created: 400 })
    history = [running]
    let polls = 0
    answers = { i4: () => (++polls < 3 ? running : finished) }
    const page = await openPage()
    // Opened by itself (the newest import runs), polled until it ends.
    expect(page.get('[data-testid="import-progress-text"]').text()).toBe('正在写入：250 / 400 人')
    const bar = page.get('[data-testid="import-progress"] [role="progressbar"]')
    expect(bar.attributes('aria-valuenow')).toBe('62')
    expect(bar.attributes('aria-label')).toBe('导入进度')
    expect(page.get('[data-testid="import-start"]').attributes('disabled')).toBeDefined()
    await vi.waitFor(
      () =>
        expect(page.find('[data-testid="import-outcome"]').text()).toBe(
          '共 400 行：新增 400 人，已登记跳过 0 人，有误 0 行。',
        ),
      { timeout: 5000, interval: 50 },
    )
    expect(polls).toBe(3)
    expect(page.find('[data-testid="import-progress"]').exists()).toBe(false)
    // The history is read again once it ended.
    expect(graphqlCalls.filter((c) => c === 'PeopleImports')).toHaveLength(2)
    page.unmount()
  })

  /** Choose a file in the page's input. */
  async function choose(page: VueWrapper, file: File) {
    const input = page.get<HTMLInputElement>('[data-testid="import-file-input"]')
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
    await input.trigger('change')
  }

  it('sends the file, the community and the mode as multipart with the bearer token, then follows it', async () => {
    const sent: { url: string; auth: string | null; form: FormData }[] = []
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      sent.push({ url, auth: new Headers(init.headers).get('authorization'), form: init.body as FormData })
      return json({ id: 'n1' }, 202)
    })
    answers.n1 = () => imp({ id: 'n1', fileName: '新名单.xlsx', total: 2, created: 2 })
    const page = await openPage()
    // Nothing chosen: nothing sent.
    await page.get('form').trigger('submit')
    expect(page.get('[data-testid="import-problem"]').text()).toBe('请先选择要导入的文件')
    expect(sent).toHaveLength(0)

    await choose(page, new File([new Uint8Array(2048)], '新名单.xlsx'))
    expect(page.get('[data-testid="import-file-name"]').text()).toBe('新名单.xlsx（2.0 KB）')
    await page.get('[data-testid="import-mode-valid_only"] input').setValue(true)
    await page.get('form').trigger('submit')
    await flushPromises()
    expect(sent).toHaveLength(1)
    expect(sent[0]!.url).toBe('/imports/people')
    expect(sent[0]!.auth).toBe('Bearer access-1')
    expect(sent[0]!.form.get('communityId')).toBe('c1')
    expect(sent[0]!.form.get('mode')).toBe('valid_only')
    expect((sent[0]!.form.get('file') as File).name).toBe('新名单.xlsx')
    await vi.waitFor(() =>
      expect(page.find('[data-testid="import-outcome"]').text()).toBe(
        '共 2 行：新增 2 人，已登记跳过 0 人，有误 0 行。',
      ),
    )
    // The chosen file is cleared: importing again means choosing again.
    expect(page.get('[data-testid="import-file-name"]').text()).toBe('尚未选择文件')
    page.unmount()
  })

  it('names the columns a file’s header lacks, and refuses what is not an .xlsx before sending', async () => {
    let posts = 0
    vi.stubGlobal('fetch', async () => {
      posts++
      return json(
        { error: { code: 'BAD_USER_INPUT', details: { reason: 'HEADER_MISSING', missing: ['手机号'] } } },
        400,
      )
    })
    const page = await openPage()
    await choose(page, new File(['a,b'], '名单.csv'))
    expect(page.get('[data-testid="import-file-problem"]').text()).toContain('只能导入 .xlsx 格式的 Excel 文件')
    await page.get('form').trigger('submit')
    expect(posts).toBe(0)

    await choose(page, new File([new Uint8Array(10)], '名单.xlsx'))
    expect(page.find('[data-testid="import-file-problem"]').exists()).toBe(false)
    await page.get('form').trigger('submit')
    await flushPromises()
    expect(posts).toBe(1)
    expect(page.get('[data-testid="import-problem"]').text()).toBe(
      '表头缺少这些列：手机号。请使用导入模板，第一行的列名不要改动。',
    )
    expect(page.find('[data-testid="import-report"]').exists()).toBe(false)
    page.unmount()
  })
})

describe('every imports.* key the page uses', () => {
  const ROOT = join(__dirname, '../../web/src/features/imports')
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : /\.(vue|ts)$/.test(e.name) ? [join(dir, e.name)] : [],
    )
  const keys = new Set<string>()
  for (const file of files(ROOT)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'(imports\.[A-Za-z]+(?:\.[A-Za-z_]+)+)'/g)) keys.add(m[1]!)
  }
  // Keys built from a value: each value's words.
  for (const k of ['running', 'done', 'doneWithErrors', 'rejected', 'failed']) keys.add(`imports.outcomes.${k}`)
  for (const k of ['running', 'done', 'rejected', 'failed']) keys.add(`imports.states.${k}`)
  for (const k of ['all_or_nothing', 'valid_only']) {
    keys.add(`imports.modes.${k}.label`)
    keys.add(`imports.modes.${k}.hint`)
  }
  for (const k of ['checking', 'writing']) keys.add(`imports.progress.${k}`)
  for (const k of ['type', 'size', 'headerMissing', 'tooManyRows', 'noSheet', 'noFile'])
    keys.add(`imports.failures.${k}`)
  for (const k of ['type', 'size', 'empty']) keys.add(`imports.file.problems.${k}`)
  for (const k of ['realName', 'phone', 'role', 'grid', 'partyMember', 'consent']) keys.add(`imports.columnNotes.${k}`)
  keys.add('imports.nav.imports')
  const lookup = (messages: unknown, key: string): unknown =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages)

  it('finds the keys it checks', () => {
    expect(keys.size).toBeGreaterThan(50)
  })
  for (const [locale, messages] of Object.entries({ 'zh-CN': zhCN, en })) {
    it(`has words in ${locale}`, () => {
      const missing = [...keys].filter((k) => typeof lookup(messages, k) !== 'string' || !lookup(messages, k))
      expect(missing).toEqual([])
    })
  }
})
