/**
 * The need list (服务需求清单) on real SQL: residents submit, grid workers and staff record for
 * people with or without an account, staff triage (accept, reject, merge, close); every step on
 * the timeline with its actor and time; contact details masked for everyone PRODUCT.md does not
 * name, in full (and audited) through needContact for those it names; photos served exactly to
 * those who see the need. Refusals: their code, nothing written; outsiders get NOT_FOUND like a
 * missing id.
 */
import { maskName, maskPhone } from '@linli/shared'
import { and, eq, schema, sql } from '@linli/server/db'
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { signIn } from '../../support/accounts.ts'
import { createUser, type CreatedUser } from '../../support/factories.ts'
import { fileStatus, listsFingerprint, uploadPhoto } from '../../support/lists.ts'
import { ACTORS, buildWorld, type Actor, type World } from '../../support/world.ts'

const FIELDS = `id communityId title description category gridId urgency preferredTime channel state reason
  mergedIntoId projectId createdAt updatedAt acceptedAt photos { id } forName contactPhone
  timeline { action fromState toState detail at actorName actorRole }`
const SUBMIT = `mutation($c: ID!, $i: NeedInput!) { submitNeed(communityId: $c, input: $i) { ${FIELDS} } }`
const RECORD = `mutation($c: ID!, $i: RecordedNeedInput!) { recordNeed(communityId: $c, input: $i) { ${FIELDS} } }`
const UPDATE = `mutation($c: ID!, $id: ID!, $i: NeedInput!) { updateNeed(communityId: $c, id: $id, input: $i) { ${FIELDS} } }`
const WITHDRAW = `mutation($c: ID!, $id: ID!) { withdrawNeed(communityId: $c, id: $id) { id state } }`
const ACCEPT = `mutation($c: ID!, $id: ID!) { acceptNeed(communityId: $c, id: $id) { id state acceptedAt } }`
const REJECT = `mutation($c: ID!, $id: ID!, $r: String!) { rejectNeed(communityId: $c, id: $id, reason: $r) { id state reason } }`
const CLOSE = `mutation($c: ID!, $id: ID!, $r: String!) { closeNeed(communityId: $c, id: $id, reason: $r) { id state reason } }`
const MERGE = `mutation($c: ID!, $id: ID!, $into: ID!) { mergeNeed(communityId: $c, needId: $id, intoNeedId: $into) { id state mergedIntoId } }`
const ONE = `query($c: ID!, $id: ID!) { need(communityId: $c, id: $id) { ${FIELDS} } }`
const CONTACT = `query($c: ID!, $id: ID!) { needContact(communityId: $c, needId: $id) { needId name phone address } }`
const TIMELINE = `query($c: ID!, $id: ID!) { needTimeline(communityId: $c, needId: $id) { action actorName actorRole at } }`
const LIST = `query($c: ID!, $f: NeedFilter, $first: Int, $after: String) {
  needs(communityId: $c, filter: $f, first: $first, after: $after) { nodes { id title state gridId forName contactPhone } pageInfo { endCursor hasNextPage } } }`
const MINE = `query { myNeeds(first: 50) { nodes { id title contactPhone forName } } }`

interface N {
  id: string
  state: string
  title: string
  description: string | null
  gridId: string | null
  channel: string
  forName: string | null
  contactPhone: string | null
  photos: { id: string }[]
  timeline: {
    action: string
    fromState: string | null
    toState: string | null
    at: string
    actorName: string | null
    actorRole: string
    detail: Record<string, string>
  }[]
  reason?: string | null
}

let t: TestApp
let w: World
/** A person without residence anywhere near, but with a unit's grant of another alliance: nobody to these needs. */
let stranger: CreatedUser
const MISSING = '01900000-0000-7000-8000-000000000000'
const ADDRESS = '测试花园3栋502室'
const tokens = new Map<string, string>()
const tok = async (u: CreatedUser) => {
  if (!tokens.has(u.id)) tokens.set(u.id, await signIn(t, u))
  return tokens.get(u.id)!
}
const c = () => w.community.id

const input = (over: Record<string, unknown> = {}) => ({
  title: '楼道灯坏了',
  description: '三楼楼道灯不亮，晚上老人上下楼不方便',
  category: 'convenience',
  urgency: 'high',
  preferredTime: '工作日白天',
  ...over,
})

