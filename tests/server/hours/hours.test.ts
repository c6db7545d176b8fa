/**
 * Hours through GraphQL on PGlite and PostgreSQL, with the test clock: the whole way from a
 * waitlist to approved hours and a correction; the leader's rotating code (decoded from its QR
 * image) with its grace and its refusals; on-site check-in; back-fill; approval in batches;
 * rejection; the close sweep (forgotten check-outs, no-shows) and contesting a mark; the cap and
 * the validity threshold.
 */
import { sql } from '@linli/server/db'
import { CHECK_IN_CODE_PERIOD_SECONDS } from '@linli/shared'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import {
  ACTIVITY_RECORDS,
  AMEND,
  APPROVE,
  CHECK_IN_CODE,
  BACK_FILL,
  CONTEST,
  CONTESTED,
  CORRECT,
  MY_MARKS,
  MY_RECORDS,
  ON_SITE_IN,
  ON_SITE_OUT,
  QUEUE,
  REJECT,
  RESOLVE,
  buildHoursWorld,
  decodeQr,
  type HoursWorld,
  type RecordData,
} from './world.ts'

let t: TestApp
let w: HoursWorld

// Activities default to 2026-11-10 01:00–04:00Z (09:00–12:00 in 阳光社区); sign-ups happen a week before.
const BEFORE = '2026-11-01T02:00:00.000Z'

beforeAll(async () => {
  // The clock moves over days and months here; sessions are made to outlast it.
  t = await buildTestApp({ config: { accessTokenTtlSeconds: 400 * 86_400, refreshTokenTtlDays: 400 } })
  w = await buildHoursWorld(t)
})
afterAll(() => t?.close())
beforeEach(() => t.clock.set(BEFORE))

let day = 0
/** A fresh activity (its own day, so windows never overlap), led by the unit member. */
async function activity(overrides: Record<string, unknown> = {}) {
  day++
  const shift = (iso: string) => new Date(Date.parse(iso) + day * 86_400_000).toISOString()
  const a = await w.activity({
    leaderId: w.leader.id,
    startsAt: shift('2026-11-10T01:00:00.000Z'),
    endsAt: shift('2026-11-10T04:00:00.000Z'),
    ...overrides,
  })
  const startsAt = Date.parse(a.startsAt)
  return { ...a, at: (m: number) => new Date(startsAt + m * 60_000) }
}

async function signedUp(activityId: string, ...volunteers: number[]) {
  for (const i of volunteers) expect((await w.signUp(await w.volunteer(i), activityId)).errors).toBeUndefined()
}

