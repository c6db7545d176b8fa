/**
 * Notifications in headless Chromium against the real app with demo data. 王秀英 has 消息 open on
 * her phone (390×844); the hospital's admin invites her onto its roster and 阳光社区's staff make
 * her a grid worker, through GraphQL from the test: each arrives live (no reload) on top of the
 * list with the tab's unread badge going up; tapping one marks it read and the badge goes down
 * (still so after a reload); 全部已读 clears the rest; in English the texts follow, a revoked role
 * included. On the console, 和平社区's staff member sees the bell's count go up live when a unit
 * accepts the alliance's invitation, and reads it in the drawer.
 * Screenshots go to ./screenshots/notifications-*.png for a human look.
 */
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { TestServer } from '../../support/server.ts'
import { DEMO_PASSWORD, SCREENSHOTS as SHOTS, VIEWPORTS, useBrowserSession } from '../../support/browser.ts'

const RESIDENT = '13900000001' // 王秀英
const UNIT_ADMIN = '13900000003' // 赵明, 鼓楼区人民医院
const SUNSHINE_STAFF = '13900000005' // 刘芳, 阳光社区
const PEACE_STAFF = '13900000008' // 吴刚, 和平社区

const session = useBrowserSession()

interface Grant {
  id: string
  role: string
  scopeId: string | null
  scopeName: string | null
}

/** A GraphQL call from the test, as the other actor; throws on any error. */
async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await fetch(`${session.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await res.json()) as { data?: T; errors?: unknown[] }
  if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`)
  return body.data
}

async function actor(phone: string): Promise<{ token: string; grants: Grant[] }> {
  const { login } = await gql<{ login: { accessToken: string; me: { roles: Grant[] } } }>(
    `mutation Login($phone: String!, $password: String!) {
      login(phone: $phone, password: $password) { accessToken me { roles { id role scopeId scopeName } } }
    }`,
    { phone, password: DEMO_PASSWORD },
  )
  return { token: login.accessToken, grants: login.me.roles }
}

function scopeOf(grants: Grant[], role: string): string {
  const grant = grants.find((g) => g.role === role)
  if (!grant?.scopeId) throw new Error(`no ${role} grant`)
  return grant.scopeId
}

/**
 * Sign in through the real page; resolves once the page's live feed has asked for the person's
 * notifications over its WebSocket (so an event from now on is pushed, not missed).
 */
async function signInLive(
  browser: Browser,
  server: TestServer,
  phone: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext({ viewport, ...(viewport === VIEWPORTS.mobile ? { hasTouch: true } : {}) })
  const page = await context.newPage()
  const subscribed = new Promise<void>((resolve) => {
    page.on('websocket', (ws) =>
      ws.on('framesent', (frame) => {
        if (String(frame.payload).includes('NotificationReceived')) resolve()
      }),
    )
  })
  await page.goto(`${server.url}/`)
  await page.getByTestId('login-phone').fill(phone)
  await page.getByTestId('login-password').fill(DEMO_PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('home-greeting').waitFor()
  await subscribed
  // …and the server has registered it (the protocol has no acknowledgement for a subscription).
  await server.subscribed(phone)
  return page
}

async function shot(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.locator('.van-toast:visible, .el-message').count(), { timeout: 10_000 }).toBe(0)
  await page.evaluate(() => document.fonts.ready)
  await page.mouse.move(0, 0)
  await page.screenshot({ path: `${SHOTS}notifications-${name}.png`, animations: 'disabled' })
}

/** The number on the 消息 tab, or '' when it shows none. */
async function tabBadge(page: Page): Promise<string> {
  const badge = page.getByTestId('tab-notifications').locator('.van-badge')
  return (await badge.count()) === 0 ? '' : ((await badge.textContent()) ?? '').trim()
}

async function titles(page: Page): Promise<string[]> {
  return (await page.getByTestId('notification-title').allTextContents()).map((s) => s.trim())
}

async function readStates(page: Page): Promise<(string | null)[]> {
  return page.getByTestId('notification-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-read')))
}

