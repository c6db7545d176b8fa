/**
 * The API explorer (/graphiql) in headless Chromium against the real app: GraphiQL loads from
 * our own server alone — every request to another host is aborted and counted, and none may
 * happen — runs queries typed into its editor, with variables and with a pasted access token.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, SCREENSHOTS, VIEWPORTS, startBrowserSession } from '../../support/browser.ts'
import { LOGIN } from '../../support/gql.ts'

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

let session: Awaited<ReturnType<typeof startBrowserSession>>
let context: BrowserContext
let page: Page
const offsite: string[] = []
const problems: string[] = []

beforeAll(async () => {
  session = await startBrowserSession()
  context = await session.browser.newContext({ viewport: VIEWPORTS.console })
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url())
    if (LOCAL_HOSTS.has(url.hostname)) return route.continue()
    offsite.push(url.href)
    return route.abort('blockedbyclient')
  })
  page = await context.newPage()
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text())
  })
  page.on('pageerror', (err) => problems.push(err.message))
  page.on('response', async (res) => {
    if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}: ${await res.text().catch(() => '')}`)
  })
})

afterAll(async () => {
  await context?.close()
  await session?.close()
})

/** An editor's visible text, spaces normalised (Monaco renders non-breaking ones). */
async function textOf(editor: Locator): Promise<string> {
  return (await editor.locator('.view-lines').innerText()).replace(/\s+/g, ' ').trim()
}

/** Replace a Monaco editor's text as typed input (inserted as a whole: no auto-closed brackets). */
async function fill(editor: Locator, text: string): Promise<void> {
  await editor.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Backspace')
  await page.keyboard.insertText(text)
  await expect.poll(() => textOf(editor)).toBe(text.replace(/\s+/g, ' ').trim())
}

const queryEditor = () => page.locator('.graphiql-query-editor')
const toolEditor = () => page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden)')
const response = () => page.locator('.graphiql-response')

/** Run the query; resolves once the result panel shows the expected response. */
async function run(expected: RegExp): Promise<void> {
  await page.locator('.graphiql-execute-button').click()
  await expect.poll(() => textOf(response())).toMatch(expected)
}

describe('the API explorer', () => {
  it('loads from our server alone and runs a typed query', async () => {
    await page.goto(`${session.server.url}/graphiql`)
    await queryEditor().locator('.monaco-editor').waitFor()
    await fill(queryEditor(), '{ serverTime }')
    await page.getByRole('button', { name: /^Prettify query/ }).click()
    await expect.poll(() => queryEditor().locator('.view-line').count()).toBeGreaterThan(2)
    await run(/\{ "data": \{ "serverTime": "\d{4}-\d{2}-\d{2}T[\d:.]+Z" \} \}/)
  })

  it("introspects the schema within the server's depth limit: the docs list the query fields", async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click()
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).click()
    await expect.poll(() => page.locator('.graphiql-doc-explorer').innerText()).toContain('serverTime')
    await expect.poll(() => page.locator('.graphiql-doc-explorer').innerText()).toContain('me')
  })

  it('sends variables from the variables editor', async () => {
    await fill(queryEditor(), 'query Time($withTime: Boolean!) { serverTime @include(if: $withTime) }')
    await page.locator('.graphiql-editor-tools button[data-name="variables"]').click()
    await fill(toolEditor(), '{ "withTime": false }')
    await run(/^\{ "data": \{\} \}$/)
    await fill(toolEditor(), '{ "withTime": true }')
    await run(/\{ "data": \{ "serverTime": "\d{4}-/)
  })

  it('sends a pasted access token from the headers editor', async () => {
    const login = await fetch(`${session.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { phone: '13900000005', password: DEMO_PASSWORD } }),
    })
    const token = ((await login.json()) as { data: { login: { accessToken: string } } }).data.login.accessToken

    await fill(queryEditor(), '{ me { user { realName } } }')
    await page.locator('.graphiql-editor-tools button[data-name="headers"]').click()
    await expect.poll(() => textOf(toolEditor())).toContain('Authorization')
    await run(/"code": "UNAUTHENTICATED"/)

    await fill(toolEditor(), `{ "Authorization": "Bearer ${token}" }`)
    await run(/"realName": "刘芳"/)
    await page.screenshot({ path: `${SCREENSHOTS}explorer.png`, animations: 'disabled' })
  })

  it('fetched nothing from any other host and met no error, refused request or policy violation', async () => {
    expect(offsite).toEqual([])
    expect(problems).toEqual([])
    // The guards themselves. On the explorer's page its Content-Security-Policy refuses an
    // off-site request before it leaves (a console error, counted above) …
    await page.evaluate(() => fetch('https://cdn.example.com/probe.js').catch(() => null))
    await expect.poll(() => problems.join('\n')).toMatch(/Content Security Policy/)
    // … and whatever gets past a page's policy is aborted and counted by the route.
    const other = await context.newPage()
    await other.goto('https://cdn.example.com/probe.js').catch(() => null)
    expect(offsite).toEqual(['https://cdn.example.com/probe.js'])
    await other.close()
  })
})
