/**
 * Rankings and the dashboard through the console, in headless Chromium against the demo server on
 * a test clock (the browser's clock set to it): 刘芳 (阳光社区's staff, 1366×768) opens 数据看板 —
 * the KPI cards show numbers and every chart draws on a canvas of non-zero size, each chart an
 * image with its data in its aria-label — then 排行榜, where for 全部 the volunteers' tab lists
 * 李志强 under the formula (说明), and the other tabs show their formulas too. Both pages pass
 * axe-core, also in English. Screenshots: ./screenshots/dashboard-*.png, rankings-*.png.
 */
import { mkdirSync } from 'node:fs'
import { TestClock } from '@linli/server/clock'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from '../../support/a11y.ts'
import { chooseLocale, launchChromium, screenshot, SCREENSHOTS, signInOn, VIEWPORTS } from '../../support/browser.ts'
import { startTestServer, type TestServer } from '../../support/server.ts'

const STAFF = '13900000005' // 刘芳, 阳光社区's staff

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
  const context = await browser.newContext({ viewport: VIEWPORTS.console })
  await context.clock.setFixedTime(clock.now().getTime())
  desk = await context.newPage()
  await signInOn(desk, server, STAFF)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const setLocale = chooseLocale

describe('数据看板', () => {
  it('shows the KPIs and draws every chart with data', async () => {
    await desk.getByRole('menuitem', { name: '数据看板', exact: true }).click()
    await desk.getByTestId('console-dashboard-page').waitFor()
    await desk.getByTestId('kpi-matchRate').waitFor()

    const kpis = await desk.getByTestId('kpi-value').allTextContents()
    expect(kpis).toHaveLength(5)
    // Match rate as a percentage (or — when nothing was accepted), the rest numbers.
    expect(kpis[0]!.trim()).toMatch(/^(\d+(\.\d)?%|—)$/)
    expect(kpis[2]!.trim()).toMatch(/^\d+(\.\d)? 小时$/)
    expect(Number(kpis[3]!.trim())).toBeGreaterThan(0)
    expect(Number(kpis[4]!.trim())).toBeGreaterThanOrEqual(0)

    const charts = desk.locator('[role="img"]')
    await expect.poll(() => charts.count()).toBeGreaterThanOrEqual(4)
    // Every chart draws on a canvas with a size (ECharts renders after layout).
    await expect
      .poll(() =>
        desk.evaluate(() =>
          [...document.querySelectorAll('[role="img"] canvas')].map((c) => {
            const r = c.getBoundingClientRect()
            return r.width > 0 && r.height > 0
          }),
        ),
      )
      .toEqual(Array.from({ length: await charts.count() }, () => true))
    for (const label of await charts.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '')))
      expect(label).toMatch(/：.+ \d/)
    await expect
      .poll(async () => (await desk.getByTestId('chart-openNeedsByAge').getAttribute('class')) ?? '')
      .toContain('db-chart')
    expect(await desk.getByTestId('chart-openNeedsByAge').locator('[role="img"]').getAttribute('aria-label')).toContain(
      '3天内',
    )
    await desk.waitForTimeout(800) // the charts' entry animation
    await screenshot(desk, 'dashboard-zh', { fullPage: true })
    await expectAccessible(desk)
  })

  it('speaks English too', async () => {
    await setLocale(desk, 'en')
    await desk.getByTestId('kpi-matchRate').waitFor()
    await expect.poll(() => desk.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard')
    await desk.waitForTimeout(800)
    await screenshot(desk, 'dashboard-en', { fullPage: true })
    await expectAccessible(desk)
    await setLocale(desk, 'zh-CN')
  })
})

describe('排行榜', () => {
  it('lists 李志强 among the volunteers for 全部, under the formula', async () => {
    await desk.getByRole('menuitem', { name: '排行榜', exact: true }).click()
    await desk.getByTestId('console-rankings-page').waitFor()
    await desk.getByTestId('ranking-formula').waitFor()
    await desk.getByTestId('period-all').click()
    await expect.poll(() => desk.getByTestId('rank-name').allTextContents()).toContain('李志强')
    expect(await desk.getByTestId('ranking-formula').textContent()).toContain('说明：志愿时长')
    const ranks = (await desk.getByTestId('rank').allTextContents()).map((r) => Number(r.trim()))
    expect(ranks[0]).toBe(1)
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks)
    await screenshot(desk, 'rankings-volunteers', { fullPage: true })
    await expectAccessible(desk)
  })

  it('shows each other ranking with its formula', async () => {
    for (const [tab, shot] of [
      ['联盟单位', 'units'],
      ['志愿服务队', 'teams'],
      ['先锋指数', 'pioneers'],
    ] as const) {
      const before = await desk.getByTestId('ranking-formula').textContent()
      await desk.getByRole('tab', { name: tab, exact: true }).click()
      await expect.poll(() => desk.getByTestId('ranking-formula').textContent()).not.toBe(before)
      expect(await desk.getByTestId('ranking-formula').textContent()).toMatch(/^说明：.+/)
      await desk.getByTestId('ranking-table').waitFor()
      await screenshot(desk, `rankings-${shot}`, { fullPage: true })
    }
    await expectAccessible(desk)
  })
})