describe('from a waitlist to approved hours (the issue’s walk-through)', () => {
  it('3 places, 5 sign-ups → a cancellation promotes → check in with the leader’s QR code → out → clipped pending hours → approved → total and stars move → a correction voids them and the total drops back', async () => {
    const a = await activity({ slots: 3 })
    const ups = []
    for (let i = 0; i < 5; i++) ups.push((await w.signUp(await w.volunteer(i), a.id)).data!.signUp)
    expect(ups.map((u) => [u.state, u.position])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ])
    await w.cancelSignUp(await w.volunteer(0), ups[0]!.id)
    expect((await w.view(await w.volunteer(3), a.id)).mySignUp).toMatchObject({ state: 'confirmed', position: null })
    expect((await w.view(await w.volunteer(4), a.id)).mySignUp).toMatchObject({ state: 'waitlisted', position: 1 })

    const v = await w.volunteer(3)
    const before = await w.myHours(v)

    // Ten minutes before the start (inside the 30-minute tolerance) the leader shows the code.
    t.clock.set(a.at(-10))
    const shown = await w.code(a.id)
    const scanned = await decodeQr(shown.qrPng)
    expect(scanned).toBe(shown.payload)
    const url = new URL(scanned)
    expect(url.pathname).toBe('/m/check-in')
    expect(url.searchParams.get('c')).toBe(w.c)
    expect(url.searchParams.get('a')).toBe(a.id)
    expect(shown.digits).toMatch(/^\d{6}$/)

    const checkedIn = await w.checkIn(v, a.id, url.searchParams.get('k')!)
    expect(checkedIn.errors).toBeUndefined()
    expect(checkedIn.data!.checkIn).toMatchObject({ state: 'pending', source: 'check_in', minutes: null })
    expect((await w.myHours(v)).openActivityIds).toEqual([a.id])

    // Out 20 minutes after the end, with the code then shown (typed): only the window counts.
    t.clock.set(a.at(200))
    const out = await w.checkOut(v, a.id, (await w.code(a.id)).digits)
    expect(out.errors).toBeUndefined()
    expect(out.data!.checkOut).toMatchObject({ state: 'pending', minutes: 180, spanMinutes: 180, autoClosed: false })
    expect(await w.myHours(v)).toMatchObject({ pendingMinutes: before.pendingMinutes + 180, openActivityIds: [] })

    const record = out.data!.checkOut
    const approved = await w.approve([record.id])
    expect(approved.errors).toBeUndefined()
    expect(approved.data!.approveHourRecords[0]).toMatchObject({ id: record.id, state: 'approved' })
    const after = await w.myHours(v)
    expect(after.approvedMinutes).toBe(before.approvedMinutes + 180)
    expect(after.stars.hours).toBeCloseTo(before.stars.hours + 3)
    expect(after.stars.hoursToNext).toBeCloseTo(before.stars.hoursToNext! - 3)

    const corrected = await w.staff<{ correctHourRecord: RecordData }>(CORRECT, {
      c: w.c,
      id: record.id,
      i: { minutes: 0, reason: '当天实为家属代签，核实未到岗' },
    })
    expect(corrected.errors).toBeUndefined()
    const correction = corrected.data!.correctHourRecord
    expect(correction).toMatchObject({ state: 'approved', source: 'correction', minutes: 0, replacesId: record.id })
    const mine = (await w.gqlAs<{ myHourRecords: { nodes: RecordData[] } }>(v, MY_RECORDS)).data!.myHourRecords.nodes
    expect(mine.find((r) => r.id === record.id)).toMatchObject({ state: 'voided', voidedById: correction.id })
    const dropped = await w.myHours(v)
    expect(dropped.approvedMinutes).toBe(before.approvedMinutes)
    expect(dropped.stars).toEqual(before.stars)
  })
})

