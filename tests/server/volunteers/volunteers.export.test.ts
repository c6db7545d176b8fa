/**
 * 志愿者名册 (issue 9): a community's volunteers for its staff — those who live, signed up or served
 * there, by approved hours then name, phones masked, searchable by name or whole phone — and its
 * export (Done-when 3): exactly the rows and columns of the list with the search on screen; phones
 * masked unless a reason is given, which the audit log keeps. A unit's 单位成员 exports alike for
 * its admin. Refusals: signed out 401, another community's staff 404, a bad page BAD_USER_INPUT.
 */
import { sql } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from '../../support/app.ts'
import { buildExportWorld, type ExportWorld } from '../../support/exports.ts'

const STAFF = '13900000005'
const OTHER_STAFF = '13900000008'
const HOSPITAL_ADMIN = '13900000003'

let t: TestApp
let sunshine: string
let tokens: Record<string, string>
let world: ExportWorld

beforeAll(async () => {
  world = await buildExportWorld([STAFF, OTHER_STAFF, HOSPITAL_ADMIN])
  ;({ t, sunshine, tokens } = world)
})
afterAll(() => t?.close())

interface Listed {
  userId: string
  realName: string
  phone: string
  volunteerNumber: string
  gridName: string | null
  teams: string[]
  minutes: number
}
const LIST = `query($c: ID!, $search: String, $first: Int, $offset: Int) {
  communityVolunteers(communityId: $c, search: $search, first: $first, offset: $offset) {
    total nodes { userId realName phone volunteerNumber gridName teams minutes } } }`

async function list(vars: { search?: string; first?: number; offset?: number }, token = tokens[STAFF]) {
  return t.gql<{ communityVolunteers: { total: number; nodes: Listed[] } }>(LIST, { c: sunshine, ...vars }, { token })
}

