/**
 * Matching over GraphQL: who may ask (outsiders get NOT_FOUND, like a missing id), the order and
 * reasons on a small seeded community, a constant number of statements, and the needs waiting
 * too long by the test clock and the community's setting.
 */
import { schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { addToAlliance, createUnit } from '../../support/factories.ts'
import { createClaim, createNeed, createProject, createResource } from '../../support/list-factories.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'
import { ACTORS, buildWorld, type Actor, type World } from '../../support/world.ts'

let t: TestApp
let w: World
const DAY = 86_400_000

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildWorld(t)
})
afterAll(() => t.close())

const db = () => t.database.db

const REASONS = 'reasons { code weight params }'
const SUGGESTED_RESOURCES = `query($c: ID!, $n: ID!, $first: Int) {
  suggestedResources(communityId: $c, needId: $n, first: $first) {
    resource { id title kind category unitId unitName } score ${REASONS}
  }
}`
const SUGGESTED_PROJECTS = `query($u: ID!, $first: Int) {
  suggestedProjects(unitId: $u, first: $first) {
    project { id communityId communityName title category mode capacity taken startsAt } score ${REASONS}
  }
}`
const WAITING = `query($c: ID!, $first: Int) {
  needsWaitingTooLong(communityId: $c, first: $first) { id title acceptedAt daysWaiting gridName }
}`
const SET_SETTING = `mutation($c: ID!, $k: String!, $v: JSON) { setCommunitySetting(communityId: $c, key: $k, value: $v) { key value } }`

interface Reason {
  code: string
  weight: number
  params: Record<string, unknown> | null
}
interface ResourcesData {
  suggestedResources: {
    resource: { id: string; title: string; kind: string; category: string; unitId: string; unitName: string }
    score: number
    reasons: Reason[]
  }[]
}
interface ProjectsData {
  suggestedProjects: { project: { id: string; title: string; communityId: string }; score: number; reasons: Reason[] }[]
}
interface WaitingData {
  needsWaitingTooLong: { id: string; title: string; acceptedAt: string; daysWaiting: number; gridName: string | null }[]
}

/** 老人助餐 in grid 1 of the world's community, with candidates around it. */
async function seedNeedWithResources() {
  const c = w.community.id
  const [otherGrid] = await db()
    .insert(schema.grids)
    .values({ communityId: c, name: '第二网格', createdAt: new Date('2026-11-01T00:00:00Z') })
    .returning()
  const socialWork = await createUnit(db(), { name: '阳光社工站', kind: 'social_org' })
  await addToAlliance(db(), c, socialWork.id)
  const venueUnit = await createUnit(db(), { name: '物业公司', kind: 'enterprise' })
  await addToAlliance(db(), c, venueUnit.id)
  const leftUnit = await createUnit(db(), { name: '已退出单位', kind: 'enterprise' })
  await addToAlliance(db(), c, leftUnit.id, { status: 'left' })

  const need = await createNeed(db(), {
    communityId: c,
    title: '独居老人助餐',
    description: '第一网格独居老人需要每天午餐送餐',
    category: 'care',
    gridId: w.grid.id,
    state: 'accepted',
  })
  const team = await createResource(db(), {
    communityId: c,
    unitId: socialWork.id,
    title: '助餐志愿服务队',
    category: 'care',
    kind: 'volunteers',
    gridIds: [w.grid.id],
  })
  const clinic = await createResource(db(), {
    communityId: c,
    unitId: w.unit.id,
    title: '医院义诊',
    category: 'care',
    kind: 'expertise',
  })
  const room = await createResource(db(), {
    communityId: c,
    unitId: venueUnit.id,
    title: '第二网格活动室',
    category: 'care',
    kind: 'venue',
    gridIds: [otherGrid!.id],
  })
  // Not candidates: offered (not yet checked), a unit that left the alliance, another community.
  await createResource(db(), { communityId: c, unitId: socialWork.id, title: '待审核资源', state: 'offered' })
  await createResource(db(), { communityId: c, unitId: leftUnit.id, title: '退出单位资源' })
  await createResource(db(), { communityId: w.neighbourCommunity.id, title: '邻社区资源' })

  // The hospital served one care project here before.
  const past = await createProject(db(), { communityId: c, title: '往期义诊', category: 'care', state: 'completed' })
  await createClaim(db(), { communityId: c, projectId: past.id, unitId: w.unit.id, state: 'completed' })
  return { need, team, clinic, room, otherGrid: otherGrid!, socialWork, venueUnit }
}

let seeded: Awaited<ReturnType<typeof seedNeedWithResources>>
beforeAll(async () => {
  seeded = await seedNeedWithResources()
})