async function submit(over: Record<string, unknown> = {}): Promise<N> {
  const res = await w.as('resident')<{ submitNeed: N }>(SUBMIT, { c: c(), i: input(over) })
  expect(res.errors).toBeUndefined()
  return res.data!.submitNeed
}
async function record(over: Record<string, unknown> = {}, who: Actor = 'gridWorker'): Promise<N> {
  const res = await w.as(who)<{ recordNeed: N }>(RECORD, {
    c: c(),
    i: input({ channel: 'grid_visit', forName: '钱大爷', forPhone: '13800138000', ...over }),
  })
  expect(res.errors).toBeUndefined()
  return res.data!.recordNeed
}
type State = 'submitted' | 'accepted' | 'rejected' | 'withdrawn' | 'merged' | 'closed'
async function inState(state: State): Promise<N> {
  const n = await submit()
  if (state === 'accepted' || state === 'closed') await w.as('staff')(ACCEPT, { c: c(), id: n.id })
  if (state === 'closed') await w.as('staff')(CLOSE, { c: c(), id: n.id, r: '已由物业修复' })
  if (state === 'rejected') await w.as('staff')(REJECT, { c: c(), id: n.id, r: '不属于社区服务范围' })
  if (state === 'withdrawn') await w.as('resident')(WITHDRAW, { c: c(), id: n.id })
  if (state === 'merged') await w.as('staff')(MERGE, { c: c(), id: n.id, into: (await submit()).id })
  return { ...n, state }
}
const noticesOf = async (userId: string, subjectId: string) =>
  (await t.database.db.select().from(schema.notifications).where(eq(schema.notifications.recipientId, userId))).filter(
    (n) => n.subjectId === subjectId,
  )
const contactViews = async (actorId: string) =>
  (
    await t.database.db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'contact.view'), eq(schema.auditEvents.actorId, actorId)))
  ).length

/** Put a need into a project (published unless told), with a unit's claim if given. */
async function inProject(needId: string, opts: { projectState?: string; claim?: string } = {}) {
  const db = t.database.db
  const projectId = (
    await db.execute(sql`insert into projects (community_id, id, title, category, mode, capacity, state, created_by, search, created_at, updated_at)
      values (${c()}, gen_random_uuid(), '楼道照明', 'convenience', 'solo', 1, ${opts.projectState ?? 'published'}, ${w.people.staff.id}, ''::tsvector, now(), now())
      returning id`)
  ).rows[0] as { id: string }
  await db.update(schema.needs).set({ projectId: projectId.id }).where(eq(schema.needs.id, needId))
  if (opts.claim) {
    await db.execute(sql`insert into claims (community_id, id, project_id, unit_id, state, claimed_by, created_at)
      values (${c()}, gen_random_uuid(), ${projectId.id}, ${opts.claim}, 'pending', ${w.people.unitAdmin.id}, now())`)
  }
  return projectId.id
}

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildWorld(t)
  // The resident lives in the community's grid, with an address on file.
  await t.database.db.insert(schema.residences).values({
    communityId: c(),
    userId: w.people.resident.id,
    gridId: w.grid.id,
    addressEnc: t.app.sealer.seal(ADDRESS),
    createdAt: t.clock.now(),
    updatedAt: t.clock.now(),
  })
  stranger = await createUser(t.database.db, { roles: [{ role: 'unit_admin', scopeId: w.otherUnit.id }] })
})
afterAll(() => t?.close())

