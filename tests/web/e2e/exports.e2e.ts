/**
 * 导出 Excel from the console (issue 9) in headless Chromium against the demo server, at 1366×768:
 * 刘芳 (阳光社区's staff) opens 志愿者名册 from the side menu — the community's volunteers, phones
 * masked — searches 志强 and finds 李志强; she exports the list choosing whole phones with a reason,
 * and the file's rows are the table's rows with the phones whole. On 需求分拣 she exports a tab
 * (its states) with phones masked: the file holds the table's rows; so do 时长审核's 已批准 tab and
 * 排行榜's 志愿服务队 tab for 全部. 赵明 (鼓楼区人民医院's admin)
 * exports 我的认领 at once (no phones, no question). Each file is read back with exceljs.
 * Screenshots: ./screenshots/exports-*.png.
 */
import { ZH_TERMS } from '@linli/shared'
import ExcelJS from 'exceljs'
import type { Download, Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { expectAccessible } from '../../support/a11y.ts'
import { screenshot, smallText, useBrowserSession } from '../../support/browser.ts'

const STAFF = '13900000005' // 刘芳, 阳光社区
const UNIT_ADMIN = '13900000003' // 赵明, 鼓楼区人民医院
const VOLUNTEER_PHONE = '13900000002' // 李志强

const session = useBrowserSession()

const shot = (page: Page, name: string) => screenshot(page, `exports-${name}`)
const texts = async (scope: Locator, testId: string) =>
  (await scope.getByTestId(testId).allTextContents()).map((s) => s.trim())

/** The export's sheet as rows of text (the header first), each as wide as the header. */
async function sheetOf(download: Download): Promise<string[][]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(await download.path())
  const rows: string[][] = []
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
  const width = rows[0]?.length ?? 0
  return rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''))
}

/** Click 导出 Excel (and, when a dialog asks, what `choose` does in it) and wait for the file. */
async function exportFrom(page: Page, choose?: (dialog: Locator) => Promise<void>): Promise<Download> {
  const downloading = page.waitForEvent('download')
  await page.getByTestId('export-xlsx').click()
  if (choose) {
    const dialog = page.locator('.export-dialog')
    await dialog.waitFor()
    await choose(dialog)
  }
  return downloading
}

/** A masked phone keeps the first 3 and the last 4 digits. */
const masks = (masked: string, whole: string) =>
  /^\d{3}\*{4}\d{4}$/.test(masked) && masked.slice(0, 3) === whole.slice(0, 3) && masked.slice(-4) === whole.slice(-4)

