/**
 * Closing the loop through the pages (issue 8, part A), in headless Chromium against the demo
 * server on a test clock: 赵明, 鼓楼区人民医院's admin, on a 390×844 phone opens the console's 我的认领
 * and posts the lead report on 社区义诊进小区 — told first that it completes the project; photos
 * need the consent box; people served 46; one PNG — with nothing wider than the screen → the claim's
 * project reads 已完成 → 王秀英 (390×844) finds 我的评单 under 我的 (1 项待评价), gives 想测血压血糖
 * five stars with a comment, and it shows as rated → 陈静, the grid worker, records 郑秋菊's rating
 * on 代居民评价 → 刘芳 on 评价审核 publishes the report and 王秀英's rating and hides 陈静's with a
 * reason; the project's page shows its 评价 (5.0, 2 / 2 needs rated, evaluated) and its
 * 追溯链 has every link (need, claims with the lead marked, activities, report, ratings) and the
 * timeline in words → 刘芳 completes another project (no report came) with a note and ends its
 * evaluation → 王秀英 opens her need's 服务追溯 on the phone. Every new page passes axe-core;
 * the phone pages in both languages and in 长辈模式 at 360px (no text below 18px, no target below
 * 44px). Screenshots: ./screenshots/evaluation-*.png.
 */
import { mkdirSync } from 'node:fs'
import { TestClock } from '@linli/server/clock'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, seriousViolations, smallTargets, textBelow } from '../../support/a11y.ts'
import { SCREENSHOTS, VIEWPORTS, launchChromium, screenshot, signInOn, type Viewport } from '../../support/browser.ts'
import { graphqlAt } from '../../support/e2e-api.ts'
import { startTestServer, type TestServer } from '../../support/server.ts'

const RESIDENT = '13900000001' // 王秀英
const UNIT_ADMIN = '13900000003' // 赵明, 鼓楼区人民医院
const GRID_WORKER = '13900000004' // 陈静, 第一网格
const STAFF = '13900000005' // 刘芳, 阳光社区
const PROJECT = '社区义诊进小区'
const LEAD_UNIT = '鼓楼区人民医院'
const NEED = '想测血压血糖'
/** Published with two claims in the demo, no needs: staff start it and complete it with a note. */
const CLASS = '智能手机学习课堂'
const NEIGHBOUR_NEED = '行动不便，希望上门量血压'
const SUMMARY = '在阳光花园广场为居民免费测量血压血糖46人次，为12位高血压老人建立随访档案。'

/** Monday 2026-11-23 09:00 in Beijing. */
const T0 = Date.parse('2026-11-23T01:00:00.000Z')
const clock = new TestClock(new Date(T0))
let server: TestServer
let browser: Browser
const contexts: BrowserContext[] = []

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  // LINLI_WEB_DIST: a build of the web elsewhere than web/dist — the server reads index.html once,
  // so a rebuild of web/dist during the run (another checkout's test) would strand its pages.
  const webDist = process.env.LINLI_WEB_DIST
  server = await startTestServer({
    demo: true,
    web: true,
    clock,
    ...(webDist ? { config: { webDistDir: webDist } } : {}),
  })
  browser = await launchChromium()
})
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined)
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

const shot = (page: Page, name: string, fullPage = false) => screenshot(page, `evaluation-${name}`, { fullPage })
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth)

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

/** Vant's toasts and Element's messages have faded. */
const noticesGone = (page: Page) =>
  expect.poll(() => page.locator('.van-toast:visible, .el-message').count(), { timeout: 10_000 }).toBe(0)

interface Ids {
  communityId: string
  projectId: string
  needId: string
}

/** A phone page in both languages, in 长辈模式 or not, at 360px: axe, text sizes, targets, width. */
async function checkPhonePage(phone: Page, path: string, ready: string, name: string): Promise<void> {
  for (const elder of [false, true]) {
    await setElder(phone, elder)
    for (const locale of ['zh-CN', 'en'] as const) {
      await phone.goto(`${server.url}${path}`)
      await phone.getByTestId(ready).first().waitFor()
      await setLocale(phone, locale)
      const where = `${name} ${locale}${elder ? ' elder' : ''}`
      expect(await seriousViolations(phone), where).toEqual([])
      expect(await textBelow(phone, elder ? 18 : 14), where).toEqual([])
      if (elder) expect(await smallTargets(phone), where).toEqual([])
      expect(await scrollWidth(phone), where).toBeLessThanOrEqual(360)
      if (locale === 'en' || elder) await shot(phone, `${name}-${locale}${elder ? '-elder' : ''}-360`, true)
    }
  }
  await setLocale(phone, 'zh-CN')
  await setElder(phone, false)
}

