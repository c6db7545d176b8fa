/**
 * 双报到 through GraphQL: a party member on a unit's roster reports in to a community; the
 * unit's admin and the community's staff are told and each confirm their side (someone who is
 * both confirms both); with both the member is told. Rejections with a reason, ending, one live
 * report, the queues; the unit's members' service with the report-in and completion rates
 * against the community's target, in a fixed number of statements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { addToAlliance, addUnitMember, createUnit } from '../../support/factories.ts'
import {
  COMMUNITY_REPORTS,
  CONFIRM,
  END,
  MY_PROFILE,
  REJECT,
  UNIT_REPORTS,
  UNIT_SERVICE,
  buildVolunteersWorld,
  type Person,
  type ProfileData,
  type ReportData,
  type SummaryData,
  type VolunteersWorld,
} from './world.ts'

let t: TestApp
let w: VolunteersWorld

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildVolunteersWorld(t)
})
afterAll(() => t?.close())

/** A party member (on the roster, unless `profileOnly`) of a unit, signed in. */
async function partyMember(unitId: string, options: { profileOnly?: boolean; party?: boolean } = {}) {
  const p = await w.person([{ role: 'resident' }, { role: 'volunteer' }])
  const party = options.party ?? true
  await addUnitMember(t.database.db, unitId, p.id, { isPartyMember: party && !options.profileOnly })
  if (options.profileOnly) await w.saveProfile(p, { isPartyMember: true })
  return p
}

const confirmAs = (who: 'staff' | 'unitAdmin', id: string, c = w.community.id) =>
  w.as(who)<{ confirmDualReport: ReportData }>(CONFIRM, { c, id })

