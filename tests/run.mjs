#!/usr/bin/env node
/**
 * The test command. Runs every suite: unit and web tests; the server suite on embedded
 * PGlite; the server suite again on a real PostgreSQL (a throwaway cluster on a loopback
 * port, concurrency suites included); the browser suite in Debian's Chromium.
 *
 * Installs nothing system-wide. Where PostgreSQL or Chromium is missing it says which suites
 * it skipped; under CI=true anything missing is a failure.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findPgBin, startPostgres } from './support/pg-cluster.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const testsDir = fileURLToPath(new URL('.', import.meta.url))
const ci = process.env.CI === 'true' || process.env.CI === '1'
const only = process.argv.slice(2) // e.g. `pnpm test -- server` runs the named stages only
const results = []
const skipped = []

function stage(name) {
  return only.length === 0 || only.includes(name)
}

function run(label, cmd, args, env = {}) {
  console.log(`\n━━ ${label}\n`)
  const started = Date.now()
  const cwd = cmd === process.execPath && args[0]?.includes('/vite/') ? join(root, 'web') : testsDir
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } })
  const ok = r.status === 0
  results.push({ label, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) })
  return ok
}

// Each vitest run also writes a JSON report, so the summary at the very end can name the tests
// that failed and why (CI shows only the tail of a long log).
const reportDir = mkdtempSync(join(tmpdir(), 'linli-reports-'))
const failures = []
function vitest(label, projects, env) {
  const report = join(reportDir, `${results.length}.json`)
  const ok = run(
    label,
    process.execPath,
    [
      join(testsDir, 'node_modules/vitest/vitest.mjs'),
      'run',
      ...projects.flatMap((p) => ['--project', p]),
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    env,
  )
  if (!ok) collectFailures(label, report)
  return ok
}

function collectFailures(label, report) {
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'))
    for (const file of json.testResults ?? []) {
      const where = file.name.replace(testsDir, '')
      const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed')
      if (failed.length === 0 && file.status === 'failed')
        failures.push({ label, where, test: '(file)', why: file.message ?? '' })
      for (const a of failed)
        failures.push({ label, where, test: a.fullName, why: (a.failureMessages ?? []).join('\n') })
    }
  } catch {
    failures.push({ label, where: '', test: '(no report)', why: 'vitest wrote no JSON report; see the log above' })
  }
}

function missing(what, why) {
  skipped.push(`${what} — ${why}`)
}

// ── Chromium ─────────────────────────────────────────────────────────────────
function findChromium() {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean)) {
    if (existsSync(p)) return p
  }
  return null
}

function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' })
  return r.status === 0 && r.stdout.trim().length > 0
}

// ── The run ──────────────────────────────────────────────────────────────────
let stopPg = () => {}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopPg()
    process.exit(130)
  })
}

if (stage('unit')) vitest('unit and web tests', ['unit', 'web'])
// Server logs of both passes are collected and then checked for personal data (tests/logs).
const logDir = mkdtempSync(join(tmpdir(), 'linli-logs-'))
if (stage('server'))
  vitest('server suite on embedded PGlite', ['server'], { DATABASE_URL: '', LINLI_TEST_LOG_DIR: logDir })

if (stage('postgres')) {
  const bin = findPgBin()
  if (!bin) {
    missing(
      'server suite on PostgreSQL (incl. concurrency)',
      'no PostgreSQL server binaries (apt-get install postgresql)',
    )
  } else {
    let pg
    try {
      pg = await startPostgres(bin)
      stopPg = pg.stop
      vitest(`server suite on PostgreSQL (${bin})`, ['server'], { DATABASE_URL: pg.url, LINLI_TEST_LOG_DIR: logDir })
    } catch (err) {
      console.error(err)
      results.push({ label: 'start PostgreSQL', ok: false, seconds: '0' })
    } finally {
      pg?.stop()
      stopPg = () => {}
    }
  }
}

if (stage('e2e')) {
  const chromium = findChromium()
  if (!chromium) {
    missing('browser suite', 'no Chromium (apt-get install chromium fonts-noto-cjk)')
  } else {
    if (!hasCjkFont()) missing('real Chinese glyphs in screenshots', 'no CJK font (apt-get install fonts-noto-cjk)')
    const vite = join(root, 'web/node_modules/vite/bin/vite.js')
    const built =
      run('build the web', process.execPath, [vite, 'build', '--logLevel', 'warn'], {}) &&
      run('build the API explorer', process.execPath, [
        vite,
        'build',
        '-c',
        'explorer/vite.config.ts',
        '--logLevel',
        'warn',
      ])
    if (built) {
      vitest('browser suite (Chromium)', ['e2e'], {
        DATABASE_URL: '',
        CHROMIUM_PATH: chromium,
        LINLI_TEST_LOG_DIR: logDir,
      })
    }
  }
}

// Over everything the server logged in the passes above: enough traffic, and no personal data.
if (only.length === 0) vitest('no personal data in the server logs', ['logs'], { LINLI_TEST_LOG_DIR: logDir })
rmSync(logDir, { recursive: true, force: true })

console.log('\n━━ summary\n')
for (const r of results) console.log(`${r.ok ? 'pass' : 'FAIL'}  ${r.label} (${r.seconds}s)`)
for (const s of skipped) console.log(`${ci ? 'MISSING' : 'skipped'}  ${s}`)
if (failures.length > 0) {
  console.log('\n━━ what failed\n')
  for (const f of failures.slice(0, 20)) {
    console.log(`✗ [${f.label}] ${f.where} › ${f.test}`)
    const lines = f.why
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')
      .filter((l) => l.trim() && !l.includes('node_modules') && !l.includes('(<anonymous>)'))
    for (const l of lines.slice(0, 12)) console.log(`    ${l.slice(0, 300)}`)
  }
  if (failures.length > 20) console.log(`… and ${failures.length - 20} more`)
}
rmSync(reportDir, { recursive: true, force: true })
const failed = results.some((r) => !r.ok) || (ci && skipped.length > 0)
if (ci && skipped.length > 0) console.log('\nCI=true: a missing suite is a failure.')
process.exit(failed ? 1 : 0)
