/** The demo seed's resource and need lists, as 阳光社区's staff and its residents see them. */
import { DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'

let t: TestApp
let sunshine: string
const tokens: Record<string, string> = {}
beforeAll(async () => {
  t = await buildTestApp()
  await seedDemo(t.database.db, t.clock)
  for (const [i, phone] of ['13900000001', '13900000003', '13900000004', '13900000005'].entries()) {
    const res = await t.gql<LoginData>(LOGIN, { phone, password: DEMO_PASSWORD }, { ip: `10.85.0.${i}` })
    tokens[phone] = res.data!.login.accessToken
  }
  const places = await t.gql<{ administeredPlaces: { id: string; kind: string }[] }>(
    '{ administeredPlaces { id kind } }',
    {},
    { token: tokens['13900000005'] },
  )
  sunshine = places.data!.administeredPlaces.find((p) => p.kind === 'community')!.id
})
afterAll(() => t?.close())

const count = (states: string[]) =>
  states.reduce<Record<string, number>>((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {})

describe('demo lists', () => {
  it('阳光社区’s resource list has resources from its units in every state', async () => {
    const res = await t.gql<{ resources: { nodes: { state: string; unit: { name: string }; kind: string }[] } }>(
      `query($c: ID!) { resources(communityId: $c, first: 50) { nodes { state kind unit { name } } } }`,
      { c: sunshine },
      { token: tokens['13900000005'] },
    )
    const nodes = res.data!.resources.nodes
    const byState = count(nodes.map((n) => n.state))
    for (const s of ['offered', 'published', 'returned', 'withdrawn', 'exhausted'])
      expect(byState[s], s).toBeGreaterThan(0)
    expect(new Set(nodes.map((n) => n.kind))).toEqual(
      new Set(['venue', 'funds', 'expertise', 'volunteers', 'materials']),
    )
    expect(nodes.map((n) => n.unit.name)).toEqual(
      expect.arrayContaining(['华林实验小学', '鼓楼区人民医院', '明德科技有限公司', '阳光社工服务中心']),
    )
    // The hospital's admin sees the published list and the hospital's own offer under review.
    const admin = await t.gql<{ resources: { nodes: { state: string; unit: { name: string } }[] } }>(
      `query($c: ID!) { resources(communityId: $c, first: 50) { nodes { state unit { name } } } }`,
      { c: sunshine },
      { token: tokens['13900000003'] },
    )
    expect(admin.data!.resources.nodes.some((n) => n.state === 'offered' && n.unit.name === '鼓楼区人民医院')).toBe(
      true,
    )
  })

  it('阳光社区’s need list has needs in every triage state, each with its timeline', async () => {
    type Page = {
      needs: {
        nodes: { state: string; channel: string; acceptedAt: string | null; timeline: { action: string }[] }[]
        pageInfo: { endCursor: string | null; hasNextPage: boolean }
      }
    }
    // Every page (the demo's year of history is there too).
    const nodes: Page['needs']['nodes'] = []
    for (let after: string | null = null; ;) {
      const res: { data: Page | null } = await t.gql<Page>(
        `query($c: ID!, $a: String) { needs(communityId: $c, first: 50, after: $a) {
          nodes { state channel acceptedAt timeline { action } } pageInfo { endCursor hasNextPage } } }`,
        { c: sunshine, a: after },
        { token: tokens['13900000005'] },
      )
      nodes.push(...res.data!.needs.nodes)
      if (!res.data!.needs.pageInfo.hasNextPage) break
      after = res.data!.needs.pageInfo.endCursor
    }
    const byState = count(nodes.map((n) => n.state))
    for (const s of ['submitted', 'accepted', 'rejected', 'withdrawn', 'merged', 'closed']) {
      expect(byState[s], s).toBeGreaterThan(0)
    }
    expect(new Set(nodes.map((n) => n.channel))).toEqual(new Set(['online', 'grid_visit', 'service_hall', 'hotline']))
    expect(nodes.every((n) => n.timeline.length > 0)).toBe(true)
    // One accepted ten days ago: waiting too long (the default is 7 days).
    const waiting = nodes.filter(
      (n) => n.state === 'accepted' && t.clock.now().getTime() - Date.parse(n.acceptedAt!) >= 7 * 86_400_000,
    )
    expect(waiting.length).toBeGreaterThan(0)
  })

  it('王秀英 follows her own needs; grid worker 陈静 sees those she recorded', async () => {
    const mine = async (phone: string) =>
      (
        await t.gql<{ myNeeds: { nodes: { title: string; contactPhone: string }[] } }>(
          `{ myNeeds(first: 50) { nodes { title contactPhone } } }`,
          {},
          { token: tokens[phone] },
        )
      ).data!.myNeeds.nodes
    const hers = await mine('13900000001')
    expect(hers.length).toBeGreaterThanOrEqual(4)
    expect(hers.every((n) => n.contactPhone === '13900000001')).toBe(true)
    expect((await mine('13900000004')).map((n) => n.title)).toContain('独居老人需要陪伴聊天')
  })
})
