/**
 * The three lists' values in words, alike on every page: a time or day as in China (wherever
 * the browser is), and a match reason with its category and resource kind named.
 */
import { MATCH_REASON_CODES, RESOURCE_KINDS } from '@linli/shared'
import { currentLocale } from '../../i18n/index.ts'
import type { MatchReason } from './operations.ts'

export const TIME_ZONE = 'Asia/Shanghai'

type Translate = (key: string, params?: Record<string, unknown>) => string

const DAY: Intl.DateTimeFormatOptions = { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }
const MINUTE: Intl.DateTimeFormatOptions = { ...DAY, hour: '2-digit', minute: '2-digit', hour12: false }

/** "2026/06/18 09:30" in Asia/Shanghai, or '' for none. */
export function chinaDateTime(iso: string | null | undefined, locale: string = currentLocale.value): string {
  return iso ? new Intl.DateTimeFormat(locale, MINUTE).format(new Date(iso)) : ''
}

/** "2026/06/18": the calendar day in Asia/Shanghai, or '' for none. */
export function chinaDay(iso: string | null | undefined, locale: string = currentLocale.value): string {
  return iso ? new Intl.DateTimeFormat(locale, DAY).format(new Date(iso)) : ''
}

/**
 * A match reason's sentence, its category code named by `categoryName` and its resource kind
 * from `terms`; a code newer than this web gets a generic line.
 */
export function reasonSentence(
  t: Translate,
  reason: Pick<MatchReason, 'code' | 'params'>,
  categoryName: (code: string) => string,
): string {
  if (!(MATCH_REASON_CODES as readonly string[]).includes(reason.code)) return t('matching.unknownReason')
  const p = reason.params ?? {}
  const params: Record<string, unknown> = { ...p }
  if (typeof p.category === 'string') params.category = categoryName(p.category)
  if (typeof p.kind === 'string' && (RESOURCE_KINDS as readonly string[]).includes(p.kind))
    params.kind = t(`terms.resourceKinds.${p.kind}`)
  return t(`matching.reasons.${reason.code}`, params)
}
