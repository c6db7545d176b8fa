/**
 * 联盟治理 through the console (issue 9), in headless Chromium against the demo server on a test
 * clock (the browser's clock set to it): 刘芳 (阳光社区's staff and the alliance's secretary,
 * 1366×768) opens 联盟治理 from the side menu and sees the officers, 鼓楼区人民医院 holding
 * 2026年下半年 with the next two terms, the hospital's agreement dates, charter v1, the meetings and
 * 六个一 (一次党建沙龙 done); she sets another unit's renewal date within 30 days (marked), turns the
 * first resolution of 第三季度联席会议 into a draft project (已转为项目, linked to the project page)
 * and records the planned 第四季度联席会议 with minutes, attendance and a resolution. 赵明 (the
 * hospital's admin) opens the page read-only: the same alliance, no buttons. The page passes
 * axe-core in Chinese and English. Screenshots: ./screenshots/alliance-*.png.
 */
import { mkdirSync } from 'node:fs'
import { TestClock } from '@linli/server/clock'
import type { Browser, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from '../../support/a11y.ts'
import { chooseLocale, launchChromium, screenshot, SCREENSHOTS, signInOn, VIEWPORTS } from '../../support/browser.ts'
import { startTestServer, type TestServer } from '../../support/server.ts'

const STAFF = '13900000005' // 刘芳, 阳光社区's staff
const UNIT_ADMIN = '13900000003' // 赵明, 鼓楼区人民医院
const HOSPITAL = '鼓楼区人民医院'

/** Monday 2026-11-23 09:00 in Beijing: the hospital holds 2026H2. */
const T0 = Date.parse('2026-11-23T01:00:00.000Z')
const clock = new TestClock(new Date(T0))
let server: TestServer
let browser: Browser
let desk: Page

async function open(phone: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS.console })
  await context.clock.setFixedTime(clock.now().getTime())
  const page = await context.newPage()
  await signInOn(page, server, phone)
  return page
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  server = await startTestServer({ demo: true, web: true, clock })
  browser = await launchChromium()
  desk = await open(STAFF)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** A full-page screenshot from the top. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0))
  await screenshot(page, `alliance-${name}`, { fullPage: true })
}
const texts = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).allTextContents()).map((s) => s.trim())

async function setLocale(page: Page, to: 'zh-CN' | 'en'): Promise<void> {
  await chooseLocale(page, to)
  await page.getByTestId('gov-meetings').waitFor()
}

const meeting = (page: Page, title: string) => page.getByTestId('meeting').filter({ hasText: title })