describe('the leader’s code', () => {
  it('accepts the code shown and the one just before (a grace for slow typing); refuses an older one, a forged one, and a code outside the window', async () => {
    const a = await activity()
    await signedUp(a.id, 10, 11, 12, 13)
    const [v10, v11, v12, v13] = [
      await w.volunteer(10),
      await w.volunteer(11),
      await w.volunteer(12),
      await w.volunteer(13),
    ]

    // Before the tolerance: refused even with a good code.
    t.clock.set(a.at(-31))
    const early = await w.code(a.id)
    expect(early.opensAt).toBe(a.at(-30).toISOString())
    expect((await w.checkIn(v10, a.id, early.digits)).code).toBe('CHECK_IN_NOT_OPEN')

    t.clock.set(a.at(5))
    const first = await w.code(a.id)
    t.clock.set(new Date(a.at(5).getTime() + CHECK_IN_CODE_PERIOD_SECONDS * 1000))
    const second = await w.code(a.id)
    expect(second.digits === first.digits && second.payload === first.payload).toBe(false)

    // The code just before the current one still works, as digits and as the QR token.
    expect((await w.checkIn(v10, a.id, first.digits)).data?.checkIn.state).toBe('pending')
    const firstToken = new URL(first.payload).searchParams.get('k')!
    expect((await w.checkIn(v11, a.id, firstToken)).data?.checkIn.state).toBe('pending')

    // Two periods later the first code is too old.
    t.clock.set(new Date(a.at(5).getTime() + 2 * CHECK_IN_CODE_PERIOD_SECONDS * 1000))
    expect((await w.checkIn(v12, a.id, first.digits)).code).toBe('CHECK_IN_CODE_INVALID')
    expect((await w.checkIn(v12, a.id, firstToken)).code).toBe('CHECK_IN_CODE_INVALID')

    // Forged: the current token with its signature changed, a made-up token, wrong digits.
    const current = await w.code(a.id)
    const token = new URL(current.payload).searchParams.get('k')!
    const [step, mac] = token.split('.') as [string, string]
    const flipped = `${step}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`
    expect((await w.checkIn(v12, a.id, flipped)).code).toBe('CHECK_IN_CODE_INVALID')
    expect((await w.checkIn(v12, a.id, `${Number(step) + 1}.${mac}`)).code).toBe('CHECK_IN_CODE_INVALID')
    const wrong = String((Number(current.digits) + 1) % 1_000_000).padStart(6, '0')
    expect((await w.checkIn(v12, a.id, wrong)).code).toBe('CHECK_IN_CODE_INVALID')
    expect((await w.checkIn(v12, a.id, 'hello')).code).toBe('CHECK_IN_CODE_INVALID')
    // Another activity's code is no code here.
    const other = await activity()
    t.clock.set(other.at(5))
    const otherCode = await w.code(other.id)
    expect((await w.checkIn(v12, other.id, otherCode.digits)).code).toBe('NOT_SIGNED_UP')
    t.clock.set(a.at(9))
    const otherNow = await w.code(other.id) // the other activity's code at the same moment
    expect((await w.checkIn(v12, a.id, otherNow.digits)).code).toBe('CHECK_IN_CODE_INVALID')

    // At the end check-in closes (check-out stays open for the tolerance).
    t.clock.set(a.at(180))
    expect((await w.checkIn(v13, a.id, (await w.code(a.id)).digits)).code).toBe('CHECK_IN_NOT_OPEN')
    const rows = (await w.staff<{ activityHourRecords: RecordData[] }>(ACTIVITY_RECORDS, { c: w.c, a: a.id })).data!
      .activityHourRecords
    expect(rows.map((r) => r.volunteer.id).sort()).toEqual([v10.id, v11.id].sort())
  })

  it('is shown only to the leader and staff; a volunteer without a confirmed sign-up cannot check in', async () => {
    const a = await activity({ slots: 1 })
    await signedUp(a.id, 20, 21) // 21 waits in line
    t.clock.set(a.at(0))
    const code = await w.code(a.id)
    expect(
      (
        await w.gqlAs(
          await w.volunteer(20),
          `query($c: ID!, $a: ID!) { checkInCode(communityId: $c, activityId: $a) { digits } }`,
          { c: w.c, a: a.id },
        )
      ).code,
    ).toBe('FORBIDDEN')
    expect(
      (await w.as('staff')<{ checkInCode: { digits: string } }>(CHECK_IN_CODE, { c: w.c, a: a.id })).data!.checkInCode
        .digits,
    ).toBe(code.digits)
    expect((await w.checkIn(await w.volunteer(21), a.id, code.digits)).code).toBe('NOT_SIGNED_UP')
    expect((await w.checkIn(await w.volunteer(22), a.id, code.digits)).code).toBe('NOT_SIGNED_UP')
  })

  it('ten wrong codes at one activity and the volunteer must wait before trying again (six digits cannot be tried through)', async () => {
    const a = await activity()
    await signedUp(a.id, 31, 32)
    const [v31, v32] = [await w.volunteer(31), await w.volunteer(32)]
    t.clock.set(a.at(0))
    const right = (await w.code(a.id)).digits
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0')
    for (let i = 0; i < 10; i++) expect((await w.checkIn(v31, a.id, wrong)).code).toBe('CHECK_IN_CODE_INVALID')
    const blocked = await w.checkIn(v31, a.id, right)
    expect(blocked.code).toBe('TOO_MANY_ATTEMPTS')
    expect(Number(blocked.errors![0]!.extensions?.retryAfter)).toBeGreaterThan(0)
    // Another volunteer at the same activity is not held back.
    expect((await w.checkIn(v32, a.id, right)).data?.checkIn.state).toBe('pending')
    // After the window, with the code then shown, it works.
    t.clock.set(a.at(16))
    expect((await w.checkIn(v31, a.id, (await w.code(a.id)).digits)).data?.checkIn.state).toBe('pending')
  })

  it('once the activity has begun a confirmed volunteer cannot withdraw (a no-show would be marked); the waitlist still may', async () => {
    const a = await activity({ slots: 1 })
    await signedUp(a.id, 33, 34)
    const [v33, v34] = [await w.volunteer(33), await w.volunteer(34)]
    t.clock.set(a.at(1))
    const mine = (await w.view(v33, a.id)).mySignUp!
    const refused = await w.cancelSignUp(v33, mine.id)
    expect(refused.code).toBe('INVALID_TRANSITION')
    expect(refused.errors![0]!.extensions?.reason).toBe('ACTIVITY_STARTED')
    expect((await w.cancelSignUp(v34, (await w.view(v34, a.id)).mySignUp!.id)).data?.cancelSignUp.state).toBe(
      'cancelled',
    )
  })

  it('a repeated check-in answers the open record, a repeated check-out the closed one', async () => {
    const a = await activity()
    await signedUp(a.id, 30)
    const v = await w.volunteer(30)
    t.clock.set(a.at(0))
    const k = (await w.code(a.id)).digits
    const [one, two] = await Promise.all([w.checkIn(v, a.id, k), w.checkIn(v, a.id, k)])
    expect(one.data!.checkIn.id).toBe(two.data!.checkIn.id)
    t.clock.set(a.at(90))
    const k2 = (await w.code(a.id)).digits
    const out1 = await w.checkOut(v, a.id, k2)
    const out2 = await w.checkOut(v, a.id, k2)
    expect(out1.data!.checkOut).toMatchObject({ id: one.data!.checkIn.id, minutes: 90 })
    expect(out2.data!.checkOut).toMatchObject({ id: one.data!.checkIn.id, minutes: 90 })
    expect((await w.checkIn(v, a.id, k2)).code).toBe('INVALID_TRANSITION')
  })
})