describe('closing the loop, through the pages', () => {
  const ids = {} as Ids

  it('赵明 posts the lead report from his phone on the console: the project is completed', async () => {
    const zhao = await login(UNIT_ADMIN)
    const { unitClaims } = await gql<{
      unitClaims: { nodes: { communityId: string; projectId: string; lead: boolean; project: { title: string } }[] }
    }>(
      'query($u: ID!) { unitClaims(unitId: $u, first: 50) { nodes { communityId projectId lead project { title } } } }',
      { u: zhao.scope('unit_admin') },
      zhao.token,
    )
    const claim = unitClaims.nodes.find((c) => c.project.title === PROJECT)
    expect(claim?.lead, 'the hospital leads 社区义诊进小区').toBe(true)
    ids.communityId = claim!.communityId
    ids.projectId = claim!.projectId

    const desk = await signedIn(UNIT_ADMIN, VIEWPORTS.mobile, { isMobile: true })
    await desk.getByRole('menuitem', { name: '我的认领', exact: true }).click()
    await desk.getByTestId('claims-page').waitFor()
    const row = desk.locator('.el-table__row').filter({ hasText: PROJECT })
    await expect.poll(() => row.count()).toBe(1)
    expect(await scrollWidth(desk)).toBeLessThanOrEqual(390)
    await row.getByTestId('claim-report').click()
    const dialog = desk.getByTestId('report-dialog')
    await dialog.getByTestId('report-summary-input').waitFor()
    // Told before submitting that the report completes the project.
    expect(await dialog.getByTestId('report-notice').textContent()).toContain('项目即标记为“已完成”')
    expect(await dialog.getByTestId('report-submit').textContent()).toContain('晒单并完成项目')

    // Too short first: marked on its field, nothing sent.
    await dialog.getByTestId('report-summary-input').fill('很好')
    await dialog.getByTestId('report-people-input').locator('input').fill('46')
    await dialog.getByTestId('report-submit').click()
    await dialog.getByText('服务总结至少10个字').waitFor()

    await dialog.getByTestId('report-summary-input').fill(SUMMARY)
    const png = await sharp({
      create: { width: 160, height: 120, channels: 3, background: '#2f7d3b' },
    })
      .composite([
        {
          input: Buffer.from('<svg width="160" height="120"><circle cx="80" cy="60" r="36" fill="#ffffff"/></svg>'),
        },
      ])
      .png()
      .toBuffer()
    await dialog
      .getByTestId('report-photo-input')
      .setInputFiles({ name: 'clinic.png', mimeType: 'image/png', buffer: png })
    await dialog.getByTestId('report-photo-list').locator('img').first().waitFor()
    // A photo asks for the consent of the people shown.
    await dialog.getByTestId('report-submit').click()
    await dialog.getByText('上传照片须确认照片中的人员已同意公开').waitFor()
    await dialog.getByTestId('report-consent').click()
    expect(await scrollWidth(desk)).toBeLessThanOrEqual(390)
    await expectAccessible(desk)
    await shot(desk, 'report-dialog-390')

    await dialog.getByTestId('report-submit').click()
    await desk.getByText(`晒单已提交，项目“${PROJECT}”已完成`).waitFor()
    await expect
      .poll(() => row.locator('[data-testid="state-tag"][data-kind="project"]').first().getAttribute('data-state'))
      .toBe('completed')
    // At phone width the project's state shows beside 晒单 (its column is off to the right).
    const narrowState = row.locator('.claims__narrow [data-testid="state-tag"]')
    expect(await narrowState.isVisible()).toBe(true)
    expect(await narrowState.textContent()).toContain('已完成')
    expect(await row.locator('[data-testid="state-tag"][data-kind="claim"]').getAttribute('data-state')).toBe(
      'completed',
    )
    expect(await scrollWidth(desk)).toBeLessThanOrEqual(390)
    await noticesGone(desk)
    await expectAccessible(desk)
    await shot(desk, 'claims-390', true)

    // Opened again, the dialog shows the report sent (待审核), not a second form.
    await row.getByTestId('claim-report').click()
    const mine = desk.getByTestId('report-dialog').getByTestId('report-card')
    await mine.waitFor()
    expect(await mine.getAttribute('data-state')).toBe('pending_review')
    expect(await mine.getByTestId('report-people').textContent()).toContain('46')
    await mine.getByTestId('auth-image').waitFor()
    expect(await desk.getByTestId('report-dialog').getByTestId('report-submit').count()).toBe(0)
    await shot(desk, 'report-sent-390')
    await desk.keyboard.press('Escape')
  })

  it('王秀英 finds 我的评单 on her phone and gives five stars with a comment', async () => {
    const wang = await login(RESIDENT)
    const { ratableNeeds } = await gql<{
      ratableNeeds: { needId: string; needTitle: string; projectId: string; closesAt: string }[]
    }>('{ ratableNeeds { needId needTitle projectId closesAt } }', {}, wang.token)
    const need = ratableNeeds.find((n) => n.needTitle === NEED)
    expect(need?.projectId).toBe(ids.projectId)
    ids.needId = need!.needId

    // The form, before she rates: both languages, 长辈模式, 360px.
    const narrow = await signedIn(RESIDENT, { width: 360, height: 780 }, { isMobile: true })
    await checkPhonePage(narrow, '/m/ratings', 'ratable-need', 'ratings-form')
    await narrow.context().close()

    const phone = await signedIn(RESIDENT, VIEWPORTS.mobile, { isMobile: true })
    // Her need's page asks for the rating and leads to its trail.
    await phone.goto(`${server.url}/m/needs/${ids.communityId}/${ids.needId}`)
    await phone.getByTestId('need-rate').waitFor()
    await phone.getByTestId('need-chain').waitFor()

    await phone.getByTestId('tab-me').click()
    await phone.getByTestId('me-ratings').waitFor()
    expect((await phone.getByTestId('me-ratings-count').textContent())?.trim()).toBe('1 项待评价')
    await phone.getByTestId('me-ratings').click()
    await phone.getByTestId('ratings-page').waitFor()
    const card = phone.getByTestId('ratable-need').filter({ hasText: NEED })
    await card.waitFor()
    expect(await card.textContent()).toContain(`服务项目：${PROJECT}`)
    expect(await card.textContent()).toContain('服务对象：王秀英')
    // Open for the community's rating window, the last day as in Beijing.
    const lastDay = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(need!.closesAt))
    expect(await card.getByTestId('ratable-need-closes').textContent()).toContain(`${lastDay} 前可评价`)
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390)
    await expectAccessible(phone)
    await shot(phone, 'ratings', true)

    await card.locator('.van-rate__item').nth(4).click()
    expect((await card.getByTestId('ratable-need-word').textContent())?.trim()).toBe('非常满意')
    await card.getByTestId('ratable-need-comment').locator('textarea').fill('医生很耐心，还教我怎么在家量血压。')
    await card.getByTestId('ratable-need-submit').click()
    await card.getByTestId('ratable-need-rated').waitFor()
    expect(await card.getAttribute('data-rated')).toBe('true')
    expect(await card.getByTestId('score-stars').getAttribute('data-score')).toBe('5')
    await noticesGone(phone)
    await expectAccessible(phone)
    await shot(phone, 'ratings-rated', true)
    await phone.context().close()
  })

  it('陈静 records 郑秋菊’s rating on 代居民评价', async () => {
    const desk = await signedIn(GRID_WORKER, VIEWPORTS.console)
    await desk.getByRole('menuitem', { name: '代居民评价', exact: true }).click()
    await desk.getByTestId('console-ratings-page').waitFor()
    const card = desk.getByTestId('ratable-need').filter({ hasText: NEIGHBOUR_NEED })
    await card.waitFor()
    // 王秀英's own need is not his to record (another resident, masked where it shows).
    expect(await card.textContent()).toContain('服务对象：郑*菊')
    await expectAccessible(desk)
    await shot(desk, 'grid-ratings')
    await card.locator('.el-rate__item').nth(4).click()
    await card.getByTestId('ratable-need-comment').fill('郑阿姨说医生上门很方便，电话13912345678')
    await card.getByTestId('ratable-need-submit').click()
    await card.getByTestId('ratable-need-rated').waitFor()
    await desk.context().close()
  })

  it('刘芳 publishes the report and 王秀英’s rating, hides the one with a phone number, and follows the chain', async () => {
    const desk = await signedIn(STAFF, VIEWPORTS.console)
    await desk.getByRole('menuitem', { name: '评价审核', exact: true }).click()
    await desk.getByTestId('reviews-page').waitFor()
    const report = desk.getByTestId('reviews-reports').getByTestId('report-card').filter({ hasText: LEAD_UNIT })
    await report.waitFor()
    expect(await report.getByTestId('report-kind').textContent()).toContain('牵头单位')
    expect(await report.getByTestId('report-people').textContent()).toContain('服务 46 人次')
    await report.getByTestId('auth-image').waitFor()
    const wangRating = desk.getByTestId('reviews-ratings').getByTestId('rating-line').filter({ hasText: NEED })
    const neighbourRating = desk
      .getByTestId('reviews-ratings')
      .getByTestId('rating-line')
      .filter({ hasText: NEIGHBOUR_NEED })
    await wangRating.waitFor()
    await neighbourRating.waitFor()
    expect(await neighbourRating.textContent()).toContain('网格员代评')
    await expectAccessible(desk)
    await shot(desk, 'reviews', true)

    await report.getByTestId('review-publish').click()
    await expect.poll(() => report.count()).toBe(0)
    await wangRating.getByTestId('review-publish').click()
    await expect.poll(() => wangRating.count()).toBe(0)
    await neighbourRating.getByTestId('review-hide').click()
    await desk.getByTestId('reason-input').waitFor()
    await desk.getByTestId('reason-input').fill('评价内容含有手机号码，已隐藏以保护个人信息')
    await expectAccessible(desk)
    await shot(desk, 'hide-dialog')
    await desk.getByTestId('reason-submit').click()
    await expect.poll(() => neighbourRating.count()).toBe(0)
    await desk.getByText('没有待审核的晒单').waitFor()
    await desk.getByText('没有待审核的评价').waitFor()
    await noticesGone(desk)
    await shot(desk, 'reviews-done', true)

    // The project's page: its 评价.
    await desk.goto(`${server.url}/console/projects/${ids.projectId}`)
    const section = desk.getByTestId('project-evaluation')
    await section.getByTestId('evaluation-facts').waitFor()
    expect((await section.getByTestId('evaluation-average').textContent())?.replace(/\s+/g, ' ')).toContain('5.0')
    expect(await section.getByTestId('evaluation-needs').textContent()).toContain('2 / 2 已评价')
    expect(await section.getByTestId('report-card').count()).toBe(1)
    expect(await section.getByTestId('rating-line').count()).toBe(2)
    // Both served needs rated: the project is evaluated.
    expect(
      await desk
        .getByTestId('project-detail')
        .locator('.lists-page__head [data-testid="state-tag"]')
        .getAttribute('data-state'),
    ).toBe('evaluated')
    // The demo's communities set no five-star bonus (ratingBonusPoints 0): none is posted.
    expect(await section.getByTestId('evaluation-bonus').textContent()).toMatch(/已奖励 \d+ 名志愿者|未发放/)
    await expectAccessible(desk)
    await shot(desk, 'project-evaluation', true)

    // Its 追溯链: every link and the timeline.
    await section.getByTestId('project-chain-link').click()
    await desk.getByTestId('chain-page').waitFor()
    expect(new URL(desk.url()).pathname).toBe(`/console/projects/${ids.communityId}/${ids.projectId}/chain`)
    await expect.poll(() => desk.getByTestId('chain-title').textContent()).toBe(PROJECT)
    await expect.poll(() => desk.getByTestId('chain-event').count()).toBeGreaterThan(5)
    const needs = await desk.getByTestId('chain-need').allTextContents()
    expect(needs.some((n) => n.includes(NEED))).toBe(true)
    const claims = desk.getByTestId('chain-claim')
    expect(await claims.count()).toBeGreaterThanOrEqual(2)
    expect(await claims.first().textContent()).toContain(LEAD_UNIT)
    expect(await claims.first().getByTestId('chain-claim-lead').textContent()).toContain('牵头')
    expect(await desk.getByTestId('chain-activity').count()).toBeGreaterThan(0)
    expect(await desk.getByTestId('chain-totals').textContent()).toMatch(/已审核服务时长 .+，志愿者 \d+ 人/)
    expect(await desk.getByTestId('chain-reports').getByTestId('report-card').count()).toBe(1)
    expect(await desk.getByTestId('chain-ratings').getByTestId('rating-line').count()).toBe(2)
    for (const link of ['needs', 'claims', 'activities', 'reports', 'ratings'])
      expect(
        Number(await desk.getByTestId('chain-links').locator(`[data-link="${link}"]`).getAttribute('data-count')),
        link,
      ).toBeGreaterThan(0)
    const actions = await desk
      .getByTestId('chain-event')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))
    for (const a of [
      'need.submitted',
      'project.created',
      'claim.made',
      'project.started',
      'project.completed',
      'report.posted',
      'rating.given',
    ])
      expect(actions, a).toContain(a)
    const timeline = (await desk.getByTestId('chain-timeline').textContent()) ?? ''
    for (const words of ['居民提交需求', '单位认领项目', '项目开始实施', '项目完成', '单位晒单', '居民评价'])
      expect(timeline, words).toContain(words)
    expect(timeline).not.toContain('其他记录')
    await expectAccessible(desk)
    await shot(desk, 'chain', true)

    await setLocale(desk, 'en')
    await desk.getByRole('heading', { level: 1, name: PROJECT }).waitFor()
    expect(await desk.getByTestId('chain-timeline').textContent()).toContain('Completion report posted')
    await expectAccessible(desk)
    await shot(desk, 'chain-en', true)
    await setLocale(desk, 'zh-CN')

    // Phone-wide, the chain and the review queue fit.
    await desk.setViewportSize(VIEWPORTS.mobile)
    await desk.reload()
    await desk.getByTestId('chain-event').first().waitFor()
    expect(await scrollWidth(desk)).toBeLessThanOrEqual(390)
    await shot(desk, 'chain-390', true)
    await desk.goto(`${server.url}/console/reviews`)
    await desk.getByTestId('reviews-ratings').waitFor()
    expect(await scrollWidth(desk)).toBeLessThanOrEqual(390)
    await desk.context().close()
  })

  it('刘芳 completes a project with a note when no report came, then ends its evaluation', async () => {
    const liu = await login(STAFF)
    const community = liu.scope('community_staff')
    const { projects } = await gql<{ projects: { nodes: { id: string; title: string; state: string }[] } }>(
      'query($c: ID!) { projects(communityId: $c, first: 50) { nodes { id title state } } }',
      { c: community },
      liu.token,
    )
    const course = projects.nodes.find((p) => p.title === CLASS)
    expect(course, 'the demo publishes 智能手机学习课堂 with two claims').toBeTruthy()
    await gql(
      'mutation($c: ID!, $id: ID!) { startProject(communityId: $c, id: $id) { id } }',
      { c: community, id: course!.id },
      liu.token,
    )

    const desk = await signedIn(STAFF, VIEWPORTS.console)
    await desk.goto(`${server.url}/console/projects/${course!.id}`)
    const section = desk.getByTestId('project-evaluation')
    await section.getByTestId('evaluation-not-yet').waitFor()
    await section.getByTestId('project-complete').click()
    const dialog = desk.getByTestId('complete-dialog')
    await dialog.getByTestId('complete-note').waitFor()
    // A note is required.
    await desk.getByTestId('complete-submit').click()
    await dialog.getByText('请填写完成说明').waitFor()
    await dialog.getByTestId('complete-note').fill('两期课堂已按计划结束，认领单位未提交晒单，社区代为完成')
    await expectAccessible(desk)
    await shot(desk, 'complete-dialog')
    await desk.getByTestId('complete-submit').click()
    await desk.getByText(`项目“${CLASS}”已完成`).waitFor()
    await expect
      .poll(() => desk.locator('.lists-page__head [data-testid="state-tag"]').getAttribute('data-state'))
      .toBe('completed')
    // The note reads as the community's report, published.
    const staffReport = section.getByTestId('report-card')
    await staffReport.waitFor()
    expect(await staffReport.getAttribute('data-kind')).toBe('staff')
    expect(await staffReport.getByTestId('report-kind').textContent()).toContain('社区代为完成')
    expect(await section.getByTestId('evaluation-note').textContent()).toContain('社区代为完成')

    // No needs to rate: staff end the evaluation (confirmed first).
    await noticesGone(desk)
    await section.getByTestId('project-evaluate').click()
    await desk.locator('.el-popconfirm').getByRole('button', { name: '结束评价' }).click()
    await desk.getByText(`项目“${CLASS}”的评价已结束`).waitFor()
    await expect
      .poll(() => desk.locator('.lists-page__head [data-testid="state-tag"]').getAttribute('data-state'))
      .toBe('evaluated')
    expect(await section.getByTestId('project-evaluate').count()).toBe(0)
    await noticesGone(desk)
    await expectAccessible(desk)
    await shot(desk, 'staff-completed', true)
    await desk.context().close()
  })

  it('赵明 sees the chain too; 王秀英 opens her need’s 服务追溯 on the phone', async () => {
    const desk = await signedIn(UNIT_ADMIN, VIEWPORTS.console)
    await desk.goto(`${server.url}/console/claims`)
    const row = desk.locator('.el-table__row').filter({ hasText: PROJECT })
    await row.getByTestId('claim-chain').click()
    await desk.getByTestId('chain-page').waitFor()
    await expect.poll(() => desk.getByTestId('chain-event').count()).toBeGreaterThan(5)
    // Not staff: people's names masked (王*英), units named.
    expect(await desk.getByTestId('chain-ratings').textContent()).toContain('王*英')
    await expectAccessible(desk)
    await desk.context().close()

    const phone = await signedIn(RESIDENT, VIEWPORTS.mobile, { isMobile: true })
    await phone.goto(`${server.url}/m/needs/${ids.communityId}/${ids.needId}`)
    await phone.getByTestId('need-chain').click()
    await phone.getByTestId('need-chain-page').waitFor()
    expect(await phone.getByTestId('need-chain-project').textContent()).toBe(PROJECT)
    await expect.poll(() => phone.getByTestId('need-chain-event').count()).toBeGreaterThan(5)
    const steps = (await phone.getByTestId('need-chain-steps').textContent()) ?? ''
    for (const words of ['居民提交需求', '项目完成', '单位晒单', '居民评价']) expect(steps, words).toContain(words)
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390)
    await expectAccessible(phone)
    await shot(phone, 'need-chain', true)
    // The rated need no longer asks for a rating.
    await phone.goto(`${server.url}/m/needs/${ids.communityId}/${ids.needId}`)
    await phone.getByTestId('need-chain').waitFor()
    expect(await phone.getByTestId('need-rate').count()).toBe(0)
    await phone.context().close()
  })

  it('a need not yet planned says so; the phone pages pass in both languages and 长辈模式 at 360px', async () => {
    const wang = await login(RESIDENT)
    const { myNeeds } = await gql<{ myNeeds: { nodes: { id: string; communityId: string; state: string }[] } }>(
      '{ myNeeds(first: 50) { nodes { id communityId state } } }',
      {},
      wang.token,
    )
    const waiting = myNeeds.nodes.find((n) => ['submitted', 'accepted'].includes(n.state))
    const phone = await signedIn(RESIDENT, { width: 360, height: 780 }, { isMobile: true })
    if (waiting) {
      await phone.goto(`${server.url}/m/needs/${waiting.communityId}/${waiting.id}/chain`)
      await phone.getByTestId('need-chain-none').waitFor()
      expect(await phone.getByTestId('need-chain-none').textContent()).toContain('尚未安排项目')
      await expectAccessible(phone)
      await shot(phone, 'need-chain-none')
    }
    await checkPhonePage(phone, '/m/ratings', 'ratings-page', 'ratings-empty')
    await checkPhonePage(phone, '/m/me', 'me-ratings', 'me')
    await checkPhonePage(phone, `/m/needs/${ids.communityId}/${ids.needId}`, 'need-chain', 'need-detail')
    await checkPhonePage(phone, `/m/needs/${ids.communityId}/${ids.needId}/chain`, 'need-chain-event', 'need-chain')
    await phone.context().close()
  })
})
