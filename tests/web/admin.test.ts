/** The admin console's rules and helpers, without a server: what each role is offered, trees, category codes, settings. */
import { ROLES, SETTING_KEYS, SETTINGS } from '@linli/shared'
import { describe, expect, it } from 'vitest'
import {
  canAddChild,
  canRename,
  grantableRoles,
  pagesFor,
  placePath,
  placeTree,
  placesWithin,
} from '../../web/src/features/admin/access.ts'
import type { Place, SettingEntry } from '../../web/src/features/admin/operations.ts'
import {
  categoryCode,
  fallbackOf,
  fromDrafts,
  isOwnValue,
  toDrafts,
  validateSetting,
} from '../../web/src/features/admin/settings.ts'
import en from '../../web/src/i18n/en.ts'
import zhCN from '../../web/src/i18n/zh-CN.ts'

const PLACES: Place[] = [
  { id: 'd', kind: 'district', name: '鼓楼区', parentId: null },
  { id: 's1', kind: 'street', name: '华林街道', parentId: 'd' },
  { id: 's2', kind: 'street', name: '东街街道', parentId: 'd' },
  { id: 'c1', kind: 'community', name: '阳光社区', parentId: 's1' },
  { id: 'c2', kind: 'community', name: '东街社区', parentId: 's2' },
  { id: 'g1', kind: 'grid', name: '第一网格', parentId: 'c1' },
]

describe('access', () => {
  it('shows each admin page only to the roles it serves', () => {
    expect(pagesFor('district_admin')).toEqual(['places', 'roles', 'settings', 'audit'])
    expect(pagesFor('street_admin')).toEqual(['places', 'roles', 'settings', 'audit'])
    expect(pagesFor('community_staff')).toEqual(['roles', 'settings', 'audit'])
    for (const role of ['resident', 'volunteer', 'unit_admin', 'grid_worker'] as const)
      expect(pagesFor(role)).toEqual([])
    expect(pagesFor(null)).toEqual([])
  })

  it('offers adding and renaming places as the server allows', () => {
    expect(canAddChild('district_admin', 'district')).toBe(true)
    expect(canAddChild('street_admin', 'district')).toBe(false)
    expect(canAddChild('street_admin', 'street')).toBe(true)
    expect(canAddChild('street_admin', 'community')).toBe(true)
    expect(canAddChild('district_admin', 'grid')).toBe(false)
    expect(canAddChild('community_staff', 'community')).toBe(false)
    expect(canRename('district_admin', 'district')).toBe(false)
    expect(canRename('district_admin', 'street')).toBe(true)
    expect(canRename('street_admin', 'street')).toBe(false)
    expect(canRename('street_admin', 'grid')).toBe(true)
    expect(canRename('community_staff', 'grid')).toBe(false)
  })

  it('offers only the roles GRANTABLE_BY allows', () => {
    expect(grantableRoles('district_admin')).toEqual(['street_admin', 'community_staff', 'grid_worker'])
    expect(grantableRoles('street_admin')).toEqual(['community_staff', 'grid_worker'])
    expect(grantableRoles('community_staff')).toEqual(['grid_worker', 'unit_admin'])
    expect(grantableRoles('volunteer')).toEqual([])
  })

  it('keeps the places inside the active scope, as a tree with paths', () => {
    expect(placesWithin(PLACES, 's1').map((p) => p.id)).toEqual(['s1', 'c1', 'g1'])
    expect(placesWithin(PLACES, null)).toEqual([])
    const tree = placeTree(placesWithin(PLACES, 'd'))
    expect(tree).toHaveLength(1)
    expect(tree[0]!.children.map((c) => c.name)).toEqual(['华林街道', '东街街道'])
    expect(tree[0]!.children[0]!.children[0]!.children[0]!.name).toBe('第一网格')
    expect(placePath(placesWithin(PLACES, 's1'), 'g1')).toBe('华林街道 / 阳光社区 / 第一网格')
  })
})

describe('categories', () => {
  it('makes a code from the English name, else c_<n>', () => {
    expect(categoryCode('Elder care', new Set())).toBe('elder_care')
    expect(categoryCode('  Kids & Youth!  ', new Set())).toBe('kids_youth')
    expect(categoryCode('Care', new Set(['care']))).toBe('c_1')
    expect(categoryCode('', new Set(['c_1']))).toBe('c_2')
    expect(categoryCode('助老', new Set())).toBe('c_1')
    expect(categoryCode('9 lives', new Set())).toBe('c_1')
  })

  it('keeps existing codes and gives new rows unique ones', () => {
    const drafts = toDrafts(SETTINGS.categories.default)
    drafts.push({ code: null, name: '助老服务', nameEn: 'Elder care', coefficient: 1.5 })
    drafts.push({ code: null, name: '邻里互助', nameEn: '', coefficient: 1 })
    drafts.push({ code: null, name: '关爱儿童', nameEn: 'Care', coefficient: 1 })
    const value = fromDrafts(drafts)
    expect(value.map((c) => c.code)).toEqual([
      ...SETTINGS.categories.default.map((c) => c.code),
      'elder_care',
      'c_1',
      'c_2',
    ])
    expect(value[6]).toEqual({ code: 'c_1', name: '邻里互助', coefficient: 1 })
    expect(validateSetting('categories', value).ok).toBe(true)
  })

  it('reports the shared schema codes with the row they concern', () => {
    const result = validateSetting('categories', [{ code: 'c_1', name: ' ', coefficient: 1 }])
    expect(result).toEqual({ ok: false, issues: [{ path: [0, 'name'], code: 'CATEGORY_NAME_REQUIRED' }] })
    expect(validateSetting('categories', [])).toMatchObject({ ok: false, issues: [{ code: 'CATEGORIES_EMPTY' }] })
    expect(validateSetting('ratingWindowDays', 0)).toMatchObject({ ok: false, issues: [{ code: 'VALUE_INVALID' }] })
    expect(validateSetting('perActivityHourCap', null)).toEqual({ ok: true, value: null })
  })
})

describe('inheritance', () => {
  const entry = (source: SettingEntry['source'], inheritedFrom: SettingEntry['inheritedFrom']): SettingEntry => ({
    key: 'ratingWindowDays',
    value: 20,
    source,
    inheritedValue: 10,
    inheritedFrom,
  })

  it('shows what a community or street would fall back to', () => {
    expect(isOwnValue(entry('community', 'street'), 'community')).toBe(true)
    expect(fallbackOf(entry('community', 'street'), 'community')).toEqual({ value: 10, from: 'street' })
    expect(isOwnValue(entry('street', 'street'), 'community')).toBe(false)
    expect(fallbackOf(entry('street', 'district'), 'street')).toEqual({ value: 10, from: 'district' })
  })

  it('shows the built-in default below a district’s own value', () => {
    expect(fallbackOf(entry('district', 'district'), 'district')).toEqual({ value: 14, from: 'default' })
  })
})

describe('admin messages', () => {
  it('name and explain every setting, and name every role, in both languages', () => {
    for (const messages of [zhCN, en]) {
      for (const key of SETTING_KEYS) {
        expect(messages.admin.settings.keys[key].name, key).toMatch(/\S/)
        expect(messages.admin.settings.keys[key].help, key).toMatch(/\S/)
      }
      for (const role of ROLES) expect(messages.roles[role]).toMatch(/\S/)
    }
    expect(zhCN.admin.audit.actions.community_create).toBe('新建社区')
    expect(zhCN.admin.audit.actions.role_grant).toBe('授予角色')
    expect(zhCN.admin.audit.actions.setting_set).toBe('修改设置')
  })
})