describe('what the pages read', () => {
  it('an activity tells when check-in opens and check-out closes (the community’s tolerance); the leader finds what they lead; a volunteer reads their record of one activity', async () => {
    const a = await activity()
    await signedUp(a.id, 95)
    const v = await w.volunteer(95)
    const WINDOW = `query($c: ID!, $id: ID!) { activity(communityId: $c, id: $id) { checkInOpensAt checkOutClosesAt } }`
    const window = async () =>
      (
        await w.gqlAs<{ activity: { checkInOpensAt: string; checkOutClosesAt: string } }>(v, WINDOW, {
          c: w.c,
          id: a.id,
        })
      ).data!.activity
    expect(await window()).toEqual({
      checkInOpensAt: a.at(-30).toISOString(),
      checkOutClosesAt: a.at(180 + 30).toISOString(),
    })
    await w.setSetting('checkInToleranceMinutes', 45)
    try {
      expect((await window()).checkInOpensAt).toBe(a.at(-45).toISOString())
    } finally {
      await w.setSetting('checkInToleranceMinutes', 30)
    }

    const led = await w.gqlAs<{ myLedActivities: { id: string }[] }>(w.leader, `{ myLedActivities(first: 50) { id } }`)
    expect(led.data!.myLedActivities.map((x) => x.id)).toContain(a.id)
    const notMine = await w.gqlAs<{ myLedActivities: { id: string }[] }>(v, `{ myLedActivities { id } }`)
    expect(notMine.data!.myLedActivities).toEqual([])

    t.clock.set(a.at(0))
    await w.checkIn(v, a.id, (await w.code(a.id)).digits)
    const ONE = `query($a: ID) { myHourRecords(activityId: $a) { totalCount nodes { activityId } } }`
    const mine = await w.gqlAs<{ myHourRecords: { totalCount: number; nodes: { activityId: string }[] } }>(v, ONE, {
      a: a.id,
    })
    expect(mine.data!.myHourRecords).toEqual({ totalCount: 1, nodes: [{ activityId: a.id }] })
    const other = await w.gqlAs<{ myHourRecords: { totalCount: number } }>(v, ONE, { a: w.project.id })
    expect(other.data!.myHourRecords.totalCount).toBe(0)
  })
})