describe('志愿者名册', () => {
  it('lists the community’s volunteers by approved hours, phones masked, in pages', async () => {
    const all = await list({ first: 200 })
    expect(all.errors).toBeUndefined()
    const { total, nodes } = all.data!.communityVolunteers
    expect(total).toBe(nodes.length)
    expect(total).toBeGreaterThanOrEqual(14)
    expect(nodes.map((v) => v.realName)).toContain('李志强')
    // By hours here, most first; the demo's history volunteers have hours.
    for (let i = 1; i < nodes.length; i++) expect(nodes[i - 1]!.minutes).toBeGreaterThanOrEqual(nodes[i]!.minutes)
    expect(nodes[0]!.minutes).toBeGreaterThan(0)
    expect(nodes.every((v) => /^1\d{2}\*{4}\d{4}$/.test(v.phone))).toBe(true)
    // Hours equal the approved records in the community.
    const lz = nodes.find((v) => v.realName === '李志强')!
    const [raw] = (
      await t.database.db.execute(sql`select coalesce(sum(minutes), 0)::int as m from hour_records
        where community_id = ${sunshine} and volunteer_id = ${lz.userId} and state = 'approved'`)
    ).rows
    expect(lz.minutes).toBe(raw!.m)
    // Pages put together are the whole list.
    const first = await list({ first: 5 })
    const second = await list({ first: 5, offset: 5 })
    expect([...first.data!.communityVolunteers.nodes, ...second.data!.communityVolunteers.nodes]).toEqual(
      nodes.slice(0, 10),
    )
  })

  it('finds by part of a name or a whole phone, not by part of a phone', async () => {
    const byName = await list({ search: '志强' })
    expect(byName.data!.communityVolunteers.nodes.map((v) => v.realName)).toEqual(['李志强'])
    const byPhone = await list({ search: '13900000002' })
    expect(byPhone.data!.communityVolunteers.nodes.map((v) => v.realName)).toEqual(['李志强'])
    expect((await list({ search: '0000000' })).data!.communityVolunteers.total).toBe(0)
  })

  it('is refused to another community’s staff and to a bad page', async () => {
    expect((await list({}, tokens[OTHER_STAFF])).errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
    expect((await list({ first: 0 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect((await t.gql(LIST, { c: sunshine })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
  })
})

describe('exporting 志愿者名册', () => {
  const exported = (query: string, token: string | undefined = tokens[STAFF]) =>
    world.exported(`/exports/volunteers.xlsx?communityId=${sunshine}&${query}`, token)

  it('holds the rows and columns the list shows with the search on screen; phones whole only with a logged reason', async () => {
    const shown = (await list({ first: 200 })).data!.communityVolunteers.nodes
    const file = await exported('')
    expect(file.status).toBe(200)
    expect(file.rows[0]).toEqual([
      '姓名',
      '手机号',
      '志愿者编号',
      '网格',
      '党员',
      '实名核验',
      '志愿服务队',
      '服务时长（小时）',
      '注册时间',
    ])
    expect(file.rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[6], Number(r[7])])).toEqual(
      shown.map((v) => [
        v.realName,
        v.phone,
        v.volunteerNumber,
        v.gridName ?? '',
        v.teams.join('、'),
        Math.round((v.minutes / 60) * 10) / 10,
      ]),
    )
    const searched = await exported(`search=${encodeURIComponent('志强')}`)
    expect(searched.rows.slice(1).map((r) => r[0])).toEqual(['李志强'])

    const before = (
      await t.database.db.execute(sql`select count(*)::int as n from audit_events where action = 'export.contacts'`)
    ).rows[0]!.n as number
    const open = await exported(`reason=${encodeURIComponent('通知志愿者参加培训')}`)
    expect(open.rows.length).toBe(file.rows.length)
    expect(open.rows.slice(1).every((r) => /^1\d{10}$/.test(r[1]!))).toBe(true)
    const audit = await t.database.db.execute(
      sql`select after, actor_id from audit_events where action = 'export.contacts' order by at desc, id desc`,
    )
    expect(audit.rows).toHaveLength(before + 1)
    expect(audit.rows[0]!.after).toMatchObject({ list: 'volunteers', reason: '通知志愿者参加培训', rows: shown.length })
    expect((await exported('reason=x')).status).toBe(400)
  })

  it('refuses the signed out and another community’s staff', async () => {
    expect((await exported('', '')).status).toBe(401)
    expect((await exported('', tokens[OTHER_STAFF])).status).toBe(404)
  })
})

describe('exporting 单位成员', () => {
  let unitId: string
  beforeAll(async () => {
    unitId = (await t.database.db.execute(sql`select id from units where name = '鼓楼区人民医院'`)).rows[0]!
      .id as string
  })
  const exported = (query: string, token: string | undefined = tokens[HOSPITAL_ADMIN]) =>
    world.exported(`/exports/roster.xlsx?unitId=${unitId}&${query}`, token)

  it('holds the roster tab the admin sees, phones masked unless the admin gives a logged reason', async () => {
    const roster = await t.gql<{ unitRoster: { members: { user: { realName: string; phone: string } }[] } }>(
      `query($u: ID!) { unitRoster(unitId: $u, status: [active], first: 200) { members { user { realName phone } } } }`,
      { u: unitId },
      { token: tokens[HOSPITAL_ADMIN] },
    )
    const members = roster.data!.unitRoster.members
    expect(members.length).toBeGreaterThan(1)
    const file = await exported('status=active')
    expect(file.rows[0]).toEqual(['姓名', '手机号', '党员', '状态', '加入时间', '邀请或申请时间'])
    expect(file.rows.slice(1).map((r) => [r[0], r[3]])).toEqual(members.map((m) => [m.user.realName, '在册']))
    expect(file.rows.slice(1).every((r) => /^1\d{2}\*{4}\d{4}$/.test(r[1]!))).toBe(true)
    const open = await exported(`status=active&reason=${encodeURIComponent('核对党员名单')}`)
    expect(open.rows.slice(1).map((r) => r[1])).toEqual(members.map((m) => m.user.phone))
    const [event] = (
      await t.database.db.execute(sql`select after, unit_id from audit_events
        where action = 'export.contacts' and target_type = 'unit' order by at desc, id desc limit 1`)
    ).rows
    expect(event).toMatchObject({ unit_id: unitId, after: { list: 'roster', reason: '核对党员名单' } })
  })

  it('staff of the alliance export it masked and never whole; strangers and bad tabs are refused', async () => {
    const masked = await exported('status=active', tokens[STAFF])
    expect(masked.status).toBe(200)
    expect(masked.rows.slice(1).every((r) => /^1\d{2}\*{4}\d{4}$/.test(r[1]!))).toBe(true)
    expect((await exported(`reason=${encodeURIComponent('联系志愿者')}`, tokens[STAFF])).status).toBe(403)
    expect((await exported('status=everyone')).status).toBe(400)
    expect((await exported('', '')).status).toBe(401)
  })
})
