/**
 * The whole three-lists loop through the pages, in headless Chromium against the demo server:
 * 王秀英 (390×844) posts a need in the community's own category 助老服务 → 刘芳 (1366×768) accepts it
 * on 需求分拣, builds a joint project of capacity 2 from it and publishes it → 赵明 claims it for
 * 鼓楼区人民医院 in 项目市场 (点单) → 李志强, appointed admin of 华林实验小学 (the one GraphQL step),
 * claims it too → the market and 项目清单 show it 名额已满 with both units, the hospital 牵头 →
 * 刘芳 approves both claims (阳光社区 requires approval) → 赵明 withdraws in 我的认领 → the school
 * leads and the project is open again → 王秀英's need detail tells it all, in zh and en.
 * Screenshots: ./screenshots/loop-*.png.
 */
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, SCREENSHOTS as SHOTS, VIEWPORTS, signIn, useBrowserSession } from '../../support/browser.ts'

const RESIDENT = '13900000001' // 王秀英, 阳光社区
const STAFF = '13900000005' // 刘芳, 阳光社区
const HOSPITAL_ADMIN = '13900000003' // 赵明, 鼓楼区人民医院
const SCHOOL_ADMIN = '13900000002' // 李志强, appointed admin of 华林实验小学 here

const NEED = '独居老人每周代买米面'
const PROJECT = '助老代购送货上门'
const HOSPITAL = '鼓楼区人民医院'
const SCHOOL = '华林实验小学'

const session = useBrowserSession()

