/**
 * The three lists (资源清单, 需求清单, 项目清单) and 点单: their enumerations, the inputs the
 * server validates (and the web's forms reuse), and the text tokens that make Chinese
 * substrings searchable (PostgreSQL has no Chinese parser: see STACK.md).
 */
import { z } from 'zod'
import { memberOf } from './errors.ts'
import { fieldCode } from './schemas.ts'
import type { ClaimState, NeedState, ProjectState } from './states.ts'

export const RESOURCE_KINDS = ['venue', 'funds', 'expertise', 'volunteers', 'materials', 'other'] as const
export type ResourceKind = (typeof RESOURCE_KINDS)[number]

export const NEED_URGENCIES = ['low', 'normal', 'high', 'urgent'] as const
export type NeedUrgency = (typeof NEED_URGENCIES)[number]

/** How a need reached the community: online by the resident, or recorded for them. */
export const NEED_CHANNELS = ['online', 'service_hall', 'grid_visit', 'hotline'] as const
export type NeedChannel = (typeof NEED_CHANNELS)[number]

export const PROJECT_MODES = ['solo', 'joint'] as const
export type ProjectMode = (typeof PROJECT_MODES)[number]

export const PROJECT_CADENCES = ['one_off', 'routine'] as const
export type ProjectCadence = (typeof PROJECT_CADENCES)[number]

/** Claims that hold capacity: at most one per unit and project, never more than the capacity. */
export const LIVE_CLAIM_STATES = ['pending', 'active'] as const satisfies readonly ClaimState[]
export const isLiveClaim = memberOf<ClaimState>(LIVE_CLAIM_STATES)

/** Needs a resident may still change or withdraw. */
export const EDITABLE_NEED_STATES = ['submitted'] as const satisfies readonly NeedState[]

/** Projects units may claim; and the states in which claims may still be withdrawn. */
export const CLAIMABLE_PROJECT_STATES = ['published'] as const satisfies readonly ProjectState[]
export const BEFORE_START_PROJECT_STATES = ['published', 'claimed'] as const satisfies readonly ProjectState[]

/** What a need's timeline records: the server writes only these; the web words each (typed). */
export const NEED_EVENT_ACTIONS = [
  'submitted',
  'recorded',
  'edited',
  'accepted',
  'rejected',
  'merged',
  'merged_in',
  'withdrawn',
  'closed',
  'project_attached',
  'project_detached',
  'planned',
  'in_service',
  'resolved',
  'rated',
  'unit_claimed',
  'unit_withdrew',
  'unit_claim_rejected',
  'unit_claim_approved',
  'project_cancelled',
] as const
export type NeedEventAction = (typeof NEED_EVENT_ACTIONS)[number]

// ── Inputs ────────────────────────────────────────────────────────────────────

const title = z.string().trim().min(2, fieldCode('TITLE_TOO_SHORT')).max(60, fieldCode('TITLE_TOO_LONG'))
const description = z.string().trim().max(2000, fieldCode('DESCRIPTION_TOO_LONG'))
const categoryCode = z.string().trim().min(1, fieldCode('CATEGORY_REQUIRED')).max(40)
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, fieldCode('DATE_INVALID'))

export const resourceInputSchema = z.object({
  title,
  description: description.default(''),
  category: categoryCode,
  kind: z.enum(RESOURCE_KINDS),
  /** How many (people, seats, items, yuan) or null when it does not count. */
  quantity: z
    .number()
    .int()
    .min(1, fieldCode('QUANTITY_INVALID'))
    .max(1_000_000, fieldCode('QUANTITY_INVALID'))
    .nullish(),
  quantityUnit: z.string().trim().max(10).nullish(),
  /** When it is available, in words (每周六上午) and/or as dates. */
  availability: z.string().trim().max(200).default(''),
  availableFrom: isoDate.nullish(),
  availableUntil: isoDate.nullish(),
  /** The grids it serves; empty = the whole community. */
  gridIds: z.array(z.string()).max(50).default([]),
})
export type ResourceInput = z.infer<typeof resourceInputSchema>

export const needInputSchema = z.object({
  title,
  description: description.min(1, fieldCode('DESCRIPTION_REQUIRED')),
  category: categoryCode,
  gridId: z.string().nullish(),
  urgency: z.enum(NEED_URGENCIES).default('normal'),
  preferredTime: z.string().trim().max(100).default(''),
  /** Uploaded photos (POST /files), at most nine. */
  photoIds: z.array(z.string()).max(9, fieldCode('TOO_MANY_PHOTOS')).default([]),
  /** Where the service is wanted (encrypted at rest, seen only by those PRODUCT.md names). */
  address: z.string().trim().max(200, fieldCode('ADDRESS_TOO_LONG')).nullish(),
})
export type NeedInput = z.infer<typeof needInputSchema>

