/**
 * The three lists from the resident's phone and the unit's console, in headless Chromium against
 * the demo server. 王秀英 (390×844) posts a need with a photo through 我要求助 and sees it in 我的需求
 * as 待受理; 阳光社区's staff accept it and build and publish a joint project of capacity 2 from it
 * through GraphQL; 赵明 (1366×768) finds it in 项目市场 by a Chinese search, claims it (点单) and
 * 我的认领 shows it with 牵头单位; a second unit claims through GraphQL and the market shows 名额已满
 * with 点单 disabled; the resident's need detail shows 已受理, 已纳入服务项目 and the hospital's claim
 * on its timeline, in Chinese and English. Screenshots: ./screenshots/lists-*.png.
 */
import { randomUUID } from 'node:crypto'
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, SCREENSHOTS as SHOTS, VIEWPORTS, signIn, useBrowserSession } from '../../support/browser.ts'

const RESIDENT = '13900000001' // 王秀英, 阳光社区
const UNIT_ADMIN = '13900000003' // 赵明, 鼓楼区人民医院
const STAFF = '13900000005' // 刘芳, 阳光社区
const SECOND_ADMIN = '13900000002' // 李志强, made admin of 华林实验小学 here

const TITLE = '陪同老人去医院复查'
const PROJECT = '助老陪诊志愿服务'

const session = useBrowserSession()

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

async function actor(phone: string): Promise<{ token: string; scope: (role: string) => string }> {
  const { login } = await gql<{
    login: { accessToken: string; me: { roles: { role: string; scopeId: string | null }[] } }
  }>(
    `mutation($phone: String!, $password: String!) {
      login(phone: $phone, password: $password) { accessToken me { roles { role scopeId } } }
    }`,
    { phone, password: DEMO_PASSWORD },
  )
  return {
    token: login.accessToken,
    scope: (role) => login.me.roles.find((g) => g.role === role)?.scopeId ?? '',
  }
}

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await expect.poll(() => page.locator('.van-toast:visible, .el-message').count(), { timeout: 10_000 }).toBe(0)
  await page.evaluate(() => document.fonts.ready)
  await page.mouse.move(0, 0)
  await page.screenshot({ path: `${SHOTS}lists-${name}.png`, animations: 'disabled', fullPage })
}

/** An Element Plus input by its test id (on the <input> itself, or on a wrapper around it). */
function input(page: Page, id: string, tag = 'input') {
  return page.locator(`${tag}[data-testid="${id}"], [data-testid="${id}"] ${tag}`).first()
}

function card(page: Page) {
  return page.getByTestId('market-project').filter({ hasText: PROJECT })
}

