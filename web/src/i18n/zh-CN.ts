/**
 * All the Simplified Chinese messages. The app loads them in two parts — zh-CN.core.ts in the first
 * load, zh-CN.console.ts with the first console page (console.ts) — this whole is for tests and
 * for the type check that nothing is missing.
 */
import type { Messages } from './types.ts'
import consoleMessages from './zh-CN.console.ts'
import core from './zh-CN.core.ts'

const messages: Messages = { ...core, ...consoleMessages }

export default messages