const code = (res: { code?: string; errors?: unknown }) => res.code

describe('suggestedResources', () => {
  it('answers staff and the street and district admins above; everyone else NOT_FOUND, like a missing need', async () => {
    const vars = { c: w.community.id, n: seeded.need.id }
    const allowed = new Set<Actor>(['staff', 'streetAdmin', 'districtAdmin'])
    for (const actor of ACTORS) {
      const res = await w.as(actor)<ResourcesData>(SUGGESTED_RESOURCES, vars)
      if (actor === 'anonymous') expect(code(res), actor).toBe('UNAUTHENTICATED')
      else if (allowed.has(actor)) expect(res.data?.suggestedResources.length, actor).toBe(3)
      else expect(code(res), actor).toBe('NOT_FOUND')
    }
    const staff = w.as('staff')
    const missing = await staff(SUGGESTED_RESOURCES, { c: w.community.id, n: '0190f5b2-0000-7000-8000-000000000000' })
    expect(code(missing)).toBe('NOT_FOUND')
    expect(code(await staff(SUGGESTED_RESOURCES, { c: w.community.id, n: 'not-a-uuid' }))).toBe('NOT_FOUND')
    // A need of another community, asked through the staff's own community or through its own.
    const elsewhere = await createNeed(db(), { communityId: w.neighbourCommunity.id, category: 'care' })
    expect(code(await staff(SUGGESTED_RESOURCES, { c: w.community.id, n: elsewhere.id }))).toBe('NOT_FOUND')
    expect(code(await staff(SUGGESTED_RESOURCES, { c: w.neighbourCommunity.id, n: elsewhere.id }))).toBe('NOT_FOUND')
  })

  it('orders the community’s published resources for the need, with the reasons', async () => {
    const res = await w.as('staff')<ResourcesData>(SUGGESTED_RESOURCES, { c: w.community.id, n: seeded.need.id })
    expect(res.errors).toBeUndefined()
    const list = res.data!.suggestedResources
    // 助餐志愿队 serving grid 1 > the hospital's 义诊 for the whole community > a venue in grid 2.
    expect(list.map((s) => s.resource.title)).toEqual(['助餐志愿服务队', '医院义诊', '第二网格活动室'])
    expect(list[0]).toEqual({
      resource: {
        id: seeded.team.id,
        title: '助餐志愿服务队',
        kind: 'volunteers',
        category: 'care',
        unitId: seeded.socialWork.id,
        unitName: '阳光社工站',
      },
      score: 80,
      reasons: [
        { code: 'CATEGORY_MATCH', weight: 35, params: { category: 'care' } },
        { code: 'SERVES_GRID', weight: 20, params: { gridId: w.grid.id } },
        { code: 'RESOURCE_KIND_FITS', weight: 15, params: { kind: 'volunteers' } },
        { code: 'AVAILABLE_IN_TIME', weight: 10, params: { date: '2026-11-01' } },
      ],
    })
    const clinic = list[1]!
    expect(clinic.reasons.map((r) => r.code)).toEqual([
      'CATEGORY_MATCH',
      'RESOURCE_KIND_FITS',
      'SERVES_WHOLE_COMMUNITY',
      'AVAILABLE_IN_TIME',
      'PAST_WORK_IN_CATEGORY',
      'PAST_WORK_IN_COMMUNITY',
    ])
    expect(clinic.reasons.find((r) => r.code === 'PAST_WORK_IN_CATEGORY')!.params).toEqual({
      count: 1,
      category: 'care',
    })
    expect(list[2]!.reasons.map((r) => r.code)).toContain('SERVES_OTHER_GRIDS')
    for (let i = 1; i < list.length; i++) expect(list[i - 1]!.score).toBeGreaterThan(list[i]!.score)
  })

  it('honours `first`', async () => {
    const res = await w.as('staff')<ResourcesData>(SUGGESTED_RESOURCES, {
      c: w.community.id,
      n: seeded.need.id,
      first: 1,
    })
    expect(res.data!.suggestedResources.map((s) => s.resource.title)).toEqual(['助餐志愿服务队'])
  })

  it('takes the same number of statements with more candidates', async () => {
    const ask = () =>
      w.as('staff')<ResourcesData>(SUGGESTED_RESOURCES, { c: w.community.id, n: seeded.need.id, first: 50 })
    const before = await t.sql.measure(ask)
    for (let i = 0; i < 6; i++) {
      const unit = await createUnit(db())
      await addToAlliance(db(), w.community.id, unit.id)
      await createResource(db(), { communityId: w.community.id, unitId: unit.id, category: 'convenience' })
    }
    const after = await t.sql.measure(ask)
    expect(after.count).toBe(before.count)
    expect(after.result.data!.suggestedResources).toHaveLength(9)
  })
})

