/**
 * The resource list (联盟资源清单) on real SQL: a unit's admin offers into an alliance it is
 * active in, staff publish or return (with a reason), the unit edits a returned one (offered
 * again), withdraws, either side marks a published one used up. Every refusal is checked for
 * its code and for writing nothing; outsiders get NOT_FOUND exactly like a missing id.
 */
import { eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { signIn } from '../../support/accounts.ts'
import { addToAlliance, createUnit, createUser, type CreatedUser } from '../../support/factories.ts'
import { listsFingerprint } from '../../support/lists.ts'
import { ACTORS, buildWorld, type Actor, type World } from '../../support/world.ts'

const FIELDS = `id communityId unitId unit { id name kind } title description category kind quantity quantityUnit
  availability availableFrom availableUntil gridIds state returnReason createdAt updatedAt`
const OFFER = `mutation($c: ID!, $u: ID!, $i: ResourceInput!) { offerResource(communityId: $c, unitId: $u, input: $i) { ${FIELDS} } }`
const UPDATE = `mutation($c: ID!, $id: ID!, $i: ResourceInput!) { updateResource(communityId: $c, id: $id, input: $i) { ${FIELDS} } }`
const WITHDRAW = `mutation($c: ID!, $id: ID!) { withdrawResource(communityId: $c, id: $id) { id state } }`
const PUBLISH = `mutation($c: ID!, $id: ID!) { publishResource(communityId: $c, id: $id) { id state } }`
const RETURN = `mutation($c: ID!, $id: ID!, $r: String!) { returnResource(communityId: $c, id: $id, reason: $r) { id state returnReason } }`
const EXHAUST = `mutation($c: ID!, $id: ID!) { markResourceExhausted(communityId: $c, id: $id) { id state } }`
const LIST = `query($c: ID!, $f: ResourceFilter, $first: Int, $after: String) {
  resources(communityId: $c, filter: $f, first: $first, after: $after) { nodes { id title state unitId } pageInfo { endCursor hasNextPage } } }`
const UNIT_LIST = `query($u: ID!, $f: ResourceFilter) { unitResources(unitId: $u, filter: $f) { nodes { id communityId state } } }`
const ONE = `query($c: ID!, $id: ID!) { resource(communityId: $c, id: $id) { id state unit { name } } }`

interface R {
  id: string
  state: string
  title: string
  unitId: string
  returnReason?: string | null
}

let t: TestApp
let w: World
/** Admin of a second unit active in the community's alliance. */
let peer: CreatedUser
let peerToken: string
let peerUnitId: string
const MISSING = '01900000-0000-7000-8000-000000000000'

const input = (over: Record<string, unknown> = {}) => ({
  title: '学校会议室',
  description: '可容纳40人的多功能会议室，周末开放',
  category: 'convenience',
  kind: 'venue',
  quantity: 40,
  quantityUnit: '座',
  availability: '每周六上午',
  availableFrom: '2026-11-01',
  availableUntil: '2027-06-30',
  gridIds: [],
  ...over,
})

type Who = Actor | 'peer'
const as = (who: Who) => (q: string, v?: Record<string, unknown>) =>
  who === 'peer' ? t.gql(q, v, { token: peerToken }) : w.as(who)(q, v)

async function offer(over: Record<string, unknown> = {}): Promise<R> {
  const res = await w.as('unitAdmin')<{ offerResource: R }>(OFFER, { c: w.community.id, u: w.unit.id, i: input(over) })
  expect(res.errors).toBeUndefined()
  return res.data!.offerResource
}
async function inState(state: 'offered' | 'published' | 'returned' | 'withdrawn' | 'exhausted'): Promise<R> {
  const r = await offer()
  const c = w.community.id
  if (state === 'published' || state === 'exhausted') await w.as('staff')(PUBLISH, { c, id: r.id })
  if (state === 'exhausted') await w.as('staff')(EXHAUST, { c, id: r.id })
  if (state === 'returned') await w.as('staff')(RETURN, { c, id: r.id, r: '请补充开放时间' })
  if (state === 'withdrawn') await w.as('unitAdmin')(WITHDRAW, { c, id: r.id })
  return { ...r, state }
}
const noticesOf = async (userId: string, kind: string) =>
  t.database.db
    .select()
    .from(schema.notifications)
    .where(eq(schema.notifications.recipientId, userId))
    .then((rows) => rows.filter((n) => n.kind === kind))

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildWorld(t)
  const peerUnit = await createUnit(t.database.db, { name: '同盟企业', kind: 'enterprise' })
  peerUnitId = peerUnit.id
  await addToAlliance(t.database.db, w.community.id, peerUnit.id)
  peer = await createUser(t.database.db, { roles: [{ role: 'unit_admin', scopeId: peerUnit.id }] })
  peerToken = await signIn(t, peer)
})
afterAll(() => t?.close())

