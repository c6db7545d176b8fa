/**
 * A fresh, migrated database per test file. PGlite: loaded from a snapshot migrated once by
 * the global setup. PostgreSQL: a database created from a migrated template.
 */
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import { openDatabase, type Database } from '@linli/server/db'
import type { Logger } from '@linli/server/db'
import pg from 'pg'
import { PGLITE_SNAPSHOT, PG_TEMPLATE } from './global-setup.ts'

export interface TestDatabase extends Database {
  /** Close and, on PostgreSQL, drop the database. */
  dispose(): Promise<void>
  /** Connection string of this database (PostgreSQL only). */
  url?: string
}

export async function openTestDatabase(options: { logger?: Logger; poolSize?: number } = {}): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL
  if (!adminUrl) {
    const snapshot = readFileSync(PGLITE_SNAPSHOT)
    const pglite = await PGlite.create({ loadDataDir: new Blob([snapshot]) })
    const database = await openDatabase({ pglite, logger: options.logger })
    return { ...database, dispose: () => database.close() }
  }
  const name = `linli_t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name} template ${PG_TEMPLATE}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const database = await openDatabase({
    databaseUrl: url.toString(),
    poolSize: options.poolSize ?? 10,
    logger: options.logger,
  })
  return {
    ...database,
    url: url.toString(),
    async dispose() {
      await database.close()
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}
