/**
 * Every units mutation (and query) from every role outside its scope: anonymous →
 * UNAUTHENTICATED; a resident, a volunteer, the community's grid worker, the admin of another
 * unit, staff of the neighbouring community and the admin of another street → NOT_FOUND or
 * FORBIDDEN, and the rows the mutation would change are exactly as they were.
 */
import { and, eq, schema, sql } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { buildUnitsWorld, OUTSIDERS, type Outsider, type UnitsWorld } from './world.ts'

let t: TestApp
let w: UnitsWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await buildUnitsWorld(t)
})
afterAll(() => t.close())

const db = () => t.database.db

const allianceRow = (communityId: string, unitId: string) =>
  db()
    .select()
    .from(schema.allianceUnits)
    .where(and(eq(schema.allianceUnits.communityId, communityId), eq(schema.allianceUnits.unitId, unitId)))
const allianceRows = (communityId: string) =>
  db()
    .select()
    .from(schema.allianceUnits)
    .where(eq(schema.allianceUnits.communityId, communityId))
    .orderBy(schema.allianceUnits.unitId)
const roster = (unitId: string) =>
  db().select().from(schema.unitMembers).where(eq(schema.unitMembers.unitId, unitId)).orderBy(schema.unitMembers.userId)
const team = async (teamId: string) => ({
  team: await db().select().from(schema.teams).where(eq(schema.teams.id, teamId)),
  members: await db()
    .select()
    .from(schema.teamMembers)
    .where(eq(schema.teamMembers.teamId, teamId))
    .orderBy(schema.teamMembers.userId),
})
const allTeams = () => db().select().from(schema.teams).orderBy(schema.teams.id)
const units = () => db().select().from(schema.units).orderBy(schema.units.id)
const auditCount = async () =>
  Number(((await db().execute(sql`select count(*)::int as n from audit_events`)).rows[0] as { n: number }).n)

interface Case {
  name: string
  doc: string
  vars: () => Record<string, unknown>
  /** The rows this mutation would change. */
  rows: () => Promise<unknown>
  /** Who is outside the mutation's scope (default: every outsider). */
  outsiders?: readonly Outsider[]
}

const C = () => w.places.community.id
const U = () => w.units.unit.id

