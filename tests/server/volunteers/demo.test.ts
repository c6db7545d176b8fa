/**
 * The demo's volunteers: 李志强's profile and suggestions, the hospital's party members' 双报到
 * to 阳光社区 (韩雪梅 confirmed, 冯建国 waiting for 刘芳), and 赵明's view of his members' service.
 */
import { DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'
import { PROFILE_FIELDS, REPORT_FIELDS, SUMMARY_FIELDS } from './world.ts'

let t: TestApp
const tokens = new Map<string, string>()
const tokenOf = async (phone: string) => {
  if (!tokens.has(phone)) {
    const res = await t.gql<LoginData>(LOGIN, { phone, password: DEMO_PASSWORD })
    tokens.set(phone, res.data!.login.accessToken)
  }
  return tokens.get(phone)!
}
const as = async <T = Record<string, unknown>>(phone: string, query: string, variables?: Record<string, unknown>) =>
  t.gql<T>(query, variables, { token: await tokenOf(phone) })

const scopeOf = async (phone: string, role: string) => {
  const me = await as<{ me: { roles: { role: string; scopeId: string }[] } }>(
    phone,
    `{ me { roles { role scopeId } } }`,
  )
  return me.data!.me.roles.find((r) => r.role === role)!.scopeId
}

interface Report {
  id: string
  communityId: string
  communityName: string
  unitName: string
  state: string
  member: { realName: string; phone: string }
  unitConfirmedAt: string | null
  communityConfirmedAt: string | null
  targetHours: number
}

beforeAll(async () => {
  t = await buildTestApp()
  await seedDemo(t.database.db, t.clock)
})
afterAll(() => t?.close())

describe('demo volunteers', () => {
  it('李志强 has a profile with a national number, his grid and a verified ID shown masked', async () => {
    const res = await as<{ myVolunteerProfile: Record<string, unknown> }>(
      '13900000002',
      `{ myVolunteerProfile { ${PROFILE_FIELDS} } }`,
    )
    expect(res.errors).toBeUndefined()
    expect(res.data!.myVolunteerProfile).toMatchObject({
      realName: '李志强',
      phone: '13900000002',
      volunteerNumber: 'ZYZ35010220230815',
      volunteerNumberSource: 'national',
      skills: ['助老', '电脑维修', '智能手机'],
      availability: ['weekend_morning', 'weekday_evening'],
      idType: 'resident_id',
      idNumberMasked: '350102********0319',
      realNameVerified: true,
      gridName: '第一网格（阳光花园）',
      stars: { level: 1 },
      dualReport: null,
    })
  })

  it('李志强 is suggested the activities he can still join, not those he signed up for or the hospital’s own', async () => {
    const res = await as<{ suggestedActivities: { activity: { title: string }; reasons: string[] }[] }>(
      '13900000002',
      `{ suggestedActivities(first: 10) { score reasons activity { title } } }`,
    )
    expect(res.errors).toBeUndefined()
    const titles = res.data!.suggestedActivities.map((s) => s.activity.title)
    expect(titles).toContain('智能手机课堂：识别电信诈骗')
    expect(titles).not.toContain('阳光花园广场义诊')
    expect(titles).not.toContain('智能手机课堂：视频通话')
    expect(titles).not.toContain('每周三代购送药')
  })

  it('刘芳 sees 冯建国 waiting for 阳光社区; confirming it tells him, and 赵明’s rates move', async () => {
    const sunshine = await scopeOf('13900000005', 'community_staff')
    const hospital = await scopeOf('13900000003', 'unit_admin')

    const before = await as<{ unitMembersService: { partyMembers: number; reportedIn: number; reportInRate: number } }>(
      '13900000003',
      `query($u: ID!) { unitMembersService(unitId: $u) { ${SUMMARY_FIELDS} } }`,
      { u: hospital },
    )
    expect(before.errors).toBeUndefined()
    // 赵明, 韩雪梅 and 冯建国 are the party members on the roster (杨慧 is only invited).
    expect(before.data!.unitMembersService).toMatchObject({ partyMembers: 3, reportedIn: 1 })
    expect(before.data!.unitMembersService.reportInRate).toBeCloseTo(1 / 3)

    const queue = await as<{ dualReports: Report[] }>(
      '13900000005',
      `query($c: ID!) { dualReports(communityId: $c) { ${REPORT_FIELDS} } }`,
      { c: sunshine },
    )
    expect(queue.errors).toBeUndefined()
    expect(queue.data!.dualReports).toHaveLength(1)
    const waiting = queue.data!.dualReports[0]!
    expect(waiting).toMatchObject({
      communityName: '阳光社区',
      unitName: '鼓楼区人民医院',
      state: 'requested',
      member: { realName: '冯建国', phone: '139****1002' },
      communityConfirmedAt: null,
      targetHours: 50,
    })
    expect(waiting.unitConfirmedAt).not.toBeNull()

    const confirmed = await as<{ confirmDualReport: Report }>(
      '13900000005',
      `mutation($c: ID!, $id: ID!) { confirmDualReport(communityId: $c, id: $id) { ${REPORT_FIELDS} } }`,
      { c: sunshine, id: waiting.id },
    )
    expect(confirmed.errors).toBeUndefined()
    expect(confirmed.data!.confirmDualReport.state).toBe('confirmed')
    const told = await as<{ myNotifications: { nodes: { kind: string; params: Record<string, unknown> }[] } }>(
      '13900001002',
      `{ myNotifications(first: 20) { nodes { kind params } } }`,
    )
    expect(told.data!.myNotifications.nodes).toContainEqual({
      kind: 'dual_report.decided',
      params: { unitName: '鼓楼区人民医院', communityName: '阳光社区', state: 'confirmed' },
    })

    const after = await as<{ unitMembersService: { reportedIn: number; members: { member: { realName: string } }[] } }>(
      '13900000003',
      `query($u: ID!) { unitMembersService(unitId: $u) { ${SUMMARY_FIELDS} } }`,
      { u: hospital },
    )
    expect(after.data!.unitMembersService.reportedIn).toBe(2)
    expect(after.data!.unitMembersService.members.map((m) => m.member.realName)).toEqual(
      expect.arrayContaining(['赵明', '韩雪梅', '冯建国', '蒋晓燕']),
    )
  })

  it('韩雪梅’s profile carries her confirmed report; 刘芳 reads it with the phone masked', async () => {
    const sunshine = await scopeOf('13900000005', 'community_staff')
    const mine = await as<{ myVolunteerProfile: { userId: string; volunteerNumber: string; dualReport: Report } }>(
      '13900001001',
      `{ myVolunteerProfile { ${PROFILE_FIELDS} } }`,
    )
    expect(mine.errors).toBeUndefined()
    const profile = mine.data!.myVolunteerProfile
    expect(profile.volunteerNumber).toMatch(/^LL\d{8}$/)
    expect(profile.dualReport).toMatchObject({ state: 'confirmed', communityName: '阳光社区' })
    const staffView = await as<{ volunteerProfile: { phone: string; teams: { name: string }[] } }>(
      '13900000005',
      `query($c: ID!, $u: ID!) { volunteerProfile(communityId: $c, userId: $u) { ${PROFILE_FIELDS} } }`,
      { c: sunshine, u: profile.userId },
    )
    expect(staffView.errors).toBeUndefined()
    expect(staffView.data!.volunteerProfile.phone).toBe('139****1001')
    expect(staffView.data!.volunteerProfile.teams.map((x) => x.name)).toContain('医护志愿服务队')
  })
})
