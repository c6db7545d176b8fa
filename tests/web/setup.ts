/**
 * Before each web test file: the English messages are loaded, as the app does the first time
 * English is chosen (they are not in its first load), so a test switches languages at once with
 * `setLocale`. tests/web/i18n.test.ts checks the on-demand loading itself on a fresh module.
 */
import { loadLocale } from '../../web/src/i18n/index.ts'

await loadLocale('en')