describe('requestDualReport and confirmDualReport', () => {
  it('tells both sides; each confirms theirs; with both the member is told', async () => {
    const p = await partyMember(w.unit.id)
    const req = await w.requestReport(p, w.unit.id)
    expect(req.errors).toBeUndefined()
    const report = req.data!.requestDualReport
    expect(report).toMatchObject({
      communityId: w.community.id,
      communityName: w.community.name,
      unitId: w.unit.id,
      unitName: w.unit.name,
      member: { id: p.id, realName: p.realName, phone: p.phone },
      state: 'requested',
      unitConfirmedAt: null,
      communityConfirmedAt: null,
      targetHours: 50,
      approvedMinutesThisYear: 0,
    })
    const requested = {
      kind: 'dual_report.requested',
      params: { unitName: w.unit.name, communityName: w.community.name },
    }
    for (const who of ['staff', 'unitAdmin'] as const) {
      const mine = await w.as(who)<{ myNotifications: { nodes: { kind: string; params: unknown }[] } }>(
        `{ myNotifications(first: 50) { nodes { kind params } } }`,
      )
      expect(mine.data!.myNotifications.nodes, who).toContainEqual(requested)
    }
    expect((await w.notices(p)).map((n) => n.kind)).not.toContain('dual_report.requested')

    // The unit's side: still requested, the member not told yet; the staff see the member masked.
    const byUnit = await confirmAs('unitAdmin', report.id)
    expect(byUnit.errors).toBeUndefined()
    expect(byUnit.data!.confirmDualReport).toMatchObject({ state: 'requested', communityConfirmedAt: null })
    expect(byUnit.data!.confirmDualReport.unitConfirmedAt).not.toBeNull()
    expect(byUnit.data!.confirmDualReport.member.phone).toBe(`${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`)
    expect((await w.notices(p)).map((n) => n.kind)).not.toContain('dual_report.decided')
    // Confirming the same side again changes nothing.
    const twice = await confirmAs('unitAdmin', report.id)
    expect(twice.data!.confirmDualReport.unitConfirmedAt).toBe(byUnit.data!.confirmDualReport.unitConfirmedAt)

    const byCommunity = await confirmAs('staff', report.id)
    expect(byCommunity.errors).toBeUndefined()
    expect(byCommunity.data!.confirmDualReport.state).toBe('confirmed')
    expect(byCommunity.data!.confirmDualReport.communityConfirmedAt).not.toBeNull()
    expect(await w.notices(p)).toContainEqual({
      kind: 'dual_report.decided',
      params: { unitName: w.unit.name, communityName: w.community.name, state: 'confirmed' },
    })
    // The member's profile carries it.
    await w.saveProfile(p, {})
    const profile = await w.gqlAs<{ myVolunteerProfile: ProfileData }>(p, MY_PROFILE)
    expect(profile.data!.myVolunteerProfile.dualReport).toMatchObject({ id: report.id, state: 'confirmed' })

    // Confirmed: no second confirmation, no second live report; ending it frees the way.
    const again = await confirmAs('staff', report.id)
    expect(again.code).toBe('INVALID_TRANSITION')
    expect(again.errors![0]!.extensions!.reason).toBe('REPORT_NOT_REQUESTED')
    expect((await w.requestReport(p, w.unit.id)).code).toBe('ALREADY_EXISTS')
    const ended = await w.gqlAs<{ endDualReport: ReportData }>(p, END, { c: w.community.id, id: report.id })
    expect(ended.data!.endDualReport.state).toBe('ended')
    const ended2 = await w.gqlAs(p, END, { c: w.community.id, id: report.id })
    expect(ended2.code).toBe('INVALID_TRANSITION')
    expect((await w.requestReport(p, w.unit.id)).errors).toBeUndefined()
  })

  it('takes a party member marked so on their profile only; someone who is both sides confirms both', async () => {
    const unit = await createUnit(t.database.db, { name: '双重身份单位' })
    const both = await w.person([
      { role: 'community_staff', scopeId: w.community.id },
      { role: 'unit_admin', scopeId: unit.id },
    ])
    const p = await partyMember(unit.id, { profileOnly: true })
    const req = await w.requestReport(p, unit.id)
    expect(req.errors).toBeUndefined()
    const done = await w.gqlAs<{ confirmDualReport: ReportData }>(both, CONFIRM, {
      c: w.community.id,
      id: req.data!.requestDualReport.id,
    })
    expect(done.errors).toBeUndefined()
    expect(done.data!.confirmDualReport.state).toBe('confirmed')
    expect(done.data!.confirmDualReport.unitConfirmedAt).toBe(done.data!.confirmDualReport.communityConfirmedAt)
  })

  it('refuses people who are not active party members of the unit with NOT_A_MEMBER, a missing community with NOT_FOUND', async () => {
    const notParty = await partyMember(w.unit.id, { party: false })
    const invited = await w.person()
    await addUnitMember(t.database.db, w.unit.id, invited.id, { status: 'invited', isPartyMember: true })
    const stranger = await w.person()
    const left = await w.person()
    await addUnitMember(t.database.db, w.unit.id, left.id, { status: 'left', isPartyMember: true })
    for (const p of [notParty, invited, stranger, left]) {
      expect((await w.requestReport(p, w.unit.id)).code).toBe('NOT_A_MEMBER')
    }
    expect((await w.requestReport(stranger, '0190f000-0000-7000-8000-000000000000')).code).toBe('NOT_A_MEMBER')
    const member = await partyMember(w.unit.id)
    for (const c of ['0190f000-0000-7000-8000-000000000000', 'nope']) {
      expect((await w.requestReport(member, w.unit.id, c)).code).toBe('NOT_FOUND')
    }
  })
})

