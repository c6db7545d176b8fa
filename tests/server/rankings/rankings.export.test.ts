/**
 * Excel out (issue 9, Done-when 3) for the rankings: each ranking's .xlsx holds exactly the rows
 * the page shows for the same place and period (rank, name, numbers), names masked for someone who
 * does not administer the place, the formula in its last row. Signed out: 401; unknown: 400.
 */
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
  world.exported(`/exports/rankings.xlsx?scopeKind=community&scopeId=${sunshine}&${query}`, token)

const ranking = async (field: string, rowFields: string, period: unknown, token = tokens['13900000005']) =>
  (
    (await t.gql(
      `query($s: RankingScope!, $p: RankingPeriodInput!) { ${field}(scope: $s, period: $p, first: 200) { formula rows { rank ${rowFields} } } }`,
      { s: { kind: 'community', id: sunshine }, p: period },
      { token },
    )) as { data: Record<string, { formula: string; rows: Record<string, unknown>[] }> }
  ).data[field]!

describe('exporting rankings', () => {
  it('holds the volunteers and 先锋指数 rows the page shows, and the formula', async () => {
    const file = await exported('ranking=volunteers&period=2026')
    expect(file.rows[0]).toEqual(['名次', '姓名', '服务时长（小时）'])
    const page = await ranking('volunteerRanking', 'name hours', { kind: 'year', value: '2026' })
    expect(page.rows.length).toBeGreaterThan(10)
    expect(file.rows.slice(1, -1)).toEqual(page.rows.map((r) => [String(r.rank), String(r.name), String(r.hours)]))
    expect(file.rows.at(-1)).toEqual(['说明', page.formula, ''])

    const pioneers = await exported('ranking=pioneers&period=all')
    const shown = await ranking('pioneerRanking', 'name index', { kind: 'all' })
    expect(pioneers.rows.slice(1, -1).map((r) => [r[0], r[1], r[2]])).toEqual(
      shown.rows.map((r) => [String(r.rank), String(r.name), String(r.index)]),
    )
  })

  it('masks names for someone who does not administer the place, as the page does', async () => {
    const file = await exported('ranking=volunteers&period=all', tokens['13900000008'])
    const page = await ranking('volunteerRanking', 'name hours', { kind: 'all' }, tokens['13900000008'])
    expect(file.rows.slice(1, -1).map((r) => r[1])).toEqual(page.rows.map((r) => String(r.name)))
    expect(page.rows.every((r) => String(r.name).includes('*'))).toBe(true)
  })

  it('units and teams too; refuses the signed out and an unknown ranking', async () => {
    const units = await exported('ranking=units&period=all')
    const page = await ranking('unitRanking', 'unitName score', { kind: 'all' })
    expect(units.rows.slice(1, -1).map((r) => [r[1], r[2]])).toEqual(
      page.rows.map((r) => [String(r.unitName), String(r.score)]),
    )
    expect((await exported('ranking=teams&period=all')).status).toBe(200)
    expect((await exported('ranking=volunteers', '')).status).toBe(401)
    expect((await exported('ranking=nonsense')).status).toBe(400)
    expect((await exported('ranking=volunteers&period=2026-13')).status).toBe(400)
  })
})
