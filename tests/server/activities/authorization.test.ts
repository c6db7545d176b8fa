/**
 * Who may do what with activities and sign-ups, for every actor of buildWorld: a refusal is
 * NOT_FOUND (or UNAUTHENTICATED; FORBIDDEN for the street and district admins above, whose
 * community it is not theirs to change), the very answer an id that does not exist gets, and it
 * changes nothing. Anyone signed in finds an open project's activities and may sign up.
 */
import { sql } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type GqlResult, type TestApp } from '../../support/app.ts'
import { ACTORS, type Actor } from '../../support/world.ts'
import { buildActivitiesWorld, type ActivitiesWorld, type ActivityData } from './world.ts'

let t: TestApp
let w: ActivitiesWorld
let activity: ActivityData
let signUpId: string
const MISSING = '0190f000-0000-7000-8000-000000000000'

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildActivitiesWorld(t)
  activity = await w.activity({ slots: 2 })
  signUpId = (await w.signUp(await w.volunteer(0), activity.id)).data!.signUp.id
})
afterAll(() => t?.close())

/** Everything a refusal must leave as it was. */
async function fingerprint() {
  const r = await t.database.db.execute(sql`select
    (select string_agg(id || state || slots || confirmed || waitlisted || place || starts_at, ',' order by id) from activities) as activities,
    (select string_agg(id || state || coalesce(position, 0), ',' order by id) from sign_ups) as sign_ups,
    (select count(*) from notifications) as notices,
    (select count(*) from audit_events) as audit`)
  return JSON.stringify(r.rows[0])
}

type Ask = (actor: Actor, ids: { activity: string; signUp: string }) => Promise<GqlResult>

interface Case {
  name: string
  ask: Ask
  /** Actors who may; everyone else is refused. */
  allowed: Actor[] | 'signed-in'
  mutation?: boolean
}

const q = (actor: Actor, query: string, vars: Record<string, unknown>) => w.as(actor)(query, vars)
const c = () => w.community.id

const CASES: Case[] = [
  {
    name: 'activity',
    ask: (a, ids) =>
      q(a, `query($c: ID!, $id: ID!) { activity(communityId: $c, id: $id) { id } }`, { c: c(), id: ids.activity }),
    allowed: 'signed-in',
  },
  {
    name: 'activitySignUps',
    ask: (a, ids) =>
      q(a, `query($c: ID!, $a: ID!) { activitySignUps(communityId: $c, activityId: $a) { id } }`, {
        c: c(),
        a: ids.activity,
      }),
    allowed: ['staff', 'streetAdmin', 'districtAdmin'],
  },
  {
    name: 'createActivity',
    ask: (a, ids) =>
      q(a, `mutation($c: ID!, $i: ActivityInput!) { createActivity(communityId: $c, input: $i) { id } }`, {
        c: c(),
        i: w.activityInput(ids.activity === MISSING ? { projectId: MISSING } : {}),
      }),
    allowed: ['staff'],
    mutation: true,
  },
  {
    name: 'rescheduleActivity',
    ask: (a, ids) =>
      q(
        a,
        `mutation($c: ID!, $id: ID!, $i: RescheduleInput!) { rescheduleActivity(communityId: $c, id: $id, input: $i) { id } }`,
        {
          c: c(),
          id: ids.activity,
          i: { startsAt: '2026-11-11T01:00:00.000Z', endsAt: '2026-11-11T02:00:00.000Z', place: '别处' },
        },
      ),
    allowed: ['staff'],
    mutation: true,
  },
  {
    name: 'setActivitySlots',
    ask: (a, ids) =>
      q(a, `mutation($c: ID!, $id: ID!) { setActivitySlots(communityId: $c, id: $id, slots: 9) { id } }`, {
        c: c(),
        id: ids.activity,
      }),
    allowed: ['staff'],
    mutation: true,
  },
  {
    name: 'cancelActivity',
    ask: (a, ids) =>
      q(a, `mutation($c: ID!, $id: ID!) { cancelActivity(communityId: $c, id: $id, reason: "测试原因") { id } }`, {
        c: c(),
        id: ids.activity,
      }),
    allowed: ['staff'],
    mutation: true,
  },
  {
    name: 'cancelSignUp (someone else’s)',
    ask: (a, ids) =>
      q(a, `mutation($c: ID!, $id: ID!) { cancelSignUp(communityId: $c, id: $id) { id } }`, { c: c(), id: ids.signUp }),
    allowed: ['staff'],
    mutation: true,
  },
]

