/**
 * Accounts and privacy (issue 3) in headless Chromium against the real app with demo data.
 * On the phone (390×844): a person registers with the SMS code (a minor's birth date first asks
 * for a guardian), signs out, signs in with an SMS code, resets a forgotten password and signs
 * in with the new one; finds 阳光社区 in the directory for 我的住址 and picks a grid of it; opens
 * 我的数据 (which shows the address) and exports it; deletes the account and can no longer sign
 * in. On the console (1366×768): 阳光社区's staff verify the demo resident's real name (only the
 * masked number stays), view her contact details under the audit notice, and reset her password
 * in person; then register the residence of a person who has none, and reset theirs.
 * Screenshots go to ./screenshots/account-*.png for a human look.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PRIVACY_NOTICE_VERSION, isValidResidentId, maskIdNumber, shanghaiDateOf } from '@linli/shared'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordPii } from '../../support/logs.ts'
import { startTestServer, type TestServer } from '../../support/server.ts'

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url))
const PHONE = '13912340001'
const NAME = '林晓燕'
const FIRST_PASSWORD = 'Lantern2026'
const NEW_PASSWORD = 'Osmanthus2027'
const ADDRESS = '阳光花园5栋201室'
/** A person registered through the API, with no residence until the service hall records one. */
const WALK_IN = { phone: '13912340002', name: '赵德明', password: 'Camellia2026', address: '锦绣小区2栋601室' }
const STAFF = '13900000005' // 刘芳, staff of 阳光社区
const RESIDENT = '13900000001' // 王秀英, lives in 阳光社区
const DEMO_PASSWORD = 'Linli2026'
/** Fictional, checksum-valid (GB 11643) resident ID: born 1950-03-08. */
const RESIDENT_ID = '350102195003080028'

/**
 * The system clock, moved ahead on demand: the server allows one SMS code a minute per phone,
 * so the test skips that minute instead of waiting for it.
 */
const clock = {
  offsetMs: 0,
  now() {
    return new Date(Date.now() + this.offsetMs)
  },
  skipResendWait() {
    this.offsetMs += 61_000
  },
}

let server: TestServer
let browser: Browser

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  // The server's logs must hold none of these (tests/logs).
  recordPii(PHONE, NAME, ADDRESS, RESIDENT_ID, maskIdNumber(RESIDENT_ID), WALK_IN.phone, WALK_IN.name, WALK_IN.address)
  server = await startTestServer({ demo: true, web: true, clock })
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function openPhone(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    acceptDownloads: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  return context.newPage()
}

async function openDesk(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  return context.newPage()
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: `${SHOTS}account-${name}.png`, animations: 'disabled', fullPage })
}

async function signInWithPassword(page: Page, phone: string, password: string): Promise<void> {
  await page.getByTestId('login-phone').fill(phone)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('tab-me').click()
  await page.getByTestId('logout').click()
  await expect.poll(() => new URL(page.url()).pathname).toBe('/login')
}

/** Visible text smaller than 14px, and whether the page is wider than the phone. */
function layoutProblems(page: Page): Promise<{ small: string[]; overflow: boolean }> {
  return page.evaluate(() => {
    const small: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement
      if (!el || !node.textContent?.trim()) continue
      const rect = el.getBoundingClientRect()
      if (rect.width === 0 || rect.height === 0) continue
      const size = parseFloat(getComputedStyle(el).fontSize)
      if (size < 14) small.push(`${node.textContent.trim()} (${size}px)`)
    }
    return { small, overflow: document.documentElement.scrollWidth > window.innerWidth }
  })
}

/** A GraphQL call as the page would make it; throws on errors. */
async function api<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] }
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join('; '))
  return body.data!
}

/** Register a person with an SMS code through the API, as the registration page does. */
async function registerByApi(person: { phone: string; name: string; password: string }): Promise<void> {
  await api('mutation ($phone: String!) { requestSmsCode(phone: $phone, purpose: REGISTER) { expiresInSeconds } }', {
    phone: person.phone,
  })
  await api('mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }', {
    input: {
      phone: person.phone,
      password: person.password,
      realName: person.name,
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      smsCode: server.lastSmsCode(person.phone),
    },
  })
}

