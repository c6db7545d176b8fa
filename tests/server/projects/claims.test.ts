/**
 * 点单 through GraphQL on PGlite and PostgreSQL: capacity, the lead, withdrawals, approval,
 * idempotent retries, and the codes a unit admin sees. (Races: claims.concurrency.test.ts.)
 */
import { and, eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { signIn } from '../../support/accounts.ts'
import { createUser } from '../../support/factories.ts'
import {
  CANCEL,
  CLAIM,
  PROJECT,
  START,
  WITHDRAW,
  buildProjectsWorld,
  type ClaimData,
  type ProjectData,
  type ProjectsWorld,
} from './world.ts'

let t: TestApp
let w: ProjectsWorld

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildProjectsWorld(t)
})
afterAll(() => t?.close())

const projectOf = async (id: string) =>
  (await w.as('staff')<{ project: ProjectData }>(PROJECT, { c: w.community.id, id })).data!.project

describe('claimProject', () => {
  it('fills a joint project of capacity 2, refuses a third unit, frees a place on withdrawal; the lead passes on', async () => {
    const p = await w.publishedProject({ capacity: 2 })
    const a = await w.claim('A', p.id)
    expect(a.errors).toBeUndefined()
    expect(a.data!.claimProject).toMatchObject({
      state: 'active',
      lead: true,
      project: { state: 'published', taken: 1 },
    })
    const b = await w.claim('B', p.id)
    expect(b.data!.claimProject).toMatchObject({
      state: 'active',
      lead: false,
      project: { state: 'claimed', taken: 2 },
    })
    const c = await w.claim('C', p.id)
    expect(c.code).toBe('PROJECT_CAPACITY_REACHED')

    await w.asUnit('B')(WITHDRAW, { c: w.community.id, id: b.data!.claimProject.id })
    expect(await projectOf(p.id)).toMatchObject({ state: 'published', taken: 1 })
    const c2 = await w.claim('C', p.id)
    expect(c2.data!.claimProject).toMatchObject({ state: 'active', lead: false, project: { state: 'claimed' } })

    // A leads; when A withdraws, C (the next earliest live claim) leads, and C's admin is told.
    await w.asUnit('A')(WITHDRAW, { c: w.community.id, id: a.data!.claimProject.id })
    const after = await projectOf(p.id)
    expect(after.claims.map((k) => [k.unit.name, k.lead])).toEqual([['单位C', true]])
    expect(after).toMatchObject({ state: 'published', taken: 1 })
    const told = await w.asUnit('C')<{ myNotifications: { nodes: { kind: string }[] } }>(
      `{ myNotifications(first: 5) { nodes { kind } } }`,
    )
    expect(told.data!.myNotifications.nodes[0]!.kind).toBe('claim.lead_changed')
  })

  it('takes one unit on a solo project', async () => {
    const p = await w.publishedProject({ mode: 'solo', capacity: 1 })
    expect((await w.claim('A', p.id)).data!.claimProject.project).toMatchObject({ state: 'claimed', taken: 1 })
    expect((await w.claim('B', p.id)).code).toBe('PROJECT_CAPACITY_REACHED')
  })

  it('refuses a unit’s second live claim on one project with ALREADY_EXISTS, and changes nothing', async () => {
    const p = await w.publishedProject({ capacity: 3 })
    await w.claim('A', p.id)
    expect((await w.claim('A', p.id)).code).toBe('ALREADY_EXISTS')
    expect(await projectOf(p.id)).toMatchObject({ taken: 1 })
  })

  it('answers a retry with the same idempotency key with the first claim, and refuses the key for another request', async () => {
    const p = await w.publishedProject({ capacity: 3 })
    const first = await w.claim('A', p.id, { k: 'retry-key-0001' })
    const again = await w.claim('A', p.id, { k: 'retry-key-0001' })
    expect(again.errors).toBeUndefined()
    expect(again.data!.claimProject.id).toBe(first.data!.claimProject.id)
    expect(await projectOf(p.id)).toMatchObject({ taken: 1 })
    const other = await w.publishedProject({ capacity: 3 })
    expect((await w.claim('A', other.id, { k: 'retry-key-0001' })).code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect((await w.claim('A', other.id, { k: 'bad key' })).code).toBe('BAD_USER_INPUT')
    // Withdrawing twice with one key: the second returns the first answer.
    const id = first.data!.claimProject.id
    const w1 = await w.asUnit('A')<{ withdrawClaim: ClaimData }>(WITHDRAW, {
      c: w.community.id,
      id,
      k: 'withdraw-0001',
    })
    const w2 = await w.asUnit('A')<{ withdrawClaim: ClaimData }>(WITHDRAW, {
      c: w.community.id,
      id,
      k: 'withdraw-0001',
    })
    expect([w1.data!.withdrawClaim.state, w2.data!.withdrawClaim.state]).toEqual(['withdrawn', 'withdrawn'])
    expect(await projectOf(p.id)).toMatchObject({ taken: 0 })
    // Without the key a second withdrawal is a transition error.
    expect((await w.asUnit('A')(WITHDRAW, { c: w.community.id, id })).code).toBe('INVALID_TRANSITION')
  })

  it('refuses a unit admin claiming for another unit, a unit outside the alliance, and a draft, with NOT_FOUND', async () => {
    const p = await w.publishedProject()
    const forOther = await w.asUnit('A')(CLAIM, { i: { projectId: p.id, unitId: w.admins.B.unitId, volunteers: 1 } })
    expect(forOther.code).toBe('NOT_FOUND')
    // The far community's unit is not in this alliance: its admin does not see the project.
    const farAdmin = await createUser(t.database.db, { roles: [{ role: 'unit_admin', scopeId: w.otherUnit.id }] })
    const far = await t.gql(
      CLAIM,
      { i: { projectId: p.id, unitId: w.otherUnit.id, volunteers: 1 } },
      { token: await signIn(t, farAdmin) },
    )
    expect(far.code).toBe('NOT_FOUND')
    for (const actor of ['resident', 'staff', 'gridWorker', 'streetAdmin'] as const) {
      const res = await w.as(actor)(CLAIM, { i: { projectId: p.id, unitId: w.admins.A.unitId, volunteers: 1 } })
      expect(res.code, actor).toBe('NOT_FOUND')
    }
    const missing = await w.claim('A', '0190f000-0000-7000-8000-000000000000')
    expect(missing.code).toBe('NOT_FOUND')
    const created = await w.as('staff')<{ createProject: ProjectData }>(
      `mutation($c: ID!, $i: ProjectInput!) { createProject(communityId: $c, input: $i) { id } }`,
      { c: w.community.id, i: w.projectInput() },
    )
    expect((await w.claim('A', created.data!.createProject.id)).code).toBe('NOT_FOUND')
    const claims = await t.database.db.select().from(schema.claims).where(eq(schema.claims.projectId, p.id))
    expect(claims).toEqual([])
  })

  it('holds capacity while pending where the community requires approval; staff approve or reject', async () => {
    await w.as('staff')(
      `mutation($c: ID!) { setCommunitySetting(communityId: $c, key: "claimApprovalRequired", value: true) { key } }`,
      {
        c: w.community.id,
      },
    )
    try {
      const p = await w.publishedProject({ capacity: 2 })
      const a = (await w.claim('A', p.id)).data!.claimProject
      const b = (await w.claim('B', p.id)).data!.claimProject
      expect([a.state, b.state]).toEqual(['pending', 'pending'])
      expect((await w.claim('C', p.id)).code).toBe('PROJECT_CAPACITY_REACHED')
      // A project does not start while a claim is pending.
      expect((await w.as('staff')(START, { c: w.community.id, id: p.id })).code).toBe('INVALID_TRANSITION')
      const approve = await w.as('staff')<{ approveClaim: ClaimData }>(
        `mutation($c: ID!, $id: ID!) { approveClaim(communityId: $c, id: $id) { state } }`,
        { c: w.community.id, id: a.id },
      )
      expect(approve.data!.approveClaim.state).toBe('active')
      const reject = await w.as('staff')<{ rejectClaim: ClaimData }>(
        `mutation($c: ID!, $id: ID!, $r: String!) { rejectClaim(communityId: $c, id: $id, reason: $r) { state reason project { taken state } } }`,
        { c: w.community.id, id: b.id, r: '志愿者人数不足' },
      )
      expect(reject.data!.rejectClaim).toMatchObject({
        state: 'rejected',
        reason: '志愿者人数不足',
        project: { taken: 1, state: 'published' },
      })
      // Other communities' staff cannot decide it.
      const other = await w.as('otherStaff')(
        `mutation($c: ID!, $id: ID!) { approveClaim(communityId: $c, id: $id) { state } }`,
        {
          c: w.community.id,
          id: a.id,
        },
      )
      expect(other.code).toBe('NOT_FOUND')
    } finally {
      await w.as('staff')(
        `mutation($c: ID!) { resetCommunitySetting(communityId: $c, key: "claimApprovalRequired") { key } }`,
        {
          c: w.community.id,
        },
      )
    }
  })
})

describe('approveClaim on a project answering a need', () => {
  it('tells the need’s timeline that the unit was approved', async () => {
    await w.as('staff')(
      `mutation($c: ID!) { setCommunitySetting(communityId: $c, key: "claimApprovalRequired", value: true) { key } }`,
      { c: w.community.id },
    )
    try {
      const need = await w.acceptedNeed('审核后通知居民')
      const p = await w.publishedProject({ needIds: [need.id] })
      const a = (await w.claim('A', p.id)).data!.claimProject
      await w.as('staff')(`mutation($c: ID!, $id: ID!) { approveClaim(communityId: $c, id: $id) { state } }`, {
        c: w.community.id,
        id: a.id,
      })
      const events = await t.database.db
        .select()
        .from(schema.needEvents)
        .where(eq(schema.needEvents.needId, need.id))
        .orderBy(schema.needEvents.id)
      expect(events.map((e) => [e.action, e.detail.unitName ?? null])).toEqual([
        ['project_attached', null],
        ['planned', null],
        ['unit_claimed', '单位A'],
        ['unit_claim_approved', '单位A'],
      ])
    } finally {
      await w.as('staff')(
        `mutation($c: ID!) { resetCommunitySetting(communityId: $c, key: "claimApprovalRequired") { key } }`,
        { c: w.community.id },
      )
    }
  })
})

describe('startProject and cancelProject', () => {
  it('starts with an active claim (below capacity for a joint project); claims can no longer be withdrawn', async () => {
    const p = await w.publishedProject({ capacity: 3 })
    expect((await w.as('staff')(START, { c: w.community.id, id: p.id })).code).toBe('INVALID_TRANSITION')
    const a = (await w.claim('A', p.id)).data!.claimProject
    const started = await w.as('staff')<{ startProject: ProjectData }>(START, { c: w.community.id, id: p.id })
    expect(started.data!.startProject.state).toBe('in_progress')
    expect((await w.asUnit('A')(WITHDRAW, { c: w.community.id, id: a.id })).code).toBe('INVALID_TRANSITION')
    expect((await w.claim('B', p.id)).code).toBe('INVALID_TRANSITION')
  })

  it('cancels with a reason: live claims end cancelled, the needs go back to accepted and leave the project', async () => {
    const need = await w.acceptedNeed('楼道灯维修')
    const created = await w.as('staff')<{ createProject: ProjectData }>(
      `mutation($c: ID!, $i: ProjectInput!) { createProject(communityId: $c, input: $i) { id needs { id state } } }`,
      { c: w.community.id, i: w.projectInput({ needIds: [need.id] }) },
    )
    const id = created.data!.createProject.id
    await w.as('staff')(`mutation($c: ID!, $id: ID!) { publishProject(communityId: $c, id: $id) { id } }`, {
      c: w.community.id,
      id,
    })
    const a = (await w.claim('A', id)).data!.claimProject
    const cancelled = await w.as('staff')<{ cancelProject: ProjectData }>(CANCEL, {
      c: w.community.id,
      id,
      r: '场地临时无法使用',
    })
    expect(cancelled.data!.cancelProject).toMatchObject({ state: 'cancelled', taken: 0, claims: [], needs: [] })
    const [claim] = await t.database.db
      .select()
      .from(schema.claims)
      .where(and(eq(schema.claims.communityId, w.community.id), eq(schema.claims.id, a.id)))
    expect(claim).toMatchObject({ state: 'cancelled', reason: '场地临时无法使用' })
    const [n] = await t.database.db.select().from(schema.needs).where(eq(schema.needs.id, need.id))
    expect(n).toMatchObject({ state: 'accepted', projectId: null })
    const events = await t.database.db
      .select()
      .from(schema.needEvents)
      .where(eq(schema.needEvents.needId, need.id))
      .orderBy(schema.needEvents.id)
    expect(events.map((e) => [e.action, e.fromState, e.toState])).toEqual([
      ['project_attached', null, null],
      ['planned', 'accepted', 'planned'],
      ['unit_claimed', null, null],
      ['project_cancelled', 'planned', 'accepted'],
    ])
    expect((await w.as('staff')(CANCEL, { c: w.community.id, id, r: '再次取消' })).code).toBe('INVALID_TRANSITION')
  })
})

describe('personal data', () => {
  it('a unit admin’s export lists the claims they made; a staff member’s the projects they created', async () => {
    const p = await w.publishedProject({ title: '导出测试项目', capacity: 3 })
    await w.claim('A', p.id)
    const mine = await w.asUnit('A')<{
      myData: { claimsMade: { projectTitle: string; unitName: string; state: string }[] }
    }>(`{ myData }`)
    expect(mine.data!.myData.claimsMade).toContainEqual(
      expect.objectContaining({ projectTitle: '导出测试项目', unitName: '单位A', state: 'active' }),
    )
    const staff = await w.as('staff')<{ myData: { projectsCreated: { title: string }[] } }>(`{ myData }`)
    expect(staff.data!.myData.projectsCreated.map((x) => x.title)).toContain('导出测试项目')
  })
})

describe('publishProject', () => {
  it('tells the admins of every unit in the alliance, and no one outside it', async () => {
    await w.publishedProject({ title: '告知所有联盟单位' })
    const latest = async (ask: ReturnType<typeof w.asUnit>) =>
      (
        await ask<{ myNotifications: { nodes: { kind: string; params: { title?: string } }[] } }>(
          `{ myNotifications(first: 1) { nodes { kind params } } }`,
        )
      ).data!.myNotifications.nodes[0]
    for (const key of ['A', 'B', 'C'] as const) {
      expect(await latest(w.asUnit(key)), key).toMatchObject({
        kind: 'project.published',
        params: { title: '告知所有联盟单位' },
      })
    }
    expect(await latest(w.as('unitAdmin'))).toMatchObject({ kind: 'project.published' })
    const far = await latest(w.as('resident'))
    expect(far?.params.title).not.toBe('告知所有联盟单位')
  })
})
