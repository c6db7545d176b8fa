/**
 * The lists console's words: every static `lists.*` key its source uses exists in zh-CN and en,
 * and every timeline action, state and kind has words in both.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import en from '../../web/src/i18n/en.ts'
import { NEED_EVENT_ACTIONS } from '../../web/src/i18n/lists/types.ts'
import zhCN from '../../web/src/i18n/zh-CN.ts'
import { canOpenListPage, listPagesFor } from '../../web/src/features/lists/access.ts'

// The web project runs in jsdom (import.meta.url is not a file URL there); vitest runs from tests/.
const ROOT = join(process.cwd(), '..', 'web/src/features/lists')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(vue|ts)$/.test(e.name) ? [join(dir, e.name)] : [],
  )
}

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages)
}

describe('lists console messages', () => {
  const keys = new Set<string>()
  for (const file of files(ROOT)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'(lists\.[A-Za-z]+(?:\.[A-Za-z_]+)+)'/g)) keys.add(m[1]!)
  }

  it('finds the keys it checks', () => {
    expect(keys.size).toBeGreaterThan(100)
  })

  for (const [locale, messages] of Object.entries({ 'zh-CN': zhCN, en })) {
    it(`${locale} has every key the pages use`, () => {
      const missing = [...keys].filter((k) => typeof lookup(messages, k) !== 'string')
      expect(missing).toEqual([])
    })
    it(`${locale} words every timeline action`, () => {
      for (const action of NEED_EVENT_ACTIONS) expect(messages.lists.events[action], action).toMatch(/\S/)
    })
  }

  it('offers the list pages to community staff only', () => {
    expect(listPagesFor('community_staff').map((p) => p.path)).toEqual([
      '/console/needs',
      '/console/projects',
      '/console/resources',
    ])
    expect(canOpenListPage('unit_admin')).toBe(false)
    expect(listPagesFor('grid_worker')).toEqual([])
  })
})
