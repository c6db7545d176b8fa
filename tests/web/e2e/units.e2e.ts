/**
 * The unit pages (issue 3) in headless Chromium against the real app with demo data: the
 * hospital's admin keeps its roster (approves the pending request, marks a party member,
 * invites by phone) and its teams (a new team with a leader, a member added); 阳光社区's staff
 * see the alliance, create a unit, date its agreement, appoint the demo volunteer its admin,
 * invite an existing unit and add to the community's team; the new unit admin signs in to the
 * unit pages and accepts another community's invitation; an invited person accepts on the phone.
 * Screenshots go to ./screenshots/units-*.png for a human look.
 */
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  SCREENSHOTS as SHOTS,
  chooseOption as pick,
  screenshot,
  smallText,
  useBrowserSession,
} from '../../support/browser.ts'

const UNIT_ADMIN = '13900000003' // 赵明, 鼓楼区人民医院
const SUNSHINE_STAFF = '13900000005' // 刘芳, 阳光社区
const PEACE_STAFF = '13900000008' // 吴刚, 和平社区
const VOLUNTEER = '13900000002' // 李志强, becomes admin of the new unit
const NEW_UNIT = '鼓楼区青少年宫'

const session = useBrowserSession()

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0))
  await screenshot(page, `units-${name}`)
}

async function openMenu(page: Page, label: string, testId: string): Promise<void> {
  await page.getByRole('menuitem', { name: label, exact: true }).click()
  await page.getByTestId(testId).waitFor()
}

async function menuItems(page: Page): Promise<string[]> {
  return (await page.getByRole('menuitem').allTextContents()).map((s) => s.trim())
}

/** A table row holding this exact text. */
function rowOf(scope: Locator, text: string): Locator {
  return scope.locator('tr.el-table__row').filter({ has: scope.page().getByText(text, { exact: true }) })
}

async function names(scope: Locator, testId: string): Promise<string[]> {
  return (await scope.getByTestId(testId).allTextContents()).map((s) => s.trim())
}

async function sortedNames(scope: Locator, testId: string): Promise<string[]> {
  return (await names(scope, testId)).sort()
}

