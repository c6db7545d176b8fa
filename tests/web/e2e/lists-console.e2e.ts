/**
 * The community staff's console for the three lists (issue 5) in headless Chromium against the
 * real app with demo data, at 1366×768: 刘芳 of 阳光社区 triages a submitted need (accepts it),
 * opens its contact (the full number, an audited view), builds a joint project of capacity 2
 * from it choosing a suggested resource, and publishes it; two units claim it through GraphQL;
 * the project list shows it 名额已满 with both units and the lead; 刘芳 returns an offered
 * resource with a reason. Screenshots go to ./screenshots/lists-*.png for a human look.
 */
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshot, smallText, useBrowserSession } from '../../support/browser.ts'
import { graphqlAt } from '../../support/e2e-api.ts'

const STAFF = '13900000005' // 刘芳, 阳光社区
const HOSPITAL_ADMIN = '13900000003' // 赵明, 鼓楼区人民医院
const VOLUNTEER = '13900000002' // 李志强, made admin of 华林实验小学 here
const NEED = '独居老人需要陪伴聊天' // recorded by the grid worker for 钱大爷, submitted
const NEED_PHONE = '13800001234'
const PROJECT = '独居老人陪伴服务'
const OFFERED = '急救知识培训'

const session = useBrowserSession()

const { gql, login } = graphqlAt(() => session.server.url)

const shot = (page: Page, name: string) => screenshot(page, `lists-${name}`)

function rowOf(scope: Locator, text: string): Locator {
  return scope.locator('tr.el-table__row').filter({ hasText: text })
}

