/**
 * The hours loop through the pages (the acceptance test), in headless Chromium against the
 * demo server on a test clock (every browser's clock is set to it: no sleeping for time):
 * 刘芳 (GraphQL) sets 阳光社区's check-in tolerance to 20 minutes and adds an activity to 社区义诊进小区
 * led by 韩雪梅 → 李志强 (390×844) finds it in 找活动, signs up (已报名) and sees it in 我的日程; he
 * signs up for a class and cancels it after a confirmation → 签到 shows on the activity from the
 * server's checkInOpensAt (09:40), not a minute before → inside the check-in window 韩雪梅 opens
 * 我的日程, finds it under 我带队的活动 and its 显示签到码 shows the QR code and the six digits;
 * the QR code, decoded from a screenshot of the image as a phone camera would, is the address the
 * server gives with the current code → 李志强 types a wrong code (refused in words), then the
 * digits: 签到成功 → 冯建国 opens the decoded address signed out, signs in and is checked in by it
 * → near the end the activity tells 李志强 已签到 09:45 and he checks out with the then-current
 * digits (计入 1 小时 55 分钟, told on the activity afterwards too) and 韩雪梅
 * checks 冯建国 out on site → 刘芳 approves 李志强's hours on the console's 时长审核 → his 我的时长
 * shows them approved. The phone pages pass axe-core. Screenshots: ./screenshots/hours-*.png.
 */
import { mkdirSync } from 'node:fs'
import { TestClock } from '@linli/server/clock'
import jsQR from 'jsqr'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, SCREENSHOTS as SHOTS, VIEWPORTS, launchChromium } from '../../support/browser.ts'
import { expectAccessible } from '../../support/a11y.ts'
import { graphqlAt } from '../../support/e2e-api.ts'
import { startTestServer, type TestServer } from '../../support/server.ts'

const VOLUNTEER = '13900000002' // 李志强, lives in 阳光社区
const LEADER = '13900001001' // 韩雪梅, the hospital's nurse (the hospital serves 社区义诊进小区)
const DOCTOR = '13900001002' // 冯建国, the hospital's doctor
const STAFF = '13900000005' // 刘芳, 阳光社区's staff

const PROJECT = '社区义诊进小区'
const TITLE = '阳光花园量血压志愿服务'
const PLACE = '阳光花园3栋楼下'
/** A demo class nobody signed up for yet. */
const OTHER = '智能手机课堂：识别电信诈骗'

const MINUTE = 60_000
/** Monday 2026-11-23 09:00 in Beijing. */
const T0 = Date.parse('2026-11-23T01:00:00.000Z')
/** 阳光社区's check-in tolerance in this test (the default is 30). */
const TOLERANCE = 20
/** The activity: 10:00–12:00 Beijing; check-in opens 09:40 (the tolerance of 20 minutes). */
const STARTS = T0 + 60 * MINUTE
const ENDS = T0 + 180 * MINUTE

const clock = new TestClock(new Date(T0))
let server: TestServer
let browser: Browser
const contexts: BrowserContext[] = []

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  server = await startTestServer({ demo: true, web: true, clock })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

interface LoginData {
  login: { accessToken: string; me: { user: { id: string }; roles: { role: string; scopeId: string | null }[] } }
}

const { gql } = graphqlAt(() => server.url)

async function login(phone: string): Promise<LoginData['login']> {
  return (
    await gql<LoginData>(
      'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { accessToken me { user { id } roles { role scopeId } } } }',
      { p: phone, w: DEMO_PASSWORD },
    )
  ).login
}

/** Move the server's clock and every browser's with it. */
async function setClock(at: number): Promise<void> {
  clock.set(new Date(at))
  await Promise.all(contexts.map((c) => c.clock.setFixedTime(at)))
}

/** A browser on the test clock, not signed in. */
async function device(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport })
  await context.clock.setFixedTime(clock.now().getTime())
  contexts.push(context)
  return context.newPage()
}

