/** Teams (志愿服务队) of a unit or a community: who may join, the leader, names, archiving, reading. */
import { maskPhone } from '@linli/shared'
import { eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { buildUnitsWorld, TEAM_FIELDS, type TeamData, type UnitsWorld } from './world.ts'

let t: TestApp
let w: UnitsWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await buildUnitsWorld(t, '10.83')
})
afterAll(() => t.close())

const CREATE = `mutation($o: TeamOwnerInput!, $n: String!, $l: ID) { createTeam(owner: $o, name: $n, leaderId: $l) { ...T } } ${TEAM_FIELDS}`
const RENAME = `mutation($t: ID!, $n: String!) { renameTeam(teamId: $t, name: $n) { ...T } } ${TEAM_FIELDS}`
const LEADER = `mutation($t: ID!, $p: ID!) { setTeamLeader(teamId: $t, userId: $p) { ...T } } ${TEAM_FIELDS}`
const ADD = `mutation($t: ID!, $p: ID!) { addTeamMember(teamId: $t, userId: $p) { ...T } } ${TEAM_FIELDS}`
const REMOVE = `mutation($t: ID!, $p: ID!) { removeTeamMember(teamId: $t, userId: $p) { ...T } } ${TEAM_FIELDS}`
const ARCHIVE = `mutation($t: ID!) { archiveTeam(teamId: $t) { ...T } } ${TEAM_FIELDS}`
const TEAMS = `query($o: TeamOwnerInput!, $a: Boolean) { teams(owner: $o, includeArchived: $a) { ...T } } ${TEAM_FIELDS}`

const unitOwner = () => ({ unitId: w.units.unit.id })
const communityOwner = () => ({ communityId: w.places.community.id })
const memberIds = (team: TeamData) => team.members.map((m) => m.user.id).sort()
const sorted = (...ids: string[]) => [...ids].sort()

describe('createTeam', () => {
  let teamId: string

  it('creates a unit’s team with a leader from its roster, who becomes its first member', async () => {
    const res = await w.as<{ createTeam: TeamData }>('unitAdmin', CREATE, {
      o: unitOwner(),
      n: ' 急救队 ',
      l: w.people.member2.id,
    })
    expect(res.errors).toBeUndefined()
    const team = res.data!.createTeam
    teamId = team.id
    expect(team).toMatchObject({ name: '急救队', unitId: w.units.unit.id, communityId: null, archivedAt: null })
    expect(team.leader).toEqual({
      id: w.people.member2.id,
      realName: w.people.member2.realName,
      phone: maskPhone(w.people.member2.phone),
    })
    expect(memberIds(team)).toEqual([w.people.member2.id])
    const [event] = await t.database.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.action, 'team.create'))
    expect(event).toMatchObject({ targetId: teamId, unitId: w.units.unit.id, after: { name: '急救队' } })
  })

  it('refuses a leader who is not an active member, a taken name, an empty name and an unclear owner', async () => {
    const notMember = await w.as('unitAdmin', CREATE, { o: unitOwner(), n: '新队', l: w.people.requester.id })
    expect(notMember.code).toBe('NOT_A_MEMBER')
    expect((await w.as('unitAdmin', CREATE, { o: unitOwner(), n: '急救队' })).code).toBe('ALREADY_EXISTS')
    const empty = await w.as('unitAdmin', CREATE, { o: unitOwner(), n: '' })
    expect(empty.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { name: 'NAME_REQUIRED' } })
    const both = await w.as('unitAdmin', CREATE, { o: { ...unitOwner(), ...communityOwner() }, n: '两头队' })
    expect(both.code).toBe('BAD_USER_INPUT')
    expect((await w.as('unitAdmin', CREATE, { o: {}, n: '无主队' })).code).toBe('BAD_USER_INPUT')
  })

  it('creates a community’s team, audited with the community’s ancestry', async () => {
    const res = await w.as<{ createTeam: TeamData }>('staff', CREATE, { o: communityOwner(), n: '巡逻队' })
    expect(res.data!.createTeam).toMatchObject({ communityId: w.places.community.id, leader: null, members: [] })
    const events = await t.database.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.targetId, res.data!.createTeam.id))
    expect(events[0]).toMatchObject({ communityId: w.places.community.id, streetId: w.places.street.id })
  })

  it('renames, but not to another live team’s name', async () => {
    const res = await w.as<{ renameTeam: TeamData }>('unitAdmin', RENAME, { t: teamId, n: '急救志愿服务队' })
    expect(res.data!.renameTeam.name).toBe('急救志愿服务队')
    expect((await w.as('unitAdmin', RENAME, { t: teamId, n: '医护队' })).code).toBe('ALREADY_EXISTS')
    const tooLong = await w.as('unitAdmin', RENAME, { t: teamId, n: '队'.repeat(41) })
    expect(tooLong.errors![0]!.extensions!.fields).toEqual({ name: 'NAME_TOO_LONG' })
  })
})

