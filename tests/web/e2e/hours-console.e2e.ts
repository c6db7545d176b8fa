/**
 * The staff's hours console and the unit admin's 成员服务 in headless Chromium against the real
 * app with demo data and a test clock (Monday 2026-11-23 09:00 Beijing), at 1366×768:
 * 刘芳 of 阳光社区 creates an activity of 智能手机学习课堂 on 活动管理 (tomorrow 14:00–16:00, herself
 * leading) and opens it (after re-sizing and cancelling a demo class); 李志强 signs up
 * (GraphQL); during the activity she shows the check-in code and checks 韩雪梅 in and out on site;
 * after it she back-fills 150 minutes for him and is refused (the activity lasts 120), then 120 with a reason
 * and sees the record marked 补录; on 时长审核 she approves every pending record in one batch
 * (yesterday's demo session and hers), corrects his back-fill to 90 minutes and finds the old
 * record 已作废 beside the new 更正 one, clears 蒋晓燕's contested no-show, and confirms
 * 冯建国's 双报到. 赵明, the hospital's admin, sees 成员服务 with the rates the server computes and
 * 冯建国 reported in; 孙伟, the street's admin, reads the community's activities and hours without a
 * button to change them. Screenshots: ./screenshots/hours-console-*.png (one at 390 px).
 */
import { TestClock } from '@linli/server/clock'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  VIEWPORTS,
  chooseOption as choose,
  launchChromium,
  screenshot,
  signInOn,
  smallText,
  type Viewport,
} from '../../support/browser.ts'
import { graphqlAt } from '../../support/e2e-api.ts'
import { startTestServer, type TestServer } from '../../support/server.ts'
import { percentText } from '../../../web/src/features/unit-service/format.ts'

const STAFF = '13900000005' // 刘芳, 阳光社区
const VOLUNTEER = '13900000002' // 李志强
const HOSPITAL_ADMIN = '13900000003' // 赵明, 鼓楼区人民医院
const STREET_ADMIN = '13900000006' // 孙伟, the street above 阳光社区
const WALK_IN = '13900001001' // 韩雪梅, not signed up: checked in on site
const PROJECT = '智能手机学习课堂'
const TITLE = '智能手机课堂：微信支付'
const PLACE = '阳光社区党群服务中心二楼'

/** Monday 2026-11-23 09:00 in Beijing. */
const T0 = Date.parse('2026-11-23T01:00:00.000Z')
/** The activity: Tuesday 14:00–16:00 Beijing. */
const STARTS = '2026-11-24 14:00'
const ENDS = '2026-11-24 16:00'
const DURING = Date.parse('2026-11-24T06:05:00.000Z') // Tuesday 14:05 Beijing
const AFTER = Date.parse('2026-11-24T09:00:00.000Z') // Tuesday 17:00 Beijing

const clock = new TestClock(new Date(T0))
let server: TestServer
let browser: Browser
const contexts: BrowserContext[] = []

