/**
 * Matching (PRODUCT.md "Matching"): resources for a need, projects for a unit, each with a
 * score (0–100) and the reasons behind it. Pure functions: the server loads the rows, the
 * scenarios in tests/shared/matching.test.ts hold the weights to what a community worker
 * would pick. The rules and weights are documented in docs/matching.md; change both together.
 */
import type { NeedUrgency, ResourceKind } from './lists.ts'

/** Stable codes of the reasons; the web words each one (web/src/i18n/matching). */
export const MATCH_REASON_CODES = [
  'CATEGORY_MATCH',
  'SERVES_GRID',
  'SERVES_WHOLE_COMMUNITY',
  'SERVES_OTHER_GRIDS',
  'AVAILABLE_IN_TIME',
  'NOT_AVAILABLE_IN_TIME',
  'HAS_QUANTITY',
  'CAPACITY_LEFT',
  'PAST_WORK_IN_CATEGORY',
  'PAST_WORK_IN_COMMUNITY',
  'RESOURCE_KIND_FITS',
  'URGENT',
] as const
export type MatchReasonCode = (typeof MATCH_REASON_CODES)[number]

export interface MatchReason {
  code: MatchReasonCode
  /** Points this reason adds (negative: takes away). */
  weight: number
  /** What the text needs: a count, a date, a kind, a category code. */
  params?: Record<string, string | number>
}

export interface MatchScore {
  /** 0–100, the sum of the reasons' weights clipped to that range. */
  score: number
  /** Heaviest first; reasons that take points away last. */
  reasons: MatchReason[]
}

/** The weights, in one place (docs/matching.md explains each). */
export const MATCH_WEIGHTS = {
  resourceForNeed: {
    category: 35,
    servesGrid: 20,
    servesWholeCommunity: 12,
    servesOtherGrids: -10,
    kindStrong: 15,
    kindAlso: 7,
    availableInTime: 10,
    notAvailableInTime: -25,
    /** A high or urgent need cannot wait for a resource that is not there on the day. */
    notAvailableInTimeUrgent: -35,
    hasQuantity: 4,
    pastWorkInCategoryEach: 3,
    pastWorkInCategoryMax: 9,
    pastWorkInCommunityEach: 1,
    pastWorkInCommunityMax: 5,
    urgentAvailableToday: 5,
  },
  projectForUnit: {
    category: 30,
    servesGrid: 10,
    servesWholeCommunity: 5,
    servesOtherGrids: -10,
    kindStrong: 15,
    kindAlso: 7,
    availableInTime: 10,
    notAvailableInTime: -25,
    volunteersEnough: 5,
    capacityLeft: 5,
    pastWorkInCategoryEach: 5,
    pastWorkInCategoryMax: 15,
    pastWorkInCommunityEach: 2,
    pastWorkInCommunityMax: 10,
    /** A project starting within `soonDays` still looking for units. */
    startsSoon: 5,
    soonDays: 7,
  },
} as const

/**
 * Which kinds of resource serve a category (default category codes). `strong`: what the work
 * mostly needs (a venue for red education and meetings, expertise for care such as 义诊,
 * volunteers for convenience services); `also`: what helps. A community's own categories are
 * not in the table: they match by category only.
 */
export const KIND_FIT: Record<string, { strong: readonly ResourceKind[]; also: readonly ResourceKind[] }> = {
  red_education: { strong: ['venue'], also: ['expertise', 'materials'] },
  policy_outreach: { strong: ['expertise', 'venue'], also: ['volunteers', 'materials'] },
  care: { strong: ['expertise', 'volunteers'], also: ['materials', 'funds'] },
  governance: { strong: ['volunteers'], also: ['expertise', 'venue', 'funds'] },
  convenience: { strong: ['volunteers'], also: ['expertise', 'materials'] },
}

/** What scoring reads of a resource (dates `YYYY-MM-DD`, Asia/Shanghai). */
export interface MatchResource {
  category: string
  kind: ResourceKind
  quantity: number | null
  availableFrom: string | null
  availableUntil: string | null
  /** Grids it serves; empty = the whole community. */
  gridIds: readonly string[]
}

export interface MatchNeed {
  category: string
  gridId: string | null
  urgency: NeedUrgency
  /** In words (每周六上午) or with a date (2026-07-15, 7月15日); a date in it is the day wanted. */
  preferredTime: string
}

/** A unit's claims (active or completed) in one community: all of them and by category. */
export interface PastWork {
  inCommunity: number
  byCategory: Readonly<Record<string, number>>
}