describe('offerResource', () => {
  it('puts the resource in the list as offered, tells the community’s staff (not the unit), audits it', async () => {
    const res = await w.as('unitAdmin')<{ offerResource: Record<string, unknown> }>(OFFER, {
      c: w.community.id,
      u: w.unit.id,
      i: input({ gridIds: [w.grid.id] }),
    })
    expect(res.errors).toBeUndefined()
    const r = res.data!.offerResource
    expect(r).toMatchObject({
      communityId: w.community.id,
      unitId: w.unit.id,
      unit: { id: w.unit.id, name: w.unit.name, kind: 'hospital' },
      title: '学校会议室',
      kind: 'venue',
      quantity: 40,
      quantityUnit: '座',
      availableFrom: '2026-11-01',
      availableUntil: '2027-06-30',
      gridIds: [w.grid.id],
      state: 'offered',
      returnReason: null,
    })
    const told = await noticesOf(w.people.staff.id, 'resource.offered')
    expect(told.map((n) => n.subjectId)).toContain(r.id)
    expect(told.find((n) => n.subjectId === r.id)!.params).toEqual({ title: '学校会议室', unitName: w.unit.name })
    expect((await noticesOf(w.people.unitAdmin.id, 'resource.offered')).length).toBe(0)
    const audit = await t.database.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.targetId, r.id as string))
    expect(audit).toEqual([
      expect.objectContaining({ action: 'resource.offer', actorId: w.people.unitAdmin.id, unitId: w.unit.id }),
    ])
  })

  it('refuses bad input with field codes and writes nothing', async () => {
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ title: '室' }, { title: 'TITLE_TOO_SHORT' }],
      [{ category: 'no_such_category' }, { category: 'CATEGORY_CODE_INVALID' }],
      [{ gridIds: [w.neighbourGrid.id] }, { gridIds: 'VALUE_INVALID' }],
      [{ gridIds: ['nonsense'] }, { gridIds: 'VALUE_INVALID' }],
      [{ quantity: 0 }, { quantity: 'QUANTITY_INVALID' }],
      [{ availableFrom: '2027-01-01', availableUntil: '2026-01-01' }, { availableUntil: 'ENDS_BEFORE_START' }],
      [{ availableFrom: '明天' }, { availableFrom: 'DATE_INVALID' }],
    ]
    for (const [over, fields] of cases) {
      const before = await listsFingerprint(t)
      const res = await w.as('unitAdmin')(OFFER, { c: w.community.id, u: w.unit.id, i: input(over) })
      expect(res.code, JSON.stringify(over)).toBe('BAD_USER_INPUT')
      expect(res.errors![0]!.extensions!.fields).toEqual(fields)
      expect(await listsFingerprint(t)).toBe(before)
    }
  })

  it('is for the unit’s admins only, into an alliance where the unit is active; others get NOT_FOUND', async () => {
    for (const actor of ACTORS) {
      if (actor === 'unitAdmin') continue
      const before = await listsFingerprint(t)
      const res = await w.as(actor)(OFFER, { c: w.community.id, u: w.unit.id, i: input() })
      expect(res.code, actor).toBe(actor === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND')
      expect(await listsFingerprint(t)).toBe(before)
    }
    // Its admin, but the unit is not in that community's alliance (or the ids are nonsense).
    for (const [c, u] of [
      [w.farCommunity.id, w.unit.id],
      [w.neighbourCommunity.id, w.unit.id],
      [MISSING, w.unit.id],
      [w.community.id, 'x'],
    ]) {
      const before = await listsFingerprint(t)
      expect((await w.as('unitAdmin')(OFFER, { c, u, i: input() })).code).toBe('NOT_FOUND')
      expect(await listsFingerprint(t)).toBe(before)
    }
    // A unit that left the alliance offers no more.
    const left = await createUnit(t.database.db)
    await addToAlliance(t.database.db, w.community.id, left.id, { status: 'left' })
    const leftAdmin = await createUser(t.database.db, { roles: [{ role: 'unit_admin', scopeId: left.id }] })
    const res = await t.gql(OFFER, { c: w.community.id, u: left.id, i: input() }, { token: await signIn(t, leftAdmin) })
    expect(res.code).toBe('NOT_FOUND')
  })
})