async function fillLogin(page: Page, phone: string): Promise<void> {
  await page.getByTestId('login-phone').fill(phone)
  await page.getByTestId('login-password').fill(DEMO_PASSWORD)
  await page.getByTestId('login-submit').click()
}

/** Sign in through the real page; resolves on the role's home. */
async function signedIn(phone: string, viewport: { width: number; height: number } = VIEWPORTS.mobile): Promise<Page> {
  const page = await device(viewport)
  await page.goto(`${server.url}/`)
  await fillLogin(page, phone)
  await page.getByTestId('home-greeting').waitFor()
  return page
}

/** A screenshot of the viewport once toasts are gone and fonts are in. */
async function shot(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.locator('.van-toast:visible, .el-message').count(), { timeout: 10_000 }).toBe(0)
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: `${SHOTS}hours-${name}.png`, animations: 'disabled' })
}

/** What a phone camera reads from a PNG screenshot of the QR image. */
async function decodeQr(png: Buffer): Promise<string> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height)
  if (!found) throw new Error('no QR code in the screenshot')
  return found.data
}

const pathname = (page: Page) => new URL(page.url()).pathname
const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim()

describe('hours, the whole loop through the pages', () => {
  it('sign up → leader’s QR and digits → check in (typed, scanned) → check out → staff approve → 我的时长', async () => {
    // ── 刘芳 adds the activity (the staff console has its own test) ──
    const staff = await login(STAFF)
    const communityId = staff.me.roles.find((r) => r.role === 'community_staff')!.scopeId!
    const { projects } = await gql<{ projects: { nodes: { id: string; title: string }[] } }>(
      'query($c: ID!) { projects(communityId: $c, first: 50) { nodes { id title } } }',
      { c: communityId },
      staff.accessToken,
    )
    const projectId = projects.nodes.find((p) => p.title === PROJECT)!.id
    // The pages learn the window from the server (checkInOpensAt), not from the default tolerance.
    await gql(
      'mutation($c: ID!, $v: JSON) { setCommunitySetting(communityId: $c, key: "checkInToleranceMinutes", value: $v) { key } }',
      { c: communityId, v: TOLERANCE },
      staff.accessToken,
    )
    const leader = await login(LEADER)
    const { createActivity } = await gql<{ createActivity: { id: string } }>(
      'mutation($c: ID!, $i: ActivityInput!) { createActivity(communityId: $c, input: $i) { id } }',
      {
        c: communityId,
        i: {
          projectId,
          title: TITLE,
          place: PLACE,
          startsAt: new Date(STARTS).toISOString(),
          endsAt: new Date(ENDS).toISOString(),
          slots: 3,
          requiredSkills: ['测血压'],
          leaderId: leader.me.user.id,
        },
      },
      staff.accessToken,
    )
    const activityId = createActivity.id
    const volunteer = await login(VOLUNTEER)
    const before = (
      await gql<{ myHours: { approvedMinutes: number } }>('{ myHours { approvedMinutes } }', {}, volunteer.accessToken)
    ).myHours.approvedMinutes

    // ── 李志强 finds it in 找活动 (全部) and signs up ──
    const phone = await signedIn(VOLUNTEER)
    await phone.getByTestId('volunteer-entries').waitFor()
    await shot(phone, 'home-zh')
    await phone.getByTestId('volunteer-entry-find').click()
    await phone.getByTestId('activities-page').waitFor()
    // 推荐 first: suggestions with their reasons as chips.
    const suggested = phone.getByTestId('activities-suggested')
    await expect.poll(() => suggested.locator('[data-testid^="state-"]').count()).toBe(0)
    expect(await suggested.getByTestId('activity-card-reasons').count()).toBeGreaterThan(0)
    await shot(phone, 'suggested-zh')
    await expectAccessible(phone)
    await phone.getByRole('tab', { name: '全部' }).click()
    await expect.poll(() => text(phone, 'activities-community')).toContain('阳光社区')
    const card = phone.getByTestId('activities-all').getByTestId('activity-card').filter({ hasText: TITLE })
    await expect.poll(() => card.count()).toBe(1)
    expect(await card.textContent()).toContain('已报 0/3')
    expect(await card.textContent()).toContain('10:00–12:00')
    await shot(phone, 'find-zh')
    await expectAccessible(phone)
    await card.click()
    await expect.poll(() => text(phone, 'activity-title')).toBe(TITLE)
    await phone.getByTestId('activity-sign-up').click()
    await expect.poll(() => phone.getByTestId('activity-my-state').getAttribute('data-state')).toBe('confirmed')
    expect(await text(phone, 'activity-my-state')).toContain('已报名')
    await expect.poll(() => text(phone, 'activity-slots')).toContain('已报 1 / 3 人')
    await shot(phone, 'signed-up-zh')
    await expectAccessible(phone)

    // 我的日程: coming up, with its state.
    await phone.goto(`${server.url}/m/schedule`)
    const upcoming = phone.getByTestId('schedule-upcoming').getByTestId('activity-card').filter({ hasText: TITLE })
    await expect.poll(() => upcoming.count()).toBe(1)
    expect(await upcoming.getByTestId('state-tag').textContent()).toContain('已报名')
    await shot(phone, 'schedule-zh')
    await expectAccessible(phone)

    // Signing up for another class and cancelling it, after a confirmation.
    await phone.goto(`${server.url}/m/activities?tab=all`)
    await phone.getByTestId('activities-all').getByTestId('activity-card').filter({ hasText: OTHER }).click()
    await phone.getByTestId('activity-sign-up').click()
    await expect.poll(() => phone.getByTestId('activity-my-state').getAttribute('data-state')).toBe('confirmed')
    await phone.getByTestId('activity-cancel').click()
    await phone.locator('.van-dialog__confirm').click()
    await expect.poll(() => phone.getByTestId('activity-my-state').getAttribute('data-state')).toBe('cancelled')
    expect(await text(phone, 'activity-my-state')).toContain('已取消')
    // …and may sign up again.
    expect(await phone.getByTestId('activity-sign-up').count()).toBe(1)

    // 冯建国 signs up too (GraphQL): he will check in by the QR code.
    const doctor = await login(DOCTOR)
    await gql(
      'mutation($c: ID!, $a: ID!) { signUp(communityId: $c, activityId: $a) { id state } }',
      { c: communityId, a: activityId },
      doctor.accessToken,
    )

    // ── 签到 shows from checkInOpensAt: 09:40 with this community's tolerance ──
    const detail = `${server.url}/m/activities/${communityId}/${activityId}`
    await setClock(STARTS - (TOLERANCE + 1) * MINUTE)
    await phone.goto(detail)
    await expect.poll(() => phone.getByTestId('activity-my-state').getAttribute('data-state')).toBe('confirmed')
    expect(await phone.getByTestId('activity-check-in').count()).toBe(0)
    await setClock(STARTS - TOLERANCE * MINUTE)
    await phone.reload()
    await phone.getByTestId('activity-check-in').waitFor()

    // ── 09:45, inside the window: 韩雪梅 finds it under 我带队的活动 and shows the code ──
    await setClock(T0 + 45 * MINUTE)
    const lead = await signedIn(LEADER)
    await lead.getByTestId('volunteer-entry-schedule').click()
    const led = lead.getByTestId('schedule-led-item').filter({ hasText: TITLE })
    await expect.poll(() => led.count()).toBe(1)
    expect(await led.getByTestId('schedule-led-window').textContent()).toContain('签到时间 09:40–12:00')
    await shot(lead, 'led-zh')
    await expectAccessible(lead)
    await led.getByTestId('schedule-show-code').click()
    await expect.poll(() => pathname(lead)).toBe(`/m/activities/${communityId}/${activityId}/lead`)
    const qr = lead.getByTestId('check-in-qr')
    await qr.waitFor()
    await expect.poll(() => lead.getByTestId('lead-roster-line').count()).toBe(2)
    expect(await text(lead, 'check-in-window')).toBe('签到时间 09:40–12:00')
    const digits = await text(lead, 'check-in-code-digits')
    expect(digits).toMatch(/^\d{6}$/)
    expect(await text(lead, 'check-in-code-expires')).toBe('60 秒后更新')
    await shot(lead, 'lead-code-zh')
    // 长辈模式: larger type, still one column at 390 px.
    await lead.evaluate(() => document.documentElement.classList.add('linli-elder'))
    await shot(lead, 'lead-code-elder-zh')
    await lead.evaluate(() => document.documentElement.classList.remove('linli-elder'))

    // The QR code, read from the screen as a camera would: the server's check-in address with this code.
    const decoded = await decodeQr(await qr.screenshot())
    const { checkInCode } = await gql<{ checkInCode: { digits: string; payload: string } }>(
      'query($c: ID!, $a: ID!) { checkInCode(communityId: $c, activityId: $a) { digits payload } }',
      { c: communityId, a: activityId },
      (await login(LEADER)).accessToken,
    )
    expect(decoded).toBe(checkInCode.payload)
    expect(checkInCode.digits).toBe(digits)
    const link = new URL(decoded)
    expect(link.origin).toBe(server.url)
    expect(link.pathname).toBe('/m/check-in')
    expect(link.searchParams.get('c')).toBe(communityId)
    expect(link.searchParams.get('a')).toBe(activityId)
    // The signed code of this minute's step.
    expect(link.searchParams.get('k')).toMatch(new RegExp(`^${Math.floor((T0 + 45 * MINUTE) / MINUTE)}\\.[\\w-]{22}$`))

    // ── 李志强 types the digits: 签到成功 ──
    await phone.goto(detail)
    await phone.getByTestId('activity-check-in').click()
    await expect.poll(() => phone.getByTestId('check-in-page').getAttribute('data-mode')).toBe('in')
    // A wrong code is refused in words, and cleared for the right one.
    const wrong = digits.replace(/\d/g, (d) => String((Number(d) + 1) % 10))
    await phone.getByTestId('check-in-digits').fill(wrong)
    await phone.getByTestId('check-in-submit').click()
    await expect.poll(() => text(phone, 'check-in-error')).toContain('签到码不对或已过期')
    expect(await phone.getByTestId('check-in-digits').inputValue()).toBe('')
    await phone.getByTestId('check-in-digits').fill(digits)
    await shot(phone, 'check-in-typed-zh')
    await expectAccessible(phone)
    await phone.getByTestId('check-in-submit').click()
    await expect.poll(() => text(phone, 'check-in-result-title')).toBe('签到成功')
    expect(await text(phone, 'check-in-result-in')).toBe('09:45')
    await shot(phone, 'checked-in-zh')

    // ── 冯建国 scans the QR code signed out: signs in, and is checked in by it ──
    const scanner = await device(VIEWPORTS.mobile)
    await scanner.goto(decoded)
    await expect.poll(() => pathname(scanner)).toBe('/login')
    await fillLogin(scanner, DOCTOR)
    await expect.poll(() => text(scanner, 'check-in-result-title')).toBe('签到成功')
    // The code left the address: a reload does not act again.
    expect(new URL(scanner.url()).searchParams.get('k')).toBeNull()
    await shot(scanner, 'scanned-in-zh')

    // The leader's roster tells both.
    await lead.getByTestId('check-in-code-refresh').click()
    const rosterLine = (name: string) => lead.getByTestId('lead-roster-line').filter({ hasText: name })
    await expect
      .poll(() => rosterLine('李志强').getByTestId('lead-roster-status').textContent())
      .toContain('已签到 09:45')
    await expect.poll(() => rosterLine('冯建国').getByTestId('lead-roster-status').textContent()).toContain('已签到')
    expect(await text(lead, 'lead-roster-count')).toBe('已签到 2 / 2 人')

    // ── 11:55: 李志强 checks out with the then-current digits ──
    await setClock(T0 + 175 * MINUTE)
    await lead.getByTestId('check-in-code-refresh').click()
    await expect.poll(() => text(lead, 'check-in-code-digits')).not.toBe(digits)
    const later = await text(lead, 'check-in-code-digits')
    await phone.goto(detail)
    // His record of this activity: checked in at 09:45.
    await expect.poll(() => text(phone, 'activity-checked-in')).toContain('已签到 09:45')
    await shot(phone, 'activity-checked-in-zh')
    await phone.getByTestId('activity-check-out').click()
    await expect.poll(() => phone.getByTestId('check-in-page').getAttribute('data-mode')).toBe('out')
    expect(await text(phone, 'check-in-mode')).toContain('签退')
    await phone.getByTestId('check-in-digits').fill(later)
    await phone.getByTestId('check-in-submit').click()
    await expect.poll(() => text(phone, 'check-in-result-title')).toBe('签退成功')
    expect(await text(phone, 'check-in-result-out')).toBe('11:55')
    // 10:00 (the start: coming early does not count) to 11:55.
    expect(await phone.getByTestId('check-in-result-minutes').getAttribute('data-minutes')).toBe('115')
    expect(await text(phone, 'check-in-result-minutes')).toBe('1 小时 55 分钟')
    await shot(phone, 'checked-out-zh')
    await expectAccessible(phone)
    // The activity tells it too, and offers neither 签到 nor 签退 again.
    await phone.goto(detail)
    await expect.poll(() => text(phone, 'activity-checked-out')).toBe('已签退，计入 1 小时 55 分钟')
    expect(await phone.getByTestId('activity-check-in').count()).toBe(0)
    expect(await phone.getByTestId('activity-check-out').count()).toBe(0)

    // 韩雪梅 checks 冯建国 out on site.
    await rosterLine('冯建国').getByTestId('lead-on-site-out').click()
    await lead.locator('.van-dialog__confirm').click()
    await expect
      .poll(() => rosterLine('冯建国').getByTestId('lead-roster-status').textContent())
      .toContain('已签退 11:55')
    await expect
      .poll(() => rosterLine('李志强').getByTestId('lead-roster-status').textContent())
      .toContain('已签退 11:55')
    await shot(lead, 'lead-roster-zh')
    await expectAccessible(lead)

    // ── 刘芳 approves 李志强's hours on 时长审核 ──
    const desk = await signedIn(STAFF, VIEWPORTS.console)
    await desk.goto(`${server.url}/console/hours`)
    const row = desk.getByTestId('hour-row').filter({ hasText: TITLE }).filter({ hasText: '李志强' })
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1)
    await shot(desk, 'console-queue-zh')
    await row.getByTestId('hour-approve').click()
    await expect.poll(() => row.count()).toBe(0)

    // ── 我的时长: the hours approved ──
    await phone.goto(`${server.url}/m/hours`)
    await expect.poll(() => phone.getByTestId('hours-approved').getAttribute('data-minutes')).toBe(String(before + 115))
    const record = phone.getByTestId('hour-record').filter({ hasText: TITLE })
    await expect.poll(() => record.getAttribute('data-state')).toBe('approved')
    expect(await record.getByTestId('hour-record-minutes').getAttribute('data-minutes')).toBe('115')
    expect(await record.getByTestId('state-tag').textContent()).toContain('已通过')
    await shot(phone, 'my-hours-zh')
    await expectAccessible(phone)
    await phone.evaluate(() => document.documentElement.classList.add('linli-elder'))
    await shot(phone, 'my-hours-elder-zh')
  })
})
