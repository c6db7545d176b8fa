/**
 * Runs after the server suites (tests/run.mjs): the logs they wrote through the production
 * logger configuration hold no phone number, ID number, name or address of anyone the demo
 * seed or the factories created.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_ACCOUNTS } from '@linli/server/demo'
import { DEMO_RESIDENCES, DEMO_VOLUNTEER_ID } from '@linli/server/accounts-seed'
import { describe, expect, it } from 'vitest'
import { inCi } from '../support/env.ts'

const dir = process.env.LINLI_TEST_LOG_DIR

// Only tests/run.mjs collects logs; under CI=true the check must never be silently skipped.
it.runIf(!dir && inCi)('has the collected logs (LINLI_TEST_LOG_DIR) under CI', () => {
  expect(dir, 'run the suite through tests/run.mjs so that server logs are collected').toBeTruthy()
})

describe.runIf(dir)('server logs over the whole suite', () => {
  const files = dir ? readdirSync(dir) : []
  const logs = files.filter((f) => f.endsWith('.log')).map((f) => readFileSync(join(dir!, f), 'utf8'))
  const lines = logs.flatMap((l) => l.split('\n')).filter(Boolean)
  const pii = new Set<string>()
  for (const f of files.filter((f) => f.startsWith('pii-'))) {
    for (const line of readFileSync(join(dir!, f), 'utf8').split('\n').filter(Boolean)) {
      for (const v of JSON.parse(line) as string[]) pii.add(v)
    }
  }
  for (const a of DEMO_ACCOUNTS) pii.add(a.phone).add(a.realName)
  for (const r of DEMO_RESIDENCES) pii.add(r.address)
  pii.add(DEMO_VOLUNTEER_ID.idNumber)

  it('were collected: at least a thousand request lines', () => {
    const requests = lines.filter((l) => l.includes('"msg":"request completed"')).length
    console.info(`collected ${lines.length} log lines, ${requests} requests, checking ${pii.size} personal values`)
    expect(requests).toBeGreaterThanOrEqual(1000)
  })

  it('hold none of the seeded people’s phones, ID numbers, names or addresses', () => {
    // Digits are matched whole (a phone inside a longer number, e.g. a response time, is not a
    // leak): every run of digits in a line is looked up in a set. Other values (names, addresses)
    // are searched with alternations of a few hundred values at a time.
    const digits = new Set([...pii].filter((v) => /^\d+[Xx]?$/.test(v)).map((v) => v.toUpperCase()))
    const others = [...pii].filter((v) => !/^\d+[Xx]?$/.test(v))
    const chunks: RegExp[] = []
    for (let i = 0; i < others.length; i += 300) {
      chunks.push(
        new RegExp(
          others
            .slice(i, i + 300)
            .map(escape)
            .join('|'),
          'g',
        ),
      )
    }
    const leaks: string[] = []
    for (const line of lines) {
      for (const run of line.match(/\d+[Xx]?/g) ?? []) {
        if (digits.has(run.toUpperCase()) || digits.has(run.replace(/[Xx]$/, '')))
          leaks.push(`${run} in ${line.slice(0, 200)}`)
      }
      for (const re of chunks) for (const m of line.match(re) ?? []) leaks.push(`${m} in ${line.slice(0, 200)}`)
    }
    expect(leaks.slice(0, 10)).toEqual([])
  }, 120_000)
})

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