describe('on site, back-fill, approval, rejection, amendment', () => {
  it('the leader checks in and out a volunteer without a smartphone (signed up on the spot when a place is free); outsiders cannot', async () => {
    const a = await activity({ slots: 2 })
    await signedUp(a.id, 40)
    const walkIn = await w.volunteer(41)
    t.clock.set(a.at(15))
    const inn = await w.gqlAs<{ checkInOnSite: RecordData }>(w.leader, ON_SITE_IN, { c: w.c, a: a.id, v: walkIn.id })
    expect(inn.errors).toBeUndefined()
    expect(inn.data!.checkInOnSite).toMatchObject({ source: 'on_site', state: 'pending' })
    expect(inn.data!.checkInOnSite.volunteer.phone).not.toBe(walkIn.phone) // masked for the leader
    expect((await w.view(walkIn, a.id)).mySignUp?.state).toBe('confirmed')
    expect((await w.gqlAs(await w.volunteer(40), ON_SITE_IN, { c: w.c, a: a.id, v: walkIn.id })).code).toBe('FORBIDDEN')
    expect((await w.as('otherStaff')(ON_SITE_IN, { c: w.c, a: a.id, v: walkIn.id })).code).toBe('FORBIDDEN')
    // No place left for a third.
    expect((await w.gqlAs(w.leader, ON_SITE_IN, { c: w.c, a: a.id, v: (await w.volunteer(42)).id })).code).toBe(
      'NOT_SIGNED_UP',
    )
    t.clock.set(a.at(75))
    const out = await w.gqlAs<{ checkOutOnSite: RecordData }>(w.leader, ON_SITE_OUT, { c: w.c, a: a.id, v: walkIn.id })
    expect(out.data!.checkOutOnSite.minutes).toBe(60)
  })

  it('back-fill: capped at the activity’s length, marked, no points; refused before the activity and above its length', async () => {
    const a = await activity()
    const v = await w.volunteer(50)
    const input = { activityId: a.id, volunteerId: v.id, minutes: 120, reason: '志愿者忘带手机，活动后补录' }
    expect((await w.staff(BACK_FILL, { c: w.c, i: input })).code).toBe('INVALID_TRANSITION')
    t.clock.set(a.at(24 * 60))
    const tooLong = await w.staff(BACK_FILL, { c: w.c, i: { ...input, minutes: 181 } })
    expect(tooLong.code).toBe('BACK_FILL_EXCEEDS_ACTIVITY')
    expect((await w.staff(BACK_FILL, { c: w.c, i: { ...input, reason: '' } })).code).toBe('BAD_USER_INPUT')
    expect((await w.gqlAs(w.leader, BACK_FILL, { c: w.c, i: input })).code).toBe('NOT_FOUND')
    expect((await w.as('streetAdmin')(BACK_FILL, { c: w.c, i: input })).code).toBe('FORBIDDEN')
    const ok = await w.staff<{ backFillHours: RecordData }>(BACK_FILL, { c: w.c, i: { ...input, minutes: 180 } })
    expect(ok.errors).toBeUndefined()
    expect(ok.data!.backFillHours).toMatchObject({
      source: 'back_fill',
      state: 'pending',
      minutes: 180,
      pointsEligible: false,
      reason: input.reason,
    })
    expect((await w.staff(BACK_FILL, { c: w.c, i: input })).code).toBe('ALREADY_EXISTS')
  })

  it('approval: a batch all or none, a retry changes nothing, still-open records and other communities refused; an approved record is never edited in place', async () => {
    const a = await activity()
    await signedUp(a.id, 60, 61, 62)
    const [v60, v61, v62] = [await w.volunteer(60), await w.volunteer(61), await w.volunteer(62)]
    t.clock.set(a.at(0))
    const k = (await w.code(a.id)).digits
    const ids: string[] = []
    for (const v of [v60, v61, v62]) ids.push((await w.checkIn(v, a.id, k)).data!.checkIn.id)
    t.clock.set(a.at(60))
    const k2 = (await w.code(a.id)).digits
    await w.checkOut(v60, a.id, k2)
    await w.checkOut(v61, a.id, k2)

    // v62 is still checked in: the whole batch is refused and nothing changes.
    const refused = await w.approve(ids)
    expect(refused.code).toBe('INVALID_TRANSITION')
    expect(refused.errors![0]!.extensions?.reason).toBe('STILL_CHECKED_IN')
    const queue = await w.staff<{ hourRecords: { totalCount: number; nodes: RecordData[] } }>(QUEUE, { c: w.c })
    expect(queue.data!.hourRecords.nodes.filter((r) => ids.includes(r.id)).map((r) => r.state)).toEqual([
      'pending',
      'pending',
      'pending',
    ])

    // Another community's staff, and this staff naming another community: as if there were no such records.
    expect((await w.as('otherStaff')(APPROVE, { c: w.c, ids: ids.slice(0, 2) })).code).toBe('NOT_FOUND')
    expect(
      (
        await w.as('staff')(
          `mutation($c: ID!, $ids: [ID!]!) { approveHourRecords(communityId: $c, ids: $ids) { id } }`,
          { c: w.neighbourCommunity.id, ids: ids.slice(0, 2) },
        )
      ).code,
    ).toBe('NOT_FOUND')
    expect((await w.as('districtAdmin')(APPROVE, { c: w.c, ids: ids.slice(0, 2) })).code).toBe('FORBIDDEN')
    expect((await w.approve(ids.slice(0, 2), v60)).code).toBe('NOT_FOUND')

    const done = await w.approve(ids.slice(0, 2))
    expect(done.data!.approveHourRecords.map((r) => r.state)).toEqual(['approved', 'approved'])
    const again = await w.approve(ids.slice(0, 2))
    expect(again.data!.approveHourRecords.map((r) => r.state)).toEqual(['approved', 'approved'])

    // Editing the approved record's times in place is refused; a correction is the way.
    const edit = await w.staff(AMEND, {
      c: w.c,
      id: ids[0],
      i: { checkInAt: a.at(0).toISOString(), checkOutAt: a.at(180).toISOString() },
    })
    expect(edit.code).toBe('INVALID_TRANSITION')
    expect(edit.errors![0]!.extensions?.reason).toBe('APPROVED_RECORD_IMMUTABLE')
    // A pending one is amended (staff fix a wrong check-out) and the minutes follow.
    t.clock.set(a.at(100))
    await w.checkOut(v62, a.id, (await w.code(a.id)).digits)
    const amended = await w.staff<{ amendHourRecord: RecordData }>(AMEND, {
      c: w.c,
      id: ids[2],
      i: { checkInAt: a.at(0).toISOString(), checkOutAt: a.at(150).toISOString() },
    })
    expect(amended.data!.amendHourRecord.minutes).toBe(150)
    // A correction of a correction's voided original is refused: only the live approved record can be corrected.
    const c1 = await w.staff<{ correctHourRecord: RecordData }>(CORRECT, {
      c: w.c,
      id: ids[0],
      i: { minutes: 30, reason: '核实后更正' },
    })
    expect(c1.errors).toBeUndefined()
    expect((await w.staff(CORRECT, { c: w.c, id: ids[0], i: { minutes: 20, reason: '再次更正' } })).code).toBe(
      'INVALID_TRANSITION',
    )
    expect((await w.myHours(v60)).approvedMinutes).toBe(30)
  })

  it('rejection with a reason tells the volunteer; rejected hours do not count', async () => {
    const a = await activity()
    await signedUp(a.id, 70)
    const v = await w.volunteer(70)
    t.clock.set(a.at(0))
    const id = (await w.checkIn(v, a.id, (await w.code(a.id)).digits)).data!.checkIn.id
    t.clock.set(a.at(30))
    await w.checkOut(v, a.id, (await w.code(a.id)).digits)
    expect((await w.staff(REJECT, { c: w.c, id, r: '' })).code).toBe('BAD_USER_INPUT')
    const res = await w.staff<{ rejectHourRecord: RecordData }>(REJECT, { c: w.c, id, r: '签到后即离开，未实际服务' })
    expect(res.data!.rejectHourRecord).toMatchObject({ state: 'rejected', rejectReason: '签到后即离开，未实际服务' })
    expect((await w.approve([id])).code).toBe('INVALID_TRANSITION')
    expect(await w.myHours(v)).toMatchObject({ approvedMinutes: 0, pendingMinutes: 0 })
    expect((await w.kinds(v)).map((n) => n.kind)).toContain('hours.rejected')
  })
})

