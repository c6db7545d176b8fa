/** Alliance membership: creating and inviting units, the unit's answer, agreements, leaving; who reads it. */
import { unitIsActiveInAllianceOf } from '@linli/server/units'
import { and, eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { createPlaces, createUnit, createUser } from '../../support/factories.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'
import { ALLIANCE_UNIT_FIELDS, buildUnitsWorld, type AllianceUnitData, type UnitsWorld } from './world.ts'

let t: TestApp
let w: UnitsWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await buildUnitsWorld(t, '10.82')
})
afterAll(() => t.close())

const CREATE = `mutation($c: ID!, $input: CreateUnitInput!) { createUnit(communityId: $c, input: $input) { ...AU } } ${ALLIANCE_UNIT_FIELDS}`
const INVITE = `mutation($c: ID!, $u: ID!, $d: String) { inviteUnitToAlliance(communityId: $c, unitId: $u, agreementSignedOn: $d) { ...AU } } ${ALLIANCE_UNIT_FIELDS}`
const ACCEPT = `mutation($c: ID!, $u: ID!) { acceptAllianceInvitation(communityId: $c, unitId: $u) { ...AU } } ${ALLIANCE_UNIT_FIELDS}`
const DECLINE = `mutation($c: ID!, $u: ID!) { declineAllianceInvitation(communityId: $c, unitId: $u) { ...AU } } ${ALLIANCE_UNIT_FIELDS}`
const REMOVE = `mutation($c: ID!, $u: ID!) { removeUnitFromAlliance(communityId: $c, unitId: $u) { ...AU } } ${ALLIANCE_UNIT_FIELDS}`
const SIGNED = `mutation($c: ID!, $u: ID!, $d: String) { setAgreementSigned(communityId: $c, unitId: $u, date: $d) { ...AU } } ${ALLIANCE_UNIT_FIELDS}`
const ALLIANCE = `query($c: ID!) { alliance(communityId: $c) { id name communityId units { ...AU } } } ${ALLIANCE_UNIT_FIELDS}`
const SEARCH = `query($n: String!) { unitsSearch(name: $n) { id name kind } }`
const UNIT_ALLIANCES = `query($u: ID!) { unitAlliances(unitId: $u) { ...AU } } ${ALLIANCE_UNIT_FIELDS}`

type AllianceData = { alliance: { id: string; name: string; communityId: string; units: AllianceUnitData[] } | null }

const C = () => w.places.community.id
const audits = (action: string) =>
  t.database.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.action, action))

async function signIn(phone: string, password: string, ip: string) {
  const res = await t.gql<LoginData>(LOGIN, { phone, password }, { ip })
  return res.data!.login.accessToken
}

describe('createUnit', () => {
  it('creates the unit, active in the community’s alliance, and audits it with the community’s ancestry', async () => {
    const res = await w.as<{ createUnit: AllianceUnitData }>('staff', CREATE, {
      c: C(),
      input: { name: '  明德科技  ', kind: 'enterprise', agreementSignedOn: '2026-05-20' },
    })
    expect(res.errors).toBeUndefined()
    const created = res.data!.createUnit
    expect(created).toMatchObject({
      unit: { name: '明德科技', kind: 'enterprise' },
      communityId: C(),
      status: 'active',
      agreementSignedOn: '2026-05-20',
      leftAt: null,
    })
    const [event] = await audits('unit.create')
    expect(event).toMatchObject({
      actorId: w.people.staff.id,
      targetId: created.unit.id,
      unitId: created.unit.id,
      communityId: C(),
      streetId: w.places.street.id,
      districtId: w.places.district.id,
    })
  })

  it('creates the alliance on first use, named after the community', async () => {
    const places = await createPlaces(t.database.db)
    const staff = await createUser(t.database.db, {
      roles: [{ role: 'community_staff', scopeId: places.community.id }],
    })
    const token = await signIn(staff.phone, staff.password, '10.82.9.1')
    const res = await t.gql<{ createUnit: AllianceUnitData }>(
      CREATE,
      { c: places.community.id, input: { name: '新单位', kind: 'school' } },
      { token },
    )
    expect(res.data!.createUnit.allianceName).toBe(`${places.community.name}大邻里党建联盟`)
    expect(await audits('alliance.create')).toHaveLength(1)
    const read = await t.gql<AllianceData>(ALLIANCE, { c: places.community.id }, { token })
    expect(read.data!.alliance!.units.map((u) => u.unit.name)).toEqual(['新单位'])
  })

  it('validates the name, the kind and the date with field codes', async () => {
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ name: '  ', kind: 'school' }, { name: 'NAME_REQUIRED' }],
      [{ name: '长'.repeat(41), kind: 'school' }, { name: 'NAME_TOO_LONG' }],
      [{ name: '好单位', kind: 'school', agreementSignedOn: '2026-02-30' }, { agreementSignedOn: 'DATE_INVALID' }],
    ]
    for (const [input, fields] of cases) {
      const res = await w.as('staff', CREATE, { c: C(), input })
      expect(res.code).toBe('BAD_USER_INPUT')
      expect(res.errors![0]!.extensions!.fields).toEqual(fields)
    }
    expect((await w.as('staff', CREATE, { c: C(), input: { name: 'x', kind: 'bank' } })).code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    )
  })

  it('refuses a second unit of the same name in the alliance', async () => {
    const res = await w.as('staff', CREATE, { c: C(), input: { name: '测试医院', kind: 'hospital' } })
    expect(res.code).toBe('ALREADY_EXISTS')
  })
})

