import { DELETED_USER_NAME, PRIVACY_NOTICE_VERSION, maskIdNumber } from '@linli/shared'
import { eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  OUTSIDERS,
  buildAccountsWorld,
  createResidence,
  expectRefused,
  requestCode,
  residentId,
  signIn,
  type AccountsWorld,
} from '../../support/accounts.ts'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { createUser, type CreatedUser } from '../../support/factories.ts'
import { LOGIN, ME, REFRESH, type LoginData } from '../../support/gql.ts'

const MY_DATA = /* GraphQL */ `
  query {
    myData
  }
`

const DELETE = /* GraphQL */ `
  mutation ($password: String, $smsCode: String) {
    deleteMyAccount(password: $password, smsCode: $smsCode)
  }
`

const CONTACT = /* GraphQL */ `
  query ($userId: ID!, $communityId: ID!) {
    residentContact(userId: $userId, communityId: $communityId) {
      userId
      realName
      phone
      communityId
      gridId
      address
    }
  }
`

const at = new Date('2026-11-01T00:00:00Z')

let t: TestApp
let w: AccountsWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await buildAccountsWorld(t)
})
afterAll(() => t.close())

/** A volunteer with a life on the platform: residence, verified ID, a unit roster place, a team, sessions. */
async function livedInPerson() {
  const db = t.database.db
  const person = await createUser(db, { roles: [{ role: 'resident' }, { role: 'volunteer' }] })
  await createResidence(t, {
    userId: person.id,
    communityId: w.home.community.id,
    gridId: w.home.grid.id,
    address: '和谐路8号',
  })
  await db
    .insert(schema.consents)
    .values({ userId: person.id, kind: 'privacy_notice', version: PRIVACY_NOTICE_VERSION, givenAt: at })
  await db
    .insert(schema.unitMembers)
    .values({ unitId: w.unitId, userId: person.id, status: 'active', isPartyMember: true, joinedAt: at, createdAt: at })
  const [team] = await db
    .insert(schema.teams)
    .values({ unitId: w.unitId, name: '蓝天服务队', leaderId: person.id, createdAt: at })
    .returning()
  await db.insert(schema.teamMembers).values({ teamId: team!.id, userId: person.id, joinedAt: at })
  const idNumber = residentId('19881111')
  const verified = await t.gql(
    `mutation ($u: ID!, $n: String!) { verifyRealName(userId: $u, idType: resident_id, idNumber: $n) { id } }`,
    { u: person.id, n: idNumber },
    { token: w.staff.token },
  )
  expect(verified.errors).toBeUndefined()
  const viewed = await t.gql(CONTACT, { userId: person.id, communityId: w.home.community.id }, { token: w.staff.token })
  expect(viewed.errors).toBeUndefined()
  await db.transaction((tx) =>
    t.app.notifications.bus.publish(tx, {
      kind: 'unit.joined',
      communityId: null,
      params: { unitName: '蓝天医院' },
      to: { people: [person.id] },
    }),
  )
  return { ...person, idNumber, teamId: team!.id }
}

const SUBMIT_NEED = /* GraphQL */ `
  mutation ($c: ID!, $i: NeedInput!) {
    submitNeed(communityId: $c, input: $i) {
      id
    }
  }
`

/** The person posts a need in their community (their phone and residence address go with it). */
async function postNeed(token: string): Promise<string> {
  const res = await t.gql<{ submitNeed: { id: string } }>(
    SUBMIT_NEED,
    {
      c: w.home.community.id,
      i: { title: '上门理发', description: '行动不便，需要上门理发', category: 'care' },
    },
    { token },
  )
  expect(res.errors).toBeUndefined()
  return res.data!.submitNeed.id
}

