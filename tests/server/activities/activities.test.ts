/**
 * Activities and sign-ups through GraphQL on PGlite and PostgreSQL, with the test clock: the
 * waitlist and its promotions, the codes volunteers see, restricted activities, reschedule and
 * cancel with notice, re-sizing, idempotent retries, recurring series, a cancelled project, and
 * account deletion. (Races: activities.concurrency.test.ts; who may: authorization.test.ts.)
 */
import { and, eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { signIn } from '../../support/accounts.ts'
import { addUnitMember, createUser } from '../../support/factories.ts'
import {
  ACTIVITY,
  CANCEL_ACTIVITY,
  RESCHEDULE,
  ROSTER,
  SET_SLOTS,
  buildActivitiesWorld,
  type ActivitiesWorld,
  type ActivityData,
} from './world.ts'

let t: TestApp
let w: ActivitiesWorld

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildActivitiesWorld(t)
})
afterAll(() => t?.close())

const START = new Date('2026-11-01T02:00:00.000Z')

/** Sign up volunteers from..to (exclusive) in order; their sign-up ids. */
async function signUpMany(activityId: string, from: number, to: number) {
  const ids: string[] = []
  for (let i = from; i < to; i++) {
    const res = await w.signUp(await w.volunteer(i), activityId)
    expect(res.errors, `volunteer ${i}`).toBeUndefined()
    ids.push(res.data!.signUp.id)
  }
  return ids
}

async function line(activityId: string) {
  const rows = await t.database.db
    .select()
    .from(schema.signUps)
    .where(eq(schema.signUps.activityId, activityId))
    .orderBy(schema.signUps.createdAt)
  return rows.map((r) => [r.volunteerId, r.state, r.position])
}

