/**
 * Helpers for the accounts and privacy suites: residences (address sealed with the app's data
 * key), checksum-valid fictional resident ID numbers, signing in, SMS codes read from the log,
 * and a small world of people in and out of a community's scope for authorization tests.
 */
import { maskPhone, type SmsPurpose } from '@linli/shared'
import { schema } from '@linli/server/db'
import { expect } from 'vitest'
import type { TestApp } from './app.ts'
import { createPlaces, createUser, type CreatedUser } from './factories.ts'
import { LOGIN, type LoginData } from './gql.ts'
import { recordPii } from './logs.ts'

const at = new Date('2026-11-01T00:00:00Z')

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
let idSeq = 100

/** A fictional, checksum-valid mainland resident ID: area code, birth date (YYYYMMDD), sequence. */
export function residentId(birth = '19900307', area = '110101'): string {
  idSeq += 1
  const body = `${area}${birth}${String(idSeq % 1000).padStart(3, '0')}`
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0)
  const id = `${body}${'10X98765432'[sum % 11]}`
  recordPii(id)
  return id
}

export async function createResidence(
  t: TestApp,
  options: { userId: string; communityId: string; gridId?: string | null; address?: string | null },
): Promise<void> {
  const address = options.address === undefined ? `幸福路${idSeq++}号` : options.address
  recordPii(address)
  await t.database.db.insert(schema.residences).values({
    communityId: options.communityId,
    userId: options.userId,
    gridId: options.gridId ?? null,
    addressEnc: address ? t.app.sealer.seal(address) : null,
    createdAt: at,
    updatedAt: at,
  })
}

export async function signIn(t: TestApp, user: { phone: string; password: string }): Promise<string> {
  const res = await t.gql<LoginData>(LOGIN, { phone: user.phone, password: user.password })
  expect(res.errors, `sign in ${maskPhone(user.phone)}`).toBeUndefined()
  return res.data!.login.accessToken
}

export const REQUEST_SMS_CODE = /* GraphQL */ `
  mutation RequestSmsCode($phone: String!, $purpose: SmsPurpose!) {
    requestSmsCode(phone: $phone, purpose: $purpose) {
      expiresInSeconds
      resendAfterSeconds
    }
  }
`

/** Request a code and read it back from the server's log; null when nothing was sent. */
export async function requestCode(t: TestApp, phone: string, purpose: SmsPurpose): Promise<string | null> {
  const before = t.sms.count(phone)
  const res = await t.gql(REQUEST_SMS_CODE, { phone, purpose })
  expect(res.errors).toBeUndefined()
  return t.sms.count(phone) > before ? t.sms.lastCode(phone) : null
}

/** Everyone an authorization test needs: the scope holder, and people beside or outside it. */
export const OUTSIDERS = [
  'anonymous',
  'resident',
  'volunteer',
  'gridWorker',
  'unitAdmin',
  'otherStaff',
  'otherStreetAdmin',
  'sameStreetAdmin',
] as const
export type Outsider = (typeof OUTSIDERS)[number]

export interface AccountsWorld {
  home: Awaited<ReturnType<typeof createPlaces>>
  away: Awaited<ReturnType<typeof createPlaces>>
  unitId: string
  staff: CreatedUser & { token: string }
  /** A resident living in `home` (grid, address). */
  target: CreatedUser
  tokens: Record<Outsider, string | undefined>
}

/**
 * Two places (home and away: different districts), staff of home, a resident of home, and one
 * person per outsider role: a resident and a volunteer (self scope), the grid worker and a
 * street admin of home's own grid and street (not community staff), a unit admin, staff of the
 * away community and the away street's admin.
 */
export async function buildAccountsWorld(t: TestApp): Promise<AccountsWorld> {
  const db = t.database.db
  const home = await createPlaces(db)
  const away = await createPlaces(db)
  const [unit] = await db.insert(schema.units).values({ name: '测试单位', kind: 'hospital', createdAt: at }).returning()
  const staff = await createUser(db, { roles: [{ role: 'community_staff', scopeId: home.community.id }] })
  const target = await createUser(db)
  await createResidence(t, { userId: target.id, communityId: home.community.id, gridId: home.grid.id })
  const people: Record<Exclude<Outsider, 'anonymous'>, CreatedUser> = {
    resident: await createUser(db),
    volunteer: await createUser(db, { roles: [{ role: 'volunteer' }, { role: 'resident' }] }),
    gridWorker: await createUser(db, { roles: [{ role: 'grid_worker', scopeId: home.grid.id }] }),
    unitAdmin: await createUser(db, { roles: [{ role: 'unit_admin', scopeId: unit!.id }] }),
    otherStaff: await createUser(db, { roles: [{ role: 'community_staff', scopeId: away.community.id }] }),
    otherStreetAdmin: await createUser(db, { roles: [{ role: 'street_admin', scopeId: away.street.id }] }),
    sameStreetAdmin: await createUser(db, { roles: [{ role: 'street_admin', scopeId: home.street.id }] }),
  }
  // The resident and volunteer live in the same community as the target: neighbours, not staff.
  await createResidence(t, { userId: people.resident.id, communityId: home.community.id })
  await createResidence(t, { userId: people.volunteer.id, communityId: home.community.id })
  const tokens = { anonymous: undefined } as Record<Outsider, string | undefined>
  for (const [name, person] of Object.entries(people)) tokens[name as Outsider] = await signIn(t, person)
  return { home, away, unitId: unit!.id, staff: { ...staff, token: await signIn(t, staff) }, target, tokens }
}

/** The codes an outsider may get: anonymous → UNAUTHENTICATED; anyone else → NOT_FOUND or FORBIDDEN. */
export function expectRefused(who: Outsider, code: string | undefined): void {
  if (who === 'anonymous') expect(code, who).toBe('UNAUTHENTICATED')
  else expect(['NOT_FOUND', 'FORBIDDEN'], `${who} got ${code}`).toContain(code)
}