describe('rejectDualReport', () => {
  it('either side rejects a requested report with a reason; the member is told why', async () => {
    const p = await partyMember(w.unit.id)
    const id = (await w.requestReport(p, w.unit.id)).data!.requestDualReport.id
    const tooShort = await w.as('staff')(REJECT, { c: w.community.id, id, r: ' ' })
    expect(tooShort.code).toBe('BAD_USER_INPUT')
    const rejected = await w.as('staff')<{ rejectDualReport: ReportData }>(REJECT, {
      c: w.community.id,
      id,
      r: '未在本社区居住',
    })
    expect(rejected.errors).toBeUndefined()
    expect(rejected.data!.rejectDualReport).toMatchObject({ state: 'rejected', rejectReason: '未在本社区居住' })
    expect(await w.notices(p)).toContainEqual({
      kind: 'dual_report.decided',
      params: { unitName: w.unit.name, communityName: w.community.name, state: 'rejected', reason: '未在本社区居住' },
    })
    expect((await confirmAs('unitAdmin', id)).code).toBe('INVALID_TRANSITION')
    expect((await w.gqlAs(p, END, { c: w.community.id, id })).code).toBe('INVALID_TRANSITION')

    // The unit's admin may reject too; a rejected report leaves the way open for a new one.
    const id2 = (await w.requestReport(p, w.unit.id)).data!.requestDualReport.id
    const byUnit = await w.as('unitAdmin')<{ rejectDualReport: ReportData }>(REJECT, {
      c: w.community.id,
      id: id2,
      r: '已调离本单位',
    })
    expect(byUnit.data!.rejectDualReport.state).toBe('rejected')
  })
})

describe('dualReports and unitDualReports', () => {
  it('staff’s queue holds the requested reports still lacking the community’s confirmation; a state filters', async () => {
    const unit = await createUnit(t.database.db, { name: '队列单位' })
    const admin = await w.person([{ role: 'unit_admin', scopeId: unit.id }])
    const [a, b, c] = [await partyMember(unit.id), await partyMember(unit.id), await partyMember(unit.id)]
    const ids = []
    for (const p of [a, b, c]) ids.push((await w.requestReport(p, unit.id)).data!.requestDualReport.id)
    await confirmAs('staff', ids[1]!) // community confirmed, waiting for the unit
    await w.gqlAs(admin, CONFIRM, { c: w.community.id, id: ids[2]! })
    await confirmAs('staff', ids[2]!) // confirmed

    const queue = await w.as('staff')<{ dualReports: ReportData[] }>(COMMUNITY_REPORTS, { c: w.community.id })
    expect(queue.errors).toBeUndefined()
    const mine = queue.data!.dualReports.filter((r) => r.unitId === unit.id)
    expect(mine.map((r) => r.id)).toEqual([ids[0]])
    const confirmed = await w.as('staff')<{ dualReports: ReportData[] }>(COMMUNITY_REPORTS, {
      c: w.community.id,
      s: 'confirmed',
    })
    expect(confirmed.data!.dualReports.map((r) => r.id)).toContain(ids[2])
    expect(confirmed.data!.dualReports.every((r) => r.state === 'confirmed')).toBe(true)

    const unitAll = await w.gqlAs<{ unitDualReports: ReportData[] }>(admin, UNIT_REPORTS, { u: unit.id })
    expect(unitAll.errors).toBeUndefined()
    // Waiting for the unit first (newest first), then the rest.
    expect(unitAll.data!.unitDualReports.map((r) => r.id)).toEqual([ids[1], ids[0], ids[2]])
    const unitConfirmed = await w.gqlAs<{ unitDualReports: ReportData[] }>(admin, UNIT_REPORTS, {
      u: unit.id,
      s: 'confirmed',
    })
    expect(unitConfirmed.data!.unitDualReports.map((r) => r.id)).toEqual([ids[2]])
  })
})

