/**
 * The whole story in one browser test (issue 10), through the pages, in headless Chromium against
 * the demo server on a test clock (every browser's clock follows it: nobody sleeps for time).
 * Each person has their own browser at the size they use: 王秀英 and 李志强 on phones (390×844,
 * touch), 刘芳 and 赵明 at desks (1366×768).
 *
 *  1. 王秀英 posts a need on her phone: 待受理.
 *  2. 刘芳 accepts it on 需求分拣, builds a project from it and publishes it: 已发布; her need reads 已纳入项目.
 *  3. 赵明 claims it in 项目市场 (点单): 待审核 (阳光社区 approves claims); 刘芳 approves it and starts the
 *     project: 进行中; 赵明's 我的认领 reads 已认领; her need reads 服务中.
 *  4. 刘芳 schedules an activity on 活动管理 (10:00–12:00, herself leading); 李志强 signs up on 找活动
 *     (已报名); at 09:50 she shows the check-in code and he types it (签到成功); at 11:50 the code
 *     of then and 签退成功, 1 小时 50 分钟.
 *  5. 刘芳 approves the hours on 时长审核; his 我的时长 reads 已通过 and his 积分明细 has the points.
 *  6. 赵明 posts the completion report (晒单) from 我的认领: the project 已完成; her need 已办结.
 *  7. 王秀英 rates the service on 我的评单: five stars; her need 已评价. 刘芳 publishes the report and
 *     the rating on 评价审核; the project reads 已评价.
 *  8. 李志强 redeems 洗衣液 2kg in the 积分超市: the code on 我的兑换, the balance lowered.
 *  9. 刘芳 types his code at 兑换核销 and fulfils it; his phone reads 已核销.
 * Then 王秀英's need detail tells the story in Chinese, and its 服务追溯 too.
 * Screenshots: ./screenshots/story-NN-<step>.png, each at its person's size.
 */
import { mkdirSync } from 'node:fs'
import { TestClock } from '@linli/server/clock'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SCREENSHOTS, VIEWPORTS, chooseOption, launchChromium, screenshot, signInOn } from '../../support/browser.ts'
import { startTestServer, type TestServer } from '../../support/server.ts'

const RESIDENT = '13900000001' // 王秀英, 阳光社区
const VOLUNTEER = '13900000002' // 李志强
const UNIT_ADMIN = '13900000003' // 赵明, 鼓楼区人民医院
const STAFF = '13900000005' // 刘芳, 阳光社区's staff

const NEED = '老伴中风后想学居家康复训练'
const PROJECT = '居家康复指导进家庭'
const HOSPITAL = '鼓楼区人民医院'
const ACTIVITY = '阳光花园居家康复指导（第一期）'
const PLACE = '阳光社区党群服务中心一楼'
const REWARD = '洗衣液 2kg'
const REWARD_PRICE = 10
const SUMMARY = '康复科医生带志愿者为阳光花园8户中风、骨折后的老人上门指导居家康复训练，发放康复操图解。'

