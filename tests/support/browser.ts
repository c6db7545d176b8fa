/**
 * Browser tests: Debian's Chromium driven by playwright-core (no browser download), a real
 * server with the demo community, and where screenshots go.
 */
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { startTestServer, type TestServer } from './server.ts'

export const SCREENSHOTS = fileURLToPath(new URL('../web/e2e/screenshots/', import.meta.url))
export const VIEWPORTS = { mobile: { width: 390, height: 844 }, console: { width: 1366, height: 768 } } as const
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
 * Read `server` and `browser` inside tests (they exist once beforeAll has run).
 */
export function useBrowserSession(): { readonly server: TestServer; readonly browser: Browser } {
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
  }
}

/** Sign in through the real page in a fresh context; resolves on the role's home. */
export async function signIn(
  browser: Browser,
  server: TestServer,
  phone: string,
  viewport: { width: number; height: number } = VIEWPORTS.console,
  password = DEMO_PASSWORD,
): Promise<Page> {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  await page.goto(`${server.url}/`)
  await page.getByTestId('login-phone').fill(phone)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('home-greeting').waitFor()
  return page
}
