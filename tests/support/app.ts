/**
 * Build the real app (no port) on a fresh test database with a test clock, and talk GraphQL
 * to it through `inject`. Several apps may share one database and clock (two instances).
 */
import { buildApp } from '@linli/server/app'
import { TestClock, type Clock } from '@linli/server/clock'
import { loadConfig, type Config } from '@linli/server/config'
import type { FastifyInstance } from '@linli/server/app'
import type { Database } from '@linli/server/db'
import { openTestDatabase, type TestDatabase } from './db.ts'
import { testLogStream } from './logs.ts'
import { SmsOutbox } from './sms.ts'
import { SqlCounter } from './sql-counter.ts'

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789abcdef'

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: TEST_JWT_SECRET }),
    databaseUrl: undefined,
    webDistDir: '/nonexistent',
    explorerDistDir: '/nonexistent',
    ...overrides,
  }
}

export interface GqlResult<T = Record<string, unknown>> {
  status: number
  data: T | null
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[]
  /** The first error's code, if any. */
  code?: string
}

export interface TestApp {
  app: FastifyInstance
  clock: TestClock
  database: TestDatabase
  sql: SqlCounter
  /** Text messages the app sent, read from its log. */
  sms: SmsOutbox
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; ip?: string; headers?: Record<string, string> },
  ): Promise<GqlResult<T>>
  close(): Promise<void>
}

export interface TestAppOptions {
  config?: Partial<Config>
  clock?: TestClock
  /** Share a database with another app (two instances); otherwise a fresh one is opened. */
  database?: TestDatabase
  sql?: SqlCounter
  poolSize?: number
}

export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? new TestClock()
  const sql = options.sql ?? new SqlCounter()
  const ownsDatabase = !options.database
  const database = options.database ?? (await openTestDatabase({ logger: sql, poolSize: options.poolSize }))
  const sms = new SmsOutbox()
  const app = await buildTestAppInstance(testConfig(options.config), clock, database, sms)
  await app.ready()
  return {
    app,
    clock,
    database,
    sql,
    sms,
    gql: (query, variables, opts) => injectGql(app, query, variables, opts),
    async close() {
      await app.close()
      if (ownsDatabase) await database.dispose()
    },
  }
}

/**
 * The real app, logging at info level through the production logger config into `sms` (which
 * keeps the text messages) and, when enabled, into the collected logs.
 */
export function buildTestAppInstance(config: Config, clock: Clock, database: Database, sms = new SmsOutbox()) {
  const file = testLogStream()
  const logStream = {
    write(msg: string) {
      sms.write(msg)
      file?.write(msg)
    },
  }
  return buildApp({ config: { ...config, logLevel: 'info' }, clock, database, logStream })
}

export async function injectGql<T>(
  app: FastifyInstance,
  query: string,
  variables?: Record<string, unknown>,
  options: { token?: string; ip?: string; headers?: Record<string, string> } = {},
): Promise<GqlResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers,
    payload: JSON.stringify({ query, variables }),
    remoteAddress: options.ip ?? '127.0.0.1',
  })
  const body = res.json() as GqlResult<T>
  return { ...body, status: res.statusCode, code: body.errors?.[0]?.extensions?.code }
}
