/**
 * How the alliance page puts values into words and order: a half-year term ("2026H2" → 2026年下半年
 * / H2 2026), a calendar day, how near an agreement's renewal is, a rotation reordered, and the
 * resolutions typed one a line. Pure.
 */
import { AGREEMENT_REMINDER_DAYS } from '@linli/shared'
import { chinaDay } from '../three-lists/words.ts'
import type { AllianceMeeting, SixOne } from './operations.ts'

type Translate = (key: string, params?: Record<string, unknown>) => string

const TERM = /^(\d{4})H([12])$/

/** "2026H2" → { year: 2026, half: 2 }; null for anything else. */
export function parseTerm(term: string): { year: number; half: 1 | 2 } | null {
  const m = TERM.exec(term)
  return m ? { year: Number(m[1]), half: Number(m[2]) as 1 | 2 } : null
}

/** A term in words: 2026年下半年 / H2 2026 (an unknown shape as given). */
export function termText(t: Translate, term: string): string {
  const p = parseTerm(term)
  return p ? t(p.half === 1 ? 'governance.term.h1' : 'governance.term.h2', { year: p.year }) : term
}

/** A calendar day (YYYY-MM-DD) as the pages show days ("2025/03/01"); '—' for none. */
export function dayText(day: string | null | undefined, locale?: string): string {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return '—'
  return chinaDay(`${day}T12:00:00+08:00`, locale) || '—'
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

export type RenewalState = 'overdue' | 'soon' | 'ok'

/**
 * How near an agreement's renewal is, today being `today` (YYYY-MM-DD in China): past it, within
 * the reminder's 30 days (the day itself included), or further; null without a renewal date.
 */
export function renewalState(renewsOn: string | null | undefined, today: string): RenewalState | null {
  if (!renewsOn) return null
  const days = daysBetween(today, renewsOn)
  if (days < 0) return 'overdue'
  return days <= AGREEMENT_REMINDER_DAYS ? 'soon' : 'ok'
}

/** The list with the item at `index` moved one place up (-1) or down (+1); the same list when it cannot move. */
export function moveItem<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list]
  const out = [...list]
  ;[out[index], out[to]] = [out[to]!, out[index]!]
  return out
}

/** The resolutions typed one a line: trimmed, blank lines dropped. */
export function resolutionLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
}

/** How many of the 六个一 are done, of how many. */
export function sixOnesProgress(items: readonly Pick<SixOne, 'done'>[]): { done: number; total: number } {
  return { done: items.filter((i) => i.done).length, total: items.length }
}

/** The meetings that fulfil a 六个一 item, by id (held ones only can be linked). */
export function heldMeetings(meetings: readonly AllianceMeeting[]): AllianceMeeting[] {
  return meetings.filter((m) => m.state === 'held')
}
