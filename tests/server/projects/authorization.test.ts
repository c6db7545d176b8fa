/**
 * Who may do what with projects and claims, for every actor: a refusal is NOT_FOUND (or
 * UNAUTHENTICATED), with the very answer an id that does not exist gets, and changes nothing.
 */
import { sql } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type GqlResult, type TestApp } from '../../support/app.ts'
import { ACTORS, type Actor } from '../../support/world.ts'
import { CLAIM_FIELDS, buildProjectsWorld, type ClaimData, type ProjectData, type ProjectsWorld } from './world.ts'

let t: TestApp
let w: ProjectsWorld
let project: ProjectData
let claim: ClaimData & { id: string }
const MISSING = '0190f000-0000-7000-8000-000000000000'

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildProjectsWorld(t)
  project = await w.publishedProject({ capacity: 3 })
  claim = (await w.claim('A', project.id)).data!.claimProject as ClaimData & { id: string }
})
afterAll(() => t?.close())

/** Everything a refusal must leave as it was. */
async function fingerprint() {
  const r = await t.database.db.execute(sql`select
    (select string_agg(id || state || taken, ',' order by id) from projects) as projects,
    (select string_agg(id || state, ',' order by id) from claims) as claims,
    (select count(*) from need_events) as events,
    (select count(*) from audit_events) as audit`)
  return JSON.stringify(r.rows[0])
}

type Ask = (actor: Actor, ids: { project: string; claim: string }) => Promise<GqlResult>

interface Case {
  name: string
  ask: Ask
  /** Actors who may; everyone else is refused. */
  allowed: Actor[]
  mutation?: boolean
}

const READERS: Actor[] = ['staff', 'streetAdmin', 'districtAdmin']
const q = (actor: Actor, query: string, vars: Record<string, unknown>) => w.as(actor)(query, vars)

const CASES: Case[] = [
  {
    name: 'project',
    ask: (a, ids) =>
      q(a, `query($c: ID!, $id: ID!) { project(communityId: $c, id: $id) { id } }`, {
        c: w.community.id,
        id: ids.project,
      }),
    // w.unit is active in the alliance: its admin sees published projects.
    allowed: [...READERS, 'unitAdmin'],
  },
  {
    name: 'claim',
    ask: (a, ids) =>
      q(a, `query($c: ID!, $id: ID!) { claim(communityId: $c, id: $id) { id } }`, { c: w.community.id, id: ids.claim }),
    allowed: READERS,
  },
  {
    name: 'approveClaim',
    ask: (a, ids) =>
      q(a, `mutation($c: ID!, $id: ID!) { approveClaim(communityId: $c, id: $id) { id } }`, {
        c: w.community.id,
        id: ids.claim,
      }),
    // Staff may, but an active claim cannot be approved again: INVALID_TRANSITION, not a refusal.
    allowed: ['staff'],
    mutation: true,
  },
  {
    name: 'rejectClaim',
    ask: (a, ids) =>
      q(a, `mutation($c: ID!, $id: ID!) { rejectClaim(communityId: $c, id: $id, reason: "不合适") { id } }`, {
        c: w.community.id,
        id: ids.claim,
      }),
    allowed: ['staff'],
    mutation: true,
  },
  {
    name: 'withdrawClaim (only the claiming unit’s admin)',
    ask: (a, ids) =>
      q(a, `mutation($c: ID!, $id: ID!) { withdrawClaim(communityId: $c, id: $id) { ${CLAIM_FIELDS} } }`, {
        c: w.community.id,
        id: ids.claim,
      }),
    allowed: [],
    mutation: true,
  },
  {
    name: 'cancelProject',
    ask: (a, ids) =>
      q(a, `mutation($c: ID!, $id: ID!) { cancelProject(communityId: $c, id: $id, reason: "测试原因") { id } }`, {
        c: w.community.id,
        id: ids.project,
      }),
    allowed: ['staff'],
    mutation: true,
  },
  {
    name: 'startProject',
    ask: (a, ids) =>
      q(a, `mutation($c: ID!, $id: ID!) { startProject(communityId: $c, id: $id) { id } }`, {
        c: w.community.id,
        id: ids.project,
      }),
    allowed: ['staff'],
    mutation: true,
  },
]