describe('myData', () => {
  it('exports everything held about me: profile, grants, residence, consents, memberships, sessions, audit', async () => {
    const person = await livedInPerson()
    const token = await signIn(t, person)
    const needId = await postNeed(token)
    const accepted = await t.gql(
      `mutation ($c: ID!, $id: ID!) { acceptNeed(communityId: $c, id: $id) { id } }`,
      { c: w.home.community.id, id: needId },
      { token: w.staff.token },
    )
    expect(accepted.errors).toBeUndefined()
    type Rows = Record<string, unknown>[]
    const res = await t.gql<{
      myData: {
        profile: Record<string, unknown>
        roleGrants: { role: string }[]
        residences: Rows
        consents: Rows
        unitMemberships: Rows
        teamMemberships: Rows
        sessions: Rows
        auditEvents: { action: string }[]
        notifications: Rows
        needs: Rows
      }
    }>(MY_DATA, {}, { token })
    expect(res.errors).toBeUndefined()
    const data = res.data!.myData
    expect(data.profile).toMatchObject({
      id: person.id,
      realName: person.realName,
      phone: person.phone,
      idType: 'resident_id',
      idNumberMasked: maskIdNumber(person.idNumber),
      birthDate: '1988-11-11',
      status: 'active',
    })
    expect(data.roleGrants.map((g) => g.role).sort()).toEqual(['resident', 'volunteer'])
    expect(data.residences).toEqual([
      expect.objectContaining({ communityId: w.home.community.id, gridId: w.home.grid.id, address: '和谐路8号' }),
    ])
    expect(data.consents).toEqual([
      expect.objectContaining({ kind: 'privacy_notice', version: PRIVACY_NOTICE_VERSION }),
    ])
    expect(data.unitMemberships).toEqual([
      expect.objectContaining({ unitId: w.unitId, status: 'active', isPartyMember: true }),
    ])
    expect(data.teamMemberships).toEqual([expect.objectContaining({ teamId: person.teamId, teamName: '蓝天服务队' })])
    expect(data.sessions).toHaveLength(1)
    expect(Object.keys(data.sessions[0]!).sort()).toEqual(['createdAt', 'revokedAt'])
    expect(data.auditEvents.map((e) => e.action)).toEqual(['person.verify_real_name', 'contact.view', 'need.submit'])
    // My need, with my contact in clear and its timeline.
    expect(data.needs).toEqual([
      expect.objectContaining({
        id: needId,
        title: '上门理发',
        state: 'accepted',
        forMe: true,
        recordedByMe: true,
        forName: person.realName,
        contactPhone: person.phone,
        address: '和谐路8号',
        timeline: [
          expect.objectContaining({ action: 'submitted', toState: 'submitted', byMe: true }),
          expect.objectContaining({ action: 'accepted', fromState: 'submitted', toState: 'accepted', byMe: false }),
        ],
      }),
    ])
    expect(data.notifications).toEqual([
      expect.objectContaining({
        kind: 'unit.joined',
        params: { unitName: '蓝天医院' },
        smsStatus: 'none',
        readAt: null,
      }),
      expect.objectContaining({
        kind: 'need.state_changed',
        params: { title: '上门理发', state: 'accepted' },
      }),
    ])

    const text = JSON.stringify(data)
    expect(text).not.toContain(person.idNumber)
    expect(text).not.toContain('argon2')
    expect(text).not.toContain('v1.') // no sealed value leaves, only what they hold in clear
  })

  it('needs a signed-in person', async () => {
    expect((await t.gql(MY_DATA)).code).toBe('UNAUTHENTICATED')
  })
})

