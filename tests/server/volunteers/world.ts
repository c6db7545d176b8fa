/**
 * The world the volunteers tests act in: the activities world (community C1 with staff, the
 * neighbouring community's staff, units A, B, C claiming its projects, 测试医院 and its admin),
 * plus helpers to make signed-in people, save profiles, report in (双报到) and give a volunteer
 * approved hours through the hours API (补录 by staff, then approved).
 */
import type { Role } from '@linli/shared'
import { expect } from 'vitest'
import type { TestApp } from '../../support/app.ts'
import { signIn } from '../../support/accounts.ts'
import { createUser, type CreatedUser } from '../../support/factories.ts'
import { buildActivitiesWorld } from '../activities/world.ts'

export const PROFILE_FIELDS = `userId realName phone idType idNumberMasked realNameVerified volunteerNumber
  volunteerNumberSource skills availability isPartyMember gridId gridName teams { id name unitName }
  stars { level hours nextLevelHours hoursToNext }
  dualReport { id state communityName unitName targetHours approvedMinutesThisYear }`
export const REPORT_FIELDS = `id communityId communityName unitId unitName member { id realName phone } state
  unitConfirmedAt communityConfirmedAt rejectReason createdAt targetHours approvedMinutesThisYear`
export const SUMMARY_FIELDS = `unitId year partyMembers reportedIn reachedTarget reportInRate completionRate
  members { member { id realName phone } isPartyMember dualReportState reportedIn approvedMinutesThisYear
    targetHours reachedTarget }`

export const MY_PROFILE = `{ myVolunteerProfile { ${PROFILE_FIELDS} } }`
export const PROFILE = `query($c: ID!, $u: ID!) { volunteerProfile(communityId: $c, userId: $u) { ${PROFILE_FIELDS} } }`
export const SAVE_PROFILE = `mutation($i: VolunteerProfileInput!) { saveVolunteerProfile(input: $i) { ${PROFILE_FIELDS} } }`
export const REQUEST = `mutation($c: ID!, $u: ID!) { requestDualReport(communityId: $c, unitId: $u) { ${REPORT_FIELDS} } }`
export const CONFIRM = `mutation($c: ID!, $id: ID!) { confirmDualReport(communityId: $c, id: $id) { ${REPORT_FIELDS} } }`
export const REJECT = `mutation($c: ID!, $id: ID!, $r: String!) { rejectDualReport(communityId: $c, id: $id, reason: $r) { ${REPORT_FIELDS} } }`
export const END = `mutation($c: ID!, $id: ID!) { endDualReport(communityId: $c, id: $id) { ${REPORT_FIELDS} } }`
export const COMMUNITY_REPORTS = `query($c: ID!, $s: DualReportState) { dualReports(communityId: $c, state: $s) { ${REPORT_FIELDS} } }`
export const UNIT_REPORTS = `query($u: ID!, $s: DualReportState) { unitDualReports(unitId: $u, state: $s) { ${REPORT_FIELDS} } }`
export const UNIT_SERVICE = `query($u: ID!, $y: Int) { unitMembersService(unitId: $u, year: $y) { ${SUMMARY_FIELDS} } }`
export const SUGGESTED = `query($n: Int) { suggestedActivities(first: $n) { score reasons activity { id title startsAt
  confirmed slots mySignUp { id state } } } }`
export const NOTICES = `{ myNotifications(first: 50) { nodes { kind params } } }`

