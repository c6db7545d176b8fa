/** The real app listening on a loopback port, for browser tests and HTTP-level audits. */
import { fileURLToPath } from 'node:url'
import { type TestClock, systemClock, type Clock } from '@linli/server/clock'
import { seedDemo } from '@linli/server/demo'
import { eq, schema } from '@linli/server/db'
import { openTestDatabase } from './db.ts'
import { buildTestAppInstance, testConfig } from './app.ts'
import type { Config } from '@linli/server/config'
import { SmsOutbox } from './sms.ts'

/** The built web; LINLI_WEB_DIST points elsewhere (a build of one's own while others rebuild web/dist). */
export const WEB_DIST = process.env.LINLI_WEB_DIST ?? fileURLToPath(new URL('../../web/dist', import.meta.url))
export const EXPLORER_DIST = fileURLToPath(new URL('../../web/explorer/dist', import.meta.url))

export interface TestServer {
  url: string
  /** Text messages the server sent, read from its log. */
  sms: SmsOutbox
  /** The code in the last text message (to a phone, masked or in full); throws when none was sent. */
  lastSmsCode(phone?: string): string
  /** Resolves once the person with this phone has their notifications subscription open on the server. */
  subscribed(phone: string): Promise<void>
  close(): Promise<void>
}

export async function startTestServer(
  options: { demo?: boolean; web?: boolean; clock?: Clock | TestClock; config?: Partial<Config> } = {},
): Promise<TestServer> {
  const clock = options.clock ?? systemClock
  const database = await openTestDatabase()
  if (options.demo) await seedDemo(database.db, clock)
  const sms = new SmsOutbox()
  const app = await buildTestAppInstance(
    testConfig({
      webDistDir: options.web ? WEB_DIST : '/nonexistent',
      explorerDistDir: options.web ? EXPLORER_DIST : '/nonexistent',
      ...options.config,
    }),
    clock,
    database,
    sms,
  )
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    sms,
    lastSmsCode: (phone) => sms.lastCode(phone),
    async subscribed(phone) {
      const [user] = await database.db.select().from(schema.users).where(eq(schema.users.phone, phone))
      if (!user) throw new Error('no such person')
      await app.notifications.local.opened(`notifications:${user.id}`)
    },
    async close() {
      await app.close()
      await database.dispose()
    },
  }
}