describe('the resource’s states', () => {
  const c = () => w.community.id

  it('publishResource: offered → published by staff; the unit’s admins are told, the actor is not', async () => {
    const r = await offer()
    const res = await w.as('staff')<{ publishResource: R }>(PUBLISH, { c: c(), id: r.id })
    expect(res.data!.publishResource.state).toBe('published')
    const told = await noticesOf(w.people.unitAdmin.id, 'resource.decided')
    expect(told.find((n) => n.subjectId === r.id)!.params).toEqual({ title: '学校会议室', state: 'published' })
    expect((await noticesOf(w.people.staff.id, 'resource.decided')).length).toBe(0)
  })

  it('returnResource: offered → returned with the reason, which the unit is told; editing offers it again', async () => {
    const r = await offer()
    const res = await w.as('staff')<{ returnResource: R }>(RETURN, { c: c(), id: r.id, r: '请补充开放时间' })
    expect(res.data!.returnResource).toMatchObject({ state: 'returned', returnReason: '请补充开放时间' })
    const told = await noticesOf(w.people.unitAdmin.id, 'resource.decided')
    expect(told.find((n) => n.subjectId === r.id)!.params).toEqual({
      title: '学校会议室',
      state: 'returned',
      reason: '请补充开放时间',
    })
    const offeredBefore = (await noticesOf(w.people.staff.id, 'resource.offered')).length
    const edited = await w.as('unitAdmin')<{ updateResource: R }>(UPDATE, {
      c: c(),
      id: r.id,
      i: input({ availability: '每周六、周日上午' }),
    })
    expect(edited.data!.updateResource).toMatchObject({ state: 'offered', returnReason: null })
    expect((await noticesOf(w.people.staff.id, 'resource.offered')).length).toBe(offeredBefore + 1)
  })

  it('updateResource keeps an offered one offered (and tells nobody again)', async () => {
    const r = await offer()
    const before = (await noticesOf(w.people.staff.id, 'resource.offered')).length
    const res = await w.as('unitAdmin')<{ updateResource: R }>(UPDATE, {
      c: c(),
      id: r.id,
      i: input({ title: '礼堂' }),
    })
    expect(res.data!.updateResource).toMatchObject({ state: 'offered', title: '礼堂' })
    expect((await noticesOf(w.people.staff.id, 'resource.offered')).length).toBe(before)
  })

  it('withdrawResource from offered, returned and published; markResourceExhausted by the unit or staff', async () => {
    for (const s of ['offered', 'returned', 'published'] as const) {
      const r = await inState(s)
      const res = await w.as('unitAdmin')<{ withdrawResource: R }>(WITHDRAW, { c: c(), id: r.id })
      expect(res.data!.withdrawResource.state, s).toBe('withdrawn')
    }
    for (const who of ['unitAdmin', 'staff'] as const) {
      const r = await inState('published')
      const res = await w.as(who)<{ markResourceExhausted: R }>(EXHAUST, { c: c(), id: r.id })
      expect(res.data!.markResourceExhausted.state, who).toBe('exhausted')
    }
  })

  it('refuses moves the state machine does not allow with INVALID_TRANSITION (from, to), writing nothing', async () => {
    const cases: [Parameters<typeof inState>[0], Who, string, Record<string, unknown>, string][] = [
      ['published', 'staff', PUBLISH, {}, 'published'],
      ['returned', 'staff', PUBLISH, {}, 'published'],
      ['published', 'staff', RETURN, { r: '不需要了' }, 'returned'],
      ['offered', 'staff', EXHAUST, {}, 'exhausted'],
      ['withdrawn', 'unitAdmin', WITHDRAW, {}, 'withdrawn'],
      ['exhausted', 'unitAdmin', WITHDRAW, {}, 'withdrawn'],
      ['published', 'unitAdmin', UPDATE, { i: input() }, 'offered'],
      ['withdrawn', 'unitAdmin', UPDATE, { i: input() }, 'offered'],
    ]
    for (const [state, who, doc, vars, to] of cases) {
      const r = await inState(state)
      const before = await listsFingerprint(t)
      const res = await as(who)(doc, { c: c(), id: r.id, ...vars })
      expect(res.code, `${state} → ${to}`).toBe('INVALID_TRANSITION')
      expect(res.errors![0]!.extensions).toMatchObject({ from: state, to })
      expect(await listsFingerprint(t)).toBe(before)
    }
  })

  it('returning needs a reason (BAD_USER_INPUT REASON_REQUIRED)', async () => {
    const r = await offer()
    const before = await listsFingerprint(t)
    const res = await w.as('staff')(RETURN, { c: c(), id: r.id, r: ' ' })
    expect(res.code).toBe('BAD_USER_INPUT')
    expect(res.errors![0]!.extensions!.fields).toEqual({ _: 'REASON_REQUIRED' })
    expect(await listsFingerprint(t)).toBe(before)
  })
})