describe('unit pages', () => {
  it('lets the unit admin keep the roster and teams', async () => {
    const page = await session.signIn(UNIT_ADMIN)
    expect(await menuItems(page)).toEqual([
      '首页',
      '项目市场',
      '我的认领',
      '我的资源',
      '单位成员',
      '志愿服务队',
      '联盟邀请',
      '成员服务',
      '联盟治理',
      '我的账户',
    ])

    await openMenu(page, '单位成员', 'units-roster')
    const table = page.getByTestId('roster-table')
    await expect.poll(() => sortedNames(table, 'roster-name')).toEqual(['赵明', '韩雪梅', '冯建国', '蒋晓燕'].sort())
    await expect.poll(() => page.getByTestId('roster-tab-active').textContent()).toBe('在册 4')
    expect(await page.getByTestId('roster-tab-requested').textContent()).toBe('待审批 1')
    expect(await page.getByTestId('roster-tab-invited').textContent()).toBe('已邀请 1')
    // The unit's own admin sees phones in full.
    expect(await rowOf(table, '韩雪梅').getByTestId('roster-phone').textContent()).toBe('13900001001')
    expect(await rowOf(table, '蒋晓燕').getByTestId('roster-party').getAttribute('data-party')).toBe('no')
    expect(await smallText(page)).toEqual([])
    await shot(page, 'roster-zh')

    // 沈浩然 asked to join: approve him.
    await page.getByTestId('roster-tab-requested').click()
    await rowOf(table, '沈浩然').getByTestId('roster-approve').click()
    await expect.poll(() => page.getByTestId('roster-tab-active').textContent()).toBe('在册 5')
    expect(await page.getByTestId('roster-tab-requested').textContent()).toBe('待审批 0')

    // 蒋晓燕 is a party member after all.
    await page.getByTestId('roster-tab-active').click()
    await expect.poll(() => names(table, 'roster-name')).toContain('沈浩然')
    await rowOf(table, '蒋晓燕').getByTestId('roster-party').click()
    await expect.poll(() => rowOf(table, '蒋晓燕').getByTestId('roster-party').getAttribute('data-party')).toBe('yes')

    // Invite the demo volunteer by phone, as a party member.
    await page.getByTestId('roster-invite').click()
    await page.getByTestId('invite-phone').fill(VOLUNTEER)
    await page.getByTestId('invite-party').click()
    await page.getByTestId('invite-submit').click()
    await expect.poll(() => page.getByTestId('roster-tab-invited').textContent()).toBe('已邀请 2')
    // Inviting someone already invited answers ALREADY_EXISTS, in words.
    await page.getByTestId('roster-invite').click()
    await page.getByTestId('invite-phone').fill(VOLUNTEER)
    await page.getByTestId('invite-submit').click()
    await expect.poll(() => page.locator('.units-dialog .el-form-item__error').textContent()).toBe('该记录已存在')
    await page.keyboard.press('Escape')

    // Teams: the seeded 医护志愿服务队, and a new one with a leader and a member.
    await openMenu(page, '志愿服务队', 'teams-page')
    const medical = page.locator('[data-team="医护志愿服务队"]')
    await expect.poll(() => medical.getByTestId('team-leader').textContent()).toBe('韩雪梅')
    await page.getByTestId('team-create').click()
    await page.getByTestId('team-name-input').fill('急诊志愿服务队')
    await pick(page, page.getByTestId('team-leader-select'), '冯建国')
    await page.getByTestId('team-dialog-submit').click()
    const emergency = page.locator('[data-team="急诊志愿服务队"]')
    await expect.poll(() => emergency.getByTestId('team-leader').textContent()).toBe('冯建国')
    await pick(page, emergency.getByTestId('team-add-select'), '沈浩然')
    await emergency.getByTestId('team-add-submit').click()
    await expect.poll(() => sortedNames(emergency, 'team-member-name')).toEqual(['冯建国', '沈浩然'].sort())
    // Make 沈浩然 the leader instead.
    await rowOf(emergency, '沈浩然').getByTestId('team-set-leader').click()
    await expect.poll(() => emergency.getByTestId('team-leader').textContent()).toBe('沈浩然')
    expect(await smallText(page)).toEqual([])
    await shot(page, 'teams-zh')

    // Alliance invitations: none open; the hospital is in both communities' alliances.
    await openMenu(page, '联盟邀请', 'units-invitations')
    await expect
      .poll(() => names(page.getByTestId('invitations-memberships'), 'membership-alliance'))
      .toEqual(expect.arrayContaining(['阳光社区大邻里党建联盟', '和平社区大邻里党建联盟']))
    await expect.poll(() => page.getByTestId('invitation-accept').count(), { timeout: 10_000 }).toBe(0)

    // English throughout.
    await openMenu(page, '单位成员', 'units-roster')
    await page.getByTestId('locale-toggle').first().click()
    await expect.poll(() => page.getByTestId('roster-tab-active').textContent()).toBe('Active 5')
    expect(await smallText(page)).toEqual([])
    await shot(page, 'roster-en')
    await page.getByTestId('locale-toggle').first().click()
    await page.context().close()
  })

  it('lets community staff keep the alliance and appoint a unit admin', async () => {
    const page = await session.signIn(SUNSHINE_STAFF)
    const items = await menuItems(page)
    expect(items).toEqual(expect.arrayContaining(['联盟单位', '社区志愿服务队']))
    expect(items).not.toContain('单位成员')

    await openMenu(page, '联盟单位', 'alliance-page')
    const table = page.getByTestId('alliance-table')
    await expect
      .poll(() => names(table, 'alliance-unit-name'))
      .toEqual(expect.arrayContaining(['鼓楼区人民医院', '鼓楼区税务局', '华林实验小学']))
    const hospital = rowOf(table, '鼓楼区人民医院')
    expect(await hospital.getByTestId('alliance-unit-kind').textContent()).toBe('医院')
    expect((await hospital.getByTestId('alliance-unit-status').textContent())?.trim()).toBe('在联盟')
    expect(await hospital.getByTestId('alliance-agreement').locator('input').inputValue()).toBe('2026-03-01')
    await expect.poll(() => names(hospital, 'alliance-unit-admin')).toEqual([expect.stringContaining('赵明')])
    expect(await smallText(page)).toEqual([])
    await shot(page, 'alliance-zh')

    // A new unit, then its admin: the phone finds the demo volunteer by name first.
    await page.getByTestId('alliance-create').click()
    await page.getByTestId('unit-name-input').fill(NEW_UNIT)
    await pick(page, page.getByTestId('unit-kind-select'), '其他')
    await page.getByTestId('unit-create-submit').click()
    const created = rowOf(table, NEW_UNIT)
    await expect.poll(() => created.getByTestId('alliance-unit-kind').textContent()).toBe('其他')
    expect((await created.getByTestId('alliance-unit-status').textContent())?.trim()).toBe('在联盟')

    await created.getByTestId('alliance-appoint').click()
    await page.getByTestId('appoint-phone').fill(VOLUNTEER)
    await page.getByTestId('appoint-find').click()
    await expect.poll(() => page.getByTestId('appoint-person').textContent()).toContain('李*强（139****0002）')
    await shot(page, 'appoint-zh')
    await page.getByTestId('appoint-submit').click()
    await expect.poll(() => names(created, 'alliance-unit-admin')).toEqual([expect.stringContaining('李志强')])

    // The co-building agreement was signed on 18 June.
    const date = created.getByTestId('alliance-agreement').locator('input')
    await date.fill('2026-06-18')
    await date.press('Enter')
    await expect.poll(() => page.locator('.el-message').filter({ hasText: '已记录' }).count()).toBe(1)
    await page.reload()
    await page.getByTestId('alliance-page').waitFor()
    await expect
      .poll(() => rowOf(table, NEW_UNIT).getByTestId('alliance-agreement').locator('input').inputValue())
      .toBe('2026-06-18')

    // Invite an existing unit, found by name.
    await page.getByTestId('alliance-invite').click()
    await page.getByTestId('unit-search-input').fill('图书馆')
    await page.getByTestId('unit-search-submit').click()
    await expect.poll(() => page.getByTestId('unit-search-name').allTextContents()).toEqual(['鼓楼区图书馆'])
    await page.getByTestId('unit-invite').click()
    await expect
      .poll(async () => (await rowOf(table, '鼓楼区图书馆').getByTestId('alliance-unit-status').textContent())?.trim())
      .toBe('已邀请')
    expect(await smallText(page)).toEqual([])
    await shot(page, 'alliance-after-zh')

    // The community's own team: add a hospital nurse (a member of an alliance unit) by phone.
    await openMenu(page, '社区志愿服务队', 'teams-page')
    const redVests = page.locator('[data-team="阳光红马甲志愿服务队"]')
    await expect.poll(() => redVests.getByTestId('team-leader').textContent()).toBe('郑秋菊')
    await redVests.getByTestId('team-add-phone').fill('13900001001')
    await redVests.getByTestId('team-add-find').click()
    await expect.poll(() => redVests.getByTestId('team-add-person').textContent()).toContain('韩*梅（139****1001）')
    await redVests.getByTestId('team-add-submit').click()
    await expect.poll(() => names(redVests, 'team-member-name')).toContain('韩雪梅')
    // Someone neither resident nor in an active alliance unit: NOT_A_MEMBER, in words.
    await redVests.getByTestId('team-add-phone').fill('13900000007')
    await redVests.getByTestId('team-add-find').click()
    await redVests.getByTestId('team-add-person').waitFor()
    await redVests.getByTestId('team-add-submit').click()
    await expect.poll(() => page.locator('.el-message--error').textContent()).toContain('不是相应的成员')
    expect(await smallText(page)).toEqual([])
    await shot(page, 'community-teams-zh')

    await page.getByTestId('locale-toggle').first().click()
    await openMenu(page, 'Alliance units', 'alliance-page')
    await expect
      .poll(() =>
        rowOf(page.getByTestId('alliance-table'), '鼓楼区人民医院').getByTestId('alliance-unit-kind').textContent(),
      )
      .toBe('Hospital')
    expect(await smallText(page)).toEqual([])
    await shot(page, 'alliance-en')
    await page.getByTestId('locale-toggle').first().click()
    await page.context().close()
  })

  it('brings the appointed admin to the unit pages, where another community’s invitation waits', async () => {
    // 和平社区's staff invite the new unit too.
    const staff = await session.signIn(PEACE_STAFF)
    await openMenu(staff, '联盟单位', 'alliance-page')
    await staff.getByTestId('alliance-invite').click()
    await staff.getByTestId('unit-search-input').fill('青少年宫')
    await staff.getByTestId('unit-search-submit').click()
    await staff.getByTestId('unit-invite').click()
    await expect
      .poll(async () =>
        (
          await rowOf(staff.getByTestId('alliance-table'), NEW_UNIT).getByTestId('alliance-unit-status').textContent()
        )?.trim(),
      )
      .toBe('已邀请')
    await staff.context().close()

    // 李志强 now acts first as the unit's admin, on the console.
    const page = await session.signIn(VOLUNTEER)
    expect(new URL(page.url()).pathname).toBe('/console')
    expect((await page.getByTestId('home-role').textContent())?.trim()).toBe('联盟单位管理员')
    expect((await page.getByTestId('home-scope').textContent())?.trim()).toBe(NEW_UNIT)
    expect(await menuItems(page)).toEqual([
      '首页',
      '项目市场',
      '我的认领',
      '我的资源',
      '单位成员',
      '志愿服务队',
      '联盟邀请',
      '成员服务',
      '联盟治理',
      '我的账户',
    ])

    await openMenu(page, '单位成员', 'units-roster')
    await expect.poll(() => page.getByTestId('roster-tab-active').textContent()).toBe('在册 1')

    await openMenu(page, '联盟邀请', 'units-invitations')
    const pending = page.getByTestId('invitations-pending')
    await expect.poll(() => names(pending, 'invitation-alliance')).toEqual(['和平社区大邻里党建联盟'])
    expect(await smallText(page)).toEqual([])
    await shot(page, 'invitations-zh')
    await pending.getByTestId('invitation-accept').click()
    await expect.poll(() => pending.getByTestId('invitation-alliance').count()).toBe(0)
    await expect
      .poll(() => names(page.getByTestId('invitations-memberships'), 'membership-alliance'))
      .toEqual(expect.arrayContaining(['阳光社区大邻里党建联盟', '和平社区大邻里党建联盟']))

    // As a volunteer on the phone (the same session, a phone's screen), he accepts the hospital's invitation on 我的.
    await page.getByTestId('role-switcher').click()
    await page.getByRole('menuitem', { name: /志愿者/ }).click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/m')
    const storageState = await page.context().storageState()
    await page.context().close()
    const phone = await (
      await session.browser.newContext({
        storageState,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      })
    ).newPage()
    await phone.goto(`${session.server.url}/m`)
    await phone.getByTestId('tab-me').click()
    const invitation = phone.getByTestId('unit-invitation')
    await expect.poll(() => invitation.textContent()).toContain('鼓楼区人民医院')
    expect(await smallText(phone)).toEqual([])
    await phone.evaluate(() => document.fonts.ready)
    await phone.screenshot({ path: `${SHOTS}units-mobile-invitation-zh.png`, animations: 'disabled' })
    await invitation.getByTestId('unit-invitation-accept').click()
    await expect.poll(() => phone.getByTestId('unit-invitation-notice').textContent()).toBe('已加入鼓楼区人民医院')
    await expect.poll(() => phone.getByTestId('unit-invitation').count(), { timeout: 10_000 }).toBe(0)
    await phone.context().close()

    // The hospital's roster now holds him, a party member as invited.
    const admin = await session.signIn(UNIT_ADMIN)
    await openMenu(admin, '单位成员', 'units-roster')
    const row = rowOf(admin.getByTestId('roster-table'), '李志强')
    await expect.poll(() => row.getByTestId('roster-party').getAttribute('data-party')).toBe('yes')
    await admin.context().close()
  })
})
