/**
 * A small administrative world for authorization tests: two districts; in the first, two
 * streets, three communities, grids, an alliance unit; one person per role and scope; and a
 * GraphQL client signed in as each.
 */
import type { Role } from '@linli/shared'
import { schema, sql } from '@linli/server/db'
import type { TestApp } from './app.ts'
import { createPlaces, createUser, type CreatedUser } from './factories.ts'
import { LOGIN, type LoginData } from './gql.ts'

const at = new Date('2026-11-01T00:00:00Z')

export const ACTORS = [
  'anonymous',
  'resident',
  'volunteer',
  'gridWorker',
  'unitAdmin',
  'staff',
  'otherStaff',
  'farStaff',
  'streetAdmin',
  'otherStreetAdmin',
  'districtAdmin',
  'otherDistrictAdmin',
] as const
export type Actor = (typeof ACTORS)[number]

export async function buildWorld(t: TestApp) {
  const db = t.database.db
  const a = await createPlaces(db) // district D1, street S1, community C1, grid G1
  const b = await createPlaces(db) // district D2 …
  const insert = async <T extends { id: string }>(q: Promise<T[]>) => (await q)[0]!
  const s2 = await insert(
    db.insert(schema.streets).values({ districtId: a.district.id, name: '第二街道', createdAt: at }).returning(),
  )
  const c2 = await insert(
    db.insert(schema.communities).values({ streetId: a.street.id, name: '邻社区', createdAt: at }).returning(),
  )
  const c3 = await insert(
    db.insert(schema.communities).values({ streetId: s2.id, name: '远社区', createdAt: at }).returning(),
  )
  const g2 = await insert(
    db.insert(schema.grids).values({ communityId: c2.id, name: '邻网格', createdAt: at }).returning(),
  )
  const unit = await insert(
    db.insert(schema.units).values({ name: '测试医院', kind: 'hospital', createdAt: at }).returning(),
  )
  const otherUnit = await insert(
    db.insert(schema.units).values({ name: '远方学校', kind: 'school', createdAt: at }).returning(),
  )
  const alliance = await insert(
    db.insert(schema.alliances).values({ communityId: a.community.id, name: '测试联盟', createdAt: at }).returning(),
  )
  await db.insert(schema.allianceUnits).values({
    communityId: a.community.id,
    allianceId: alliance.id,
    unitId: unit.id,
    status: 'active',
    joinedAt: at,
  })
  const alliance3 = await insert(
    db.insert(schema.alliances).values({ communityId: c3.id, name: '远联盟', createdAt: at }).returning(),
  )
  await db.insert(schema.allianceUnits).values({
    communityId: c3.id,
    allianceId: alliance3.id,
    unitId: otherUnit.id,
    status: 'active',
    joinedAt: at,
  })

  const grant = (role: Role, scopeId?: string) => [{ role, scopeId }]
  const people: Record<Exclude<Actor, 'anonymous'>, CreatedUser> = {
    resident: await createUser(db, { roles: grant('resident') }),
    volunteer: await createUser(db, { roles: [{ role: 'resident' }, { role: 'volunteer' }] }),
    gridWorker: await createUser(db, { roles: grant('grid_worker', a.grid.id) }),
    unitAdmin: await createUser(db, { roles: grant('unit_admin', unit.id) }),
    staff: await createUser(db, { roles: grant('community_staff', a.community.id) }),
    otherStaff: await createUser(db, { roles: grant('community_staff', c2.id) }),
    farStaff: await createUser(db, { roles: grant('community_staff', c3.id) }),
    streetAdmin: await createUser(db, { roles: grant('street_admin', a.street.id) }),
    otherStreetAdmin: await createUser(db, { roles: grant('street_admin', s2.id) }),
    districtAdmin: await createUser(db, { roles: grant('district_admin', a.district.id) }),
    otherDistrictAdmin: await createUser(db, { roles: grant('district_admin', b.district.id) }),
  }
  /** People who are no actor: role grants in tests go to them, so actors keep their powers. */
  const spare = [] as CreatedUser[]
  for (let i = 0; i < 6; i++) spare.push(await createUser(db))
  const tokens = {} as Record<Actor, string | undefined>
  tokens.anonymous = undefined
  for (const [actor, user] of Object.entries(people) as [Exclude<Actor, 'anonymous'>, CreatedUser][]) {
    const res = await t.gql<LoginData>(
      LOGIN,
      { phone: user.phone, password: user.password },
      { ip: `10.77.0.${ACTORS.indexOf(actor)}` },
    )
    if (!res.data) throw new Error(`login failed for ${actor}: ${res.code}`)
    tokens[actor] = res.data.login.accessToken
  }
  const as =
    (actor: Actor) =>
    <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) =>
      t.gql<T>(query, variables, { token: tokens[actor] })

  return {
    district: a.district,
    otherDistrict: b.district,
    street: a.street,
    otherStreet: s2,
    community: a.community,
    neighbourCommunity: c2,
    farCommunity: c3,
    grid: a.grid,
    neighbourGrid: g2,
    unit,
    otherUnit,
    people,
    spare,
    as,
    /** Each actor's access token (for HTTP routes beside GraphQL). */
    tokens,
  }
}

export type World = Awaited<ReturnType<typeof buildWorld>>

/**
 * A fingerprint of every administrative table: equal before and after means nothing changed.
 * One statement; row order does not matter.
 */
export async function adminFingerprint(t: TestApp): Promise<string> {
  const tables = [
    'districts',
    'streets',
    'communities',
    'grids',
    'role_grants',
    'community_settings',
    'default_settings',
    'audit_events',
    'units',
    'unit_members',
    'alliance_units',
    'teams',
    'team_members',
    'users',
    'residences',
  ]
  const parts = tables.map(
    (name) => `(select coalesce(md5(string_agg(md5(x::text), ',' order by md5(x::text))), '') from ${name} x)`,
  )
  // Table names are the constants above, not input.
  const { rows } = await t.database.db.execute(sql.raw(`select ${parts.join(" || '|' || ")} as fp`))
  return (rows[0] as { fp: string }).fp
}
