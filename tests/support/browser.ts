/**
 * Browser tests: Debian's Chromium driven by playwright-core (no browser download), a real
 * server with the demo community, signing in through the real page, and screenshots (where
 * they go, taken once the page has settled). GraphQL calls beside the pages: ./e2e-api.ts.
 */
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import { startTestServer, type TestServer } from './server.ts'

export const SCREENSHOTS = fileURLToPath(new URL('../web/e2e/screenshots/', import.meta.url))
export const VIEWPORTS = { mobile: { width: 390, height: 844 }, console: { width: 1366, height: 768 } } as const
export type Viewport = { width: number; height: number }
export const DEMO_PASSWORD = 'Linli2026'

/** Flags that keep headless Chromium off the network this machine does not have. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

/** The demo server and a browser, for a test file's beforeAll; `close` for its afterAll. */
export async function startBrowserSession(): Promise<{ server: TestServer; browser: Browser; close(): Promise<void> }> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const server = await startTestServer({ demo: true, web: true })
  const browser = await launchChromium()
  return {
    server,
    browser,
    async close() {
      await browser.close()
      await server.close()
    },
  }
}

/**
 * For a test file: the demo server and one browser, started before its tests and closed after.
 * Read `server` and `browser` inside tests (they exist once beforeAll has run); `signIn` opens a
 * fresh console (or `viewport`) page signed in as `phone`.
 */
export function useBrowserSession(): {
  readonly server: TestServer
  readonly browser: Browser
  signIn(phone: string, viewport?: Viewport): Promise<Page>
} {
  let session: Awaited<ReturnType<typeof startBrowserSession>> | undefined
  beforeAll(async () => {
    session = await startBrowserSession()
  })
  afterAll(() => session?.close())
  return {
    get server() {
      return session!.server
    },
    get browser() {
      return session!.browser
    },
    signIn(phone, viewport) {
      return signIn(session!.browser, session!.server, phone, viewport)
    },
  }
}

/** Sign in through the real page in a fresh context; resolves on the role's home. */
export async function signIn(
  browser: Browser,
  server: TestServer,
  phone: string,
  viewport: Viewport = VIEWPORTS.console,
  password = DEMO_PASSWORD,
): Promise<Page> {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  await signInOn(page, server, phone, password)
  return page
}

/** Sign in through the real page on this page (its context set up by the caller); resolves on the role's home. */
export async function signInOn(
  page: Page,
  server: Pick<TestServer, 'url'>,
  phone: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${server.url}/`)
  await page.getByTestId('login-phone').fill(phone)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('home-greeting').waitFor()
}

/**
 * A screenshot to SCREENSHOTS/`name`.png for a human look, once the toasts have faded (they would
 * cover the page), the fonts are in and the mouse is off whatever it hovered.
 */
export async function screenshot(page: Page, name: string, { fullPage = false } = {}): Promise<void> {
  await expect.poll(() => page.locator('.el-message').count(), { timeout: 10_000 }).toBe(0)
  await page.evaluate(() => document.fonts.ready)
  await page.mouse.move(0, 0)
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, animations: 'disabled', fullPage })
}

/** Visible text smaller than 14px, as "text (size)": nothing on the pages reads smaller. */
export function smallText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement
      if (!el || !node.textContent?.trim()) continue
      const rect = el.getBoundingClientRect()
      if (rect.width === 0 || rect.height === 0) continue
      const size = parseFloat(getComputedStyle(el).fontSize)
      if (size < 14) found.push(`${node.textContent.trim()} (${size}px)`)
    }
    return found
  })
}

/** Pick an option of an Element Plus select by its words. */
export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  await select.click()
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: option }).first().click()
}

/**
 * Choose the language with the page's 中文/EN toggle, as a person would — the choice follows the
 * person (saved to their account, which a reload or the next sign-in applies) — and wait until it
 * is saved; then reload.
 */
export async function chooseLocale(page: Page, to: 'zh-CN' | 'en'): Promise<void> {
  if ((await page.getAttribute('html', 'lang')) !== to) {
    const saved = page.waitForResponse((r) => r.request().postData()?.includes('setMyPreferences') ?? false)
    await page.getByTestId('locale-toggle').first().click()
    await saved
  }
  await page.reload()
}
