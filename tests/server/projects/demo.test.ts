/** The demo's projects: a living market for the hospital's admin and a full list for 阳光社区's staff. */
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

describe('demo projects', () => {
  it('give the hospital’s admin a market with open places, its own lead and a project to claim', async () => {
    const token = await tokenOf('13900000003')
    const me = await t.gql<{ myUnits: { unit: { id: string; name: string } }[] }>(
      `{ myUnits { unit { id name } } }`,
      {},
      { token },
    )
    const hospital = me.data!.myUnits.find((u) => u.unit.name === '鼓楼区人民医院')!.unit.id
    const market = await t.gql<{
      projectMarket: {
        nodes: { title: string; state: string; taken: number; claims: { unit: { name: string }; lead: boolean }[] }[]
      }
    }>(
      `query($u: ID!) { projectMarket(unitId: $u) { nodes { title state taken claims { unit { name } lead } } } }`,
      { u: hospital },
      { token },
    )
    expect(market.errors).toBeUndefined()
    const byTitle = new Map(market.data!.projectMarket.nodes.map((n) => [n.title, n]))
    expect(byTitle.get('红色观影：党史故事会')).toMatchObject({ state: 'published', taken: 0, claims: [] })
    expect(byTitle.get('爱心代购送药')?.claims).toEqual([{ unit: { name: '鼓楼区人民医院' }, lead: true }])
    expect(byTitle.get('智能手机学习课堂')).toMatchObject({ taken: 2 })
    expect(byTitle.has('楼道照明改造')).toBe(false) // a draft is nobody's market
    const claims = await t.gql<{ unitClaims: { nodes: { project: { title: string }; lead: boolean }[] } }>(
      `query($u: ID!) { unitClaims(unitId: $u) { nodes { lead project { title } } } }`,
      { u: hospital },
      { token },
    )
    // …and the year-long 邻里互助服务日 it carried (the demo's history for rankings and dashboards).
    expect(claims.data!.unitClaims.nodes.map((c) => c.project.title).sort()).toEqual([
      '爱心代购送药',
      '社区义诊进小区',
      '邻里互助服务日',
    ])
  })

  it('give 阳光社区’s staff projects in every state before completion, one answering a planned need', async () => {
    const token = await tokenOf('13900000005')
    const c = await t.gql<{ myNeeds: unknown }>(`{ me { roles { role scopeId } } }`, {}, { token })
    const communityId = (c.data as unknown as { me: { roles: { role: string; scopeId: string }[] } }).me.roles.find(
      (r) => r.role === 'community_staff',
    )!.scopeId
    const list = await t.gql<{
      projects: { nodes: { title: string; state: string; needs: { title: string; state: string }[] }[] }
    }>(
      `query($c: ID!) { projects(communityId: $c) { nodes { title state needs { title state } } } }`,
      { c: communityId },
      { token },
    )
    const states = list.data!.projects.nodes.map((n) => n.state).sort()
    // Every state before completion, and the history's evaluated 邻里互助服务日.
    expect(states).toEqual(['draft', 'evaluated', 'in_progress', 'published', 'published', 'published'])
    expect(list.data!.projects.nodes.find((n) => n.title === '爱心代购送药')?.needs).toEqual([
      { title: '每周代买药品', state: 'planned' },
    ])
  })
})
