/**
 * The web shell in headless Chromium against the real app (demo data, built web/dist): every
 * demo account signs in through the page and lands on its role's home, in Chinese and English.
 * Screenshots go to ./screenshots (git-ignored) for a human look.
 */
import type { Role } from '@linli/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  DEMO_PASSWORD as PASSWORD,
  SCREENSHOTS as SHOTS,
  VIEWPORTS,
  smallText,
  useBrowserSession,
} from '../../support/browser.ts'

interface Account {
  phone: string
  realName: string
  role: Role
  zh: string
  en: string
  scope: string
  face: 'mobile' | 'console'
}

const ACCOUNTS: Account[] = [
  {
    phone: '13900000001',
    realName: '王秀英',
    role: 'resident',
    zh: '居民',
    en: 'Resident',
    scope: '本人',
    face: 'mobile',
  },
  {
    phone: '13900000002',
    realName: '李志强',
    role: 'volunteer',
    zh: '志愿者',
    en: 'Volunteer',
    scope: '本人',
    face: 'mobile',
  },
  {
    phone: '13900000003',
    realName: '赵明',
    role: 'unit_admin',
    zh: '联盟单位管理员',
    en: 'Unit admin',
    scope: '鼓楼区人民医院',
    face: 'console',
  },
  {
    phone: '13900000004',
    realName: '陈静',
    role: 'grid_worker',
    zh: '网格员',
    en: 'Grid worker',
    scope: '第一网格（阳光花园）',
    face: 'console',
  },
  {
    phone: '13900000005',
    realName: '刘芳',
    role: 'community_staff',
    zh: '社区工作人员',
    en: 'Community staff',
    scope: '阳光社区',
    face: 'console',
  },
  {
    phone: '13900000006',
    realName: '孙伟',
    role: 'street_admin',
    zh: '街道管理员',
    en: 'Street admin',
    scope: '华林街道',
    face: 'console',
  },
  {
    phone: '13900000007',
    realName: '周丽',
    role: 'district_admin',
    zh: '区级管理员',
    en: 'District admin',
    scope: '鼓楼区',
    face: 'console',
  },
  {
    phone: '13900000008',
    realName: '吴刚',
    role: 'community_staff',
    zh: '社区工作人员',
    en: 'Community staff',
    scope: '和平社区',
    face: 'console',
  },
]

const session = useBrowserSession()

async function openFresh(face: Account['face']): Promise<Page> {
  const context = await session.browser.newContext({
    viewport: VIEWPORTS[face],
    deviceScaleFactor: face === 'mobile' ? 2 : 1,
    isMobile: face === 'mobile',
    hasTouch: face === 'mobile',
  })
  return context.newPage()
}

async function signIn(page: Page, phone: string, password: string, shot?: string): Promise<void> {
  await page.goto(`${session.server.url}/`)
  await page.getByTestId('login-submit').waitFor()
  if (shot) await page.screenshot({ path: `${SHOTS}${shot}`, animations: 'disabled' })
  await page.getByTestId('login-phone').fill(phone)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
}

