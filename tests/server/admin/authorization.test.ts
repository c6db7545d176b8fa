/**
 * Every administrative mutation of places, roles and settings, tried by every actor: those
 * outside the rule get NOT_FOUND or FORBIDDEN (UNAUTHENTICATED when anonymous) and nothing in
 * the database changes; those inside it succeed (so the rule is not "deny everyone").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { ACTORS, adminFingerprint, buildWorld, type Actor, type World } from '../../support/world.ts'

let t: TestApp
let w: World
beforeAll(async () => {
  t = await buildTestApp()
  w = await buildWorld(t)
})
afterAll(() => t.close())

interface Case {
  name: string
  allowed: Actor[]
  /** A fresh operation for each try (so successes do not collide). */
  run: (actor: Actor, i: number) => { query: string; variables: Record<string, unknown> }
}

const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id role scopeName } }`
const person = () => w.spare[5]!.phone

const cases: Case[] = [
  {
    name: 'createStreet',
    allowed: ['districtAdmin'],
    run: (_a, i) => ({
      query: `mutation($d: ID!, $n: String!) { createStreet(districtId: $d, name: $n) { id } }`,
      variables: { d: w.district.id, n: `新街道${i}` },
    }),
  },
  {
    name: 'createCommunity',
    allowed: ['districtAdmin', 'streetAdmin'],
    run: (_a, i) => ({
      query: `mutation($s: ID!, $n: String!) { createCommunity(streetId: $s, name: $n) { id } }`,
      variables: { s: w.street.id, n: `新社区${i}` },
    }),
  },
  {
    name: 'createGrid',
    allowed: ['districtAdmin', 'streetAdmin'],
    run: (_a, i) => ({
      query: `mutation($c: ID!, $n: String!) { createGrid(communityId: $c, name: $n) { id } }`,
      variables: { c: w.community.id, n: `新网格${i}` },
    }),
  },
  {
    name: 'renamePlace (community)',
    allowed: ['districtAdmin', 'streetAdmin'],
    run: (_a, i) => ({
      query: `mutation($id: ID!, $n: String!) { renamePlace(kind: community, id: $id, name: $n) { id name } }`,
      variables: { id: w.community.id, n: `改名社区${i}` },
    }),
  },
  {
    name: 'grantRole community_staff',
    allowed: ['districtAdmin', 'streetAdmin'],
    run: (a) => ({
      query: GRANT,
      variables: { input: { phone: grantee(a), role: 'community_staff', scopeId: w.community.id } },
    }),
  },
  {
    name: 'grantRole grid_worker',
    allowed: ['districtAdmin', 'streetAdmin', 'staff'],
    run: (a) => ({
      query: GRANT,
      variables: { input: { phone: grantee(a), role: 'grid_worker', scopeId: w.grid.id } },
    }),
  },
  {
    name: 'grantRole unit_admin',
    allowed: ['staff'],
    run: (a) => ({
      query: GRANT,
      variables: { input: { phone: grantee(a), role: 'unit_admin', scopeId: w.unit.id } },
    }),
  },
  {
    name: 'grantRole street_admin',
    allowed: ['districtAdmin'],
    run: () => ({
      query: GRANT,
      variables: { input: { phone: person(), role: 'street_admin', scopeId: w.street.id } },
    }),
  },
  {
    name: 'grantRole district_admin (nobody)',
    allowed: [],
    run: () => ({
      query: GRANT,
      variables: { input: { phone: person(), role: 'district_admin', scopeId: w.district.id } },
    }),
  },
  {
    name: 'setCommunitySetting',
    allowed: ['staff'],
    run: (_a, i) => ({
      query: `mutation($c: ID!, $v: JSON!) { setCommunitySetting(communityId: $c, key: "ratingWindowDays", value: $v) { value } }`,
      variables: { c: w.community.id, v: 10 + i },
    }),
  },
  {
    name: 'resetCommunitySetting',
    allowed: ['staff'],
    run: () => ({
      query: `mutation($c: ID!) { resetCommunitySetting(communityId: $c, key: "ratingWindowDays") { source } }`,
      variables: { c: w.community.id },
    }),
  },
  {
    name: 'setDefaultSetting (street)',
    allowed: ['streetAdmin', 'districtAdmin'],
    run: (_a, i) => ({
      query: `mutation($s: ID!, $v: JSON!) { setDefaultSetting(scope: street, scopeId: $s, key: "waitingTooLongDays", value: $v) { value } }`,
      variables: { s: w.street.id, v: 3 + i },
    }),
  },
  {
    name: 'setDefaultSetting (district)',
    allowed: ['districtAdmin'],
    run: (_a, i) => ({
      query: `mutation($d: ID!, $v: JSON!) { setDefaultSetting(scope: district, scopeId: $d, key: "checkInToleranceMinutes", value: $v) { value } }`,
      variables: { d: w.district.id, v: 15 + i },
    }),
  },
  {
    name: 'resetDefaultSetting (street)',
    allowed: ['streetAdmin', 'districtAdmin'],
    run: () => ({
      query: `mutation($s: ID!) { resetDefaultSetting(scope: street, scopeId: $s, key: "waitingTooLongDays") { source } }`,
      variables: { s: w.street.id },
    }),
  },
]

/** Each allowed actor grants to a different spare person, so successes do not collide. */
function grantee(actor: Actor): string {
  return w.spare[actor === 'districtAdmin' ? 0 : actor === 'streetAdmin' ? 1 : 2]!.phone
}

describe('administrative mutations by every actor', () => {
  for (const c of cases) {
    it(`${c.name}: only ${c.allowed.join(', ') || 'nobody'}`, async () => {
      let i = 0
      for (const actor of ACTORS) {
        i += 1
        const { query, variables } = c.run(actor, i)
        if (c.allowed.includes(actor)) {
          const res = await w.as(actor)(query, variables)
          expect(res.errors, `${c.name} by ${actor}`).toBeUndefined()
          continue
        }
        const before = await adminFingerprint(t)
        const res = await w.as(actor)(query, variables)
        const expected = actor === 'anonymous' ? ['UNAUTHENTICATED'] : ['NOT_FOUND', 'FORBIDDEN']
        expect(expected, `${c.name} by ${actor}: ${res.code}`).toContain(res.code)
        expect(await adminFingerprint(t), `${c.name} by ${actor} changed something`).toBe(before)
      }
    })
  }

  it('revokeRole: only those who could have granted it', async () => {
    const grantsOfResident = async () =>
      (
        await w.as('districtAdmin')<{ grantsInScope: { id: string; role: string; person: { id: string } }[] }>(
          `query($id: ID!) { grantsInScope(kind: district, id: $id) { id role person { id } } }`,
          { id: w.district.id },
        )
      ).data!.grantsInScope
    const target = (await grantsOfResident()).find((g) => g.role === 'community_staff')!
    expect(target).toBeDefined()
    for (const actor of ACTORS.filter((a) => !['districtAdmin', 'streetAdmin'].includes(a))) {
      const before = await adminFingerprint(t)
      const res = await w.as(actor)(`mutation($g: ID!) { revokeRole(grantId: $g) }`, { g: target.id })
      expect(actor === 'anonymous' ? ['UNAUTHENTICATED'] : ['NOT_FOUND', 'FORBIDDEN'], `${actor}`).toContain(res.code)
      expect(await adminFingerprint(t)).toBe(before)
    }
    const ok = await w.as('streetAdmin')(`mutation($g: ID!) { revokeRole(grantId: $g) }`, { g: target.id })
    expect(ok.errors).toBeUndefined()
    expect((await grantsOfResident()).some((g) => g.id === target.id)).toBe(false)
  })
})
