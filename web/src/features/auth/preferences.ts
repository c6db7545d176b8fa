/**
 * Language and 长辈模式 follow the person (not only the device): when someone signs in, the choices
 * saved on their account are applied here; a choice made on this device while signed in is saved to
 * the account (and a reload keeps this device's). An account that has none yet takes the device's.
 * Best effort: offline, the device's choice simply stays local.
 */
import { watch } from 'vue'
import { useApi } from '../../graphql/client.ts'
import { currentLocale, hasStoredLocale, setLocale, type AppLocale } from '../../i18n/index.ts'
import { elderMode, hasStoredElderMode, setElderMode } from '../../ui/theme.ts'
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
 * The signed-in person's saved choices. At a sign-in (`signedIn`) they win: the person's language
 * and 长辈模式 come with them to this device. When an existing session resumes (a reload), a choice
 * made on this device wins, being the latest here, and goes to the account. A choice the account
 * lacks is filled in from the device.
 */
export function adoptPreferences(preferences: Preferences | null | undefined, signedIn: boolean): void {
  if (!preferences) {
    saved = null
    return
  }
  saved = { ...preferences }
  const keepLocale = !signedIn && hasStoredLocale()
  const keepElder = !signedIn && hasStoredElderMode()
  // Always asked for (not only when it differs now): a remembered language still loading would
  // otherwise land after this and win.
  if (preferences.locale && !keepLocale) setLocale(preferences.locale as AppLocale)
  if (preferences.elderMode !== null && !keepElder && preferences.elderMode !== elderMode.value) {
    setElderMode(preferences.elderMode)
  }
  const change: { locale?: AppLocale; elderMode?: boolean } = {}
  if (!preferences.locale || (keepLocale && preferences.locale !== currentLocale.value)) {
    change.locale = currentLocale.value
  }
  if (preferences.elderMode === null || (keepElder && preferences.elderMode !== elderMode.value)) {
    change.elderMode = elderMode.value
  }
  if (Object.keys(change).length > 0) save(change)
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
