/**
 * Language and 长辈模式 follow the person (not only the device): when someone signs in, the choices
 * saved on their account are applied here; a choice made on this device while signed in is saved to
 * the account. An account that has none yet takes the device's.
 * Best effort: offline, the device's choice simply stays local.
 */
import { watch } from 'vue'
import { useApi } from '../../graphql/client.ts'
import { currentLocale, setLocale, type AppLocale } from '../../i18n/index.ts'
import { elderMode, setElderMode } from '../../ui/theme.ts'
import { SetMyPreferencesMutation, type Preferences } from './operations.ts'

let saved: Preferences | null = null

function save(change: { locale?: AppLocale; elderMode?: boolean }): void {
  if (!saved) return
  saved = { ...saved, ...change }
  useApi()
    .mutate(SetMyPreferencesMutation, change)
    .catch(() => undefined)
}

/**
 * The signed-in person's saved choices, at a sign-in and when a session resumes (a reload): they
 * win, so a change made on another device arrives here too (every choice made here was saved to
 * the account when made). A choice the account lacks is filled in from this device.
 */
export function adoptPreferences(preferences: Preferences | null | undefined): void {
  if (!preferences) {
    saved = null
    return
  }
  saved = { ...preferences }
  // Always asked for (not only when it differs now): a remembered language still loading would
  // otherwise land after this and win.
  if (preferences.locale) setLocale(preferences.locale as AppLocale)
  if (preferences.elderMode !== null && preferences.elderMode !== elderMode.value) setElderMode(preferences.elderMode)
  const missing: { locale?: AppLocale; elderMode?: boolean } = {}
  if (!preferences.locale) missing.locale = currentLocale.value
  if (preferences.elderMode === null) missing.elderMode = elderMode.value
  if (Object.keys(missing).length > 0) save(missing)
}

/** Signed out: later choices stay on the device. */
export function forgetPreferences(): void {
  saved = null
}

// A choice made while signed in goes to the account.
watch(currentLocale, (locale) => {
  if (saved && saved.locale !== locale) save({ locale })
})
watch(elderMode, (on) => {
  if (saved && saved.elderMode !== on) save({ elderMode: on })
})