describe('after the window', () => {
  it('a forgotten check-out closes at the end and is flagged; a confirmed volunteer who did not come gets a mark they see, contest, and staff clear', async () => {
    const a = await activity({ slots: 3 })
    await signedUp(a.id, 80, 81, 82)
    const [v80, v81, v82] = [await w.volunteer(80), await w.volunteer(81), await w.volunteer(82)]
    t.clock.set(a.at(30))
    const k = (await w.code(a.id)).digits
    await w.checkIn(v80, a.id, k)
    await w.checkIn(v81, a.id, k)
    t.clock.set(a.at(120))
    await w.checkOut(v81, a.id, (await w.code(a.id)).digits)

    // Within the tolerance after the end nothing is closed yet…
    t.clock.set(a.at(190))
    await w.closeDue()
    expect((await w.view(v80, a.id)).state).toBe('scheduled')
    // …after it, the sweep closes the activity.
    t.clock.set(a.at(181 + 30))
    await w.closeDue()
    expect((await w.view(v80, a.id)).state).toBe('completed')
    const rows = (await w.staff<{ activityHourRecords: RecordData[] }>(ACTIVITY_RECORDS, { c: w.c, a: a.id })).data!
      .activityHourRecords
    const forgot = rows.find((r) => r.volunteer.id === v80.id)!
    expect(forgot).toMatchObject({ autoClosed: true, minutes: 150, checkOutAt: a.at(180).toISOString() })
    expect(rows.find((r) => r.volunteer.id === v81.id)).toMatchObject({ autoClosed: false, minutes: 90 })
    expect((await w.view(v80, a.id)).mySignUp?.state).toBe('attended')
    expect((await w.view(v82, a.id)).mySignUp?.state).toBe('no_show')

    const marks = (
      await w.gqlAs<{ myNoShowMarks: { id: string; state: string; counts: boolean; activityId: string }[] }>(
        v82,
        MY_MARKS,
      )
    ).data!.myNoShowMarks
    const mark = marks.find((m) => m.activityId === a.id)!
    expect(mark).toMatchObject({ state: 'active', counts: true })
    expect((await w.kinds(v82)).map((n) => n.kind)).toContain('no_show.marked')
    // Nobody but the volunteer contests it.
    expect((await w.gqlAs(v80, CONTEST, { c: w.c, id: mark.id, r: '我去了' })).code).toBe('NOT_FOUND')
    const contested = await w.gqlAs<{ contestNoShow: { state: string } }>(v82, CONTEST, {
      c: w.c,
      id: mark.id,
      r: '当天生病已电话请假',
    })
    expect(contested.data!.contestNoShow.state).toBe('contested')
    const queue = (
      await w.staff<{ contestedNoShowMarks: { id: string; volunteer: { phone: string } }[] }>(CONTESTED, { c: w.c })
    ).data!.contestedNoShowMarks
    expect(queue.map((m) => m.id)).toContain(mark.id)
    expect(queue.find((m) => m.id === mark.id)!.volunteer.phone).not.toBe(v82.phone)
    const cleared = await w.staff<{ resolveNoShow: { state: string; counts: boolean } }>(RESOLVE, {
      c: w.c,
      id: mark.id,
      clear: true,
      n: '已核实请假',
    })
    expect(cleared.data!.resolveNoShow).toMatchObject({ state: 'cleared', counts: false })
    expect((await w.view(v82, a.id)).mySignUp?.state).toBe('attended')
    expect((await w.kinds(v82)).map((n) => n.kind)).toContain('no_show.resolved')
  })

  it('a mark fades after the community’s months', async () => {
    const a = await activity({ slots: 1 })
    await signedUp(a.id, 85)
    const v = await w.volunteer(85)
    t.clock.set(a.at(300))
    await w.closeDue()
    const mark = () =>
      w
        .gqlAs<{ myNoShowMarks: { activityId: string; counts: boolean }[] }>(v, MY_MARKS)
        .then((r) =>
          (r.data ?? (expect(r.errors).toBeUndefined() as never)).myNoShowMarks.find((m) => m.activityId === a.id)!,
        )
    expect((await mark()).counts).toBe(true)
    t.clock.set(new Date(a.at(300).getTime() + 7 * 30 * 86_400_000)) // the default fades after 6 months
    expect((await mark()).counts).toBe(false)
  })
})

