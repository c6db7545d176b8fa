import { DEFAULT_CATEGORIES } from '@linli/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { buildWorld, type World } from '../../support/world.ts'

let t: TestApp
let w: World
beforeAll(async () => {
  t = await buildTestApp()
  w = await buildWorld(t)
})
afterAll(() => t.close())

type Entry = { key: string; value: unknown; source: string; inheritedValue: unknown; inheritedFrom: string }
const SETTINGS = `query($c: ID!) { communitySettings(communityId: $c) { key value source inheritedValue inheritedFrom } }`
const entry = async (key: string, actor: 'staff' | 'streetAdmin' = 'staff') =>
  (await w.as(actor)<{ communitySettings: Entry[] }>(SETTINGS, { c: w.community.id })).data!.communitySettings.find(
    (e) => e.key === key,
  )!

describe('communitySettings', () => {
  it('lists every setting with its built-in default where nobody set one', async () => {
    const list = (await w.as('staff')<{ communitySettings: Entry[] }>(SETTINGS, { c: w.community.id })).data!
      .communitySettings
    expect(list.map((e) => e.key)).toContain('categories')
    expect(list.find((e) => e.key === 'categories')).toMatchObject({ value: DEFAULT_CATEGORIES, source: 'default' })
    expect(list.find((e) => e.key === 'checkInToleranceMinutes')).toMatchObject({ value: 30, source: 'default' })
    expect(list).toHaveLength(12)
  })

  it('inherits the district default, then the street’s, and the community’s own value wins', async () => {
    const set = (actor: 'districtAdmin' | 'streetAdmin', scope: string, id: string, value: number) =>
      w.as(actor)(
        `mutation($s: DefaultScope!, $id: ID!, $v: JSON!) { setDefaultSetting(scope: $s, scopeId: $id, key: "ratingWindowDays", value: $v) { source } }`,
        { s: scope, id, v: value },
      )
    expect((await set('districtAdmin', 'district', w.district.id, 21)).errors).toBeUndefined()
    expect(await entry('ratingWindowDays')).toMatchObject({ value: 21, source: 'district' })
    expect((await set('streetAdmin', 'street', w.street.id, 10)).errors).toBeUndefined()
    expect(await entry('ratingWindowDays')).toMatchObject({ value: 10, source: 'street' })

    const own = await w.as('staff')<{ setCommunitySetting: Entry }>(
      `mutation($c: ID!) { setCommunitySetting(communityId: $c, key: "ratingWindowDays", value: 7) { key value source inheritedValue inheritedFrom } }`,
      { c: w.community.id },
    )
    expect(own.data!.setCommunitySetting).toEqual({
      key: 'ratingWindowDays',
      value: 7,
      source: 'community',
      inheritedValue: 10,
      inheritedFrom: 'street',
    })
    // The street admin above sees the same, read-only.
    expect(await entry('ratingWindowDays', 'streetAdmin')).toMatchObject({ value: 7, source: 'community' })

    const reset = await w.as('staff')<{ resetCommunitySetting: Entry }>(
      `mutation($c: ID!) { resetCommunitySetting(communityId: $c, key: "ratingWindowDays") { value source } }`,
      { c: w.community.id },
    )
    expect(reset.data!.resetCommunitySetting).toEqual({ value: 10, source: 'street' })
    // A neighbouring community of the same street inherits the street's value; another street does not.
    const neighbour = await w.as('otherStaff')<{ communitySettings: Entry[] }>(SETTINGS, { c: w.neighbourCommunity.id })
    expect(neighbour.data!.communitySettings.find((e) => e.key === 'ratingWindowDays')).toMatchObject({ value: 10 })
    const far = await w.as('farStaff')<{ communitySettings: Entry[] }>(SETTINGS, { c: w.farCommunity.id })
    expect(far.data!.communitySettings.find((e) => e.key === 'ratingWindowDays')).toMatchObject({
      value: 21,
      source: 'district',
    })
  })

  it('shows a district’s own default against the built-in one', async () => {
    const res = await w.as('districtAdmin')<{ defaultSettings: Entry[] }>(
      `query($id: ID!) { defaultSettings(scope: district, scopeId: $id) { key value source inheritedValue inheritedFrom } }`,
      { id: w.district.id },
    )
    expect(res.data!.defaultSettings.find((e) => e.key === 'ratingWindowDays')).toEqual({
      key: 'ratingWindowDays',
      value: 21,
      source: 'district',
      inheritedValue: 14,
      inheritedFrom: 'default',
    })
  })

  it('takes a new category list, which the community then has', async () => {
    const categories = [...DEFAULT_CATEGORIES, { code: 'elder_care', name: '助老服务', coefficient: 1.5 }]
    const res = await w.as('staff')(
      `mutation($c: ID!, $v: JSON!) { setCommunitySetting(communityId: $c, key: "categories", value: $v) { value } }`,
      { c: w.community.id, v: categories },
    )
    expect(res.errors).toBeUndefined()
    const settings = await t.app.settingsService.effective(t.database.db, w.community.id)
    expect(settings.categories.map((c) => c.name)).toContain('助老服务')
  })

  it('refuses unknown keys and invalid values with a field code, changing nothing', async () => {
    const bad = (key: string, value: unknown) =>
      w.as('staff')(
        `mutation($c: ID!, $k: String!, $v: JSON!) { setCommunitySetting(communityId: $c, key: $k, value: $v) { value } }`,
        { c: w.community.id, k: key, v: value },
      )
    const unknown = await bad('favouriteColour', 'red')
    expect(unknown.code).toBe('BAD_USER_INPUT')
    expect(unknown.errors![0]!.extensions!.fields).toEqual({ key: 'VALUE_INVALID' })
    expect((await bad('checkInToleranceMinutes', -5)).errors![0]!.extensions!.fields).toEqual({
      value: 'VALUE_INVALID',
    })
    expect((await bad('categories', [])).errors![0]!.extensions!.fields).toEqual({ value: 'CATEGORIES_EMPTY' })
    const dup = [DEFAULT_CATEGORIES[0], DEFAULT_CATEGORIES[0]]
    expect((await bad('categories', dup)).errors![0]!.extensions!.fields).toEqual({ value: 'CATEGORY_CODE_DUPLICATE' })
    expect(await entry('checkInToleranceMinutes')).toMatchObject({ value: 30, source: 'default' })
  })

  it('can switch a cap off for one community with null while the street sets one', async () => {
    await w.as('streetAdmin')(
      `mutation($id: ID!) { setDefaultSetting(scope: street, scopeId: $id, key: "perActivityHourCap", value: 4) { value } }`,
      { id: w.street.id },
    )
    const off = await w.as('staff')<{ setCommunitySetting: Entry }>(
      `mutation($c: ID!) { setCommunitySetting(communityId: $c, key: "perActivityHourCap", value: null) { value source inheritedValue } }`,
      { c: w.community.id },
    )
    expect(off.data!.setCommunitySetting).toEqual({ value: null, source: 'community', inheritedValue: 4 })
    const missing = await w.as('staff')(
      `mutation($c: ID!) { setCommunitySetting(communityId: $c, key: "ratingBonusPoints") { value } }`,
      { c: w.community.id },
    )
    expect(missing.code).toBe('BAD_USER_INPUT')
  })
})

describe('communityCategories', () => {
  it('tells anyone signed in a community’s categories (residents and units name them), anonymous no', async () => {
    const res = await w.as('resident')<{ communityCategories: { code: string; name: string }[] }>(
      `query($c: ID!) { communityCategories(communityId: $c) { code name nameEn coefficient } }`,
      { c: w.community.id },
    )
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined()
    expect(res.data!.communityCategories.map((c) => c.code)).toContain('care')
    expect(
      (
        await w.as('anonymous')(`query($c: ID!) { communityCategories(communityId: $c) { code } }`, {
          c: w.community.id,
        })
      ).code,
    ).toBe('UNAUTHENTICATED')
    expect(
      (await w.as('resident')(`query($c: ID!) { communityCategories(communityId: $c) { code } }`, { c: 'nope' })).code,
    ).toBe('NOT_FOUND')
  })
})
