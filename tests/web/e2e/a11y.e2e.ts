/**
 * Accessibility of both faces in headless Chromium (demo data, built web/dist): axe-core finds no
 * serious or critical violation on the sign-in page, the H5 shell (home, 消息 with an unread
 * notification, 我的, 我的数据) and the
 * console shell (home, 社区设置, 操作日志, 需求分拣, 项目编辑; the header's notification bell on each), in Chinese and English, and in 长辈模式 (elder mode),
 * where no visible phone text is below 18px and every button, link and cell is at least 44px.
 * A deep link to /m/me survives the sign-in (shared links from WeChat land where they point).
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations, smallTargets, textBelow } from '../../support/a11y.ts'
import { DEMO_PASSWORD, SCREENSHOTS as SHOTS, VIEWPORTS, signIn, useBrowserSession } from '../../support/browser.ts'

const RESIDENT = '13900000001'
const STAFF = '13900000005'
const UNIT_ADMIN = '13900000003'

const session = useBrowserSession()

/** As the hospital's admin, invite the resident onto its roster: she has an unread notification. */
async function notifyResident(): Promise<void> {
  const call = async <T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
    const res = await fetch(`${session.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    })
    const body = (await res.json()) as { data?: T; errors?: unknown[] }
    if (!body.data || body.errors) throw new Error(JSON.stringify(body.errors))
    return body.data
  }
  const { login } = await call<{ login: { accessToken: string; me: { roles: { role: string; scopeId: string }[] } } }>(
    'mutation($phone: String!, $password: String!) { login(phone: $phone, password: $password) { accessToken me { roles { role scopeId } } } }',
    { phone: UNIT_ADMIN, password: DEMO_PASSWORD },
  )
  const unitId = login.me.roles.find((g) => g.role === 'unit_admin')!.scopeId
  await call(
    'mutation($unitId: ID!, $phone: String!) { inviteUnitMember(unitId: $unitId, phone: $phone) { status } }',
    { unitId, phone: RESIDENT },
    login.accessToken,
  )
}

async function openMobile(): Promise<Page> {
  const context = await session.browser.newContext({
    viewport: VIEWPORTS.mobile,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  })
  return context.newPage()
}

async function go(page: Page, path: string, ready: string): Promise<void> {
  await page.goto(`${session.server.url}${path}`)
  await page.getByTestId(ready).first().waitFor()
}

async function switchLocale(page: Page, to: 'zh-CN' | 'en'): Promise<void> {
  if ((await page.getAttribute('html', 'lang')) !== to) await page.getByTestId('locale-toggle').first().click()
  await expect.poll(() => page.getAttribute('html', 'lang')).toBe(to)
}

async function setElder(page: Page, on: boolean): Promise<void> {
  const toggle = page.getByTestId('elder-toggle').first()
  if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click()
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('linli-elder'))).toBe(on)
}

describe('accessibility', () => {
  it('the sign-in page has no serious violations, in both languages and in elder mode', async () => {
    const page = await openMobile()
    await go(page, '/login', 'login-submit')
    for (const locale of ['zh-CN', 'en'] as const) {
      await switchLocale(page, locale)
      expect(await seriousViolations(page), `sign-in ${locale}`).toEqual([])
    }
    await switchLocale(page, 'zh-CN')
    await setElder(page, true)
    expect(await seriousViolations(page)).toEqual([])
    expect(await textBelow(page, 18)).toEqual([])
    expect(await smallTargets(page)).toEqual([])
    await page.screenshot({ path: `${SHOTS}a11y-signin-elder-zh.png`, animations: 'disabled' })

    // Remembered: a reload keeps elder mode on <html>.
    await page.reload()
    await page.getByTestId('login-submit').waitFor()
    expect(await page.evaluate(() => document.documentElement.classList.contains('linli-elder'))).toBe(true)
    await page.context().close()
  })

  it('the H5 shell passes in both languages, normally and in elder mode (18px text, 44px targets)', async () => {
    await notifyResident()
    const page = await signIn(session.browser, session.server, RESIDENT, VIEWPORTS.mobile)
    const pages = [
      { path: '/m', ready: 'home-greeting', name: 'home' },
      { path: '/m/messages', ready: 'notification-item', name: 'messages' },
      { path: '/m/me', ready: 'logout', name: 'me' },
      { path: '/m/me/data', ready: 'my-data-profile', name: 'my-data' },
      { path: '/m/needs/new', ready: 'need-title', name: 'need-form' },
    ]
    for (const elder of [false, true]) {
      if (elder) {
        await go(page, '/m/me', 'elder-toggle')
        await setElder(page, true)
      }
      for (const locale of ['zh-CN', 'en'] as const) {
        for (const { path, ready, name } of pages) {
          await go(page, path, ready)
          await switchLocale(page, locale)
          const where = `${name} ${locale}${elder ? ' elder' : ''}`
          expect(await seriousViolations(page), where).toEqual([])
          expect(await textBelow(page, elder ? 18 : 14), where).toEqual([])
          if (elder) expect(await smallTargets(page), where).toEqual([])
          if (locale === 'zh-CN' && name !== 'my-data') {
            await page.screenshot({
              path: `${SHOTS}a11y-h5-${name}-${elder ? 'elder' : 'normal'}.png`,
              animations: 'disabled',
            })
          }
        }
      }
    }
    await page.context().close()
  })

  it('the console shell passes in both languages and in elder mode', async () => {
    const page = await signIn(session.browser, session.server, STAFF)
    const pages = [
      { path: '/console', ready: 'home-greeting', name: 'home' },
      { path: '/console/admin/settings', ready: 'admin-settings', name: 'settings' },
      { path: '/console/admin/audit', ready: 'audit-table', name: 'audit' },
      { path: '/console/needs', ready: 'needs-table', name: 'needs' },
      { path: '/console/projects/new', ready: 'editor-needs', name: 'project-editor' },
    ]
    for (const elder of [false, true]) {
      for (const locale of ['zh-CN', 'en'] as const) {
        for (const { path, ready, name } of pages) {
          await go(page, path, ready)
          await switchLocale(page, locale)
          if (elder) await setElder(page, true)
          // Let the page's data arrive (the audit table shows its rows, not "loading").
          await page.waitForLoadState('networkidle')
          const where = `console ${name} ${locale}${elder ? ' elder' : ''}`
          expect(await seriousViolations(page), where).toEqual([])
          if (locale === 'zh-CN') {
            await page.screenshot({
              path: `${SHOTS}a11y-console-${name}${elder ? '-elder' : ''}.png`,
              animations: 'disabled',
            })
          }
        }
      }
    }
    await page.context().close()
  })

  it('the unit admin’s 项目市场 passes in both languages and in elder mode', async () => {
    const page = await signIn(session.browser, session.server, UNIT_ADMIN)
    for (const elder of [false, true]) {
      for (const locale of ['zh-CN', 'en'] as const) {
        await go(page, '/console/market', 'market-page')
        await switchLocale(page, locale)
        if (elder) await setElder(page, true)
        await page.waitForLoadState('networkidle')
        const where = `console market ${locale}${elder ? ' elder' : ''}`
        expect(await seriousViolations(page), where).toEqual([])
        if (locale === 'zh-CN') {
          await page.screenshot({
            path: `${SHOTS}a11y-console-market${elder ? '-elder' : ''}.png`,
            animations: 'disabled',
          })
        }
      }
    }
    await page.context().close()
  })

  it('a deep link to /m/me returns there after signing in', async () => {
    const page = await openMobile()
    await page.goto(`${session.server.url}/m/me`)
    await page.getByTestId('login-submit').waitFor()
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/m/me')
    await page.getByTestId('login-phone').fill(RESIDENT)
    await page.getByTestId('login-password').fill(DEMO_PASSWORD)
    await page.getByTestId('login-submit').click()
    await page.getByTestId('logout').waitFor()
    expect(new URL(page.url()).pathname).toBe('/m/me')
    // An outside address is never followed.
    await page.goto(`${session.server.url}/login?redirect=//evil.example/`)
    await expect.poll(() => new URL(page.url()).pathname).toBe('/m')
    await page.context().close()
  })
})