describe('who may change a resource', () => {
  // What each actor gets: those who may see the resource but not change it, FORBIDDEN;
  // everyone else NOT_FOUND, exactly as for a missing id.
  const expected = (mutation: string, actor: Who): string | null => {
    if (actor === 'anonymous') return 'UNAUTHENTICATED'
    const seesOffered = ['staff', 'streetAdmin', 'districtAdmin', 'unitAdmin'].includes(actor)
    switch (mutation) {
      case 'publish':
      case 'return':
        return actor === 'staff' ? null : seesOffered ? 'FORBIDDEN' : 'NOT_FOUND'
      case 'update':
      case 'withdraw':
        return actor === 'unitAdmin' ? null : seesOffered ? 'FORBIDDEN' : 'NOT_FOUND'
      case 'exhaust': // on a published one, which admins of the alliance's units see too
        return actor === 'unitAdmin' || actor === 'staff'
          ? null
          : seesOffered || actor === 'peer'
            ? 'FORBIDDEN'
            : 'NOT_FOUND'
    }
    throw new Error(mutation)
  }
  const ops: [string, string, Parameters<typeof inState>[0], Record<string, unknown>][] = [
    ['publish', PUBLISH, 'offered', {}],
    ['return', RETURN, 'offered', { r: '请补充开放时间' }],
    ['update', UPDATE, 'offered', { i: input() }],
    ['withdraw', WITHDRAW, 'offered', {}],
    ['exhaust', EXHAUST, 'published', {}],
  ]
  for (const [name, doc, state, vars] of ops) {
    it(`${name}: the matrix of actors, and a missing id`, async () => {
      const r = await inState(state)
      for (const actor of [...ACTORS, 'peer'] as Who[]) {
        const want = expected(name, actor)
        if (want === null) continue
        const before = await listsFingerprint(t)
        const res = await as(actor)(doc, { c: w.community.id, id: r.id, ...vars })
        expect(res.code, `${name} as ${actor}`).toBe(want)
        expect(await listsFingerprint(t)).toBe(before)
      }
      for (const [cId, id] of [
        [w.community.id, MISSING],
        [w.neighbourCommunity.id, r.id],
        [w.community.id, 'not-a-uuid'],
      ]) {
        const res = await w.as('staff')(doc, { c: cId, id, ...vars })
        expect(res.code).toBe('NOT_FOUND')
      }
    })
  }
})

