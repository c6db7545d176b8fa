/** The real app listening on a loopback port, for browser tests and HTTP-level audits. */
import { fileURLToPath } from 'node:url'
import { type TestClock, systemClock, type Clock } from '@linli/server/clock'
import { seedDemo } from '@linli/server/demo'
import { openTestDatabase } from './db.ts'
import { buildTestAppInstance, testConfig } from './app.ts'
import type { Config } from '@linli/server/config'

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url))

export interface TestServer {
  url: string
  close(): Promise<void>
}

export async function startTestServer(
  options: { demo?: boolean; web?: boolean; clock?: Clock | TestClock; config?: Partial<Config> } = {},
): Promise<TestServer> {
  const clock = options.clock ?? systemClock
  const database = await openTestDatabase()
  if (options.demo) await seedDemo(database.db, clock)
  const app = await buildTestAppInstance(
    testConfig({ webDistDir: options.web ? WEB_DIST : '/nonexistent', ...options.config }),
    clock,
    database,
  )
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close()
      await database.dispose()
    },
  }
}
