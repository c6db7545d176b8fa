/**
 * The admin console (issue 3) in headless Chromium against the real app with demo data: the
 * district admin adds a community and a grid and appoints its staff; the new staff member
 * changes the service categories; the audit log shows who did what; a street admin sees only
 * their own street. Screenshots go to ./screenshots/admin-*.png for a human look.
 */
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshot, smallText, useBrowserSession } from '../../support/browser.ts'

const DISTRICT_ADMIN = '13900000007' // 周丽, 鼓楼区
const STREET_ADMIN = '13900000006' // 孙伟, 华林街道
const VOLUNTEER = '13900000002' // 李志强, becomes staff of the new community

const session = useBrowserSession()

const shot = (page: Page, name: string) => screenshot(page, `admin-${name}`)

async function openMenu(page: Page, label: string, testId: string): Promise<void> {
  await page.getByRole('menuitem', { name: label }).click()
  await page.getByTestId(testId).waitFor()
}

/** A place's row in the tree, by its exact name. */
function placeNode(page: Page, name: string): Locator {
  return page.getByTestId('place-node').filter({ has: page.getByTestId('place-name').getByText(name, { exact: true }) })
}

async function addPlace(page: Page, parent: string, name: string): Promise<string> {
  await placeNode(page, parent).locator('[data-testid^="place-add-"]').click()
  await page.getByTestId('place-name-input').fill(name)
  await page.getByTestId('place-name-submit').click()
  await placeNode(page, name).waitFor()
  await page.getByTestId('place-name-input').waitFor({ state: 'hidden' })
  return (await placeNode(page, name).getAttribute('data-place-id'))!
}

/** The audit rows as "action | actor | summary". */
async function auditRows(page: Page): Promise<string[]> {
  return page
    .getByTestId('audit-table')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => {
        const text = (id: string) => row.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? ''
        return `${text('audit-action')} | ${text('audit-actor')} | ${text('audit-summary')}`
      }),
    )
}

