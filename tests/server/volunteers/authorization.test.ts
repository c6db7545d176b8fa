/**
 * Who may read and change volunteer profiles and 双报到 reports: everyone outside gets NOT_FOUND
 * (as for an id that does not exist), the member FORBIDDEN where the change is the unit's or the
 * community's (and the sides FORBIDDEN where it is the member's), and nothing changes.
 */
import { sql } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { createResidence, residentId } from '../../support/accounts.ts'
import { addUnitMember } from '../../support/factories.ts'
import type { Actor } from '../../support/world.ts'
import {
  COMMUNITY_REPORTS,
  CONFIRM,
  END,
  MY_PROFILE,
  PROFILE,
  REJECT,
  SAVE_PROFILE,
  SUGGESTED,
  UNIT_REPORTS,
  UNIT_SERVICE,
  buildVolunteersWorld,
  type Person,
  type VolunteersWorld,
} from './world.ts'

let t: TestApp
let w: VolunteersWorld
let member: Person
let reportId: string

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildVolunteersWorld(t)
  member = await w.person([{ role: 'resident' }, { role: 'volunteer' }])
  await createResidence(t, { userId: member.id, communityId: w.community.id, gridId: w.grid.id })
  await addUnitMember(t.database.db, w.unit.id, member.id, { isPartyMember: true })
  await w.saveProfile(member, { idType: 'resident_id', idNumber: residentId(), skills: ['助老'] })
  const req = await w.requestReport(member, w.unit.id)
  expect(req.errors).toBeUndefined()
  reportId = req.data!.requestDualReport.id
})
afterAll(() => t?.close())

/** Everything the operations here could change, as one fingerprint. */
async function fingerprint(): Promise<string> {
  const tables = ['dual_reports', 'volunteer_profiles', 'users', 'role_grants', 'notifications', 'audit_events']
  const parts = tables.map(
    (name) => `(select coalesce(md5(string_agg(md5(x::text), ',' order by md5(x::text))), '') from ${name} x)`,
  )
  // Table names are the constants above, not input.
  const { rows } = await t.database.db.execute(sql.raw(`select ${parts.join(" || '|' || ")} as fp`))
  return (rows[0] as { fp: string }).fp
}

/** Actors with no business with the member, the report or the unit. */
const OUTSIDERS = [
  'resident',
  'volunteer',
  'gridWorker',
  'otherStaff',
  'farStaff',
  'streetAdmin',
  'otherStreetAdmin',
  'districtAdmin',
  'otherDistrictAdmin',
] as const satisfies readonly Actor[]

type Ask = (query: string, variables?: Record<string, unknown>) => Promise<{ code?: string; errors?: unknown }>
const outsiders = (): [string, Ask][] => [
  ...OUTSIDERS.map((a): [string, Ask] => [a, w.as(a)]),
  ['another unit’s admin', w.asUnit('A')],
]

describe('volunteerProfile', () => {
  it('is NOT_FOUND for everyone but the volunteer, the community’s staff and the unit’s admin', async () => {
    for (const [who, ask] of outsiders()) {
      expect((await ask(PROFILE, { c: w.community.id, u: member.id })).code, who).toBe('NOT_FOUND')
    }
    // Staff of another community ask about their own community: the member has nothing there.
    expect((await w.as('otherStaff')(PROFILE, { c: w.neighbourCommunity.id, u: member.id })).code).toBe('NOT_FOUND')
    for (const ask of [
      w.as('staff'),
      w.as('unitAdmin'),
      (q: string, v?: Record<string, unknown>) => w.gqlAs(member, q, v),
    ]) {
      expect((await ask(PROFILE, { c: w.community.id, u: member.id })).errors).toBeUndefined()
    }
    for (const u of ['0190f000-0000-7000-8000-000000000000', 'not-an-id', w.people.resident.id]) {
      expect((await w.as('staff')(PROFILE, { c: w.community.id, u })).code, u).toBe('NOT_FOUND')
    }
    expect((await w.as('anonymous')(PROFILE, { c: w.community.id, u: member.id })).code).toBe('UNAUTHENTICATED')
    for (const q of [MY_PROFILE, SUGGESTED]) expect((await w.as('anonymous')(q)).code).toBe('UNAUTHENTICATED')
    expect((await w.as('anonymous')(SAVE_PROFILE, { i: {} })).code).toBe('UNAUTHENTICATED')
  })
})

describe('双报到 changes', () => {
  it('outsiders get NOT_FOUND, the member FORBIDDEN for the sides’ decisions, and nothing changes', async () => {
    const before = await fingerprint()
    const vars = { c: w.community.id, id: reportId }
    for (const [who, ask] of outsiders()) {
      expect((await ask(CONFIRM, vars)).code, `confirm ${who}`).toBe('NOT_FOUND')
      expect((await ask(REJECT, { ...vars, r: '不予确认' })).code, `reject ${who}`).toBe('NOT_FOUND')
      expect((await ask(END, vars)).code, `end ${who}`).toBe('NOT_FOUND')
    }
    // The right id under another community is no report at all, even for that community's staff.
    expect((await w.as('otherStaff')(CONFIRM, { c: w.neighbourCommunity.id, id: reportId })).code).toBe('NOT_FOUND')
    expect((await w.as('staff')(CONFIRM, { c: w.community.id, id: '0190f000-0000-7000-8000-000000000000' })).code).toBe(
      'NOT_FOUND',
    )
    expect((await w.gqlAs(member, CONFIRM, vars)).code).toBe('FORBIDDEN')
    expect((await w.gqlAs(member, REJECT, { ...vars, r: '我自己拒绝' })).code).toBe('FORBIDDEN')
    for (const side of ['staff', 'unitAdmin'] as const) {
      expect((await w.as(side)(END, vars)).code, side).toBe('FORBIDDEN')
    }
    expect(await fingerprint()).toBe(before)
  })

  it('a community or unit that is not the viewer’s answers NOT_FOUND for the lists', async () => {
    const asMember: Ask = (q, v) => w.gqlAs(member, q, v)
    for (const [who, ask] of [
      ...outsiders(),
      ['unitAdmin', w.as('unitAdmin')] as [string, Ask],
      ['member', asMember] as [string, Ask],
    ]) {
      expect((await ask(COMMUNITY_REPORTS, { c: w.community.id })).code, `dualReports ${who}`).toBe('NOT_FOUND')
    }
    for (const [who, ask] of [
      ...outsiders(),
      ['staff', w.as('staff')] as [string, Ask],
      ['member', asMember] as [string, Ask],
    ]) {
      expect((await ask(UNIT_REPORTS, { u: w.unit.id })).code, `unitDualReports ${who}`).toBe('NOT_FOUND')
      expect((await ask(UNIT_SERVICE, { u: w.unit.id })).code, `unitMembersService ${who}`).toBe('NOT_FOUND')
    }
    expect((await w.as('staff')(COMMUNITY_REPORTS, { c: w.community.id })).errors).toBeUndefined()
    expect((await w.as('unitAdmin')(UNIT_REPORTS, { u: w.unit.id })).errors).toBeUndefined()
    expect((await w.as('unitAdmin')(UNIT_SERVICE, { u: w.unit.id })).errors).toBeUndefined()
    expect((await w.as('unitAdmin')(UNIT_SERVICE, { u: 'nope' })).code).toBe('NOT_FOUND')
  })
})