describe('the approval queue', () => {
  it('pages oldest first with the count, in one statement for the records however many there are', async () => {
    const a = await activity({ slots: 30 })
    const ids: string[] = []
    t.clock.set(a.at(24 * 60))
    for (let i = 0; i < 30; i++) {
      const v = await w.volunteer(100 + i)
      const res = await w.staff<{ backFillHours: RecordData }>(BACK_FILL, {
        c: w.c,
        i: { activityId: a.id, volunteerId: v.id, minutes: 60, reason: '纸质签到表补录' },
      })
      ids.push(res.data!.backFillHours.id)
    }
    const seen: string[] = []
    let after: string | null = null
    let total = 0
    for (;;) {
      const { result, statements } = await t.sql.measure(() =>
        w.staff<{
          hourRecords: {
            totalCount: number
            nodes: RecordData[]
            pageInfo: { endCursor: string; hasNextPage: boolean }
          }
        }>(QUEUE, { c: w.c, first: 7, after }),
      )
      expect(statements.filter((s) => /from hour_records h/i.test(s))).toHaveLength(1)
      const page = result.data!.hourRecords
      total = page.totalCount
      seen.push(...page.nodes.map((r) => r.id))
      if (!page.pageInfo.hasNextPage) break
      after = page.pageInfo.endCursor
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(total)
    // Oldest first: this activity's 30 come in the order they were entered.
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids)
  })
})

