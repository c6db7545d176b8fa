/** Rosters: invitations, requests, the admin's decisions, party members, leaving; the roster page. */
import { maskPhone } from '@linli/shared'
import { and, eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { addUnitMember, createUser } from '../../support/factories.ts'
import { buildUnitsWorld, MEMBER_FIELDS, type UnitMemberData, type UnitsWorld } from './world.ts'

let t: TestApp
let w: UnitsWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await buildUnitsWorld(t, '10.81')
})
afterAll(() => t.close())

const ROSTER = /* GraphQL */ `
  query Roster($u: ID!, $status: [UnitMemberStatus!], $first: Int, $offset: Int) {
    unitRoster(unitId: $u, status: $status, first: $first, offset: $offset) {
      unit {
        id
        name
      }
      total
      members {
        ...UM
      }
    }
  }
  ${MEMBER_FIELDS}
`
type RosterData = { unitRoster: { unit: { id: string; name: string }; total: number; members: UnitMemberData[] } }

const INVITE = `mutation($u: ID!, $p: String!, $party: Boolean) { inviteUnitMember(unitId: $u, phone: $p, isPartyMember: $party) { ...UM } } ${MEMBER_FIELDS}`
const ACCEPT = `mutation($u: ID!) { acceptUnitInvitation(unitId: $u) { unit { name } status isPartyMember } }`
const DECLINE_INVITATION = `mutation($u: ID!) { declineUnitInvitation(unitId: $u) { status } }`
const REQUEST = `mutation($u: ID!) { requestToJoinUnit(unitId: $u) { unit { id } status } }`
const APPROVE = `mutation($u: ID!, $p: ID!) { approveUnitMember(unitId: $u, userId: $p) { ...UM } } ${MEMBER_FIELDS}`
const DECLINE = `mutation($u: ID!, $p: ID!) { declineUnitMember(unitId: $u, userId: $p) { status } }`
const PARTY = `mutation($u: ID!, $p: ID!, $v: Boolean!) { setPartyMember(unitId: $u, userId: $p, isPartyMember: $v) { isPartyMember status } }`
const REMOVE = `mutation($u: ID!, $p: ID!) { removeUnitMember(unitId: $u, userId: $p) { status } }`
const MY_UNITS = `query { myUnits { unit { id name } status isPartyMember } }`

const U = () => w.units.unit.id
const memberRow = async (userId: string) =>
  (
    await t.database.db
      .select()
      .from(schema.unitMembers)
      .where(and(eq(schema.unitMembers.unitId, U()), eq(schema.unitMembers.userId, userId)))
  )[0]
const lastAudit = async (action: string) =>
  (
    await t.database.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.action, action))
      .orderBy(schema.auditEvents.at)
  ).at(-1)

describe('unitRoster', () => {
  it('shows the unit’s admin the roster with full phones, open requests and invitations first', async () => {
    const res = await w.as<RosterData>('unitAdmin', ROSTER, { u: U() })
    expect(res.errors).toBeUndefined()
    const { unit, total, members } = res.data!.unitRoster
    expect(unit.name).toBe('测试医院')
    expect(total).toBe(5)
    expect(members.map((m) => m.status)).toEqual(['requested', 'invited', 'active', 'active', 'active'])
    const byId = new Map(members.map((m) => [m.user.id, m]))
    expect(byId.get(w.people.member.id)).toMatchObject({ isPartyMember: true, user: { phone: w.people.member.phone } })
    expect(byId.get(w.people.member2.id)).toMatchObject({ isPartyMember: false })
  })

  it('shows staff of a community whose alliance holds the unit masked phones', async () => {
    const res = await w.as<RosterData>('staff', ROSTER, { u: U() })
    expect(res.errors).toBeUndefined()
    const member = res.data!.unitRoster.members.find((m) => m.user.id === w.people.member.id)!
    expect(member.user.phone).toBe(maskPhone(w.people.member.phone))
    for (const m of res.data!.unitRoster.members) expect(m.user.phone).toMatch(/\*{4}/)
  })

  it('pages and filters by status; a page outside 1–200 is refused', async () => {
    const page = await w.as<RosterData>('unitAdmin', ROSTER, { u: U(), first: 2, offset: 1 })
    expect(page.data!.unitRoster.total).toBe(5)
    expect(page.data!.unitRoster.members.map((m) => m.status)).toEqual(['invited', 'active'])
    const active = await w.as<RosterData>('unitAdmin', ROSTER, { u: U(), status: ['active'] })
    expect(active.data!.unitRoster.total).toBe(3)
    const tooBig = await w.as('unitAdmin', ROSTER, { u: U(), first: 201 })
    expect(tooBig.code).toBe('BAD_USER_INPUT')
    expect(tooBig.errors![0]!.extensions!.fields).toEqual({ first: 'VALUE_INVALID' })
  })

  it('is one SQL statement whatever the size of the roster (plus the viewer’s session)', async () => {
    const small = await t.sql.measure(() => w.as<RosterData>('unitAdmin', ROSTER, { u: U() }))
    for (let i = 0; i < 30; i += 1) {
      const person = await createUser(t.database.db)
      await addUnitMember(t.database.db, U(), person.id, { isPartyMember: i % 2 === 0 })
    }
    const big = await t.sql.measure(() => w.as<RosterData>('unitAdmin', ROSTER, { u: U(), first: 100 }))
    expect(big.result.data!.unitRoster.members).toHaveLength(35)
    expect(small.count).toBe(2)
    expect(big.count).toBe(2)
    expect(big.statements.filter((s) => s.includes('unit_members'))).toHaveLength(1)
    const staff = await t.sql.measure(() => w.as<RosterData>('staff', ROSTER, { u: U(), first: 100 }))
    expect(staff.count).toBe(2)
  })
})