describe('submitNeed', () => {
  it('posts a need for oneself online: grid and address from the residence, phone one’s own, staff told', async () => {
    const photo = await uploadPhoto(t, (await tok(w.people.resident))!, c())
    const res = await w.as('resident')<{ submitNeed: N }>(SUBMIT, { c: c(), i: input({ photoIds: [photo] }) })
    expect(res.errors).toBeUndefined()
    const n = res.data!.submitNeed
    expect(n).toMatchObject({
      state: 'submitted',
      channel: 'online',
      gridId: w.grid.id,
      forName: w.people.resident.realName,
      contactPhone: w.people.resident.phone,
      photos: [{ id: photo }],
    })
    expect(n.timeline).toEqual([
      expect.objectContaining({
        action: 'submitted',
        fromState: null,
        toState: 'submitted',
        actorName: w.people.resident.realName,
        actorRole: 'resident',
      }),
    ])
    expect((await noticesOf(w.people.staff.id, n.id)).map((x) => [x.kind, x.params])).toEqual([
      ['need.submitted', { title: '楼道灯坏了' }],
    ])
    expect(await noticesOf(w.people.resident.id, n.id)).toEqual([])
    // Sealed at rest: neither the phone nor the address is in the row in clear.
    const { rows } = await t.database.db.execute(sql`select n::text as row from needs n where id = ${n.id}`)
    const raw = (rows[0] as { row: string }).row
    expect(raw).not.toContain(w.people.resident.phone)
    expect(raw).not.toContain(ADDRESS)
    const contact = await w.as('resident')<{ needContact: { address: string } }>(CONTACT, { c: c(), id: n.id })
    expect(contact.data!.needContact.address).toBe(ADDRESS)
  })

  it('is only for residents of the community: anyone else NOT_FOUND, nothing written', async () => {
    for (const actor of ACTORS) {
      if (actor === 'resident') continue
      const before = await listsFingerprint(t)
      const res = await w.as(actor)(SUBMIT, { c: c(), i: input() })
      expect(res.code, actor).toBe(actor === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND')
      expect(await listsFingerprint(t)).toBe(before)
    }
    for (const community of [w.neighbourCommunity.id, MISSING, 'nope']) {
      expect((await w.as('resident')(SUBMIT, { c: community, i: input() })).code).toBe('NOT_FOUND')
    }
  })

  it('refuses bad input with field codes, and someone else’s upload as NOT_FOUND; writes nothing', async () => {
    const others = await uploadPhoto(t, (await tok(w.people.volunteer))!, c())
    const cases: [Record<string, unknown>, string, Record<string, string> | null][] = [
      [{ title: '灯' }, 'BAD_USER_INPUT', { title: 'TITLE_TOO_SHORT' }],
      [{ description: '' }, 'BAD_USER_INPUT', { description: 'DESCRIPTION_REQUIRED' }],
      [{ category: 'nope' }, 'BAD_USER_INPUT', { category: 'CATEGORY_CODE_INVALID' }],
      [{ gridId: w.neighbourGrid.id }, 'BAD_USER_INPUT', { gridId: 'VALUE_INVALID' }],
      [{ photoIds: Array.from({ length: 10 }, () => MISSING) }, 'BAD_USER_INPUT', { photoIds: 'TOO_MANY_PHOTOS' }],
      [{ photoIds: [others] }, 'NOT_FOUND', null],
    ]
    for (const [over, code, fields] of cases) {
      const before = await listsFingerprint(t)
      const res = await w.as('resident')(SUBMIT, { c: c(), i: input(over) })
      expect(res.code, JSON.stringify(over)).toBe(code)
      if (fields) expect(res.errors![0]!.extensions!.fields).toEqual(fields)
      expect(await listsFingerprint(t)).toBe(before)
    }
  })
})

describe('recordNeed', () => {
  it('a grid worker records for someone without an account (name and phone), in their grid', async () => {
    const n = await record()
    expect(n).toMatchObject({
      channel: 'grid_visit',
      gridId: w.grid.id,
      forName: '钱大爷',
      contactPhone: '13800138000',
    })
    expect(n.timeline).toEqual([
      expect.objectContaining({
        action: 'recorded',
        toState: 'submitted',
        actorName: w.people.gridWorker.realName,
        actorRole: 'grid_worker',
      }),
    ])
    expect((await noticesOf(w.people.staff.id, n.id)).map((x) => x.kind)).toEqual(['need.submitted'])
  })

  it('staff record for a registered person: the person’s phone by default; the person sees it as theirs', async () => {
    const n = await record(
      { channel: 'hotline', forName: null, forPhone: null, forUserId: w.people.resident.id, gridId: w.grid.id },
      'staff',
    )
    expect(n).toMatchObject({
      channel: 'hotline',
      forName: w.people.resident.realName,
      contactPhone: w.people.resident.phone, // the recorder gave it
    })
    const mine = await w.as('resident')<{ myNeeds: { nodes: N[] } }>(MINE)
    expect(mine.data!.myNeeds.nodes.find((x) => x.id === n.id)).toMatchObject({ contactPhone: w.people.resident.phone })
    expect(
      (await w.as('staff')<{ needContact: { phone: string; address: string } }>(CONTACT, { c: c(), id: n.id })).data!
        .needContact,
    ).toEqual({
      needId: n.id,
      name: w.people.resident.realName,
      phone: w.people.resident.phone,
      address: ADDRESS,
    })
  })

  it('refuses: for whom (one of person or name; a phone with a name), a grid worker outside their grid; writes nothing', async () => {
    const cases: [Actor, Record<string, unknown>, Record<string, string>][] = [
      ['gridWorker', { forName: null, forPhone: null }, { forUserId: 'NAME_REQUIRED' }],
      ['gridWorker', { forUserId: w.people.volunteer.id }, { forName: 'VALUE_INVALID' }],
      ['gridWorker', { forPhone: null }, { forPhone: 'PHONE_REQUIRED' }],
      ['gridWorker', { forName: null, forPhone: null, forUserId: MISSING }, { forUserId: 'VALUE_INVALID' }],
      ['gridWorker', { forPhone: '12345' }, { forPhone: 'PHONE_INVALID' }],
      ['gridWorker', { gridId: w.neighbourGrid.id }, { gridId: 'VALUE_INVALID' }],
      ['staff', { gridId: w.neighbourGrid.id }, { gridId: 'VALUE_INVALID' }],
      ['staff', { category: 'nope' }, { category: 'CATEGORY_CODE_INVALID' }],
    ]
    for (const [who, over, fields] of cases) {
      const before = await listsFingerprint(t)
      const res = await w.as(who)(RECORD, {
        c: c(),
        i: input({ channel: 'grid_visit', forName: '钱大爷', forPhone: '13800138000', ...over }),
      })
      expect(res.code, JSON.stringify(over)).toBe('BAD_USER_INPUT')
      expect(res.errors![0]!.extensions!.fields).toEqual(fields)
      expect(await listsFingerprint(t)).toBe(before)
    }
  })

  it('is for the community’s staff and its grid workers only: others NOT_FOUND, nothing written', async () => {
    for (const actor of ACTORS) {
      if (actor === 'staff' || actor === 'gridWorker') continue
      const before = await listsFingerprint(t)
      const res = await w.as(actor)(RECORD, {
        c: c(),
        i: input({ channel: 'grid_visit', forName: '钱大爷', forPhone: '13800138000' }),
      })
      expect(res.code, actor).toBe(actor === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND')
      expect(await listsFingerprint(t)).toBe(before)
    }
    expect(
      (
        await w.as('gridWorker')(RECORD, {
          c: w.neighbourCommunity.id,
          i: input({ channel: 'hotline', forName: '钱', forPhone: '13800138000' }),
        })
      ).code,
    ).toBe('NOT_FOUND')
  })
})

describe('the need’s states', () => {
  it('accept, reject (reason), close (reason), withdraw, merge: each told to the resident and recorder, not the actor', async () => {
    const a = await submit()
    const acc = await w.as('staff')<{ acceptNeed: { state: string; acceptedAt: string } }>(ACCEPT, { c: c(), id: a.id })
    expect(acc.data!.acceptNeed).toEqual({ id: a.id, state: 'accepted', acceptedAt: t.clock.now().toISOString() })
    expect((await noticesOf(w.people.resident.id, a.id)).map((x) => x.params)).toEqual([
      { title: '楼道灯坏了', state: 'accepted' },
    ])
    expect(await noticesOf(w.people.staff.id, a.id)).toHaveLength(1) // need.submitted only

    const closed = await w.as('staff')<{ closeNeed: N }>(CLOSE, { c: c(), id: a.id, r: '已由物业修复' })
    expect(closed.data!.closeNeed).toMatchObject({ state: 'closed', reason: '已由物业修复' })

    const r = await record()
    const rej = await w.as('staff')<{ rejectNeed: N }>(REJECT, { c: c(), id: r.id, r: '不属于社区服务范围' })
    expect(rej.data!.rejectNeed).toMatchObject({ state: 'rejected', reason: '不属于社区服务范围' })
    // The recorder (grid worker) is told; the person has no account.
    expect((await noticesOf(w.people.gridWorker.id, r.id)).map((x) => x.params)).toEqual([
      { title: '楼道灯坏了', state: 'rejected', reason: '不属于社区服务范围' },
    ])

    const wd = await submit()
    expect(
      (await w.as('resident')<{ withdrawNeed: N }>(WITHDRAW, { c: c(), id: wd.id })).data!.withdrawNeed.state,
    ).toBe('withdrawn')
    expect(await noticesOf(w.people.resident.id, wd.id)).toEqual([])

    const wd2 = await record()
    expect(
      (await w.as('gridWorker')<{ withdrawNeed: N }>(WITHDRAW, { c: c(), id: wd2.id })).data!.withdrawNeed.state,
    ).toBe('withdrawn')

    const from = await submit()
    const into = await inState('accepted')
    const m = await w.as('staff')<{ mergeNeed: { state: string; mergedIntoId: string } }>(MERGE, {
      c: c(),
      id: from.id,
      into: into.id,
    })
    expect(m.data!.mergeNeed).toEqual({ id: from.id, state: 'merged', mergedIntoId: into.id })
    const target = await w.as('staff')<{ need: N }>(ONE, { c: c(), id: into.id })
    expect(target.data!.need.timeline.at(-1)).toMatchObject({
      action: 'merged_in',
      detail: { needId: from.id, title: '楼道灯坏了' },
    })
  })

  it('updateNeed edits a submitted need (photos replaced) and writes an `edited` event', async () => {
    const token = (await tok(w.people.resident))!
    const p1 = await uploadPhoto(t, token, c())
    const p2 = await uploadPhoto(t, token, c())
    const n = await submit({ photoIds: [p1] })
    const res = await w.as('resident')<{ updateNeed: N }>(UPDATE, {
      c: c(),
      id: n.id,
      i: input({ title: '楼道灯和门禁都坏了', photoIds: [p2] }),
    })
    expect(res.errors).toBeUndefined()
    expect(res.data!.updateNeed).toMatchObject({ title: '楼道灯和门禁都坏了', photos: [{ id: p2 }] })
    expect(res.data!.updateNeed.timeline.map((e) => e.action)).toEqual(['submitted', 'edited'])
    expect(await fileStatus(t, p1, token)).toBe(404)
    expect(await fileStatus(t, p2, token)).toBe(200)
  })

  it('refuses what the machine does not allow: INVALID_TRANSITION with from and to; nothing written', async () => {
    const cases: [State, Actor, string, Record<string, unknown>, string][] = [
      ['accepted', 'staff', ACCEPT, {}, 'accepted'],
      ['accepted', 'staff', REJECT, { r: '不属于范围' }, 'rejected'],
      ['submitted', 'staff', CLOSE, { r: '不再需要' }, 'closed'],
      ['accepted', 'resident', WITHDRAW, {}, 'withdrawn'],
      ['rejected', 'staff', ACCEPT, {}, 'accepted'],
      ['withdrawn', 'staff', ACCEPT, {}, 'accepted'],
      ['closed', 'staff', CLOSE, { r: '不再需要' }, 'closed'],
      ['merged', 'staff', ACCEPT, {}, 'accepted'],
      ['accepted', 'resident', UPDATE, { i: input() }, 'accepted'],
    ]
    for (const [state, who, doc, vars, to] of cases) {
      const n = await inState(state)
      const before = await listsFingerprint(t)
      const res = await w.as(who)(doc, { c: c(), id: n.id, ...vars })
      expect(res.code, `${state} → ${to}`).toBe('INVALID_TRANSITION')
      expect(res.errors![0]!.extensions).toMatchObject({ from: state })
      if (doc !== UPDATE) expect(res.errors![0]!.extensions).toMatchObject({ to })
      expect(await listsFingerprint(t)).toBe(before)
    }
    // Merging: a closed need cannot be merged; the target must be open, another need, of the community.
    const closed = await inState('closed')
    const open = await submit()
    expect((await w.as('staff')(MERGE, { c: c(), id: closed.id, into: open.id })).code).toBe('INVALID_TRANSITION')
    for (const into of [(await inState('rejected')).id, open.id]) {
      const before = await listsFingerprint(t)
      const res = await w.as('staff')(MERGE, { c: c(), id: into === open.id ? open.id : (await submit()).id, into })
      if (into === open.id) expect(res.code).toBe('BAD_USER_INPUT')
      else expect(res.errors![0]!.extensions!.fields).toEqual({ intoNeedId: 'VALUE_INVALID' })
      if (into === open.id) expect(await listsFingerprint(t)).toBe(before)
    }
    expect((await w.as('staff')(MERGE, { c: c(), id: open.id, into: MISSING })).code).toBe('NOT_FOUND')
    for (const doc of [REJECT, CLOSE]) {
      const n = await inState(doc === REJECT ? 'submitted' : 'accepted')
      const res = await w.as('staff')(doc, { c: c(), id: n.id, r: '' })
      expect(res.errors![0]!.extensions!.fields).toEqual({ _: 'REASON_REQUIRED' })
    }
  })
})

describe('who may change a need', () => {
  // Readers who may not change it: FORBIDDEN; everyone else NOT_FOUND, exactly as a missing id.
  const readers: Actor[] = ['resident', 'staff', 'gridWorker', 'streetAdmin', 'districtAdmin']
  const ops: [string, string, State, Record<string, unknown>, Actor[]][] = [
    ['updateNeed', UPDATE, 'submitted', { i: input() }, ['resident']],
    ['withdrawNeed', WITHDRAW, 'submitted', {}, ['resident']],
    ['acceptNeed', ACCEPT, 'submitted', {}, ['staff']],
    ['rejectNeed', REJECT, 'submitted', { r: '不属于范围' }, ['staff']],
    ['closeNeed', CLOSE, 'accepted', { r: '不再需要' }, ['staff']],
    ['mergeNeed', MERGE, 'submitted', {}, ['staff']],
  ]
  for (const [name, doc, state, vars, allowed] of ops) {
    it(`${name}: every actor, and a missing id`, async () => {
      const n = await inState(state)
      const extra = name === 'mergeNeed' ? { into: (await submit()).id } : {}
      for (const actor of ACTORS) {
        if (allowed.includes(actor)) continue
        const before = await listsFingerprint(t)
        const res = await w.as(actor)(doc, { c: c(), id: n.id, ...vars, ...extra })
        const want = actor === 'anonymous' ? 'UNAUTHENTICATED' : readers.includes(actor) ? 'FORBIDDEN' : 'NOT_FOUND'
        expect(res.code, `${name} as ${actor}`).toBe(want)
        expect(await listsFingerprint(t)).toBe(before)
      }
      for (const [community, id] of [
        [c(), MISSING],
        [w.neighbourCommunity.id, n.id],
        [c(), 'x'],
      ]) {
        expect((await w.as(allowed[0]!)(doc, { c: community, id, ...vars, ...extra })).code).toBe('NOT_FOUND')
      }
    })
  }
})

describe('who sees a need, its contact and its photos', () => {
  let n: N
  let photo: string
  beforeAll(async () => {
    photo = await uploadPhoto(t, (await tok(w.people.resident))!, c())
    n = await submit({ photoIds: [photo], title: '需要上门理发' })
  })
  const name = () => w.people.resident.realName
  const phone = () => w.people.resident.phone
  // What each actor sees of the resident's need.
  const sees: Partial<Record<Actor, { forName: string; contactPhone: string; contact: boolean } | null>> = {}
  beforeAll(() => {
    Object.assign(sees, {
      resident: { forName: name(), contactPhone: phone(), contact: true },
      staff: { forName: name(), contactPhone: maskPhone(phone()), contact: true },
      gridWorker: { forName: maskName(name()), contactPhone: maskPhone(phone()), contact: false },
      streetAdmin: { forName: maskName(name()), contactPhone: maskPhone(phone()), contact: false },
      districtAdmin: { forName: maskName(name()), contactPhone: maskPhone(phone()), contact: false },
    })
  })

  it('need: the resident, staff, grid worker and the admins above; masked for all but the resident; others NOT_FOUND', async () => {
    const token = await tok(w.people.resident)
    for (const actor of ACTORS) {
      const res = await w.as(actor)<{ need: N }>(ONE, { c: c(), id: n.id })
      const expected = sees[actor]
      if (expected) {
        expect(res.data!.need, actor).toMatchObject({
          forName: expected.forName,
          contactPhone: expected.contactPhone,
          photos: [{ id: photo }],
        })
        expect(res.data!.need.timeline.length).toBe(1)
      } else expect(res.code, actor).toBe(actor === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND')
    }
    expect((await w.as('staff')(ONE, { c: c(), id: MISSING })).code).toBe('NOT_FOUND')
    expect((await w.as('resident')(ONE, { c: w.neighbourCommunity.id, id: n.id })).code).toBe('NOT_FOUND')
    expect(token).toBeTruthy()
  })

  it('timeline names the actor to the resident and staff; others read only the role', async () => {
    for (const actor of ['resident', 'staff', 'gridWorker', 'streetAdmin'] as const) {
      const res = await w.as(actor)<{ needTimeline: { actorName: string | null; actorRole: string }[] }>(TIMELINE, {
        c: c(),
        id: n.id,
      })
      expect(res.data!.needTimeline, actor).toEqual([
        expect.objectContaining({
          actorName: actor === 'resident' || actor === 'staff' ? name() : null,
          actorRole: 'resident',
        }),
      ])
    }
    expect((await w.as('volunteer')(TIMELINE, { c: c(), id: n.id })).code).toBe('NOT_FOUND')
  })

  it('needContact: in full to those PRODUCT.md names, each view of someone else’s audited; FORBIDDEN to other readers, NOT_FOUND to the rest', async () => {
    for (const actor of ACTORS) {
      const who = actor === 'anonymous' ? null : w.people[actor]
      const viewsBefore = who ? await contactViews(who.id) : 0
      const res = await w.as(actor)<{ needContact: { name: string; phone: string; address: string } }>(CONTACT, {
        c: c(),
        id: n.id,
      })
      const expected = sees[actor]
      if (expected?.contact) {
        expect(res.data!.needContact, actor).toEqual({ needId: n.id, name: name(), phone: phone(), address: ADDRESS })
        expect(await contactViews(who!.id)).toBe(viewsBefore + (actor === 'resident' ? 0 : 1))
      } else {
        expect(res.code, actor).toBe(actor === 'anonymous' ? 'UNAUTHENTICATED' : expected ? 'FORBIDDEN' : 'NOT_FOUND')
        if (who) expect(await contactViews(who.id)).toBe(viewsBefore)
      }
    }
    const [view] = await t.database.db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'contact.view'), eq(schema.auditEvents.actorId, w.people.staff.id)))
    expect(view).toMatchObject({ targetType: 'user', targetId: w.people.resident.id, communityId: c() })
  })

  it('photos are served (GET /files/:id) exactly to those who see the need; 404 to everyone else', async () => {
    for (const actor of ACTORS) {
      const who = actor === 'anonymous' ? undefined : await tok(w.people[actor])
      expect(await fileStatus(t, photo, who), actor).toBe(sees[actor] ? 200 : 404)
    }
  })

  it('a unit with a live claim on its project reads the contact; units of the alliance see a summary once published', async () => {
    const other = await submit({ title: '老人助浴' })
    expect((await w.as('unitAdmin')(ONE, { c: c(), id: other.id })).code).toBe('NOT_FOUND')
    await inProject(other.id, { projectState: 'draft' })
    expect((await w.as('unitAdmin')(ONE, { c: c(), id: other.id })).code).toBe('NOT_FOUND')

    const published = await submit({ title: '老人助浴' })
    await inProject(published.id)
    const summary = await w.as('unitAdmin')<{ need: N }>(ONE, { c: c(), id: published.id })
    expect(summary.data!.need).toMatchObject({
      title: '老人助浴',
      description: null,
      forName: null,
      contactPhone: null,
      photos: [],
      timeline: [],
    })
    expect((await w.as('unitAdmin')(CONTACT, { c: c(), id: published.id })).code).toBe('FORBIDDEN')
    // A unit admin of another alliance still sees nothing.
    expect((await t.gql(ONE, { c: c(), id: published.id }, { token: await tok(stranger) })).code).toBe('NOT_FOUND')

    const claimed = await submit({ title: '老人助浴' })
    await inProject(claimed.id, { claim: w.unit.id })
    const full = await w.as('unitAdmin')<{ need: N }>(ONE, { c: c(), id: claimed.id })
    expect(full.data!.need).toMatchObject({ forName: name(), contactPhone: maskPhone(phone()) })
    const viewsBefore = await contactViews(w.people.unitAdmin.id)
    expect(
      (await w.as('unitAdmin')<{ needContact: { phone: string } }>(CONTACT, { c: c(), id: claimed.id })).data!
        .needContact.phone,
    ).toBe(phone())
    expect(await contactViews(w.people.unitAdmin.id)).toBe(viewsBefore + 1)
  })
})