describe('unitsSearch', () => {
  it('finds existing units by part of the name, wildcards taken literally', async () => {
    const res = await w.as<{ unitsSearch: { name: string }[] }>('staff', SEARCH, { n: '医院' })
    expect(res.data!.unitsSearch.map((u) => u.name)).toContain('测试医院')
    const other = await w.as<{ unitsSearch: { name: string }[] }>('otherStaff', SEARCH, { n: '自由' })
    expect(other.data!.unitsSearch.map((u) => u.name)).toEqual(['自由企业'])
    const wildcard = await w.as<{ unitsSearch: unknown[] }>('staff', SEARCH, { n: '%' })
    expect(wildcard.data!.unitsSearch).toEqual([])
    expect((await w.as('staff', SEARCH, { n: ' ' })).code).toBe('BAD_USER_INPUT')
  })
})

describe('inviteUnitToAlliance and the unit’s answer', () => {
  it('invites an existing unit; a second invitation or an active member is ALREADY_EXISTS; a missing unit NOT_FOUND', async () => {
    const res = await w.as<{ inviteUnitToAlliance: AllianceUnitData }>('staff', INVITE, {
      c: C(),
      u: w.units.freeUnit.id,
      d: '2026-09-01',
    })
    expect(res.data!.inviteUnitToAlliance).toMatchObject({ status: 'invited', agreementSignedOn: '2026-09-01' })
    expect((await w.as('staff', INVITE, { c: C(), u: w.units.freeUnit.id })).code).toBe('ALREADY_EXISTS')
    expect((await w.as('staff', INVITE, { c: C(), u: w.units.unit.id })).code).toBe('ALREADY_EXISTS')
    const missing = await w.as('staff', INVITE, { c: C(), u: '01890000-0000-7000-8000-000000000002' })
    expect(missing.code).toBe('NOT_FOUND')
    expect(await audits('alliance.invite')).toEqual([
      expect.objectContaining({
        unitId: w.units.freeUnit.id,
        communityId: C(),
        after: expect.objectContaining({ status: 'invited' }),
      }),
    ])
  })

  it('shows the invited unit’s admin the invitation, and lets them accept it once', async () => {
    const mine = await w.as<{ unitAlliances: AllianceUnitData[] }>('invitedUnitAdmin', UNIT_ALLIANCES, {
      u: w.units.invitedUnit.id,
    })
    expect(mine.data!.unitAlliances).toEqual([expect.objectContaining({ communityId: C(), status: 'invited' })])
    // Invited is not yet a member: the alliance stays closed to them.
    expect((await w.as('invitedUnitAdmin', ALLIANCE, { c: C() })).code).toBe('NOT_FOUND')
    const res = await w.as<{ acceptAllianceInvitation: AllianceUnitData }>('invitedUnitAdmin', ACCEPT, {
      c: C(),
      u: w.units.invitedUnit.id,
    })
    expect(res.data!.acceptAllianceInvitation.status).toBe('active')
    expect((await w.as('invitedUnitAdmin', ACCEPT, { c: C(), u: w.units.invitedUnit.id })).code).toBe(
      'INVALID_TRANSITION',
    )
    expect((await w.as('invitedUnitAdmin', DECLINE, { c: C(), u: w.units.invitedUnit.id })).code).toBe(
      'INVALID_TRANSITION',
    )
    expect((await w.as<AllianceData>('invitedUnitAdmin', ALLIANCE, { c: C() })).data!.alliance).not.toBeNull()
    const [event] = await audits('alliance.accept')
    expect(event).toMatchObject({
      actorId: w.people.invitedUnitAdmin.id,
      communityId: C(),
      after: { status: 'active' },
    })
  })

  it('lets a unit’s admin decline; staff may invite it again later', async () => {
    const unit = await createUnit(t.database.db, { name: '婉拒单位' })
    const admin = await createUser(t.database.db, { roles: [{ role: 'unit_admin', scopeId: unit.id }] })
    const token = await signIn(admin.phone, admin.password, '10.82.9.2')
    await w.as('staff', INVITE, { c: C(), u: unit.id })
    const declined = await t.gql<{ declineAllianceInvitation: AllianceUnitData }>(
      DECLINE,
      { c: C(), u: unit.id },
      { token },
    )
    expect(declined.data!.declineAllianceInvitation).toMatchObject({ status: 'left', leftAt: expect.any(String) })
    const again = await w.as<{ inviteUnitToAlliance: AllianceUnitData }>('staff', INVITE, { c: C(), u: unit.id })
    expect(again.data!.inviteUnitToAlliance).toMatchObject({ status: 'invited', leftAt: null })
  })
})

