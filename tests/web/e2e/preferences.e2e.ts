/**
 * Language and 长辈模式 survive a reload and a new sign-in (issue 10, Done-when 5): 王秀英 picks
 * English and elder mode on her phone; a reload keeps them; signing out and in again keeps them;
 * and signing in on another phone (a fresh browser, nothing stored) brings them back from her
 * account. Switching back on that phone is what the first phone gets at its next sign-in.
 */
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { VIEWPORTS, signInOn, useBrowserSession } from '../../support/browser.ts'

const RESIDENT = '13900000001'
const session = useBrowserSession()

async function phone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS.mobile, isMobile: true, hasTouch: true })
  return context.newPage()
}

const state = (page: Page) =>
  page.evaluate(() => ({
    lang: document.documentElement.lang,
    elder: document.documentElement.classList.contains('linli-elder'),
  }))

/** What her account holds now, asked with this page's session. */
const saved = (page: Page) =>
  page.evaluate(async () => {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${localStorage.getItem('linli.accessToken')}`,
      },
      body: JSON.stringify({ query: '{ me { preferences { locale elderMode } } }' }),
    })
    return ((await res.json()) as { data: { me: { preferences: unknown } } }).data.me.preferences
  })

async function signOut(page: Page): Promise<void> {
  await page.goto(`${session.server.url}/m/me`)
  await page.getByTestId('logout').click()
  await page.getByTestId('login-submit').waitFor()
}

describe('language and elder mode follow the person', () => {
  it('survive a reload, a new sign-in, and a sign-in on another phone', async () => {
    const first = await phone(session.browser)
    await signInOn(first, session.server, RESIDENT)
    expect(await state(first)).toEqual({ lang: 'zh-CN', elder: false })
    await first.goto(`${session.server.url}/m/me`)
    await first.getByTestId('elder-toggle').first().click()
    await first.getByTestId('locale-toggle').first().click()
    await expect.poll(() => state(first), { timeout: 10_000 }).toEqual({ lang: 'en', elder: true })
    // Saved to the account (not only this browser).
    await expect.poll(() => saved(first), { timeout: 10_000 }).toEqual({ locale: 'en', elderMode: true })

    await first.reload()
    await first.getByTestId('logout').waitFor()
    expect(await state(first)).toEqual({ lang: 'en', elder: true })
    await expect(first.getByTestId('logout').textContent()).resolves.toMatch(/sign out/i)

    await signOut(first)
    await signInOn(first, session.server, RESIDENT)
    expect(await state(first)).toEqual({ lang: 'en', elder: true })

    // Another phone: nothing stored there; her account brings both back.
    const second = await phone(session.browser)
    await second.goto(`${session.server.url}/`)
    await second.getByTestId('login-submit').waitFor()
    expect(await state(second)).toEqual({ lang: 'zh-CN', elder: false })
    await signInOn(second, session.server, RESIDENT)
    await expect.poll(() => state(second), { timeout: 10_000 }).toEqual({ lang: 'en', elder: true })

    // Back to Chinese, normal type, on the second phone: the first gets it at its next sign-in.
    await second.goto(`${session.server.url}/m/me`)
    await second.getByTestId('locale-toggle').first().click()
    await second.getByTestId('elder-toggle').first().click()
    await expect.poll(() => state(second), { timeout: 10_000 }).toEqual({ lang: 'zh-CN', elder: false })
    await expect.poll(() => saved(second), { timeout: 10_000 }).toEqual({ locale: 'zh-CN', elderMode: false })
    await signOut(first)
    await signInOn(first, session.server, RESIDENT)
    await expect.poll(() => state(first), { timeout: 10_000 }).toEqual({ lang: 'zh-CN', elder: false })
    await first.context().close()
    await second.context().close()
  })
})
