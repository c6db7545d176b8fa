/**
 * Jobs live in the database, not in the process: a job scheduled before a restart runs once
 * after it. Each app here opens the database itself, as the server does — PGlite from its data
 * directory, PostgreSQL from its URL — and closes it when it closes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { buildApp, type FastifyInstance } from '@linli/server/app'
import { TestClock } from '@linli/server/clock'
import type { Config } from '@linli/server/config'
import { eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testConfig } from '../../support/app.ts'
import { openTestDatabase, type TestDatabase } from '../../support/db.ts'
import { onPostgres } from '../../support/env.ts'
import { PGLITE_SNAPSHOT } from '../../support/global-setup.ts'

let config: Config
let cleanup: () => Promise<void>

beforeAll(async () => {
  if (onPostgres) {
    const database: TestDatabase = await openTestDatabase()
    config = testConfig({ databaseUrl: database.url })
    cleanup = () => database.dispose()
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'linli-jobs-restart-'))
    // Start the directory from the migrated snapshot (a fresh migrate takes seconds).
    const seed = await PGlite.create({
      dataDir: join(dataDir, 'pglite'),
      loadDataDir: new Blob([readFileSync(PGLITE_SNAPSHOT)]),
    })
    await seed.close()
    config = testConfig({ dataDir })
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true })
  }
})
afterAll(() => cleanup?.())

describe('a restart', () => {
  it('runs a job scheduled before it once, after it', async () => {
    const clock = new TestClock()
    const ran: { app: string; payload: unknown }[] = []
    const start = async (name: string): Promise<FastifyInstance> => {
      const app = await buildApp({ config, clock })
      app.jobs.register('test.remind', async (payload) => {
        ran.push({ app: name, payload })
      })
      await app.ready()
      return app
    }

    const first = await start('first')
    const { id } = await first.jobs.schedule('test.remind', { projectId: 'p1' }, { delaySeconds: 3600 })
    expect(await first.jobs.runDue()).toMatchObject({ succeeded: 4 }) // the day's SMS-code and file purges, hours and redemptions sweeps, not ours
    await first.close()

    clock.advanceSeconds(3600)
    const second = await start('second')
    try {
      expect(await second.jobs.runDue()).toMatchObject({ claimed: 1, succeeded: 1 })
      expect(await second.jobs.runDue()).toMatchObject({ claimed: 0 })
      expect(ran).toEqual([{ app: 'second', payload: { projectId: 'p1' } }])
      const [row] = await second.db.select().from(schema.jobs).where(eq(schema.jobs.id, id))
      expect(row).toMatchObject({ status: 'succeeded', attempts: 1 })
      // The second start scheduled the day's purge again: still one job for the day.
      const purges = await second.db.select().from(schema.jobs).where(eq(schema.jobs.kind, 'sms_codes.purge'))
      expect(purges.map((p) => p.dedupeKey).sort()).toEqual([
        'sms_codes.purge:2026-11-01',
        'sms_codes.purge:2026-11-02',
      ])
    } finally {
      await second.close()
    }
  })
})
