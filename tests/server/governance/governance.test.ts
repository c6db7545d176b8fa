/**
 * Alliance governance with the test clock (issue 9, Done-when 1), on the demo's 阳光社区:
 * - 刘芳 sets the deputy rotation: the first unit holds the current half-year and the schedule
 *   shows the next two terms in order; at 00:00 on 1 January (Shanghai) the hand-over job gives the
 *   chair to the next unit, tells its admin, and the schedule moves on (round and round);
 * - a joint meeting is held with attendance, minutes and a resolution; the resolution becomes a
 *   draft project linked to the meeting, once;
 * - an agreement's renewal reminder fires once, 30 days before, even when its job runs twice;
 * - a unit admin of a member unit reads the alliance, 和平社区's staff cannot, nor change it;
 * - 六个一: an item linked to a meeting is done.
 */
import { sql } from '@linli/server/db'
import { DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'
import { fileStatus, uploadPhoto } from '../../support/lists.ts'

let t: TestApp
let sunshine: string
const tokens: Record<string, string> = {}

const GOVERNANCE = `query($c: ID!) { allianceGovernance(communityId: $c) {
  name rotation { unitId unitName position }
  currentTerm { term unitId unitName startsOn endsOn handedOverAt }
  schedule { term unitId unitName startsOn endsOn }
  members { unitId unitName agreementSignedOn agreementRenewsOn }
  meetings { id title state minutes attendance { unitName present } resolutions { id body projectId } }
  sixOnes { item name done linkIds } charter { version body } secretary { name } committee { name } } }`

const as = (phone: string) => ({ token: tokens[phone]! })
const STAFF = '13900000005'

async function governance(phone = STAFF) {
  return t.gql<{
    allianceGovernance: {
      rotation: { unitId: string; unitName: string }[]
      currentTerm: { term: string; unitName: string; startsOn: string; endsOn: string } | null
      schedule: { term: string; unitName: string; startsOn: string }[]
      members: { unitId: string; unitName: string; agreementRenewsOn: string | null }[]
      meetings: { id: string; state: string; resolutions: { id: string; projectId: string | null }[] }[]
      sixOnes: { item: string; done: boolean }[]
      charter: { version: number } | null
      secretary: { name: string } | null
    }
  }>(GOVERNANCE, { c: sunshine }, as(phone))
}

beforeAll(async () => {
  t = await buildTestApp({ config: { accessTokenTtlSeconds: 400 * 86_400, refreshTokenTtlDays: 400 } })
  t.clock.set('2026-11-22T02:00:00.000Z')
  await seedDemo(t.database.db, t.clock)
  for (const phone of [STAFF, '13900000003', '13900000008']) {
    tokens[phone] = (await t.gql<LoginData>(LOGIN, { phone, password: DEMO_PASSWORD })).data!.login.accessToken
  }
  sunshine = (await t.database.db.execute(sql`select id from communities where name = '阳光社区'`)).rows[0]!
    .id as string
})
afterAll(() => t?.close())

describe('the rotating deputy secretary', () => {
  it('rotates at the half-year boundary and shows the next two terms', async () => {
    const before = await governance()
    expect(before.errors).toBeUndefined()
    const members = before.data!.allianceGovernance.members
    expect(members.length).toBeGreaterThanOrEqual(3)
    // The demo's hospital holds this half-year: it leads the new order, two others follow.
    const hospital = members.find((m) => m.unitName === '鼓楼区人民医院')!
    const picked = [hospital, ...members.filter((m) => m !== hospital).slice(0, 2)]
    const order = picked.map((m) => m.unitId)
    const names = picked.map((m) => m.unitName)

    const set = await t.gql(
      `mutation($c: ID!, $u: [ID!]!) { setDeputyRotation(communityId: $c, unitIds: $u) { name } }`,
      { c: sunshine, u: order },
      as(STAFF),
    )
    expect(set.errors).toBeUndefined()
    let g = (await governance()).data!.allianceGovernance
    expect(g.currentTerm).toMatchObject({
      term: '2026H2',
      unitName: names[0],
      startsOn: '2026-07-01',
      endsOn: '2026-12-31',
    })
    expect(g.schedule.map((s) => [s.term, s.unitName, s.startsOn])).toEqual([
      ['2027H1', names[1], '2027-01-01'],
      ['2027H2', names[2], '2027-07-01'],
    ])

    // 23:59 on 31 December in Shanghai: nothing yet.
    t.clock.set('2026-12-31T15:59:00.000Z')
    await t.app.jobs.runDue(50)
    expect((await governance()).data!.allianceGovernance.currentTerm?.term).toBe('2026H2')

    // 00:00 on 1 January in Shanghai: the hand-over.
    t.clock.set('2026-12-31T16:00:00.000Z')
    await t.app.jobs.runDue(50)
    g = (await governance()).data!.allianceGovernance
    expect(g.currentTerm).toMatchObject({
      term: '2027H1',
      unitName: names[1],
      startsOn: '2027-01-01',
      endsOn: '2027-06-30',
    })
    expect(g.schedule.map((s) => [s.term, s.unitName])).toEqual([
      ['2027H2', names[2]],
      ['2028H1', names[0]],
    ])
    const told = await t.database.db.execute(sql`select count(*)::int as n from notifications
      where kind = 'alliance.deputy_rotated' and params->>'term' = '2027H1'`)
    expect(Number(told.rows[0]!.n)).toBeGreaterThan(0)

    // A second run of the same job changes nothing; the next boundary hands over again.
    await t.app.governanceService.handOver(sunshine, '2027H1')
    t.clock.set('2027-06-30T16:00:00.000Z')
    await t.app.jobs.runDue(50)
    expect((await governance()).data!.allianceGovernance.currentTerm).toMatchObject({
      term: '2027H2',
      unitName: names[2],
    })
    t.clock.set('2026-11-22T02:00:00.000Z')
  })
})

describe('joint meetings', () => {
  it('turns a resolution into a draft project linked to its meeting, once', async () => {
    const members = (await governance()).data!.allianceGovernance.members
    const planned = await t.gql<{ scheduleAllianceMeeting: { id: string; state: string } }>(
      `mutation($c: ID!, $i: MeetingInput!) { scheduleAllianceMeeting(communityId: $c, input: $i) { id state } }`,
      {
        c: sunshine,
        i: {
          title: '第四季度联席会议',
          heldAt: '2026-11-25T06:00:00.000Z',
          place: '社区党群服务中心',
          agenda: '一、冬季助老；二、楼道照明',
        },
      },
      as(STAFF),
    )
    expect(planned.errors).toBeUndefined()
    expect(planned.data!.scheduleAllianceMeeting.state).toBe('planned')
    const meetingId = planned.data!.scheduleAllianceMeeting.id
    const held = await t.gql<{
      recordAllianceMeeting: {
        state: string
        resolutions: { id: string; body: string }[]
        attendance: { present: boolean }[]
      }
    }>(
      `mutation($c: ID!, $m: ID!, $i: MeetingRecordInput!) { recordAllianceMeeting(communityId: $c, meetingId: $m, input: $i) {
        state attendance { present } resolutions { id body } } }`,
      {
        c: sunshine,
        m: meetingId,
        i: {
          minutes: '会议讨论了冬季助老和楼道照明改造。',
          attendance: members.map((m, i) => ({ unitId: m.unitId, attendee: `代表${i + 1}`, present: i !== 1 })),
          resolutions: ['为独居老人开展冬季上门送暖服务', '年底前完成老旧楼道照明改造'],
        },
      },
      as(STAFF),
    )
    expect(held.errors).toBeUndefined()
    expect(held.data!.recordAllianceMeeting).toMatchObject({ state: 'held' })
    const twice = await t.gql(
      `mutation($c: ID!, $m: ID!, $i: MeetingRecordInput!) { recordAllianceMeeting(communityId: $c, meetingId: $m, input: $i) { state } }`,
      { c: sunshine, m: meetingId, i: { minutes: '再记一次', resolutions: ['重复的决议'] } },
      as(STAFF),
    )
    expect((twice.errors?.[0] as { extensions?: { code?: string } } | undefined)?.extensions?.code).toBe(
      'INVALID_TRANSITION',
    )
    const [first] = held.data!.recordAllianceMeeting.resolutions
    const TO_PROJECT = `mutation($c: ID!, $r: ID!) { resolutionToProject(communityId: $c, resolutionId: $r) { id title state description } }`
    const made = await t.gql<{
      resolutionToProject: { id: string; title: string; state: string; description: string }
    }>(TO_PROJECT, { c: sunshine, r: first!.id }, as(STAFF))
    expect(made.errors).toBeUndefined()
    expect(made.data!.resolutionToProject).toMatchObject({ title: '为独居老人开展冬季上门送暖服务', state: 'draft' })
    expect(made.data!.resolutionToProject.description).toContain('第四季度联席会议')
    const again = await t.gql<{ resolutionToProject: { id: string } }>(
      TO_PROJECT,
      { c: sunshine, r: first!.id },
      as(STAFF),
    )
    expect(again.data!.resolutionToProject.id).toBe(made.data!.resolutionToProject.id)
    const meeting = (await governance()).data!.allianceGovernance.meetings.find((m) => m.id === meetingId)!
    expect(meeting.resolutions.find((r) => r.id === first!.id)!.projectId).toBe(made.data!.resolutionToProject.id)
    const drafts = await t.database.db.execute(
      sql`select count(*)::int as n from projects where title = '为独居老人开展冬季上门送暖服务'`,
    )
    expect(Number(drafts.rows[0]!.n)).toBe(1)

    // 六个一: the party salon is this meeting.
    const six = await t.gql(
      `mutation($c: ID!, $l: [ID!]!) { fulfilSixOne(communityId: $c, item: "party_salon", linkIds: $l) { name } }`,
      { c: sunshine, l: [meetingId] },
      as(STAFF),
    )
    expect(six.errors).toBeUndefined()
    const items = (await governance()).data!.allianceGovernance.sixOnes
    expect(items).toHaveLength(6)
    expect(items.filter((i) => i.done).map((i) => i.item)).toEqual(['party_salon'])
  })
})

describe('co-building agreements', () => {
  it('reminds staff and the unit once, 30 days before renewal', async () => {
    const members = (await governance()).data!.allianceGovernance.members
    const hospital = members.find((m) => m.unitName === '鼓楼区人民医院')!
    const res = await t.gql(
      `mutation($c: ID!, $u: ID!, $i: AgreementInput!) { setAllianceAgreement(communityId: $c, unitId: $u, input: $i) { name } }`,
      { c: sunshine, u: hospital.unitId, i: { signedOn: '2025-01-15', renewsOn: '2027-01-15' } },
      as(STAFF),
    )
    expect(res.errors).toBeUndefined()
    const reminders = async () =>
      Number(
        (
          await t.database.db.execute(
            sql`select count(*)::int as n from notifications where kind = 'alliance.agreement_renewal'`,
          )
        ).rows[0]!.n,
      )
    t.clock.set('2026-12-16T00:59:00.000Z') // 08:59 on 16 December in Shanghai: not yet
    await t.app.jobs.runDue(50)
    expect(await reminders()).toBe(0)
    t.clock.set('2026-12-16T01:00:00.000Z') // 09:00, 30 days before 15 January
    await t.app.jobs.runDue(50)
    const after = await reminders()
    expect(after).toBeGreaterThan(0)
    // Run again (a retried job), and later: still once.
    expect(await t.app.governanceService.remindRenewal(sunshine, hospital.unitId, '2027-01-15')).toBe(false)
    t.clock.set('2027-01-10T01:00:00.000Z')
    await t.app.jobs.runDue(50)
    expect(await reminders()).toBe(after)
    const zhao = await t.database.db
      .execute(sql`select count(*)::int as n from notifications n join users u on u.id = n.recipient_id
      where n.kind = 'alliance.agreement_renewal' and u.phone = '13900000003'`)
    expect(Number(zhao.rows[0]!.n)).toBe(1)
    t.clock.set('2026-11-22T02:00:00.000Z')
  })
})

describe('the agreement document', () => {
  const SET = `mutation($c: ID!, $u: ID!, $i: AgreementInput!) { setAllianceAgreement(communityId: $c, unitId: $u, input: $i) {
    members { unitId agreementFileId } } }`
  it('goes through storage: staff attach a scan, the unit’s admin reads it, others do not; a new one replaces it', async () => {
    const members = (await governance()).data!.allianceGovernance.members
    const hospital = members.find((m) => m.unitName === '鼓楼区人民医院')!
    const scan = await uploadPhoto(t, tokens[STAFF]!, sunshine)
    const res = await t.gql<{
      setAllianceAgreement: { members: { unitId: string; agreementFileId: string | null }[] }
    }>(
      SET,
      { c: sunshine, u: hospital.unitId, i: { signedOn: '2025-01-15', renewsOn: '2029-01-15', fileId: scan } },
      as(STAFF),
    )
    expect(res.errors).toBeUndefined()
    expect(res.data!.setAllianceAgreement.members.find((m) => m.unitId === hospital.unitId)!.agreementFileId).toBe(scan)
    expect(await fileStatus(t, scan, tokens[STAFF])).toBe(200)
    expect(await fileStatus(t, scan, tokens['13900000003'])).toBe(200) // the hospital's admin
    expect(await fileStatus(t, scan, tokens['13900000008'])).toBe(404) // 和平社区's staff
    expect(await fileStatus(t, scan)).toBe(404) // signed out: as if it did not exist

    // Someone else's upload cannot be passed off as the agreement.
    const theirs = await uploadPhoto(t, tokens['13900000003']!, sunshine)
    const stolen = await t.gql(SET, { c: sunshine, u: hospital.unitId, i: { fileId: theirs } }, as(STAFF))
    expect(stolen.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
    expect(await fileStatus(t, scan, tokens[STAFF])).toBe(200) // nothing half-done

    const renewed = await uploadPhoto(t, tokens[STAFF]!, sunshine)
    await t.gql(SET, { c: sunshine, u: hospital.unitId, i: { signedOn: '2025-01-15', fileId: renewed } }, as(STAFF))
    expect(await fileStatus(t, renewed, tokens['13900000003'])).toBe(200)
    expect(await fileStatus(t, scan, tokens[STAFF])).toBe(404) // the replaced scan is gone
  })
})

describe('who may', () => {
  it('lets a member unit’s admin read, and keeps another community’s staff out', async () => {
    expect((await governance('13900000003')).errors).toBeUndefined()
    expect((await governance('13900000008')).data).toBeNull()
    const change = await t.gql(
      `mutation($c: ID!) { adoptAllianceCharter(communityId: $c, body: "章程", adoptedOn: "2026-11-22") { name } }`,
      { c: sunshine },
      as('13900000003'),
    )
    expect(change.errors).toBeDefined()
    const adopted = await t.gql(
      `mutation($c: ID!) { adoptAllianceCharter(communityId: $c, body: "阳光社区大邻里党建联盟章程（2026年修订）", adoptedOn: "2026-11-22") { charter { version } } }`,
      { c: sunshine },
      as(STAFF),
    )
    expect(adopted.errors).toBeUndefined()
  })

  it('sets the officers, refusing a person or unit that does not exist', async () => {
    const SET = `mutation($c: ID!, $i: AllianceOfficersInput!) { setAllianceOfficers(communityId: $c, input: $i) { secretary { name } committee { name unitName } } }`
    const bad = await t.gql(
      SET,
      { c: sunshine, i: { secretary: { name: '刘芳', userId: crypto.randomUUID() } } },
      as(STAFF),
    )
    expect((bad.errors?.[0] as { extensions?: { code?: string } } | undefined)?.extensions?.code).toBe('BAD_USER_INPUT')
    const good = await t.gql<{ setAllianceOfficers: { secretary: { name: string }; committee: { name: string }[] } }>(
      SET,
      {
        c: sunshine,
        i: {
          secretary: {
            name: '刘芳',
            title: '社区党委书记',
            userId: (await t.database.db.execute(sql`select id from users where phone = ${STAFF}`)).rows[0]!.id,
          },
          committee: [
            { name: '张委员' },
            {
              name: '赵明',
              userId: (await t.database.db.execute(sql`select id from users where phone = '13900000003'`)).rows[0]!.id,
            },
          ],
        },
      },
      as(STAFF),
    )
    expect(good.errors).toBeUndefined()
    expect(good.data!.setAllianceOfficers.committee.map((c) => c.name)).toEqual(['张委员', '赵明'])
  })
})

describe('personal data', () => {
  it('puts an officer’s office in their export and takes their name off it when they leave', async () => {
    const data = await t.gql<{ myData: { allianceOffices: { role: string; name: string }[] } }>(
      `{ myData }`,
      {},
      as(STAFF),
    )
    expect(data.data!.myData.allianceOffices).toEqual([expect.objectContaining({ role: 'secretary', name: '刘芳' })])
    const zhao = (await t.database.db.execute(sql`select id from users where phone = '13900000003'`)).rows[0]!
      .id as string
    await t.app.privacyService.deleteMyAccount(
      { userId: zhao, sessionId: 'x', grants: [] },
      { password: DEMO_PASSWORD },
      '127.0.0.1',
    )
    const left = await t.database.db.execute(sql`select name from alliance_officers where user_id = ${zhao}`)
    expect(left.rows).toEqual([{ name: '已注销用户' }])
  })
})
