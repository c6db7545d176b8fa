/**
 * The rankings and the dashboard in words and numbers, pure so they are tested without a page:
 * percentages and hours, the period a picker stands for (months and years on the Asia/Shanghai
 * calendar), the months of a range with a value for each (0 where the server had none), the age
 * buckets in order, totals, and the ECharts options of the dashboard's charts.
 */
import { chinaMonth, isMonth, shiftMonth } from '../points/format.ts'
import type { CountByKey, MonthValue, RankingPeriodKind, RankingPeriodVars } from './operations.ts'

export { chinaMonth, isMonth, shiftMonth }

/** A rate 0–1 as a percentage with at most one decimal ("66.7%"); "—" when there is none. */
export function percent(rate: number | null | undefined): string {
  if (rate == null || !Number.isFinite(rate)) return '—'
  return `${Math.round(rate * 1000) / 10}%`
}

/** A number with at most `digits` decimals, no trailing zeros ("12.5", "3"); "—" when there is none. */
export function decimal(n: number | null | undefined, digits = 1): string {
  if (n == null || !Number.isFinite(n)) return '—'
  const f = 10 ** digits
  return String(Math.round(n * f) / f)
}

/** The year of a moment in Beijing ("2026"). */
export function chinaYear(now: string | Date): string {
  return chinaMonth(now).slice(0, 4)
}

/** The default value of a period kind at `now` (Beijing): this month, this year, or none. */
export function defaultPeriodValue(kind: RankingPeriodKind, now: string | Date): string | null {
  if (kind === 'month') return chinaMonth(now)
  if (kind === 'year') return chinaYear(now)
  return null
}

/** The period the server is asked for, or null while the picker holds no valid value. */
export function periodInput(kind: RankingPeriodKind, value: string | null | undefined): RankingPeriodVars | null {
  if (kind === 'all') return { kind, value: null }
  if (kind === 'month') return isMonth(value) ? { kind, value } : null
  return value && /^\d{4}$/.test(value) ? { kind, value } : null
}

/** The months from–to inclusive ("2026-06" … "2026-11"); [] when from is after to. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let m = from; m <= to && out.length < 1200; m = shiftMonth(m, 1)) out.push(m)
  return out
}

/** A value for each month of the range, 0 where the server gave none. */
export function alignMonths(months: readonly string[], values: readonly MonthValue[]): number[] {
  const by = new Map(values.map((v) => [v.month, v.value]))
  return months.map((m) => by.get(m) ?? 0)
}

export const AGE_BUCKETS = ['lt3d', '3to7d', '7to30d', 'gt30d'] as const
export type AgeBucket = (typeof AGE_BUCKETS)[number]

/** The open needs by age, every bucket in order (0 where none). */
export function ageCounts(rows: readonly CountByKey[]): { key: AgeBucket; count: number }[] {
  const by = new Map(rows.map((r) => [r.key, r.count]))
  return AGE_BUCKETS.map((key) => ({ key, count: by.get(key) ?? 0 }))
}

/** Need states in the order a need lives them, the ones that end it early last. */
export const NEED_STATE_ORDER = [
  'submitted',
  'accepted',
  'planned',
  'in_service',
  'resolved',
  'rated',
  'closed',
  'rejected',
  'merged',
  'withdrawn',
] as const

/** The needs by state in NEED_STATE_ORDER (a state not in it after the rest). */
export function orderStates(rows: readonly CountByKey[]): CountByKey[] {
  const at = (key: string) => {
    const i = (NEED_STATE_ORDER as readonly string[]).indexOf(key)
    return i < 0 ? NEED_STATE_ORDER.length : i
  }
  return [...rows].sort((a, b) => at(a.key) - at(b.key) || a.key.localeCompare(b.key))
}

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0)

/** Totals of a month series (rounded to a tenth: hours are fractional). */
export const total = (values: readonly MonthValue[]): number => Math.round(sum(values.map((v) => v.value)) * 10) / 10

/** "A 3，B 2" — a chart's data in a sentence, for its aria-label. */
export function summarise(pairs: readonly { label: string; value: number | string }[], separator = '，'): string {
  return pairs.map((p) => `${p.label} ${p.value}`).join(separator)
}

const COLORS = ['#c8161d', '#e6a23c', '#409eff', '#67c23a', '#909399', '#9b59b6', '#16a085', '#f56c6c']

const GRID = { left: 48, right: 16, top: 36, bottom: 40, containLabel: true }

/**
 * No entry animation: the numbers are there at once (and a frozen clock, as in the browser tests,
 * would keep an animated chart at zero).
 */
const STILL = { animation: false }

/** A bar chart of labelled counts. */
export function barOption(labels: readonly string[], values: readonly number[], color = COLORS[0]) {
  return {
    ...STILL,
    color: [color],
    grid: GRID,
    tooltip: { trigger: 'axis' },
    // Many labels (the need states) slant so they do not run into each other.
    xAxis: {
      type: 'category',
      data: [...labels],
      axisLabel: { interval: 0, fontSize: 13, rotate: labels.length > 5 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: [...values], barMaxWidth: 40, label: { show: true, position: 'top' } }],
  }
}

/** A line per month. */
export function lineOption(months: readonly string[], values: readonly number[], name: string) {
  return {
    ...STILL,
    color: [COLORS[2]],
    grid: GRID,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: [...months], boundaryGap: false },
    yAxis: { type: 'value' },
    series: [
      { type: 'line', name, data: [...values], smooth: false, areaStyle: { opacity: 0.15 }, label: { show: true } },
    ],
  }
}

/** Two bar series per month (points issued vs redeemed). */
export function pairedBarsOption(
  months: readonly string[],
  series: readonly { name: string; values: readonly number[] }[],
) {
  return {
    ...STILL,
    color: [COLORS[0], COLORS[1]],
    grid: { ...GRID, top: 48 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: [...months] },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: [...s.values], barMaxWidth: 28 })),
  }
}

/** A pie of labelled counts. */
export function pieOption(items: readonly { name: string; value: number }[]) {
  return {
    ...STILL,
    color: COLORS,
    tooltip: { trigger: 'item' },
    legend: { type: 'scroll', orient: 'vertical', right: 8, top: 'middle' },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        center: ['40%', '50%'],
        data: items.map((i) => ({ ...i })),
        label: { formatter: '{b}: {c}' },
      },
    ],
  }
}