describe('reading the list', () => {
  let own: R[]
  let peerOffered: R
  let peerPublished: R
  beforeAll(async () => {
    await t.database.db.delete(schema.resources)
    own = [await inState('offered'), await inState('published'), await inState('returned')]
    const p = (over: Record<string, unknown>) =>
      t.gql<{ offerResource: R }>(OFFER, { c: w.community.id, u: peerUnitId, i: input(over) }, { token: peerToken })
    peerOffered = (
      await p({ title: '企业资金', description: '助老慰问金', kind: 'funds', category: 'care', gridIds: [w.grid.id] })
    ).data!.offerResource
    peerPublished = (
      await p({ title: '法律咨询服务', description: '律师坐班答疑', kind: 'expertise', category: 'governance' })
    ).data!.offerResource
    await w.as('staff')(PUBLISH, { c: w.community.id, id: peerPublished.id })
  })
  const ids = (res: { data: { resources: { nodes: R[] } } | null }) => res.data!.resources.nodes.map((n) => n.id).sort()

  it('resources: staff and the admins above see all; a unit admin published ones and their own; others NOT_FOUND', async () => {
    const all = [...own, peerOffered, peerPublished].map((r) => r.id).sort()
    for (const actor of [...ACTORS, 'peer'] as Who[]) {
      const res = await as(actor)(LIST, { c: w.community.id })
      const data = res as unknown as { data: { resources: { nodes: R[] } } | null; code?: string }
      if (['staff', 'streetAdmin', 'districtAdmin'].includes(actor)) expect(ids(data), actor).toEqual(all)
      else if (actor === 'unitAdmin') expect(ids(data)).toEqual([...own.map((r) => r.id), peerPublished.id].sort())
      else if (actor === 'peer') {
        expect(ids(data)).toEqual([own[1]!.id, peerOffered.id, peerPublished.id].sort())
      } else expect(data.code, actor).toBe(actor === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND')
    }
    expect((await w.as('staff')(LIST, { c: MISSING })).code).toBe('NOT_FOUND')
  })

  it('resource: one, for whoever sees it in the list; NOT_FOUND for everyone else and a missing id', async () => {
    for (const actor of ACTORS) {
      const res = await w.as(actor)<{ resource: R }>(ONE, { c: w.community.id, id: peerOffered.id })
      if (['staff', 'streetAdmin', 'districtAdmin'].includes(actor)) expect(res.data!.resource.state).toBe('offered')
      else expect(res.code, actor).toBe(actor === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND')
    }
    expect((await as('peer')(ONE, { c: w.community.id, id: own[1]!.id })).errors).toBeUndefined()
    expect((await as('peer')(ONE, { c: w.community.id, id: own[0]!.id })).code).toBe('NOT_FOUND')
    expect((await w.as('staff')(ONE, { c: w.community.id, id: MISSING })).code).toBe('NOT_FOUND')
  })

  it('filters by state, category, unit, grid (whole-community ones included) and Chinese substrings', async () => {
    const q = (f: Record<string, unknown>) =>
      w.as('staff')<{ resources: { nodes: R[] } }>(LIST, { c: w.community.id, f })
    const titles = async (f: Record<string, unknown>) => (await q(f)).data!.resources.nodes.map((n) => n.title).sort()
    expect(await titles({ states: ['published'] })).toEqual(['学校会议室', '法律咨询服务'])
    expect(await titles({ category: 'care' })).toEqual(['企业资金'])
    expect((await q({ unitId: peerUnitId })).data!.resources.nodes.length).toBe(2)
    expect(await titles({ gridId: w.neighbourGrid.id })).not.toContain('企业资金')
    expect(await titles({ gridId: w.grid.id })).toContain('企业资金')
    expect(await titles({ search: '咨询' })).toEqual(['法律咨询服务'])
    expect(await titles({ search: '法' })).toEqual(['法律咨询服务'])
    expect(await titles({ search: '多功能' })).toEqual(['学校会议室', '学校会议室', '学校会议室'])
    expect(await titles({ search: '询咨' })).toEqual([])
  })

  it('pages newest first by cursor, at most 50', async () => {
    const first = await w.as('staff')<{
      resources: { nodes: R[]; pageInfo: { endCursor: string; hasNextPage: boolean } }
    }>(LIST, { c: w.community.id, first: 2 })
    const page1 = first.data!.resources
    expect(page1.nodes.map((n) => n.id)).toEqual([peerPublished.id, peerOffered.id])
    expect(page1.pageInfo.hasNextPage).toBe(true)
    const second = await w.as('staff')<{ resources: { nodes: R[]; pageInfo: { hasNextPage: boolean } } }>(LIST, {
      c: w.community.id,
      first: 2,
      after: page1.pageInfo.endCursor,
    })
    expect(second.data!.resources.nodes.map((n) => n.id)).toEqual([own[2]!.id, own[1]!.id])
    const big = await w.as('staff')<{ resources: { nodes: R[] } }>(LIST, { c: w.community.id, first: 500 })
    expect(big.data!.resources.nodes.length).toBe(5)
  })

  it('unitResources: the unit’s admins see its resources in every state; others NOT_FOUND', async () => {
    const res = await w.as('unitAdmin')<{ unitResources: { nodes: R[] } }>(UNIT_LIST, { u: w.unit.id })
    expect(res.data!.unitResources.nodes.map((n) => n.id).sort()).toEqual(own.map((r) => r.id).sort())
    for (const actor of ACTORS) {
      if (actor === 'unitAdmin') continue
      expect((await w.as(actor)(UNIT_LIST, { u: w.unit.id })).code, actor).toBe(
        actor === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND',
      )
    }
    expect((await as('peer')(UNIT_LIST, { u: w.unit.id })).code).toBe('NOT_FOUND')
  })
})