beforeAll(async () => {
  server = await startTestServer({ demo: true, web: true, clock })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const { gql, login } = graphqlAt(() => server.url)

/** Move the server's clock and every browser's with it. */
async function setClock(at: number): Promise<void> {
  clock.set(new Date(at))
  await Promise.all(contexts.map((c) => c.clock.setFixedTime(at)))
}

/** Sign in through the real page on the test clock; resolves on the role's home. */
async function signedIn(phone: string, viewport: Viewport = VIEWPORTS.console): Promise<Page> {
  const context = await browser.newContext({ viewport })
  await context.clock.setFixedTime(clock.now().getTime())
  contexts.push(context)
  const page = await context.newPage()
  await signInOn(page, server, phone)
  return page
}

function shot(page: Page, name: string, fullPage = false): Promise<void> {
  return screenshot(page, `hours-console-${name}`, { fullPage })
}

/** The input of an Element Plus field, whether the test id sits on it or on its wrapper. */
function inputOf(field: Locator): Locator {
  return field.locator('xpath=self::input | self::textarea | .//input | .//textarea').first()
}

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

/** Elements wider than the viewport (something overflows the page). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
}

describe('the hours console', () => {
  it('creates an activity, back-fills within its length, approves a batch, corrects one; the unit sees its rates', async () => {
    const desk = await signedIn(STAFF)
    const menu = (await desk.getByRole('menuitem').allTextContents()).map((s) => s.trim())
    expect(menu).toEqual(expect.arrayContaining(['活动管理', '时长审核', '双报到确认']))

    // ── 活动管理: the demo's activities, then a new one ──
    await desk.getByRole('menuitem', { name: '活动管理', exact: true }).click()
    await desk.getByTestId('activities-page').waitFor()
    const table = desk.getByTestId('activities-table')
    await expect.poll(() => table.getByTestId('activity-link').allTextContents()).toContain('智能手机课堂：视频通话')
    expect(await smallText(desk)).toEqual([])
    await shot(desk, 'activities-zh')

    // Places can go up, never below those signed up; a cancellation asks why.
    const fraud = table.locator('tr.el-table__row').filter({ hasText: '智能手机课堂：识别电信诈骗' })
    await fraud.getByTestId('activity-resize').click()
    await inputOf(desk.getByTestId('resize-slots')).fill('8')
    await desk.getByTestId('resize-submit').click()
    await expect.poll(() => fraud.getByTestId('activity-places').textContent()).toContain('已报名 0/8')
    await fraud.getByTestId('activity-cancel').click()
    await desk.getByTestId('reason-submit').click()
    await expect
      .poll(() => desk.locator('.hc-dialog .el-form-item__error:visible').textContent())
      .toContain('请填写原因')
    await inputOf(desk.getByTestId('reason-input')).fill('讲师临时有事，改期另行通知')
    await desk.getByTestId('reason-submit').click()
    await expect.poll(() => fraud.getByTestId('state-tag').textContent()).toContain('已取消')
    expect(await fraud.textContent()).toContain('讲师临时有事')

    await desk.getByTestId('activities-create').click()
    const dialog = desk.getByTestId('create-activity-dialog')
    await dialog.waitFor()
    // The schema speaks first: nothing picked, nothing typed.
    await dialog.getByTestId('create-activity-submit').click()
    await expect.poll(() => dialog.getByTestId('create-activity-problem').textContent()).toContain('请按提示修改')
    await choose(desk, dialog.getByTestId('activity-project'), PROJECT)
    await inputOf(dialog.getByTestId('activity-title')).fill(TITLE)
    await inputOf(dialog.getByTestId('activity-place')).fill(PLACE)
    await typeTime(desk, dialog.getByTestId('activity-starts'), STARTS)
    await typeTime(desk, dialog.getByTestId('activity-ends'), ENDS)
    await inputOf(dialog.getByTestId('activity-slots')).fill('5')
    await choose(desk, dialog.getByTestId('activity-leader'), '刘芳（我）')
    // The project has active claims: it may be limited to their members.
    expect(await dialog.textContent()).toContain('华林实验小学')
    await expect.poll(() => dialog.locator('.el-form-item__error').count()).toBe(0)
    await shot(desk, 'create-zh')
    await dialog.getByTestId('create-activity-submit').click()

    // ── 活动详情 ──
    const detail = desk.getByTestId('activity-detail')
    await detail.waitFor()
    await expect.poll(() => desk.getByTestId('activity-detail-title').textContent()).toBe(TITLE)
    expect(await detail.getByTestId('activity-facts').textContent()).toContain('2026/11/24 14:00–16:00')
    expect(await detail.getByTestId('activity-facts').textContent()).toContain('刘芳')
    const activityId = desk.url().split('/').pop()!

    // 李志强 signs up on his phone (GraphQL here); the roster shows him, phone masked.
    const volunteer = await login(VOLUNTEER)
    const sunshine = (await login(STAFF)).scope('community_staff')
    await gql(
      'mutation($c: ID!, $a: ID!) { signUp(communityId: $c, activityId: $a) { id state } }',
      { c: sunshine, a: activityId },
      volunteer.token,
    )
    await desk.reload()
    const roster = desk.getByTestId('activity-roster')
    const row = roster.getByTestId('roster-row').filter({ hasText: '李志强' })
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.textContent()).toContain('已报名')
    expect(await row.textContent()).not.toContain(VOLUNTEER)
    expect(await row.textContent()).toMatch(/139\*{4}0002/)

    // During the activity: the leader's code on screen, and a walk-in checked in and out on site.
    await setClock(DURING)
    await desk.reload()
    await desk.getByTestId('activity-show-code').click()
    const code = desk.getByTestId('check-in-code-dialog')
    await expect.poll(() => code.getByTestId('check-in-digits').textContent()).toMatch(/^\s*\d{6}\s*$/)
    expect(await code.getByTestId('check-in-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/)
    await shot(desk, 'check-in-code-zh')
    await code.getByRole('button', { name: '关闭' }).last().click()
    await code.waitFor({ state: 'hidden' })
    await inputOf(roster.getByTestId('walk-in-phone')).fill(WALK_IN)
    await roster.getByTestId('walk-in-find').click()
    await roster.getByTestId('walk-in-check-in').click()
    const walkIn = roster.getByTestId('roster-row').filter({ hasText: '韩雪梅' })
    await expect.poll(() => walkIn.getByTestId('roster-record').textContent()).toContain('签到，未签退')
    await setClock(DURING + 90 * 60_000)
    await desk.reload()
    await walkIn.getByTestId('roster-check-out').click()
    await expect.poll(() => walkIn.getByTestId('roster-record').textContent()).toContain('已记录 1 小时 30 分钟')

    // The day after: back-fill his hours.
    await setClock(AFTER)
    await desk.reload()
    await row.getByTestId('roster-back-fill').click()
    const backFill = desk.getByTestId('back-fill-dialog')
    await backFill.waitFor()
    expect(await backFill.getByTestId('back-fill-cap').textContent()).toContain('最多 2 小时（活动时长 120 分钟）')
    await inputOf(backFill.getByTestId('back-fill-minutes')).fill('150')
    await inputOf(backFill.getByTestId('back-fill-reason')).fill('老人没有智能手机，现场纸质签到表为证')
    await backFill.getByTestId('back-fill-submit').click()
    await expect
      .poll(() => backFill.locator('.el-form-item__error').allTextContents())
      .toEqual([expect.stringContaining('补录时长不能超过活动时长')])
    await shot(desk, 'back-fill-refused-zh')
    await inputOf(backFill.getByTestId('back-fill-minutes')).fill('120')
    await backFill.getByTestId('back-fill-submit').click()
    await backFill.waitFor({ state: 'hidden' })
    const records = desk.getByTestId('activity-hours')
    const record = records.getByTestId('activity-hour-row').filter({ hasText: '李志强' })
    await expect.poll(() => record.count()).toBe(1)
    await expect
      .poll(() => record.getByTestId('hour-flag').allTextContents())
      .toEqual([expect.stringContaining('补录')])
    expect(await record.getByTestId('hour-minutes').textContent()).toContain('2 小时')
    expect(await record.getByTestId('state-tag').textContent()).toContain('待审核')
    expect(await smallText(desk)).toEqual([])
    await shot(desk, 'detail-zh', true)

    // ── 时长审核: every pending record in one batch ──
    await desk.getByRole('menuitem', { name: '时长审核', exact: true }).click()
    await desk.getByTestId('hours-review-page').waitFor()
    const pending = desk.getByTestId('hour-row')
    await expect.poll(() => pending.filter({ hasText: TITLE }).count()).toBe(2) // the walk-in's and the back-fill
    const queued = await pending.count()
    expect(queued).toBeGreaterThan(1)
    // Yesterday's demo session: the forgotten check-out is flagged.
    await expect
      .poll(() => desk.locator('[data-testid="hour-flag"][data-flag="autoClosed"]').count())
      .toBeGreaterThan(0)
    await desk.getByTestId('hour-pick-all').click()
    await expect.poll(() => desk.getByTestId('hours-approve-batch').textContent()).toContain(`批量批准（${queued}）`)
    expect(await smallText(desk)).toEqual([])
    await shot(desk, 'review-pending-zh')
    await desk.getByTestId('hours-approve-batch').click()
    await expect.poll(() => pending.count()).toBe(0)
    await expect.poll(() => desk.getByTestId('hours-tab-pending').textContent()).toContain('(0)')

    // 已批准: correct his back-fill to 90 minutes.
    await desk.getByTestId('hours-tab-approved').click()
    const approved = desk.getByTestId('hour-row').filter({ hasText: TITLE }).filter({ hasText: '李志强' })
    await expect.poll(() => approved.count()).toBe(1)
    await approved.getByTestId('hour-correct').click()
    const correct = desk.getByTestId('correct-dialog')
    await correct.waitFor()
    expect(await correct.textContent()).toContain('已批准的记录不会被修改')
    await inputOf(correct.getByTestId('correct-minutes')).fill('90')
    await inputOf(correct.getByTestId('correct-reason')).fill('纸质签到表核对：实际服务1.5小时')
    await correct.getByTestId('correct-submit').click()
    await correct.waitFor({ state: 'hidden' })
    await expect
      .poll(() => approved.getByTestId('hour-flag').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('更正')]))
    expect(await approved.getByTestId('hour-minutes').textContent()).toContain('1 小时 30 分钟')
    await shot(desk, 'review-approved-zh')

    // 已作废/已驳回: the old record, voided.
    await desk.getByTestId('hours-tab-closed').click()
    const voided = desk.getByTestId('hour-row').filter({ hasText: TITLE })
    await expect.poll(() => voided.count()).toBe(1)
    expect(await voided.getByTestId('state-tag').textContent()).toContain('已作废')
    expect(await voided.getByTestId('hour-minutes').textContent()).toContain('2 小时')
    // The activity's page holds both.
    await desk.goto(`${server.url}/console/activities/${activityId}`)
    const both = desk.getByTestId('activity-hour-row').filter({ hasText: '李志强' })
    await expect.poll(() => both.count()).toBe(2)
    await expect
      .poll(async () => (await both.getByTestId('state-tag').allTextContents()).map((s) => s.trim()).sort())
      .toEqual(['已作废', '已通过'].sort())

    // 爽约申诉: 蒋晓燕's contested mark, cleared with a note.
    await desk.goto(`${server.url}/console/hours`)
    await desk.getByTestId('hours-tab-noShows').click()
    const appeal = desk.getByTestId('no-show-row').filter({ hasText: '蒋晓燕' })
    await expect.poll(() => appeal.count()).toBe(1)
    await appeal.getByTestId('no-show-clear').click()
    await inputOf(desk.getByTestId('resolve-note')).fill('当天有病假条，撤销')
    await desk.getByTestId('resolve-submit').click()
    await expect.poll(() => appeal.count()).toBe(0)

    // ── 双报到确认: 冯建国 waits for 阳光社区 ──
    await desk.getByRole('menuitem', { name: '双报到确认', exact: true }).click()
    await desk.getByTestId('dual-reports-page').waitFor()
    const report = desk.getByTestId('dual-reports-table').locator('tr.el-table__row').filter({ hasText: '冯建国' })
    await expect.poll(() => report.count()).toBe(1)
    expect(await report.textContent()).toContain('鼓楼区人民医院')
    await shot(desk, 'dual-reports-zh')
    await report.getByTestId('dual-confirm').click()
    await expect.poll(() => report.count()).toBe(0)
    await desk.getByTestId('dual-tab-confirmed').click()
    await expect.poll(() => report.count()).toBe(1)

    // 390 px: the queue still reads (rows stack as cards), nothing overflows the page.
    const narrow = await signedIn(STAFF, VIEWPORTS.mobile)
    await narrow.goto(`${server.url}/console/hours`)
    await narrow.getByTestId('hours-tab-approved').click()
    await expect.poll(() => narrow.getByTestId('hour-row').count()).toBeGreaterThan(0)
    await shot(narrow, 'review-390-zh')
    expect(await overflow(narrow)).toBe(0)

    // ── 赵明: 成员服务 with the rates the server computes ──
    const hospitalAdmin = await login(HOSPITAL_ADMIN)
    const hospital = hospitalAdmin.scope('unit_admin')
    const { unitMembersService: summary } = await gql<{
      unitMembersService: {
        partyMembers: number
        reportedIn: number
        reachedTarget: number
        reportInRate: number | null
        completionRate: number | null
      }
    }>(
      'query($u: ID!) { unitMembersService(unitId: $u) { partyMembers reportedIn reachedTarget reportInRate completionRate } }',
      { u: hospital },
      hospitalAdmin.token,
    )
    expect(summary.reportedIn).toBeGreaterThanOrEqual(2) // 韩雪梅 and now 冯建国
    const unit = await signedIn(HOSPITAL_ADMIN)
    expect((await unit.getByRole('menuitem').allTextContents()).map((s) => s.trim())).toContain('成员服务')
    await unit.getByRole('menuitem', { name: '成员服务', exact: true }).click()
    await unit.getByTestId('unit-service-page').waitFor()
    const card = (key: string) => unit.getByTestId(`unit-service-${key}`).getByTestId('unit-service-value')
    await expect.poll(() => card('partyMembers').textContent()).toBe(String(summary.partyMembers))
    expect(await card('reportedIn').textContent()).toBe(String(summary.reportedIn))
    expect(await card('reachedTarget').textContent()).toBe(String(summary.reachedTarget))
    expect(await card('reportInRate').textContent()).toBe(percentText(summary.reportInRate, 'zh-CN'))
    expect(await card('completionRate').textContent()).toBe(percentText(summary.completionRate, 'zh-CN'))
    expect(await card('reportInRate').textContent()).toMatch(/^\d+(\.\d)?%$/)
    const feng = unit.getByTestId('unit-service-members').locator('tr.el-table__row').filter({ hasText: '冯建国' })
    await expect.poll(() => feng.count()).toBe(1)
    expect(await feng.getByTestId('state-tag').textContent()).toContain('已报到')
    expect(await feng.textContent()).toContain('党员')
    expect(await smallText(unit)).toEqual([])
    await shot(unit, 'unit-service-zh', true)

    // ── 孙伟, the street's admin, reads a community's activities and hours: nothing to change ──
    const street = await signedIn(STREET_ADMIN)
    expect((await street.getByRole('menuitem').allTextContents()).map((s) => s.trim())).not.toContain('双报到确认')
    await street.getByRole('menuitem', { name: '活动管理', exact: true }).click()
    await street.getByTestId('activities-page').waitFor()
    await choose(street, street.getByTestId('hours-community'), '阳光社区')
    await expect.poll(() => street.getByTestId('activity-link').allTextContents()).toContain(TITLE)
    expect(await street.getByTestId('activities-create').count()).toBe(0)
    expect(await street.getByTestId('activity-actions').count()).toBe(0)
    await street.getByRole('menuitem', { name: '时长审核', exact: true }).click()
    await street.getByTestId('hours-tab-approved').click()
    await expect.poll(() => street.getByTestId('hour-row').filter({ hasText: TITLE }).count()).toBe(2)
    expect(await street.getByTestId('hour-correct').count()).toBe(0)
    expect(await street.getByTestId('hours-tab-noShows').count()).toBe(0)
    await shot(street, 'street-review-zh')

    // English.
    await unit.getByTestId('locale-toggle').first().click()
    await expect.poll(() => unit.getByTestId('unit-service-reportInRate').textContent()).toContain('Report-in rate')
    await shot(unit, 'unit-service-en')
  })
})
