/**
 * Before each web test file: the English messages and the console's own Chinese ones are loaded,
 * as the app does the first time English is chosen or a console page opened (neither is in its
 * first load), so a test mounts any page and switches languages at once with `setLocale`.
 * tests/web/i18n.test.ts checks the loading on demand itself, on a fresh module.
 */
import { loadConsoleMessages } from '../../web/src/i18n/console.ts'
import { loadLocale } from '../../web/src/i18n/index.ts'

await Promise.all([loadLocale('en'), loadConsoleMessages()])
