/**
 * vue-i18n (Composition API): Simplified Chinese by default, English second. The choice is
 * remembered in localStorage and mirrored to <html lang>, Vant's locale and (through
 * ElConfigProvider in the console layout) Element Plus's.
 *
 * Only the Chinese messages are in the first load, without the console's own (console.ts: fetched
 * for the first console page); the English ones (all, and Vant's English) are fetched the first time
 * English is chosen, or before the app mounts when it was remembered (`localeReady`, awaited by
 * main.ts). See docs/benchmarks.md, "Resident H5 first load".
 */
import { Locale as VantLocale } from 'vant'
import vantZh from 'vant/es/locale/lang/zh-CN'
import { computed } from 'vue'
import { createI18n, useI18n } from 'vue-i18n'
import { ApiError } from '../graphql/errors.ts'
import type { Messages } from './types.ts'
import zhCN from './zh-CN.core.ts'

export const LOCALES = ['zh-CN', 'en'] as const
export type AppLocale = (typeof LOCALES)[number]
const STORAGE_KEY = 'linli.locale'

function isLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

function storedLocale(): AppLocale {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return isLocale(value) ? value : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

// Typed as if every message were there: English is added by `loadLocale` before it is ever chosen, the
// console's Chinese by `loadConsoleMessages` before a console page is shown.
export const i18n = createI18n<[Messages], AppLocale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN } as Record<AppLocale, Messages>,
})

const vantMessages: Partial<Record<AppLocale, Parameters<typeof VantLocale.use>[1]>> = { 'zh-CN': vantZh }

/** The locales whose messages (ours and Vant's) are here; Chinese always is. */
const ready = new Set<AppLocale>(['zh-CN'])
const loading = new Map<AppLocale, Promise<void>>()

/** Fetches a locale's messages once (English: ours and Vant's); a failed fetch may be tried again. */
export function loadLocale(locale: AppLocale): Promise<void> {
  if (ready.has(locale)) return Promise.resolve()
  let pending = loading.get(locale)
  if (!pending) {
    pending = Promise.all([import('./en.ts'), import('vant/es/locale/lang/en-US')]).then(
      ([en, vantEn]) => {
        i18n.global.setLocaleMessage('en', en.default)
        vantMessages.en = vantEn.default
        ready.add(locale)
        loading.delete(locale)
      },
      (err: unknown) => {
        loading.delete(locale)
        throw err
      },
    )
    loading.set(locale, pending)
  }
  return pending
}

function mirror(locale: AppLocale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale
  if (locale === 'en') VantLocale.use('en-US', vantMessages.en!)
  else VantLocale.use('zh-CN', vantZh)
}
mirror('zh-CN')

/** The locale last asked for: English arriving late does not override a later choice. */
let wanted: AppLocale = 'zh-CN'

function apply(locale: AppLocale): void {
  i18n.global.locale.value = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Private mode (some in-app browsers): the choice lasts for this page only.
  }
  mirror(locale)
}

/** Asks for a locale; settles once it is shown, or overtaken by a later choice, or could not be fetched. */
function request(locale: AppLocale): Promise<void> {
  wanted = locale
  if (ready.has(locale)) {
    apply(locale)
    return Promise.resolve()
  }
  return loadLocale(locale).then(
    () => {
      if (wanted === locale) apply(locale)
    },
    () => {
      if (wanted === locale) wanted = i18n.global.locale.value
    },
  )
}

/**
 * Switches the language and remembers the choice: at once when its messages are here, otherwise
 * as soon as they arrive (the page stays in the current language meanwhile; when they cannot be
 * fetched, offline, it stays there). A later choice wins over one still on its way.
 */
export function setLocale(locale: AppLocale): void {
  void request(locale)
}

/** The 中文/EN switch. */
export function toggleLocale(): void {
  setLocale(wanted === 'zh-CN' ? 'en' : 'zh-CN')
}

/**
 * The remembered language, ready to show: main.ts mounts the app after it, so a person who chose
 * English never sees the Chinese page first. Settles (in Chinese) when English cannot be fetched,
 * and gives way to a choice made meanwhile (the account's, applied at sign-in).
 */
export const localeReady: Promise<void> = storedLocale() === 'en' ? request('en') : Promise.resolve()

export const currentLocale = computed<AppLocale>(() => i18n.global.locale.value)

/** Translators for failures: an error's message by its code, and per-field messages. */
export function useErrorText() {
  const { t, te } = useI18n<{ message: Messages }, AppLocale>()

  function waitText(seconds: number): string {
    const m = Math.floor(seconds / 60)
    const s = seconds % 60
    if (m === 0) return t('wait.seconds', { n: s })
    if (s === 0) return t('wait.minutes', { n: m })
    return t('wait.minutesSeconds', { m, s })
  }

  function errorText(error: unknown): string {
    if (!(error instanceof ApiError)) return t('errors.INTERNAL_ERROR')
    if (error.code === 'TOO_MANY_ATTEMPTS' || error.code === 'SMS_RATE_LIMITED') {
      return t(`errors.${error.code}`, { wait: waitText(Math.max(1, error.retryAfter ?? 60)) })
    }
    return t(`errors.${error.code}`)
  }

  function fieldText(code: string): string {
    // Every field code has a message (tests/web/i18n.test.ts checks both locales against FIELD_CODES);
    // asking the messages rather than FIELD_CODES keeps @linli/shared's schemas (and zod) out of the first load.
    return te(`fields.${code}`) ? t(`fields.${code}`) : t('fields.unknown')
  }

  return { errorText, fieldText, waitText }
}