export interface MatchProject {
  category: string
  capacity: number
  taken: number
  volunteerDemand: number
  /** Dates `YYYY-MM-DD` (Asia/Shanghai) of its start and end, when scheduled. */
  startsOn: string | null
  endsOn: string | null
  /** The grids of the needs it answers (none for, e.g., 红色教育). */
  gridIds: readonly string[]
}

export interface MatchUnit {
  /** Its published resources in the project's community. */
  resources: readonly MatchResource[]
  pastWork: PastWork
}

export interface MatchContext {
  /** Today in Asia/Shanghai, `YYYY-MM-DD` (from the app clock). */
  today: string
}

export interface ResourceMatchContext extends MatchContext {
  /** The resource's unit's past work in the need's community. */
  pastWork?: PastWork
}

// ── Dates ─────────────────────────────────────────────────────────────────────

const pad = (n: number) => String(n).padStart(2, '0')

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return `${y}-${pad(m)}-${pad(d)}`
}

/**
 * The day a need's preferred time names, if it names one: `2026-07-15`, `2026/7/15`,
 * `2026年7月15日`, or `7月15日` (this year, or next year when that day has passed).
 */
export function preferredDate(preferredTime: string, today: string): string | null {
  const text = preferredTime.normalize('NFKC')
  const full = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(text)
  if (full) return validDate(Number(full[1]), Number(full[2]), Number(full[3]))
  const short = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/.exec(text)
  if (!short) return null
  const year = Number(today.slice(0, 4))
  const date = validDate(year, Number(short[1]), Number(short[2]))
  if (!date) return null
  return date < today ? validDate(year + 1, Number(short[1]), Number(short[2])) : date
}