describe('notifications', () => {
  it('arrive live on the phone, are read one by one or all at once, in Chinese and English', async () => {
    const page = await signInLive(session.browser, session.server, RESIDENT, VIEWPORTS.mobile)
    await page.getByTestId('tab-notifications').click()
    await page.getByTestId('notifications-page').waitFor()
    await expect.poll(() => page.getByTestId('state-empty').textContent()).toContain('暂无消息')
    expect(await tabBadge(page)).toBe('')

    // The hospital's admin invites her onto the roster.
    const unitAdmin = await actor(UNIT_ADMIN)
    await gql(
      `mutation($unitId: ID!, $phone: String!) { inviteUnitMember(unitId: $unitId, phone: $phone) { status } }`,
      { unitId: scopeOf(unitAdmin.grants, 'unit_admin'), phone: RESIDENT },
      unitAdmin.token,
    )
    await expect.poll(() => titles(page)).toEqual(['鼓楼区人民医院邀请您加入单位成员名册，可在“我的”中接受'])
    await expect.poll(() => tabBadge(page)).toBe('1')
    expect(await page.getByTestId('notifications-unread').textContent()).toContain('1 条未读')

    // 阳光社区's staff make her the grid worker of 第一网格.
    const staff = await actor(SUNSHINE_STAFF)
    const { administeredPlaces } = await gql<{ administeredPlaces: { id: string; kind: string; name: string }[] }>(
      `query { administeredPlaces { id kind name } }`,
      {},
      staff.token,
    )
    const grid = administeredPlaces.find((p) => p.kind === 'grid' && p.name === '第一网格（阳光花园）')!
    const { grantRole } = await gql<{ grantRole: { id: string } }>(
      `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`,
      { input: { phone: RESIDENT, role: 'grid_worker', scopeId: grid.id } },
      staff.token,
    )
    await expect.poll(() => tabBadge(page)).toBe('2')
    expect(await titles(page)).toEqual([
      '您已获得“网格员”身份（第一网格（阳光花园））',
      '鼓楼区人民医院邀请您加入单位成员名册，可在“我的”中接受',
    ])
    expect(await readStates(page)).toEqual(['no', 'no'])
    await expect.poll(() => page.getByRole('img', { name: '未读' }).count(), { timeout: 10_000 }).toBe(2)
    expect(await page.getByTestId('notifications-sms-switch').getAttribute('aria-checked')).toBe('false')
    await shot(page, 'h5-zh')

    // Tapping the newest marks it read: the badge goes down, and stays down after a reload.
    await page.getByTestId('notification-item').first().click()
    await expect.poll(() => readStates(page)).toEqual(['yes', 'no'])
    await expect.poll(() => tabBadge(page)).toBe('1')
    await page.reload()
    await page.getByTestId('notifications-page').waitFor()
    await expect.poll(() => readStates(page)).toEqual(['yes', 'no'])
    await expect.poll(() => tabBadge(page)).toBe('1')

    // 全部已读 clears the rest.
    await page.getByTestId('notifications-mark-all').click()
    await expect.poll(() => readStates(page)).toEqual(['yes', 'yes'])
    await expect.poll(() => tabBadge(page)).toBe('')
    expect(await page.getByTestId('notifications-mark-all').isDisabled()).toBe(true)

    // 接收短信通知: on, and remembered.
    await page.getByTestId('notifications-sms-switch').click()
    await expect.poll(() => page.getByTestId('notifications-sms-switch').getAttribute('aria-checked')).toBe('true')
    await page.reload()
    await expect.poll(() => page.getByTestId('notifications-sms-switch').getAttribute('aria-checked')).toBe('true')

    // In English; the grid role is taken back and that arrives live too.
    await page.getByTestId('locale-toggle').first().click()
    await expect.poll(() => page.getByTestId('tab-notifications').textContent()).toContain('Messages')
    await gql(`mutation($grantId: ID!) { revokeRole(grantId: $grantId) }`, { grantId: grantRole.id }, staff.token)
    await expect.poll(() => tabBadge(page)).toBe('1')
    expect(await titles(page)).toEqual([
      'Your Grid worker role at 第一网格（阳光花园） was withdrawn',
      'You were given the Grid worker role (第一网格（阳光花园）)',
      '鼓楼区人民医院 invited you onto its roster: accept it under Me',
    ])
    expect(await page.getByTestId('notifications-unread').textContent()).toContain('1 unread')
    expect(await page.getByTestId('notifications-mark-all').textContent()).toContain('Mark all read')
    await shot(page, 'h5-en')
    await page.context().close()
  })

  it('shows a staff member the count on the console bell, live, and the list in its drawer', async () => {
    const page = await signInLive(session.browser, session.server, PEACE_STAFF, VIEWPORTS.console)
    const badge = page.getByTestId('bell-badge').locator('.el-badge__content')
    await expect.poll(() => badge.isVisible()).toBe(false)

    // 阳光社区's staff appoint 赵明 admin of 鼓楼区税务局 too; 和平社区 invites it; he accepts.
    const sunshineStaff = await actor(SUNSHINE_STAFF)
    const sunshineId = scopeOf(sunshineStaff.grants, 'community_staff')
    const { alliance } = await gql<{ alliance: { units: { unit: { id: string; name: string } }[] } }>(
      `query($communityId: ID!) { alliance(communityId: $communityId) { units { unit { id name } } } }`,
      { communityId: sunshineId },
      sunshineStaff.token,
    )
    const tax = alliance.units.find((u) => u.unit.name === '鼓楼区税务局')!.unit
    await gql(
      `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`,
      { input: { phone: UNIT_ADMIN, role: 'unit_admin', scopeId: tax.id } },
      sunshineStaff.token,
    )
    const peaceStaff = await actor(PEACE_STAFF)
    const peaceId = scopeOf(peaceStaff.grants, 'community_staff')
    await gql(
      `mutation($communityId: ID!, $unitId: ID!) { inviteUnitToAlliance(communityId: $communityId, unitId: $unitId) { status } }`,
      { communityId: peaceId, unitId: tax.id },
      peaceStaff.token,
    )
    const unitAdmin = await actor(UNIT_ADMIN)
    await gql(
      `mutation($communityId: ID!, $unitId: ID!) { acceptAllianceInvitation(communityId: $communityId, unitId: $unitId) { status } }`,
      { communityId: peaceId, unitId: tax.id },
      unitAdmin.token,
    )

    await expect.poll(() => badge.textContent()).toBe('1')
    await page.evaluate(() => document.fonts.ready)
    await page.screenshot({
      path: `${SHOTS}notifications-console-bell.png`,
      clip: { x: 0, y: 0, width: VIEWPORTS.console.width, height: 60 },
      animations: 'disabled',
    })
    expect(await page.getByTestId('notification-bell').getAttribute('aria-label')).toBe('消息通知, 1 条未读')
    await page.getByTestId('notification-bell').click()
    const drawer = page.getByTestId('notification-drawer')
    await expect.poll(() => titles(page)).toEqual(['鼓楼区税务局已接受和平社区的联盟邀请'])
    expect(await drawer.getByTestId('notifications-unread').textContent()).toContain('1 条未读')
    await shot(page, 'console-drawer')

    await drawer.getByTestId('notifications-mark-all').click()
    await expect.poll(() => readStates(page)).toEqual(['yes'])
    await expect.poll(() => badge.isVisible()).toBe(false)
    await page.context().close()
  })
})
