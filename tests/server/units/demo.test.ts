/** The demo seed's rosters and teams, as the demo unit admin and community staff see them. */
import { DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import { DEMO_UNIT_PEOPLE } from '@linli/server/units/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'
import { recordPii } from '../../support/logs.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
  for (const p of DEMO_UNIT_PEOPLE) recordPii(p.phone, p.realName)
  await seedDemo(t.database.db, t.clock)
})
afterAll(() => t.close())

async function signIn(phone: string, ip: string) {
  const res = await t.gql<LoginData>(LOGIN, { phone, password: DEMO_PASSWORD }, { ip })
  return res.data!.login
}

describe('seedUnitsDemo', () => {
  it('gives 鼓楼区人民医院 a roster with party members, a pending request and an invitation, and teams', async () => {
    const admin = await signIn('13900000003', '10.84.0.1')
    const hospitalId = admin.me.roles.find((r) => r.role === 'unit_admin')!
    expect(hospitalId.scopeName).toBe('鼓楼区人民医院')
    const mine = await t.gql<{ myUnits: { unit: { id: string; name: string } }[] }>(
      `query { myUnits { unit { id name } status } }`,
      {},
      { token: admin.accessToken },
    )
    const unitId = mine.data!.myUnits.find((m) => m.unit.name === '鼓楼区人民医院')!.unit.id
    const roster = await t.gql<{
      unitRoster: { members: { user: { realName: string }; status: string; isPartyMember: boolean }[] }
    }>(
      `query($u: ID!) { unitRoster(unitId: $u) { members { user { realName } status isPartyMember } } }`,
      { u: unitId },
      { token: admin.accessToken },
    )
    const members = roster.data!.unitRoster.members
    expect(members.filter((m) => m.status === 'active').length).toBeGreaterThanOrEqual(4)
    expect(members.filter((m) => m.isPartyMember && m.status === 'active').length).toBeGreaterThanOrEqual(2)
    expect(members.map((m) => m.status)).toEqual(expect.arrayContaining(['requested', 'invited']))
    const teams = await t.gql<{ teams: { name: string; leader: { realName: string } | null; members: unknown[] }[] }>(
      `query($u: ID!) { teams(owner: { unitId: $u }) { name leader { realName } members { joinedAt } } }`,
      { u: unitId },
      { token: admin.accessToken },
    )
    expect(teams.data!.teams).toEqual([
      expect.objectContaining({ name: '医护志愿服务队', leader: { realName: '韩雪梅' } }),
    ])
  })

  it('gives 阳光社区 a community team, seen by its staff', async () => {
    const staff = await signIn('13900000005', '10.84.0.2')
    const sunshine = staff.me.roles.find((r) => r.role === 'community_staff')!
    expect(sunshine.scopeName).toBe('阳光社区')
    const me = await t.gql<{ me: { roles: { role: string; scopeId: string }[] } }>(
      `query { me { roles { role scopeId } } }`,
      {},
      { token: staff.accessToken },
    )
    const communityId = me.data!.me.roles.find((r) => r.role === 'community_staff')!.scopeId
    const res = await t.gql<{ teams: { name: string; members: unknown[] }[] }>(
      `query($c: ID!) { teams(owner: { communityId: $c }) { name members { joinedAt } } }`,
      { c: communityId },
      { token: staff.accessToken },
    )
    expect(res.data!.teams).toEqual([expect.objectContaining({ name: '阳光红马甲志愿服务队' })])
    expect(res.data!.teams[0]!.members.length).toBeGreaterThanOrEqual(2)
  })
})