export interface ProfileData {
  userId: string
  realName: string
  phone: string
  idType: string | null
  idNumberMasked: string | null
  realNameVerified: boolean
  volunteerNumber: string
  volunteerNumberSource: string
  skills: string[]
  availability: string[]
  isPartyMember: boolean
  gridId: string | null
  gridName: string | null
  teams: { id: string; name: string; unitName: string | null }[]
  stars: { level: number; hours: number; nextLevelHours: number | null; hoursToNext: number | null }
  dualReport: { id: string; state: string; communityName: string; unitName: string } | null
}
export interface ReportData {
  id: string
  communityId: string
  communityName: string
  unitId: string
  unitName: string
  member: { id: string; realName: string; phone: string }
  state: string
  unitConfirmedAt: string | null
  communityConfirmedAt: string | null
  rejectReason: string | null
  targetHours: number
  approvedMinutesThisYear: number
}
export interface MemberServiceData {
  member: { id: string; realName: string; phone: string }
  isPartyMember: boolean
  dualReportState: string | null
  reportedIn: boolean
  approvedMinutesThisYear: number
  targetHours: number
  reachedTarget: boolean
}
export interface SummaryData {
  unitId: string
  year: number
  partyMembers: number
  reportedIn: number
  reachedTarget: number
  reportInRate: number | null
  completionRate: number | null
  members: MemberServiceData[]
}
export interface SuggestionData {
  score: number
  reasons: string[]
  activity: { id: string; title: string; startsAt: string; confirmed: number; slots: number; mySignUp: unknown }
}

export interface Person extends CreatedUser {
  token: string
}

export async function buildVolunteersWorld(t: TestApp) {
  const w = await buildActivitiesWorld(t)
  const db = t.database.db

  /** A new person, signed in (a resident unless told otherwise). */
  async function person(roles: { role: Role; scopeId?: string }[] = [{ role: 'resident' }]): Promise<Person> {
    const user = await createUser(db, { roles })
    return { ...user, token: await signIn(t, user) }
  }

  const gqlAs = <T = Record<string, unknown>>(p: { token: string }, query: string, vars?: Record<string, unknown>) =>
    t.gql<T>(query, vars, { token: p.token })

  async function saveProfile(p: { token: string }, input: Record<string, unknown> = {}) {
    return gqlAs<{ saveVolunteerProfile: ProfileData }>(p, SAVE_PROFILE, { i: input })
  }

  async function requestReport(p: { token: string }, unitId: string, communityId = w.community.id) {
    return gqlAs<{ requestDualReport: ReportData }>(p, REQUEST, { c: communityId, u: unitId })
  }

  const notices = async (p: { token: string }) =>
    (await gqlAs<{ myNotifications: { nodes: { kind: string; params: Record<string, unknown> }[] } }>(p, NOTICES)).data!
      .myNotifications.nodes

  let pastDay = 0
  /**
   * Give a volunteer approved hours in the community through the hours API: staff make a past
   * activity (of the claimed project, on `day`, as long as the minutes), back-fill, approve.
   */
  async function approvedHours(volunteerId: string, minutes: number, day?: string) {
    pastDay += 1
    const start = new Date(day ?? `2026-10-${String(1 + (pastDay % 28)).padStart(2, '0')}T01:00:00.000Z`)
    const activity = await w.activity({
      title: `补录活动${pastDay}`,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + minutes * 60_000).toISOString(),
      slots: 5,
    })
    const filled = await w.as('staff')<{ backFillHours: { id: string } }>(
      `mutation($c: ID!, $i: BackFillInput!) { backFillHours(communityId: $c, input: $i) { id } }`,
      { c: w.community.id, i: { activityId: activity.id, volunteerId, minutes, reason: '纸质签到表补录' } },
    )
    expect(filled.errors, 'backFillHours').toBeUndefined()
    const approved = await w.as('staff')(
      `mutation($c: ID!, $ids: [ID!]!) { approveHourRecords(communityId: $c, ids: $ids) { id state } }`,
      { c: w.community.id, ids: [filled.data!.backFillHours.id] },
    )
    expect(approved.errors, 'approveHourRecords').toBeUndefined()
    return activity
  }

  return { ...w, person, gqlAs, saveProfile, requestReport, notices, approvedHours }
}

export type VolunteersWorld = Awaited<ReturnType<typeof buildVolunteersWorld>>
