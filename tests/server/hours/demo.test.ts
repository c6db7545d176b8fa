/**
 * The demo's hours: 李志强's record across two communities (1★), 刘芳's approval queue with every
 * kind of record a community sees (scanned, on site, a forgotten check-out, a back-fill) and a
 * contested no-show, and the numbers on each completed activity equal its places taken.
 */
import { DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import { sql } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'
import { CONTESTED, MY_HOURS, QUEUE, type MyHoursData, type RecordData } from './world.ts'

let t: TestApp
const tokenOf = async (phone: string) =>
  (await t.gql<LoginData>(LOGIN, { phone, password: DEMO_PASSWORD })).data!.login.accessToken

beforeAll(async () => {
  t = await buildTestApp()
  await seedDemo(t.database.db, t.clock)
})
afterAll(() => t?.close())

describe('demo hours', () => {
  it('李志强 has 105 approved hours across 和平社区 and 阳光社区 (1★) and three pending', async () => {
    const token = await tokenOf('13900000002')
    const res = await t.gql<{ myHours: MyHoursData }>(MY_HOURS, {}, { token })
    expect(res.errors).toBeUndefined()
    expect(res.data!.myHours).toMatchObject({
      approvedMinutes: 105 * 60,
      pendingMinutes: 175,
      openActivityIds: [],
      stars: { level: 1, hours: 105, nextLevelHours: 300, hoursToNext: 195 },
    })
  })

  it('刘芳’s queue: four pending records of yesterday’s session, flagged where they should be, and a contested no-show', async () => {
    const token = await tokenOf('13900000005')
    const me = await t.gql<{ me: { roles: { role: string; scopeId: string }[] } }>(
      `{ me { roles { role scopeId } } }`,
      {},
      { token },
    )
    const c = me.data!.me.roles.find((r) => r.role === 'community_staff')!.scopeId
    const queue = await t.gql<{ hourRecords: { totalCount: number; nodes: RecordData[] } }>(QUEUE, { c }, { token })
    expect(queue.errors).toBeUndefined()
    const rows = queue.data!.hourRecords.nodes
    expect(queue.data!.hourRecords.totalCount).toBe(4)
    const by = (name: string) => rows.find((r) => r.volunteer.realName === name)!
    expect(by('李志强')).toMatchObject({ source: 'check_in', minutes: 175, autoClosed: false })
    expect(by('韩雪梅')).toMatchObject({ source: 'on_site', minutes: 180 })
    expect(by('冯建国')).toMatchObject({ autoClosed: true, minutes: 170 })
    expect(by('郑秋菊')).toMatchObject({ source: 'back_fill', minutes: 120, pointsEligible: false })
    expect(rows.every((r) => /^1\d{2}\*{4}\d{4}$/.test(r.volunteer.phone))).toBe(true)
    const contested = await t.gql<{ contestedNoShowMarks: { contestReason: string }[] }>(CONTESTED, { c }, { token })
    expect(contested.data!.contestedNoShowMarks).toHaveLength(1)
  })

  it('every completed activity counts exactly its places taken', async () => {
    const { rows } = await t.database.db.execute(sql`select a.id from activities a
      where a.state = 'completed' and a.confirmed <> (select count(*) from sign_ups s
        where s.community_id = a.community_id and s.activity_id = a.id and s.state in ('attended', 'no_show'))`)
    expect(rows).toEqual([])
  })
})
