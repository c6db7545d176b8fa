/**
 * The resident H5's first load, as a phone downloads it (the built web, demo data): the demo
 * resident 王秀英 signs in at 390×844; then a new context with her session but a cold cache opens
 * /m. The JavaScript it downloads until the home page shows — gzipped like the build's budget
 * check (web/build/budget.ts) — is exactly the chunks the build measured, at most 150 KB, and
 * nothing more arrives until the network is idle. The sign-in page's first load matches too.
 * English is not part of it: its messages arrive when EN is chosen, and a reload in English
 * shows English from the first paint.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { FIRST_LOAD_BUDGET_KB, REPORT_FILE, type FirstLoadReport } from '../../../web/build/budget.ts'
import { VIEWPORTS, signInOn, useBrowserSession } from '../../support/browser.ts'
import { WEB_DIST } from '../../support/server.ts'

const RESIDENT = '13900000001' // 王秀英, 阳光社区
/** The build's own measurement of the web the server serves. */
const REPORT = join(WEB_DIST, REPORT_FILE)

const session = useBrowserSession()

function report(): FirstLoadReport {
  return JSON.parse(readFileSync(REPORT, 'utf8')) as FirstLoadReport
}

function phoneContext(storageState?: Awaited<ReturnType<BrowserContext['storageState']>>): Promise<BrowserContext> {
  // A new context has its own, empty HTTP cache: a cold cache.
  return session.browser.newContext({ viewport: VIEWPORTS.mobile, isMobile: true, hasTouch: true, storageState })
}

/**
 * The JavaScript files a page downloads: `paths` (`assets/…`) as the responses come, and `sizes`,
 * their bodies gzipped as the build does, once read (`settled` waits for them all).
 */
function recordScripts(page: Page, gzipLevel: number) {
  const paths = new Set<string>()
  const sizes = new Map<string, number>()
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname.replace(/^\//, '')
    if (!path.endsWith('.js')) return
    paths.add(path)
    void response.body().then(
      (body) => sizes.set(path, gzipSync(body, { level: gzipLevel }).length),
      () => sizes.set(path, -1),
    )
  })
  return {
    paths,
    sizes,
    async settled(): Promise<Map<string, number>> {
      await expect.poll(() => sizes.size).toBe(paths.size)
      return sizes
    },
  }
}

const sum = (sizes: Iterable<number>): number => [...sizes].reduce((a, b) => a + b, 0)

describe('first load', () => {
  it('the resident home from a cold cache downloads exactly what the build measured, within 150 KB gzip', async () => {
    const built = report()
    const home = built.pages.find((p) => p.label === 'resident H5')!
    expect(home.budgetKb).toBe(FIRST_LOAD_BUDGET_KB)

    const signInContext = await phoneContext()
    await signInOn(await signInContext.newPage(), session.server, RESIDENT)
    const signedIn = await signInContext.storageState()
    await signInContext.close()

    const context = await phoneContext(signedIn)
    const page = await context.newPage()
    const scripts = recordScripts(page, built.gzipLevel)
    await page.goto(`${session.server.url}/m`)
    await page.getByTestId('home-greeting').waitFor()
    expect(page.url()).toBe(`${session.server.url}/m`)
    const beforeHome = [...scripts.paths].sort()
    await page.waitForLoadState('networkidle')
    const sizes = await scripts.settled()

    // Nothing more arrived once the home was shown (no late chunk escapes the measurement).
    expect([...scripts.paths].sort()).toEqual(beforeHome)
    expect(beforeHome).toEqual(home.chunks.map((c) => c.fileName).sort())
    for (const chunk of home.chunks) expect(sizes.get(chunk.fileName), chunk.fileName).toBe(chunk.gzip)
    const downloaded = sum(sizes.values())
    expect(downloaded).toBe(home.gzip)
    expect(downloaded).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_KB * 1000)
    console.log(`resident H5 first load in the browser: ${(downloaded / 1000).toFixed(1)} KB gzip, ${sizes.size} files`)
    await context.close()
  })

  it('the sign-in page from a cold cache downloads what the build reported for it', async () => {
    const built = report()
    const signInPage = built.pages.find((p) => p.label === 'sign-in page')!
    const context = await phoneContext()
    const page = await context.newPage()
    const scripts = recordScripts(page, built.gzipLevel)
    await page.goto(`${session.server.url}/login`)
    await page.getByTestId('login-submit').waitFor()
    await page.waitForLoadState('networkidle')
    const sizes = await scripts.settled()
    expect([...scripts.paths].sort()).toEqual(signInPage.chunks.map((c) => c.fileName).sort())
    expect(sum(sizes.values())).toBe(signInPage.gzip)
    console.log(`sign-in page first load in the browser: ${(signInPage.gzip / 1000).toFixed(1)} KB gzip`)
    await context.close()
  })

  it('English arrives when chosen, is remembered, and a reload shows it from the start', async () => {
    const context = await phoneContext()
    const page = await context.newPage()
    await signInOn(page, session.server, RESIDENT)
    const english = recordScripts(page, 9)
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('zh-CN')
    await page.getByTestId('locale-toggle').first().click()
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en')
    await expect.poll(() => page.getByTestId('tab-home').textContent()).toContain('Home')
    expect([...english.paths].some((path) => /\/en-[\w-]+\.js$/.test(path))).toBe(true)
    expect(await page.evaluate(() => localStorage.getItem('linli.locale'))).toBe('en')

    // Reloaded in English: the first paint of the home is already English.
    await page.reload()
    await page.getByTestId('home-greeting').waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    expect(await page.getByTestId('tab-home').textContent()).toContain('Home')

    await page.getByTestId('locale-toggle').first().click()
    await expect.poll(() => page.getByTestId('tab-home').textContent()).toContain('首页')
    expect(await page.evaluate(() => localStorage.getItem('linli.locale'))).toBe('zh-CN')
    await context.close()
  })
})