describe('setAgreementSigned', () => {
  it('records and clears the agreement date; refuses a malformed one', async () => {
    const u = w.units.unit.id
    const set = await w.as<{ setAgreementSigned: AllianceUnitData }>('staff', SIGNED, { c: C(), u, d: '2026-10-01' })
    expect(set.data!.setAgreementSigned.agreementSignedOn).toBe('2026-10-01')
    const [event] = await audits('alliance.set_agreement')
    expect(event).toMatchObject({
      before: { agreementSignedOn: '2026-03-01' },
      after: { agreementSignedOn: '2026-10-01' },
    })
    const cleared = await w.as<{ setAgreementSigned: AllianceUnitData }>('staff', SIGNED, { c: C(), u, d: null })
    expect(cleared.data!.setAgreementSigned.agreementSignedOn).toBeNull()
    const bad = await w.as('staff', SIGNED, { c: C(), u, d: '1.10.2026' })
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { date: 'DATE_INVALID' } })
    expect((await w.as('staff', SIGNED, { c: C(), u: w.units.otherUnit.id, d: '2026-10-01' })).code).toBe('NOT_FOUND')
  })
})

describe('alliance', () => {
  it('is read by the community’s staff, the street and district admins above, and admins of active member units', async () => {
    for (const who of ['staff', 'streetAdmin', 'districtAdmin', 'unitAdmin'] as const) {
      const res = await w.as<AllianceData>(who, ALLIANCE, { c: C() })
      expect(res.errors, who).toBeUndefined()
      const mine = res.data!.alliance!.units.find((u) => u.unit.id === w.units.unit.id)
      expect(mine, who).toMatchObject({ status: 'active', communityName: w.places.community.name })
    }
  })

  it('is null for a community without an alliance, to those who may read it', async () => {
    const res = await w.as<AllianceData>('streetAdmin', ALLIANCE, { c: w.places.neighbour.id })
    expect(res.data!.alliance).not.toBeNull()
    const places = await createPlaces(t.database.db)
    const staff = await createUser(t.database.db, {
      roles: [{ role: 'community_staff', scopeId: places.community.id }],
    })
    const token = await signIn(staff.phone, staff.password, '10.82.9.3')
    const none = await t.gql<AllianceData>(ALLIANCE, { c: places.community.id }, { token })
    expect(none.errors).toBeUndefined()
    expect(none.data!.alliance).toBeNull()
  })
})

describe('removeUnitFromAlliance', () => {
  it('marks the unit left and keeps it as history; its admin no longer reads the alliance', async () => {
    const u = w.units.unit.id
    const res = await w.as<{ removeUnitFromAlliance: AllianceUnitData }>('staff', REMOVE, { c: C(), u })
    expect(res.data!.removeUnitFromAlliance).toMatchObject({ status: 'left', leftAt: expect.any(String) })
    const read = await w.as<AllianceData>('staff', ALLIANCE, { c: C() })
    expect(read.data!.alliance!.units.find((x) => x.unit.id === u)).toMatchObject({ status: 'left' })
    expect((await w.as('unitAdmin', ALLIANCE, { c: C() })).code).toBe('NOT_FOUND')
    expect((await w.as('staff', REMOVE, { c: C(), u })).code).toBe('INVALID_TRANSITION')
    expect((await w.as('staff', SIGNED, { c: C(), u, d: '2026-10-02' })).code).toBe('INVALID_TRANSITION')
    // Staff no longer see the roster of a unit that left their alliance.
    expect((await w.as('staff', `query($u: ID!) { unitRoster(unitId: $u) { total } }`, { u })).code).toBe('NOT_FOUND')
    const [row] = await t.database.db
      .select()
      .from(schema.allianceUnits)
      .where(and(eq(schema.allianceUnits.communityId, C()), eq(schema.allianceUnits.unitId, u)))
    expect(row!.status).toBe('left')
  })
})

describe('unitIsActiveInAllianceOf (for appointing unit admins)', () => {
  it('answers in one statement whether the unit is active in one of the communities’ alliances', async () => {
    const db = t.database.db
    const { neighbourUnit, invitedUnit, unit } = w.units
    const measured = await t.sql.measure(() =>
      unitIsActiveInAllianceOf(db, neighbourUnit.id, [C(), w.places.neighbour.id]),
    )
    expect(measured).toMatchObject({ result: true, count: 1 })
    expect(await unitIsActiveInAllianceOf(db, neighbourUnit.id, [C()])).toBe(false)
    expect(await unitIsActiveInAllianceOf(db, invitedUnit.id, [C()])).toBe(true) // accepted above
    expect(await unitIsActiveInAllianceOf(db, unit.id, [C()])).toBe(false) // left above
    expect(await unitIsActiveInAllianceOf(db, w.units.freeUnit.id, [C()])).toBe(false) // only invited
    expect(await unitIsActiveInAllianceOf(db, neighbourUnit.id, [])).toBe(false)
    expect(await unitIsActiveInAllianceOf(db, 'not-a-uuid', [C()])).toBe(false)
  })
})
