/**
 * Excel out (issue 9, Done-when 3) for the need list: 刘芳's export of 阳光社区's needs opens with
 * exceljs and holds exactly the rows the list shows with the same filters, in the same order, in
 * the list's columns; the contact phone is masked unless she gives a reason, which the audit log
 * keeps. Signed out: 401; another community's staff: 404; a bad filter: 400.
 */
import { sql } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from '../../support/app.ts'
import { buildExportWorld, type ExportWorld } from '../../support/exports.ts'

let t: TestApp
let sunshine: string
let tokens: Record<string, string>
let world: ExportWorld

beforeAll(async () => {
  world = await buildExportWorld()
  ;({ t, sunshine, tokens } = world)
})
afterAll(() => t?.close())

const exported = (query: string, token: string | undefined = tokens['13900000005']) =>
  world.exported(`/exports/needs.xlsx?communityId=${sunshine}&${query}`, token)

/** The list as the page asks for it (every page). */
async function listed(filter: Record<string, unknown>) {
  const titles: string[] = []
  for (let after: string | null = null; ;) {
    const res: {
      data: { needs: { nodes: { title: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } } | null
    } = await t.gql(
      `query($c: ID!, $f: NeedFilter, $a: String) { needs(communityId: $c, filter: $f, first: 50, after: $a) {
          nodes { title } pageInfo { endCursor hasNextPage } } }`,
      { c: sunshine, f: filter, a: after },
      { token: tokens['13900000005'] },
    )
    titles.push(...res.data!.needs.nodes.map((n) => n.title))
    if (!res.data!.needs.pageInfo.hasNextPage) return titles
    after = res.data!.needs.pageInfo.endCursor
  }
}

describe('exporting the need list', () => {
  it('holds exactly the rows and columns shown, with the same filters', async () => {
    const all = await exported('')
    expect(all.status).toBe(200)
    expect(all.rows[0]).toEqual(['标题', '类别', '网格', '渠道', '紧急程度', '为谁', '联系电话', '提交时间', '状态'])
    expect(all.rows.slice(1).map((r) => r[0])).toEqual(await listed({}))

    const accepted = await exported('states=accepted,submitted&channel=grid_visit')
    const shown = await listed({ states: ['accepted', 'submitted'], channel: 'grid_visit' })
    expect(shown.length).toBeGreaterThan(0)
    expect(accepted.rows.slice(1).map((r) => r[0])).toEqual(shown)
    expect(new Set(accepted.rows.slice(1).map((r) => r[3]))).toEqual(new Set(['网格走访']))
    expect(new Set(accepted.rows.slice(1).map((r) => r[8])).size).toBeGreaterThan(0)
  })

  it('masks phones unless a reason is given, and logs the reason', async () => {
    const masked = await exported('states=accepted')
    const phones = masked.rows
      .slice(1)
      .map((r) => r[6])
      .filter(Boolean)
    expect(phones.length).toBeGreaterThan(0)
    expect(phones.every((p) => /^1\d{2}\*{4}\d{4}$/.test(p!))).toBe(true)

    const open = await exported(`states=accepted&reason=${encodeURIComponent('电话回访需求进展')}`)
    const full = open.rows
      .slice(1)
      .map((r) => r[6])
      .filter(Boolean)
    expect(full.some((p) => /^1\d{10}$/.test(p!))).toBe(true)
    const audit = await t.database.db.execute(sql`select after from audit_events where action = 'export.contacts'`)
    expect(audit.rows).toHaveLength(1)
    const after = (
      typeof audit.rows[0]!.after === 'string' ? JSON.parse(audit.rows[0]!.after) : audit.rows[0]!.after
    ) as {
      reason: string
      rows: number
    }
    expect(after).toMatchObject({ list: 'needs', reason: '电话回访需求进展' })
    expect(after.rows).toBe(full.filter((p) => /^1\d{10}$/.test(p!)).length)
  })

  it('refuses the signed out, another community’s staff and a bad filter', async () => {
    expect((await exported('', '')).status).toBe(401)
    expect((await exported('', tokens['13900000008'])).status).toBe(404)
    expect((await exported('states=nonsense')).status).toBe(400)
  })
})
