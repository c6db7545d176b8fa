/**
 * 居民导入 through the console (issue 9), in headless Chromium against the demo server on a test
 * clock (the browser's clock set to it): 刘芳 (阳光社区's staff, 1366×768) opens 居民导入 from the
 * side menu and downloads the template (an .xlsx with the template's headers); she chooses a file
 * of 400 good rows and 2 bad ones (a short phone, a missing consent), picks 只导入正确的行 and
 * imports: the progress shows while it runs, then the result — 共 402 行：新增 400 人，已登记跳过 0 人，
 * 有误 2 行 — and the error table with the two rows' row, column and reason (the server's Chinese);
 * 导入记录 lists the file with its counts, and a row opens its report. A file without the template's
 * header is refused with the missing columns named. The page passes axe-core, in English too.
 * Screenshots: ./screenshots/imports-*.png.
 */
import { mkdirSync } from 'node:fs'
import { TestClock } from '@linli/server/clock'
import { PEOPLE_IMPORT_COLUMNS } from '@linli/shared'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from '../../support/a11y.ts'
import { chooseLocale, launchChromium, screenshot, SCREENSHOTS, signInOn, VIEWPORTS } from '../../support/browser.ts'
import { graphqlAt } from '../../support/e2e-api.ts'
import { startTestServer, type TestServer } from '../../support/server.ts'

const STAFF = '13900000005' // 刘芳, 阳光社区's staff
const GRID = '第一网格（阳光花园）'
const FILE_NAME = '阳光社区居民名单.xlsx'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Monday 2026-11-23 09:00 in Beijing. */
const T0 = Date.parse('2026-11-23T01:00:00.000Z')
const clock = new TestClock(new Date(T0))
let server: TestServer
let browser: Browser
let desk: Page

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  server = await startTestServer({ demo: true, web: true, clock })
  browser = await launchChromium()
  const context = await browser.newContext({ viewport: VIEWPORTS.console, acceptDownloads: true })
  await context.clock.setFixedTime(clock.now().getTime())
  desk = await context.newPage()
  await signInOn(desk, server, STAFF)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const { gql, login } = graphqlAt(() => server.url)
/** A full-page screenshot from the top (the mouse parks at the viewport's corner: on the header, not a menu item). */
async function shot(name: string): Promise<void> {
  await desk.evaluate(() => window.scrollTo(0, 0))
  await screenshot(desk, `imports-${name}`, { fullPage: true })
}
const texts = async (testId: string) => (await desk.getByTestId(testId).allTextContents()).map((s) => s.trim())

/** A workbook in the template's columns; `rows` are cell values by header. */
async function workbook(
  rows: Record<string, string>[],
  headers: string[] = PEOPLE_IMPORT_COLUMNS.map((c) => c.header),
) {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('居民与志愿者')
  sheet.addRow(headers)
  for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? ''))
  return Buffer.from(await book.xlsx.writeBuffer())
}

const person = (i: number) => ({
  姓名: `导入居民${i}`,
  手机号: `1375555${String(i).padStart(4, '0')}`,
  身份: i % 4 === 0 ? '志愿者' : '居民',
  所在网格: i % 2 === 0 ? GRID : '',
  是否党员: '否',
  已签署个人信息授权书: '是',
})

/** 400 good rows, a short phone at sheet row 152 and a missing consent at sheet row 403. */
async function fileWithTwoBad(): Promise<Buffer> {
  const rows: Record<string, string>[] = []
  for (let i = 0; i < 400; i++) rows.push(person(i))
  rows.splice(150, 0, { ...person(9000), 手机号: '1375555901' })
  rows.push({ ...person(9001), 已签署个人信息授权书: '' })
  return workbook(rows)
}

async function setLocale(page: Page, to: 'zh-CN' | 'en'): Promise<void> {
  await chooseLocale(page, to)
}

