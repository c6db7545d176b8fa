/**
 * Rankings (PRODUCT.md "Evaluation, rankings, dashboards"): the formulas each ranking page shows,
 * the periods on the Asia/Shanghai calendar, and competition ranking with ties (1, 2, 2, 4).
 * Pure: the server loads the metrics, these score and rank them.
 */
import { z } from 'zod'

/** `month` 2026-11, `year` 2026, or `all` time; calendar in Asia/Shanghai. */
export const rankingPeriodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('month'), value: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
  z.object({ kind: z.literal('year'), value: z.string().regex(/^\d{4}$/) }),
  z.object({ kind: z.literal('all') }),
])
export type RankingPeriod = z.infer<typeof rankingPeriodSchema>

const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/** The period as instants [from, to) — null bounds for all time. */
export function periodBounds(p: RankingPeriod): { from: Date | null; to: Date | null } {
  if (p.kind === 'all') return { from: null, to: null }
  const [y, m] = p.value.split('-').map(Number) as [number, number | undefined]
  if (p.kind === 'year') {
    return {
      from: new Date(Date.UTC(y, 0, 1) - SHANGHAI_OFFSET_MS),
      to: new Date(Date.UTC(y + 1, 0, 1) - SHANGHAI_OFFSET_MS),
    }
  }
  return {
    from: new Date(Date.UTC(y, m! - 1, 1) - SHANGHAI_OFFSET_MS),
    to: new Date(Date.UTC(y, m!, 1) - SHANGHAI_OFFSET_MS),
  }
}

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** The months from–to (`YYYY-MM`, inclusive); empty when from is after to or it spans more than `max`. */
export function monthsBetween(from: string, to: string, max = 36): string[] {
  const months: string[] = []
  for (let m = from; m <= to; m = nextMonth(m)) {
    if (months.length === max) return []
    months.push(m)
  }
  return months
}

/**
 * Competition ranking ("1224"): equal scores share a rank, the next rank skips. Input in any
 * order; output sorted by score (descending), ties by `tieBreak` (ascending) so pages are stable.
 */
export function rankBy<T>(
  rows: readonly T[],
  score: (r: T) => number,
  tieBreak: (r: T) => string,
): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => score(b) - score(a) || tieBreak(a).localeCompare(tieBreak(b)))
  let rank = 0
  let previous: number | null = null
  return sorted.map((r, i) => {
    const s = score(r)
    if (previous === null || s !== previous) rank = i + 1
    previous = s
    return { ...r, rank }
  })
}

/** Volunteers: approved hours of activities that started in the period (service date, Shanghai). */
export const VOLUNTEER_RANKING_FORMULA = '志愿时长 = 期间内开始的活动中已审核通过的服务时长（小时）'

/** Unit contribution weights (shown on the page). */
export const UNIT_CONTRIBUTION_WEIGHTS = {
  /** Each claim that was active or completed in the period. */
  claims: 10,
  /** Each of its members who served (approved hours) in the period. */
  volunteers: 2,
  /** Each approved hour its members served in the period. */
  hours: 1,
  /** Each person its completion reports served (per 10). */
  peopleServed: 0.1,
  /** Average rating (1–5) of the projects it claimed, rated in the period. */
  averageRating: 5,
  /** Each resource (not hours: venues, funds, materials …) it offered that staff published. */
  resources: 3,
} as const

export interface UnitContribution {
  claims: number
  volunteers: number
  hours: number
  peopleServed: number
  averageRating: number | null
  resources: number
}

export function unitContributionScore(c: UnitContribution): number {
  const w = UNIT_CONTRIBUTION_WEIGHTS
  const score =
    w.claims * c.claims +
    w.volunteers * c.volunteers +
    w.hours * c.hours +
    w.peopleServed * c.peopleServed +
    w.averageRating * (c.averageRating ?? 0) +
    w.resources * c.resources
  return Math.round(score * 10) / 10
}

export const UNIT_CONTRIBUTION_FORMULA =
  '贡献值 = 10×认领项目数 + 2×服务志愿者人数 + 1×服务时长（小时） + 0.1×服务人次 + 5×平均评分 + 3×提供的非时长资源数'

/** Teams (最美志愿服务队): members' approved hours in the period; ties by members who served. */
export const TEAM_RANKING_FORMULA = '团队得分 = 成员期间内已审核服务时长（小时）；同分按服务人数'

/** 先锋指数 weights for party members (shown on the page). */
export const PIONEER_WEIGHTS = {
  /** Each approved hour in the period. */
  hours: 1,
  /** A confirmed 双报到 (for members active in the period: hours, activities led or no-shows). */
  dualReport: 10,
  /** Each activity in the period they led (as its leader). */
  led: 3,
  /** Each no-show mark that counts, made in the period. */
  noShow: -5,
} as const

export interface PioneerInputs {
  hours: number
  dualReports: number
  led: number
  noShows: number
}

export function pioneerIndex(p: PioneerInputs): number {
  const w = PIONEER_WEIGHTS
  const score = w.hours * p.hours + w.dualReport * Math.min(p.dualReports, 1) + w.led * p.led + w.noShow * p.noShows
  return Math.round(Math.max(0, score) * 10) / 10
}

export const PIONEER_INDEX_FORMULA =
  '先锋指数 = 1×服务时长（小时） + 10×已完成双报到 + 3×带队活动数 − 5×计入的爽约次数（最低为 0）；列出期间内有服务、带队或爽约记录的党员'

/**
 * Upper edges (hours) of the time-to-service histogram the dashboard keeps per community and
 * month (the last bucket is open): half hours to 4 h, hours to 12 h, then coarser up to 93 days.
 * The database's `agg_service_edges()` holds the same list.
 */
export const SERVICE_HOURS_EDGES: readonly number[] = [
  0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 22, 24, 30, 36, 42, 48, 54, 60, 66, 72, 84,
  96, 108, 120, 132, 144, 156, 168, 192, 216, 240, 264, 288, 312, 336, 360, 384, 408, 432, 456, 480, 504, 528, 552, 576,
  600, 624, 648, 672, 696, 720, 888, 1056, 1224, 1392, 1560, 1728, 1896, 2064, 2232,
]

/**
 * The median of values counted in SERVICE_HOURS_EDGES buckets (`counts[i]` values in
 * [edge i−1, edge i)), interpolating within its bucket as if the values were spread evenly
 * (the open last bucket answers its lower edge). Null when nothing was counted.
 */
export function medianFromHistogram(counts: readonly number[]): number | null {
  const n = counts.reduce((a, b) => a + b, 0)
  if (n === 0) return null
  const target = (n - 1) / 2 // 0-based rank of the median, as percentile_cont(0.5)
  let before = 0
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] ?? 0
    if (c > 0 && target < before + c) {
      const lo = i === 0 ? 0 : SERVICE_HOURS_EDGES[i - 1]!
      const hi = SERVICE_HOURS_EDGES[i]
      if (hi === undefined) return lo
      return lo + ((target - before + 0.5) / c) * (hi - lo)
    }
    before += c
  }
  return null
}

/** `all`, `2026` or `2026-11`: the aggregates' key for a period. */
export function periodKey(p: RankingPeriod): string {
  return p.kind === 'all' ? 'all' : p.value
}