const MUTATIONS: Case[] = [
  {
    name: 'createUnit',
    doc: `mutation($c: ID!) { createUnit(communityId: $c, input: { name: "越权单位", kind: other }) { status } }`,
    vars: () => ({ c: C() }),
    rows: async () => ({ units: await units(), alliance: await allianceRows(C()) }),
  },
  {
    name: 'inviteUnitToAlliance',
    doc: `mutation($c: ID!, $u: ID!) { inviteUnitToAlliance(communityId: $c, unitId: $u) { status } }`,
    vars: () => ({ c: C(), u: w.units.freeUnit.id }),
    rows: () => allianceRows(C()),
  },
  {
    name: 'acceptAllianceInvitation',
    doc: `mutation($c: ID!, $u: ID!) { acceptAllianceInvitation(communityId: $c, unitId: $u) { status } }`,
    vars: () => ({ c: C(), u: w.units.invitedUnit.id }),
    rows: () => allianceRow(C(), w.units.invitedUnit.id),
  },
  {
    name: 'declineAllianceInvitation',
    doc: `mutation($c: ID!, $u: ID!) { declineAllianceInvitation(communityId: $c, unitId: $u) { status } }`,
    vars: () => ({ c: C(), u: w.units.invitedUnit.id }),
    rows: () => allianceRow(C(), w.units.invitedUnit.id),
  },
  {
    name: 'removeUnitFromAlliance',
    doc: `mutation($c: ID!, $u: ID!) { removeUnitFromAlliance(communityId: $c, unitId: $u) { status } }`,
    vars: () => ({ c: C(), u: U() }),
    rows: () => allianceRow(C(), U()),
  },
  {
    name: 'setAgreementSigned',
    doc: `mutation($c: ID!, $u: ID!) { setAgreementSigned(communityId: $c, unitId: $u, date: "2026-10-01") { status } }`,
    vars: () => ({ c: C(), u: U() }),
    rows: () => allianceRow(C(), U()),
  },
  {
    name: 'inviteUnitMember',
    doc: `mutation($u: ID!, $p: String!) { inviteUnitMember(unitId: $u, phone: $p, isPartyMember: true) { status } }`,
    vars: () => ({ u: U(), p: w.people.newcomer.phone }),
    rows: () => roster(U()),
  },
  {
    name: 'acceptUnitInvitation',
    doc: `mutation($u: ID!) { acceptUnitInvitation(unitId: $u) { status } }`,
    vars: () => ({ u: U() }),
    rows: () => roster(U()),
  },
  {
    name: 'declineUnitInvitation',
    doc: `mutation($u: ID!) { declineUnitInvitation(unitId: $u) { status } }`,
    vars: () => ({ u: U() }),
    rows: () => roster(U()),
  },
  {
    // Anyone signed in may ask to join a unit: only the anonymous are outside.
    name: 'requestToJoinUnit',
    doc: `mutation($u: ID!) { requestToJoinUnit(unitId: $u) { status } }`,
    vars: () => ({ u: U() }),
    rows: () => roster(U()),
    outsiders: ['anonymous'],
  },
  {
    name: 'approveUnitMember',
    doc: `mutation($u: ID!, $p: ID!) { approveUnitMember(unitId: $u, userId: $p) { status } }`,
    vars: () => ({ u: U(), p: w.people.requester.id }),
    rows: () => roster(U()),
  },
  {
    name: 'declineUnitMember',
    doc: `mutation($u: ID!, $p: ID!) { declineUnitMember(unitId: $u, userId: $p) { status } }`,
    vars: () => ({ u: U(), p: w.people.requester.id }),
    rows: () => roster(U()),
  },
  {
    name: 'setPartyMember',
    doc: `mutation($u: ID!, $p: ID!) { setPartyMember(unitId: $u, userId: $p, isPartyMember: false) { status } }`,
    vars: () => ({ u: U(), p: w.people.member.id }),
    rows: () => roster(U()),
  },
  {
    name: 'removeUnitMember',
    doc: `mutation($u: ID!, $p: ID!) { removeUnitMember(unitId: $u, userId: $p) { status } }`,
    vars: () => ({ u: U(), p: w.people.member.id }),
    rows: async () => ({ roster: await roster(U()), team: await team(w.teams.unitTeam.id) }),
  },
  {
    name: 'createTeam (unit)',
    doc: `mutation($u: ID!) { createTeam(owner: { unitId: $u }, name: "越权队") { id } }`,
    vars: () => ({ u: U() }),
    rows: allTeams,
  },
  {
    name: 'createTeam (community)',
    doc: `mutation($c: ID!) { createTeam(owner: { communityId: $c }, name: "越权队") { id } }`,
    vars: () => ({ c: C() }),
    rows: allTeams,
  },
  ...(['unitTeam', 'communityTeam'] as const).flatMap((which): Case[] => {
    const id = () => w.teams[which].id
    const rows = () => team(id())
    return [
      {
        name: `renameTeam (${which})`,
        doc: `mutation($t: ID!) { renameTeam(teamId: $t, name: "改名") { id } }`,
        vars: () => ({ t: id() }),
        rows,
      },
      {
        name: `setTeamLeader (${which})`,
        doc: `mutation($t: ID!, $p: ID!) { setTeamLeader(teamId: $t, userId: $p) { id } }`,
        vars: () => ({ t: id(), p: which === 'unitTeam' ? w.people.member.id : w.people.communityResident.id }),
        rows,
      },
      {
        name: `addTeamMember (${which})`,
        doc: `mutation($t: ID!, $p: ID!) { addTeamMember(teamId: $t, userId: $p) { id } }`,
        vars: () => ({ t: id(), p: w.people.member2.id }),
        rows,
      },
      {
        name: `removeTeamMember (${which})`,
        doc: `mutation($t: ID!, $p: ID!) { removeTeamMember(teamId: $t, userId: $p) { id } }`,
        vars: () => ({ t: id(), p: which === 'unitTeam' ? w.people.member.id : w.people.communityResident.id }),
        rows,
      },
      {
        name: `archiveTeam (${which})`,
        doc: `mutation($t: ID!) { archiveTeam(teamId: $t) { id } }`,
        vars: () => ({ t: id() }),
        rows,
      },
    ]
  }),
]