describe('signUp and cancelSignUp', () => {
  it('3 places, 5 sign-ups: 3 confirmed, waitlist 1 and 2; a confirmed one cancels, position 1 is promoted and told, position 2 becomes 1', async () => {
    const a = await w.activity({ slots: 3 })
    const results = []
    for (let i = 0; i < 5; i++) results.push((await w.signUp(await w.volunteer(i), a.id)).data!.signUp)
    expect(results.map((r) => [r.state, r.position])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ])
    expect(results[4]!.activity).toMatchObject({ slots: 3, confirmed: 3, waitlisted: 2 })
    const v = await Promise.all([0, 1, 2, 3, 4].map((i) => w.volunteer(i)))
    expect((await w.view(v[3]!, a.id)).mySignUp).toMatchObject({ state: 'waitlisted', position: 1 })

    t.clock.advanceMinutes(10)
    const cancelled = await w.cancelSignUp(v[1]!, results[1]!.id)
    expect(cancelled.errors).toBeUndefined()
    expect(cancelled.data!.cancelSignUp).toMatchObject({
      state: 'cancelled',
      position: null,
      activity: { confirmed: 3, waitlisted: 1 },
    })
    expect((await w.view(v[3]!, a.id)).mySignUp).toMatchObject({ state: 'confirmed', position: null })
    expect((await w.view(v[4]!, a.id)).mySignUp).toMatchObject({ state: 'waitlisted', position: 1 })
    expect((await w.view(v[1]!, a.id)).mySignUp).toMatchObject({ state: 'cancelled' })
    const told = await w.kinds(v[3]!)
    expect(told[0]).toMatchObject({ kind: 'sign_up.promoted', params: { title: '周末助老送餐' } })
    expect((await w.kinds(v[4]!)).map((n) => n.kind)).not.toContain('sign_up.promoted')
    const promoted = await t.database.db.select().from(schema.signUps).where(eq(schema.signUps.id, results[3]!.id))
    expect(promoted[0]!.promotedAt).toEqual(t.clock.now())

    // The roster shows the line to staff with phones masked.
    const roster = await w.as('staff')<{
      activitySignUps: { state: string; position: number | null; volunteer: { id: string; phone: string } }[]
    }>(ROSTER, { c: w.community.id, a: a.id })
    expect(roster.data!.activitySignUps.map((r) => [r.volunteer.id, r.state, r.position])).toEqual([
      [v[0]!.id, 'confirmed', null],
      [v[2]!.id, 'confirmed', null],
      [v[3]!.id, 'confirmed', null],
      [v[4]!.id, 'waitlisted', 1],
      [v[1]!.id, 'cancelled', null],
    ])
    expect(roster.data!.activitySignUps[0]!.volunteer.phone).toMatch(/^\d{3}\*{4}\d{4}$/)

    // A waitlisted one cancelling empties the line; the counts follow the rows.
    await w.cancelSignUp(v[4]!, results[4]!.id)
    expect(await w.view(v[0]!, a.id)).toMatchObject({ confirmed: 3, waitlisted: 0 })
  })

  it('a waitlisted cancellation closes its gap: everyone behind moves up by one', async () => {
    const a = await w.activity({ slots: 2 })
    const ids = await signUpMany(a.id, 0, 6) // 2 confirmed, waitlist 1..4
    await w.cancelSignUp(await w.volunteer(3), ids[3]!) // position 2
    const rows = await line(a.id)
    expect(rows.map((r) => r[2])).toEqual([null, null, 1, null, 2, 3])
    expect(await w.view(await w.volunteer(0), a.id)).toMatchObject({ confirmed: 2, waitlisted: 3 })
  })

  it('refuses a second live sign-up with ALREADY_EXISTS and changes nothing; after cancelling one may sign up again', async () => {
    const a = await w.activity({ slots: 1 })
    const v = await w.volunteer(0)
    const first = (await w.signUp(v, a.id)).data!.signUp
    expect((await w.signUp(v, a.id)).code).toBe('ALREADY_EXISTS')
    expect(await w.view(v, a.id)).toMatchObject({ confirmed: 1, waitlisted: 0 })
    await w.cancelSignUp(v, first.id)
    expect((await w.cancelSignUp(v, first.id)).code).toBe('INVALID_TRANSITION')
    const again = await w.signUp(v, a.id)
    expect(again.data!.signUp).toMatchObject({ state: 'confirmed', activity: { confirmed: 1 } })
  })

  it('answers INVALID_TRANSITION after the deadline and for a cancelled activity', async () => {
    // A deadline a few minutes ahead, so the volunteer's access token is still good then.
    const a = await w.activity({ signUpDeadline: '2026-11-01T02:05:00.000Z' })
    const v = await w.volunteer(0)
    t.clock.set('2026-11-01T02:05:00.000Z')
    try {
      const late = await w.signUp(v, a.id)
      expect(late.code).toBe('INVALID_TRANSITION')
      expect(late.errors![0]!.extensions!.reason).toBe('SIGN_UP_CLOSED')
    } finally {
      t.clock.set(START)
    }
    expect((await w.signUp(v, a.id)).data!.signUp.state).toBe('confirmed')
    const b = await w.activity()
    await w.as('staff')(CANCEL_ACTIVITY, { c: w.community.id, id: b.id, r: '天气原因' })
    expect((await w.signUp(v, b.id)).code).toBe('INVALID_TRANSITION')
    expect(await line(b.id)).toEqual([])
  })

  it('a staff member cancels a volunteer’s sign-up (audited); another volunteer cannot (NOT_FOUND)', async () => {
    const a = await w.activity({ slots: 1 })
    const [mine] = await signUpMany(a.id, 0, 2)
    expect((await w.cancelSignUp(await w.volunteer(1), mine!)).code).toBe('NOT_FOUND')
    const byStaff = await w.as('staff')<{ cancelSignUp: { state: string } }>(
      `mutation($c: ID!, $id: ID!) { cancelSignUp(communityId: $c, id: $id) { state } }`,
      { c: w.community.id, id: mine },
    )
    expect(byStaff.data!.cancelSignUp.state).toBe('cancelled')
    expect((await w.view(await w.volunteer(1), a.id)).mySignUp).toMatchObject({ state: 'confirmed' })
    const audit = await t.database.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.targetId, mine!))
    expect(audit.map((e) => e.action)).toEqual(['sign_up.cancel'])
  })

  it('replays a sign-up or a cancellation with the same idempotency key: the first result, one row', async () => {
    const a = await w.activity({ slots: 1 })
    const v = await w.volunteer(5)
    const first = await w.signUp(v, a.id, 'signup-key-0001')
    const again = await w.signUp(v, a.id, 'signup-key-0001')
    expect(again.errors).toBeUndefined()
    expect(again.data!.signUp.id).toBe(first.data!.signUp.id)
    expect(await line(a.id)).toHaveLength(1)
    const other = await w.activity()
    expect((await w.signUp(v, other.id, 'signup-key-0001')).code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect((await w.signUp(v, other.id, 'bad key')).code).toBe('BAD_USER_INPUT')
    const c1 = await w.cancelSignUp(v, first.data!.signUp.id, 'cancel-key-0001')
    const c2 = await w.cancelSignUp(v, first.data!.signUp.id, 'cancel-key-0001')
    expect([c1.data!.cancelSignUp.state, c2.data!.cancelSignUp.state]).toEqual(['cancelled', 'cancelled'])
    expect(await w.view(v, a.id)).toMatchObject({ confirmed: 0, waitlisted: 0 })
  })

  it('an activity for the claiming units’ members takes only active members (NOT_A_MEMBER otherwise)', async () => {
    const a = await w.activity({ claimingUnitsOnly: true })
    expect(a.restrictedToUnitIds).toEqual([w.admins.A.unitId])
    const outsider = await w.volunteer(0)
    const refused = await w.signUp(outsider, a.id)
    expect(refused.code).toBe('NOT_A_MEMBER')
    const db = t.database.db
    const member = await createUser(db)
    await addUnitMember(db, w.admins.A.unitId, member.id)
    const former = await createUser(db)
    await addUnitMember(db, w.admins.A.unitId, former.id, { status: 'left' })
    const bMember = await createUser(db)
    await addUnitMember(db, w.admins.B.unitId, bMember.id)
    expect((await w.signUp({ token: await signIn(t, member) }, a.id)).data!.signUp.state).toBe('confirmed')
    expect((await w.signUp({ token: await signIn(t, former) }, a.id)).code).toBe('NOT_A_MEMBER')
    expect((await w.signUp({ token: await signIn(t, bMember) }, a.id)).code).toBe('NOT_A_MEMBER')
    // A project nobody holds an active claim on cannot be limited to its claimers.
    const open = await w.publishedProject({ capacity: 2 })
    const none = await w.as('staff')(
      `mutation($c: ID!, $i: ActivityInput!) { createActivity(communityId: $c, input: $i) { id } }`,
      { c: w.community.id, i: w.activityInput({ projectId: open.id, claimingUnitsOnly: true }) },
    )
    expect(none.code).toBe('BAD_USER_INPUT')
    expect(none.errors![0]!.extensions!.fields).toEqual({ claimingUnitsOnly: 'NO_CLAIMING_UNITS' })
  })
})