describe('projects and claims, actor by actor', () => {
  for (const c of CASES) {
    it(`${c.name}: refused as an unknown id for everyone but ${c.allowed.join(', ') || 'nobody here'}`, async () => {
      for (const actor of ACTORS) {
        if (c.allowed.includes(actor)) continue
        const before = await fingerprint()
        const res = await c.ask(actor, { project: project.id, claim: claim.id })
        if (actor === 'anonymous') {
          expect(res.code, actor).toBe('UNAUTHENTICATED')
          continue
        }
        // The street and district admins above see the community: changing it is its staff's job.
        const expected =
          c.mutation && c.allowed.includes('staff') && (actor === 'streetAdmin' || actor === 'districtAdmin')
        expect(res.code, actor).toBe(expected ? 'FORBIDDEN' : 'NOT_FOUND')
        // The same answer the actor gets for an id that does not exist: nothing to probe.
        const missing = await c.ask(actor, { project: MISSING, claim: MISSING })
        expect(res.errors![0]!.message, actor).toBe(missing.errors![0]!.message)
        expect(await fingerprint(), `${actor} changed something`).toBe(before)
      }
      for (const actor of c.allowed.filter(() => !c.mutation)) {
        expect((await c.ask(actor, { project: project.id, claim: claim.id })).errors, actor).toBeUndefined()
      }
    })
  }

  it('staff of another community get NOT_FOUND for this community’s projects, claims and needs, as for ids that do not exist', async () => {
    const need = await w.acceptedNeed('邻社区看不到的需求')
    const asks = [
      (id: string) =>
        w.as('otherStaff')(`query($c: ID!, $id: ID!) { project(communityId: $c, id: $id) { id } }`, {
          c: w.community.id,
          id,
        }),
      (id: string) =>
        w.as('otherStaff')(`query($c: ID!, $id: ID!) { claim(communityId: $c, id: $id) { id } }`, {
          c: w.community.id,
          id,
        }),
      (id: string) =>
        w.as('otherStaff')(`query($c: ID!, $id: ID!) { need(communityId: $c, id: $id) { id } }`, {
          c: w.community.id,
          id,
        }),
    ]
    for (const [i, ask] of asks.entries()) {
      const real = await ask([project.id, claim.id, need.id][i]!)
      const none = await ask(MISSING)
      expect(real.code).toBe('NOT_FOUND')
      expect({ code: real.code, message: real.errors![0]!.message }).toEqual({
        code: none.code,
        message: none.errors![0]!.message,
      })
    }
    // Their own community id with this community's project: still nothing.
    const crossed = await w.as('otherStaff')(`query($c: ID!, $id: ID!) { project(communityId: $c, id: $id) { id } }`, {
      c: w.neighbourCommunity.id,
      id: project.id,
    })
    expect(crossed.code).toBe('NOT_FOUND')
  })

  it('a unit admin cannot withdraw another unit’s claim, nor claim for another unit', async () => {
    const before = await fingerprint()
    const res = await w.asUnit('B')(`mutation($c: ID!, $id: ID!) { withdrawClaim(communityId: $c, id: $id) { id } }`, {
      c: w.community.id,
      id: claim.id,
    })
    expect(res.code).toBe('NOT_FOUND')
    const forA = await w.asUnit('B')(`mutation($i: ClaimInput!) { claimProject(input: $i) { id } }`, {
      i: { projectId: project.id, unitId: w.admins.A.unitId, volunteers: 1 },
    })
    expect(forA.code).toBe('NOT_FOUND')
    expect(await fingerprint()).toBe(before)
  })
})
