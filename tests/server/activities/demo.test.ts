/** The demo's activities: the demo volunteer finds them, stands first in a full activity's line, and has a schedule. */
import { DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'

let t: TestApp
const tokenOf = async (phone: string) =>
  (await t.gql<LoginData>(LOGIN, { phone, password: DEMO_PASSWORD })).data!.login.accessToken

beforeAll(async () => {
  t = await buildTestApp()
  await seedDemo(t.database.db, t.clock)
})
afterAll(() => t?.close())

interface Node {
  id: string
  title: string
  projectTitle: string
  slots: number
  confirmed: number
  waitlisted: number
  leaderName: string | null
  restrictedToUnitIds: string[] | null
  seriesId: string | null
  mySignUp: { state: string; position: number | null } | null
}

describe('demo activities', () => {
  it('李志强 finds 阳光社区’s activities: first in line at the full 义诊, confirmed for a phone class', async () => {
    const staff = await tokenOf('13900000005')
    const me = await t.gql<{ me: { roles: { role: string; scopeId: string }[] } }>(
      `{ me { roles { role scopeId } } }`,
      {},
      { token: staff },
    )
    const communityId = me.data!.me.roles.find((r) => r.role === 'community_staff')!.scopeId
    const token = await tokenOf('13900000002')
    const list = await t.gql<{ activities: { nodes: Node[] } }>(
      `query($c: ID!) { activities(communityId: $c, first: 50) { nodes { id title projectTitle slots confirmed waitlisted
        leaderName restrictedToUnitIds seriesId mySignUp { state position } } } }`,
      { c: communityId },
      { token },
    )
    expect(list.errors).toBeUndefined()
    const nodes = list.data!.activities.nodes
    const clinic = nodes.find((n) => n.title === '阳光花园广场义诊')!
    expect(clinic).toMatchObject({
      projectTitle: '社区义诊进小区',
      slots: 3,
      confirmed: 3,
      waitlisted: 2,
      leaderName: '韩雪梅',
      mySignUp: { state: 'waitlisted', position: 1 },
    })
    expect(nodes.find((n) => n.title === '智能手机课堂：视频通话')!.mySignUp).toMatchObject({ state: 'confirmed' })
    const series = nodes.filter((n) => n.title === '每周三代购送药')
    expect(series).toHaveLength(4)
    expect(new Set(series.map((n) => n.seriesId)).size).toBe(1)
    expect(series[0]!.restrictedToUnitIds).toHaveLength(1)
    // He is not on the hospital's roster: the series is not his to join.
    const refused = await t.gql(
      `mutation($c: ID!, $a: ID!) { signUp(communityId: $c, activityId: $a) { id } }`,
      { c: communityId, a: series[0]!.id },
      { token },
    )
    expect(refused.code).toBe('NOT_A_MEMBER')
    const mine = await t.gql<{ mySignUps: { nodes: { state: string; activity: { title: string } }[] } }>(
      `{ mySignUps(first: 50) { nodes { state activity { title } } } }`,
      {},
      { token },
    )
    const live = mine.data!.mySignUps.nodes.filter((n) => n.state === 'confirmed' || n.state === 'waitlisted')
    expect(live.map((n) => n.activity.title).sort()).toEqual(['智能手机课堂：视频通话', '阳光花园广场义诊'].sort())
  })
})
