/**
 * The world the hours tests act in: the activities world plus a leader (an active member of the
 * claiming unit A), GraphQL documents for hours, and helpers to read the leader's code — decoded
 * from the QR image the server renders, as a phone camera would.
 */
import jsQR from 'jsqr'
import sharp from 'sharp'
import type { TestApp } from '../../support/app.ts'
import { signIn } from '../../support/accounts.ts'
import { addUnitMember, createUser } from '../../support/factories.ts'
import { buildActivitiesWorld } from '../activities/world.ts'

export const RECORD_FIELDS = `id communityId activityId activityTitle state source checkInAt checkOutAt minutes spanMinutes
  autoClosed capped belowThreshold pointsEligible reason rejectReason replacesId voidedById volunteer { id realName phone }`

export const CHECK_IN_CODE = `query($c: ID!, $a: ID!) { checkInCode(communityId: $c, activityId: $a) { activityId digits payload qrPng expiresAt opensAt closesAt } }`
export const CHECK_IN = `mutation($c: ID!, $a: ID!, $k: String!) { checkIn(communityId: $c, activityId: $a, code: $k) { ${RECORD_FIELDS} } }`
export const CHECK_OUT = `mutation($c: ID!, $a: ID!, $k: String!) { checkOut(communityId: $c, activityId: $a, code: $k) { ${RECORD_FIELDS} } }`
export const ON_SITE_IN = `mutation($c: ID!, $a: ID!, $v: ID!) { checkInOnSite(communityId: $c, activityId: $a, volunteerId: $v) { ${RECORD_FIELDS} } }`
export const ON_SITE_OUT = `mutation($c: ID!, $a: ID!, $v: ID!) { checkOutOnSite(communityId: $c, activityId: $a, volunteerId: $v) { ${RECORD_FIELDS} } }`
export const BACK_FILL = `mutation($c: ID!, $i: BackFillInput!) { backFillHours(communityId: $c, input: $i) { ${RECORD_FIELDS} } }`
export const AMEND = `mutation($c: ID!, $id: ID!, $i: HourTimesInput!) { amendHourRecord(communityId: $c, id: $id, input: $i) { ${RECORD_FIELDS} } }`
export const APPROVE = `mutation($c: ID!, $ids: [ID!]!) { approveHourRecords(communityId: $c, ids: $ids) { ${RECORD_FIELDS} } }`
export const REJECT = `mutation($c: ID!, $id: ID!, $r: String!) { rejectHourRecord(communityId: $c, id: $id, reason: $r) { ${RECORD_FIELDS} } }`
export const CORRECT = `mutation($c: ID!, $id: ID!, $i: CorrectionInput!) { correctHourRecord(communityId: $c, id: $id, input: $i) { ${RECORD_FIELDS} } }`
export const QUEUE = `query($c: ID!, $s: HourRecordState, $first: Int, $after: String) { hourRecords(communityId: $c, state: $s, first: $first, after: $after) { totalCount nodes { ${RECORD_FIELDS} } pageInfo { endCursor hasNextPage } } }`
export const ACTIVITY_RECORDS = `query($c: ID!, $a: ID!) { activityHourRecords(communityId: $c, activityId: $a) { ${RECORD_FIELDS} } }`
export const MY_HOURS = `{ myHours { approvedMinutes pendingMinutes openActivityIds approvedMinutesThisYear stars { level hours nextLevelHours hoursToNext } } }`
export const MY_RECORDS = `{ myHourRecords(first: 50) { totalCount nodes { ${RECORD_FIELDS} } } }`
export const MY_MARKS = `{ myNoShowMarks { id communityId activityId activityTitle state counts fadesAt contestReason resolutionNote } }`
export const CONTESTED = `query($c: ID!) { contestedNoShowMarks(communityId: $c) { id state contestReason volunteer { id phone } } }`
export const CONTEST = `mutation($c: ID!, $id: ID!, $r: String!) { contestNoShow(communityId: $c, id: $id, reason: $r) { id state counts contestReason } }`
export const RESOLVE = `mutation($c: ID!, $id: ID!, $clear: Boolean!, $n: String) { resolveNoShow(communityId: $c, id: $id, clear: $clear, note: $n) { id state counts resolutionNote } }`
export const SET_SETTING = `mutation($c: ID!, $k: String!, $v: JSON) { setCommunitySetting(communityId: $c, key: $k, value: $v) { key } }`

export interface RecordData {
  id: string
  activityId: string
  state: string
  source: string
  checkInAt: string | null
  checkOutAt: string | null
  minutes: number | null
  spanMinutes: number | null
  autoClosed: boolean
  capped: boolean
  belowThreshold: boolean
  pointsEligible: boolean
  reason: string | null
  rejectReason: string | null
  replacesId: string | null
  voidedById: string | null
  volunteer: { id: string; realName: string; phone: string }
}
export interface CodeData {
  digits: string
  payload: string
  qrPng: string
  expiresAt: string
  opensAt: string
  closesAt: string
}
export interface MyHoursData {
  approvedMinutes: number
  pendingMinutes: number
  openActivityIds: string[]
  approvedMinutesThisYear: number
  stars: { level: number; hours: number; nextLevelHours: number | null; hoursToNext: number | null }
}

/** What a phone camera reads from the QR image (a PNG data URL). */
export async function decodeQr(dataUrl: string): Promise<string> {
  const png = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64')
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height)
  if (!found) throw new Error('no QR code in the image')
  return found.data
}

export async function buildHoursWorld(t: TestApp) {
  const w = await buildActivitiesWorld(t)
  const leaderUser = await createUser(t.database.db, { roles: [{ role: 'volunteer' }] })
  await addUnitMember(t.database.db, w.admins.A.unitId, leaderUser.id)
  const leader = { ...leaderUser, token: await signIn(t, leaderUser) }
  const c = w.community.id

  const staff = <T = Record<string, unknown>>(q: string, v?: Record<string, unknown>) => w.as('staff')<T>(q, v)

  async function code(activityId: string, by: { token: string } = leader): Promise<CodeData> {
    const res = await w.gqlAs<{ checkInCode: CodeData }>(by, CHECK_IN_CODE, { c, a: activityId })
    if (!res.data) throw new Error(`checkInCode: ${res.code} ${JSON.stringify(res.errors)}`)
    return res.data.checkInCode
  }
  const checkIn = (v: { token: string }, activityId: string, k: string) =>
    w.gqlAs<{ checkIn: RecordData }>(v, CHECK_IN, { c, a: activityId, k })
  const checkOut = (v: { token: string }, activityId: string, k: string) =>
    w.gqlAs<{ checkOut: RecordData }>(v, CHECK_OUT, { c, a: activityId, k })
  const myHours = async (v: { token: string }) => (await w.gqlAs<{ myHours: MyHoursData }>(v, MY_HOURS)).data!.myHours
  const approve = (ids: string[], by: { token: string } | null = null) =>
    by
      ? w.gqlAs<{ approveHourRecords: RecordData[] }>(by, APPROVE, { c, ids })
      : staff<{ approveHourRecords: RecordData[] }>(APPROVE, { c, ids })
  const setSetting = async (key: string, value: unknown) => {
    const res = await staff(SET_SETTING, { c, k: key, v: value })
    if (res.errors) throw new Error(`setCommunitySetting ${key}: ${JSON.stringify(res.errors)}`)
  }
  const closeDue = () => t.app.jobs.runDue(50)

  return { ...w, c, leader, staff, code, checkIn, checkOut, myHours, approve, setSetting, closeDue }
}

export type HoursWorld = Awaited<ReturnType<typeof buildHoursWorld>>
