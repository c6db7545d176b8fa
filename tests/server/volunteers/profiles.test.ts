/**
 * 志愿者档案 through GraphQL: null until saved; the first save issues a Linli number (LL + 8
 * digits) kept afterwards, or takes a national one (refused when someone else holds it); partial
 * updates; the ID document sealed and shown masked, a new one clearing 实名核验; the volunteer role
 * granted; what staff and a unit's admin read (phone and ID masked, grid, teams, stars).
 */
import { eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { createResidence, residentId } from '../../support/accounts.ts'
import { addUnitMember } from '../../support/factories.ts'
import { MY_PROFILE, PROFILE, buildVolunteersWorld, type ProfileData, type VolunteersWorld } from './world.ts'

let t: TestApp
let w: VolunteersWorld

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildVolunteersWorld(t)
})
afterAll(() => t?.close())

const ME_ROLES = `{ me { roles { role } } }`
const VERIFY = `mutation($u: ID!, $t: IdType!, $n: String!) { verifyRealName(userId: $u, idType: $t, idNumber: $n) { id } }`
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`

describe('saveVolunteerProfile', () => {
  it('has no profile until the first save, which issues an LL number and makes the person a volunteer', async () => {
    const p = await w.person()
    const before = await w.gqlAs<{ myVolunteerProfile: ProfileData | null }>(p, MY_PROFILE)
    expect(before.errors).toBeUndefined()
    expect(before.data!.myVolunteerProfile).toBeNull()

    const saved = await w.saveProfile(p, { skills: ['助老', '电脑维修'], availability: ['weekend_morning'] })
    expect(saved.errors).toBeUndefined()
    const profile = saved.data!.saveVolunteerProfile
    expect(profile).toMatchObject({
      userId: p.id,
      realName: p.realName,
      phone: p.phone,
      volunteerNumberSource: 'linli',
      skills: ['助老', '电脑维修'],
      availability: ['weekend_morning'],
      isPartyMember: false,
      idType: null,
      idNumberMasked: null,
      realNameVerified: false,
      teams: [],
      stars: { level: 0, hours: 0, nextLevelHours: 100, hoursToNext: 100 },
      dualReport: null,
    })
    expect(profile.volunteerNumber).toMatch(/^LL\d{8}$/)
    const roles = await w.gqlAs<{ me: { roles: { role: string }[] } }>(p, ME_ROLES)
    expect(roles.data!.me.roles.map((r) => r.role)).toContain('volunteer')

    // Saving again keeps the number; the next person gets the next one.
    const again = await w.saveProfile(p, { isPartyMember: true })
    expect(again.data!.saveVolunteerProfile.volunteerNumber).toBe(profile.volunteerNumber)
    const other = await w.saveProfile(await w.person(), {})
    const n = (s: string) => Number(s.slice(2))
    expect(n(other.data!.saveVolunteerProfile.volunteerNumber)).toBeGreaterThan(n(profile.volunteerNumber))
  })

  it('changes only the fields given and keeps skills once each', async () => {
    const p = await w.person()
    await w.saveProfile(p, { skills: ['助老', '助老', '心理疏导'], availability: ['weekday_evening'] })
    const updated = await w.saveProfile(p, { availability: ['weekend_afternoon', 'weekend_morning'] })
    expect(updated.errors).toBeUndefined()
    expect(updated.data!.saveVolunteerProfile).toMatchObject({
      skills: ['助老', '心理疏导'],
      availability: ['weekend_afternoon', 'weekend_morning'],
    })
  })

  it('takes a national number; someone else giving it is refused with ALREADY_EXISTS and nothing saved', async () => {
    const first = await w.person()
    const linli = await w.saveProfile(first, {})
    const national = await w.saveProfile(first, { nationalVolunteerNumber: ' 35010220230815001 ' })
    expect(national.errors).toBeUndefined()
    expect(national.data!.saveVolunteerProfile).toMatchObject({
      volunteerNumber: '35010220230815001',
      volunteerNumberSource: 'national',
    })
    expect(linli.data!.saveVolunteerProfile.volunteerNumberSource).toBe('linli')
    // An empty number later keeps the national one.
    const kept = await w.saveProfile(first, { nationalVolunteerNumber: '' })
    expect(kept.data!.saveVolunteerProfile.volunteerNumber).toBe('35010220230815001')

    const second = await w.person()
    const refused = await w.saveProfile(second, { nationalVolunteerNumber: '35010220230815001', skills: ['摄影'] })
    expect(refused.code).toBe('ALREADY_EXISTS')
    const none = await w.gqlAs<{ myVolunteerProfile: ProfileData | null }>(second, MY_PROFILE)
    expect(none.data!.myVolunteerProfile).toBeNull()
    // Giving someone's Linli number as a "national" one is refused too.
    const holder = await w.saveProfile(await w.person(), {})
    const stolen = await w.saveProfile(second, {
      nationalVolunteerNumber: holder.data!.saveVolunteerProfile.volunteerNumber,
    })
    expect(stolen.code).toBe('ALREADY_EXISTS')
  })

  it('answers BAD_USER_INPUT with field codes', async () => {
    const p = await w.person()
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ nationalVolunteerNumber: '12' }, { nationalVolunteerNumber: 'VOLUNTEER_NUMBER_INVALID' }],
      [{ idType: 'resident_id', idNumber: '110101199003071234' }, { idNumber: 'ID_NUMBER_INVALID' }],
      [{ idType: 'resident_id' }, { idNumber: 'ID_NUMBER_INVALID' }],
      [{ idNumber: residentId() }, { idType: 'VALUE_INVALID' }],
      [{ skills: [''] }, { skills: 'VALUE_INVALID' }],
    ]
    for (const [input, fields] of cases) {
      const res = await w.saveProfile(p, input)
      expect(res.code, JSON.stringify(input)).toBe('BAD_USER_INPUT')
      expect(res.errors![0]!.extensions!.fields).toEqual(fields)
    }
    const none = await w.gqlAs<{ myVolunteerProfile: ProfileData | null }>(p, MY_PROFILE)
    expect(none.data!.myVolunteerProfile).toBeNull()
  })

  it('seals the ID, shows it masked, and a different ID clears staff’s 实名核验', async () => {
    const p = await w.person()
    await createResidence(t, { userId: p.id, communityId: w.community.id, gridId: w.grid.id })
    const id = residentId('19850615', '350102')
    const saved = await w.saveProfile(p, { idType: 'resident_id', idNumber: id })
    expect(saved.errors).toBeUndefined()
    expect(saved.data!.saveVolunteerProfile).toMatchObject({
      idType: 'resident_id',
      idNumberMasked: `350102********${id.slice(-4)}`,
      realNameVerified: false,
    })
    const [row] = await t.database.db.select().from(schema.users).where(eq(schema.users.id, p.id))
    expect(row!.idNumberEnc).not.toContain(id)
    expect(t.app.sealer.open(row!.idNumberEnc!)).toBe(id)

    const verified = await w.as('staff')(VERIFY, { u: p.id, t: 'resident_id', n: id })
    expect(verified.errors).toBeUndefined()
    // The same ID again keeps the verification; a different one clears it.
    const same = await w.saveProfile(p, { idType: 'resident_id', idNumber: id.toLowerCase() })
    expect(same.data!.saveVolunteerProfile.realNameVerified).toBe(true)
    const other = residentId('19850615', '350102')
    const changed = await w.saveProfile(p, { idType: 'resident_id', idNumber: other })
    expect(changed.data!.saveVolunteerProfile).toMatchObject({
      realNameVerified: false,
      idNumberMasked: `350102********${other.slice(-4)}`,
    })
    const [after] = await t.database.db.select().from(schema.users).where(eq(schema.users.id, p.id))
    expect(after!.realNameVerifiedBy).toBeNull()
  })
})

describe('volunteerProfile', () => {
  it('staff of the community where the volunteer lives read it masked, with grid, teams and stars', async () => {
    const p = await w.person()
    await createResidence(t, { userId: p.id, communityId: w.community.id, gridId: w.grid.id })
    const id = residentId()
    await w.saveProfile(p, { idType: 'resident_id', idNumber: id, skills: ['摄影'] })
    const [team] = await t.database.db
      .insert(schema.teams)
      .values({ unitId: w.unit.id, name: '医护队', createdAt: new Date('2026-10-01T00:00:00Z') })
      .returning()
    await t.database.db
      .insert(schema.teamMembers)
      .values({ teamId: team!.id, userId: p.id, joinedAt: new Date('2026-10-01T00:00:00Z') })
    await w.approvedHours(p.id, 90)

    const res = await w.as('staff')<{ volunteerProfile: ProfileData }>(PROFILE, { c: w.community.id, u: p.id })
    expect(res.errors).toBeUndefined()
    expect(res.data!.volunteerProfile).toMatchObject({
      userId: p.id,
      phone: masked(p.phone),
      idNumberMasked: `${id.slice(0, 6)}********${id.slice(-4)}`,
      gridId: w.grid.id,
      gridName: w.grid.name,
      teams: [{ id: team!.id, name: '医护队', unitName: w.unit.name }],
      stars: { level: 0, hours: 1.5, nextLevelHours: 100, hoursToNext: 98.5 },
      skills: ['摄影'],
    })
    // The volunteer reads their own with the full phone.
    const own = await w.gqlAs<{ volunteerProfile: ProfileData }>(p, PROFILE, { c: w.community.id, u: p.id })
    expect(own.data!.volunteerProfile.phone).toBe(p.phone)
    expect(own.data!.volunteerProfile.idNumberMasked).toBe(res.data!.volunteerProfile.idNumberMasked)
  })

  it('staff read a volunteer who only signed up there; a unit’s admin reads an active member of theirs', async () => {
    const p = await w.person([{ role: 'resident' }, { role: 'volunteer' }])
    await w.saveProfile(p, {})
    const notYet = await w.as('staff')(PROFILE, { c: w.community.id, u: p.id })
    expect(notYet.code).toBe('NOT_FOUND')
    const activity = await w.activity({ title: '报名即可见' })
    expect((await w.signUp(p, activity.id)).errors).toBeUndefined()
    const seen = await w.as('staff')<{ volunteerProfile: ProfileData }>(PROFILE, { c: w.community.id, u: p.id })
    expect(seen.errors).toBeUndefined()

    await addUnitMember(t.database.db, w.unit.id, p.id)
    const byAdmin = await w.as('unitAdmin')<{ volunteerProfile: ProfileData }>(PROFILE, {
      c: w.community.id,
      u: p.id,
    })
    expect(byAdmin.errors).toBeUndefined()
    expect(byAdmin.data!.volunteerProfile.phone).toBe(masked(p.phone))
  })
})