/** Whether a resource's window (open ends allowed) overlaps the days `from`–`until`. */
function windowOverlaps(r: MatchResource, from: string, until: string): boolean {
  return (!r.availableFrom || r.availableFrom <= until) && (!r.availableUntil || r.availableUntil >= from)
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

// ── Scoring ───────────────────────────────────────────────────────────────────

function finish(reasons: MatchReason[]): MatchScore {
  const total = reasons.reduce((s, r) => s + r.weight, 0)
  const sorted = [...reasons].sort((a, b) => b.weight - a.weight)
  return { score: Math.max(0, Math.min(100, Math.round(total))), reasons: sorted }
}

function kindFit(category: string, kind: ResourceKind, w: { kindStrong: number; kindAlso: number }) {
  const fit = KIND_FIT[category]
  if (fit?.strong.includes(kind)) return w.kindStrong
  if (fit?.also.includes(kind)) return w.kindAlso
  return 0
}

function pastWorkReasons(
  pastWork: PastWork | undefined,
  category: string,
  w: {
    pastWorkInCategoryEach: number
    pastWorkInCategoryMax: number
    pastWorkInCommunityEach: number
    pastWorkInCommunityMax: number
  },
): MatchReason[] {
  if (!pastWork) return []
  const out: MatchReason[] = []
  const inCategory = pastWork.byCategory[category] ?? 0
  if (inCategory > 0) {
    out.push({
      code: 'PAST_WORK_IN_CATEGORY',
      weight: Math.min(w.pastWorkInCategoryMax, inCategory * w.pastWorkInCategoryEach),
      params: { count: inCategory, category },
    })
  }
  if (pastWork.inCommunity > 0) {
    out.push({
      code: 'PAST_WORK_IN_COMMUNITY',
      weight: Math.min(w.pastWorkInCommunityMax, pastWork.inCommunity * w.pastWorkInCommunityEach),
      params: { count: pastWork.inCommunity },
    })
  }
  return out
}

/**
 * How well a resource answers a need: same category, serves the need's grid (or the whole
 * community), its kind fits the category, available on the day wanted (the preferred time's
 * date, else today), a stated quantity, its unit's past work; for a high or urgent need, a
 * resource available today counts more and one that is not counts less.
 */
export function scoreResourceForNeed(need: MatchNeed, resource: MatchResource, ctx: ResourceMatchContext): MatchScore {
  const w = MATCH_WEIGHTS.resourceForNeed
  const reasons: MatchReason[] = []
  if (resource.category === need.category) {
    reasons.push({ code: 'CATEGORY_MATCH', weight: w.category, params: { category: need.category } })
  }
  if (resource.gridIds.length === 0) {
    reasons.push({ code: 'SERVES_WHOLE_COMMUNITY', weight: w.servesWholeCommunity })
  } else if (need.gridId && resource.gridIds.includes(need.gridId)) {
    reasons.push({ code: 'SERVES_GRID', weight: w.servesGrid, params: { gridId: need.gridId } })
  } else if (need.gridId) {
    reasons.push({ code: 'SERVES_OTHER_GRIDS', weight: w.servesOtherGrids })
  }
  const fit = kindFit(need.category, resource.kind, w)
  if (fit > 0) reasons.push({ code: 'RESOURCE_KIND_FITS', weight: fit, params: { kind: resource.kind } })

  const pressing = need.urgency === 'urgent' || need.urgency === 'high'
  const day = preferredDate(need.preferredTime, ctx.today) ?? ctx.today
  if (windowOverlaps(resource, day, day)) {
    reasons.push({ code: 'AVAILABLE_IN_TIME', weight: w.availableInTime, params: { date: day } })
  } else {
    const weight = pressing ? w.notAvailableInTimeUrgent : w.notAvailableInTime
    reasons.push({ code: 'NOT_AVAILABLE_IN_TIME', weight, params: { date: day } })
  }
  if (resource.quantity != null) {
    reasons.push({ code: 'HAS_QUANTITY', weight: w.hasQuantity, params: { quantity: resource.quantity } })
  }
  reasons.push(...pastWorkReasons(ctx.pastWork, need.category, w))
  if (pressing && windowOverlaps(resource, ctx.today, ctx.today)) {
    reasons.push({ code: 'URGENT', weight: w.urgentAvailableToday, params: { urgency: need.urgency } })
  }
  return finish(reasons)
}

/**
 * How well a project suits a unit: the unit offers a resource in the project's category, one
 * whose kind fits it, serving the grids of the project's needs (or the whole community),
 * available in the project's period; enough volunteers for its demand; capacity left; the
 * unit's past work in the category and the community; a start within a week.
 */
export function scoreProjectForUnit(project: MatchProject, unit: MatchUnit, ctx: MatchContext): MatchScore {
  const w = MATCH_WEIGHTS.projectForUnit
  const reasons: MatchReason[] = []
  const inCategory = unit.resources.filter((r) => r.category === project.category)
  if (inCategory.length > 0) {
    reasons.push({ code: 'CATEGORY_MATCH', weight: w.category, params: { category: project.category } })
  }
  let bestFit = 0
  let bestKind: ResourceKind | null = null
  for (const r of unit.resources) {
    const fit = kindFit(project.category, r.kind, w)
    if (fit > bestFit) [bestFit, bestKind] = [fit, r.kind]
  }
  if (bestKind) reasons.push({ code: 'RESOURCE_KIND_FITS', weight: bestFit, params: { kind: bestKind } })

  // What the unit would bring: its resources in the category or of a fitting kind.
  const fitting = unit.resources.filter((r) => r.category === project.category || kindFit(project.category, r.kind, w))
  const relevant = fitting.length > 0 ? fitting : unit.resources
  if (relevant.length > 0) {
    if (relevant.some((r) => r.gridIds.length > 0 && project.gridIds.some((g) => r.gridIds.includes(g)))) {
      reasons.push({ code: 'SERVES_GRID', weight: w.servesGrid })
    } else if (relevant.some((r) => r.gridIds.length === 0)) {
      reasons.push({ code: 'SERVES_WHOLE_COMMUNITY', weight: w.servesWholeCommunity })
    } else if (project.gridIds.length > 0) {
      reasons.push({ code: 'SERVES_OTHER_GRIDS', weight: w.servesOtherGrids })
    }
    const from = project.startsOn ?? ctx.today
    const until = project.endsOn ?? from
    if (relevant.some((r) => windowOverlaps(r, from, until))) {
      reasons.push({ code: 'AVAILABLE_IN_TIME', weight: w.availableInTime, params: { date: from } })
    } else {
      reasons.push({ code: 'NOT_AVAILABLE_IN_TIME', weight: w.notAvailableInTime, params: { date: from } })
    }
    const team = relevant.find(
      (r) =>
        r.kind === 'volunteers' &&
        r.quantity != null &&
        project.volunteerDemand > 0 &&
        r.quantity >= project.volunteerDemand,
    )
    if (team) {
      reasons.push({
        code: 'HAS_QUANTITY',
        weight: w.volunteersEnough,
        params: { quantity: team.quantity!, demand: project.volunteerDemand },
      })
    }
  }
  const left = project.capacity - project.taken
  if (left > 0) reasons.push({ code: 'CAPACITY_LEFT', weight: w.capacityLeft, params: { left } })
  reasons.push(...pastWorkReasons(unit.pastWork, project.category, w))
  if (project.startsOn && left > 0) {
    const days = daysBetween(ctx.today, project.startsOn)
    if (days >= 0 && days <= w.soonDays) reasons.push({ code: 'URGENT', weight: w.startsSoon, params: { days } })
  }
  return finish(reasons)
}
