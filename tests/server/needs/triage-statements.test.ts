/**
 * The triage board's page: one statement for the needs, whatever the page size; photos and
 * timelines, when shown, come in one batched statement each (loaders), never one per need.
 */
import { DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'

let t: TestApp
let token: string
let communityId: string

beforeAll(async () => {
  t = await buildTestApp()
  await seedDemo(t.database.db, t.clock)
  token = (await t.gql<LoginData>(LOGIN, { phone: '13900000005', password: DEMO_PASSWORD })).data!.login.accessToken
  const me = await t.gql<{ me: { roles: { role: string; scopeId: string }[] } }>(
    `{ me { roles { role scopeId } } }`,
    {},
    { token },
  )
  communityId = me.data!.me.roles.find((r) => r.role === 'community_staff')!.scopeId
})
afterAll(() => t?.close())

const board = (first: number, fields: string) =>
  t.sql.measure(() =>
    t.gql<{ needs: { nodes: unknown[] } }>(
      `query($c: ID!, $n: Int) { needs(communityId: $c, first: $n) { nodes { ${fields} } pageInfo { hasNextPage } } }`,
      { c: communityId, n: first },
      { token },
    ),
  )

it('reads the page of needs in one statement, and edges in one batch each, whatever the page size', async () => {
  const plain = 'id title state category gridId urgency channel forName contactPhone createdAt'
  const deep = `${plain} photos { id } timeline { action at actorName }`
  const counts: Record<string, number> = {}
  for (const first of [1, 10]) {
    for (const [name, fields] of Object.entries({ plain, deep })) {
      const { statements, result } = await board(first, fields)
      expect(result.errors).toBeUndefined()
      expect(result.data!.needs.nodes).toHaveLength(first)
      expect(
        statements.filter((s) => /from "needs"/.test(s) && !/need_events/.test(s)),
        `${name} ${first}`,
      ).toHaveLength(1)
      counts[`${name}:${first}`] = statements.length
    }
  }
  expect(counts['plain:10']).toBe(counts['plain:1'])
  expect(counts['deep:10']).toBe(counts['deep:1'])
  expect(counts['deep:1']! - counts['plain:1']!).toBe(2) // photos, timeline: one batch each
})
