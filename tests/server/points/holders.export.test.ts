/**
 * Excel out (issue 9, Done-when 3) for 积分管理's holders: the export holds exactly the rows the list
 * shows (every page, the search on screen) with balances; phones masked unless a reason is given,
 * which the audit log keeps. Signed out: 401; another community's staff: 404.
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
  world.exported(`/exports/points-holders.xlsx?communityId=${sunshine}&${query}`, token)

describe('exporting 积分管理', () => {
  it('holds the holders the list shows, phones masked, and whole with a logged reason', async () => {
    const file = await exported('')
    expect(file.rows[0]).toEqual(['志愿者', '手机号', '积分余额', '待抵扣', '兑换中'])
    const page = await t.gql<{ pointsHolders: { nodes: { realName: string; phone: string; balance: number }[] } }>(
      `query($c: ID!) { pointsHolders(communityId: $c, first: 100) { nodes { realName phone balance } } }`,
      { c: sunshine },
      { token: tokens['13900000005'] },
    )
    expect(page.errors).toBeUndefined()
    const shown = page.data!.pointsHolders.nodes
    expect(shown.length).toBeGreaterThan(5)
    expect(file.rows.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual(
      shown.map((h) => [h.realName, h.phone, String(h.balance)]),
    )
    expect(file.rows.slice(1).every((r) => /^1\d{2}\*{4}\d{4}$/.test(r[1]!))).toBe(true)

    const open = await exported(`reason=${encodeURIComponent('核对积分发放')}`)
    expect(open.rows.slice(1).every((r) => /^1\d{10}$/.test(r[1]!))).toBe(true)
    const audit = await t.database.db.execute(sql`select after from audit_events where action = 'export.contacts'`)
    expect(audit.rows).toHaveLength(1)
  })

  it('refuses the signed out and another community’s staff', async () => {
    expect((await exported('', '')).status).toBe(401)
    expect([403, 404]).toContain((await exported('', tokens['13900000008'])).status)
  })
})

describe('exporting a holder’s 积分明细', () => {
  it('holds the ledger lines staff open from the list, newest first, with balances', async () => {
    const [holder] = (await t.database.db.execute(sql`select u.id from users u where u.phone = '13900000002'`))
      .rows as { id: string }[]
    type Line = { kind: string; amount: number; balanceAfter: number; subject: string | null }
    const lines: Line[] = []
    for (let after: string | null = null; ;) {
      const page: {
        data?: null | {
          volunteerPointsStatement: { lines: Line[]; pageInfo: { hasNextPage: boolean; endCursor: string } }
        }
      } = await t.gql(
        `query($c: ID!, $v: ID!, $after: String) { volunteerPointsStatement(communityId: $c, volunteerId: $v, first: 1, after: $after) {
            lines { kind amount balanceAfter subject } pageInfo { hasNextPage endCursor } } }`,
        { c: sunshine, v: holder!.id, after },
        { token: tokens['13900000005'] },
      )
      lines.push(...page.data!.volunteerPointsStatement.lines)
      if (!page.data!.volunteerPointsStatement.pageInfo.hasNextPage) break
      after = page.data!.volunteerPointsStatement.pageInfo.endCursor
    }
    expect(lines.length).toBeGreaterThan(1) // more than one page of 1
    const file = await world.exported(
      `/exports/points-statement.xlsx?communityId=${sunshine}&volunteerId=${holder!.id}`,
    )
    expect(file.rows[0]).toEqual(['时间', '类型', '事项', '积分', '余额', '待抵扣变动', '说明', '到期'])
    expect(file.rows.slice(1).map((r) => [r[2], Number(r[3]), Number(r[4])])).toEqual(
      lines.map((l) => [l.subject ?? '', l.amount, l.balanceAfter]),
    )
    const other = await world.exported(
      `/exports/points-statement.xlsx?communityId=${sunshine}&volunteerId=${holder!.id}`,
      tokens['13900000008'],
    )
    expect(other.status).toBe(404)
    expect(
      (await world.exported(`/exports/points-statement.xlsx?communityId=${sunshine}&volunteerId=nobody`)).status,
    ).toBe(404)
  })
})
