/**
 * Points through the pages (issue 7), in headless Chromium against the demo server on a test
 * clock (every browser's clock is set to it): 李志强 (390×844) opens 我的 → 我的积分 and sees his
 * 阳光社区 wallet, opens its 积分明细 and the 积分超市, redeems the cheapest reward he can (the
 * demo's 爱心理发券) after the confirmation and lands on 我的兑换, where the code shows as 8 digits
 * ("1234 5678") and as a QR code that — decoded from a screenshot as a scanner would — holds the
 * same digits → 刘芳 on the console's 兑换核销 types the code (Enter), sees the reservation (reward,
 * price, 李志强 with his phone masked, deadline) and confirms 核销; the field clears and takes the
 * next code → on the phone the redemption reads 已核销 and 积分明细 has the 兑换 line with the
 * balance lowered by the price. 刘芳's 积分超市管理 and 积分管理 (an adjustment with a reason, a
 * person's statement, the report and its .xlsx) work too. Every new page passes axe-core; the
 * phone pages also in English and in 长辈模式 (no text below 18px, no target below 44px) and at
 * 360px. Screenshots: ./screenshots/points-*.png.
 */
import { mkdirSync } from 'node:fs'
import { TestClock } from '@linli/server/clock'
import jsQR from 'jsqr'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, seriousViolations, smallTargets, textBelow } from '../../support/a11y.ts'
import {
  SCREENSHOTS,
  VIEWPORTS,
  launchChromium,
  chooseOption,
  screenshot,
  signInOn,
  smallText,
  type Viewport,
} from '../../support/browser.ts'
import { graphqlAt, type ApiSession } from '../../support/e2e-api.ts'
import { startTestServer, type TestServer } from '../../support/server.ts'

const VOLUNTEER = '13900000002' // 李志强
const STAFF = '13900000005' // 刘芳, 阳光社区's staff
const SUNSHINE = '阳光社区'

/** Monday 2026-11-23 09:00 in Beijing. */
const T0 = Date.parse('2026-11-23T01:00:00.000Z')
const clock = new TestClock(new Date(T0))
let server: TestServer
let browser: Browser
const contexts: BrowserContext[] = []

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  server = await startTestServer({ demo: true, web: true, clock })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const { gql, login } = graphqlAt(() => server.url)

/** A browser on the test clock, signed in through the real page. */
async function signedIn(phone: string, viewport: Viewport, extra: { isMobile?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    ...(extra.isMobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  })
  await context.clock.setFixedTime(clock.now().getTime())
  contexts.push(context)
  const page = await context.newPage()
  await signInOn(page, server, phone)
  return page
}

const shot = (page: Page, name: string, fullPage = false) => screenshot(page, `points-${name}`, { fullPage })
const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim()

/** Vant's toasts have faded. */
const toastsGone = (page: Page) =>
  expect.poll(() => page.locator('.van-toast:visible').count(), { timeout: 10_000 }).toBe(0)

/** What a scanner reads from a PNG screenshot of the QR image. */
async function decodeQr(png: Buffer): Promise<string> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height)
  if (!found) throw new Error('no QR code in the screenshot')
  return found.data
}

interface Wallet {
  communityId: string
  communityName: string
  balance: number
}
interface StoreReward {
  id: string
  name: string
  price: number
  stock: number
  perPersonLimit: number | null
  myRedemptionCount: number
}

async function walletsOf(session: ApiSession): Promise<Wallet[]> {
  return (
    await gql<{ myPointsWallets: Wallet[] }>(
      '{ myPointsWallets { communityId communityName balance } }',
      {},
      session.token,
    )
  ).myPointsWallets
}

async function rewardsAt(session: ApiSession, communityId: string): Promise<StoreReward[]> {
  return (
    await gql<{ rewards: StoreReward[] }>(
      'query($c: ID!) { rewards(communityId: $c) { id name price stock perPersonLimit myRedemptionCount } }',
      { c: communityId },
      session.token,
    )
  ).rewards
}

async function setLocale(page: Page, to: 'zh-CN' | 'en'): Promise<void> {
  if ((await page.getAttribute('html', 'lang')) !== to) await page.getByTestId('locale-toggle').first().click()
  await expect.poll(() => page.getAttribute('html', 'lang')).toBe(to)
}

