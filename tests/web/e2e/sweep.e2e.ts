/**
 * Every page the router defines, through axe-core (no rule disabled, nothing excluded), in
 * Chinese and English, normally and in 长辈模式 (elder mode), against the demo server and the
 * built web (web/dist, or LINLI_WEB_DIST: see tests/support/server.ts). The phone pages (/m, and
 * the public sign-in, password reset and 证明查验 that people open on their phones) at 360×740 on
 * a touch device, where elder mode must also leave no visible text below 18px and no button,
 * link, tab, switch or clickable cell below 44px; the console (and the A4 print page) at 1366×768.
 *
 * Where the list of routes comes from: the router itself. `createAppRouter('memory')` builds the
 * very router web/src/main.ts builds (same function, same route table; only its history is kept
 * in memory instead of the browser's) and `getRoutes()` lists its records. Each visit below names
 * its route and a concrete path, and the path must resolve to that route in that router; the last
 * test fails when a named route was not visited — so a route added to web/src fails this file
 * until a visit is planned for it. Records that are not pages are listed in NOT_PAGES with the
 * reason; any other record without a name must be a layout (it has children) or a redirect.
 *
 * Each visit signs in as a role who may open the page (a guard that sends them elsewhere fails
 * the visit: the address must stay the planned one), with real ids from the demo found through
 * GraphQL, and waits for a test id that shows the page's data is in, then for the network to be
 * idle. Besides axe, every table a screen reader finds must have its headers in the same table
 * (Element Plus' tables are two <table>s: web/src/ui/table.ts). One browser context per person;
 * language and mode are switched with the page's own toggles (both are remembered), without
 * signing in again, and each visit checks that they held.
 * Screenshots: ./screenshots/sweep-<route>.png (Chinese, normal) and sweep-<route>-elder.png
 * (phone pages, Chinese, elder mode).
 *
 * The console's keyboard use is checked at the end: Tab shows where focus is (an outline or a
 * ring on :focus-visible), and a dialog keeps focus inside and returns it to its opener on close.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import zhCN from '../../../web/src/i18n/zh-CN.ts'
import { createAppRouter } from '../../../web/src/router.ts'
import { rawMessageKeys, seriousViolations, smallTargets, textBelow } from '../../support/a11y.ts'
import { SCREENSHOTS, VIEWPORTS, launchChromium, signInOn } from '../../support/browser.ts'
import { graphqlAt } from '../../support/e2e-api.ts'
import { startTestServer, type TestServer } from '../../support/server.ts'

const RESIDENT = '13900000001' // 王秀英
const VOLUNTEER = '13900000002' // 李志强
const UNIT_ADMIN = '13900000003' // 赵明, 鼓楼区人民医院
const GRID_WORKER = '13900000004' // 陈静
const STAFF = '13900000005' // 刘芳, 阳光社区
const STREET_ADMIN = '13900000006' // 孙伟, 华林街道
const LEADER = '13900001001' // 韩雪梅, leads 阳光花园广场义诊

const PHONE = { width: 360, height: 740 }
const DESK = VIEWPORTS.console

/** The router's records that are not pages, and why they are not visited. */
const NOT_PAGES: Record<string, string> = {
  root: '`/` renders nothing: its guard sends the signed-in person to their home and others to the sign-in page',
}

const router = createAppRouter('memory')
/** The messages' namespaces (a key shown as text starts with one). */
const NAMESPACES = Object.keys(zhCN)

/** The demo's ids the pages with parameters are opened with. */
interface Ids {
  sunshine: string
  /** 王秀英's 想测血压血糖: in service, on 社区义诊进小区 (timeline and chain). */
  needInService: string
  /** 王秀英's 楼道灯坏了: still submitted (she may edit it). */
  needSubmitted: string
  /** 阳光花园广场义诊: 李志强 waits in line, 韩雪梅 leads it. */
  fair: string
  /** 社区义诊进小区: in progress, claimed by the hospital. */
  projectInProgress: string
  /** 楼道照明改造: a draft (the editor). */
  projectDraft: string
  /** 邻里互助服务日: evaluated, its chain complete. */
  projectEvaluated: string
  /** 李志强's valid certificate. */
  certificate: { id: string; serial: string }
}

interface Visit {
  /** The route's name in the router. */
  route: string
  path: (ids: Ids) => string
  /** A test id that shows once the page's data is in. */
  ready: string
}

