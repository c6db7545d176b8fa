/**
 * Every community setting: its key, value schema and built-in default. A district sets
 * defaults, a street may override them, a community may override those (PRODUCT.md).
 */
import { z } from 'zod'

export const categorySchema = z.object({
  /** Stable id of the category within the community, e.g. `red_education`. */
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'CATEGORY_CODE_INVALID'),
  name: z.string().trim().min(1, 'CATEGORY_NAME_REQUIRED').max(20, 'CATEGORY_NAME_TOO_LONG'),
  nameEn: z.string().trim().max(40).optional(),
  /** Points per approved hour in this category. */
  coefficient: z.number().min(0).max(10),
})
export type Category = z.infer<typeof categorySchema>

export const DEFAULT_CATEGORIES: Category[] = [
  { code: 'red_education', name: '红色教育', nameEn: 'Red education', coefficient: 1 },
  { code: 'policy_outreach', name: '政策宣讲', nameEn: 'Policy outreach', coefficient: 1 },
  { code: 'care', name: '关心关爱', nameEn: 'Care', coefficient: 1 },
  { code: 'governance', name: '社会治理', nameEn: 'Community governance', coefficient: 1 },
  { code: 'convenience', name: '便民服务', nameEn: 'Convenience services', coefficient: 1 },
]

const categoriesSchema = z
  .array(categorySchema)
  .min(1, 'CATEGORIES_EMPTY')
  .max(30)
  .refine((list) => new Set(list.map((c) => c.code)).size === list.length, 'CATEGORY_CODE_DUPLICATE')

const nullablePositive = (max: number) => z.number().positive().max(max).nullable()

export const pointsExpiryRuleSchema = z.enum(['never', 'end_of_following_year'])

export const SETTINGS = {
  categories: { schema: categoriesSchema, default: DEFAULT_CATEGORIES },
  claimApprovalRequired: { schema: z.boolean(), default: false },
  checkInToleranceMinutes: { schema: z.number().int().min(0).max(240), default: 30 },
  /** Hours one activity can give one volunteer at most; null = no cap. */
  perActivityHourCap: { schema: nullablePositive(24), default: null as number | null },
  /** The check-in span must reach this share of the planned duration; null = no threshold. */
  validityThresholdPercent: { schema: z.number().int().min(1).max(100).nullable(), default: null as number | null },
  noShowFadeMonths: { schema: z.number().int().min(1).max(36), default: 6 },
  ratingWindowDays: { schema: z.number().int().min(1).max(90), default: 14 },
  /** Points to each volunteer who served a project rated 5; 0 = none. */
  ratingBonusPoints: { schema: z.number().int().min(0).max(1000), default: 0 },
  waitingTooLongDays: { schema: z.number().int().min(1).max(90), default: 7 },
  pointsExpiryRule: { schema: pointsExpiryRuleSchema, default: 'never' as z.infer<typeof pointsExpiryRuleSchema> },
  redemptionPickupHours: {
    schema: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    default: 72,
  },
  dualReportYearlyTargetHours: { schema: z.number().int().min(0).max(1000), default: 50 },
} as const

export type SettingKey = keyof typeof SETTINGS
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[]
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>
export type EffectiveSettings = { [K in SettingKey]: SettingValue<K> }

export function isSettingKey(value: unknown): value is SettingKey {
  return typeof value === 'string' && value in SETTINGS
}

/** Where an effective value came from. */
export type SettingSource = 'community' | 'street' | 'district' | 'default'

/**
 * Resolve one setting: the community's own value, else the street's, else the district's,
 * else the built-in default. Pure; the server loads the three layers in one statement.
 */
export function resolveSetting<K extends SettingKey>(
  key: K,
  layers: { community?: unknown; street?: unknown; district?: unknown },
): { value: SettingValue<K>; source: SettingSource; inherited: SettingValue<K>; inheritedFrom: SettingSource } {
  const parse = (v: unknown) => SETTINGS[key].schema.safeParse(v)
  const pick = (...order: ('street' | 'district')[]): { value: SettingValue<K>; source: SettingSource } => {
    for (const layer of order) {
      if (layers[layer] === undefined) continue
      const p = parse(layers[layer])
      if (p.success) return { value: p.data as SettingValue<K>, source: layer }
    }
    return { value: SETTINGS[key].default as SettingValue<K>, source: 'default' }
  }
  const inherited = pick('street', 'district')
  if (layers.community !== undefined) {
    const p = parse(layers.community)
    if (p.success) {
      return {
        value: p.data as SettingValue<K>,
        source: 'community',
        inherited: inherited.value,
        inheritedFrom: inherited.source,
      }
    }
  }
  return { ...inherited, inherited: inherited.value, inheritedFrom: inherited.source }
}