/** Monday 2026-11-23 09:00 in Beijing. */
const T0 = Date.parse('2026-11-23T01:00:00.000Z')
const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00+08:00`)
/** The activity, 10:00–12:00 Beijing; check-in opens 09:30 (the default tolerance of 30 minutes). */
const STARTS = '2026-11-23 10:00'
const ENDS = '2026-11-23 12:00'

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
  for (const c of contexts) await c.close().catch(() => undefined)
  await browser?.close()
  await server?.close()
})

/** Move the server's clock and every browser's with it. */
async function setClock(to: number): Promise<void> {
  clock.set(new Date(to))
  await Promise.all(contexts.map((c) => c.clock.setFixedTime(to)))
}

/** A person's own browser on the test clock, signed in through the real page: a phone (390×844, touch) or a desk. */
async function person(phone: string, device: 'phone' | 'desk'): Promise<Page> {
  const context = await browser.newContext(
    device === 'phone'
      ? { viewport: VIEWPORTS.mobile, isMobile: true, hasTouch: true }
      : { viewport: VIEWPORTS.console },
  )
  await context.clock.setFixedTime(clock.now().getTime())
  contexts.push(context)
  const page = await context.newPage()
  await signInOn(page, server, phone)
  return page
}

/** Latin words a Chinese page may show: file formats, the language toggle's other language, units. */
const LATIN_ALLOWED = new Set(['Excel', 'EN', 'JPEG', 'PNG', 'WebP', 'kg'])

/**
 * story-NN-<step>.png of the viewport (a full-page one misplaces the phone's sticky bars), toasts
 * gone — once the page is judged: in Chinese, no English words leaking into it, nothing wider than
 * the screen, no error shown.
 */
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await expect.poll(() => page.locator('.van-toast:visible').count(), { timeout: 15_000 }).toBe(0)
  expect(await page.getAttribute('html', 'lang'), name).toBe('zh-CN')
  const latin = (await page.evaluate(() => document.body.innerText)).match(/[A-Za-z]{2,}/g) ?? []
  expect(
    latin.filter((w) => !LATIN_ALLOWED.has(w)),
    name,
  ).toEqual([])
  const width = page.viewportSize()!.width
  expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(width)
  expect(await page.locator('.el-message--error, .van-toast--fail').count(), name).toBe(0)
  await screenshot(page, `story-${name}`, { fullPage })
}

/** Scrolled to the foot of a phone page: its last `item` shows above the tab bar. */
async function toFoot(page: Page, item: Locator): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
  const tabBar = await page.locator('.van-tabbar--fixed').boundingBox()
  const last = await item.last().boundingBox()
  expect(last!.y + last!.height).toBeLessThanOrEqual(tabBar!.y)
}

const text = async (l: Locator): Promise<string> => ((await l.first().textContent()) ?? '').trim()
const texts = async (l: Locator): Promise<string[]> => (await l.allTextContents()).map((s) => s.trim())
/** The input of an Element Plus field, whether the test id sits on it or on its wrapper. */
const inputOf = (field: Locator): Locator =>
  field.locator('xpath=self::input | self::textarea | .//input | .//textarea').first()
const menu = (page: Page, name: string) => page.getByRole('menuitem', { name, exact: true }).click()
const POLL = { timeout: 20_000 }

/** Type a China wall-clock time into an Element Plus date-time picker and commit it. */
async function typeTime(page: Page, picker: Locator, value: string): Promise<void> {
  const input = inputOf(picker)
  await input.click()
  await input.fill(value)
  await input.press('Enter')
  // Close the picker's panel by clicking outside it (Escape would close the dialog too).
  await page.locator('.el-dialog__title:visible').first().click()
  await expect.poll(() => page.locator('.el-picker-panel:visible').count()).toBe(0)
  await expect.poll(() => input.inputValue()).toBe(value)
}

describe('the whole story, through the pages', { timeout: 240_000 }, () => {
  let resident: Page
  let staff: Page
  let unit: Page
  let volunteer: Page
  let needPath = ''
  let projectPath = ''
  let digits = ''
  let balanceBefore = 0
  let code = ''

  // One story: once a step fails, the later ones are skipped (they would fail for its sake).
  let broken = false
  beforeEach((ctx) => {
    if (broken) ctx.skip()
  })
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') broken = true
  })

  /** 王秀英 opens her need again: its state as she reads it. */
  async function needReads(state: string): Promise<void> {
    await resident.goto(`${server.url}${needPath}`)
    await resident.getByTestId('need-page').waitFor()
    await expect.poll(() => text(resident.getByTestId('state-tag')), POLL).toBe(state)
  }

  it('1. 王秀英 posts a need on her phone', async () => {
    resident = await person(RESIDENT, 'phone')
    await resident.getByTestId('home-need-new').click()
    await resident.getByTestId('need-form-page').waitFor()
    await expect.poll(() => text(resident.getByTestId('need-community'))).toContain('阳光社区')
    await resident.getByTestId('need-title').locator('input').fill(NEED)
    await resident
      .getByTestId('need-description')
      .locator('textarea')
      .fill('老伴去年中风，出院后右手右腿没劲，想请医生教我们在家怎么做康复训练。')
    await resident.getByTestId('need-category').click()
    const sheet = resident.locator('.van-action-sheet:visible')
    await sheet.locator('.van-action-sheet__item', { hasText: '关心关爱' }).click()
    await expect.poll(() => text(resident.getByTestId('need-category'))).toContain('关心关爱')
    await resident.getByTestId('need-urgency-high').click()
    await resident.getByTestId('need-preferred-time').locator('input').fill('工作日上午')
    await shot(resident, '01a-resident-need-form')
    await resident.getByTestId('need-submit').click()
    await resident.getByTestId('need-page').waitFor()
    await expect.poll(() => text(resident.getByTestId('need-detail-title'))).toBe(NEED)
    expect(await text(resident.getByTestId('state-tag'))).toBe('待受理')
    needPath = new URL(resident.url()).pathname
    await shot(resident, '01b-resident-need-posted')
  })

  it('2. 刘芳 accepts it on 需求分拣, builds a project from it and publishes it', async () => {
    staff = await person(STAFF, 'desk')
    await menu(staff, '需求分拣')
    await staff.getByTestId('needs-board').waitFor()
    const table = staff.getByTestId('needs-table')
    const row = table.locator('tr.el-table__row').filter({ hasText: NEED })
    await staff.getByTestId('needs-search').fill('康复')
    await staff.getByTestId('needs-search-submit').click()
    await expect.poll(() => texts(table.getByTestId('need-open')), POLL).toEqual([NEED])
    expect(await text(row.getByTestId('state-tag'))).toBe('待受理')
    await shot(staff, '02a-staff-triage')
    await row.getByTestId('need-open').click()
    const drawer = staff.getByTestId('need-drawer')
    await drawer.getByTestId('need-accept').click()
    await expect.poll(() => text(drawer.getByTestId('state-tag')), POLL).toBe('已受理')
    await expect
      .poll(() => texts(drawer.getByTestId('timeline-step')))
      .toEqual([
        expect.stringContaining('王秀英（居民）提交了需求'),
        expect.stringContaining('刘芳（社区工作人员）受理了需求'),
      ])
    await shot(staff, '02b-staff-need-accepted')
    await staff.keyboard.press('Escape')

    // 已受理: picked, and a project built from it.
    await staff.getByTestId('needs-tab-accepted').click()
    await row.getByTestId('need-pick').click()
    await staff.getByTestId('needs-build-project').click()
    await staff.getByTestId('project-editor').waitFor()
    await expect.poll(() => text(staff.getByTestId('editor-picked-count'))).toContain('已选 1 条需求')
    await expect.poll(() => text(staff.getByTestId('project-category'))).toContain('关心关爱')
    await staff.getByTestId('project-title').fill(PROJECT)
    await staff
      .getByTestId('project-description')
      .fill('请医院康复科医生和志愿者上门，教中风、骨折后的老人和家属做居家康复训练')
    await chooseOption(staff, staff.getByTestId('project-mode'), '单独认领')
    await staff.getByTestId('project-schedule').fill('工作日上午')
    await shot(staff, '02c-staff-project-editor', true)
    await staff.getByTestId('project-publish').click()
    await staff.getByTestId('project-detail').waitFor()
    await expect.poll(() => text(staff.getByTestId('project-detail-title')), POLL).toBe(PROJECT)
    await expect.poll(() => text(staff.getByTestId('project-detail').getByTestId('state-tag'))).toBe('已发布')
    projectPath = new URL(staff.url()).pathname
    await shot(staff, '02d-staff-project-published')

    await needReads('已纳入项目')
    await shot(resident, '02e-resident-need-planned')
  })

  it('3. 赵明 claims it in 项目市场; 刘芳 approves the claim and starts the project', async () => {
    unit = await person(UNIT_ADMIN, 'desk')
    await menu(unit, '项目市场')
    await unit.getByTestId('market-page').waitFor()
    await inputOf(unit.getByTestId('market-search')).fill('康复')
    await unit.getByTestId('market-search-submit').click()
    const card = unit.getByTestId('market-project').filter({ hasText: PROJECT })
    await card.waitFor()
    expect(await card.textContent()).toContain(NEED)
    expect(await text(card.getByTestId('market-capacity'))).toContain('已认领 0/1')
    await card.getByTestId('market-claim-button').click()
    const dialog = unit.getByTestId('claim-dialog')
    await expect.poll(() => text(dialog.getByTestId('claim-project'))).toContain(PROJECT)
    await inputOf(dialog.getByTestId('claim-volunteers')).fill('3')
    await shot(unit, '03a-unit-claim-dialog')
    await dialog.getByTestId('claim-submit').click()
    await expect.poll(() => card.getByTestId('market-ours').count(), POLL).toBe(1)
    expect(await texts(card.getByTestId('market-claim'))).toEqual([expect.stringContaining(HOSPITAL)])
    await shot(unit, '03b-unit-claimed')

    // 阳光社区 approves claims: 待审核 on his 我的认领.
    await menu(unit, '我的认领')
    const claimRow = unit.getByTestId('claims-table').locator('tr.el-table__row').filter({ hasText: PROJECT })
    await expect.poll(() => text(claimRow.locator('[data-kind="claim"]')), POLL).toBe('待审核')

    // 刘芳 approves it on the project's page, and starts the project.
    await staff.reload()
    const claim = staff.getByTestId('project-detail').locator(`[data-unit="${HOSPITAL}"]`)
    await expect.poll(() => text(claim.locator('[data-kind="claim"]')), POLL).toBe('待审核')
    await claim.getByTestId('claim-approve').click()
    await expect.poll(() => text(claim.locator('[data-kind="claim"]')), POLL).toBe('已认领')
    const projectState = staff.locator('.lists-page__head [data-testid="state-tag"]')
    await expect.poll(() => text(projectState), POLL).toBe('名额已满')
    await staff.getByTestId('project-start').click()
    await expect.poll(() => text(projectState), POLL).toBe('进行中')
    await shot(staff, '03c-staff-claim-approved-started')

    await unit.reload()
    await expect.poll(() => text(claimRow.locator('[data-kind="claim"]')), POLL).toBe('已认领')
    expect(await text(claimRow.locator('[data-kind="project"]'))).toBe('进行中')
    expect(await claimRow.getByTestId('claim-lead').count()).toBe(1)
    await shot(unit, '03d-unit-my-claims')

    await needReads('服务中')
    await shot(resident, '03e-resident-need-in-service')
  })

  it('4. an activity is scheduled on 活动管理; 李志强 signs up, checks in and out on his phone', async () => {
    // ── 刘芳 schedules it, herself leading ──
    await menu(staff, '活动管理')
    await staff.getByTestId('activities-page').waitFor()
    await staff.getByTestId('activities-create').click()
    const dialog = staff.getByTestId('create-activity-dialog')
    await dialog.waitFor()
    await chooseOption(staff, dialog.getByTestId('activity-project'), PROJECT)
    await inputOf(dialog.getByTestId('activity-title')).fill(ACTIVITY)
    await inputOf(dialog.getByTestId('activity-place')).fill(PLACE)
    await typeTime(staff, dialog.getByTestId('activity-starts'), STARTS)
    await typeTime(staff, dialog.getByTestId('activity-ends'), ENDS)
    await inputOf(dialog.getByTestId('activity-slots')).fill('3')
    await chooseOption(staff, dialog.getByTestId('activity-leader'), '刘芳（我）')
    await expect.poll(() => dialog.locator('.el-form-item__error').count()).toBe(0)
    await shot(staff, '04a-staff-activity-form')
    await dialog.getByTestId('create-activity-submit').click()
    await staff.getByTestId('activity-detail').waitFor()
    await expect.poll(() => text(staff.getByTestId('activity-detail-title')), POLL).toBe(ACTIVITY)
    expect(await staff.getByTestId('activity-facts').textContent()).toContain('2026/11/23 10:00–12:00')

    // ── 李志强 finds it in 找活动 and signs up ──
    volunteer = await person(VOLUNTEER, 'phone')
    await volunteer.getByTestId('volunteer-entry-find').click()
    await volunteer.getByTestId('activities-page').waitFor()
    await volunteer.getByRole('tab', { name: '全部' }).click()
    const card = volunteer.getByTestId('activities-all').getByTestId('activity-card').filter({ hasText: ACTIVITY })
    await expect.poll(() => card.count(), POLL).toBe(1)
    expect(await card.textContent()).toContain('已报 0/3')
    await card.click()
    await expect.poll(() => text(volunteer.getByTestId('activity-title'))).toBe(ACTIVITY)
    await volunteer.getByTestId('activity-sign-up').click()
    const myState = volunteer.getByTestId('activity-my-state')
    await expect.poll(() => myState.getAttribute('data-state'), POLL).toBe('confirmed')
    expect(await text(myState)).toContain('已报名')
    await expect.poll(() => text(volunteer.getByTestId('activity-slots'))).toContain('已报 1 / 3 人')
    const volunteerActivity = volunteer.url()
    await shot(volunteer, '04b-volunteer-signed-up')

    // ── 09:50: 刘芳 shows the check-in code; he types its digits ──
    await setClock(at('09:50'))
    await staff.reload()
    const roster = staff.getByTestId('activity-roster').getByTestId('roster-row').filter({ hasText: '李志强' })
    await expect.poll(() => roster.count(), POLL).toBe(1)
    await staff.getByTestId('activity-show-code').click()
    const codeDialog = staff.getByTestId('check-in-code-dialog')
    await expect.poll(() => text(codeDialog.getByTestId('check-in-digits')), POLL).toMatch(/^\d{6}$/)
    digits = await text(codeDialog.getByTestId('check-in-digits'))
    await shot(staff, '04c-staff-check-in-code')

    await volunteer.goto(volunteerActivity)
    await volunteer.getByTestId('activity-check-in').click()
    await expect.poll(() => volunteer.getByTestId('check-in-page').getAttribute('data-mode'), POLL).toBe('in')
    await volunteer.getByTestId('check-in-digits').fill(digits)
    await volunteer.getByTestId('check-in-submit').click()
    await expect.poll(() => text(volunteer.getByTestId('check-in-result-title')), POLL).toBe('签到成功')
    expect(await text(volunteer.getByTestId('check-in-result-in'))).toBe('09:50')
    await shot(volunteer, '04d-volunteer-checked-in')

    // ── 11:50: the code of then, and 签退 ──
    await setClock(at('11:50'))
    await codeDialog.getByTestId('check-in-refresh').click()
    await expect.poll(() => text(codeDialog.getByTestId('check-in-digits')), POLL).not.toBe(digits)
    const later = await text(codeDialog.getByTestId('check-in-digits'))
    await volunteer.goto(volunteerActivity)
    await expect.poll(() => text(volunteer.getByTestId('activity-checked-in')), POLL).toContain('已签到 09:50')
    await volunteer.getByTestId('activity-check-out').click()
    await expect.poll(() => volunteer.getByTestId('check-in-page').getAttribute('data-mode'), POLL).toBe('out')
    await volunteer.getByTestId('check-in-digits').fill(later)
    await volunteer.getByTestId('check-in-submit').click()
    await expect.poll(() => text(volunteer.getByTestId('check-in-result-title')), POLL).toBe('签退成功')
    expect(await text(volunteer.getByTestId('check-in-result-out'))).toBe('11:50')
    // From 10:00 (coming early does not count) to 11:50.
    expect(await volunteer.getByTestId('check-in-result-minutes').getAttribute('data-minutes')).toBe('110')
    expect(await text(volunteer.getByTestId('check-in-result-minutes'))).toBe('1 小时 50 分钟')
    await shot(volunteer, '04e-volunteer-checked-out')

    await codeDialog.getByRole('button', { name: '关闭' }).last().click()
    await codeDialog.waitFor({ state: 'hidden' })
    await staff.reload()
    await expect.poll(() => text(roster.getByTestId('roster-record')), POLL).toContain('1 小时 50 分钟')
    await shot(staff, '04f-staff-activity-roster')
  })

  it('5. 刘芳 approves the hours on 时长审核; 李志强 reads them 已通过, with the points', async () => {
    await setClock(at('12:30'))
    // His 阳光社区 balance before the approval, as his 积分明细 shows it.
    await volunteer.getByTestId('tab-me').click()
    await volunteer.getByTestId('me-points').click()
    const wallet = volunteer.getByTestId('points-wallet').filter({ hasText: '阳光社区' })
    await expect.poll(() => wallet.count(), POLL).toBe(1)
    balanceBefore = Number(await text(wallet.getByTestId('points-wallet-balance')))

    await menu(staff, '时长审核')
    await staff.getByTestId('hours-review-page').waitFor()
    const row = staff.getByTestId('hour-row').filter({ hasText: ACTIVITY }).filter({ hasText: '李志强' })
    await expect.poll(() => row.count(), POLL).toBe(1)
    expect(await text(row.getByTestId('hour-minutes'))).toContain('1 小时 50 分钟')
    // The 待审核 tab: no state column, 批准 and 驳回 on the row.
    expect(await text(staff.getByTestId('hours-tab-pending'))).toContain('待审核')
    await shot(staff, '05a-staff-hours-pending')
    await row.getByTestId('hour-approve').click()
    await expect.poll(() => row.count(), POLL).toBe(0)
    await staff.getByTestId('hours-tab-approved').click()
    const approved = staff.getByTestId('hour-row').filter({ hasText: ACTIVITY }).filter({ hasText: '李志强' })
    await expect.poll(() => approved.count(), POLL).toBe(1)
    // The 已批准 tab: approved hours are corrected, never edited.
    expect(await approved.getByTestId('hour-correct').count()).toBe(1)
    expect(await approved.getByTestId('hour-approve').count()).toBe(0)
    await shot(staff, '05b-staff-hours-approved')

    await volunteer.goto(`${server.url}/m/hours`)
    const record = volunteer.getByTestId('hour-record').filter({ hasText: ACTIVITY })
    await expect.poll(() => record.getAttribute('data-state'), POLL).toBe('approved')
    expect(await text(record.getByTestId('state-tag'))).toBe('已通过')
    expect(await record.getByTestId('hour-record-minutes').getAttribute('data-minutes')).toBe('110')
    await shot(volunteer, '05c-volunteer-hours-approved')

    // 1 h 50 min in 关心关爱 (coefficient 1): 2 points, the newest line of his 积分明细.
    await volunteer.goto(`${server.url}/m/points`)
    await wallet.click()
    await volunteer.getByTestId('points-statement-page').waitFor()
    await expect
      .poll(() => text(volunteer.getByTestId('points-statement-balance')), POLL)
      .toBe(String(balanceBefore + 2))
    const earned = volunteer.getByTestId('points-line').first()
    expect(await earned.getAttribute('data-kind')).toBe('earn')
    expect(await earned.getByTestId('points-line-amount').getAttribute('data-amount')).toBe('2')
    balanceBefore += 2
    await shot(volunteer, '05d-volunteer-points-earned')
  })

  it('6. 赵明 posts the completion report from 我的认领: the project is completed', async () => {
    await setClock(at('14:00'))
    await unit.reload()
    const row = unit.getByTestId('claims-table').locator('tr.el-table__row').filter({ hasText: PROJECT })
    await row.getByTestId('claim-report').click()
    const dialog = unit.getByTestId('report-dialog')
    await dialog.getByTestId('report-summary-input').waitFor()
    expect(await dialog.getByTestId('report-notice').textContent()).toContain('项目即标记为“已完成”')
    await dialog.getByTestId('report-summary-input').fill(SUMMARY)
    await dialog.getByTestId('report-people-input').locator('input').fill('8')
    await shot(unit, '06a-unit-report-dialog')
    await dialog.getByTestId('report-submit').click()
    await unit.getByText(`晒单已提交，项目“${PROJECT}”已完成`).waitFor()
    await expect.poll(() => text(row.locator('[data-kind="project"]')), POLL).toBe('已完成')
    expect(await text(row.locator('[data-kind="claim"]'))).toBe('已完成')
    await shot(unit, '06b-unit-report-posted')

    await needReads('已办结')
    await shot(resident, '06c-resident-need-resolved')
  })

  it('7. 王秀英 rates the service on 我的评单', async () => {
    await setClock(at('15:00'))
    await resident.getByTestId('tab-me').click()
    await resident.getByTestId('me-ratings').waitFor()
    expect(await text(resident.getByTestId('me-ratings-count'))).toBe('1 项待评价')
    await resident.getByTestId('me-ratings').click()
    await resident.getByTestId('ratings-page').waitFor()
    const card = resident.getByTestId('ratable-need').filter({ hasText: NEED })
    await card.waitFor()
    expect(await card.textContent()).toContain(`服务项目：${PROJECT}`)
    await card.locator('.van-rate__item').nth(4).click()
    expect(await text(card.getByTestId('ratable-need-word'))).toBe('非常满意')
    await card
      .getByTestId('ratable-need-comment')
      .locator('textarea')
      .fill('医生讲得很细，还教了我怎么帮老伴活动手臂，谢谢！')
    await shot(resident, '07a-resident-rating')
    await card.getByTestId('ratable-need-submit').click()
    await card.getByTestId('ratable-need-rated').waitFor()
    expect(await card.getByTestId('score-stars').getAttribute('data-score')).toBe('5')
    await shot(resident, '07b-resident-rated')

    await needReads('已评价')

    // Reports and ratings show in the community once staff reviewed them: 刘芳 publishes both on 评价审核.
    await menu(staff, '评价审核')
    await staff.getByTestId('reviews-page').waitFor()
    const report = staff.getByTestId('reviews-reports').getByTestId('report-card').filter({ hasText: HOSPITAL })
    const rating = staff.getByTestId('reviews-ratings').getByTestId('rating-line').filter({ hasText: NEED })
    await report.waitFor()
    await rating.waitFor()
    expect(await text(report.getByTestId('report-people'))).toContain('服务 8 人次')
    await shot(staff, '07c-staff-reviews')
    await report.getByTestId('review-publish').click()
    await expect.poll(() => report.count(), POLL).toBe(0)
    await rating.getByTestId('review-publish').click()
    await expect.poll(() => rating.count(), POLL).toBe(0)

    // Her need was the project's only one: the project is evaluated.
    await staff.goto(`${server.url}${projectPath}`)
    await expect.poll(() => text(staff.locator('.lists-page__head [data-testid="state-tag"]')), POLL).toBe('已评价')
    await shot(staff, '07d-staff-project-evaluated')
  })

  it('8. 李志强 redeems points in the 积分超市', async () => {
    await volunteer.getByTestId('points-to-store').click()
    await volunteer.getByTestId('store-page').waitFor()
    await expect.poll(() => text(volunteer.getByTestId('store-balance')), POLL).toBe(String(balanceBefore))
    const item = volunteer.getByTestId('store-reward').filter({ has: volunteer.getByText(REWARD, { exact: true }) })
    await expect.poll(() => item.count(), POLL).toBe(1)
    expect(await item.getByTestId('store-reward-price').getAttribute('data-price')).toBe(String(REWARD_PRICE))
    await item.scrollIntoViewIfNeeded()
    await shot(volunteer, '08a-volunteer-store')
    await item.getByTestId('store-redeem').click()
    const confirm = volunteer.getByTestId('store-confirm')
    await confirm.waitFor()
    expect(await confirm.textContent()).toContain(`兑换后余额 ${balanceBefore - REWARD_PRICE} 积分`)
    await shot(volunteer, '08b-volunteer-store-confirm')
    await confirm.locator('.van-dialog__confirm').click()
    await volunteer.getByTestId('redemptions-page').waitFor()
    const reserved = volunteer.getByTestId('redemption-reserved').filter({ hasText: REWARD }).first()
    await reserved.waitFor()
    code = (await reserved.getByTestId('redemption-code').getAttribute('data-code'))!
    expect(code).toMatch(/^\d{8}$/)
    expect(await text(reserved.getByTestId('state-tag'))).toBe('待领取')
    await shot(volunteer, '08c-volunteer-redemption-code')

    await volunteer.goto(`${server.url}/m/points`)
    const wallet = volunteer.getByTestId('points-wallet').filter({ hasText: '阳光社区' })
    await expect
      .poll(() => text(wallet.getByTestId('points-wallet-balance')), POLL)
      .toBe(String(balanceBefore - REWARD_PRICE))
    await shot(volunteer, '08d-volunteer-balance-lowered')
  })

  it('9. 刘芳 fulfils the redemption at 兑换核销 by typing the code on his phone', async () => {
    await menu(staff, '兑换核销')
    await staff.getByTestId('console-redemptions-page').waitFor()
    const input = staff.getByTestId('redeem-code-input')
    await expect.poll(() => input.evaluate((el) => el === document.activeElement), POLL).toBe(true)
    await staff.keyboard.type(code)
    await staff.keyboard.press('Enter')
    await staff.getByTestId('redeem-found').waitFor()
    expect(await text(staff.getByTestId('redeem-found-reward'))).toBe(REWARD)
    expect(await text(staff.getByTestId('redeem-found-volunteer'))).toBe('李志强（139****0002）')
    await shot(staff, '09a-staff-redemption-found')
    await staff.getByTestId('redeem-fulfil').click()
    await expect.poll(() => text(staff.getByTestId('redeem-done')), POLL).toBe(`已核销：李志强 的“${REWARD}”`)
    const row = staff.locator('[data-testid="redemptions-table"] tr').filter({ hasText: REWARD }).first()
    await expect.poll(async () => (await row.textContent()) ?? '', POLL).toContain('已核销')
    await shot(staff, '09b-staff-redemption-fulfilled')

    await volunteer.goto(`${server.url}/m/redemptions`)
    const past = volunteer.getByTestId('redemption-past').filter({ hasText: REWARD }).first()
    await past.waitFor()
    expect(await past.getAttribute('data-state')).toBe('fulfilled')
    expect(await text(past.getByTestId('state-tag'))).toBe('已核销')
    await shot(volunteer, '09c-volunteer-redemption-fulfilled')
  })

  it('10. 王秀英’s need tells the story in Chinese', async () => {
    await needReads('已评价')
    const steps = (await texts(resident.getByTestId('need-event'))).join('\n')
    for (const words of [
      '提交了需求',
      '社区已受理',
      `已纳入服务项目“${PROJECT}”`,
      `${HOSPITAL}申请认领服务项目，待社区审核`,
      `${HOSPITAL}的认领已通过社区审核，将为您提供服务`,
      `服务项目“${PROJECT}”开始服务`,
      '服务已完成',
      '已评价服务',
    ])
      expect(steps, words).toContain(words)
    expect(await resident.getByTestId('need-rate').count()).toBe(0)
    await shot(resident, '10a-resident-need-story')
    await resident.getByTestId('need-timeline').scrollIntoViewIfNeeded()
    await shot(resident, '10b-resident-need-timeline')
    await toFoot(resident, resident.getByTestId('need-event'))
    await shot(resident, '10c-resident-need-timeline-end')

    // Its 服务追溯: the project, the report and her rating (published by 刘芳).
    await resident.getByTestId('need-chain').click()
    await resident.getByTestId('need-chain-page').waitFor()
    expect(await text(resident.getByTestId('need-chain-project'))).toBe(PROJECT)
    await expect.poll(() => resident.getByTestId('need-chain-event').count(), POLL).toBeGreaterThan(5)
    const chain = (await resident.getByTestId('need-chain-steps').textContent()) ?? ''
    for (const words of ['居民提交需求', '单位认领项目', '项目开始实施', '项目完成', '单位晒单', '居民评价'])
      expect(chain, words).toContain(words)
    await shot(resident, '10d-resident-need-chain')
    await toFoot(resident, resident.getByTestId('need-chain-event'))
    await shot(resident, '10e-resident-need-chain-end')
  })
})