describe('admin console', () => {
  it('adds places, appoints staff, changes settings, shows the audit log and keeps streets apart', async () => {
    // The district admin adds a community under 华林街道 and a grid in it, and a second street.
    const district = await session.signIn(DISTRICT_ADMIN)
    const menu = await district.locator('aside').innerText()
    for (const item of ['辖区管理', '角色授权', '社区设置', '操作日志']) expect(menu).toContain(item)
    await openMenu(district, '辖区管理', 'admin-places')
    await placeNode(district, '华林街道').waitFor()
    const binjiang = await addPlace(district, '华林街道', '滨江社区')
    await addPlace(district, '滨江社区', '第一网格（滨江花园）')
    await addPlace(district, '鼓楼区', '东街街道')
    const dongjie = await addPlace(district, '东街街道', '东街社区')
    expect(await smallText(district)).toEqual([])
    await shot(district, 'places-zh')

    // …and appoints an existing person (the demo volunteer) as its community staff.
    await openMenu(district, '角色授权', 'admin-roles')
    await placeNode(district, '滨江社区').getByTestId('place-name').click()
    await expect.poll(() => district.getByText('滨江社区的角色').isVisible()).toBe(true)
    await district.getByTestId('grant-phone').fill(VOLUNTEER)
    await district.getByTestId('grant-find').click()
    await expect.poll(() => district.getByTestId('grant-person').textContent()).toContain('李*强（139****0002）')
    // A district admin is offered exactly what it may grant.
    await district.getByTestId('grant-role-select').click()
    await expect
      .poll(() => district.getByRole('option').allInnerTexts())
      .toEqual(['街道管理员', '社区工作人员', '网格员'])
    await district.getByRole('option', { name: '社区工作人员', exact: true }).click()
    await expect.poll(() => district.getByTestId('grant-scope-select').innerText()).toContain('华林街道 / 滨江社区')
    await district.getByTestId('grant-submit').click()
    const grantRow = district.getByTestId('grant-table').locator('tbody tr').filter({ hasText: '李志强' })
    await expect.poll(() => grantRow.innerText()).toMatch(/李志强\s+139\*\*\*\*0002\s+社区工作人员\s+滨江社区/)
    expect(await smallText(district)).toEqual([])
    await shot(district, 'roles-zh')

    // The new staff member signs in, adds a category and saves it.
    const staff = await session.signIn(VOLUNTEER)
    expect(new URL(staff.url()).pathname).toBe('/console')
    await openMenu(staff, '社区设置', 'admin-settings')
    await expect.poll(() => staff.getByTestId('settings-title').textContent()).toBe('滨江社区生效设置')
    // Inherited values say where they come from: 华林街道 sets a 10-day rating window.
    await expect.poll(() => staff.getByTestId('setting-value-ratingWindowDays').textContent()).toContain('10 天')
    expect(await staff.getByTestId('setting-source-ratingWindowDays').textContent()).toContain('沿用街道默认')
    await staff.getByTestId('setting-edit-categories').click()
    await staff.getByTestId('category-add').click()
    // The shared schema speaks first: an empty name is refused before anything is sent.
    await staff.getByTestId('setting-save').click()
    await expect.poll(() => staff.getByTestId('setting-problems').textContent()).toContain('第 6 行：请输入分类名称')
    await staff.getByTestId('category-name').last().fill('助老服务')
    await staff.getByTestId('category-name-en').last().fill('Elder care')
    await staff.getByTestId('category-coefficient').last().locator('input').fill('1.5')
    await shot(staff, 'settings-edit-zh')
    await staff.getByTestId('setting-save').click()
    await expect.poll(() => staff.getByTestId('setting-value-categories').textContent()).toContain('助老服务')
    await staff.reload()
    await expect.poll(() => staff.getByTestId('setting-value-categories').textContent()).toContain('助老服务 ×1.5')
    expect(await staff.getByTestId('setting-source-categories').textContent()).toContain('本级设置')
    expect(await staff.getByTestId('setting-inherited-categories').textContent()).toMatch(
      /^\s*继承自系统默认：红色教育、政策宣讲/,
    )
    expect(await staff.getByTestId('setting-reset-categories').isVisible()).toBe(true)
    expect(await smallText(staff)).toEqual([])
    await shot(staff, 'settings-zh')

    // The district admin's audit log shows the creations and the setting change, with names.
    await openMenu(district, '操作日志', 'admin-audit')
    await expect
      .poll(() => auditRows(district))
      .toContain(
        '修改设置 | 李志强 | 滨江社区 · 服务类别：未单独设置 → 红色教育、政策宣讲、关心关爱、社会治理、便民服务、助老服务',
      )
    const rows = await auditRows(district)
    expect(rows).toContain('新建社区 | 周丽 | 滨江社区')
    expect(rows).toContain('新建网格 | 周丽 | 第一网格（滨江花园）')
    expect(rows).toContain('新建街道 | 周丽 | 东街街道')
    expect(rows).toContain('授予角色 | 周丽 | 李志强 · 社区工作人员 · 滨江社区')
    expect(rows.indexOf('新建社区 | 周丽 | 滨江社区')).toBeGreaterThan(
      rows.indexOf('授予角色 | 周丽 | 李志强 · 社区工作人员 · 滨江社区'),
    )
    expect(await district.getByTestId('audit-table').innerText()).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/)
    expect(await smallText(district)).toEqual([])
    await shot(district, 'audit-zh')

    // Once in English.
    await district.getByTestId('locale-toggle').click()
    await expect.poll(() => auditRows(district)).toContain('Create community | 周丽 | 滨江社区')
    expect(await auditRows(district)).toContain('Grant role | 周丽 | 李志强 · Community staff · 滨江社区')
    await shot(district, 'audit-en')
    await openMenu(district, 'Settings', 'admin-settings')
    await expect.poll(() => district.getByTestId('settings-title').textContent()).toBe('Defaults of 鼓楼区')
    await expect.poll(() => district.getByTestId('setting-value-ratingWindowDays').textContent()).toContain('14 days')
    expect(await smallText(district)).toEqual([])
    await shot(district, 'settings-en')
    await openMenu(district, 'Places', 'admin-places')
    expect(await district.locator('[data-testid^="place-add-"]').first().textContent()).toContain('Add street')
    await shot(district, 'places-en')

    // Community staff appoint grid workers and the admins of their alliance's units.
    const sunshine = await session.signIn('13900000005') // 刘芳, 阳光社区
    await openMenu(sunshine, '角色授权', 'admin-roles')
    await sunshine.getByTestId('grant-role-select').click()
    await expect.poll(() => sunshine.getByRole('option').allInnerTexts()).toEqual(['网格员', '联盟单位管理员'])
    await sunshine.getByRole('option', { name: '联盟单位管理员', exact: true }).click()
    await sunshine.getByTestId('grant-scope-select').click()
    await expect.poll(() => sunshine.getByRole('option').allInnerTexts()).toContain('鼓楼区人民医院')
    await sunshine.keyboard.press('Escape')
    await sunshine.context().close()

    // A street admin sees their street only: 东街社区 is absent, and its settings are "not found".
    const street = await session.signIn(STREET_ADMIN)
    await openMenu(street, '辖区管理', 'admin-places')
    await placeNode(street, '滨江社区').waitFor()
    const names = await street.getByTestId('place-name').allInnerTexts()
    expect(names).toContain('阳光社区')
    expect(names).not.toContain('东街社区')
    expect(names).not.toContain('东街街道')
    expect(names).not.toContain('鼓楼区')
    // A street admin adds communities and grids, and renames them, but not their own street.
    await expect
      .poll(() => placeNode(street, '华林街道').locator('[data-testid^="place-rename-"]').count(), { timeout: 10_000 })
      .toBe(0)
    await expect
      .poll(() => placeNode(street, '滨江社区').locator('[data-testid^="place-rename-"]').count(), { timeout: 10_000 })
      .toBe(1)

    // Their own defaults: 华林街道 sets a 10-day rating window over the built-in 14 days.
    await openMenu(street, '社区设置', 'admin-settings')
    await expect.poll(() => street.getByTestId('settings-title').textContent()).toBe('华林街道默认设置')
    await expect
      .poll(() => street.getByTestId('setting-inherited-ratingWindowDays').textContent())
      .toContain('继承自系统默认：14 天')
    expect(await street.getByTestId('setting-value-ratingWindowDays').textContent()).toContain('10 天')
    expect(await smallText(street)).toEqual([])
    await shot(street, 'settings-street-zh')

    await street.goto(`${session.server.url}/console/admin/settings?community=${dongjie}`)
    await street.getByTestId('settings-not-found').waitFor()
    await expect.poll(() => street.getByTestId('setting-categories').count(), { timeout: 10_000 }).toBe(0)
    expect(await street.getByTestId('admin-settings').innerText()).not.toContain('东街社区')
    await shot(street, 'settings-not-found-zh')

    // Its own street's community reads as it is in effect, without edit buttons.
    await street.goto(`${session.server.url}/console/admin/settings?community=${binjiang}`)
    await expect.poll(() => street.getByTestId('setting-value-categories').textContent()).toContain('助老服务')
    await expect.poll(() => street.locator('[data-testid^="setting-edit-"]').count(), { timeout: 10_000 }).toBe(0)

    for (const page of [district, staff, street]) await page.context().close()
  })
})