describe('inviteUnitMember and the invitee’s answer', () => {
  it('invites a registered person by phone; the admin sees the full phone; the audit holds no phone', async () => {
    const res = await w.as<{ inviteUnitMember: UnitMemberData }>('unitAdmin', INVITE, {
      u: U(),
      p: w.people.newcomer.phone,
      party: true,
    })
    expect(res.errors).toBeUndefined()
    expect(res.data!.inviteUnitMember).toMatchObject({
      status: 'invited',
      isPartyMember: true,
      user: { id: w.people.newcomer.id, phone: w.people.newcomer.phone },
    })
    const event = await lastAudit('unit_member.invite')
    expect(event).toMatchObject({ actorId: w.people.unitAdmin.id, unitId: U(), targetId: w.people.newcomer.id })
    expect(JSON.stringify([event!.before, event!.after])).not.toContain(w.people.newcomer.phone)
  })

  it('refuses a second invitation, an unknown phone and a malformed one', async () => {
    const again = await w.as('unitAdmin', INVITE, { u: U(), p: w.people.newcomer.phone })
    expect(again.code).toBe('ALREADY_EXISTS')
    const active = await w.as('unitAdmin', INVITE, { u: U(), p: w.people.member.phone })
    expect(active.code).toBe('ALREADY_EXISTS')
    const unknown = await w.as('unitAdmin', INVITE, { u: U(), p: '13399990000' })
    expect(unknown.code).toBe('NOT_FOUND')
    const malformed = await w.as('unitAdmin', INVITE, { u: U(), p: '12345' })
    expect(malformed.code).toBe('BAD_USER_INPUT')
    expect(malformed.errors![0]!.extensions!.fields).toEqual({ phone: 'PHONE_INVALID' })
  })

  it('shows the invitee the invitation in myUnits; accepting makes them active, once', async () => {
    const mine = await w.as<{ myUnits: { unit: { id: string }; status: string }[] }>('newcomer', MY_UNITS)
    expect(mine.data!.myUnits).toEqual([
      expect.objectContaining({ unit: expect.objectContaining({ id: U() }), status: 'invited' }),
    ])
    const res = await w.as('newcomer', ACCEPT, { u: U() })
    expect(res.data).toEqual({
      acceptUnitInvitation: { unit: { name: '测试医院' }, status: 'active', isPartyMember: true },
    })
    expect((await memberRow(w.people.newcomer.id))!.joinedAt).not.toBeNull()
    expect((await w.as('newcomer', ACCEPT, { u: U() })).code).toBe('INVALID_TRANSITION')
    expect((await w.as('newcomer', DECLINE_INVITATION, { u: U() })).code).toBe('INVALID_TRANSITION')
    expect(await lastAudit('unit_member.accept')).toMatchObject({ actorId: w.people.newcomer.id, unitId: U() })
  })

  it('lets the invitee decline; the admin may invite them again', async () => {
    const res = await w.as('invitee', DECLINE_INVITATION, { u: U() })
    expect(res.data).toEqual({ declineUnitInvitation: { status: 'declined' } })
    const again = await w.as<{ inviteUnitMember: UnitMemberData }>('unitAdmin', INVITE, {
      u: U(),
      p: w.people.invitee.phone,
    })
    expect(again.data!.inviteUnitMember.status).toBe('invited')
  })

  it('answers NOT_FOUND to someone with no invitation', async () => {
    expect((await w.as('resident', ACCEPT, { u: U() })).code).toBe('NOT_FOUND')
  })
})

