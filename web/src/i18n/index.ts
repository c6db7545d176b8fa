/**
 * vue-i18n (Composition API): Simplified Chinese by default, English second. The choice is
 * remembered in localStorage and mirrored to <html lang>, Vant's locale and (through
 * ElConfigProvider in the console layout) Element Plus's.
 */
import { Locale as VantLocale } from 'vant'
import vantEn from 'vant/es/locale/lang/en-US'
import vantZh from 'vant/es/locale/lang/zh-CN'
import { computed } from 'vue'
import { createI18n, useI18n } from 'vue-i18n'
import { ApiError } from '../graphql/errors.ts'
import en from './en.ts'
import type { Messages } from './types.ts'
import { isFieldCode } from './types.ts'
import zhCN from './zh-CN.ts'

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

export const i18n = createI18n<[Messages], AppLocale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

function mirror(locale: AppLocale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale
  if (locale === 'en') VantLocale.use('en-US', vantEn)
  else VantLocale.use('zh-CN', vantZh)
}
mirror(i18n.global.locale.value)

export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale
  localStorage.setItem(STORAGE_KEY, locale)
  mirror(locale)
}

export function toggleLocale(): void {
  setLocale(i18n.global.locale.value === 'zh-CN' ? 'en' : 'zh-CN')
}

export const currentLocale = computed<AppLocale>(() => i18n.global.locale.value)

/** Translators for failures: an error's message by its code, and per-field messages. */
export function useErrorText() {
  const { t } = useI18n<{ message: Messages }, AppLocale>()

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
    return isFieldCode(code) ? t(`fields.${code}`) : t('fields.unknown')
  }

  return { errorText, fieldText, waitText }
}