describe('the daily sweep', () => {
  it('closes an activity that has no close job of its own (data loaded from elsewhere) the next morning', async () => {
    const a = await activity({ slots: 1 })
    await signedUp(a.id, 86)
    await t.database.db.execute(
      sql`delete from jobs where kind = 'activity.close' and payload->>'activityId' = ${a.id}`,
    )
    t.clock.set(a.at(300))
    await w.closeDue()
    expect((await w.view(await w.volunteer(86), a.id)).state).toBe('scheduled')
    // 04:15 in Asia/Shanghai the next day.
    const next = new Date(a.at(0).getTime() + 86_400_000)
    t.clock.set(new Date(`${next.toISOString().slice(0, 10)}T04:15:00+08:00`))
    await w.closeDue()
    await w.closeDue()
    expect((await w.view(await w.volunteer(86), a.id)).state).toBe('completed')
    expect((await w.view(await w.volunteer(86), a.id)).mySignUp?.state).toBe('no_show')
  })
})

describe('community rules', () => {
  it('the per-activity cap and the validity threshold apply', async () => {
    await w.setSetting('perActivityHourCap', 2)
    await w.setSetting('validityThresholdPercent', 60)
    try {
      const a = await activity({ slots: 2 })
      await signedUp(a.id, 90, 91)
      const [v90, v91] = [await w.volunteer(90), await w.volunteer(91)]
      t.clock.set(a.at(0))
      const k = (await w.code(a.id)).digits
      await w.checkIn(v90, a.id, k)
      await w.checkIn(v91, a.id, k)
      t.clock.set(a.at(60)) // 60 of 180 minutes: below 60 %
      const short = await w.checkOut(v91, a.id, (await w.code(a.id)).digits)
      expect(short.data!.checkOut).toMatchObject({ minutes: 0, spanMinutes: 60, belowThreshold: true })
      t.clock.set(a.at(180))
      const long = await w.checkOut(v90, a.id, (await w.code(a.id)).digits)
      expect(long.data!.checkOut).toMatchObject({ minutes: 120, spanMinutes: 180, capped: true, belowThreshold: false })
    } finally {
      await w.setSetting('perActivityHourCap', null)
      await w.setSetting('validityThresholdPercent', null)
    }
  })
})