describe('the timeline', () => {
  it('lists every step, oldest first, with its actor, states and time', async () => {
    const start = t.clock.now()
    onTestFinished(() => t.clock.set(start)) // access tokens last 15 minutes
    const n = await submit()
    const t0 = t.clock.now().toISOString()
    t.clock.advanceSeconds(90)
    await w.as('resident')(UPDATE, { c: c(), id: n.id, i: input({ urgency: 'urgent' }) })
    const t1 = t.clock.now().toISOString()
    t.clock.advanceMinutes(3)
    await w.as('staff')(ACCEPT, { c: c(), id: n.id })
    const t2 = t.clock.now().toISOString()
    t.clock.advanceMinutes(5)
    await w.as('staff')(CLOSE, { c: c(), id: n.id, r: '居民已自行解决' })
    const t3 = t.clock.now().toISOString()
    const res = await w.as('resident')<{ need: N }>(ONE, { c: c(), id: n.id })
    const staffName = w.people.staff.realName
    expect(res.data!.need.timeline).toEqual([
      {
        action: 'submitted',
        fromState: null,
        toState: 'submitted',
        detail: { channel: 'online' },
        at: t0,
        actorName: w.people.resident.realName,
        actorRole: 'resident',
      },
      {
        action: 'edited',
        fromState: null,
        toState: null,
        detail: {},
        at: t1,
        actorName: w.people.resident.realName,
        actorRole: 'resident',
      },
      {
        action: 'accepted',
        fromState: 'submitted',
        toState: 'accepted',
        detail: {},
        at: t2,
        actorName: staffName,
        actorRole: 'community_staff',
      },
      {
        action: 'closed',
        fromState: 'accepted',
        toState: 'closed',
        detail: { reason: '居民已自行解决' },
        at: t3,
        actorName: staffName,
        actorRole: 'community_staff',
      },
    ])
  })
})