describe('role homes', () => {
  it('signs in every demo account and shows its home in Chinese and English', async () => {
    for (const account of ACCOUNTS) {
      const page = await openFresh(account.face)
      await signIn(page, account.phone, PASSWORD, account.role === 'resident' ? 'signin-mobile-zh.png' : undefined)

      await expect.poll(() => page.getByTestId('home-greeting').textContent()).toContain(account.realName)
      expect(new URL(page.url()).pathname).toBe(account.face === 'mobile' ? '/m' : '/console')
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN')
      expect((await page.getByTestId('home-role').textContent())?.trim()).toBe(account.zh)
      expect((await page.getByTestId('home-scope').textContent())?.trim()).toBe(account.scope)
      if (account.face === 'mobile') expect(await smallText(page)).toEqual([])
      await page.evaluate(() => document.fonts.ready)
      await page.screenshot({ path: `${SHOTS}${account.role}-${account.phone}-zh.png`, animations: 'disabled' })

      await page.getByTestId('locale-toggle').first().click()
      await expect.poll(() => page.getByTestId('home-role').textContent()).toBe(account.en)
      expect(await page.getAttribute('html', 'lang')).toBe('en')
      expect(await page.getByTestId('home-greeting').textContent()).toContain(account.realName)
      if (account.face === 'mobile') expect(await smallText(page)).toEqual([])
      await page.screenshot({ path: `${SHOTS}${account.role}-${account.phone}-en.png`, animations: 'disabled' })

      // Back to Chinese: the choice follows the person, so their next sign-in would be in English.
      const saved = page.waitForResponse((r) => r.request().postData()?.includes('setMyPreferences') ?? false)
      await page.getByTestId('locale-toggle').first().click()
      await saved
      await page.context().close()
    }
  })

  it('shows a wrong password by its code, switches roles across faces and signs out', async () => {
    const page = await openFresh('console')
    await signIn(page, '13900000005', 'not-the-password1')
    await expect.poll(() => page.getByTestId('login-error').textContent()).toBe('手机号或密码不正确')
    await page.screenshot({ path: `${SHOTS}login-error-zh.png`, animations: 'disabled' })

    await page.getByTestId('login-password').fill(PASSWORD)
    await page.getByTestId('login-submit').click()
    await expect.poll(() => page.getByTestId('home-role').textContent()).toBe('社区工作人员')
    await page.getByRole('menuitem', { name: '我的账户' }).click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/account')
    await page.screenshot({ path: `${SHOTS}console-account-zh.png`, animations: 'disabled' })

    // 刘芳 also holds `resident`: acting as it moves her to the phone face.
    await page.getByTestId('role-switcher').click()
    await page.getByRole('menuitem', { name: '居民 · 本人' }).click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/m')
    expect((await page.getByTestId('home-role').textContent())?.trim()).toBe('居民')

    // The choice survives a reload; the session too.
    await page.reload()
    await expect.poll(() => page.getByTestId('home-role').textContent()).toBe('居民')

    await page.getByTestId('tab-me').click()
    await page.getByTestId('logout').waitFor()
    await page.screenshot({ path: `${SHOTS}mobile-me-zh.png`, animations: 'disabled' })
    await page.getByTestId('logout').click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login')
    expect(await page.evaluate(() => localStorage.getItem('linli.refreshToken'))).toBeNull()
    await page.context().close()
  })

  it('registers a resident with an SMS code who consents to the current privacy notice', async () => {
    const page = await openFresh('mobile')
    await page.goto(`${session.server.url}/login`)
    await page.getByRole('tab', { name: '注册' }).click()
    await page.getByLabel('姓名').fill('林小雨')
    await page.getByLabel('手机号').last().fill('13912345678')
    // 获取验证码: the server sends the code (its log holds the message, the phone masked); the button counts down.
    await page.getByRole('button', { name: '获取验证码' }).click()
    await expect.poll(() => page.getByTestId('register-get-code').textContent()).toMatch(/\d+ 秒后重发/)
    expect(session.server.sms.last('13912345678')?.to).toBe('139****5678')
    await page.getByLabel('验证码', { exact: true }).fill(session.server.lastSmsCode('13912345678'))
    await page.getByLabel('密码').last().fill('short')
    await expect.poll(() => page.getByTestId('register-consent').textContent()).toMatch(/版本 \d{4}-\d{2}-\d{2}/)
    await page.getByRole('button', { name: '注册并登录' }).click()
    // Consent first, then the shared schema's field codes, before anything is sent.
    await expect.poll(() => page.getByText('请先勾选同意隐私政策').isVisible()).toBe(true)
    await page.getByTestId('register-consent').click()
    await page.getByRole('button', { name: '注册并登录' }).click()
    await expect.poll(() => page.getByText('密码至少8位').isVisible()).toBe(true)
    await page.screenshot({ path: `${SHOTS}register-mobile-zh.png`, animations: 'disabled' })

    await page.getByLabel('密码').last().fill('Neighbour2026')
    await page.getByRole('button', { name: '注册并登录' }).click()
    await expect.poll(() => page.getByTestId('home-greeting').textContent()).toContain('林小雨')
    expect((await page.getByTestId('home-role').textContent())?.trim()).toBe('居民')
    await page.context().close()
  })
})