async function setElder(page: Page, on: boolean): Promise<void> {
  await page.goto(`${server.url}/m/me`)
  const toggle = page.getByTestId('elder-toggle').first()
  await toggle.waitFor()
  if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click()
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('linli-elder'))).toBe(on)
}

describe('points, through the pages', () => {
  let sunshineId: string
  let before: number
  let chosen: StoreReward
  let code: string

  it('李志强 sees his 阳光社区 points, redeems a reward and gets its code as digits and a QR code', async () => {
    const li = await login(VOLUNTEER)
    const wallets = await walletsOf(li)
    const sunshine = wallets.find((w) => w.communityName === SUNSHINE)
    expect(sunshine, 'the demo gives 李志强 points in 阳光社区').toBeTruthy()
    sunshineId = sunshine!.communityId
    before = sunshine!.balance
    // The cheapest reward he can redeem (the demo's 爱心理发券).
    const open = (await rewardsAt(li, sunshineId))
      .filter(
        (r) =>
          r.stock > 0 && r.price <= before && (r.perPersonLimit === null || r.myRedemptionCount < r.perPersonLimit),
      )
      .sort((a, b) => a.price - b.price)
    expect(open.length).toBeGreaterThan(0)
    chosen = open.find((r) => r.name.includes('理发')) ?? open[0]!

    // ── 我的 → 我的积分 ──
    const phone = await signedIn(VOLUNTEER, VIEWPORTS.mobile, { isMobile: true })
    await phone.getByTestId('tab-me').click()
    await phone.getByTestId('points-entries').waitFor()
    await shot(phone, 'me', true)
    await phone.getByTestId('me-points').click()
    await phone.getByTestId('points-page').waitFor()
    const card = phone.getByTestId('points-wallet').filter({ hasText: SUNSHINE })
    await expect.poll(() => card.count()).toBe(1)
    expect(await card.getByTestId('points-wallet-balance').textContent()).toBe(String(before))
    expect(await phone.getByTestId('points-wallet').count()).toBe(wallets.length)
    expect(await smallText(phone)).toEqual([])
    await expectAccessible(phone)
    await shot(phone, 'wallets', true)

    // ── 积分明细, then the store ──
    await card.click()
    await phone.getByTestId('points-statement-page').waitFor()
    await expect.poll(() => phone.getByTestId('points-line').count()).toBeGreaterThan(0)
    expect(await text(phone, 'points-statement-balance')).toBe(String(before))
    // Newest first: the first line's running balance is the wallet's.
    expect(await phone.getByTestId('points-line-balance').first().getAttribute('data-balance')).toBe(String(before))
    const kinds = (await phone.getByTestId('points-line-kind').allTextContents()).map((k) => k.trim())
    expect(kinds.every((k) => ['获得', '奖励', '兑换', '退回', '冲减', '调整', '过期'].includes(k))).toBe(true)
    expect(kinds).toContain('调整')
    expect(await smallText(phone)).toEqual([])
    await expectAccessible(phone)
    await shot(phone, 'statement', true)

    await phone.getByTestId('points-to-store').click()
    await phone.getByTestId('store-page').waitFor()
    expect(new URL(phone.url()).pathname).toBe(`/m/store/${sunshineId}`)
    const item = phone.getByTestId('store-reward').filter({ has: phone.getByText(chosen.name, { exact: true }) })
    await expect.poll(() => item.count()).toBe(1)
    expect(await text(phone, 'store-balance')).toBe(String(before))
    expect(await item.getByTestId('store-reward-price').getAttribute('data-price')).toBe(String(chosen.price))
    // The demo has one sold out, one with a per-person limit and one offered by a unit.
    expect(await phone.getByTestId('store-reward-sold-out').count()).toBeGreaterThan(0)
    expect(await phone.getByTestId('store-reward-limit').count()).toBeGreaterThan(0)
    expect(await phone.getByTestId('store-reward-sponsor').count()).toBeGreaterThan(0)
    expect(await smallText(phone)).toEqual([])
    await expectAccessible(phone)
    await shot(phone, 'store', true)

    // ── 兑换, confirmed ──
    await item.getByTestId('store-redeem').click()
    const dialog = phone.getByTestId('store-confirm')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain(chosen.name)
    expect(await dialog.textContent()).toContain(`兑换后余额 ${before - chosen.price} 积分`)
    await expectAccessible(phone)
    await shot(phone, 'store-confirm')
    await dialog.locator('.van-dialog__confirm').click()

    // ── 我的兑换: the code as digits and as a QR code ──
    await phone.getByTestId('redemptions-page').waitFor()
    expect(new URL(phone.url()).pathname).toBe('/m/redemptions')
    const reserved = phone.getByTestId('redemption-reserved').filter({ hasText: chosen.name }).first()
    await reserved.waitFor()
    code = (await reserved.getByTestId('redemption-code').getAttribute('data-code'))!
    expect(code).toMatch(/^\d{8}$/)
    expect((await reserved.getByTestId('redemption-code').textContent())!.trim()).toBe(
      `${code.slice(0, 4)} ${code.slice(4)}`,
    )
    expect(await reserved.getByTestId('redemption-pick-up-by').textContent()).toMatch(
      /取货截止：\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/,
    )
    const qr = reserved.getByTestId('redemption-qr')
    await qr.scrollIntoViewIfNeeded()
    expect(await decodeQr(await qr.screenshot())).toBe(code)
    // The digits are large enough to read across a counter.
    const digitsSize = await reserved
      .getByTestId('redemption-code')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(digitsSize).toBeGreaterThanOrEqual(28)
    expect(await smallText(phone)).toEqual([])
    // Judged once the 兑换成功 toast is gone (Vant's toast is an unnamed dialog while it shows).
    await toastsGone(phone)
    await expectAccessible(phone)
    await shot(phone, 'redemptions', true)
    await phone.context().close()
  })

  it('刘芳 types the code at 兑换核销, sees the reservation and confirms 核销; the field takes the next code', async () => {
    const desk = await signedIn(STAFF, VIEWPORTS.console)
    await desk.getByRole('menuitem', { name: '兑换核销', exact: true }).click()
    await desk.getByTestId('console-redemptions-page').waitFor()
    const input = desk.getByTestId('redeem-code-input')
    // The field has the focus: a scanner can type into it straight away.
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true)
    await expectAccessible(desk)

    // A mistyped code is said in words; an unknown one is not found.
    await desk.keyboard.type('1234')
    await desk.keyboard.press('Enter')
    await expect.poll(() => text(desk, 'redeem-code-error')).toBe('兑换码为8位数字')
    await input.fill('')
    const unknown = code === '00000000' ? '11111111' : '00000000'
    await desk.keyboard.type(unknown)
    await desk.keyboard.press('Enter')
    await desk.getByTestId('redeem-not-found').waitFor()

    // As a scanner does: the digits, then Enter.
    await input.fill('')
    await desk.keyboard.type(code)
    await desk.keyboard.press('Enter')
    await desk.getByTestId('redeem-found').waitFor()
    expect(await text(desk, 'redeem-found-reward')).toBe(chosen.name)
    expect(await text(desk, 'redeem-found-price')).toBe(`${chosen.price} 积分`)
    expect(await text(desk, 'redeem-found-volunteer')).toBe('李志强（139****0002）')
    expect(await desk.getByTestId('redeem-found').textContent()).toContain('待领取')
    expect(await smallText(desk)).toEqual([])
    await expectAccessible(desk)
    await shot(desk, 'desk-found', true)

    await desk.getByTestId('redeem-fulfil').click()
    await desk
      .locator('.el-message--success')
      .filter({ hasText: `已核销：李志强 的“${chosen.name}”` })
      .waitFor()
    await expect.poll(() => input.inputValue()).toBe('')
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true)
    // What was just collected stays said until the next code.
    expect(await text(desk, 'redeem-done')).toBe(`已核销：李志强 的“${chosen.name}”`)
    expect(await desk.getByTestId('redeem-found').count()).toBe(0)
    // The list below shows it collected.
    const row = desk.locator('[data-testid="redemptions-table"] tr').filter({ hasText: chosen.name }).first()
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('已核销')
    await shot(desk, 'desk-done', true)

    // The list by state: 已核销 only.
    await chooseOption(desk, desk.getByTestId('redemptions-state'), '已核销')
    await expect
      .poll(async () =>
        [...new Set(await desk.getByTestId('redemption-row-state').allTextContents())].map((x) => x.trim()),
      )
      .toEqual(['已核销'])

    // The same code again: used.
    await input.fill('')
    await input.focus()
    await desk.keyboard.type(code)
    await desk.keyboard.press('Enter')
    await desk.getByTestId('redeem-not-found').waitFor()
    expect(await desk.getByTestId('redeem-done').count()).toBe(0)

    // On a phone-wide window the desk still works: nothing wider than the screen.
    await desk.setViewportSize(VIEWPORTS.mobile)
    await input.fill('')
    await expect.poll(() => desk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await shot(desk, 'desk-phone', true)
    await desk.context().close()
  })

  it('on the phone the redemption reads 已核销 and 积分明细 has the 兑换 line, the balance lowered by the price', async () => {
    const phone = await signedIn(VOLUNTEER, VIEWPORTS.mobile, { isMobile: true })
    await phone.goto(`${server.url}/m/redemptions`)
    await phone.getByTestId('redemptions-page').waitFor()
    const past = phone.getByTestId('redemption-past').filter({ hasText: chosen.name }).first()
    await past.waitFor()
    expect(await past.getAttribute('data-state')).toBe('fulfilled')
    expect(await past.getByTestId('state-tag').textContent()).toContain('已核销')
    expect(await past.getByTestId('redemption-ended').textContent()).toMatch(/已于 .+ 核销领取/)
    await shot(phone, 'redemptions-after', true)

    await phone.goto(`${server.url}/m/points/${sunshineId}`)
    await phone.getByTestId('points-statement-page').waitFor()
    await expect.poll(() => text(phone, 'points-statement-balance')).toBe(String(before - chosen.price))
    const first = phone.getByTestId('points-line').first()
    expect(await first.getAttribute('data-kind')).toBe('redeem')
    expect((await first.getByTestId('points-line-kind').textContent())!.trim()).toBe('兑换')
    expect(await first.textContent()).toContain(chosen.name)
    expect(await first.getByTestId('points-line-amount').getAttribute('data-amount')).toBe(String(-chosen.price))
    expect((await first.getByTestId('points-line-amount').textContent())!.trim()).toBe(`-${chosen.price}`)
    expect(await first.getByTestId('points-line-balance').getAttribute('data-balance')).toBe(
      String(before - chosen.price),
    )
    await shot(phone, 'statement-after', true)

    // Another one, cancelled on the phone after the question: 已取消 (本人取消), the points back.
    const li = await login(VOLUNTEER)
    await gql(
      'mutation($c: ID!, $r: ID!, $k: String) { redeemReward(communityId: $c, rewardId: $r, idempotencyKey: $k) { id } }',
      { c: sunshineId, r: chosen.id, k: crypto.randomUUID() },
      li.token,
    )
    await phone.goto(`${server.url}/m/redemptions`)
    const again = phone.getByTestId('redemption-reserved').filter({ hasText: chosen.name }).first()
    await again.getByTestId('redemption-cancel').click()
    const ask = phone.getByTestId('redemption-cancel-dialog')
    await ask.waitFor()
    expect(await ask.textContent()).toContain(`${chosen.price} 积分将退回`)
    await expectAccessible(phone)
    await shot(phone, 'cancel-confirm')
    await ask.locator('.van-dialog__confirm').click()
    const cancelled = phone
      .locator('[data-testid="redemption-past"][data-state="cancelled"]')
      .filter({ hasText: chosen.name })
    await cancelled.first().waitFor()
    expect(await cancelled.first().getByTestId('redemption-ended').textContent()).toContain('本人取消')
    expect((await walletsOf(li)).find((w) => w.communityId === sunshineId)!.balance).toBe(before - chosen.price)
    await phone.context().close()
  })

  it('刘芳 manages the store and the points: rewards, an adjustment with a reason, a statement, the report and its .xlsx', async () => {
    const desk = await signedIn(STAFF, VIEWPORTS.console)
    await desk.getByRole('menuitem', { name: '积分超市管理', exact: true }).click()
    await desk.getByTestId('console-rewards-page').waitFor()
    await expect.poll(() => desk.getByTestId('reward-row-name').count()).toBeGreaterThanOrEqual(3)
    expect(await desk.getByTestId('reward-row-sold-out').count()).toBeGreaterThan(0)
    expect(await smallText(desk)).toEqual([])
    await expectAccessible(desk)
    await shot(desk, 'console-rewards', true)

    // 新增: the dialog checks the name and price before sending.
    await desk.getByTestId('rewards-add').click()
    const add = desk.getByTestId('reward-dialog')
    await add.waitFor()
    await desk.getByTestId('reward-submit').click()
    await add.getByText('请输入商品名称').waitFor()
    await desk.getByTestId('reward-name').fill('社区手工皂')
    await expectAccessible(desk)
    await shot(desk, 'console-reward-dialog')
    await desk.getByTestId('reward-submit').click()
    await expect.poll(() => desk.getByTestId('reward-row-name').allTextContents()).toContain('社区手工皂')

    // 补货 on the new one.
    const soap = desk.locator('.el-table__row').filter({ hasText: '社区手工皂' })
    await soap.getByTestId('reward-row-restock').click()
    await desk.getByTestId('restock-dialog').waitFor()
    await desk.getByTestId('restock-submit').click()
    await expect.poll(async () => (await soap.getByTestId('reward-row-stock').textContent())?.trim()).toBe('20')

    // 编辑: a picture, uploaded for the community; the table shows it (fetched with the token).
    const png = await sharp({ create: { width: 120, height: 120, channels: 3, background: '#e8a33d' } })
      .png()
      .toBuffer()
    await soap.getByTestId('reward-row-edit').click()
    await desk.getByTestId('reward-dialog').waitFor()
    await desk
      .getByTestId('reward-picture-input')
      .setInputFiles({ name: 'soap.png', mimeType: 'image/png', buffer: png })
    await desk.getByTestId('reward-dialog').locator('img').first().waitFor()
    await desk.getByTestId('reward-submit').click()
    await soap.getByTestId('auth-image').waitFor()

    // ── 积分管理 ──
    await desk.getByRole('menuitem', { name: '积分管理', exact: true }).click()
    await desk.getByTestId('console-points-page').waitFor()
    const li = desk.locator('.el-table__row').filter({ hasText: '李志强' })
    await expect.poll(() => li.count()).toBe(1)
    expect(await li.textContent()).toContain('139****0002')
    expect((await li.getByTestId('holder-balance').textContent())!.trim()).toBe(String(before - chosen.price))
    // The report: six months up to November 2026 by the server's clock, and the total row.
    await expect.poll(() => desk.locator('[data-testid="report-table"] .el-table__body tr').count()).toBe(6)
    const months = (
      await desk.locator('[data-testid="report-table"] .el-table__body tr td:first-child').allTextContents()
    ).map((m) => m.trim())
    expect([months[0], months.at(-1)]).toEqual(['2026-06', '2026-11'])
    expect(await desk.locator('[data-testid="report-table"] .el-table__footer').textContent()).toContain('合计')
    expect(await smallText(desk)).toEqual([])
    await expectAccessible(desk)
    await shot(desk, 'console-points', true)

    // 导出 Excel: a download of the .xlsx with the bearer token.
    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('report-export').click()])
    expect(download.suggestedFilename()).toMatch(/积分报表.*\.xlsx$/)
    const bytes = await (async () => {
      const stream = await download.createReadStream()
      const chunks: Buffer[] = []
      for await (const chunk of stream) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks)
    })()
    // An .xlsx is a zip.
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')

    // 调整: a reason is required; then +5 with one.
    await li.getByTestId('holder-adjust').click()
    const adjust = desk.getByTestId('adjust-dialog')
    await adjust.waitFor()
    await desk.getByTestId('adjust-amount').locator('input').fill('5')
    await desk.getByTestId('adjust-submit').click()
    await adjust.getByText('请填写原因').waitFor()
    await desk.getByTestId('adjust-reason').fill('协助积分超市盘点')
    await expectAccessible(desk)
    await shot(desk, 'console-adjust')
    await desk.getByTestId('adjust-submit').click()
    await expect
      .poll(async () => (await li.getByTestId('holder-balance').textContent())?.trim())
      .toBe(String(before - chosen.price + 5))

    // 明细: his statement, the adjustment first.
    await li.getByTestId('holder-statement').click()
    const drawer = desk.getByTestId('statement-drawer')
    await drawer.getByTestId('points-line').first().waitFor()
    expect(await drawer.getByTestId('points-line').first().getAttribute('data-kind')).toBe('adjust')
    expect(await drawer.getByTestId('points-line').first().textContent()).toContain('协助积分超市盘点')
    await expectAccessible(desk)
    await shot(desk, 'console-statement')
    await desk.keyboard.press('Escape')

    // In English too.
    await setLocale(desk, 'en')
    for (const [path, ready, name] of [
      ['/console/redemptions', 'redeem-code-input', 'Redemption desk'],
      ['/console/rewards', 'reward-row-name', 'Points store'],
      ['/console/points', 'holder-name', 'Points'],
    ] as const) {
      await desk.goto(`${server.url}${path}`)
      await desk.getByTestId(ready).first().waitFor()
      await desk.getByRole('heading', { level: 1, name, exact: true }).waitFor()
      await expectAccessible(desk)
      await shot(desk, `${path.split('/').at(-1)}-en`, true)
    }
    await setLocale(desk, 'zh-CN')

    // Phone-wide: the menu scrolls sideways above the page, tables scroll inside their card.
    await desk.setViewportSize(VIEWPORTS.mobile)
    for (const [path, ready] of [
      ['/console/rewards', 'reward-row-name'],
      ['/console/points', 'holder-name'],
    ] as const) {
      await desk.goto(`${server.url}${path}`)
      await desk.getByTestId(ready).first().waitFor()
      expect(await desk.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390)
      await shot(desk, `${path.split('/').at(-1)}-phone`, true)
    }
    await desk.context().close()
  })

  it('the phone pages pass axe in both languages and in 长辈模式 (18px text, 44px targets), and fit 360px', async () => {
    const phone = await signedIn(VOLUNTEER, { width: 360, height: 780 }, { isMobile: true })
    // 刘芳's adjustment reached him in words.
    await phone.goto(`${server.url}/m/messages`)
    await expect
      .poll(() => phone.getByTestId('notification-title').allTextContents())
      .toContain('阳光社区调整了您的积分：+5 分（原因：协助积分超市盘点）')
    const visits = [
      { name: 'wallets', path: '/m/points', ready: 'points-wallet' },
      { name: 'statement', path: `/m/points/${sunshineId}`, ready: 'points-line' },
      { name: 'store', path: `/m/store/${sunshineId}`, ready: 'store-reward' },
      { name: 'redemptions', path: '/m/redemptions', ready: 'redemptions-page' },
    ]
    for (const elder of [false, true]) {
      await setElder(phone, elder)
      for (const locale of ['zh-CN', 'en'] as const) {
        for (const v of visits) {
          await phone.goto(`${server.url}${v.path}`)
          await phone.getByTestId(v.ready).first().waitFor()
          await setLocale(phone, locale)
          const where = `${v.name} ${locale}${elder ? ' elder' : ''}`
          expect(await seriousViolations(phone), where).toEqual([])
          expect(await textBelow(phone, elder ? 18 : 14), where).toEqual([])
          if (elder) expect(await smallTargets(phone), where).toEqual([])
          expect(await phone.evaluate(() => document.documentElement.scrollWidth), where).toBeLessThanOrEqual(360)
          if (locale === 'en' || elder) {
            await shot(phone, `${v.name}-${locale}${elder ? '-elder' : ''}-360`, true)
          }
        }
      }
    }
    await setLocale(phone, 'zh-CN')
    await setElder(phone, false)
    await phone.context().close()
  })
})