describe('needs (the list) and myNeeds', () => {
  beforeEach(async () => {
    await t.database.db.delete(schema.needEvents)
    await t.database.db.update(schema.needs).set({ mergedIntoId: null })
    await t.database.db.delete(schema.needs)
  })

  it('staff and the admins above see all; grid workers their grid’s; others NOT_FOUND', async () => {
    const here = await submit({ title: '修理水龙头' })
    const db = t.database.db
    // A need in another grid of the community (recorded by staff).
    const [grid2] = await db
      .insert(schema.grids)
      .values({ communityId: c(), name: '第二网格', createdAt: t.clock.now() })
      .returning()
    const there = await record({ gridId: grid2!.id, title: '清理楼道杂物' }, 'staff')
    for (const actor of ACTORS) {
      const res = await w.as(actor)<{ needs: { nodes: N[] } }>(LIST, { c: c() })
      const ids = res.data?.needs.nodes.map((x) => x.id).sort()
      if (['staff', 'streetAdmin', 'districtAdmin'].includes(actor))
        expect(ids, actor).toEqual([here.id, there.id].sort())
      else if (actor === 'gridWorker') expect(ids).toEqual([here.id])
      else expect(res.code, actor).toBe(actor === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND')
    }
    const staffView = await w.as('staff')<{ needs: { nodes: N[] } }>(LIST, { c: c(), f: { gridId: w.grid.id } })
    expect(staffView.data!.needs.nodes).toEqual([
      expect.objectContaining({
        id: here.id,
        forName: w.people.resident.realName,
        contactPhone: maskPhone(w.people.resident.phone),
      }),
    ])
    const workerView = await w.as('gridWorker')<{ needs: { nodes: N[] } }>(LIST, { c: c() })
    expect(workerView.data!.needs.nodes[0]!.forName).toBe(maskName(w.people.resident.realName))
  })

  it('filters by state, channel, category and finds two-character and one-character Chinese substrings', async () => {
    const a = await submit({ title: '修理水龙头', description: '厨房水龙头漏水' })
    await submit({ title: '陪同就医', description: '需要志愿者陪同去医院', category: 'care' })
    await record({ title: '清理楼道杂物', description: '楼道堆放杂物有消防隐患' })
    await w.as('staff')(ACCEPT, { c: c(), id: a.id })
    const titles = async (f: Record<string, unknown>) =>
      (await w.as('staff')<{ needs: { nodes: N[] } }>(LIST, { c: c(), f })).data!.needs.nodes.map((x) => x.title).sort()
    expect(await titles({ search: '龙头' })).toEqual(['修理水龙头'])
    expect(await titles({ search: '医' })).toEqual(['陪同就医'])
    expect(await titles({ search: '消防' })).toEqual(['清理楼道杂物'])
    expect(await titles({ search: '头龙' })).toEqual([])
    expect(await titles({ states: ['accepted'] })).toEqual(['修理水龙头'])
    expect(await titles({ channel: 'grid_visit' })).toEqual(['清理楼道杂物'])
    expect(await titles({ category: 'care' })).toEqual(['陪同就医'])
  })

  it('pages newest first; myNeeds holds the needs for me and those I recorded', async () => {
    const made = [
      await submit({ title: '需求一' }),
      await submit({ title: '需求二' }),
      await submit({ title: '需求三' }),
    ]
    const p1 = await w.as('staff')<{ needs: { nodes: N[]; pageInfo: { endCursor: string; hasNextPage: boolean } } }>(
      LIST,
      { c: c(), first: 2 },
    )
    expect(p1.data!.needs.nodes.map((x) => x.title)).toEqual(['需求三', '需求二'])
    expect(p1.data!.needs.pageInfo.hasNextPage).toBe(true)
    const p2 = await w.as('staff')<{ needs: { nodes: N[]; pageInfo: { hasNextPage: boolean } } }>(LIST, {
      c: c(),
      first: 2,
      after: p1.data!.needs.pageInfo.endCursor,
    })
    expect(p2.data!.needs.nodes.map((x) => x.title)).toEqual(['需求一'])
    expect(p2.data!.needs.pageInfo.hasNextPage).toBe(false)
    const recorded = await record({ title: '代办需求' })
    const mine = async (who: Actor) =>
      (await w.as(who)<{ myNeeds: { nodes: N[] } }>(MINE)).data!.myNeeds.nodes.map((x) => x.id)
    expect(await mine('resident')).toEqual(made.map((x) => x.id).reverse())
    expect(await mine('gridWorker')).toEqual([recorded.id])
    expect(await mine('staff')).toEqual([])
  })
})
