/**
 * /graphiql: the API explorer's page and assets outside production; in production an unknown
 * path (404), also for a browser, where the web's page fallback must not answer instead.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'

// A stand-in for the two builds, so the suite does not depend on `pnpm build`.
let dir: string
let web: string
let explorer: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'linli-explorer-'))
  web = join(dir, 'web')
  explorer = join(dir, 'explorer')
  mkdirSync(web)
  mkdirSync(join(explorer, 'assets'), { recursive: true })
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>邻里</title>')
  writeFileSync(join(explorer, 'index.html'), '<!doctype html><title>Linli API explorer</title>')
  writeFileSync(join(explorer, 'assets', 'main-abc123.js'), 'console.log(1)\n')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const asBrowser = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }

describe('/graphiql outside production', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ config: { env: 'development', webDistDir: web, explorerDistDir: explorer } })
  })
  afterAll(() => t.close())

  it('serves the explorer page as text/html, same-origin only', async () => {
    for (const url of ['/graphiql', '/graphiql/']) {
      const res = await t.app.inject({ url, headers: asBrowser })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
      expect(res.body).toContain('Linli API explorer')
      expect(res.headers['content-security-policy']).toContain("default-src 'self'")
      expect(res.headers['content-security-policy']).toContain("connect-src 'self'")
    }
  })

  it('serves its assets under /graphiql/assets/ and 404s unknown ones (no page fallback)', async () => {
    const asset = await t.app.inject('/graphiql/assets/main-abc123.js')
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['content-type']).toMatch(/javascript/)
    const missing = await t.app.inject({ url: '/graphiql/assets/nope.js', headers: asBrowser })
    expect(missing.statusCode).toBe(404)
  })

  it('keeps answering GraphQL at /graphql', async () => {
    const res = await t.gql<{ serverTime: string }>('{ serverTime }')
    expect(res.status).toBe(200)
    expect(res.data?.serverTime).toBeTruthy()
  })

  it('says how to build it when the build is missing', async () => {
    const own = await buildTestApp({ config: { env: 'development' } })
    const res = await own.app.inject('/graphiql')
    expect(res.statusCode).toBe(404)
    expect(res.body).toContain('pnpm build')
    await own.close()
  })
})

describe('/graphiql in production', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ config: { env: 'production', webDistDir: web, explorerDistDir: explorer } })
  })
  afterAll(() => t.close())

  it('is 404 for the page and its assets, also when a browser asks', async () => {
    for (const url of ['/graphiql', '/graphiql/', '/graphiql/assets/main-abc123.js']) {
      for (const headers of [{}, asBrowser]) {
        const res = await t.app.inject({ url, headers })
        expect(res.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(404)
        expect(res.body).not.toContain('Linli API explorer')
      }
    }
    // The web's page fallback still answers other page paths.
    expect((await t.app.inject({ url: '/console', headers: asBrowser })).statusCode).toBe(200)
  })
})