describe('suggestedProjects', () => {
  let care: { id: string }
  let outreach: { id: string }
  beforeAll(async () => {
    const c = w.community.id
    const needInGrid = await createNeed(db(), {
      communityId: c,
      category: 'care',
      gridId: w.grid.id,
      state: 'planned',
    })
    care = await createProject(db(), {
      communityId: c,
      title: '关爱老人义诊',
      category: 'care',
      needIds: [needInGrid.id],
      startsAt: new Date('2026-11-05T01:00:00Z'),
      endsAt: new Date('2026-11-05T05:00:00Z'),
    })
    outreach = await createProject(db(), { communityId: c, title: '反诈宣讲', category: 'policy_outreach' })
    // Not candidates: full, already claimed by the unit (pending), draft, other communities.
    const full = await createProject(db(), { communityId: c, title: '已满项目', category: 'care' })
    await createClaim(db(), { communityId: c, projectId: full.id, unitId: seeded.socialWork.id })
    const mine = await createProject(db(), {
      communityId: c,
      title: '已认领项目',
      category: 'care',
      mode: 'joint',
      capacity: 3,
    })
    await createClaim(db(), { communityId: c, projectId: mine.id, unitId: w.unit.id, state: 'pending' })
    await createProject(db(), { communityId: c, title: '草稿项目', category: 'care', state: 'draft' })
    await createProject(db(), { communityId: w.farCommunity.id, title: '远社区项目', category: 'care' })
    // The hospital left the neighbour community's alliance: its projects are no longer offered.
    await addToAlliance(db(), w.neighbourCommunity.id, w.unit.id, { status: 'left' })
    await createProject(db(), { communityId: w.neighbourCommunity.id, title: '邻社区项目', category: 'care' })
  })

  it('answers the unit’s admins only; everyone else NOT_FOUND, like a missing unit', async () => {
    for (const actor of ACTORS) {
      const res = await w.as(actor)<ProjectsData>(SUGGESTED_PROJECTS, { u: w.unit.id })
      if (actor === 'anonymous') expect(code(res), actor).toBe('UNAUTHENTICATED')
      else if (actor === 'unitAdmin') expect(res.errors, actor).toBeUndefined()
      else expect(code(res), actor).toBe('NOT_FOUND')
    }
    const admin = w.as('unitAdmin')
    expect(code(await admin(SUGGESTED_PROJECTS, { u: w.otherUnit.id }))).toBe('NOT_FOUND')
    expect(code(await admin(SUGGESTED_PROJECTS, { u: '0190f5b2-0000-7000-8000-000000000000' }))).toBe('NOT_FOUND')
    expect(code(await admin(SUGGESTED_PROJECTS, { u: 'x' }))).toBe('NOT_FOUND')
  })

  it('offers claimable projects of its alliances, best first, with the reasons', async () => {
    const res = await w.as('unitAdmin')<ProjectsData>(SUGGESTED_PROJECTS, { u: w.unit.id })
    expect(res.errors).toBeUndefined()
    const list = res.data!.suggestedProjects
    expect(list.map((s) => s.project.title)).toEqual(['关爱老人义诊', '反诈宣讲'])
    expect(list.map((s) => s.project.id)).toEqual([care.id, outreach.id])
    expect(list[0]!.project.communityId).toBe(w.community.id)
    const codes = list[0]!.reasons.map((r) => r.code)
    expect(codes).toEqual(
      expect.arrayContaining([
        'CATEGORY_MATCH',
        'RESOURCE_KIND_FITS',
        'AVAILABLE_IN_TIME',
        'CAPACITY_LEFT',
        'PAST_WORK_IN_CATEGORY',
        'PAST_WORK_IN_COMMUNITY',
        'URGENT',
      ]),
    )
    expect(list[0]!.reasons.find((r) => r.code === 'URGENT')!.params).toEqual({ days: 4 })
    expect(list[1]!.reasons.map((r) => r.code)).not.toContain('CATEGORY_MATCH')
    expect(list[0]!.score).toBeGreaterThan(list[1]!.score)
  })

  it('takes the same number of statements with more projects', async () => {
    const ask = () => w.as('unitAdmin')<ProjectsData>(SUGGESTED_PROJECTS, { u: w.unit.id, first: 50 })
    const before = await t.sql.measure(ask)
    for (let i = 0; i < 5; i++) await createProject(db(), { communityId: w.community.id, category: 'governance' })
    const after = await t.sql.measure(ask)
    expect(after.count).toBe(before.count)
    expect(after.result.data!.suggestedProjects).toHaveLength(7)
  })
})