describe('rescheduleActivity, setActivitySlots and cancelActivity', () => {
  it('reschedules: the deadline moves with the start; confirmed and waitlisted volunteers are told', async () => {
    const a = await w.activity({ slots: 1, signUpDeadline: '2026-11-09T01:00:00.000Z' })
    await signUpMany(a.id, 0, 2)
    const moved = await w.as('staff')<{ rescheduleActivity: ActivityData }>(RESCHEDULE, {
      c: w.community.id,
      id: a.id,
      i: { startsAt: '2026-11-12T06:00:00.000Z', endsAt: '2026-11-12T08:00:00.000Z', place: '社区活动室' },
    })
    expect(moved.errors).toBeUndefined()
    expect(moved.data!.rescheduleActivity).toMatchObject({
      startsAt: '2026-11-12T06:00:00.000Z',
      place: '社区活动室',
      signUpDeadline: '2026-11-11T06:00:00.000Z',
    })
    for (const i of [0, 1]) {
      expect((await w.kinds(await w.volunteer(i)))[0], `volunteer ${i}`).toMatchObject({
        kind: 'activity.changed',
        params: { title: '周末助老送餐', startsAt: '2026-11-12T06:00:00.000Z', place: '社区活动室' },
      })
    }
    const bad = await w.as('staff')(RESCHEDULE, {
      c: w.community.id,
      id: a.id,
      i: { startsAt: '2026-11-12T06:00:00.000Z', endsAt: '2026-11-12T05:00:00.000Z', place: '社区活动室' },
    })
    expect(bad.errors![0]!.extensions!.fields).toEqual({ endsAt: 'ENDS_BEFORE_START' })
  })

  it('raising the places promotes from the waitlist in order; lowering stops at the number confirmed', async () => {
    const a = await w.activity({ slots: 2 })
    await signUpMany(a.id, 0, 5) // 2 confirmed, waitlist 1..3
    const raised = await w.as('staff')<{ setActivitySlots: ActivityData }>(SET_SLOTS, {
      c: w.community.id,
      id: a.id,
      n: 4,
    })
    expect(raised.data!.setActivitySlots).toMatchObject({ slots: 4, confirmed: 4, waitlisted: 1 })
    expect((await line(a.id)).map((r) => [r[1], r[2]])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
    ])
    expect((await w.kinds(await w.volunteer(2)))[0]!.kind).toBe('sign_up.promoted')
    const low = await w.as('staff')(SET_SLOTS, { c: w.community.id, id: a.id, n: 3 })
    expect(low.code).toBe('BAD_USER_INPUT')
    expect(low.errors![0]!.extensions!.fields).toEqual({ slots: 'SLOTS_BELOW_CONFIRMED' })
    const zero = await w.as('staff')(SET_SLOTS, { c: w.community.id, id: a.id, n: 0 })
    expect(zero.errors![0]!.extensions!.fields).toEqual({ slots: 'SLOTS_INVALID' })
    // Down to exactly the number confirmed is fine; the waitlist stays in line.
    expect(
      (await w.as('staff')<{ setActivitySlots: ActivityData }>(SET_SLOTS, { c: w.community.id, id: a.id, n: 4 })).data!
        .setActivitySlots,
    ).toMatchObject({ slots: 4, confirmed: 4, waitlisted: 1 })
  })

  it('cancels with a reason: every live sign-up is cancelled and its volunteer told; counts go to zero', async () => {
    const a = await w.activity({ slots: 1 })
    await signUpMany(a.id, 0, 3)
    const res = await w.as('staff')<{ cancelActivity: ActivityData }>(CANCEL_ACTIVITY, {
      c: w.community.id,
      id: a.id,
      r: '场地临时征用',
    })
    expect(res.data!.cancelActivity).toMatchObject({
      state: 'cancelled',
      cancelReason: '场地临时征用',
      confirmed: 0,
      waitlisted: 0,
    })
    expect((await line(a.id)).map((r) => [r[1], r[2]])).toEqual([
      ['cancelled', null],
      ['cancelled', null],
      ['cancelled', null],
    ])
    for (const i of [0, 1, 2]) {
      expect((await w.kinds(await w.volunteer(i)))[0]).toMatchObject({
        kind: 'activity.cancelled',
        params: { reason: '场地临时征用' },
      })
    }
    expect((await w.as('staff')(CANCEL_ACTIVITY, { c: w.community.id, id: a.id, r: '再次取消' })).code).toBe(
      'INVALID_TRANSITION',
    )
    expect((await w.as('staff')(SET_SLOTS, { c: w.community.id, id: a.id, n: 5 })).code).toBe('INVALID_TRANSITION')
  })
})