interface Round {
  name: string
  /** Who signs in (none: the public pages). */
  phone: string | null
  face: 'phone' | 'desk'
  visits: Visit[]
}

const ROUNDS: Round[] = [
  {
    name: 'signed out, on a phone',
    phone: null,
    face: 'phone',
    visits: [
      { route: 'login', path: () => '/login', ready: 'login-submit' },
      { route: 'reset-password', path: () => '/login/reset', ready: 'reset-phone' },
      { route: 'verify-certificate', path: (ids) => `/verify/${ids.certificate.serial}`, ready: 'verify-result' },
    ],
  },
  {
    name: '王秀英, resident, on a phone',
    phone: RESIDENT,
    face: 'phone',
    visits: [
      { route: 'mobile-home', path: () => '/m', ready: 'home-greeting' },
      { route: 'mobile-me', path: () => '/m/me', ready: 'logout' },
      { route: 'mobile-residence', path: () => '/m/me/residence', ready: 'residence-current' },
      { route: 'mobile-my-data', path: () => '/m/me/data', ready: 'my-data-profile' },
      { route: 'mobile-delete-account', path: () => '/m/me/delete', ready: 'deletion-submit' },
      { route: 'mobile-notifications', path: () => '/m/messages', ready: 'notification-item' },
      { route: 'mobile-needs', path: () => '/m/needs', ready: 'my-need' },
      { route: 'mobile-need-new', path: () => '/m/needs/new', ready: 'need-title' },
      { route: 'mobile-need', path: (ids) => `/m/needs/${ids.sunshine}/${ids.needInService}`, ready: 'need-event' },
      {
        route: 'mobile-need-edit',
        path: (ids) => `/m/needs/${ids.sunshine}/${ids.needSubmitted}/edit`,
        ready: 'need-title',
      },
      {
        route: 'mobile-need-chain',
        path: (ids) => `/m/needs/${ids.sunshine}/${ids.needInService}/chain`,
        ready: 'need-chain-page',
      },
      { route: 'mobile-ratings', path: () => '/m/ratings', ready: 'ratings-page' },
    ],
  },
  {
    name: '李志强, volunteer, on a phone',
    phone: VOLUNTEER,
    face: 'phone',
    visits: [
      { route: 'mobile-activities', path: () => '/m/activities', ready: 'activity-card' },
      {
        route: 'mobile-activity',
        path: (ids) => `/m/activities/${ids.sunshine}/${ids.fair}`,
        ready: 'activity-waitlist-position',
      },
      {
        route: 'mobile-activity-check-in',
        path: (ids) => `/m/activities/${ids.sunshine}/${ids.fair}/check-in`,
        ready: 'check-in-digits',
      },
      // The address a QR code held once its code has been used (or a link without one): the page
      // says so and offers typing the digits.
      { route: 'mobile-check-in-link', path: () => '/m/check-in', ready: 'check-in-type-instead' },
      { route: 'mobile-schedule', path: () => '/m/schedule', ready: 'schedule-upcoming' },
      { route: 'mobile-hours', path: () => '/m/hours', ready: 'hour-record' },
      { route: 'mobile-volunteer-profile', path: () => '/m/volunteer-profile', ready: 'volunteer-number' },
      { route: 'mobile-certificates', path: () => '/m/certificates', ready: 'my-certificate' },
      { route: 'mobile-points', path: () => '/m/points', ready: 'points-wallet' },
      { route: 'mobile-points-statement', path: (ids) => `/m/points/${ids.sunshine}`, ready: 'points-line' },
      { route: 'mobile-store', path: (ids) => `/m/store/${ids.sunshine}`, ready: 'store-reward' },
      { route: 'mobile-redemptions', path: () => '/m/redemptions', ready: 'redemptions-page' },
    ],
  },
  {
    name: '韩雪梅, the 义诊’s leader, on a phone',
    phone: LEADER,
    face: 'phone',
    visits: [
      {
        route: 'mobile-activity-lead',
        path: (ids) => `/m/activities/${ids.sunshine}/${ids.fair}/lead`,
        ready: 'lead-roster-line',
      },
    ],
  },
  {
    name: '刘芳, community staff, at a desk',
    phone: STAFF,
    face: 'desk',
    visits: [
      { route: 'console-home', path: () => '/console', ready: 'home-greeting' },
      { route: 'console-account', path: () => '/console/account', ready: 'console-my-data' },
      { route: 'lists-needs', path: () => '/console/needs', ready: 'need-open' },
      { route: 'lists-projects', path: () => '/console/projects', ready: 'project-link' },
      { route: 'lists-project-new', path: () => '/console/projects/new', ready: 'editor-need' },
      {
        route: 'lists-project',
        path: (ids) => `/console/projects/${ids.projectInProgress}`,
        ready: 'project-detail-title',
      },
      {
        route: 'lists-project-edit',
        path: (ids) => `/console/projects/${ids.projectDraft}/edit`,
        ready: 'editor-need',
      },
      {
        route: 'console-chain',
        path: (ids) => `/console/projects/${ids.sunshine}/${ids.projectEvaluated}/chain`,
        ready: 'chain-event',
      },
      { route: 'lists-resources', path: () => '/console/resources', ready: 'resource-row' },
      { route: 'hours-activities', path: () => '/console/activities', ready: 'activity-link' },
      { route: 'hours-activity', path: (ids) => `/console/activities/${ids.fair}`, ready: 'roster-row' },
      { route: 'hours-review', path: () => '/console/hours', ready: 'hours-review-page' },
      { route: 'hours-dual-reports', path: () => '/console/dual-reports', ready: 'dual-reports-page' },
      { route: 'alliance', path: () => '/console/alliance', ready: 'alliance-unit-name' },
      { route: 'community-teams', path: () => '/console/community-teams', ready: 'teams-page' },
      { route: 'community-volunteers', path: () => '/console/volunteers', ready: 'volunteer-name' },
      { route: 'console-governance', path: () => '/console/alliance-governance', ready: 'gov-officers' },
      { route: 'console-certificates', path: () => '/console/certificates', ready: 'certificate-serial' },
      {
        route: 'print-certificate',
        path: (ids) => `/print/certificates/${ids.sunshine}/${ids.certificate.id}`,
        ready: 'print-sheet',
      },
      { route: 'console-redemptions', path: () => '/console/redemptions', ready: 'redeem-code-input' },
      { route: 'console-rewards', path: () => '/console/rewards', ready: 'reward-row-name' },
      { route: 'console-points', path: () => '/console/points', ready: 'holder-name' },
      { route: 'console-dashboard', path: () => '/console/dashboard', ready: 'kpi-value' },
      { route: 'console-rankings', path: () => '/console/rankings', ready: 'rank-name' },
      { route: 'console-reviews', path: () => '/console/reviews', ready: 'reviews-page' },
      { route: 'resident-desk', path: () => '/console/residents', ready: 'desk-find' },
      { route: 'console-imports', path: () => '/console/imports', ready: 'imports-history' },
      { route: 'admin-roles', path: () => '/console/admin/roles', ready: 'admin-roles' },
      { route: 'admin-settings', path: () => '/console/admin/settings', ready: 'settings-title' },
      { route: 'admin-audit', path: () => '/console/admin/audit', ready: 'audit-action' },
    ],
  },
  {
    name: '赵明, the hospital’s admin, at a desk',
    phone: UNIT_ADMIN,
    face: 'desk',
    visits: [
      { route: 'market', path: () => '/console/market', ready: 'market-project' },
      { route: 'unit-claims', path: () => '/console/claims', ready: 'claim-project-title' },
      { route: 'unit-resources', path: () => '/console/resources/mine', ready: 'resource-row-title' },
      { route: 'units-roster', path: () => '/console/units/roster', ready: 'roster-name' },
      { route: 'units-teams', path: () => '/console/units/teams', ready: 'teams-page' },
      { route: 'units-invitations', path: () => '/console/units/invitations', ready: 'units-invitations' },
      { route: 'unit-service', path: () => '/console/unit/service', ready: 'unit-member-row' },
    ],
  },
  {
    name: '陈静, grid worker, at a desk',
    phone: GRID_WORKER,
    face: 'desk',
    visits: [{ route: 'console-ratings', path: () => '/console/ratings', ready: 'console-ratings-page' }],
  },
  {
    name: '孙伟, street admin, at a desk',
    phone: STREET_ADMIN,
    face: 'desk',
    visits: [{ route: 'admin-places', path: () => '/console/admin/places', ready: 'admin-places' }],
  },
]