describe('residentContact', () => {
  it('shows staff of the community the full phone and address, and audits every view', async () => {
    const before = await t.database.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.targetId, w.target.id))
    for (let i = 0; i < 2; i++) {
      const res = await t.gql(
        CONTACT,
        { userId: w.target.id, communityId: w.home.community.id },
        { token: w.staff.token },
      )
      expect(res.errors).toBeUndefined()
      expect(res.data).toEqual({
        residentContact: {
          userId: w.target.id,
          realName: w.target.realName,
          phone: w.target.phone,
          communityId: w.home.community.id,
          gridId: w.home.grid.id,
          address: expect.stringMatching(/^幸福路\d+号$/),
        },
      })
    }
    const events = await t.database.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.targetId, w.target.id))
    expect(events.length - before.length).toBe(2)
    expect(events.at(-1)).toMatchObject({
      action: 'contact.view',
      actorId: w.staff.id,
      targetType: 'user',
      communityId: w.home.community.id,
      streetId: w.home.street.id,
    })
  })

  it('refuses everyone else with NOT_FOUND (or UNAUTHENTICATED), and records no view', async () => {
    const count = async () =>
      (await t.database.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.targetId, w.target.id))).length
    const before = await count()
    for (const who of OUTSIDERS) {
      const res = await t.gql(
        CONTACT,
        { userId: w.target.id, communityId: w.home.community.id },
        { token: w.tokens[who] },
      )
      expectRefused(who, res.code)
      expect(res.data).toBeNull()
    }
    // Staff of the community, asking for someone who lives elsewhere, or a community that is not theirs.
    const elsewhere = await createUser(t.database.db)
    await createResidence(t, { userId: elsewhere.id, communityId: w.away.community.id })
    for (const vars of [
      { userId: elsewhere.id, communityId: w.home.community.id },
      { userId: elsewhere.id, communityId: w.away.community.id },
      { userId: 'x', communityId: w.home.community.id },
    ]) {
      expect((await t.gql(CONTACT, vars, { token: w.staff.token })).code).toBe('NOT_FOUND')
    }
    expect(await count()).toBe(before)
  })
})

