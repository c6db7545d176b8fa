import { eq, schema } from '@linli/server/db'
import { maskIdNumber } from '@linli/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  OUTSIDERS,
  buildAccountsWorld,
  createResidence,
  expectRefused,
  residentId,
  signIn,
  type AccountsWorld,
} from '../../support/accounts.ts'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { createUser } from '../../support/factories.ts'
import { LOGIN, REFRESH, type LoginData } from '../../support/gql.ts'
import { recordPii } from '../../support/logs.ts'

const STAFF_RESET = /* GraphQL */ `
  mutation ($userId: ID!, $newPassword: String!) {
    staffResetPassword(userId: $userId, newPassword: $newPassword)
  }
`

const VERIFY = /* GraphQL */ `
  mutation ($userId: ID!, $idType: IdType!, $idNumber: String!) {
    verifyRealName(userId: $userId, idType: $idType, idNumber: $idNumber) {
      id
      phone
      idNumberMasked
      realNameVerified
    }
  }
`

const MY_IDENTITY = /* GraphQL */ `
  query {
    me {
      user {
        id
        idNumberMasked
        realNameVerified
      }
    }
  }
`

let t: TestApp
let w: AccountsWorld
beforeAll(async () => {
  t = await buildTestApp()
  w = await buildAccountsWorld(t)
})
afterAll(() => t.close())

const userRow = async (id: string) =>
  (await t.database.db.select().from(schema.users).where(eq(schema.users.id, id)))[0]!

const auditOf = (targetId: string) =>
  t.database.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.targetId, targetId))

describe('staffResetPassword', () => {
  it('lets staff of the community the person lives in set a new password; sessions end; audited without secrets', async () => {
    const person = await createUser(t.database.db)
    await createResidence(t, { userId: person.id, communityId: w.home.community.id })
    const session = await t.gql<LoginData>(LOGIN, { phone: person.phone, password: person.password })

    const res = await t.gql(STAFF_RESET, { userId: person.id, newPassword: 'Reset2026x' }, { token: w.staff.token })
    expect(res.errors).toBeUndefined()
    expect(res.data).toEqual({ staffResetPassword: true })

    expect((await t.gql(REFRESH, { refreshToken: session.data!.login.refreshToken })).code).toBe(
      'INVALID_REFRESH_TOKEN',
    )
    await signIn(t, { phone: person.phone, password: 'Reset2026x' })
    const [event] = await auditOf(person.id)
    expect(event).toMatchObject({
      action: 'password.staff_reset',
      actorId: w.staff.id,
      targetType: 'user',
      communityId: w.home.community.id,
      streetId: w.home.street.id,
      districtId: w.home.district.id,
    })
    const trail = JSON.stringify(event)
    expect(trail).not.toContain('Reset2026x')
    expect(trail).not.toContain(person.phone)
  })

  it('refuses everyone outside the community, and changes nothing', async () => {
    const before = await userRow(w.target.id)
    for (const who of OUTSIDERS) {
      const res = await t.gql(STAFF_RESET, { userId: w.target.id, newPassword: 'Hijack2026' }, { token: w.tokens[who] })
      expectRefused(who, res.code)
    }
    expect(await userRow(w.target.id)).toEqual(before)
    expect(await auditOf(w.target.id)).toEqual([])
    await signIn(t, w.target)
  })

  it('answers NOT_FOUND for a person who does not live there, or does not exist', async () => {
    const elsewhere = await createUser(t.database.db)
    await createResidence(t, { userId: elsewhere.id, communityId: w.away.community.id })
    const nowhere = await createUser(t.database.db)
    for (const userId of [elsewhere.id, nowhere.id, '01890000-0000-7000-8000-000000000000', 'not-an-id']) {
      const res = await t.gql(STAFF_RESET, { userId, newPassword: 'Hijack2026' }, { token: w.staff.token })
      expect(res.code).toBe('NOT_FOUND')
    }
  })

  it('never resets the password of someone with an administrative role (FORBIDDEN)', async () => {
    const admin = await createUser(t.database.db, {
      roles: [{ role: 'resident' }, { role: 'street_admin', scopeId: w.home.street.id }],
    })
    await createResidence(t, { userId: admin.id, communityId: w.home.community.id })
    const before = await userRow(admin.id)
    const res = await t.gql(STAFF_RESET, { userId: admin.id, newPassword: 'Hijack2026' }, { token: w.staff.token })
    expect(res.code).toBe('FORBIDDEN')
    expect(await userRow(admin.id)).toEqual(before)
  })

  it('checks the new password with the shared rules', async () => {
    const res = await t.gql(STAFF_RESET, { userId: w.target.id, newPassword: 'short' }, { token: w.staff.token })
    expect(res.code).toBe('BAD_USER_INPUT')
    expect(res.errors![0]!.extensions!.fields).toEqual({ newPassword: 'PASSWORD_TOO_SHORT' })
  })
})