describe('createActivity', () => {
  it('by staff or the admin of a unit with an active claim; the leader must be staff or a claiming unit’s active member', async () => {
    const db = t.database.db
    const byA = await w.asUnit('A')<{ createActivity: ActivityData }>(
      `mutation($c: ID!, $i: ActivityInput!) { createActivity(communityId: $c, input: $i) { id unitId } }`,
      { c: w.community.id, i: w.activityInput() },
    )
    expect(byA.data!.createActivity.unitId).toBe(w.admins.A.unitId)
    // A unit with no claim on the project may not.
    const byB = await w.asUnit('B')(
      `mutation($c: ID!, $i: ActivityInput!) { createActivity(communityId: $c, input: $i) { id } }`,
      { c: w.community.id, i: w.activityInput() },
    )
    expect(byB.code).toBe('NOT_FOUND')
    // Unit A's admin may move their own activity, unit B's may not.
    const move = { startsAt: '2026-11-11T01:00:00.000Z', endsAt: '2026-11-11T02:00:00.000Z', place: '新地点' }
    expect(
      (await w.asUnit('A')(RESCHEDULE, { c: w.community.id, id: byA.data!.createActivity.id, i: move })).errors,
    ).toBeUndefined()
    expect(
      (await w.asUnit('B')(RESCHEDULE, { c: w.community.id, id: byA.data!.createActivity.id, i: move })).code,
    ).toBe('NOT_FOUND')

    const member = await createUser(db, { realName: '队长甲' })
    await addUnitMember(db, w.admins.A.unitId, member.id)
    const led = await w.activity({ leaderId: member.id })
    expect(led).toMatchObject({ leaderId: member.id, leaderName: '队长甲' })
    expect((await w.activity({ leaderId: w.people.staff.id })).leaderId).toBe(w.people.staff.id)
    const stranger = await w.as('staff')(
      `mutation($c: ID!, $i: ActivityInput!) { createActivity(communityId: $c, input: $i) { id } }`,
      { c: w.community.id, i: w.activityInput({ leaderId: w.people.volunteer.id }) },
    )
    expect(stranger.code).toBe('NOT_A_MEMBER')
  })

  it('refuses a draft project (INVALID_TRANSITION), bad input (BAD_USER_INPUT) and a series on a one-off project', async () => {
    const draft = await w.as('staff')<{ createProject: { id: string } }>(
      `mutation($c: ID!, $i: ProjectInput!) { createProject(communityId: $c, input: $i) { id } }`,
      { c: w.community.id, i: w.projectInput() },
    )
    const ask = (i: Record<string, unknown>) =>
      w.as('staff')(`mutation($c: ID!, $i: ActivityInput!) { createActivity(communityId: $c, input: $i) { id } }`, {
        c: w.community.id,
        i: w.activityInput(i),
      })
    expect((await ask({ projectId: draft.data!.createProject.id })).code).toBe('INVALID_TRANSITION')
    const bad = await ask({ slots: 0, place: ' ', endsAt: '2026-11-10T00:00:00.000Z' })
    expect(bad.errors![0]!.extensions!.fields).toMatchObject({ slots: 'SLOTS_INVALID', place: 'PLACE_REQUIRED' })
    expect((await ask({ signUpDeadline: '2026-11-10T02:00:00.000Z' })).errors![0]!.extensions!.fields).toEqual({
      signUpDeadline: 'DEADLINE_AFTER_START',
    })
    const series = await ask({ recurrence: { weekly: 3 } })
    expect(series.errors![0]!.extensions!.fields).toEqual({ 'recurrence.weekly': 'RECURRENCE_INVALID' })
  })

  it('a routine project’s weekly series: n activities a week apart sharing a seriesId, listed by start', async () => {
    const first = await w.activity({ projectId: w.routine.id, title: '周三助浴', recurrence: { weekly: 3 } })
    expect(first.seriesId).toMatch(/^[0-9a-f-]{36}$/)
    const list = await w.gqlAs<{
      activities: { nodes: ActivityData[]; pageInfo: { hasNextPage: boolean; endCursor: string } }
    }>(
      await w.volunteer(0),
      `query($c: ID!, $p: ID) { activities(communityId: $c, projectId: $p, first: 2) { nodes { id startsAt seriesId } pageInfo { hasNextPage endCursor } } }`,
      { c: w.community.id, p: w.routine.id },
    )
    const page = list.data!.activities
    expect(page.nodes.map((n) => n.startsAt)).toEqual(['2026-11-10T01:00:00.000Z', '2026-11-17T01:00:00.000Z'])
    expect(page.pageInfo.hasNextPage).toBe(true)
    const next = await w.gqlAs<{ activities: { nodes: ActivityData[]; pageInfo: { hasNextPage: boolean } } }>(
      await w.volunteer(0),
      `query($c: ID!, $p: ID, $after: String) { activities(communityId: $c, projectId: $p, after: $after) { nodes { startsAt seriesId } pageInfo { hasNextPage } } }`,
      { c: w.community.id, p: w.routine.id, after: page.pageInfo.endCursor },
    )
    expect(next.data!.activities.nodes).toEqual([{ startsAt: '2026-11-24T01:00:00.000Z', seriesId: first.seriesId }])
  })
})