/** The date `years` years before today in China. */
function yearsAgo(years: number): string {
  const today = shanghaiDateOf(new Date())
  return `${Number(today.slice(0, 4)) - years}${today.slice(4, 7)}-01`
}

describe('a resident’s account on the phone', () => {
  it('registers with an SMS code, signs in by SMS, resets the password, exports the data and deletes the account', async () => {
    const page = await openPhone()
    await page.goto(`${server.url}/login`)

    // Register: a birth date under 14 asks for a guardian; an adult's does not.
    await page.getByRole('tab', { name: '注册' }).click()
    const form = page.getByTestId('register-form')
    await form.getByLabel('姓名').fill(NAME)
    await form.getByLabel('手机号').fill(PHONE)
    await page.getByTestId('register-birth-date').fill(yearsAgo(10))
    await expect.poll(() => page.getByTestId('register-guardian').isVisible()).toBe(true)
    expect(await page.getByTestId('register-guardian').textContent()).toContain('未满14周岁')
    await shot(page, 'register-minor', true)
    expect(await layoutProblems(page)).toEqual({ small: [], overflow: false })
    await page.getByTestId('register-birth-date').fill('1962-09-15')
    await expect.poll(() => page.getByTestId('register-guardian').count()).toBe(0)

    await page.getByTestId('register-get-code').click()
    await expect.poll(() => page.getByTestId('register-get-code').textContent()).toMatch(/\d+ 秒后重发/)
    await form.getByLabel('验证码').fill(server.lastSmsCode(PHONE))
    await form.getByLabel('密码').fill(FIRST_PASSWORD)
    await page.getByTestId('register-consent').click()
    await page.getByTestId('register-submit').click()
    await expect.poll(() => page.getByTestId('home-greeting').textContent()).toContain(NAME)
    await signOut(page)

    // Sign in with an SMS code.
    await page.getByRole('tab', { name: '验证码登录' }).click()
    await page.getByTestId('sms-login-phone').locator('input').fill(PHONE)
    clock.skipResendWait()
    await page.getByTestId('sms-login-get-code').click()
    await expect.poll(() => page.getByTestId('sms-login-get-code').textContent()).toMatch(/\d+ 秒后重发/)
    await page.getByTestId('sms-login-sms-code').locator('input').fill(server.lastSmsCode(PHONE))
    await shot(page, 'sms-login')
    expect(await layoutProblems(page)).toEqual({ small: [], overflow: false })
    await page.getByTestId('sms-login-submit').click()
    await expect.poll(() => page.getByTestId('home-greeting').textContent()).toContain(NAME)
    await signOut(page)

    // 忘记密码: a RESET_PASSWORD code and the new password twice, back to sign-in with a toast.
    await page.getByTestId('login-phone').fill(PHONE)
    await page.getByTestId('forgot-password').click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login/reset')
    expect(await page.getByTestId('reset-phone').locator('input').inputValue()).toBe(PHONE)
    clock.skipResendWait()
    await page.getByTestId('reset-get-code').click()
    await expect.poll(() => page.getByTestId('reset-get-code').textContent()).toMatch(/\d+ 秒后重发/)
    await page.getByTestId('reset-sms-code').locator('input').fill(server.lastSmsCode(PHONE))
    await page.getByTestId('reset-password').locator('input').fill(NEW_PASSWORD)
    await page.getByTestId('reset-repeat').locator('input').fill(`${NEW_PASSWORD}x`)
    await page.getByTestId('reset-submit').click()
    await expect.poll(() => page.getByText('两次输入的密码不一样').isVisible()).toBe(true)
    await page.getByTestId('reset-repeat').locator('input').fill(NEW_PASSWORD)
    await shot(page, 'reset')
    expect(await layoutProblems(page)).toEqual({ small: [], overflow: false })
    await page.getByTestId('reset-submit').click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login')
    await expect.poll(() => page.getByText('密码已重设，请用新密码登录').isVisible()).toBe(true)
    await shot(page, 'reset-done')
    expect(await page.getByTestId('login-phone').inputValue()).toBe(PHONE)

    await page.getByTestId('login-password').fill(FIRST_PASSWORD)
    await page.getByTestId('login-submit').click()
    await expect.poll(() => page.getByTestId('login-error').textContent()).toBe('手机号或密码不正确')
    await signInWithPassword(page, PHONE, NEW_PASSWORD)
    await expect.poll(() => page.getByTestId('home-greeting').textContent()).toContain(NAME)

    // 我的: the new entries.
    await page.getByTestId('tab-me').click()
    await page.getByTestId('me-my-data').waitFor()
    await expect.poll(() => page.getByTestId('me-residence').textContent()).toContain('未登记')
    await shot(page, 'me', true)
    expect(await layoutProblems(page)).toEqual({ small: [], overflow: false })

    // 我的住址: nothing on record; the community comes from the directory, by name, with its
    // street and district; a grid of it next; the service hall is only a hint.
    await page.getByTestId('me-residence').click()
    await expect.poll(() => page.getByTestId('residence-current').textContent()).toContain('您还没有登记住址')
    expect(await page.getByTestId('residence-hall-hint').textContent()).toContain('服务大厅')
    await shot(page, 'residence')
    expect(await layoutProblems(page)).toEqual({ small: [], overflow: false })
    await page.getByTestId('residence-community').click()
    await page.getByTestId('residence-search').locator('input').fill('阳光')
    const option = page.getByTestId('residence-option')
    await expect.poll(() => option.allInnerTexts()).toEqual([expect.stringMatching(/阳光社区\s+华林街道 · 鼓楼区/)])
    await shot(page, 'residence-search')
    expect(await layoutProblems(page)).toEqual({ small: [], overflow: false })
    await option.first().click()
    const gridSheet = page.getByTestId('residence-grid-sheet')
    await expect
      .poll(() => gridSheet.locator('.van-action-sheet__item').allInnerTexts())
      .toEqual(['不选网格', '第一网格（阳光花园）', '第二网格（锦绣小区）', '第三网格（老街片区）'])
    await shot(page, 'residence-grid')
    await gridSheet.getByRole('button', { name: '第一网格（阳光花园）' }).click()
    await expect.poll(() => page.getByTestId('residence-grid-name').textContent()).toContain('第一网格（阳光花园）')
    expect(await page.getByTestId('residence-community').textContent()).toContain('华林街道 · 鼓楼区')
    await page.getByTestId('residence-address').locator('textarea').fill(ADDRESS)
    await page.getByTestId('residence-save').click()
    await expect.poll(() => page.getByTestId('residence-current').textContent()).toContain(ADDRESS)
    expect(await page.getByTestId('residence-current').textContent()).toContain('阳光社区 · 第一网格（阳光花园）')
    await page.locator('.van-toast').waitFor({ state: 'hidden' })
    await shot(page, 'residence-saved')
    expect(await layoutProblems(page)).toEqual({ small: [], overflow: false })
    await page.locator('.van-nav-bar__left').click()
    await expect.poll(() => page.getByTestId('me-residence').textContent()).toContain('阳光社区')

    // 我的数据: name and phone, the address, then the export.
    await page.getByTestId('me-my-data').click()
    await expect.poll(() => page.getByTestId('my-data-profile-realName').textContent()).toBe(NAME)
    expect(await page.getByTestId('my-data-residences-communityName').textContent()).toBe('阳光社区')
    expect(await page.getByTestId('my-data-residences-gridName').textContent()).toBe('第一网格（阳光花园）')
    expect(await page.getByTestId('my-data-residences-address').textContent()).toBe(ADDRESS)
    expect(await page.getByTestId('my-data-profile-phone').textContent()).toBe(PHONE)
    expect(await page.getByTestId('my-data-roles-role').first().textContent()).toBe('居民')
    expect(await page.getByTestId('my-data-consents-kind').first().textContent()).toBe('隐私政策')
    expect(await page.locator('.van-nav-bar__title').textContent()).toBe('我的数据')
    await shot(page, 'my-data', true)
    expect(await layoutProblems(page)).toEqual({ small: [], overflow: false })
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('my-data-export').click()])
    expect(download.suggestedFilename()).toMatch(/^linli-my-data-\d{4}-\d{2}-\d{2}\.json$/)
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      profile: { realName: string; phone: string; status: string }
      sessions: unknown[]
    }
    expect(exported.profile).toMatchObject({ realName: NAME, phone: PHONE, status: 'active' })
    expect(exported.sessions.length).toBeGreaterThanOrEqual(3)

    // 注销账号: what goes and what stays, the password, a confirmation; then signed out.
    await page.locator('.van-nav-bar__left').click()
    await page.getByTestId('me-delete-account').click()
    await expect.poll(() => page.getByTestId('deletion-kept').textContent()).toContain('服务时长')
    expect(await page.getByTestId('deletion-kept').textContent()).toContain('志愿服务记录证明')
    await page.getByTestId('deletion-password').locator('input').fill(NEW_PASSWORD)
    await shot(page, 'delete', true)
    expect(await layoutProblems(page)).toEqual({ small: [], overflow: false })
    await page.getByTestId('deletion-submit').click()
    await page.getByRole('button', { name: '确定注销' }).click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login')
    await expect.poll(() => page.getByText('账号已注销').isVisible()).toBe(true)
    expect(await page.evaluate(() => localStorage.getItem('linli.refreshToken'))).toBeNull()

    await signInWithPassword(page, PHONE, NEW_PASSWORD)
    await expect.poll(() => page.getByTestId('login-error').textContent()).toBe('手机号或密码不正确')
    await shot(page, 'deleted-signin')
    await page.context().close()
  })
})

