/**
 * The console's own messages, kept out of the resident H5's first load: the namespaces only
 * console pages read (hoursConsole and matching are not among them: phone pages word durations
 * and match reasons with them — the 服务追溯 page showed raw keys when they were). Their Simplified Chinese is fetched before the first console page is shown
 * (main.ts awaits `loadConsoleMessages` for routes of the console face); English comes whole when
 * English is chosen. docs/benchmarks.md, "Resident H5 first load".
 */
import { i18n } from './index.ts'
import type { Messages } from './types.ts'

export const CONSOLE_NAMESPACES = [
  'admin',
  'imports',
  'communityVolunteers',
  'market',
  'lists',
  'rankings',
  'governance',
] as const satisfies readonly (keyof Messages)[]
export type ConsoleNamespace = (typeof CONSOLE_NAMESPACES)[number]
export type ConsoleMessages = Pick<Messages, ConsoleNamespace>
export type CoreMessages = Omit<Messages, ConsoleNamespace>

let loading: Promise<void> | null = null

/** Fetches the console's Simplified Chinese once and adds it to the messages; a failed fetch may be tried again. */
export function loadConsoleMessages(): Promise<void> {
  loading ??= import('./zh-CN.console.ts').then(
    (messages) => i18n.global.mergeLocaleMessage('zh-CN', messages.default),
    (err: unknown) => {
      loading = null
      throw err
    },
  )
  return loading
}
