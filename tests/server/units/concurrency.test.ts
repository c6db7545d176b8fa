/**
 * Contested roster, alliance and team changes on a real PostgreSQL server: many requests
 * released together on their own connections. Exactly one wins; the rest answer with a code.
 */
import { and, eq, schema, sql } from '@linli/server/db'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestApp, type GqlResult, type TestApp } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { createPlaces, createUser } from '../../support/factories.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'
import { race } from '../../support/race.ts'
import { buildUnitsWorld, type UnitsWorld } from './world.ts'

const CLIENTS = 20

function outcome(settled: PromiseSettledResult<GqlResult>[]) {
  const codes = settled.map((s) => (s.status === 'fulfilled' ? (s.value.code ?? 'OK') : 'REJECTED'))
  return { ok: codes.filter((c) => c === 'OK').length, codes: [...new Set(codes.filter((c) => c !== 'OK'))] }
}

describeOnPostgres('units under concurrency on PostgreSQL', () => {
  let t: TestApp
  let w: UnitsWorld
  beforeAll(async () => {
    t = await buildTestApp({ poolSize: CLIENTS + 10 })
    w = await buildUnitsWorld(t, '10.85')
  })
  afterAll(() => t?.close())

  it('records one request to join out of 20 simultaneous ones', async () => {
    const settled = await race(
      CLIENTS,
      () => w.as('volunteer', `mutation($u: ID!) { requestToJoinUnit(unitId: $u) { status } }`, { u: w.units.unit.id }),
      t.database.pool,
    )
    expect(outcome(settled)).toEqual({ ok: 1, codes: ['ALREADY_EXISTS'] })
    const audits = await t.database.db
      .select()
      .from(schema.auditEvents)
      .where(
        and(
          eq(schema.auditEvents.action, 'unit_member.request'),
          eq(schema.auditEvents.actorId, w.people.volunteer.id),
        ),
      )
    expect(audits).toHaveLength(1)
  })

  it('invites a unit into the alliance once out of 20 simultaneous invitations', async () => {
    const settled = await race(
      CLIENTS,
      () =>
        w.as('staff', `mutation($c: ID!, $u: ID!) { inviteUnitToAlliance(communityId: $c, unitId: $u) { status } }`, {
          c: w.places.community.id,
          u: w.units.freeUnit.id,
        }),
      t.database.pool,
    )
    expect(outcome(settled)).toEqual({ ok: 1, codes: ['ALREADY_EXISTS'] })
  })

  it('creates one alliance for a community when 20 units are created in it at once, and no two units of one name', async () => {
    const places = await createPlaces(t.database.db)
    const staff = await createUser(t.database.db, {
      roles: [{ role: 'community_staff', scopeId: places.community.id }],
    })
    const login = await t.gql<LoginData>(LOGIN, { phone: staff.phone, password: staff.password }, { ip: '10.85.9.1' })
    const token = login.data!.login.accessToken
    const create = (name: string) =>
      t.gql(
        `mutation($c: ID!, $n: String!) { createUnit(communityId: $c, input: { name: $n, kind: other }) { status } }`,
        { c: places.community.id, n: name },
        { token },
      )
    const distinct = await race(CLIENTS, (i) => create(`并发单位${i}`), t.database.pool)
    expect(outcome(distinct)).toEqual({ ok: CLIENTS, codes: [] })
    const alliances = await t.database.db
      .select()
      .from(schema.alliances)
      .where(eq(schema.alliances.communityId, places.community.id))
    expect(alliances).toHaveLength(1)
    const same = await race(CLIENTS, () => create('同名单位'), t.database.pool)
    expect(outcome(same)).toEqual({ ok: 1, codes: ['ALREADY_EXISTS'] })
  })

  it('creates one team of a name out of 20 simultaneous attempts, and adds a member once', async () => {
    const created = await race(
      CLIENTS,
      () =>
        w.as('unitAdmin', `mutation($u: ID!) { createTeam(owner: { unitId: $u }, name: "并发队") { id } }`, {
          u: w.units.unit.id,
        }),
      t.database.pool,
    )
    expect(outcome(created)).toEqual({ ok: 1, codes: ['ALREADY_EXISTS'] })
    const added = await race(
      CLIENTS,
      () =>
        w.as('unitAdmin', `mutation($t: ID!, $p: ID!) { addTeamMember(teamId: $t, userId: $p) { id } }`, {
          t: w.teams.unitTeam.id,
          p: w.people.member2.id,
        }),
      t.database.pool,
    )
    expect(outcome(added)).toEqual({ ok: 1, codes: ['ALREADY_EXISTS'] })
    const [{ n }] = (
      await t.database.db.execute(
        sql`select count(*)::int as n from teams where unit_id = ${w.units.unit.id} and name = '并发队'`,
      )
    ).rows as [{ n: number }]
    expect(n).toBe(1)
  })
})