const PASSES = [
  { locale: 'zh-CN', elder: false },
  { locale: 'en', elder: false },
  { locale: 'zh-CN', elder: true },
  { locale: 'en', elder: true },
] as const

let server: TestServer
let browser: Awaited<ReturnType<typeof launchChromium>>
let ids: Ids
const visited = new Set<string>()

const { gql, login } = graphqlAt(() => server.url)

beforeAll(async () => {
  server = await startTestServer({ demo: true, web: true })
  browser = await launchChromium()
  ids = await demoIds()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function demoIds(): Promise<Ids> {
  const staff = await login(STAFF)
  const sunshine = staff.scope('community_staff')
  const { projects, activities } = await gql<{
    projects: { nodes: { id: string; title: string }[] }
    activities: { nodes: { id: string; title: string }[] }
  }>(
    'query($c: ID!) { projects(communityId: $c, first: 50) { nodes { id title } } activities(communityId: $c, first: 50) { nodes { id title } } }',
    { c: sunshine },
    staff.token,
  )
  // 操作日志 has a line to show: 刘芳 sets a setting to the value it has (audited all the same).
  await gql(
    'mutation($c: ID!) { setCommunitySetting(communityId: $c, key: "claimApprovalRequired", value: true) { key } }',
    { c: sunshine },
    staff.token,
  )
  // 消息 has a line to show: the hospital's admin invites 王秀英 onto its roster.
  const unitAdmin = await login(UNIT_ADMIN)
  await gql(
    'mutation($u: ID!, $p: String!) { inviteUnitMember(unitId: $u, phone: $p) { status } }',
    { u: unitAdmin.scope('unit_admin'), p: RESIDENT },
    unitAdmin.token,
  )
  const resident = await login(RESIDENT)
  const { myNeeds } = await gql<{ myNeeds: { nodes: { id: string; title: string; state: string }[] } }>(
    '{ myNeeds(first: 50) { nodes { id title state } } }',
    {},
    resident.token,
  )
  const volunteer = await login(VOLUNTEER)
  const { myCertificates } = await gql<{ myCertificates: { id: string; serial: string; state: string }[] }>(
    '{ myCertificates { id serial state } }',
    {},
    volunteer.token,
  )
  const find = <T extends { title: string }>(list: T[], title: string): T => {
    const found = list.find((x) => x.title === title)
    if (!found) throw new Error(`the demo has no ${title}`)
    return found
  }
  const certificate = myCertificates.find((c) => c.state === 'valid')
  if (!certificate) throw new Error('the demo has no valid certificate for 李志强')
  return {
    sunshine,
    needInService: find(myNeeds.nodes, '想测血压血糖').id,
    needSubmitted: myNeeds.nodes.find((n) => n.title === '楼道灯坏了' && n.state === 'submitted')!.id,
    fair: find(activities.nodes, '阳光花园广场义诊').id,
    projectInProgress: find(projects.nodes, '社区义诊进小区').id,
    projectDraft: find(projects.nodes, '楼道照明改造').id,
    projectEvaluated: find(projects.nodes, '邻里互助服务日').id,
    certificate: { id: certificate.id, serial: certificate.serial },
  }
}

async function openContext(round: Round): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(
    round.face === 'phone'
      ? { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
      : { viewport: DESK },
  )
  const page = await context.newPage()
  if (round.phone) await signInOn(page, server, round.phone)
  else await page.goto(`${server.url}/login`)
  return { context, page }
}

/** Language and mode, with the page's own toggles: the sign-in page, 我的 on the phone, the console's header. */
async function setMode(page: Page, round: Round, locale: 'zh-CN' | 'en', elder: boolean): Promise<void> {
  const where = !round.phone ? '/login' : round.face === 'phone' ? '/m/me' : '/console'
  await page.goto(`${server.url}${where}`)
  const toggle = page.getByTestId('elder-toggle').first()
  await toggle.waitFor()
  if ((await page.getAttribute('html', 'lang')) !== locale) await page.getByTestId('locale-toggle').first().click()
  await expect.poll(() => page.getAttribute('html', 'lang')).toBe(locale)
  if ((await toggle.getAttribute('aria-checked')) !== String(elder)) await toggle.click()
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('linli-elder'))).toBe(elder)
}

