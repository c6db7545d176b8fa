/** The market in words: a match reason with its params named, capacity left, China-time dates. */
import { MATCH_REASON_CODES, RESOURCE_KINDS } from '@linli/shared'
import { useI18n } from 'vue-i18n'
import { currentLocale } from '../../i18n/index.ts'
import { categoryName } from '../needs/categories.ts'
import type { MatchReason } from './operations.ts'

type Translate = (key: string, params?: Record<string, unknown>) => string

/** A reason's sentence; its category and kind codes are named (a code newer than this web gets a generic line). */
export function reasonSentence(t: Translate, reason: Pick<MatchReason, 'code' | 'params'>, locale?: string): string {
  if (!(MATCH_REASON_CODES as readonly string[]).includes(reason.code)) return t('matching.unknownReason')
  const p = reason.params ?? {}
  const params: Record<string, unknown> = { ...p }
  if (typeof p.category === 'string') params.category = categoryName(p.category, locale)
  if (typeof p.kind === 'string' && (RESOURCE_KINDS as readonly string[]).includes(p.kind))
    params.kind = t(`market.resourceKinds.${p.kind}`)
  return t(`matching.reasons.${reason.code}`, params)
}

/** Places left on a project (never below zero). */
export function placesLeft(p: { capacity: number; taken: number }): number {
  return Math.max(0, p.capacity - p.taken)
}

export function isFull(p: { capacity: number; taken: number }): boolean {
  return placesLeft(p) === 0
}

/** "2026/06/18 09:30" in Asia/Shanghai, or '' for none. */
export function chinaDateTime(iso: string | null | undefined, locale: string = currentLocale.value): string {
  if (!iso) return ''
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso))
}

export function useMarketText() {
  const { t } = useI18n()
  const tr: Translate = (key, params) => (params ? t(key, params) : t(key))
  return { reason: (r: Pick<MatchReason, 'code' | 'params'>) => reasonSentence(tr, r) }
}
