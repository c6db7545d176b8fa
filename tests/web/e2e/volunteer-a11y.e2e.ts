/**
 * Accessibility of the volunteer's and the leader's phone pages (demo data, built web/dist), as
 * a11y.e2e checks the shell: axe-core finds no serious or critical violation on 找活动 (推荐 and
 * 全部), 活动详情 (李志强 waitlisted), 签到签退, 我的日程, 我的时长 and 志愿者档案, and on 韩雪梅's
 * 我带队的活动 (in 我的日程) and 领队签到码 with its roster — in Chinese and English, normally and in
 * 长辈模式, where no visible text is below 18px and every button, link, tab, switch and clickable
 * cell is at least 44px.
 * Screenshots: ./screenshots/volunteer-a11y-*-elder.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations, smallTargets, textBelow } from '../../support/a11y.ts'
import { graphqlAt } from '../../support/e2e-api.ts'
import { DEMO_PASSWORD, SCREENSHOTS as SHOTS, VIEWPORTS, useBrowserSession } from '../../support/browser.ts'

const VOLUNTEER = '13900000002' // 李志强
const LEADER = '13900001001' // 韩雪梅, leads 阳光花园广场义诊
const FAIR = '阳光花园广场义诊'

const session = useBrowserSession()

const { gql } = graphqlAt(() => session.server.url)

/** 阳光社区 and its demo 义诊 (李志强 waits in line; 韩雪梅 leads it). */
async function fair(): Promise<{ communityId: string; activityId: string }> {
  const { login } = await gql<{ login: { accessToken: string } }>(
    'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { accessToken } }',
    { p: VOLUNTEER, w: DEMO_PASSWORD },
  )
  const { myResidence } = await gql<{ myResidence: { communityId: string } }>(
    '{ myResidence { communityId } }',
    {},
    login.accessToken,
  )
  const { activities } = await gql<{ activities: { nodes: { id: string; title: string }[] } }>(
    'query($c: ID!) { activities(communityId: $c, first: 50) { nodes { id title } } }',
    { c: myResidence.communityId },
    login.accessToken,
  )
  return { communityId: myResidence.communityId, activityId: activities.nodes.find((a) => a.title === FAIR)!.id }
}

/** A phone signed in through the real page (a touch device at 390×844). */
async function phone(phoneNumber: string): Promise<Page> {
  const context = await session.browser.newContext({
    viewport: VIEWPORTS.mobile,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  })
  const page = await context.newPage()
  await page.goto(`${session.server.url}/`)
  await page.getByTestId('login-phone').fill(phoneNumber)
  await page.getByTestId('login-password').fill(DEMO_PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('home-greeting').waitFor()
  return page
}

async function setLocale(page: Page, to: 'zh-CN' | 'en'): Promise<void> {
  if ((await page.getAttribute('html', 'lang')) !== to) await page.getByTestId('locale-toggle').first().click()
  await expect.poll(() => page.getAttribute('html', 'lang')).toBe(to)
}

async function setElder(page: Page, on: boolean): Promise<void> {
  await page.goto(`${session.server.url}/m/me`)
  const toggle = page.getByTestId('elder-toggle').first()
  await toggle.waitFor()
  if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click()
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('linli-elder'))).toBe(on)
}

interface Visit {
  name: string
  path: string
  /** A test id that shows once the page's data is in. */
  ready: string
  /** Something to do once it is (a tab to open). */
  then?: (page: Page) => Promise<void>
}

async function check(page: Page, visits: Visit[]): Promise<void> {
  for (const elder of [false, true]) {
    await setElder(page, elder)
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const v of visits) {
        await page.goto(`${session.server.url}${v.path}`)
        await page.getByTestId(v.ready).first().waitFor()
        await setLocale(page, locale)
        await v.then?.(page)
        const where = `${v.name} ${locale}${elder ? ' elder' : ''}`
        expect(await seriousViolations(page), where).toEqual([])
        expect(await textBelow(page, elder ? 18 : 14), where).toEqual([])
        if (elder) expect(await smallTargets(page), where).toEqual([])
        if (elder && locale === 'zh-CN') {
          await page.screenshot({ path: `${SHOTS}volunteer-a11y-${v.name}-elder.png`, animations: 'disabled' })
        }
      }
    }
  }
  await setElder(page, false)
}

describe('accessibility of the volunteer’s pages', () => {
  it('找活动, 活动详情, 签到签退, 我的日程, 我的时长 and 志愿者档案 pass, in both languages and in elder mode', async () => {
    const { communityId, activityId } = await fair()
    const page = await phone(VOLUNTEER)
    await check(page, [
      { name: 'suggested', path: '/m/activities', ready: 'activity-card' },
      { name: 'all', path: '/m/activities?tab=all', ready: 'activities-community' },
      { name: 'activity', path: `/m/activities/${communityId}/${activityId}`, ready: 'activity-waitlist-position' },
      { name: 'check-in', path: `/m/activities/${communityId}/${activityId}/check-in`, ready: 'check-in-digits' },
      { name: 'schedule', path: '/m/schedule', ready: 'schedule-upcoming' },
      { name: 'hours', path: '/m/hours', ready: 'hour-record' },
      { name: 'profile', path: '/m/volunteer-profile', ready: 'volunteer-number' },
    ])
    await page.context().close()
  })

  it('the leader’s 我带队的活动 and 领队签到码 with its roster pass, in both languages and in elder mode', async () => {
    const { communityId, activityId } = await fair()
    const page = await phone(LEADER)
    await check(page, [
      { name: 'led', path: '/m/schedule', ready: 'schedule-led-item' },
      { name: 'lead', path: `/m/activities/${communityId}/${activityId}/lead`, ready: 'lead-roster-line' },
    ])
    await page.context().close()
  })
})