async function sweep(round: Round): Promise<void> {
  const problems: string[] = []
  const { context, page } = await openContext(round)
  try {
    for (const { locale, elder } of PASSES) {
      await setMode(page, round, locale, elder)
      for (const visit of round.visits) {
        const path = visit.path(ids)
        const where = `${visit.route} (${path}) ${locale}${elder ? ' elder' : ''}`
        // The planned address is the route's, in the app's own router.
        expect(router.resolve(path).name, `${visit.route}: ${path}`).toBe(visit.route)
        await page.goto(`${server.url}${path}`)
        try {
          await page.getByTestId(visit.ready).first().waitFor({ timeout: 20_000 })
        } catch {
          problems.push(`${where}: never showed ${visit.ready} (at ${new URL(page.url()).pathname})`)
          await page.screenshot({ path: `${SCREENSHOTS}sweep-${visit.route}-failed.png` })
          continue
        }
        if (new URL(page.url()).pathname !== path) {
          problems.push(`${where}: landed on ${new URL(page.url()).pathname}`)
          continue
        }
        await page.waitForLoadState('networkidle')
        // The pass's language and mode held through the reload.
        const shown = await page.evaluate(() => ({
          lang: document.documentElement.lang,
          elder: document.documentElement.classList.contains('linli-elder'),
        }))
        if (shown.lang !== locale || shown.elder !== elder) {
          problems.push(`${where}: shown in ${shown.lang}${shown.elder ? ' elder' : ''}`)
        }
        await page.mouse.move(0, 0)
        for (const v of await seriousViolations(page)) {
          problems.push(`${where}: axe ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.join('\n    ')}`)
        }
        for (const table of await tablesWithoutHeaders(page)) problems.push(`${where}: ${table}`)
        // Every word loaded: no message key shown in place of its text.
        for (const key of await rawMessageKeys(page, NAMESPACES)) problems.push(`${where}: raw message key ${key}`)
        if (round.face === 'phone' && elder) {
          for (const text of await textBelow(page, 18)) problems.push(`${where}: text below 18px: ${text}`)
          for (const target of await smallTargets(page)) problems.push(`${where}: target below 44px: ${target}`)
        }
        if (locale === 'zh-CN' && (!elder || round.face === 'phone')) {
          await page.screenshot({
            path: `${SCREENSHOTS}sweep-${visit.route}${elder ? '-elder' : ''}.png`,
            animations: 'disabled',
          })
        }
        visited.add(visit.route)
      }
    }
  } finally {
    await context.close()
  }
  expect(problems, round.name).toEqual([])
}