describe('the lists console', () => {
  it('triages a need, builds and publishes a joint project, sees two units claim it, returns a resource', async () => {
    const page = await session.signIn(STAFF)
    const menu = (await page.getByRole('menuitem').allTextContents()).map((s) => s.trim())
    expect(menu.slice(0, 4)).toEqual(['首页', '需求分拣', '项目清单', '资源审核'])

    // 需求分拣: the submitted need recorded for 钱大爷.
    await page.getByRole('menuitem', { name: '需求分拣', exact: true }).click()
    await page.getByTestId('needs-board').waitFor()
    const table = page.getByTestId('needs-table')
    await rowOf(table, NEED).waitFor()
    // The demo's need accepted ten days ago is waiting too long.
    await expect.poll(() => page.getByTestId('waiting-need').allTextContents()).toContain('老人助浴服务')
    // Chinese substring search.
    await page.getByTestId('needs-search').fill('陪伴')
    await page.getByTestId('needs-search-submit').click()
    await expect.poll(() => table.getByTestId('need-open').allTextContents()).toEqual([NEED])
    expect(await smallText(page)).toEqual([])
    await shot(page, 'needs-board-zh')

    // The drawer: masked phone, then the full one (an audited view); accept.
    await rowOf(table, NEED).getByTestId('need-open').click()
    const drawer = page.getByTestId('need-drawer')
    await drawer.getByTestId('need-accept').waitFor()
    const masked = await drawer.getByTestId('need-phone').textContent()
    expect(masked).not.toContain(NEED_PHONE)
    await drawer.getByTestId('need-show-contact').click()
    await expect.poll(() => drawer.getByTestId('need-phone').textContent()).toBe(NEED_PHONE)
    await expect.poll(() => drawer.getByTestId('need-address').textContent()).toBe('阳光花园12栋502室')
    await drawer.getByTestId('need-accept').click()
    await expect.poll(() => drawer.getByTestId('state-tag').first().textContent()).toContain('已受理')
    // The history in words: recorded by the grid worker, accepted by 刘芳.
    await expect
      .poll(() => drawer.getByTestId('timeline-step').allTextContents())
      .toEqual([
        expect.stringContaining('陈静（网格员）代录了需求（网格走访）'),
        expect.stringContaining('刘芳（社区工作人员）受理了需求'),
      ])
    await expect.poll(() => drawer.getByTestId('suggestion').count()).toBeGreaterThan(0)
    await shot(page, 'need-drawer-zh')
    await page.keyboard.press('Escape')

    // Pick it on the 已受理 tab and build a project from it.
    await page.getByTestId('needs-tab-accepted').click()
    await rowOf(table, NEED).getByTestId('need-pick').click()
    await page.getByTestId('needs-build-project').click()
    const editor = page.getByTestId('project-editor')
    await editor.waitFor()
    await expect.poll(() => page.getByTestId('editor-picked-count').textContent()).toContain('已选 1 条需求')
    const suggestion = editor.getByTestId('suggestion').first()
    await suggestion.waitFor()
    const resourceTitle = (await suggestion.getByTestId('suggestion-title').textContent())!.trim()
    expect(await suggestion.getByTestId('suggestion-score').textContent()).toMatch(/匹配度 \d+/)
    await expect.poll(() => suggestion.getByTestId('suggestion-reason').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await suggestion.getByTestId('suggestion-pick').click()
    // The schema speaks first: a one-character title is refused in words.
    await page.getByTestId('project-title').fill('陪')
    await page.getByTestId('project-save').click()
    await expect.poll(() => editor.locator('.el-form-item__error').first().textContent()).toMatch(/\S/)
    await page.getByTestId('project-title').fill(PROJECT)
    await page.getByTestId('project-description').fill('每周两次上门陪伴钱大爷聊天、读报')
    await page.getByTestId('project-schedule').fill('每周二、周五下午')
    expect(await page.getByTestId('project-capacity').locator('input').inputValue()).toBe('2')
    expect(await smallText(page)).toEqual([])
    await shot(page, 'project-editor-zh')
    await page.getByTestId('project-publish').click()
    await page.getByTestId('project-detail').waitFor()
    await expect.poll(() => page.getByTestId('project-detail-title').textContent()).toBe(PROJECT)
    await expect
      .poll(() => page.getByTestId('project-detail').getByTestId('state-tag').first().textContent())
      .toContain('已发布')
    expect(await page.getByTestId('project-resources').textContent()).toContain(resourceTitle)
    const projectId = new URL(page.url()).pathname.split('/').pop()!

    // Two units claim it: the hospital, then the school (whose admin 刘芳 appoints first).
    const staff = await login(STAFF)
    const communityId = staff.scope('community_staff')
    const { alliance } = await gql<{ alliance: { units: { unit: { id: string; name: string } }[] } }>(
      'query($c: ID!) { alliance(communityId: $c) { units { unit { id name } } } }',
      { c: communityId },
      staff.token,
    )
    const school = alliance.units.find((u) => u.unit.name === '华林实验小学')!.unit.id
    await gql(
      'mutation($phone: String!, $unitId: ID!) { grantRole(input: { phone: $phone, role: unit_admin, scopeId: $unitId }) { id } }',
      { phone: VOLUNTEER, unitId: school },
      staff.token,
    )
    const claim = async (phone: string, name: string) => {
      const admin = await login(phone)
      const unitId = name === '华林实验小学' ? school : alliance.units.find((u) => u.unit.name === name)!.unit.id
      await gql(
        'mutation($i: ClaimInput!, $k: String) { claimProject(input: $i, idempotencyKey: $k) { id state } }',
        { i: { projectId, unitId, volunteers: 3 }, k: `e2e-${phone}-${projectId}` },
        admin.token,
      )
    }
    await claim(HOSPITAL_ADMIN, '鼓楼区人民医院')
    await claim(VOLUNTEER, '华林实验小学')

    // 项目清单: 名额已满, both units, the hospital leads.
    await page.getByRole('menuitem', { name: '项目清单', exact: true }).click()
    const projects = page.getByTestId('projects-table')
    const row = rowOf(projects, PROJECT)
    await row.waitFor()
    await expect.poll(() => row.getByTestId('state-tag').first().textContent()).toContain('名额已满')
    expect(await row.getByTestId('project-taken').textContent()).toContain('已认领 2/2')
    expect((await row.getByTestId('claim-unit').allTextContents()).map((s) => s.trim())).toEqual([
      '鼓楼区人民医院',
      '华林实验小学',
    ])
    expect(await row.locator('[data-unit="鼓楼区人民医院"]').getByTestId('claim-lead').textContent()).toContain('牵头')
    await expect
      .poll(() => row.locator('[data-unit="华林实验小学"]').getByTestId('claim-lead').count(), { timeout: 10_000 })
      .toBe(0)
    expect(await smallText(page)).toEqual([])
    await shot(page, 'projects-zh')

    // 资源审核: the offered resource first; return it with a reason.
    await page.getByRole('menuitem', { name: '资源审核', exact: true }).click()
    const resources = page.getByTestId('resources-table')
    await expect.poll(() => resources.getByTestId('resource-title').first().textContent()).toBe(OFFERED)
    await rowOf(resources, OFFERED).getByTestId('resource-return').click()
    await page.getByTestId('reason-input').fill('请补充培训时长和讲师资质')
    await page.getByTestId('reason-submit').click()
    const returned = rowOf(resources, OFFERED)
    await expect.poll(() => returned.getByTestId('state-tag').textContent()).toContain('已退回')
    expect(await returned.getByTestId('resource-return-reason').textContent()).toContain('请补充培训时长和讲师资质')
    expect(await smallText(page)).toEqual([])
    await shot(page, 'resources-zh')

    // English: the board in the second language.
    await page.getByRole('menuitem', { name: '需求分拣', exact: true }).click()
    await page.getByTestId('locale-toggle').first().click()
    await expect.poll(() => page.getByTestId('needs-tab-submitted').textContent()).toBe('Submitted')
    await page.getByTestId('needs-tab-accepted').click()
    // The demo's need accepted ten days ago, marked as waiting too long.
    await rowOf(table, '老人助浴服务').getByTestId('need-waiting-tag').waitFor()
    expect(await rowOf(table, '老人助浴服务').getByTestId('need-waiting-tag').textContent()).toContain(
      'Waiting too long',
    )
    await shot(page, 'needs-board-en')
    await page.context().close()
  })
})