describe('activities and mySignUps', () => {
  it('a volunteer finds scheduled activities of open projects only; staff see cancelled ones too', async () => {
    const p = await w.publishedProject({ capacity: 1, mode: 'solo', title: '旧物回收' })
    const a = await w.activity({ projectId: p.id, title: '回收日一' })
    const b = await w.activity({ projectId: p.id, title: '回收日二' })
    await w.as('staff')(CANCEL_ACTIVITY, { c: w.community.id, id: b.id, r: '改期' })
    const q = `query($c: ID!, $p: ID) { activities(communityId: $c, projectId: $p) { nodes { title state } } }`
    const forVolunteer = await w.gqlAs<{ activities: { nodes: { title: string }[] } }>(await w.volunteer(0), q, {
      c: w.community.id,
      p: p.id,
    })
    expect(forVolunteer.data!.activities.nodes.map((n) => n.title)).toEqual(['回收日一'])
    const forStaff = await w.as('staff')<{ activities: { nodes: { title: string }[] } }>(q, {
      c: w.community.id,
      p: p.id,
    })
    expect(forStaff.data!.activities.nodes.map((n) => n.title)).toEqual(['回收日一', '回收日二'])
    // Once the project is cancelled its activities are cancelled with it and leave the volunteer's list.
    await signUpMany(a.id, 6, 7)
    await w.as('staff')(
      `mutation($c: ID!, $id: ID!) { cancelProject(communityId: $c, id: $id, reason: "项目取消") { id } }`,
      { c: w.community.id, id: p.id },
    )
    expect((await w.view(await w.volunteer(6), a.id)).state).toBe('cancelled')
    expect((await w.kinds(await w.volunteer(6)))[0]).toMatchObject({ kind: 'activity.cancelled' })
    const gone = await w.gqlAs<{ activities: unknown }>(await w.volunteer(0), q, { c: w.community.id, p: p.id })
    expect(gone.code).toBe('NOT_FOUND')
  })

  it('mySignUps lists my sign-ups with their activities, latest activity first', async () => {
    const me = await createUser(t.database.db)
    const v = { token: await signIn(t, me) }
    const early = await w.activity({
      title: '早场',
      startsAt: '2026-11-08T01:00:00.000Z',
      endsAt: '2026-11-08T02:00:00.000Z',
    })
    const late = await w.activity({
      title: '晚场',
      startsAt: '2026-11-20T01:00:00.000Z',
      endsAt: '2026-11-20T02:00:00.000Z',
    })
    await w.signUp(v, early.id)
    await w.signUp(v, late.id)
    const mine = await w.gqlAs<{ mySignUps: { nodes: { state: string; activity: { title: string } }[] } }>(
      v,
      `{ mySignUps { nodes { state activity { title } } pageInfo { hasNextPage } } }`,
    )
    expect(mine.data!.mySignUps.nodes).toEqual([
      { state: 'confirmed', activity: { title: '晚场' } },
      { state: 'confirmed', activity: { title: '早场' } },
    ])
  })
})