describe('addTeamMember, setTeamLeader, removeTeamMember', () => {
  it('admits only active members of the unit to a unit’s team', async () => {
    const team = w.teams.unitTeam.id
    const ok = await w.as<{ addTeamMember: TeamData }>('unitAdmin', ADD, { t: team, p: w.people.member2.id })
    expect(memberIds(ok.data!.addTeamMember)).toEqual(sorted(w.people.member.id, w.people.member2.id))
    expect((await w.as('unitAdmin', ADD, { t: team, p: w.people.member2.id })).code).toBe('ALREADY_EXISTS')
    for (const outsider of [w.people.requester, w.people.invitee, w.people.resident]) {
      expect((await w.as('unitAdmin', ADD, { t: team, p: outsider.id })).code).toBe('NOT_A_MEMBER')
    }
    expect((await w.as('unitAdmin', ADD, { t: team, p: '01890000-0000-7000-8000-000000000003' })).code).toBe(
      'NOT_A_MEMBER',
    )
  })

  it('admits residents of the community and members of its alliance’s units to a community’s team', async () => {
    const team = w.teams.communityTeam.id
    const unitMember = await w.as<{ addTeamMember: TeamData }>('staff', ADD, { t: team, p: w.people.member.id })
    expect(memberIds(unitMember.data!.addTeamMember)).toEqual(sorted(w.people.communityResident.id, w.people.member.id))
    // Not living here and on no alliance unit's roster.
    expect((await w.as('staff', ADD, { t: team, p: w.people.volunteer.id })).code).toBe('NOT_A_MEMBER')
    // The neighbouring community's unit is not in this alliance.
    expect((await w.as('staff', ADD, { t: team, p: w.people.otherUnitAdmin.id })).code).toBe('NOT_A_MEMBER')
  })

  it('names a leader only from the team’s members; members see their own phone, others masked', async () => {
    const team = w.teams.communityTeam.id
    expect((await w.as('staff', LEADER, { t: team, p: w.people.member2.id })).code).toBe('NOT_A_MEMBER')
    const res = await w.as<{ setTeamLeader: TeamData }>('staff', LEADER, { t: team, p: w.people.member.id })
    expect(res.data!.setTeamLeader.leader!.id).toBe(w.people.member.id)
    for (const m of res.data!.setTeamLeader.members) expect(m.user.phone).toMatch(/\*{4}/)
    const [event] = await t.database.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.action, 'team.set_leader'))
    expect(event).toMatchObject({ before: { leaderId: null }, after: { leaderId: w.people.member.id } })
  })

  it('removes a member; removing the leader leaves the team without one; a non-member is NOT_FOUND', async () => {
    const team = w.teams.communityTeam.id
    const res = await w.as<{ removeTeamMember: TeamData }>('staff', REMOVE, { t: team, p: w.people.member.id })
    expect(res.data!.removeTeamMember.leader).toBeNull()
    expect(memberIds(res.data!.removeTeamMember)).toEqual([w.people.communityResident.id])
    expect((await w.as('staff', REMOVE, { t: team, p: w.people.member.id })).code).toBe('NOT_FOUND')
  })
})

describe('teams', () => {
  it('lists a unit’s teams with leader and members for its admin and for staff whose alliance holds it', async () => {
    for (const who of ['unitAdmin', 'staff'] as const) {
      const res = await w.as<{ teams: TeamData[] }>(who, TEAMS, { o: unitOwner() })
      expect(res.errors, who).toBeUndefined()
      const team = res.data!.teams.find((x) => x.id === w.teams.unitTeam.id)!
      expect(team.leader!.phone).toBe(maskPhone(w.people.member.phone))
    }
  })

  it('lists a community’s teams for its staff and the street and district admins above it', async () => {
    for (const who of ['staff', 'streetAdmin', 'districtAdmin'] as const) {
      const res = await w.as<{ teams: TeamData[] }>(who, TEAMS, { o: communityOwner() })
      expect(
        res.data!.teams.map((x) => x.name),
        who,
      ).toContain('红马甲')
    }
  })

  it('loads leaders and members in batches: the statement count does not grow with the teams', async () => {
    const one = await t.sql.measure(() => w.as<{ teams: TeamData[] }>('staff', TEAMS, { o: communityOwner() }))
    await w.as('staff', CREATE, { o: communityOwner(), n: '第三队', l: w.people.communityResident.id })
    await w.as('staff', CREATE, { o: communityOwner(), n: '第四队', l: w.people.communityResident.id })
    const more = await t.sql.measure(() => w.as<{ teams: TeamData[] }>('staff', TEAMS, { o: communityOwner() }))
    expect(more.result.data!.teams.length).toBe(one.result.data!.teams.length + 2)
    expect(more.count).toBe(one.count)
  })
})

describe('archiveTeam', () => {
  it('archives a team once; an archived team is not changed and is listed only when asked', async () => {
    const team = w.teams.communityTeam.id
    const res = await w.as<{ archiveTeam: TeamData }>('staff', ARCHIVE, { t: team })
    expect(res.data!.archiveTeam.archivedAt).not.toBeNull()
    expect((await w.as('staff', ARCHIVE, { t: team })).code).toBe('INVALID_TRANSITION')
    expect((await w.as('staff', RENAME, { t: team, n: '新名' })).code).toBe('INVALID_TRANSITION')
    expect((await w.as('staff', ADD, { t: team, p: w.people.member2.id })).code).toBe('INVALID_TRANSITION')
    const live = await w.as<{ teams: TeamData[] }>('staff', TEAMS, { o: communityOwner() })
    expect(live.data!.teams.map((x) => x.id)).not.toContain(team)
    const all = await w.as<{ teams: TeamData[] }>('staff', TEAMS, { o: communityOwner(), a: true })
    expect(all.data!.teams.map((x) => x.id)).toContain(team)
    // Its name is free again for a new team.
    const again = await w.as<{ createTeam: TeamData }>('staff', CREATE, { o: communityOwner(), n: '红马甲' })
    expect(again.errors).toBeUndefined()
  })
})