describe('requestToJoinUnit and the admin’s decision', () => {
  it('records a request once; approving makes the person active, once', async () => {
    const res = await w.as('resident', REQUEST, { u: U() })
    expect(res.data).toEqual({ requestToJoinUnit: { unit: { id: U() }, status: 'requested' } })
    expect((await w.as('resident', REQUEST, { u: U() })).code).toBe('ALREADY_EXISTS')
    const approved = await w.as<{ approveUnitMember: UnitMemberData }>('unitAdmin', APPROVE, {
      u: U(),
      p: w.people.resident.id,
    })
    expect(approved.data!.approveUnitMember.status).toBe('active')
    expect(await memberRow(w.people.resident.id)).toMatchObject({ status: 'active', decidedBy: w.people.unitAdmin.id })
    expect((await w.as('unitAdmin', APPROVE, { u: U(), p: w.people.resident.id })).code).toBe('INVALID_TRANSITION')
    expect(await lastAudit('unit_member.approve')).toMatchObject({ targetId: w.people.resident.id, unitId: U() })
  })

  it('declines a request; a declined person is not approved, but may ask again', async () => {
    const res = await w.as('unitAdmin', DECLINE, { u: U(), p: w.people.requester.id })
    expect(res.data).toEqual({ declineUnitMember: { status: 'declined' } })
    expect((await w.as('unitAdmin', APPROVE, { u: U(), p: w.people.requester.id })).code).toBe('INVALID_TRANSITION')
    expect((await w.as('requester', REQUEST, { u: U() })).data).toEqual({
      requestToJoinUnit: { unit: { id: U() }, status: 'requested' },
    })
  })

  it('answers NOT_FOUND for a unit that does not exist and for a person who never asked', async () => {
    expect((await w.as('resident', REQUEST, { u: '01890000-0000-7000-8000-000000000001' })).code).toBe('NOT_FOUND')
    expect((await w.as('unitAdmin', APPROVE, { u: U(), p: w.people.volunteer.id })).code).toBe('NOT_FOUND')
  })
})

describe('setPartyMember', () => {
  it('marks and unmarks a party member', async () => {
    const on = await w.as('unitAdmin', PARTY, { u: U(), p: w.people.member2.id, v: true })
    expect(on.data).toEqual({ setPartyMember: { isPartyMember: true, status: 'active' } })
    expect((await memberRow(w.people.member2.id))!.isPartyMember).toBe(true)
    const event = await lastAudit('unit_member.set_party_member')
    expect(event).toMatchObject({ before: { isPartyMember: false }, after: { isPartyMember: true } })
  })

  it('refuses a person who is not on the roster', async () => {
    expect((await w.as('unitAdmin', PARTY, { u: U(), p: w.people.volunteer.id, v: true })).code).toBe('NOT_FOUND')
  })
})

describe('removeUnitMember', () => {
  it('marks the person left, takes them out of the unit’s teams and their lead', async () => {
    const res = await w.as('unitAdmin', REMOVE, { u: U(), p: w.people.member.id })
    expect(res.data).toEqual({ removeUnitMember: { status: 'left' } })
    const [team] = await t.database.db.select().from(schema.teams).where(eq(schema.teams.id, w.teams.unitTeam.id))
    expect(team!.leaderId).toBeNull()
    const members = await t.database.db
      .select()
      .from(schema.teamMembers)
      .where(eq(schema.teamMembers.teamId, w.teams.unitTeam.id))
    expect(members.map((m) => m.userId)).not.toContain(w.people.member.id)
    expect(await lastAudit('unit_member.remove')).toMatchObject({
      before: { status: 'active' },
      after: { status: 'left', teamsLeft: [w.teams.unitTeam.id] },
    })
    expect((await w.as('unitAdmin', REMOVE, { u: U(), p: w.people.member.id })).code).toBe('INVALID_TRANSITION')
    // A former member is kept as history, and is shown when asked for.
    const left = await w.as<RosterData>('unitAdmin', ROSTER, { u: U(), status: ['left'] })
    expect(left.data!.unitRoster.members.map((m) => m.user.id)).toEqual([w.people.member.id])
  })

  it('withdraws an open invitation', async () => {
    const res = await w.as('unitAdmin', REMOVE, { u: U(), p: w.people.invitee.id })
    expect(res.data).toEqual({ removeUnitMember: { status: 'left' } })
    expect((await w.as('invitee', ACCEPT, { u: U() })).code).toBe('INVALID_TRANSITION')
  })
})

describe('myUnits', () => {
  it('lists the person’s units with status; a former unit is not listed', async () => {
    const res = await w.as<{ myUnits: { unit: { id: string }; status: string; isPartyMember: boolean }[] }>(
      'unitAdmin',
      MY_UNITS,
    )
    expect(res.data!.myUnits).toEqual([{ unit: { id: U(), name: '测试医院' }, status: 'active', isPartyMember: true }])
    const gone = await w.as<{ myUnits: unknown[] }>('member', MY_UNITS)
    expect(gone.data!.myUnits).toEqual([])
  })
})