describe('the three lists for residents and units', () => {
  it('a resident posts a need; staff make a joint project; units claim it until it is full', async () => {
    // ── 王秀英 posts a need with a photo on her phone ──
    const phone = await signIn(session.browser, session.server, RESIDENT, VIEWPORTS.mobile)
    await phone.getByTestId('home-need-new').click()
    await phone.getByTestId('need-form-page').waitFor()
    await expect.poll(() => phone.getByTestId('need-community').textContent()).toContain('阳光社区')
    await phone.getByTestId('need-title').locator('input').fill(TITLE)
    await phone
      .getByTestId('need-description')
      .locator('textarea')
      .fill('我母亲腿脚不便，下周需要去鼓楼医院复查，希望有志愿者陪同。')
    // The shared schema speaks first: no category yet.
    await phone.getByTestId('need-submit').click()
    await expect.poll(() => phone.getByTestId('need-category').textContent()).toContain('请选择类别')
    await phone.getByTestId('need-category').click()
    await phone.locator('.van-action-sheet__item', { hasText: '关心关爱' }).click()
    await phone.getByTestId('need-urgency-high').click()
    await phone.getByTestId('need-preferred-time').locator('input').fill('下周二上午')
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c8102e' } })
      .jpeg()
      .toBuffer()
    await phone
      .getByTestId('need-photos')
      .locator('input[type="file"]')
      .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpeg })
    await expect.poll(() => phone.getByTestId('need-photos').locator('.van-uploader__preview').count()).toBe(1)
    await expect.poll(() => phone.locator('.van-uploader__mask').count(), { timeout: 15_000 }).toBe(0)
    await shot(phone, 'h5-need-form-zh', false)
    await phone.getByTestId('need-submit').click()
    await phone.getByTestId('need-page').waitFor()
    await expect.poll(() => phone.getByTestId('need-detail-title').textContent()).toBe(TITLE)
    expect((await phone.getByTestId('state-tag').first().textContent())?.trim()).toBe('待受理')
    await expect.poll(() => phone.getByTestId('auth-image').count()).toBe(1)
    const [, , , communityId, needId] = new URL(phone.url()).pathname.split('/')

    // 我的需求 shows it on top as 待受理.
    await phone.getByTestId('tab-home').click()
    await phone.getByTestId('home-my-needs').click()
    await phone.getByTestId('my-need').first().waitFor()
    const first = phone.getByTestId('my-need').first()
    expect((await first.getByTestId('my-need-title').textContent())?.trim()).toBe(TITLE)
    expect((await first.getByTestId('state-tag').textContent())?.trim()).toBe('待受理')
    await shot(phone, 'h5-my-needs-zh')

    // ── 阳光社区's staff accept it and publish a joint project of capacity 2 from it ──
    const staff = await actor(STAFF)
    await gql(
      `mutation($c: ID!, $id: ID!) { acceptNeed(communityId: $c, id: $id) { state } }`,
      { c: communityId, id: needId },
      staff.token,
    )
    const { createProject } = await gql<{ createProject: { id: string } }>(
      `mutation($c: ID!, $input: ProjectInput!) { createProject(communityId: $c, input: $input) { id } }`,
      {
        c: communityId,
        input: {
          title: PROJECT,
          description: '为行动不便的老人提供就医陪同服务',
          category: 'care',
          mode: 'joint',
          capacity: 2,
          volunteerDemand: 4,
          schedule: '每周二上午',
          needIds: [needId],
        },
      },
      staff.token,
    )
    await gql(
      `mutation($c: ID!, $id: ID!) { publishProject(communityId: $c, id: $id) { state } }`,
      { c: communityId, id: createProject.id },
      staff.token,
    )

    // ── 赵明 finds it in 项目市场 and claims it ──
    const desk = await signIn(session.browser, session.server, UNIT_ADMIN, VIEWPORTS.console)
    await desk.getByRole('menuitem', { name: '项目市场' }).click()
    await desk.getByTestId('market-page').waitFor()
    await input(desk, 'market-search').fill('陪诊')
    await desk.getByTestId('market-search-submit').click()
    await card(desk).waitFor()
    expect(await card(desk).getByTestId('market-capacity').textContent()).toContain('已认领 0/2，剩余 2')
    expect(await card(desk).getByTestId('market-mode').textContent()).toContain('组团式')
    expect(await card(desk).textContent()).toContain(TITLE)
    await card(desk).getByTestId('market-claim-button').click()
    const dialog = desk.getByTestId('claim-dialog')
    await dialog.getByTestId('claim-project').waitFor()
    await input(desk, 'claim-volunteers').fill('3')
    await input(desk, 'claim-note', 'textarea').fill('由医护志愿服务队负责，联系人韩雪梅')
    await shot(desk, 'console-claim-dialog-zh')
    await dialog.getByTestId('claim-submit').click()
    await expect
      .poll(() => card(desk).getByTestId('market-claim').allTextContents())
      .toEqual([expect.stringContaining('鼓楼区人民医院')])
    expect(await card(desk).getByTestId('market-claim').textContent()).toContain('牵头')
    expect(await card(desk).getByTestId('market-ours').textContent()).toContain('本单位已认领')
    expect(await card(desk).getByTestId('market-claim-button').isDisabled()).toBe(true)

    // 我的认领 shows it with 牵头单位.
    await desk.getByRole('menuitem', { name: '我的认领' }).click()
    const row = desk.locator('.el-table__row', { hasText: PROJECT })
    await row.waitFor()
    expect(await row.getByTestId('claim-lead').textContent()).toContain('牵头单位')
    // 阳光社区 may require staff approval of claims: pending (待审核) until they decide.
    expect(await row.getByTestId('state-tag').first().textContent()).toMatch(/待审核|已认领/)
    await expect.poll(() => row.getByTestId('claim-withdraw').count(), { timeout: 10_000 }).toBe(1)
    await shot(desk, 'console-claims-zh')

    // ── A second unit claims through GraphQL: the market shows 名额已满 ──
    const { alliance } = await gql<{ alliance: { units: { unit: { id: string; name: string } }[] } }>(
      `query($c: ID!) { alliance(communityId: $c) { units { unit { id name } } } }`,
      { c: communityId },
      staff.token,
    )
    const school = alliance.units.find((u) => u.unit.name === '华林实验小学')!.unit
    await gql(
      `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`,
      { input: { phone: SECOND_ADMIN, role: 'unit_admin', scopeId: school.id } },
      staff.token,
    )
    const second = await actor(SECOND_ADMIN)
    await gql(
      `mutation($input: ClaimInput!, $key: String) { claimProject(input: $input, idempotencyKey: $key) { state } }`,
      { input: { projectId: createProject.id, unitId: school.id, volunteers: 2 }, key: randomUUID() },
      second.token,
    )
    await desk.getByRole('menuitem', { name: '项目市场' }).click()
    await input(desk, 'market-search').fill('陪诊')
    await desk.getByTestId('market-search-submit').click()
    await expect.poll(() => card(desk).getByTestId('market-full').count()).toBe(1)
    expect(await card(desk).getByTestId('market-claim-button').isDisabled()).toBe(true)
    expect(await card(desk).getByTestId('market-capacity').textContent()).toContain('已认领 2/2，剩余 0')
    expect(await card(desk).getByTestId('market-claim').allTextContents()).toEqual([
      expect.stringContaining('鼓楼区人民医院'),
      expect.stringContaining('华林实验小学'),
    ])
    await shot(desk, 'console-market-full-zh')

    // ── The resident's need detail tells the story ──
    await phone.getByTestId('my-need').first().click()
    await phone.getByTestId('need-timeline').waitFor()
    const steps = (await phone.getByTestId('need-event').allTextContents()).join('\n')
    expect(steps).toContain('社区已受理')
    expect(steps).toContain(`已纳入服务项目“${PROJECT}”`)
    expect(steps).toMatch(/鼓楼区人民医院(认领了服务项目|申请认领服务项目，待社区审核)/)
    expect(steps).toContain('王秀英 · 居民')
    expect(steps).toMatch(/刘芳 · 社区工作人员/)
    expect((await phone.getByTestId('state-tag').first().textContent())?.trim()).not.toBe('待受理')
    await expect.poll(() => phone.getByTestId('need-withdraw').count(), { timeout: 10_000 }).toBe(0)
    await phone.getByTestId('need-timeline').scrollIntoViewIfNeeded()
    await shot(phone, 'h5-need-detail-zh', false)

    await phone.getByTestId('locale-toggle').first().click()
    await expect.poll(() => phone.getAttribute('html', 'lang')).toBe('en')
    await expect
      .poll(async () => (await phone.getByTestId('need-event').allTextContents()).join('\n'))
      .toContain('Accepted by the community')
    await shot(phone, 'h5-need-detail-en', false)

    await phone.context().close()
    await desk.context().close()
  })
})