describe('unitMembersService', () => {
  it('4 party members, 3 reported in, 1 reaching the community’s target: 0.75 and 1/3, in two statements', async () => {
    const unit = await createUnit(t.database.db, { name: '反馈单位' })
    await addToAlliance(t.database.db, w.community.id, unit.id)
    const admin = await w.person([{ role: 'unit_admin', scopeId: unit.id }])
    const set = await w.as('staff')(
      `mutation($c: ID!, $v: JSON) { setCommunitySetting(communityId: $c, key: "dualReportYearlyTargetHours", value: $v) { key } }`,
      { c: w.community.id, v: 2 },
    )
    expect(set.errors).toBeUndefined()

    const m = [] as Person[]
    for (let i = 0; i < 4; i++) m.push(await partyMember(unit.id, { profileOnly: i === 3 }))
    const clerk = await partyMember(unit.id, { party: false })
    for (const p of m.slice(0, 3)) {
      const id = (await w.requestReport(p, unit.id)).data!.requestDualReport.id
      await w.gqlAs(admin, CONFIRM, { c: w.community.id, id })
      expect((await confirmAs('staff', id)).data!.confirmDualReport.state).toBe('confirmed')
    }
    await w.approvedHours(m[0]!.id, 150) // reaches 2 h
    await w.approvedHours(m[1]!.id, 60)
    await w.approvedHours(m[1]!.id, 120, '2025-12-20T01:00:00.000Z') // last year: not counted now
    await w.approvedHours(m[3]!.id, 180) // not reported in: no part of the completion rate
    await w.approvedHours(clerk.id, 200)

    const { result: res, statements } = await t.sql.measure(() =>
      w.gqlAs<{ unitMembersService: SummaryData }>(admin, UNIT_SERVICE, { u: unit.id }),
    )
    expect(res.errors).toBeUndefined()
    const s = res.data!.unitMembersService
    expect(s).toMatchObject({ unitId: unit.id, year: 2026, partyMembers: 4, reportedIn: 3, reachedTarget: 1 })
    expect(s.reportInRate).toBe(0.75)
    expect(s.completionRate).toBeCloseTo(1 / 3, 10)
    const byId = new Map(s.members.map((x) => [x.member.id, x]))
    expect(byId.get(m[0]!.id)).toMatchObject({
      isPartyMember: true,
      dualReportState: 'confirmed',
      reportedIn: true,
      approvedMinutesThisYear: 150,
      targetHours: 2,
      reachedTarget: true,
    })
    expect(byId.get(m[1]!.id)).toMatchObject({ approvedMinutesThisYear: 60, reachedTarget: false })
    // Without a report: the defaults above the unit's alliance community (not its own value).
    expect(byId.get(m[3]!.id)).toMatchObject({
      isPartyMember: true,
      dualReportState: null,
      reportedIn: false,
      targetHours: 50,
      approvedMinutesThisYear: 180,
      reachedTarget: false,
    })
    expect(byId.get(clerk.id)).toMatchObject({ isPartyMember: false, approvedMinutesThisYear: 200 })
    expect(byId.get(clerk.id)!.member.phone).toBe(`${clerk.phone.slice(0, 3)}****${clerk.phone.slice(-4)}`)
    expect(s.members).toHaveLength(5)
    // Beside the request's own look-up of the viewer's roles: the roster and the targets.
    expect(statements.filter((q) => !/"role_grants"/.test(q))).toHaveLength(2)

    const lastYear = await w.gqlAs<{ unitMembersService: SummaryData }>(admin, UNIT_SERVICE, { u: unit.id, y: 2025 })
    expect(lastYear.data!.unitMembersService.year).toBe(2025)
    expect(
      lastYear.data!.unitMembersService.members.find((x) => x.member.id === m[1]!.id)!.approvedMinutesThisYear,
    ).toBe(120)
    const badYear = await w.gqlAs(admin, UNIT_SERVICE, { u: unit.id, y: 1 })
    expect(badYear.code).toBe('BAD_USER_INPUT')

    // A longer roster costs no more statements.
    for (let i = 0; i < 6; i++) {
      const p = await partyMember(unit.id)
      await w.approvedHours(p.id, 30)
    }
    const longer = await t.sql.measure(() => w.gqlAs(admin, UNIT_SERVICE, { u: unit.id }))
    expect(longer.count).toBe(statements.length)
    expect(longer.statements.filter((q) => /from unit_members um/i.test(q))).toHaveLength(1)
  })

  it('answers null rates when there is nothing to divide by', async () => {
    const unit = await createUnit(t.database.db, { name: '空单位' })
    const admin = await w.person([{ role: 'unit_admin', scopeId: unit.id }])
    await partyMember(unit.id, { party: false })
    const res = await w.gqlAs<{ unitMembersService: SummaryData }>(admin, UNIT_SERVICE, { u: unit.id })
    expect(res.data!.unitMembersService).toMatchObject({
      partyMembers: 0,
      reportedIn: 0,
      reachedTarget: 0,
      reportInRate: null,
      completionRate: null,
    })
  })
})