describe('导出 Excel', () => {
  it('志愿者名册: lists, searches, and exports with whole phones for a reason', async () => {
    const page = await session.signIn(STAFF)
    await page.getByRole('menuitem', { name: '志愿者名册', exact: true }).click()
    await page.getByTestId('community-volunteers-page').waitFor()
    expect(new URL(page.url()).pathname).toBe('/console/volunteers')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('志愿者名册')
    const table = page.getByTestId('volunteers-table')
    await table.getByTestId('volunteer-name').first().waitFor()
    const names = await texts(table, 'volunteer-name')
    expect(names.length).toBeGreaterThanOrEqual(15)
    expect(names).toContain('李志强')
    expect(await page.getByTestId('volunteers-total').textContent()).toBe(`共 ${names.length} 人`)
    // Phones masked on screen; the most hours first.
    for (const phone of await texts(table, 'volunteer-phone')) expect(phone).toMatch(/^\d{3}\*{4}\d{4}$/)
    const hours = (await texts(table, 'volunteer-hours')).map(Number)
    expect(hours).toEqual([...hours].sort((a, b) => b - a))
    expect(await smallText(page)).toEqual([])
    await shot(page, 'volunteers')
    await expectAccessible(page)

    await page.getByTestId('volunteers-search').fill('志强')
    await page.getByTestId('volunteers-search-submit').click()
    await expect.poll(() => texts(table, 'volunteer-name')).toEqual(['李志强'])
    expect(await page.getByTestId('volunteers-total').textContent()).toBe('共 1 人')
    const onScreen = await table
      .locator('tr.el-table__row')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          [
            'volunteer-name',
            'volunteer-phone',
            'volunteer-number',
            'volunteer-grid',
            'volunteer-party',
            'volunteer-verified',
            'volunteer-teams',
            'volunteer-hours',
            'volunteer-registered',
          ].map((id) => tr.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? ''),
        ),
      )

    const download = await exportFrom(page, async (dialog) => {
      // Masked is the default; whole phones need a reason.
      expect(await dialog.getByTestId('export-masked').locator('input').isChecked()).toBe(true)
      await dialog.getByTestId('export-whole').click()
      await dialog.getByTestId('export-reason').fill('电话通知志愿者参加应急培训')
      await screenshot(page, 'exports-dialog')
      await expectAccessible(page)
      await dialog.getByTestId('export-confirm').click()
    })
    expect(download.suggestedFilename()).toBe('阳光社区-志愿者名册.xlsx')
    const [header, ...rows] = await sheetOf(download)
    expect(header).toEqual([
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
    expect(rows).toHaveLength(onScreen.length)
    rows.forEach((row, i) => {
      const screen = onScreen[i]!
      // The phone whole in the file, the same number masked on screen.
      expect(row[1]).toMatch(/^1\d{10}$/)
      expect(masks(screen[1]!, row[1]!), `${screen[1]} masks ${row[1]}`).toBe(true)
      expect([row[0], row[2], row[3], row[4], row[6], row[7]]).toEqual([
        screen[0],
        screen[2],
        screen[3],
        screen[4],
        screen[6],
        screen[7],
      ])
      expect(row[5]).toBe(screen[5] === '已核验' ? '已核验' : '')
      expect(row[8]).toBe(screen[8]!.replaceAll('/', '-'))
    })
    expect(rows[0]![1]).toBe(VOLUNTEER_PHONE)
    await page.context().close()
  })

  it('需求分拣: exports the tab on screen (its states) with phones masked', async () => {
    const page = await session.signIn(STAFF)
    await page.getByRole('menuitem', { name: '需求分拣', exact: true }).click()
    await page.getByTestId('needs-board').waitFor()
    await page.getByTestId('needs-tab-inProject').click()
    const table = page.getByTestId('needs-table')
    await table.getByTestId('need-open').first().waitFor()
    while (await page.getByTestId('needs-more').isVisible()) {
      await page.getByTestId('needs-more').click()
      await page.waitForLoadState('networkidle')
    }
    // Title, category, grid, channel, urgency, for whom and state, as the table shows them.
    const onScreen = await table.locator('tr.el-table__row').evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')
        const title = tr.querySelector('[data-testid="need-open"]')?.textContent?.trim() ?? ''
        return [title, cells[1], cells[2], cells[3], cells[4], cells[5] === '—' ? '' : cells[5], cells[7]]
      }),
    )
    expect(onScreen.length).toBeGreaterThan(0)
    const states = new Set(onScreen.map((r) => r[6]))
    for (const s of states) expect(['已纳入项目', '服务中']).toContain(s)

    const download = await exportFrom(page, async (dialog) => {
      await dialog.getByTestId('export-confirm').click()
    })
    expect(download.suggestedFilename()).toBe('阳光社区-需求清单.xlsx')
    const [header, ...rows] = await sheetOf(download)
    expect(header).toEqual(['标题', '类别', '网格', '渠道', '紧急程度', '为谁', '联系电话', '提交时间', '状态'])
    expect(rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[5], r[8]])).toEqual(onScreen)
    // No whole phone leaves without a reason.
    for (const r of rows) expect(r[6]).not.toMatch(/^1\d{10}$/)
    expect(rows.some((r) => /\*{4}/.test(r[6]!))).toBe(true)
    await page.context().close()
  })

  it('时长审核 and 排行榜: the tab (and period) on screen', async () => {
    const page = await session.signIn(STAFF)
    // 已批准: the state of the tab; phones masked by default.
    await page.getByRole('menuitem', { name: '时长审核', exact: true }).click()
    await page.getByTestId('hours-tab-approved').click()
    const hours = page.getByTestId('hours-table-approved')
    await hours.getByTestId('hour-volunteer').first().waitFor()
    while (await page.getByTestId('hours-more').isVisible()) {
      await page.getByTestId('hours-more').click()
      await page.waitForLoadState('networkidle')
    }
    const volunteers = await texts(hours, 'hour-volunteer')
    const approved = await exportFrom(page, (dialog) => dialog.getByTestId('export-confirm').click())
    expect(approved.suggestedFilename()).toBe(`阳光社区-时长记录（${ZH_TERMS.hourRecordStates.approved}）.xlsx`)
    const [, ...records] = await sheetOf(approved)
    expect(records.map((r) => r[0])).toEqual(volunteers)
    for (const r of records) {
      expect(r[1]).toMatch(/^\d{3}\*{4}\d{4}$/)
      expect(r[9]).toBe(ZH_TERMS.hourRecordStates.approved)
    }

    // 排行榜: the 服务队 tab for 全部.
    await page.getByRole('menuitem', { name: '排行榜', exact: true }).click()
    await page.getByTestId('ranking-formula').waitFor()
    await page.getByTestId('period-all').click()
    await page.getByRole('tab', { name: '志愿服务队' }).click()
    await page.waitForLoadState('networkidle')
    await page.getByTestId('rank-name').first().waitFor()
    const teams = await texts(page.getByTestId('ranking-table'), 'rank-name')
    const ranking = await exportFrom(page)
    expect(ranking.suggestedFilename()).toBe('阳光社区-志愿服务队排行.xlsx')
    const [, ...rows] = await sheetOf(ranking)
    expect(rows.at(-1)![0]).toBe('说明')
    expect(rows.slice(0, -1).map((r) => r[1])).toEqual(teams)
    await page.context().close()
  })

  it('我的认领: the unit admin downloads the unit’s claims at once', async () => {
    const page = await session.signIn(UNIT_ADMIN)
    await page.getByRole('menuitem', { name: '我的认领', exact: true }).click()
    const table = page.getByTestId('claims-table')
    await table.getByTestId('claim-project-title').first().waitFor()
    const titles = await texts(table, 'claim-project-title')

    const download = await exportFrom(page)
    expect(download.suggestedFilename()).toBe('鼓楼区人民医院-认领记录.xlsx')
    expect(await page.locator('.export-dialog').isVisible()).toBe(false)
    const [header, ...rows] = await sheetOf(download)
    expect(header?.[0]).toBe('项目')
    expect(rows.map((r) => r[0])).toEqual(titles)
    await shot(page, 'claims')
    await page.context().close()
  })
})