const QUERIES: Omit<Case, 'rows'>[] = [
  {
    name: 'alliance',
    doc: `query($c: ID!) { alliance(communityId: $c) { id units { status } } }`,
    vars: () => ({ c: C() }),
  },
  {
    name: 'unitAlliances',
    doc: `query($u: ID!) { unitAlliances(unitId: $u) { status } }`,
    vars: () => ({ u: U() }),
  },
  {
    name: 'unitRoster',
    doc: `query($u: ID!) { unitRoster(unitId: $u) { total members { user { phone } } } }`,
    vars: () => ({ u: U() }),
  },
  {
    name: 'teams (unit)',
    doc: `query($u: ID!) { teams(owner: { unitId: $u }) { id members { user { id } } } }`,
    vars: () => ({ u: U() }),
  },
  {
    name: 'teams (community)',
    doc: `query($c: ID!) { teams(owner: { communityId: $c }) { id } }`,
    vars: () => ({ c: C() }),
  },
  {
    // Any community's staff may search the shared list of units; nobody else.
    name: 'unitsSearch',
    doc: `query { unitsSearch(name: "医院") { id } }`,
    vars: () => ({}),
    outsiders: OUTSIDERS.filter((o) => o !== 'otherStaff'),
  },
]

function expectRefused(who: Outsider, code: string | undefined) {
  if (who === 'anonymous') expect(code, who).toBe('UNAUTHENTICATED')
  else expect(['NOT_FOUND', 'FORBIDDEN'], `${who} got ${code}`).toContain(code)
}

describe('authorization of every units mutation', () => {
  let auditBefore: number
  beforeAll(async () => {
    auditBefore = await auditCount()
  })

  for (const c of MUTATIONS) {
    describe(c.name, () => {
      for (const who of c.outsiders ?? OUTSIDERS) {
        it(`is refused to ${who}, and nothing changes`, async () => {
          const before = await c.rows()
          const res = await w.as(who, c.doc, c.vars())
          expectRefused(who, res.code)
          expect(res.data).toBeNull()
          expect(await c.rows()).toEqual(before)
        })
      }
    })
  }

  it('left no audit event behind', async () => {
    expect(await auditCount()).toBe(auditBefore)
  })
})

describe('authorization of every units query', () => {
  for (const q of QUERIES) {
    describe(q.name, () => {
      for (const who of q.outsiders ?? OUTSIDERS) {
        it(`is refused to ${who}`, async () => {
          const res = await w.as(who, q.doc, q.vars())
          expectRefused(who, res.code)
          // `alliance` is nullable: its field comes back null, nothing else.
          expect(Object.values(res.data ?? {}).filter((v) => v !== null)).toEqual([])
        })
      }
    })
  }
})

describe('ids cannot be probed', () => {
  it('a missing unit and another community’s unit give the same answer', async () => {
    const missing = '01890000-0000-7000-8000-000000000000'
    for (const doc of [
      `mutation($u: ID!) { setPartyMember(unitId: $u, userId: "${missing}", isPartyMember: true) { status } }`,
      `query($u: ID!) { unitRoster(unitId: $u) { total } }`,
    ]) {
      const own = await w.as('otherUnitAdmin', doc, { u: U() })
      const none = await w.as('otherUnitAdmin', doc, { u: missing })
      const malformed = await w.as('otherUnitAdmin', doc, { u: 'not-a-uuid' })
      expect([own.code, none.code, malformed.code]).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'])
    }
  })
})
