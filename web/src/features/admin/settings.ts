/**
 * How each community setting is edited and shown in the console. The values are validated with
 * the shared zod schemas (`SETTINGS` in @linli/shared) before anything is sent.
 */
import { SETTINGS, type Category, type SettingKey, type SettingSource } from '@linli/shared'
import type { SettingEntry } from './operations.ts'

export type SettingUnit = 'minutes' | 'hours' | 'days' | 'months' | 'points' | 'percent'

export type SettingField =
  | { kind: 'categories' }
  | { kind: 'boolean' }
  | { kind: 'enum'; options: readonly string[] }
  | { kind: 'number'; unit: SettingUnit; min: number; max: number; step: number; precision: number; nullable: boolean }

const int = (unit: SettingUnit, min: number, max: number) =>
  ({ kind: 'number', unit, min, max, step: 1, precision: 0, nullable: false }) as const

export const SETTING_FIELDS: Record<SettingKey, SettingField> = {
  categories: { kind: 'categories' },
  claimApprovalRequired: { kind: 'boolean' },
  checkInToleranceMinutes: int('minutes', 0, 240),
  perActivityHourCap: { kind: 'number', unit: 'hours', min: 0.5, max: 24, step: 0.5, precision: 1, nullable: true },
  validityThresholdPercent: { ...int('percent', 1, 100), nullable: true },
  noShowFadeMonths: int('months', 1, 36),
  ratingWindowDays: int('days', 1, 90),
  ratingBonusPoints: int('points', 0, 1000),
  waitingTooLongDays: int('days', 1, 90),
  pointsExpiryRule: { kind: 'enum', options: ['never', 'end_of_following_year'] },
  redemptionPickupHours: int('hours', 1, 24 * 60),
  dualReportYearlyTargetHours: int('hours', 0, 1000),
}

/** The layer a settings page edits: a community's own values, or a street's or district's defaults. */
export type SettingLevel = 'community' | 'street' | 'district'

/** The value an entry would fall back to, and from where, if this level dropped its own value. */
export function fallbackOf(entry: SettingEntry, level: SettingLevel): { value: unknown; from: SettingSource } {
  // The server reports a district's own value as "inherited from the district"; below a
  // district there is only the built-in default.
  if (level === 'district') return { value: SETTINGS[entry.key].default, from: 'default' }
  return { value: entry.inheritedValue, from: entry.inheritedFrom }
}

/** Whether this level holds its own value for the entry (so it can be reset). */
export function isOwnValue(entry: SettingEntry, level: SettingLevel): boolean {
  return entry.source === level
}

export interface SettingIssue {
  /** Where in the value, e.g. `[2, 'name']` for the third category's name. */
  path: (string | number)[]
  /** A field code of @linli/shared (or VALUE_INVALID for zod's own messages). */
  code: string
}

/** Validate with the shared schema: the value to send, or the issues to show. */
export function validateSetting(
  key: SettingKey,
  value: unknown,
): { ok: true; value: unknown } | { ok: false; issues: SettingIssue[] } {
  const parsed = SETTINGS[key].schema.safeParse(value)
  if (parsed.success) return { ok: true, value: parsed.data }
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
      code: /^[A-Z][A-Z0-9_]+$/.test(issue.message) ? issue.message : 'VALUE_INVALID',
    })),
  }
}

const CODE = /^[a-z][a-z0-9_]{1,39}$/

/**
 * A code for a new category: the English name in snake_case when that makes a valid, unused
 * code ("Elder care" → `elder_care`), else `c_<n>` with the first unused n.
 */
export function categoryCode(nameEn: string | undefined, taken: ReadonlySet<string>): string {
  const slug = (nameEn ?? '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '')
  if (CODE.test(slug) && !taken.has(slug)) return slug
  let n = 1
  while (taken.has(`c_${n}`)) n++
  return `c_${n}`
}

/** A category being edited: existing ones keep their code, new ones get one when saved. */
export interface CategoryDraft {
  code: string | null
  name: string
  nameEn: string
  coefficient: number
}

export function toDrafts(categories: readonly Category[]): CategoryDraft[] {
  return categories.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn ?? '', coefficient: c.coefficient }))
}

/** Drafts as the setting's value, with codes made for new rows. */
export function fromDrafts(drafts: readonly CategoryDraft[]): Category[] {
  const taken = new Set(drafts.flatMap((d) => (d.code ? [d.code] : [])))
  return drafts.map((d) => {
    let code = d.code
    if (!code) {
      code = categoryCode(d.nameEn, taken)
      taken.add(code)
    }
    const nameEn = d.nameEn.trim()
    return { code, name: d.name.trim(), ...(nameEn ? { nameEn } : {}), coefficient: d.coefficient }
  })
}

export function isCategoryList(value: unknown): value is Category[] {
  return Array.isArray(value)
}
