/**
 * Excel out (issue 9, Done-when 3) for 我的认领: a unit's claims as its admin sees them (every page,
 * newest first, the states chosen), with the page's columns; the lead marked. Another unit's
 * admin and community staff get 404 (claims are the unit's list), signed out 401, a bad state 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from '@linli/server/db'
import type { TestApp } from '../../support/app.ts'
import { buildExportWorld, type ExportWorld } from '../../support/exports.ts'

const HOSPITAL_ADMIN = '13900000003'
const STAFF = '13900000005'

let t: TestApp
let tokens: Record<string, string>
let world: ExportWorld
let unitId: string

beforeAll(async () => {
  world = await buildExportWorld([HOSPITAL_ADMIN, STAFF])
  ;({ t, tokens } = world)
  unitId = (await t.database.db.execute(sql`select id from units where name = '鼓楼区人民医院'`)).rows[0]!.id as string
})
afterAll(() => t?.close())

const exported = (query: string, token: string | undefined = tokens[HOSPITAL_ADMIN]) =>
  world.exported(`/exports/claims.xlsx?unitId=${unitId}&${query}`, token)

interface Claim {
  state: string
  lead: boolean
  volunteers: number
  project: { title: string; communityName: string }
}
async function shown(states?: string[]): Promise<Claim[]> {
  const out: Claim[] = []
  for (let after: string | null = null; ;) {
    const page: {
      data?: null | { unitClaims: { nodes: Claim[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }
    } = await t.gql(
      `query($u: ID!, $s: [ClaimState!], $after: String) { unitClaims(unitId: $u, states: $s, first: 2, after: $after) {
          nodes { state lead volunteers project { title communityName } } pageInfo { hasNextPage endCursor } } }`,
      { u: unitId, s: states ?? null, after },
      { token: tokens[HOSPITAL_ADMIN] },
    )
    out.push(...page.data!.unitClaims.nodes)
    if (!page.data!.unitClaims.pageInfo.hasNextPage) return out
    after = page.data!.unitClaims.pageInfo.endCursor
  }
}

const STATE_ZH: Record<string, string> = {
  pending: '待审核',
  active: '已认领',
  completed: '已完成',
  withdrawn: '已退出',
  cancelled: '已取消',
  rejected: '未通过',
}

describe('exporting 我的认领', () => {
  it('holds every claim the page shows, newest first, with its columns', async () => {
    const claims = await shown()
    expect(claims.length).toBeGreaterThan(2) // more than one page of 2
    const file = await exported('')
    expect(file.status).toBe(200)
    expect(file.rows[0]).toEqual(['项目', '认领方式', '社区', '认领状态', '牵头', '项目状态', '派出志愿者', '认领时间'])
    expect(file.rows.slice(1).map((r) => [r[0], r[2], r[3], r[4], Number(r[6])])).toEqual(
      claims.map((c) => [
        c.project.title,
        c.project.communityName,
        STATE_ZH[c.state],
        c.lead ? '牵头' : '',
        c.volunteers,
      ]),
    )
    expect(file.rows.slice(1).every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(r[7]!))).toBe(true)
  })

  it('keeps the states chosen on screen', async () => {
    const active = await shown(['active'])
    const file = await exported('states=active')
    expect(file.rows.slice(1).map((r) => r[0])).toEqual(active.map((c) => c.project.title))
    expect(file.rows.slice(1).every((r) => r[3] === '已认领')).toBe(true)
    expect((await exported('states=active,everything')).status).toBe(400)
  })

  it('is the unit’s own list: staff and the signed out are refused', async () => {
    expect((await exported('', tokens[STAFF])).status).toBe(404)
    expect((await exported('', '')).status).toBe(401)
  })
})