/** A need recorded by a grid worker or staff member for someone (with or without an account). */
export const recordedNeedInputSchema = needInputSchema.extend({
  channel: z.enum(['service_hall', 'grid_visit', 'hotline']),
  /** A registered resident, or a name and phone for someone without an account. */
  forUserId: z.string().nullish(),
  forName: z.string().trim().min(1).max(40).nullish(),
  forPhone: z
    .string()
    .regex(/^1[3-9]\d{9}$/, fieldCode('PHONE_INVALID'))
    .nullish(),
})
export type RecordedNeedInput = z.infer<typeof recordedNeedInputSchema>

export const projectInputSchema = z
  .object({
    title,
    description: description.default(''),
    category: categoryCode,
    mode: z.enum(PROJECT_MODES),
    cadence: z.enum(PROJECT_CADENCES).default('one_off'),
    /** Routine projects: the last day, or null = open until staff close it. */
    routineUntil: isoDate.nullish(),
    /** How many units may claim it (1 for solo). */
    capacity: z.number().int().min(1, fieldCode('CAPACITY_INVALID')).max(50, fieldCode('CAPACITY_INVALID')),
    volunteerDemand: z.number().int().min(0).max(10_000).default(0),
    startsAt: z.string().datetime({ offset: true }).nullish(),
    endsAt: z.string().datetime({ offset: true }).nullish(),
    /** The schedule in words (每周三下午). */
    schedule: z.string().trim().max(200).default(''),
    needIds: z.array(z.string()).max(50).default([]),
    resourceIds: z.array(z.string()).max(50).default([]),
  })
  .refine((p) => p.mode === 'joint' || p.capacity === 1, {
    message: fieldCode('SOLO_CAPACITY_ONE'),
    path: ['capacity'],
  })
  .refine((p) => !p.startsAt || !p.endsAt || p.startsAt < p.endsAt, {
    message: fieldCode('ENDS_BEFORE_START'),
    path: ['endsAt'],
  })
export type ProjectInput = z.infer<typeof projectInputSchema>

export const claimInputSchema = z.object({
  projectId: z.string(),
  unitId: z.string(),
  /** The unit's published resources it brings. */
  resourceIds: z.array(z.string()).max(20).default([]),
  volunteers: z.number().int().min(0, fieldCode('VOLUNTEERS_INVALID')).max(10_000, fieldCode('VOLUNTEERS_INVALID')),
  note: z.string().trim().max(500).default(''),
})
export type ClaimInput = z.infer<typeof claimInputSchema>

/** A client's idempotency key: 8–100 characters of letters, digits, `-` and `_` (a UUID fits). */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, fieldCode('IDEMPOTENCY_KEY_INVALID'))

export const reasonSchema = z
  .string()
  .trim()
  .min(2, fieldCode('REASON_REQUIRED'))
  .max(500, fieldCode('REASON_TOO_LONG'))

// ── Search tokens ─────────────────────────────────────────────────────────────

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u
// A Latin run stops at a Chinese character (\p{L} holds them too): 'WiFi安装' is 'wifi' + 安装.
const RUN =
  /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|(?:(?![\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[\p{L}\p{N}])+/gu

/**
 * The lexemes a text is indexed by: every Chinese character and every pair of neighbouring
 * Chinese characters (so any substring of two or more characters is found by its pairs, and a
 * single character by itself), and each Latin word or number in lower case.
 */
export function searchTokens(text: string): string[] {
  const out = new Set<string>()
  for (const run of text.normalize('NFKC').toLowerCase().match(RUN) ?? []) {
    if (CJK.test(run[0]!)) {
      const chars = [...run]
      chars.forEach((c, i) => {
        out.add(c)
        if (i + 1 < chars.length) out.add(c + chars[i + 1])
      })
    } else out.add(run)
  }
  return [...out]
}

/**
 * The lexemes a query must all match: the pairs of its Chinese runs (a run of one character
 * stands for itself) and its Latin words. Matching rows still have to contain the query as a
 * substring (the pairs of 社区服务 also appear in 服务社区): the server rechecks with ILIKE.
 */
export function searchQueryTokens(query: string): string[] {
  const out = new Set<string>()
  for (const run of query.normalize('NFKC').toLowerCase().match(RUN) ?? []) {
    if (CJK.test(run[0]!)) {
      const chars = [...run]
      if (chars.length === 1) out.add(run)
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1])
    } else out.add(run)
  }
  return [...out]
}