describe('verifyRealName', () => {
  it('stores the ID encrypted with the birth date it carries; the audit holds only the masked number', async () => {
    const person = await createUser(t.database.db)
    await createResidence(t, { userId: person.id, communityId: w.home.community.id })
    const id = residentId('19800512')
    const res = await t.gql<{ verifyRealName: Record<string, unknown> }>(
      VERIFY,
      { userId: person.id, idType: 'resident_id', idNumber: id.toLowerCase() },
      { token: w.staff.token },
    )
    expect(res.errors).toBeUndefined()
    expect(res.data!.verifyRealName).toEqual({
      id: person.id,
      phone: `${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`,
      idNumberMasked: maskIdNumber(id),
      realNameVerified: true,
    })
    const row = await userRow(person.id)
    expect(row).toMatchObject({
      idType: 'resident_id',
      birthDate: '1980-05-12',
      realNameVerifiedBy: w.staff.id,
      realNameVerifiedAt: t.clock.now(),
    })
    expect(row.idNumberEnc).not.toContain(id)
    expect(row.idNumberEnc).not.toContain(id.slice(6, 14))
    expect(t.app.sealer.open(row.idNumberEnc!)).toBe(id)
    const [event] = await auditOf(person.id)
    expect(event).toMatchObject({
      action: 'person.verify_real_name',
      actorId: w.staff.id,
      communityId: w.home.community.id,
      after: { idType: 'resident_id', idNumberMasked: maskIdNumber(id) },
    })
    expect(JSON.stringify(event)).not.toContain(id)

    // The person sees their own masked number; neighbours and staff elsewhere see nothing.
    const own = await t.gql(MY_IDENTITY, {}, { token: await signIn(t, person) })
    expect(own.data).toEqual({
      me: { user: { id: person.id, idNumberMasked: maskIdNumber(id), realNameVerified: true } },
    })
  })

  it('refuses a number whose checksum or date is wrong with ID_NUMBER_INVALID', async () => {
    const good = residentId('19700101')
    const badCheck = `${good.slice(0, 17)}${good[17] === '1' ? '2' : '1'}`
    for (const idNumber of [badCheck, '110101199002300011', '12345']) {
      const res = await t.gql(
        VERIFY,
        { userId: w.target.id, idType: 'resident_id', idNumber },
        { token: w.staff.token },
      )
      expect(res.code, idNumber).toBe('BAD_USER_INPUT')
      expect(res.errors![0]!.extensions!.fields).toEqual({ idNumber: 'ID_NUMBER_INVALID' })
    }
  })

  it('refuses everyone outside the community, and changes nothing', async () => {
    const before = await userRow(w.target.id)
    const idNumber = residentId()
    for (const who of OUTSIDERS) {
      const res = await t.gql(
        VERIFY,
        { userId: w.target.id, idType: 'resident_id', idNumber },
        { token: w.tokens[who] },
      )
      expectRefused(who, res.code)
    }
    expect(await userRow(w.target.id)).toEqual(before)
    expect(await auditOf(w.target.id)).toEqual([])
  })
})

