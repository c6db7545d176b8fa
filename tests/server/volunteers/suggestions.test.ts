/**
 * suggestedActivities through GraphQL: the activities a volunteer could still join in the
 * communities they belong to, scored by skills, availability, grid, reliability and places
 * left, best first (ties by start); nothing past its deadline, started, cancelled, already
 * signed up for, limited to units they are not in, or in another community.
 */
import { eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { createResidence, signIn } from '../../support/accounts.ts'
import { addUnitMember } from '../../support/factories.ts'
import { CANCEL_ACTIVITY, CREATE_ACTIVITY, type ActivityData } from '../activities/world.ts'
import { CREATE, PUBLISH, type ProjectData } from '../projects/world.ts'
import { SUGGESTED, buildVolunteersWorld, type Person, type SuggestionData, type VolunteersWorld } from './world.ts'

let t: TestApp
let w: VolunteersWorld
let me: Person
const a = {} as Record<string, ActivityData>

const at = (iso: string, hours = 2) => ({
  startsAt: iso,
  endsAt: new Date(Date.parse(iso) + hours * 3_600_000).toISOString(),
})

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildVolunteersWorld(t)
  me = await w.person([{ role: 'resident' }, { role: 'volunteer' }])
  await createResidence(t, { userId: me.id, communityId: w.community.id, gridId: w.grid.id })
  await w.saveProfile(me, { skills: ['助老', '摄影'], availability: ['weekend_morning'] })

  // A project answering a need of my grid.
  const need = await w.acceptedNeed('楼道老人助餐')
  await t.database.db.update(schema.needs).set({ gridId: w.grid.id }).where(eq(schema.needs.id, need.id))
  const gridProject = await w.publishedProject({ title: '网格助餐', mode: 'solo', capacity: 1, needIds: [need.id] })

  // 2026-11-14 is a Saturday; Beijing is UTC+8. The clock stands at 2026-11-01 10:00 Beijing.
  a.skill = await w.activity({ title: '周六助老', requiredSkills: ['助老', '理发'], ...at('2026-11-14T01:00:00.000Z') })
  a.grid = await w.activity({ projectId: gridProject.id, title: '网格送餐', ...at('2026-11-10T11:00:00.000Z') })
  a.few = await w.activity({ title: '名额将满', slots: 3, ...at('2026-11-11T01:00:00.000Z') })
  a.plain = await w.activity({ title: '普通活动甲', slots: 10, ...at('2026-11-12T11:00:00.000Z') })
  a.plain2 = await w.activity({ title: '普通活动乙', slots: 10, ...at('2026-11-13T11:00:00.000Z') })
  a.full = await w.activity({ title: '已满活动', slots: 1, ...at('2026-11-09T11:00:00.000Z') })
  for (const [activity, volunteers] of [
    [a.few, [1, 2]],
    [a.full, [3]],
  ] as const) {
    for (const i of volunteers) expect((await w.signUp(await w.volunteer(i), activity.id)).errors).toBeUndefined()
  }
  // Not to be suggested:
  a.closed = await w.activity({
    title: '报名已截止',
    ...at('2026-11-14T02:00:00.000Z'),
    signUpDeadline: '2026-11-01T01:00:00.000Z',
  })
  a.started = await w.activity({ title: '已经开始', ...at('2026-11-01T01:00:00.000Z', 3) })
  a.restricted = await w.activity({ title: '单位内部', claimingUnitsOnly: true, ...at('2026-11-14T01:00:00.000Z') })
  a.signed = await w.activity({ title: '我已报名', ...at('2026-11-14T01:00:00.000Z') })
  expect((await w.signUp(me, a.signed.id)).errors).toBeUndefined()
  a.cancelled = await w.activity({ title: '已取消', ...at('2026-11-14T01:00:00.000Z') })
  expect(
    (await w.as('staff')(CANCEL_ACTIVITY, { c: w.community.id, id: a.cancelled.id, r: '天气原因' })).errors,
  ).toBeUndefined()
  // Another community's activity.
  const elsewhere = await w.as('otherStaff')<{ createProject: ProjectData }>(CREATE, {
    c: w.neighbourCommunity.id,
    i: w.projectInput({ title: '邻社区项目' }),
  })
  await w.as('otherStaff')(PUBLISH, { c: w.neighbourCommunity.id, id: elsewhere.data!.createProject.id })
  const far = await w.as('otherStaff')<{ createActivity: ActivityData }>(CREATE_ACTIVITY, {
    c: w.neighbourCommunity.id,
    i: w.activityInput({ projectId: elsewhere.data!.createProject.id, title: '邻社区活动', requiredSkills: ['助老'] }),
  })
  expect(far.errors).toBeUndefined()
  a.far = far.data!.createActivity
})
afterAll(() => t?.close())

