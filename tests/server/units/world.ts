/**
 * The world the units tests act in: community C (street S, district D, grid G) whose alliance
 * holds unit U (active) and unit Uinv (invited); a unit with no alliance; a neighbouring
 * community in the same street, and a community in another street, each with its own unit.
 * Unit U has a roster (admin, two active members, a request, an invitation) and a team; C has a
 * team and a resident. One person per role, signed in.
 */
import type { Role } from '@linli/shared'
import { schema } from '@linli/server/db'
import type { TestApp } from '../../support/app.ts'
import {
  addResidence,
  addToAlliance,
  addUnitMember,
  createPlaces,
  createUnit,
  createUser,
  type CreatedUser,
} from '../../support/factories.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'

const at = new Date('2026-11-01T00:00:00Z')

/** Everyone who acts in the tests; `anonymous` has no token. */
export const OUTSIDERS = [
  'anonymous',
  'resident',
  'volunteer',
  'gridWorker',
  'otherUnitAdmin',
  'otherStaff',
  'otherStreetAdmin',
] as const
export type Outsider = (typeof OUTSIDERS)[number]

export async function buildUnitsWorld(t: TestApp, ipPrefix = '10.80') {
  const db = t.database.db
  const a = await createPlaces(db)
  const insert = async <T>(q: Promise<T[]>) => (await q)[0]!
  const otherStreet = await insert(
    db.insert(schema.streets).values({ districtId: a.district.id, name: '邻街道', createdAt: at }).returning(),
  )
  const neighbour = await insert(
    db.insert(schema.communities).values({ streetId: a.street.id, name: '邻社区', createdAt: at }).returning(),
  )
  const far = await insert(
    db.insert(schema.communities).values({ streetId: otherStreet.id, name: '远社区', createdAt: at }).returning(),
  )

  const unit = await createUnit(db, { name: '测试医院', kind: 'hospital' })
  const invitedUnit = await createUnit(db, { name: '受邀学校', kind: 'school' })
  const freeUnit = await createUnit(db, { name: '自由企业', kind: 'enterprise' })
  const neighbourUnit = await createUnit(db, { name: '邻社区单位', kind: 'government' })
  const otherUnit = await createUnit(db, { name: '远方单位', kind: 'social_org' })
  await addToAlliance(db, a.community.id, unit.id, { agreementSignedOn: '2026-03-01' })
  await addToAlliance(db, a.community.id, invitedUnit.id, { status: 'invited' })
  await addToAlliance(db, neighbour.id, neighbourUnit.id)
  await addToAlliance(db, far.id, otherUnit.id)

  const user = (roles: { role: Role; scopeId?: string }[]) => createUser(db, { roles })
  const people = {
    staff: await user([{ role: 'community_staff', scopeId: a.community.id }]),
    streetAdmin: await user([{ role: 'street_admin', scopeId: a.street.id }]),
    districtAdmin: await user([{ role: 'district_admin', scopeId: a.district.id }]),
    unitAdmin: await user([{ role: 'resident' }, { role: 'unit_admin', scopeId: unit.id }]),
    invitedUnitAdmin: await user([{ role: 'unit_admin', scopeId: invitedUnit.id }]),
    member: await user([{ role: 'resident' }, { role: 'volunteer' }]),
    member2: await user([{ role: 'resident' }]),
    requester: await user([{ role: 'resident' }]),
    invitee: await user([{ role: 'resident' }]),
    newcomer: await user([{ role: 'resident' }]),
    communityResident: await user([{ role: 'resident' }]),
    // outsiders
    resident: await user([{ role: 'resident' }]),
    volunteer: await user([{ role: 'resident' }, { role: 'volunteer' }]),
    gridWorker: await user([{ role: 'grid_worker', scopeId: a.grid.id }]),
    otherUnitAdmin: await user([{ role: 'unit_admin', scopeId: neighbourUnit.id }]),
    otherStaff: await user([{ role: 'community_staff', scopeId: neighbour.id }]),
    otherStreetAdmin: await user([{ role: 'street_admin', scopeId: otherStreet.id }]),
  } satisfies Record<string, CreatedUser>

  await addUnitMember(db, unit.id, people.unitAdmin.id, { isPartyMember: true })
  await addUnitMember(db, unit.id, people.member.id, { isPartyMember: true })
  await addUnitMember(db, unit.id, people.member2.id)
  await addUnitMember(db, unit.id, people.requester.id, { status: 'requested' })
  await addUnitMember(db, unit.id, people.invitee.id, { status: 'invited' })
  await addResidence(db, a.community.id, people.communityResident.id)

  const unitTeam = await insert(
    db
      .insert(schema.teams)
      .values({ unitId: unit.id, name: '医护队', leaderId: people.member.id, createdAt: at })
      .returning(),
  )
  await db.insert(schema.teamMembers).values({ teamId: unitTeam.id, userId: people.member.id, joinedAt: at })
  const communityTeam = await insert(
    db.insert(schema.teams).values({ communityId: a.community.id, name: '红马甲', createdAt: at }).returning(),
  )
  await db
    .insert(schema.teamMembers)
    .values({ teamId: communityTeam.id, userId: people.communityResident.id, joinedAt: at })

  const tokens: Record<string, string> = {}
  let n = 0
  for (const [name, person] of Object.entries(people)) {
    n += 1
    const res = await t.gql<LoginData>(
      LOGIN,
      { phone: person.phone, password: person.password },
      { ip: `${ipPrefix}.${Math.floor(n / 200)}.${n % 200}` },
    )
    if (!res.data) throw new Error(`login failed for ${name}: ${res.code}`)
    tokens[name] = res.data.login.accessToken
  }
  const token = (who: keyof typeof people | 'anonymous') => (who === 'anonymous' ? undefined : tokens[who])

  return {
    places: { ...a, otherStreet, neighbour, far },
    units: { unit, invitedUnit, freeUnit, neighbourUnit, otherUnit },
    teams: { unitTeam, communityTeam },
    people,
    token,
    /** Send a GraphQL document as someone. */
    as: <T = Record<string, unknown>>(
      who: keyof typeof people | 'anonymous',
      query: string,
      variables?: Record<string, unknown>,
    ) => t.gql<T>(query, variables, { token: token(who) }),
  }
}