describe('居民导入', () => {
  it('opens from the side menu and downloads the template', async () => {
    await desk.getByRole('menuitem', { name: '居民导入', exact: true }).click()
    await desk.getByTestId('console-imports-page').waitFor()
    expect(await desk.getByRole('heading', { level: 1 }).textContent()).toBe('居民导入')
    // The columns explained beside the steps, each required one marked.
    const columns = await desk.getByTestId('import-columns').locator('tbody th .imports__column-name').allTextContents()
    expect(columns.map((c) => c.trim())).toEqual(PEOPLE_IMPORT_COLUMNS.map((c) => c.header))
    // The default mode is 全部正确才导入.
    expect(await desk.getByTestId('import-mode-all_or_nothing').locator('input').isChecked()).toBe(true)

    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('import-template').click()])
    expect(download.suggestedFilename()).toBe('居民与志愿者导入模板.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(await download.path())
    const header = (book.worksheets[0]!.getRow(1).values as unknown[]).filter(Boolean)
    expect(header).toEqual(PEOPLE_IMPORT_COLUMNS.map((c) => c.header))
    await shot('page')
    await expectAccessible(desk)
  })

  it('imports the 400 good rows of 402 with 只导入正确的行 and lists the 2 bad ones', async () => {
    await desk.getByTestId('import-mode-valid_only').click()
    expect(await desk.getByTestId('import-mode-valid_only').locator('input').isChecked()).toBe(true)
    await desk
      .getByTestId('import-file-input')
      .setInputFiles({ name: FILE_NAME, mimeType: XLSX, buffer: await fileWithTwoBad() })
    await expect.poll(() => desk.getByTestId('import-file-name').textContent()).toContain(FILE_NAME)

    // Record every progress line the page shows while the import runs (on PGlite the server
    // answers a poll only once its transaction is over, so the bar may show only briefly).
    await desk.evaluate(() => {
      const seen: string[] = []
      ;(window as unknown as { progressSeen: string[] }).progressSeen = seen
      const note = () => {
        const text = document.querySelector('[data-testid="import-progress-text"]')?.textContent?.trim()
        if (text && seen.at(-1) !== text) seen.push(text)
      }
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    // Hold the page's first poll back until the progress has been photographed; the rest pass.
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    let held = false
    await desk.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string } | null
      if (body?.operationName === 'PeopleImport' && !held) {
        held = true
        await released
      }
      await route.continue()
    })
    await desk.getByTestId('import-start').click()
    await desk.getByTestId('import-progress').waitFor()
    expect(await desk.getByTestId('import-progress').getByRole('progressbar').getAttribute('aria-label')).toBe(
      '导入进度',
    )
    expect(await desk.getByTestId('import-start').isDisabled()).toBe(true)
    await shot('progress')
    release()

    const outcome = desk.getByTestId('import-outcome')
    await outcome.waitFor({ timeout: 30_000 })
    expect((await outcome.textContent())!.trim()).toBe(
      '共 402 行：新增 400 人，已登记跳过 0 人，有误 2 行（有误的行没有导入）。',
    )
    const seen = await desk.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)
    expect(seen.length, 'the progress showed while the import ran').toBeGreaterThan(0)
    for (const line of seen)
      expect(line).toMatch(/^(已上传，正在准备…|正在检查：\d+ \/ \d+ 行|正在写入：\d+ \/ \d+ 人)$/)
    console.info('progress lines seen:', seen)
    await desk.unroute('**/graphql')

    expect(await texts('import-error-row')).toEqual(['152', '403'])
    expect(await texts('import-error-column')).toEqual(['手机号', '已签署个人信息授权书'])
    const reasons = await texts('import-error-reason')
    expect(reasons[0]).toBe('手机号格式不正确：1375555901（应为 11 位，以 1 开头）')
    expect(reasons[1]).toBe('须已签署个人信息授权书（填"是"），否则不能导入')
    expect((await desk.getByTestId('import-errors-count').textContent())!.trim()).toBe('共 2 条')
    // No phone of an imported person is on the page (the bad row's own value is in its reason).
    expect(await desk.locator('body').textContent()).not.toMatch(/1375555\d{4}/)

    // The server's record of the import agrees.
    const liu = await login(STAFF)
    const { peopleImports } = await gql<{
      peopleImports: { fileName: string; state: string; created: number; invalid: number }[]
    }>(
      'query($c: ID!) { peopleImports(communityId: $c) { fileName state created invalid } }',
      { c: liu.scope('community_staff') },
      liu.token,
    )
    expect(peopleImports[0]).toEqual({ fileName: FILE_NAME, state: 'done', created: 400, invalid: 2 })

    await shot('result')
    await expectAccessible(desk)
  })

  it('lists it among the past imports, where a row opens its report', async () => {
    const history = desk.getByTestId('imports-history')
    await expect.poll(() => texts('history-file')).toEqual([FILE_NAME])
    expect(await texts('history-total')).toEqual(['402'])
    expect(await texts('history-created')).toEqual(['400'])
    expect(await texts('history-existing')).toEqual(['0'])
    expect(await texts('history-invalid')).toEqual(['2'])
    expect((await history.getByTestId('import-state').textContent())!.trim()).toBe('已完成')
    expect(await history.textContent()).toContain('只导入正确的行')

    // A fresh visit opens the report from the history.
    await desk.reload()
    await desk.getByTestId('imports-history').getByTestId('history-open').first().click()
    await expect.poll(() => texts('import-error-row')).toEqual(['152', '403'])
    expect((await desk.getByTestId('import-outcome').textContent())!.trim()).toContain('新增 400 人')
    await shot('history')
  })

  it('refuses a file without the template’s header, naming the missing columns', async () => {
    await desk
      .getByTestId('import-file-input')
      .setInputFiles({ name: '名单.xlsx', mimeType: XLSX, buffer: await workbook([{ 姓名: '张三' }], ['姓名']) })
    await desk.getByTestId('import-start').click()
    await expect
      .poll(() => desk.getByTestId('import-problem').textContent())
      .toBe('表头缺少这些列：手机号、身份、已签署个人信息授权书。请使用导入模板，第一行的列名不要改动。')
    await shot('refused')
    // And something that is not an .xlsx never leaves the page.
    await desk
      .getByTestId('import-file-input')
      .setInputFiles({ name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from('姓名,手机号\n') })
    await expect
      .poll(() => desk.getByTestId('import-file-problem').textContent())
      .toContain('只能导入 .xlsx 格式的 Excel 文件')
  })

  it('speaks English too', async () => {
    await setLocale(desk, 'en')
    await desk.getByTestId('console-imports-page').waitFor()
    await expect.poll(() => desk.getByRole('heading', { level: 1 }).textContent()).toBe('Import residents')
    await desk.getByTestId('imports-history').getByTestId('history-open').first().click()
    await expect
      .poll(() => desk.getByTestId('import-outcome').textContent())
      .toContain('Rows: 402 — added 400, already registered (skipped) 0, with errors 2')
    expect(await desk.getByTestId('import-mode-valid_only').textContent()).toContain('Import the correct rows only')
    await shot('en')
    await expectAccessible(desk)
    await setLocale(desk, 'zh-CN')
  })
})
