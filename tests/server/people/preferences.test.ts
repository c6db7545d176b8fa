/**
 * Language and 长辈模式 follow the person (issue 10, Done-when 5): chosen on one device, they come
 * back with the next sign-in on another (`login.me.preferences`, `me.preferences`); an argument
 * left out keeps its value; another language is refused; they are in the person's data export and
 * go with deletion.
 */
import { eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { createUser, type CreatedUser } from '../../support/factories.ts'

const SET = `mutation($locale: String, $elderMode: Boolean) { setMyPreferences(locale: $locale, elderMode: $elderMode) { locale elderMode } }`
const SIGN_IN = `mutation($phone: String!, $password: String!) { login(phone: $phone, password: $password) {
  accessToken me { preferences { locale elderMode } } } }`

interface SignedIn {
  login: { accessToken: string; me: { preferences: { locale: string | null; elderMode: boolean | null } } }
}

let t: TestApp
let person: CreatedUser
let other: CreatedUser
beforeAll(async () => {
  t = await buildTestApp()
  person = await createUser(t.database.db, { roles: [{ role: 'resident' }] })
  other = await createUser(t.database.db, { roles: [{ role: 'resident' }] })
})
afterAll(() => t.close())

const signIn = async (who: CreatedUser) =>
  (await t.gql<SignedIn>(SIGN_IN, { phone: who.phone, password: who.password })).data!.login

describe('preferences', () => {
  it('start unchosen, and a choice on one device comes back with a new sign-in', async () => {
    const first = await signIn(person)
    expect(first.me.preferences).toEqual({ locale: null, elderMode: null })

    const set = await t.gql(SET, { locale: 'en', elderMode: true }, { token: first.accessToken })
    expect(set.errors).toBeUndefined()
    expect(set.data).toEqual({ setMyPreferences: { locale: 'en', elderMode: true } })

    const again = await signIn(person)
    expect(again.me.preferences).toEqual({ locale: 'en', elderMode: true })
    const me = await t.gql<{ me: { preferences: unknown } }>(
      `{ me { preferences { locale elderMode } } }`,
      {},
      {
        token: again.accessToken,
      },
    )
    expect(me.data!.me.preferences).toEqual({ locale: 'en', elderMode: true })
    // Someone else's are their own.
    expect((await signIn(other)).me.preferences).toEqual({ locale: null, elderMode: null })
  })

  it('keeps what an argument leaves out, and refuses another language', async () => {
    const { accessToken } = await signIn(person)
    const elderOff = await t.gql(SET, { elderMode: false }, { token: accessToken })
    expect(elderOff.data).toEqual({ setMyPreferences: { locale: 'en', elderMode: false } })
    const zh = await t.gql(SET, { locale: 'zh-CN' }, { token: accessToken })
    expect(zh.data).toEqual({ setMyPreferences: { locale: 'zh-CN', elderMode: false } })
    const bad = await t.gql(SET, { locale: 'fr' }, { token: accessToken })
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { locale: 'VALUE_INVALID' } })
    expect((await signIn(person)).me.preferences).toEqual({ locale: 'zh-CN', elderMode: false })
    expect((await t.gql(SET, { locale: 'en' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
  })

  it('are in my data, and go with my account', async () => {
    const { accessToken } = await signIn(other)
    await t.gql(SET, { locale: 'en', elderMode: true }, { token: accessToken })
    const data = await t.gql<{ myData: { profile: { locale: string; elderMode: boolean } } }>(
      `{ myData }`,
      {},
      {
        token: accessToken,
      },
    )
    expect(data.data!.myData.profile).toMatchObject({ locale: 'en', elderMode: true })
    const gone = await t.gql(
      `mutation($p: String) { deleteMyAccount(password: $p) }`,
      { p: other.password },
      {
        token: accessToken,
      },
    )
    expect(gone.errors).toBeUndefined()
    const [row] = await t.database.db.select().from(schema.users).where(eq(schema.users.id, other.id))
    expect(row).toMatchObject({ locale: null, elderMode: null, status: 'deleted' })
  })
})
