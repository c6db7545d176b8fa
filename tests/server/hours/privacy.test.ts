/**
 * Volunteering in the person's data rights (个人信息保护法), on the demo: the export holds the
 * profile, 双报到 reports, hour records, no-show marks and certificates; deleting the account
 * ends live reports, drops the registry number, skills and contest reasons, and keeps the hour
 * records and certificates the communities rely on (under the de-identified name).
 */
import { DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import { sql } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'

let t: TestApp
const tokenOf = async (phone: string) =>
  (await t.gql<LoginData>(LOGIN, { phone, password: DEMO_PASSWORD })).data!.login.accessToken
const DELETE = `mutation($p: String) { deleteMyAccount(password: $p) }`

interface Exported {
  volunteerProfile: { volunteerNumber: string; skills: string[] } | null
  dualReports: { state: string; unitName: string }[]
  hourRecords: { state: string; minutes: number | null; activityTitle: string }[]
  noShowMarks: { state: string; contestReason: string | null }[]
  certificates: { serial: string; state: string }[]
}

beforeAll(async () => {
  t = await buildTestApp()
  await seedDemo(t.database.db, t.clock)
})
afterAll(() => t?.close())

describe('volunteering in my data', () => {
  it('李志强’s export holds his profile, hours, and certificates', async () => {
    const res = await t.gql<{ myData: Exported }>(`{ myData }`, {}, { token: await tokenOf('13900000002') })
    expect(res.errors).toBeUndefined()
    const data = res.data!.myData
    expect(data.volunteerProfile).toMatchObject({ volunteerNumber: 'ZYZ35010220230815' })
    expect(data.hourRecords.filter((h) => h.state === 'approved')).toHaveLength(35)
    expect(data.hourRecords.filter((h) => h.state === 'pending')).toHaveLength(1)
    expect(data.certificates.length).toBeGreaterThan(0)
  })

  it('deleting 冯建国’s account ends his 双报到 and drops his profile’s details; his hours stay for 阳光社区', async () => {
    const token = await tokenOf('13900001002')
    const before = (await t.gql<{ myData: Exported }>(`{ myData }`, {}, { token })).data!.myData
    expect(before.dualReports.map((d) => d.state)).toEqual(['requested'])
    expect(before.hourRecords).toHaveLength(1)
    const deleted = await t.gql(DELETE, { p: DEMO_PASSWORD }, { token })
    expect(deleted.errors).toBeUndefined()
    const { rows } = await t.database.db.execute(sql`select
        (select state from dual_reports d where d.user_id = u.id) as report,
        (select volunteer_number from volunteer_profiles p where p.user_id = u.id) as number,
        (select skills from volunteer_profiles p where p.user_id = u.id) as skills,
        (select count(*)::int from hour_records h where h.volunteer_id = u.id) as records,
        u.real_name as name
      from users u where u.id = (select user_id from dual_reports where state = 'ended' limit 1)`)
    expect(rows[0]).toMatchObject({ report: 'ended', records: 1, name: '已注销用户' })
    expect((rows[0] as { number: string }).number).toMatch(/^deleted-/)
    const skills = (rows[0] as { skills: string[] | string }).skills
    expect(Array.isArray(skills) ? skills : skills === '{}' ? [] : [skills]).toEqual([])
  })

  it('deleting 蒋晓燕’s account clears the reason she gave to contest her no-show; the mark stays', async () => {
    const token = await tokenOf('13900001003')
    const before = (await t.gql<{ myData: Exported }>(`{ myData }`, {}, { token })).data!.myData
    expect(before.noShowMarks).toHaveLength(1)
    expect(before.noShowMarks[0]!.contestReason).toBeTruthy()
    expect((await t.gql(DELETE, { p: DEMO_PASSWORD }, { token })).errors).toBeUndefined()
    const { rows } = await t.database.db.execute(
      sql`select m.state, m.contest_reason as "contestReason" from no_show_marks m join users u on u.id = m.volunteer_id
        where u.real_name = '已注销用户'`,
    )
    expect(rows).toEqual([{ state: 'contested', contestReason: null }])
  })
})
