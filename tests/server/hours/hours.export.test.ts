/**
 * Excel out (issue 9, Done-when 3) for 时长审核: 刘芳's export of 阳光社区's approved records holds
 * exactly the rows the queue lists (every page, newest first) in its columns; the volunteers'
 * phones are masked unless she gives a reason, which the audit log keeps. Signed out: 401;
 * another community's staff: 404; an unknown state: 400.
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
  world.exported(`/exports/hours.xlsx?communityId=${sunshine}&${query}`, token)

async function listed(state: string) {
  const out: { name: string; title: string; minutes: number | null }[] = []
  for (let after: string | null = null; ;) {
    const res: {
      data: {
        hourRecords: {
          nodes: { activityTitle: string; minutes: number | null; volunteer: { realName: string } }[]
          pageInfo: { endCursor: string; hasNextPage: boolean }
        }
      } | null
    } = await t.gql(
      `query($c: ID!, $s: HourRecordState, $a: String) { hourRecords(communityId: $c, state: $s, first: 50, after: $a) {
        nodes { activityTitle minutes volunteer { realName } } pageInfo { endCursor hasNextPage } } }`,
      { c: sunshine, s: state, a: after },
      { token: tokens['13900000005'] },
    )
    out.push(
      ...res.data!.hourRecords.nodes.map((n) => ({
        name: n.volunteer.realName,
        title: n.activityTitle,
        minutes: n.minutes,
      })),
    )
    if (!res.data!.hourRecords.pageInfo.hasNextPage) return out
    after = res.data!.hourRecords.pageInfo.endCursor
  }
}

describe('exporting 时长审核', () => {
  it('holds exactly the rows the queue lists, in its order, phones masked', async () => {
    const approved = await exported('state=approved')
    expect(approved.status).toBe(200)
    expect(approved.rows[0]).toEqual([
      '志愿者',
      '手机号',
      '活动',
      '活动开始',
      '签到',
      '签退',
      '时长（分钟）',
      '标记',
      '说明',
      '状态',
    ])
    const shown = await listed('approved')
    expect(shown.length).toBeGreaterThan(50)
    expect(approved.rows.slice(1).map((r) => [r[0], r[2], r[6]])).toEqual(
      shown.map((s) => [s.name, s.title, String(s.minutes ?? '')]),
    )
    expect(approved.rows.slice(1).every((r) => /^1\d{2}\*{4}\d{4}$/.test(r[1]!))).toBe(true)
    const pending = await exported('state=pending')
    expect(pending.rows.slice(1).map((r) => r[0])).toEqual((await listed('pending')).map((s) => s.name))
  })

  it('shows whole phones with a reason and logs it', async () => {
    const open = await exported(`state=pending&reason=${encodeURIComponent('电话核对服务时长')}`)
    expect(open.rows.length).toBeGreaterThan(1)
    expect(open.rows.slice(1).every((r) => /^1\d{10}$/.test(r[1]!))).toBe(true)
    const audit = await t.database.db.execute(sql`select after from audit_events where action = 'export.contacts'`)
    expect(audit.rows).toHaveLength(1)
    const after = (
      typeof audit.rows[0]!.after === 'string' ? JSON.parse(audit.rows[0]!.after) : audit.rows[0]!.after
    ) as object
    expect(after).toMatchObject({ list: 'hours', reason: '电话核对服务时长', rows: open.rows.length - 1 })
  })

  it('refuses the signed out, another community’s staff and an unknown state', async () => {
    expect((await exported('', '')).status).toBe(401)
    expect((await exported('', tokens['13900000008'])).status).toBe(404)
    expect((await exported('state=nonsense')).status).toBe(400)
  })

  it('exports the 已作废/已驳回 tab: both states, newest first, as the tab merges them', async () => {
    const ids = async (state: string) =>
      (
        await t.gql<{ hourRecords: { nodes: { id: string }[] } }>(
          `query($c: ID!, $s: HourRecordState) { hourRecords(communityId: $c, state: $s, first: 3) { nodes { id } } }`,
          { c: sunshine, s: state },
          { token: tokens['13900000005'] },
        )
      ).data!.hourRecords.nodes.map((n) => n.id)
    const [pending] = await ids('pending')
    const [approved] = await ids('approved')
    const as = { token: tokens['13900000005'] }
    const rejected = await t.gql(
      `mutation($c: ID!, $id: ID!) { rejectHourRecord(communityId: $c, id: $id, reason: "未按时签到") { state } }`,
      { c: sunshine, id: pending },
      as,
    )
    expect(rejected.errors).toBeUndefined()
    const corrected = await t.gql(
      `mutation($c: ID!, $id: ID!) { correctHourRecord(communityId: $c, id: $id, input: { minutes: 30, reason: "签退时间有误" }) { state } }`,
      { c: sunshine, id: approved },
      as,
    )
    expect(corrected.errors).toBeUndefined()
    const file = await exported('state=voided,rejected')
    expect(file.status).toBe(200)
    const states = file.rows.slice(1).map((r) => r[9])
    expect(states.sort()).toEqual(['已作废', '未通过'].sort())
    // The tab's order: newest first by when the record was made.
    const made = await t.database.db.execute(
      sql`select id, created_at from hour_records where id in (${pending}, ${approved}) order by created_at desc`,
    )
    const firstState = made.rows[0]!.id === pending ? '未通过' : '已作废'
    expect(file.rows[1]![9]).toBe(firstState)
    expect((await exported('state=voided,nonsense')).status).toBe(400)
  })
})