describe('deleteMyAccount', () => {
  async function rowsOf(person: CreatedUser) {
    const db = t.database.db
    return {
      user: (await db.select().from(schema.users).where(eq(schema.users.id, person.id)))[0]!,
      grants: await db.select().from(schema.roleGrants).where(eq(schema.roleGrants.userId, person.id)),
      residences: await db.select().from(schema.residences).where(eq(schema.residences.userId, person.id)),
      roster: await db.select().from(schema.unitMembers).where(eq(schema.unitMembers.userId, person.id)),
      teams: await db.select().from(schema.teamMembers).where(eq(schema.teamMembers.userId, person.id)),
      sessions: await db.select().from(schema.sessions).where(eq(schema.sessions.userId, person.id)),
      audit: await db.select().from(schema.auditEvents).where(eq(schema.auditEvents.targetId, person.id)),
      notifications: await db
        .select()
        .from(schema.notifications)
        .where(eq(schema.notifications.recipientId, person.id)),
      needs: await db.select().from(schema.needs).where(eq(schema.needs.forUserId, person.id)),
    }
  }

  it('de-identifies me in one go while the records others rely on stay and point at me', async () => {
    const person = await livedInPerson()
    const login = await t.gql<LoginData>(LOGIN, { phone: person.phone, password: person.password })
    const token = login.data!.login.accessToken
    const needId = await postNeed(token)
    const before = await rowsOf(person)

    const res = await t.gql(DELETE, { password: person.password }, { token })
    expect(res.errors).toBeUndefined()
    expect(res.data).toEqual({ deleteMyAccount: true })

    const after = await rowsOf(person)
    expect(after.user).toMatchObject({
      realName: DELETED_USER_NAME,
      phone: `deleted:${person.id}`,
      status: 'deleted',
      deletedAt: t.clock.now(),
      idType: null,
      idNumberEnc: null,
      birthDate: null,
      realNameVerifiedAt: null,
      guardianName: null,
      guardianPhone: null,
      phoneVerifiedAt: null,
    })
    expect(after.user.passwordHash).not.toBe(before.user.passwordHash)
    // Role grant history stays, every grant ended.
    expect(after.grants.map((g) => g.id).sort()).toEqual(before.grants.map((g) => g.id).sort())
    expect(after.grants.every((g) => g.revokedAt !== null)).toBe(true)
    // The residence row stays (the community's history), its address cleared.
    expect(after.residences).toEqual([expect.objectContaining({ communityId: w.home.community.id, addressEnc: null })])
    // Unit roster and team rows stay, pointing at the de-identified person.
    expect(after.roster).toEqual(before.roster)
    // Notifications were theirs alone: gone.
    expect(before.notifications).toHaveLength(1)
    expect(after.notifications).toEqual([])
    expect(after.teams).toEqual(before.teams)
    // The need stays (the community's record) without the person's sealed phone and address.
    expect(before.needs).toEqual([expect.objectContaining({ id: needId, contactPhoneEnc: expect.any(String) })])
    expect(before.needs[0]!.addressEnc).not.toBeNull()
    expect(after.needs).toEqual([
      expect.objectContaining({
        id: needId,
        state: 'submitted',
        contactPhoneEnc: null,
        addressEnc: null,
        forName: null,
      }),
    ])
    // The audit trail stays (verification and the contact view), plus the deletion itself.
    expect(after.audit.map((e) => e.action)).toEqual([...before.audit.map((e) => e.action), 'account.delete'])
    expect(after.audit.slice(0, before.audit.length)).toEqual(before.audit)
    // Every session ended; the old token and refresh token are dead.
    expect(after.sessions.every((s) => s.revokedAt !== null)).toBe(true)
    expect((await t.gql(ME, {}, { token })).code).toBe('UNAUTHENTICATED')
    expect((await t.gql(REFRESH, { refreshToken: login.data!.login.refreshToken })).code).toBe('INVALID_REFRESH_TOKEN')
  })

  it('a deleted account cannot sign in: INVALID_CREDENTIALS, as for a wrong password; no SMS is sent', async () => {
    const person = await createUser(t.database.db)
    const token = await signIn(t, person)
    expect((await t.gql(DELETE, { password: person.password }, { token })).errors).toBeUndefined()
    const old = await t.gql(LOGIN, { phone: person.phone, password: person.password }, { ip: '10.5.0.1' })
    expect(old.code).toBe('INVALID_CREDENTIALS')
    // The placeholder phone is no sign-in name either (too long to be a phone: refused before any lookup).
    const placeholder = await t.gql(
      LOGIN,
      { phone: `deleted:${person.id}`, password: person.password },
      { ip: '10.5.0.2' },
    )
    expect(placeholder.data).toBeNull()
    expect(['INVALID_CREDENTIALS', 'BAD_USER_INPUT']).toContain(placeholder.code)
    expect(await requestCode(t, person.phone, 'LOGIN')).toBeNull()
    // The phone is free again: its owner may register a new account with it.
    t.clock.advanceSeconds(61)
    const smsCode = (await requestCode(t, person.phone, 'REGISTER'))!
    const again = await t.gql(`mutation ($i: RegisterInput!) { register(input: $i) { me { user { id } } } }`, {
      i: {
        phone: person.phone,
        password: 'Fresh-start-1',
        realName: person.realName,
        privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
        smsCode,
      },
    })
    expect(again.errors).toBeUndefined()
  })

  it('can be proven by a LOGIN SMS code instead of the password', async () => {
    const person = await createUser(t.database.db)
    const token = await signIn(t, person)
    const code = (await requestCode(t, person.phone, 'LOGIN'))!
    const res = await t.gql(DELETE, { smsCode: code }, { token })
    expect(res.errors).toBeUndefined()
    expect((await rowsOf(person)).user.status).toBe('deleted')
  })

  it('refuses anonymous callers, a wrong password, a wrong code and no proof — and changes nothing', async () => {
    const person = await createUser(t.database.db)
    await createResidence(t, { userId: person.id, communityId: w.home.community.id })
    const token = await signIn(t, person)
    const before = await rowsOf(person)
    expect((await t.gql(DELETE, { password: person.password })).code).toBe('UNAUTHENTICATED')
    expect((await t.gql(DELETE, { password: 'not-mine-123' }, { token })).code).toBe('INVALID_CREDENTIALS')
    expect((await t.gql(DELETE, { smsCode: '123456' }, { token })).code).toBe('SMS_CODE_INVALID')
    const none = await t.gql(DELETE, {}, { token })
    expect(none.code).toBe('BAD_USER_INPUT')
    expect(none.errors![0]!.extensions!.fields).toEqual({ password: 'PASSWORD_REQUIRED' })
    // Another person's password proves nothing about this account.
    const other = await createUser(t.database.db, { password: 'Someone-else-42' })
    expect((await t.gql(DELETE, { password: other.password }, { token })).code).toBe('INVALID_CREDENTIALS')
    expect(await rowsOf(person)).toEqual(before)
  })
})
