/**
 * The loop of issue 5 through GraphQL, as the people in it do it: a resident submits a need,
 * staff accept it and build a joint project of capacity 2 from it, publish it; units A and B
 * claim it (claimed), C is refused, B withdraws (published again), C claims; A leads, and when
 * A withdraws C leads. The resident's timeline shows every step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { addResidence } from '../../support/factories.ts'
import { CLAIM, PROJECT, PUBLISH, WITHDRAW, buildProjectsWorld, type ProjectData, type ProjectsWorld } from './world.ts'

let t: TestApp
let w: ProjectsWorld

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildProjectsWorld(t)
  await addResidence(t.database.db, w.community.id, w.people.resident.id)
})
afterAll(() => t?.close())

describe('the loop: need → project → 点单', () => {
  it('walks from a resident’s need to units claiming, withdrawing and leading, with the need’s timeline', async () => {
    const tick = () => t.clock.advanceSeconds(60)
    // A resident submits a need.
    const submitted = await w.as('resident')<{ submitNeed: { id: string; state: string } }>(
      `mutation($c: ID!, $i: NeedInput!) { submitNeed(communityId: $c, input: $i) { id state } }`,
      {
        c: w.community.id,
        i: {
          title: '独居老人需要助餐',
          description: '3号楼王阿姨腿脚不便，希望每天有人送午餐',
          category: 'care',
          urgency: 'high',
        },
      },
    )
    expect(submitted.errors).toBeUndefined()
    const needId = submitted.data!.submitNeed.id
    tick()
    // Staff accept it…
    const accepted = await w.as('staff')<{ acceptNeed: { state: string } }>(
      `mutation($c: ID!, $id: ID!) { acceptNeed(communityId: $c, id: $id) { state } }`,
      { c: w.community.id, id: needId },
    )
    expect(accepted.data!.acceptNeed.state).toBe('accepted')
    tick()
    // …build a joint project of capacity 2 from it, and publish it.
    const created = await w.as('staff')<{ createProject: ProjectData }>(
      `mutation($c: ID!, $i: ProjectInput!) { createProject(communityId: $c, input: $i) { id state needs { id state } } }`,
      { c: w.community.id, i: w.projectInput({ title: '爱心助餐', mode: 'joint', capacity: 2, needIds: [needId] }) },
    )
    expect(created.data!.createProject).toMatchObject({ state: 'draft', needs: [{ id: needId, state: 'accepted' }] })
    const projectId = created.data!.createProject.id
    tick()
    const published = await w.as('staff')<{ publishProject: ProjectData }>(PUBLISH, {
      c: w.community.id,
      id: projectId,
    })
    expect(published.data!.publishProject).toMatchObject({ state: 'published', needs: [{ state: 'planned' }] })

    const claimAs = async (key: 'A' | 'B' | 'C') => {
      tick()
      return w.asUnit(key)<{ claimProject: { id: string; state: string } }>(CLAIM, {
        i: { projectId, unitId: w.admins[key].unitId, volunteers: 4 },
        k: `loop-${key}-${t.clock.now().getTime()}`,
      })
    }
    const withdraw = async (key: 'A' | 'B' | 'C', id: string) => {
      tick()
      const res = await w.asUnit(key)(WITHDRAW, { c: w.community.id, id })
      expect(res.errors).toBeUndefined()
    }
    const project = async () =>
      (await w.as('staff')<{ project: ProjectData }>(PROJECT, { c: w.community.id, id: projectId })).data!.project

    // Unit A claims, then B: the project is claimed.
    const a = await claimAs('A')
    expect(a.data!.claimProject.state).toBe('active')
    const b = await claimAs('B')
    expect(b.data!.claimProject.state).toBe('active')
    expect(await project()).toMatchObject({ state: 'claimed', taken: 2 })
    // C is refused.
    expect((await claimAs('C')).code).toBe('PROJECT_CAPACITY_REACHED')
    // B withdraws: published again; C claims.
    await withdraw('B', b.data!.claimProject.id)
    expect(await project()).toMatchObject({ state: 'published', taken: 1 })
    const c = await claimAs('C')
    expect(c.errors).toBeUndefined()
    let p = await project()
    expect(p).toMatchObject({ state: 'claimed', taken: 2 })
    expect(p.claims.map((k) => [k.unit.name, k.lead])).toEqual([
      ['单位A', true],
      ['单位C', false],
    ])
    // A withdraws: C leads.
    await withdraw('A', a.data!.claimProject.id)
    p = await project()
    expect(p).toMatchObject({ state: 'published', taken: 1 })
    expect(p.claims.map((k) => [k.unit.name, k.lead])).toEqual([['单位C', true]])

    // The resident follows every step on the need's timeline: who, what, when.
    const timeline = await w.as('resident')<{
      needTimeline: {
        action: string
        fromState: string | null
        toState: string | null
        detail: Record<string, string>
        at: string
        actorRole: string
      }[]
    }>(
      `query($c: ID!, $n: ID!) { needTimeline(communityId: $c, needId: $n) { action fromState toState detail at actorRole } }`,
      {
        c: w.community.id,
        n: needId,
      },
    )
    expect(timeline.errors).toBeUndefined()
    const steps = timeline.data!.needTimeline.map((e) => [e.action, e.fromState, e.toState, e.detail.unitName ?? null])
    expect(steps).toEqual([
      ['submitted', null, 'submitted', null],
      ['accepted', 'submitted', 'accepted', null],
      ['project_attached', null, null, null],
      ['planned', 'accepted', 'planned', null],
      ['unit_claimed', null, null, '单位A'],
      ['unit_claimed', null, null, '单位B'],
      ['unit_withdrew', null, null, '单位B'],
      ['unit_claimed', null, null, '单位C'],
      ['unit_withdrew', null, null, '单位A'],
    ])
    const times = timeline.data!.needTimeline.map((e) => e.at)
    expect([...times].sort()).toEqual(times)
    expect(timeline.data!.needTimeline[0]!.actorRole).toBe('resident')
    expect(timeline.data!.needTimeline[1]!.actorRole).toBe('community_staff')
  })
})
