/**
 * Excel out (issue 9, Done-when 3) for 项目清单: 刘芳's export of 阳光社区's projects holds exactly
 * the rows the list shows with the same filters, in its order, with the claiming units (the lead
 * first). Signed out: 401; another community's staff: 404; an unknown state: 400.
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
  world.exported(`/exports/projects.xlsx?communityId=${sunshine}&${query}`, token)

async function listed(filter: Record<string, unknown>) {
  const res = await t.gql<{
    projects: { nodes: { title: string; claims: { lead: boolean; unit: { name: string } }[] }[] }
  }>(
    `query($c: ID!, $f: ProjectFilter) { projects(communityId: $c, filter: $f, first: 50) { nodes { title claims { lead unit { name } } } } }`,
    { c: sunshine, f: filter },
    { token: tokens['13900000005'] },
  )
  return res.data!.projects.nodes
}

describe('exporting 项目清单', () => {
  it('holds exactly the rows the list shows, with the same filters, and who claimed them', async () => {
    const all = await exported('')
    expect(all.rows[0]).toEqual(['项目', '类别', '认领方式', '类型', '状态', '认领名额', '认领单位', '开始时间'])
    const shown = await listed({})
    expect(all.rows.slice(1).map((r) => r[0])).toEqual(shown.map((p) => p.title))
    const published = await exported('states=published,claimed')
    const shownPublished = await listed({ states: ['published', 'claimed'] })
    expect(shownPublished.length).toBeGreaterThan(0)
    expect(published.rows.slice(1).map((r) => r[0])).toEqual(shownPublished.map((p) => p.title))
    const delivery = published.rows.find((r) => r[0] === '爱心代购送药')!
    expect(delivery[6]).toBe('鼓楼区人民医院（牵头）')
  })

  it('refuses the signed out, another community’s staff and an unknown state', async () => {
    expect((await exported('', '')).status).toBe(401)
    expect((await exported('', tokens['13900000008'])).status).toBe(404)
    expect((await exported('states=nonsense')).status).toBe(400)
  })
})