/**
 * Tables (as a screen reader finds them: role `table`) whose cells have no column or row header
 * in the same table — what Element Plus' two-<table> layout gave before ui/table.ts.
 */
async function tablesWithoutHeaders(page: Page): Promise<string[]> {
  const found: string[] = []
  for (const table of await page.getByRole('table').all()) {
    if ((await table.getByRole('cell').count()) === 0) continue
    const headers = (await table.getByRole('columnheader').count()) + (await table.getByRole('rowheader').count())
    if (headers === 0) found.push(`a table without headers: ${(await table.innerText()).slice(0, 60)}`)
  }
  return found
}

/** The router's named records that are pages (NOT_PAGES aside). */
function pageNames(): string[] {
  const records = router.getRoutes()
  for (const record of records.filter((r) => r.name === undefined)) {
    // A layout (its pages are its children) or a redirect (the catch-all): not a page.
    expect(record.children.length > 0 || record.redirect !== undefined, record.path).toBe(true)
  }
  const named = records.map((r) => String(r.name ?? '')).filter((name) => name !== '')
  for (const name of Object.keys(NOT_PAGES)) expect(named, `NOT_PAGES names ${name}`).toContain(name)
  return named.filter((name) => !(name in NOT_PAGES)).sort()
}

describe('every route, through axe-core, in both languages and both modes', () => {
  it('plans a visit to every route the router defines', () => {
    const planned = ROUNDS.flatMap((r) => r.visits.map((v) => v.route))
    expect(new Set(planned).size, 'a route planned twice').toBe(planned.length)
    expect([...planned].sort()).toEqual(pageNames())
  })

  for (const round of ROUNDS) {
    it(`the pages of ${round.name}`, { timeout: 20 * 60_000 }, () => sweep(round))
  }

  it('the console by keyboard: focus is visible, a dialog keeps it and gives it back', { timeout: 5 * 60_000 }, () =>
    keyboard(),
  )

  it('visited every route the router defines', () => {
    expect([...visited].sort()).toEqual(pageNames())
  })
})