describe('needsWaitingTooLong', () => {
  /** Staff signed in now (access tokens expire as the test clock moves on). */
  let logins = 0
  async function staffNow() {
    const { phone, password } = w.people.staff
    const res = await t.gql<LoginData>(LOGIN, { phone, password }, { ip: `10.78.0.${++logins}` })
    const token = res.data!.login.accessToken
    return <T>(query: string, variables?: Record<string, unknown>) => t.gql<T>(query, variables, { token })
  }
  const ago = (days: number) => new Date(t.clock.now().getTime() - days * DAY)
  let tenDays: { id: string }
  let eightDays: { id: string }
  let threeDays: { id: string }
  beforeAll(async () => {
    const c = w.community.id
    tenDays = await createNeed(db(), {
      communityId: c,
      title: '十天',
      state: 'accepted',
      acceptedAt: ago(10),
      gridId: w.grid.id,
    })
    eightDays = await createNeed(db(), { communityId: c, title: '八天', state: 'accepted', acceptedAt: ago(8) })
    threeDays = await createNeed(db(), { communityId: c, title: '三天', state: 'accepted', acceptedAt: ago(3) })
    // Not waiting: planned, submitted, another community's.
    await createNeed(db(), { communityId: c, title: '已计划', state: 'planned', acceptedAt: ago(20) })
    await createNeed(db(), { communityId: c, title: '待受理', state: 'submitted' })
    await createNeed(db(), { communityId: w.neighbourCommunity.id, state: 'accepted', acceptedAt: ago(30) })
  })

  it('answers staff and the street and district admins above; everyone else NOT_FOUND', async () => {
    const allowed = new Set<Actor>(['staff', 'streetAdmin', 'districtAdmin'])
    for (const actor of ACTORS) {
      const res = await w.as(actor)<WaitingData>(WAITING, { c: w.community.id })
      if (actor === 'anonymous') expect(code(res), actor).toBe('UNAUTHENTICATED')
      else if (allowed.has(actor)) expect(res.errors, actor).toBeUndefined()
      else expect(code(res), actor).toBe('NOT_FOUND')
    }
    const missing = await w.as('staff')(WAITING, { c: '0190f5b2-0000-7000-8000-000000000000' })
    expect(code(missing)).toBe('NOT_FOUND')
  })

  it('lists accepted needs older than the default seven days, oldest first, with the days waited', async () => {
    const res = await w.as('staff')<WaitingData>(WAITING, { c: w.community.id })
    expect(res.data!.needsWaitingTooLong).toEqual([
      { id: tenDays.id, title: '十天', acceptedAt: ago(10).toISOString(), daysWaiting: 10, gridName: w.grid.name },
      { id: eightDays.id, title: '八天', acceptedAt: ago(8).toISOString(), daysWaiting: 8, gridName: null },
    ])
  })

  it('a need joins the list once seven days have passed by the clock', async () => {
    t.clock.advance(4 * DAY - 60_000) // the three-day need: 7 days less a minute
    const staff = await staffNow()
    let res = await staff<WaitingData>(WAITING, { c: w.community.id })
    expect(res.data!.needsWaitingTooLong.map((n) => n.id)).toEqual([tenDays.id, eightDays.id])
    t.clock.advance(2 * 60_000) // 7 days and a minute
    res = await staff<WaitingData>(WAITING, { c: w.community.id })
    expect(res.data!.needsWaitingTooLong.map((n) => [n.id, n.daysWaiting])).toEqual([
      [tenDays.id, 14],
      [eightDays.id, 12],
      [threeDays.id, 7],
    ])
    res = await staff<WaitingData>(WAITING, { c: w.community.id, first: 1 })
    expect(res.data!.needsWaitingTooLong.map((n) => n.id)).toEqual([tenDays.id])
  })

  it('follows the community’s waitingTooLongDays setting', async () => {
    const staff = await staffNow()
    const set = await staff(SET_SETTING, { c: w.community.id, k: 'waitingTooLongDays', v: 13 })
    expect(set.errors).toBeUndefined()
    let res = await staff<WaitingData>(WAITING, { c: w.community.id })
    expect(res.data!.needsWaitingTooLong.map((n) => n.id)).toEqual([tenDays.id])
    await staff(SET_SETTING, { c: w.community.id, k: 'waitingTooLongDays', v: 2 })
    res = await staff<WaitingData>(WAITING, { c: w.community.id })
    // Now also the 助餐 need accepted four days ago (seeded above).
    expect(res.data!.needsWaitingTooLong.map((n) => [n.id, n.daysWaiting])).toEqual([
      [tenDays.id, 14],
      [eightDays.id, 12],
      [threeDays.id, 7],
      [seeded.need.id, 4],
    ])
  })
})