describe('activities and sign-ups, actor by actor', () => {
  for (const k of CASES) {
    const allowedLabel = k.allowed === 'signed-in' ? 'anyone signed in' : k.allowed.join(', ')
    it(`${k.name}: refused as an unknown id for everyone but ${allowedLabel}`, async () => {
      for (const actor of ACTORS) {
        const allowed = k.allowed === 'signed-in' ? actor !== 'anonymous' : k.allowed.includes(actor)
        if (allowed) continue
        const before = await fingerprint()
        const res = await k.ask(actor, { activity: activity.id, signUp: signUpId })
        if (actor === 'anonymous') {
          expect(res.code, actor).toBe('UNAUTHENTICATED')
          expect(await fingerprint(), `${actor} changed something`).toBe(before)
          continue
        }
        const expected = k.mutation && (actor === 'streetAdmin' || actor === 'districtAdmin')
        expect(res.code, actor).toBe(expected ? 'FORBIDDEN' : 'NOT_FOUND')
        // The same answer the actor gets for an id that does not exist: nothing to probe.
        const missing = await k.ask(actor, { activity: MISSING, signUp: MISSING })
        expect(missing.code, `${actor} (missing id)`).toBe(res.code)
        expect(res.errors![0]!.message, actor).toBe(missing.errors![0]!.message)
        expect(await fingerprint(), `${actor} changed something`).toBe(before)
      }
      if (!k.mutation) {
        for (const actor of ACTORS) {
          const allowed = k.allowed === 'signed-in' ? actor !== 'anonymous' : k.allowed.includes(actor)
          if (allowed)
            expect((await k.ask(actor, { activity: activity.id, signUp: signUpId })).errors, actor).toBeUndefined()
        }
      }
    })
  }

  it('the leader and the claiming unit’s admin read the roster; another unit’s admin gets NOT_FOUND', async () => {
    const led = await w.activity({ leaderId: w.people.staff.id })
    const roster = `query($c: ID!, $a: ID!) { activitySignUps(communityId: $c, activityId: $a) { id } }`
    expect((await w.asUnit('A')(roster, { c: c(), a: led.id })).errors).toBeUndefined()
    expect((await w.asUnit('B')(roster, { c: c(), a: led.id })).code).toBe('NOT_FOUND')
  })

  it('every signed-in actor may sign up for an open project’s activity', async () => {
    const open = await w.activity({ slots: 50 })
    for (const actor of ACTORS) {
      const res = await w.as(actor)(
        `mutation($c: ID!, $a: ID!) { signUp(communityId: $c, activityId: $a) { state } }`,
        {
          c: c(),
          a: open.id,
        },
      )
      expect(res.code, actor).toBe(actor === 'anonymous' ? 'UNAUTHENTICATED' : undefined)
    }
    expect((await w.view(await w.volunteer(0), open.id)).confirmed).toBe(ACTORS.length - 1)
  })

  it('an activity of a project no longer open is staff’s to see: NOT_FOUND for a volunteer, as for a missing id', async () => {
    // A project's activities stay after it completes (set here in SQL: completion comes with a later issue).
    const p = await w.publishedProject({ capacity: 1, mode: 'solo' })
    const a = await w.activity({ projectId: p.id })
    await t.database.db.execute(sql`update projects set state = 'completed' where id = ${p.id}`)
    const ask = (id: string) =>
      w.as('volunteer')(`query($c: ID!, $id: ID!) { activity(communityId: $c, id: $id) { id } }`, { c: c(), id })
    const real = await ask(a.id)
    const none = await ask(MISSING)
    expect(real.code).toBe('NOT_FOUND')
    expect(real.errors![0]!.message).toBe(none.errors![0]!.message)
    expect(
      (
        await w.as('staff')(`query($c: ID!, $id: ID!) { activity(communityId: $c, id: $id) { id } }`, {
          c: c(),
          id: a.id,
        })
      ).errors,
    ).toBeUndefined()
  })
})