export type UnitsWorld = Awaited<ReturnType<typeof buildUnitsWorld>>

export const ALLIANCE_UNIT_FIELDS = /* GraphQL */ `
  fragment AU on AllianceUnit {
    unit {
      id
      name
      kind
    }
    communityId
    communityName
    allianceName
    status
    agreementSignedOn
    joinedAt
    leftAt
  }
`

export const MEMBER_FIELDS = /* GraphQL */ `
  fragment UM on UnitMember {
    user {
      id
      realName
      phone
    }
    status
    isPartyMember
    joinedAt
  }
`

export const TEAM_FIELDS = /* GraphQL */ `
  fragment T on Team {
    id
    name
    unitId
    communityId
    archivedAt
    leader {
      id
      realName
      phone
    }
    members {
      user {
        id
        realName
        phone
      }
    }
  }
`

export interface AllianceUnitData {
  unit: { id: string; name: string; kind: string }
  communityId: string
  communityName: string
  allianceName: string
  status: string
  agreementSignedOn: string | null
  joinedAt: string
  leftAt: string | null
}

export interface UnitMemberData {
  user: { id: string; realName: string; phone: string }
  status: string
  isPartyMember: boolean
  joinedAt: string | null
}

export interface TeamData {
  id: string
  name: string
  unitId: string | null
  communityId: string | null
  archivedAt: string | null
  leader: { id: string; realName: string; phone: string } | null
  members: { user: { id: string; realName: string; phone: string } }[]
}