/**
 * What focus looks like on the focused element, the three boxes around it (where Element Plus draws
 * an input's or a select's ring) and its children (a close button's icon): outline, ring (box-shadow), border
 * colour, background and colour. Compared with the same element once it has lost focus (and the
 * components have re-rendered), it must differ, and the element must match :focus-visible.
 */
function focusLook(page: Page): Promise<{ what: string; visible: boolean; focused: string; unfocused: string } | null> {
  return page.evaluate(async () => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return null
    const up = (e: Element | null | undefined) => e?.parentElement
    const boxes = [el, up(el), up(up(el)), up(up(up(el))), ...el.children].filter(
      (e): e is HTMLElement => e instanceof HTMLElement,
    )
    const look = () =>
      boxes
        .map((e) => {
          const s = getComputedStyle(e)
          const outline =
            s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0
              ? 'none'
              : `${s.outlineStyle} ${s.outlineColor}`
          return `${outline} | ${s.boxShadow} | ${s.borderColor} | ${s.backgroundColor} | ${s.color}`
        })
        .join(' / ')
    const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
    const what = `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 40)} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20)}"`
    const visible = el.matches(':focus-visible')
    const focused = look()
    el.blur()
    await frames()
    const unfocused = look()
    el.focus()
    await frames()
    return { what, visible, focused, unfocused }
  })
}

/** Whether focus is inside the open dialog. */
const focusInDialog = (page: Page) =>
  page.evaluate(() => !!document.activeElement?.closest('.el-overlay-dialog [role="dialog"], .el-dialog'))

async function keyboard(): Promise<void> {
  const context = await browser.newContext({ viewport: DESK })
  const page = await context.newPage()
  const problems: string[] = []
  try {
    await signInOn(page, server, STAFF)
    for (const { path, ready, opener, escapeFrom } of [
      { path: '/console/alliance-governance', ready: 'gov-officers', opener: 'charter-revise', escapeFrom: null },
      // Escape from a select (closed) in the dialog closes the dialog too.
      { path: '/console/needs', ready: 'need-open', opener: 'needs-record', escapeFrom: 'record-channel' },
    ]) {
      await page.goto(`${server.url}${path}`)
      await page.getByTestId(ready).first().waitFor()
      await page.waitForLoadState('networkidle')
      await page.addStyleTag({
        content: '*, *::before, *::after { transition: none !important; animation: none !important; }',
      })
      // Tab through the header, the menu and into the page: each stop shows where it is.
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Tab')
        const look = await focusLook(page)
        if (!look) continue
        if (!look.visible) problems.push(`${path} tab ${i}: ${look.what} does not match :focus-visible`)
        else if (look.focused === look.unfocused) problems.push(`${path} tab ${i}: ${look.what} looks the same focused`)
      }
      // The dialog, opened from the keyboard: focus goes in, stays in, and comes back to the opener.
      const open = page.getByTestId(opener)
      await open.focus()
      await page.keyboard.press('Enter')
      const dialog = page.locator('.el-dialog:visible')
      await dialog.waitFor()
      await expect.poll(() => focusInDialog(page), { message: `${path}: focus moves into the dialog` }).toBe(true)
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab')
        if (!(await focusInDialog(page))) {
          problems.push(`${path}: tab ${i} left the dialog for ${(await focusLook(page))?.what ?? 'the page'}`)
          break
        }
        const look = await focusLook(page)
        if (look && !look.visible) problems.push(`${path} dialog tab ${i}: ${look.what} does not match :focus-visible`)
        else if (look && look.focused === look.unfocused)
          problems.push(`${path} dialog tab ${i}: ${look.what} looks the same focused`)
      }
      if (escapeFrom) await page.getByTestId(escapeFrom).locator('input').focus()
      await page.keyboard.press('Escape')
      await expect
        .poll(() => dialog.count(), {
          message: `${path}: Escape${escapeFrom ? ` on ${escapeFrom}` : ''} closes the dialog`,
        })
        .toBe(0)
      await expect
        .poll(() => open.evaluate((el) => el === document.activeElement), {
          message: `${path}: focus returns to the opener`,
        })
        .toBe(true)
      await page.screenshot({ path: `${SCREENSHOTS}sweep-keyboard-${path.split('/').at(-1)}.png` })
    }
  } finally {
    await context.close()
  }
  expect(problems).toEqual([])
}