describe('居民核验 on the console', () => {
  it('staff verify a resident’s real name, view her contact under the audit notice and reset her password', async () => {
    expect(isValidResidentId(RESIDENT_ID)).toBe(true)
    const page = await openDesk()
    await page.goto(`${server.url}/`)
    await signInWithPassword(page, STAFF, DEMO_PASSWORD)
    await page.getByTestId('home-greeting').waitFor()
    await page.getByRole('menuitem', { name: '居民核验' }).click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/residents')

    await page.getByTestId('desk-phone').fill(RESIDENT)
    await page.getByTestId('desk-find').click()
    await expect.poll(() => page.getByTestId('desk-person').textContent()).toContain('王*英')
    expect(await page.getByTestId('desk-person').textContent()).toContain('139****0001')
    expect(await page.getByTestId('desk-person').textContent()).toContain('查看联系方式')
    expect(await page.content()).not.toContain('王秀英')

    // 实名核验: afterwards only the masked number is on the page.
    await page.getByTestId('desk-id-number').fill(RESIDENT_ID)
    await page.getByTestId('desk-verify-submit').click()
    await expect.poll(() => page.getByTestId('desk-verified').textContent()).toContain(maskIdNumber(RESIDENT_ID))
    expect(await page.getByTestId('desk-verified').textContent()).toContain('居民身份证')
    expect(await page.getByTestId('desk-id-number').inputValue()).toBe('')
    expect(await page.content()).not.toContain(RESIDENT_ID)
    await shot(page, 'desk-verified')

    // 联系方式: the notice that each view is recorded, then the full phone and address.
    expect(await page.getByTestId('desk-contact-notice').textContent()).toContain('每次查看完整手机号和住址都会被记录')
    await page.getByTestId('desk-view-contact').click()
    await expect.poll(() => page.getByTestId('desk-contact-phone').textContent()).toBe(RESIDENT)
    expect(await page.getByTestId('desk-contact-name').textContent()).toBe('王秀英')
    expect(await page.getByTestId('desk-contact-address').textContent()).toBe('阳光花园1栋302室')
    await page.getByTestId('desk-contact').scrollIntoViewIfNeeded()
    await shot(page, 'desk-contact', true)

    // 当面重设密码: the resident then signs in with the new password.
    await page.getByTestId('desk-new-password').fill('Sunflower2026')
    await page.getByTestId('desk-repeat-password').fill('Sunflower2026')
    await page.getByTestId('desk-reset-submit').click()
    await expect.poll(() => page.getByTestId('desk-reset-done').isVisible()).toBe(true)
    await page.context().close()

    const phone = await openPhone()
    await phone.goto(`${server.url}/login`)
    await signInWithPassword(phone, RESIDENT, 'Sunflower2026')
    await expect.poll(() => phone.getByTestId('home-greeting').textContent()).toContain('王秀英')
    await phone.context().close()
  })

  it('staff register the residence of a person who has none, then reset their password in person', async () => {
    await registerByApi(WALK_IN)
    const page = await openDesk()
    await page.goto(`${server.url}/`)
    await signInWithPassword(page, STAFF, DEMO_PASSWORD)
    await page.getByTestId('home-greeting').waitFor()
    await page.goto(`${server.url}/console/residents`)
    await page.getByTestId('desk-phone').fill(WALK_IN.phone)
    await page.getByTestId('desk-find').click()
    await expect.poll(() => page.getByTestId('desk-person').textContent()).toContain('赵*明')

    // Living nowhere yet: the desk cannot reset the password, and says where to start.
    await page.getByTestId('desk-new-password').fill(WALK_IN.password + 'x')
    await page.getByTestId('desk-repeat-password').fill(WALK_IN.password + 'x')
    await page.getByTestId('desk-reset-submit').click()
    await expect.poll(() => page.getByTestId('desk-reset').textContent()).toContain('请先在上方“登记住址”')

    // 登记住址: the staff member's community, one of its grids (none chosen yet), the address.
    expect(await page.getByTestId('desk-residence-community').textContent()).toBe('阳光社区')
    expect(await page.getByTestId('desk-residence-grid').innerText()).toContain('不选网格')
    await page.getByTestId('desk-residence-grid').click()
    await expect
      .poll(() => page.getByRole('option').allInnerTexts())
      .toEqual(['不选网格', '第一网格（阳光花园）', '第二网格（锦绣小区）', '第三网格（老街片区）'])
    await page.getByRole('option', { name: '第二网格（锦绣小区）', exact: true }).click()
    await page.getByTestId('desk-residence-address').fill(WALK_IN.address)
    await page.getByTestId('desk-residence-submit').click()
    await expect
      .poll(() => page.getByTestId('desk-residence-done').textContent())
      .toContain('阳光社区 · 第二网格（锦绣小区）')
    await page.mouse.move(0, 0)
    await shot(page, 'desk-residence', true)
    expect((await layoutProblems(page)).small).toEqual([])

    // Now a resident here: the password is reset, and the contact shows the full name.
    await page.getByTestId('desk-new-password').fill('Magnolia2026')
    await page.getByTestId('desk-repeat-password').fill('Magnolia2026')
    await page.getByTestId('desk-reset-submit').click()
    await expect.poll(() => page.getByTestId('desk-reset-done').isVisible()).toBe(true)
    await page.getByTestId('desk-view-contact').click()
    await expect.poll(() => page.getByTestId('desk-contact-name').textContent()).toBe(WALK_IN.name)
    expect(await page.getByTestId('desk-contact-address').textContent()).toBe(WALK_IN.address)
    await page.context().close()

    // The resident signs in with the new password and finds the address registered for them.
    const phone = await openPhone()
    await phone.goto(`${server.url}/login`)
    await signInWithPassword(phone, WALK_IN.phone, 'Magnolia2026')
    await expect.poll(() => phone.getByTestId('home-greeting').textContent()).toContain(WALK_IN.name)
    await phone.getByTestId('tab-me').click()
    await expect.poll(() => phone.getByTestId('me-residence').textContent()).toContain('阳光社区')
    await phone.getByTestId('me-residence').click()
    await expect
      .poll(() => phone.getByTestId('residence-current').textContent())
      .toContain('阳光社区 · 第二网格（锦绣小区）')
    expect(await phone.getByTestId('residence-community').textContent()).toContain('华林街道 · 鼓楼区')
    await shot(phone, 'residence-registered')
    await phone.context().close()
  })

  it('offers 居民核验 to community staff only', async () => {
    const page = await openDesk()
    await page.goto(`${server.url}/`)
    await signInWithPassword(page, '13900000006', DEMO_PASSWORD) // street admin
    await page.getByTestId('home-greeting').waitFor()
    await expect.poll(() => page.getByRole('menuitem', { name: '居民核验' }).count(), { timeout: 10_000 }).toBe(0)
    await page.goto(`${server.url}/console/residents`)
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console')
    await page.context().close()
  })
})