describe('setMyResidence', () => {
  const SET = /* GraphQL */ `
    mutation ($communityId: ID!, $gridId: ID, $address: String) {
      setMyResidence(communityId: $communityId, gridId: $gridId, address: $address) {
        communityId
        communityName
        gridId
        gridName
        address
      }
    }
  `

  it('records where I live, the address encrypted; a move replaces it', async () => {
    const person = await createUser(t.database.db)
    const token = await signIn(t, person)
    recordPii('阳光花园3栋201')
    const res = await t.gql(
      SET,
      { communityId: w.home.community.id, gridId: w.home.grid.id, address: '阳光花园3栋201' },
      { token },
    )
    expect(res.errors).toBeUndefined()
    expect(res.data).toEqual({
      setMyResidence: {
        communityId: w.home.community.id,
        communityName: w.home.community.name,
        gridId: w.home.grid.id,
        gridName: w.home.grid.name,
        address: '阳光花园3栋201',
      },
    })
    const [row] = await t.database.db.select().from(schema.residences).where(eq(schema.residences.userId, person.id))
    expect(row!.addressEnc).not.toContain('阳光')
    expect(t.app.sealer.open(row!.addressEnc!)).toBe('阳光花园3栋201')

    const moved = await t.gql(SET, { communityId: w.away.community.id }, { token })
    expect(moved.errors).toBeUndefined()
    const rows = await t.database.db.select().from(schema.residences).where(eq(schema.residences.userId, person.id))
    expect(rows.map((r) => [r.communityId, r.gridId, r.addressEnc])).toEqual([[w.away.community.id, null, null]])
    const mine = await t.gql(`{ myResidence { communityId address } }`, {}, { token })
    expect(mine.data).toEqual({ myResidence: { communityId: w.away.community.id, address: null } })
  })

  it('refuses a grid of another community, an unknown community, a long address, and anonymous callers', async () => {
    const person = await createUser(t.database.db)
    const token = await signIn(t, person)
    const wrongGrid = await t.gql(SET, { communityId: w.home.community.id, gridId: w.away.grid.id }, { token })
    expect(wrongGrid.code).toBe('NOT_FOUND')
    const unknown = await t.gql(SET, { communityId: '01890000-0000-7000-8000-000000000000' }, { token })
    expect(unknown.code).toBe('NOT_FOUND')
    const long = await t.gql(SET, { communityId: w.home.community.id, address: '长'.repeat(201) }, { token })
    expect(long.code).toBe('BAD_USER_INPUT')
    expect(long.errors![0]!.extensions!.fields).toEqual({ address: 'ADDRESS_TOO_LONG' })
    const anonymous = await t.gql(SET, { communityId: w.home.community.id })
    expect(anonymous.code).toBe('UNAUTHENTICATED')
    const rows = await t.database.db.select().from(schema.residences).where(eq(schema.residences.userId, person.id))
    expect(rows).toEqual([])
  })
})

describe('User identity fields', () => {
  it('show staff of the residence community the masked number, and an unverified person false', async () => {
    const idNumber = residentId('19660606')
    const person = await createUser(t.database.db)
    await createResidence(t, { userId: person.id, communityId: w.home.community.id })
    const byStaff = await t.gql<{ verifyRealName: { idNumberMasked: string } }>(
      VERIFY,
      { userId: person.id, idType: 'resident_id', idNumber },
      { token: w.staff.token },
    )
    expect(byStaff.data!.verifyRealName.idNumberMasked).toBe(maskIdNumber(idNumber))
    const unverified = await t.gql(MY_IDENTITY, {}, { token: w.tokens.resident })
    expect(unverified.data).toMatchObject({ me: { user: { idNumberMasked: null, realNameVerified: false } } })
  })
})
