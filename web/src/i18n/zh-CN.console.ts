import type { ConsoleMessages } from './console.ts'
import admin from './admin/zh-CN.ts'
import imports from './imports/zh-CN.ts'
import communityVolunteers from './communityVolunteers/zh-CN.ts'
import market from './market/zh-CN.ts'
import lists from './lists/zh-CN.ts'
import rankings from './rankings/zh-CN.ts'
import governance from './governance/zh-CN.ts'

/** Simplified Chinese of the console's own pages: fetched with the first console page (console.ts). */
const messages: ConsoleMessages = {
  admin,
  imports,
  communityVolunteers,
  market,
  lists,
  rankings,
  governance,
}

export default messages