describe('privacy', () => {
  it('my export holds my sign-ups; deleting my account cancels them and promotes the waitlist, the rows stay', async () => {
    const me = await createUser(t.database.db)
    const v = { token: await signIn(t, me) }
    const a = await w.activity({ slots: 1 })
    await w.signUp(v, a.id)
    await signUpMany(a.id, 0, 1) // waitlisted behind me
    const data = await w.gqlAs<{ myData: { signUps: { activityId: string; state: string }[] } }>(v, `{ myData }`)
    expect(data.data!.myData.signUps).toMatchObject([{ activityId: a.id, state: 'confirmed' }])
    const del = await w.gqlAs(v, `mutation($p: String) { deleteMyAccount(password: $p) }`, { p: me.password })
    expect(del.errors).toBeUndefined()
    const rows = await t.database.db
      .select()
      .from(schema.signUps)
      .where(and(eq(schema.signUps.activityId, a.id), eq(schema.signUps.volunteerId, me.id)))
    expect(rows.map((r) => r.state)).toEqual(['cancelled'])
    const next = await w.view(await w.volunteer(0), a.id)
    expect(next).toMatchObject({ confirmed: 1, waitlisted: 0, mySignUp: { state: 'confirmed' } })
  })
})

describe('activity', () => {
  it('answers NOT_FOUND for an unknown or malformed id', async () => {
    for (const id of ['0190f000-0000-7000-8000-000000000000', 'nope']) {
      expect((await w.gqlAs(await w.volunteer(0), ACTIVITY, { c: w.community.id, id })).code).toBe('NOT_FOUND')
    }
  })
})
