/**
 * Alliance governance (issue 9): the rotating deputy secretary's half-year terms on the
 * Asia/Shanghai calendar, the rotation's schedule, and the "六个一" a deputy leads in a term.
 * Pure: the server keeps the terms, these name and order them.
 */

/** A half-year term: `2026H1` (1 Jan–30 Jun) or `2026H2` (1 Jul–31 Dec), in Shanghai. */
export type Term = `${number}H${1 | 2}`

const SHANGHAI_OFFSET_MS = 8 * 3_600_000

export function termOf(at: Date): Term {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS)
  return `${local.getUTCFullYear()}H${local.getUTCMonth() < 6 ? 1 : 2}` as Term
}

export function nextTerm(term: Term): Term {
  const [y, h] = term.split('H').map(Number) as [number, number]
  return (h === 1 ? `${y}H2` : `${y + 1}H1`) as Term
}

/** The term's first and last day (YYYY-MM-DD) and the instant it starts (00:00 Shanghai). */
export function termBounds(term: Term): { startsOn: string; endsOn: string; startsAt: Date } {
  const [y, h] = term.split('H').map(Number) as [number, number]
  const startsOn = h === 1 ? `${y}-01-01` : `${y}-07-01`
  const endsOn = h === 1 ? `${y}-06-30` : `${y}-12-31`
  return { startsOn, endsOn, startsAt: new Date(`${startsOn}T00:00:00+08:00`) }
}

/**
 * Who is deputy in the terms after `term`, whose deputy was the unit at `position` of the
 * rotation: the next units in order, round and round. `count` terms.
 */
export function rotationSchedule<T>(rotation: readonly T[], term: Term, position: number, count: number) {
  const out: { term: Term; unit: T }[] = []
  let t = term
  for (let i = 1; i <= count && rotation.length > 0; i++) {
    t = nextTerm(t)
    out.push({ term: t, unit: rotation[(position + i) % rotation.length]! })
  }
  return out
}

/** 六个一: what the rotating deputy leads in a half-year term, and what fulfils each. */
export const SIX_ONES = [
  { item: 'volunteer_activity', name: '一次志愿服务活动', fulfilledBy: 'activity' },
  { item: 'party_salon', name: '一次党建沙龙', fulfilledBy: 'meeting' },
  { item: 'themed_party_day', name: '一次主题党日', fulfilledBy: 'activity' },
  { item: 'cultural_event', name: '一次文化活动', fulfilledBy: 'activity' },
  { item: 'problems_solved', name: '解决一批群众难题', fulfilledBy: 'needs' },
  { item: 'proposals', name: '提出一批意见建议', fulfilledBy: 'resolutions' },
] as const

export type SixOneItem = (typeof SIX_ONES)[number]['item']
export const SIX_ONE_ITEMS = SIX_ONES.map((s) => s.item) as readonly SixOneItem[]

/** Days before an agreement's renewal date that its reminder is sent. */
export const AGREEMENT_REMINDER_DAYS = 30