describe('联盟治理 for the community staff', () => {
  it('opens from the side menu: officers, this term and the next two, agreements, charter, meetings, 六个一', async () => {
    await desk.getByRole('menuitem', { name: '联盟治理', exact: true }).click()
    await desk.getByTestId('gov-meetings').waitFor()
    expect(await desk.getByRole('heading', { level: 1 }).textContent()).toBe('联盟治理')

    expect(await desk.getByTestId('gov-secretary').textContent()).toContain('刘芳')
    expect((await texts(desk, 'gov-committee')).join()).toContain('赵明')

    const current = desk.getByTestId('term-current')
    expect(await current.getByTestId('term-name').textContent()).toBe('2026年下半年')
    expect(await current.getByTestId('term-unit').textContent()).toBe(HOSPITAL)
    expect(await current.textContent()).toContain('2026/07/01 – 2026/12/31')
    const next = desk.getByTestId('term-next')
    expect(await next.getByTestId('term-name').allTextContents()).toEqual(['2027年上半年', '2027年下半年'])
    const nextUnits = await next.getByTestId('term-unit').allTextContents()
    expect(nextUnits).toHaveLength(2)
    expect(nextUnits).not.toContain(HOSPITAL)

    const hospital = desk.getByTestId('gov-members').locator('tr').filter({ hasText: HOSPITAL })
    // The units seed's date (2026-03-01) and the governance seed's renewal date (2029-02-28).
    expect(await hospital.getByTestId('member-signed').textContent()).toBe('2026/03/01')
    expect(await hospital.getByTestId('member-renews').textContent()).toContain('2029/02/28')

    expect(await desk.getByTestId('charter-version').textContent()).toContain('第 1 版，2025/03/01 通过')

    expect(await texts(desk, 'meeting-title')).toEqual(['第四季度联席会议', '第三季度联席会议'])
    expect(await texts(desk, 'meeting-state')).toEqual(['待召开', '已召开'])
    expect(await meeting(desk, '第三季度联席会议').getByTestId('resolution-body').allTextContents()).toEqual([
      '为辖区独居老人开展冬季上门送暖服务',
      '年底前完成3号楼老旧楼道照明改造',
    ])

    expect(await desk.getByTestId('six-ones-progress').textContent()).toContain('已完成 1/6')
    const salon = desk.locator('[data-testid="six-one"][data-item="party_salon"]')
    expect(await salon.getAttribute('data-done')).toBe('true')
    expect(await salon.getByTestId('six-one-linked').textContent()).toContain('第三季度联席会议')
    expect(await desk.locator('[data-testid="six-one"][data-done="false"]').count()).toBe(5)

    await shot(desk, 'staff')
    await expectAccessible(desk)
  })

  it('marks a renewal within 30 days', async () => {
    const tax = desk.getByTestId('gov-members').locator('tr').filter({ hasText: '鼓楼区税务局' })
    await tax.getByTestId('member-edit').click()
    const dialog = desk.getByTestId('agreement-dialog')
    await dialog.waitFor()
    const renews = dialog.getByTestId('agreement-renews').locator('input')
    await renews.fill('2026-12-10')
    await renews.press('Enter')
    // The signed agreement's scan, through storage.
    expect(await tax.getByTestId('member-document').count()).toBe(0)
    const scan = await sharp({ create: { width: 120, height: 160, channels: 3, background: '#f5f0e6' } })
      .png()
      .toBuffer()
    await dialog
      .getByTestId('agreement-document-input')
      .setInputFiles({ name: '共驻共建协议书.png', mimeType: 'image/png', buffer: scan })
    await dialog.getByText('查看').waitFor()
    await shot(desk, 'agreement-dialog')
    await dialog.getByTestId('agreement-submit').click()
    await dialog.waitFor({ state: 'hidden' })
    await tax.getByTestId('member-renewal-soon').waitFor()
    await tax.getByTestId('member-document').waitFor()
    expect(await tax.getByTestId('member-renews').textContent()).toContain('2026/12/10')
    expect(await tax.getByTestId('member-renewal-soon').textContent()).toBe('30天内到期')
  })

  it('turns the first resolution of 第三季度联席会议 into a draft project', async () => {
    const first = meeting(desk, '第三季度联席会议').getByTestId('resolution').first()
    await first.getByTestId('resolution-to-project').click()
    await first.getByTestId('resolution-project').waitFor()
    expect(await first.getByTestId('resolution-project').textContent()).toContain('已转为项目')
    // The second is still a resolution only.
    expect(
      await meeting(desk, '第三季度联席会议')
        .getByTestId('resolution')
        .nth(1)
        .getByTestId('resolution-to-project')
        .count(),
    ).toBe(1)
    const href = await first.getByTestId('resolution-project-link').getAttribute('href')
    expect(href).toMatch(/^\/console\/projects\/[0-9a-f-]{36}$/)
    await shot(desk, 'converted')

    // The link opens the draft project.
    await first.getByTestId('resolution-project-link').click()
    await desk.waitForURL(`**${href}`)
    await expect.poll(() => desk.locator('main').textContent()).toContain('为辖区独居老人开展冬季上门送暖服务')
    await desk.goBack()
    await desk.getByTestId('gov-meetings').waitFor()
  })

  it('records the planned 第四季度联席会议 with minutes, attendance and a resolution', async () => {
    await meeting(desk, '第四季度联席会议').getByTestId('meeting-record').click()
    const dialog = desk.getByTestId('record-dialog')
    await dialog.waitFor()
    await dialog.getByTestId('record-minutes').fill('轮值副书记单位鼓楼区人民医院述职，会议讨论了明年"六个一"安排。')
    const hospitalRow = dialog.getByTestId('record-attendance').filter({ hasText: HOSPITAL })
    await hospitalRow.getByTestId('record-present').click()
    await hospitalRow.getByTestId('record-attendee').fill('赵明')
    await dialog.getByTestId('record-resolutions').fill('明年上半年开展义诊进社区活动\n')
    await shot(desk, 'record-dialog')
    await expectAccessible(desk)
    await dialog.getByTestId('record-submit').click()
    await dialog.waitFor({ state: 'hidden' })

    const fourth = meeting(desk, '第四季度联席会议')
    await expect.poll(() => fourth.getAttribute('data-state')).toBe('held')
    expect(await fourth.getByTestId('meeting-state').textContent()).toContain('已召开')
    expect(await fourth.getByTestId('meeting-minutes').textContent()).toContain('轮值副书记单位鼓楼区人民医院述职')
    expect(await fourth.getByTestId('resolution-body').allTextContents()).toEqual(['明年上半年开展义诊进社区活动'])
    expect(await fourth.getByTestId('meeting-attendance').filter({ hasText: HOSPITAL }).textContent()).toContain('出席')
    expect(await fourth.getByTestId('meeting-record').count()).toBe(0)
    await shot(desk, 'recorded')
    await expectAccessible(desk)
  })

  it('speaks English too', async () => {
    await setLocale(desk, 'en')
    expect(await desk.getByRole('heading', { level: 1 }).textContent()).toBe('Alliance governance')
    expect(await desk.getByTestId('term-current').getByTestId('term-name').textContent()).toBe('H2 2026')
    expect(await desk.getByTestId('term-next').getByTestId('term-name').allTextContents()).toEqual([
      'H1 2027',
      'H2 2027',
    ])
    await shot(desk, 'en')
    await expectAccessible(desk)
    await setLocale(desk, 'zh-CN')
  })
})