const suggested = async (p: Person, first = 20) => {
  const res = await w.gqlAs<{ suggestedActivities: SuggestionData[] }>(p, SUGGESTED, { n: first })
  expect(res.errors).toBeUndefined()
  return res.data!.suggestedActivities
}
const titles = (list: SuggestionData[]) => list.map((s) => s.activity.title)

describe('suggestedActivities', () => {
  it('ranks by skills, availability, grid, reliability and places left, with the reasons; ties by start', async () => {
    const list = await suggested(me)
    expect(titles(list)).toEqual(['周六助老', '网格送餐', '名额将满', '普通活动甲', '普通活动乙', '已满活动'])
    const by = new Map(list.map((s) => [s.activity.title, s]))
    expect(by.get('周六助老')!.reasons).toEqual(['skills_match', 'available', 'reliable'])
    expect(by.get('网格送餐')!.reasons).toEqual(['same_grid', 'reliable'])
    expect(by.get('名额将满')!.reasons).toEqual(['reliable', 'few_places_left'])
    expect(by.get('普通活动甲')!.reasons).toEqual(['reliable'])
    expect(by.get('已满活动')!.reasons).toEqual(['reliable'])
    expect(by.get('普通活动甲')!.score).toBe(by.get('普通活动乙')!.score)
    expect(list.map((s) => s.activity.mySignUp)).toEqual(list.map(() => null))
    // first limits the answer.
    expect(titles(await suggested(me, 2))).toEqual(['周六助老', '网格送餐'])
  })

  it('leaves out what is past its deadline, started, cancelled, mine already, another unit’s or elsewhere', async () => {
    const shown = titles(await suggested(me))
    for (const title of ['报名已截止', '已经开始', '单位内部', '我已报名', '已取消', '邻社区活动']) {
      expect(shown).not.toContain(title)
    }
  })

  it('suggests the communities where a unit of mine holds an active claim, and its limited activities', async () => {
    const member = await w.person([{ role: 'resident' }, { role: 'volunteer' }])
    expect(await suggested(member)).toEqual([])
    await addUnitMember(t.database.db, w.admins.A.unitId, member.id)
    const shown = titles(await suggested(member))
    expect(shown).toContain('单位内部')
    expect(shown).toContain('周六助老')
    expect(shown).not.toContain('邻社区活动')
  })

  it('counting no-show marks lower the score and take away “reliable”; cleared or faded ones do not', async () => {
    const [signUp] = await t.database.db.select().from(schema.signUps).where(eq(schema.signUps.volunteerId, me.id))
    const before = await suggested(me)
    const [mark] = await t.database.db
      .insert(schema.noShowMarks)
      .values({
        communityId: w.community.id,
        signUpId: signUp!.id,
        activityId: signUp!.activityId,
        volunteerId: me.id,
        state: 'upheld',
        markedAt: new Date('2026-10-20T00:00:00Z'),
        fadesAt: new Date('2027-04-20T00:00:00Z'),
      })
      .returning()
    const marked = await suggested(me)
    expect(marked.every((s) => !s.reasons.includes('reliable'))).toBe(true)
    for (const s of marked) {
      const was = before.find((b) => b.activity.id === s.activity.id)!
      expect(s.score).toBeLessThan(was.score)
    }
    expect(titles(marked)[0]).toBe('周六助老')

    await t.database.db
      .update(schema.noShowMarks)
      .set({ fadesAt: new Date('2026-10-31T00:00:00Z') })
      .where(eq(schema.noShowMarks.id, mark!.id))
    expect((await suggested(me)).map((s) => s.score)).toEqual(before.map((s) => s.score))
    await t.database.db
      .update(schema.noShowMarks)
      .set({ state: 'cleared', fadesAt: new Date('2027-04-20T00:00:00Z') })
      .where(eq(schema.noShowMarks.id, mark!.id))
    expect((await suggested(me)).every((s) => s.reasons.includes('reliable'))).toBe(true)
  })

  it('follows the clock: an activity leaves the suggestions when its sign-ups close', async () => {
    t.clock.set('2026-11-10T12:00:00.000Z')
    try {
      const later = { ...me, token: await signIn(t, me) }
      const shown = titles(await suggested(later))
      expect(shown).not.toContain('网格送餐')
      expect(shown).toContain('周六助老')
    } finally {
      t.clock.set('2026-11-01T02:00:00.000Z')
    }
  })
})