async function gql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const res = await fetch(`${session.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await res.json()) as { data?: T; errors?: unknown[] }
  if (!body.data || body.errors) throw new Error(JSON.stringify(body.errors))
  return body.data
}

/** 刘芳 appoints 李志强 admin of 华林实验小学 (the staff console has no page for it in this flow). */
async function appointSchoolAdmin(): Promise<void> {
  const { login } = await gql<{ login: { accessToken: string; me: { roles: { role: string; scopeId: string }[] } } }>(
    'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { accessToken me { roles { role scopeId } } } }',
    { p: STAFF, w: DEMO_PASSWORD },
  )
  const communityId = login.me.roles.find((r) => r.role === 'community_staff')!.scopeId
  const { alliance } = await gql<{ alliance: { units: { unit: { id: string; name: string } }[] } }>(
    'query($c: ID!) { alliance(communityId: $c) { units { unit { id name } } } }',
    { c: communityId },
    login.accessToken,
  )
  const school = alliance.units.find((u) => u.unit.name === SCHOOL)!.unit.id
  await gql(
    'mutation($p: String!, $u: ID!) { grantRole(input: { phone: $p, role: unit_admin, scopeId: $u }) { id } }',
    { p: SCHOOL_ADMIN, u: school },
    login.accessToken,
  )
}

/** A screenshot of the viewport (a full-page one misplaces the phone's sticky bars). */
async function shot(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.locator('.van-toast:visible, .el-message').count(), { timeout: 10_000 }).toBe(0)
  await page.evaluate(() => document.fonts.ready)
  await page.mouse.move(0, 0)
  await page.screenshot({ path: `${SHOTS}loop-${name}.png`, animations: 'disabled' })
}

/** An Element Plus input by its test id (on the <input> itself, or on a wrapper around it). */
function input(page: Page, id: string, tag = 'input'): Locator {
  return page.locator(`${tag}[data-testid="${id}"], [data-testid="${id}"] ${tag}`).first()
}

function rowOf(scope: Locator, text: string): Locator {
  return scope.locator('tr.el-table__row').filter({ hasText: text })
}

const texts = async (l: Locator): Promise<string[]> => (await l.allTextContents()).map((s) => s.trim())

/** The unit admin's 项目市场 card of the project, found by a Chinese search. */
async function marketCard(page: Page): Promise<Locator> {
  await page.getByRole('menuitem', { name: '项目市场' }).click()
  await page.getByTestId('market-page').waitFor()
  await input(page, 'market-search').fill('代购')
  await page.getByTestId('market-search-submit').click()
  const card = page.getByTestId('market-project').filter({ hasText: PROJECT })
  await card.waitFor()
  return card
}

/** 点单 through the dialog, with a number of volunteers. */
async function claimThroughDialog(page: Page, card: Locator, volunteers: string): Promise<void> {
  await card.getByTestId('market-claim-button').click()
  const dialog = page.getByTestId('claim-dialog')
  await expect.poll(() => dialog.getByTestId('claim-project').textContent()).toContain(PROJECT)
  await input(page, 'claim-volunteers').fill(volunteers)
  await dialog.getByTestId('claim-submit').click()
  await expect.poll(() => card.getByTestId('market-ours').count()).toBe(1)
}

describe('the three lists, the whole loop through the pages', () => {
  it('need → triage → joint project → two units claim → approvals → one withdraws → the resident reads it', async () => {
    // ── 王秀英 posts a need on her phone, in the community's own category 助老服务 ──
    const phone = await signIn(session.browser, session.server, RESIDENT, VIEWPORTS.mobile)
    await phone.getByTestId('home-need-new').click()
    await phone.getByTestId('need-form-page').waitFor()
    await expect.poll(() => phone.getByTestId('need-community').textContent()).toContain('阳光社区')
    await phone.getByTestId('need-title').locator('input').fill(NEED)
    await phone
      .getByTestId('need-description')
      .locator('textarea')
      .fill('楼下的孙奶奶一个人住，腿脚不好，希望每周有人帮忙买米面送上楼。')
    await phone.getByTestId('need-category').click()
    const sheet = phone.locator('.van-action-sheet:visible')
    // The community's categories by name: the defaults and its own 助老服务 (elder_care).
    await expect.poll(() => texts(sheet.locator('.van-action-sheet__name'))).toContain('助老服务')
    expect(await texts(sheet.locator('.van-action-sheet__name'))).toContain('关心关爱')
    await shot(phone, 'h5-category-sheet-zh')
    await sheet.locator('.van-action-sheet__item', { hasText: '助老服务' }).click()
    await expect.poll(() => phone.getByTestId('need-category').textContent()).toContain('助老服务')
    await phone.getByTestId('need-urgency-normal').click()
    await phone.getByTestId('need-preferred-time').locator('input').fill('每周六上午')
    await shot(phone, 'h5-need-form-zh')
    await phone.getByTestId('need-submit').click()
    await phone.getByTestId('need-page').waitFor()
    await expect.poll(() => phone.getByTestId('need-detail-title').textContent()).toBe(NEED)
    expect((await phone.getByTestId('state-tag').first().textContent())?.trim()).toBe('待受理')
    expect(await phone.getByTestId('need-page').textContent()).toContain('助老服务')
    const needPath = new URL(phone.url()).pathname

    // ── 刘芳 accepts it on 需求分拣 ──
    const desk = await signIn(session.browser, session.server, STAFF, VIEWPORTS.console)
    await desk.getByRole('menuitem', { name: '需求分拣', exact: true }).click()
    await desk.getByTestId('needs-board').waitFor()
    const table = desk.getByTestId('needs-table')
    await desk.getByTestId('needs-search').fill('米面')
    await desk.getByTestId('needs-search-submit').click()
    await expect.poll(() => texts(table.getByTestId('need-open'))).toEqual([NEED])
    expect(await rowOf(table, NEED).textContent()).toContain('助老服务')
    expect((await rowOf(table, NEED).getByTestId('state-tag').textContent())?.trim()).toBe('待受理')
    await shot(desk, 'console-triage-zh')
    await rowOf(table, NEED).getByTestId('need-open').click()
    const drawer = desk.getByTestId('need-drawer')
    await drawer.getByTestId('need-accept').click()
    await expect.poll(() => drawer.getByTestId('state-tag').first().textContent()).toContain('已受理')
    await expect
      .poll(() => texts(drawer.getByTestId('timeline-step')))
      .toEqual([
        expect.stringContaining('王秀英（居民）提交了需求'),
        expect.stringContaining('刘芳（社区工作人员）受理了需求'),
      ])
    await shot(desk, 'console-need-accepted-zh')
    await desk.keyboard.press('Escape')

    // ── …builds a joint project of capacity 2 from it and publishes it ──
    await desk.getByTestId('needs-tab-accepted').click()
    await rowOf(table, NEED).getByTestId('need-pick').click()
    await desk.getByTestId('needs-build-project').click()
    const editor = desk.getByTestId('project-editor')
    await editor.waitFor()
    await expect.poll(() => desk.getByTestId('editor-picked-count').textContent()).toContain('已选 1 条需求')
    // The category comes from the need, named as the community names it.
    await expect.poll(() => desk.getByTestId('project-category').textContent()).toContain('助老服务')
    expect(await desk.getByTestId('project-mode').textContent()).toContain('组团式')
    await desk.getByTestId('project-title').fill(PROJECT)
    await desk.getByTestId('project-description').fill('每周六上午为独居老人代买米面粮油并送货上楼')
    await input(desk, 'project-capacity').fill('2')
    await desk.getByTestId('project-schedule').fill('每周六上午')
    expect(await input(desk, 'project-capacity').inputValue()).toBe('2')
    await shot(desk, 'console-project-editor-zh')
    await desk.getByTestId('project-publish').click()
    await desk.getByTestId('project-detail').waitFor()
    await expect.poll(() => desk.getByTestId('project-detail-title').textContent()).toBe(PROJECT)
    await expect
      .poll(() => desk.getByTestId('project-detail').getByTestId('state-tag').first().textContent())
      .toContain('已发布')

    // ── 赵明 claims it for the hospital through 点单 ──
    const hospital = await signIn(session.browser, session.server, HOSPITAL_ADMIN, VIEWPORTS.console)
    let card = await marketCard(hospital)
    expect(await card.textContent()).toContain('助老服务')
    expect(await card.getByTestId('market-capacity').textContent()).toContain('已认领 0/2，剩余 2')
    await claimThroughDialog(hospital, card, '3')
    await expect.poll(() => texts(card.getByTestId('market-claim'))).toEqual([expect.stringContaining(HOSPITAL)])
    expect(await card.getByTestId('market-claim').textContent()).toContain('牵头')

    // ── 李志强, appointed admin of the school, claims it through his market page too ──
    await appointSchoolAdmin()
    const school = await signIn(session.browser, session.server, SCHOOL_ADMIN, VIEWPORTS.console)
    if (new URL(school.url()).pathname.startsWith('/m')) {
      await school.getByTestId('role-switcher').click()
      await school.locator('.van-action-sheet__item', { hasText: SCHOOL }).click()
    } else if ((await school.getByTestId('role-switcher').textContent())?.includes(SCHOOL) !== true) {
      await school.getByTestId('role-switcher').click()
      await school.getByRole('menuitem', { name: new RegExp(SCHOOL) }).click()
    }
    await school.getByRole('menuitem', { name: '项目市场' }).waitFor()
    card = await marketCard(school)
    await claimThroughDialog(school, card, '2')

    // Full: 名额已满 in the market, both units, the hospital leads.
    await expect.poll(() => card.getByTestId('market-full').textContent()).toContain('名额已满')
    expect(await card.getByTestId('market-capacity').textContent()).toContain('已认领 2/2，剩余 0')
    expect(await texts(card.getByTestId('market-claim'))).toEqual([
      expect.stringContaining(HOSPITAL),
      expect.stringContaining(SCHOOL),
    ])
    expect(await card.locator('[data-testid="market-claim"]', { hasText: HOSPITAL }).textContent()).toContain('牵头')
    await shot(school, 'console-market-full-zh')
    await school.context().close()

    // ── 项目清单: 名额已满 with both units, the hospital 牵头; 刘芳 approves both claims ──
    await desk.getByRole('menuitem', { name: '项目清单', exact: true }).click()
    const projects = desk.getByTestId('projects-table')
    const row = rowOf(projects, PROJECT)
    await row.waitFor()
    await expect.poll(() => row.getByTestId('state-tag').first().textContent()).toContain('名额已满')
    expect(await row.getByTestId('project-taken').textContent()).toContain('已认领 2/2')
    expect(await texts(row.getByTestId('claim-unit'))).toEqual([HOSPITAL, SCHOOL])
    await expect
      .poll(() => row.locator(`[data-unit="${HOSPITAL}"]`).getByTestId('claim-lead').count(), { timeout: 10_000 })
      .toBe(1)
    await expect
      .poll(() => row.locator(`[data-unit="${SCHOOL}"]`).getByTestId('claim-lead').count(), { timeout: 10_000 })
      .toBe(0)
    // 阳光社区 requires approval (the demo's claimApprovalRequired): both wait as 待审核.
    expect(await texts(row.locator('[data-kind="claim"]'))).toEqual(['待审核', '待审核'])
    await shot(desk, 'console-projects-pending-zh')
    for (const unit of [HOSPITAL, SCHOOL]) {
      const claim = row.locator(`[data-unit="${unit}"]`)
      await claim.getByTestId('claim-approve').click()
      await expect.poll(() => claim.locator('[data-kind="claim"]').textContent()).toContain('已认领')
    }
    await expect.poll(() => row.getByTestId('claim-approve').count(), { timeout: 10_000 }).toBe(0)
    await shot(desk, 'console-projects-approved-zh')

    // ── 赵明 withdraws in 我的认领 ──
    await hospital.getByRole('menuitem', { name: '我的认领' }).click()
    const claimRow = rowOf(hospital.getByTestId('claims-table'), PROJECT)
    await expect.poll(() => claimRow.locator('[data-kind="claim"]').textContent()).toContain('已认领')
    expect(await claimRow.getByTestId('claim-lead').textContent()).toContain('牵头单位')
    await shot(hospital, 'console-my-claims-zh')
    await claimRow.getByTestId('claim-withdraw').click()
    await hospital.getByRole('button', { name: '确定退出' }).click()
    await expect.poll(() => claimRow.locator('[data-kind="claim"]').textContent()).toContain('已退出')
    await expect.poll(() => claimRow.getByTestId('claim-withdraw').count(), { timeout: 10_000 }).toBe(0)

    // The school leads now; the project takes a claim again.
    card = await marketCard(hospital)
    await expect.poll(() => texts(card.getByTestId('market-claim'))).toEqual([expect.stringContaining(SCHOOL)])
    expect(await card.getByTestId('market-claim').textContent()).toContain('牵头')
    expect(await card.getByTestId('market-capacity').textContent()).toContain('已认领 1/2，剩余 1')
    await expect.poll(() => card.getByTestId('market-full').count(), { timeout: 10_000 }).toBe(0)
    await hospital.context().close()

    await desk.getByRole('menuitem', { name: '需求分拣', exact: true }).click()
    await desk.getByRole('menuitem', { name: '项目清单', exact: true }).click()
    await expect.poll(() => texts(rowOf(projects, PROJECT).getByTestId('claim-unit'))).toEqual([SCHOOL])
    const after = rowOf(projects, PROJECT)
    await expect
      .poll(() => after.locator(`[data-unit="${SCHOOL}"]`).getByTestId('claim-lead').count(), { timeout: 10_000 })
      .toBe(1)
    expect((await after.getByTestId('state-tag').first().textContent())?.trim()).toBe('已发布')
    await shot(desk, 'console-projects-after-withdrawal-zh')
    await desk.context().close()

    // ── 王秀英's need detail tells the story ──
    await phone.goto(`${session.server.url}${needPath}`)
    await phone.getByTestId('need-timeline').waitFor()
    expect((await phone.getByTestId('state-tag').first().textContent())?.trim()).toBe('已纳入项目')
    const steps = (await texts(phone.getByTestId('need-event'))).join('\n')
    expect(steps).toContain('社区已受理')
    expect(steps).toContain(`已纳入服务项目“${PROJECT}”`)
    expect(steps).toContain(`${HOSPITAL}申请认领服务项目，待社区审核`)
    expect(steps).toContain(`${SCHOOL}申请认领服务项目，待社区审核`)
    expect(steps).toContain(`${HOSPITAL}退出了服务项目`)
    await shot(phone, 'h5-need-detail-zh')
    await phone.getByTestId('need-timeline').scrollIntoViewIfNeeded()
    await shot(phone, 'h5-need-timeline-zh')

    await phone.getByTestId('locale-toggle').first().click()
    await expect.poll(() => phone.getAttribute('html', 'lang')).toBe('en')
    await expect
      .poll(async () => (await texts(phone.getByTestId('need-event'))).join('\n'))
      .toContain('Accepted by the community')
    expect((await phone.getByTestId('state-tag').first().textContent())?.trim()).toBe('In a project')
    expect(await phone.getByTestId('need-page').textContent()).toContain('Elder care')
    await phone.getByTestId('need-timeline').scrollIntoViewIfNeeded()
    await shot(phone, 'h5-need-timeline-en')
    await phone.context().close()
  })
})