describe('联盟治理 for a member unit’s admin', () => {
  it('reads the alliance of 阳光社区 with no buttons', async () => {
    const page = await open(UNIT_ADMIN)
    await page.getByRole('menuitem', { name: '联盟治理', exact: true }).click()
    await page.getByTestId('console-governance-page').waitFor()
    // The hospital is a member of two communities' alliances: choose 阳光社区.
    const picker = page.getByTestId('governance-community')
    if ((await picker.count()) > 0 && !(await picker.textContent())?.includes('阳光社区')) {
      await picker.click()
      await page.getByRole('option', { name: '阳光社区' }).click()
    }
    await expect.poll(() => page.getByTestId('term-current').getByTestId('term-unit').textContent()).toBe(HOSPITAL)
    expect(await page.locator('.hc-page__head p').textContent()).toContain('只读')
    expect(await texts(page, 'meeting-title')).toContain('第三季度联席会议')
    // The resolution 刘芳 turned into a project shows as such, without a link.
    const first = meeting(page, '第三季度联席会议').getByTestId('resolution').first()
    expect(await first.getByTestId('resolution-project').textContent()).toContain('已转为项目')
    for (const id of [
      'rotation-reorder',
      'member-edit',
      'charter-revise',
      'meeting-schedule',
      'meeting-record',
      'resolution-to-project',
      'resolution-project-link',
      'six-one-fulfil',
      'six-one-select',
    ])
      expect(await page.getByTestId(id).count(), id).toBe(0)
    await shot(page, 'unit-admin')
    await expectAccessible(page)
    await page.context().close()
  })
})
