/**
 * One code path for both databases: drizzle over a `pg` Pool when `DATABASE_URL` is set,
 * over embedded PGlite otherwise. The same generated migrations are applied by `migrate()`.
 */
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import type { Logger } from 'drizzle-orm'
import { sql } from 'drizzle-orm'
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import * as schema from './schema/index.ts'

export { schema }
/** drizzle's operators, re-exported so tests and tools use the server's one copy of drizzle-orm. */
export { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
export type { Logger } from 'drizzle-orm'
export type Schema = typeof schema
/** Both drivers expose the same query builder; the pg flavour is the common type. */
export type Db = NodePgDatabase<Schema>
/** A transaction handle; services pass it down instead of the outer `db` (PGlite would hang). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url))

export interface Database {
  kind: 'pglite' | 'postgres'
  db: Db
  /** Apply every pending migration (as `MIGRATION_DATABASE_URL` when given). */
  migrate(): Promise<void>
  /** True when a trivial query answers. */
  ping(): Promise<boolean>
  close(): Promise<void>
  /** The PGlite instance, for tests that dump or clone it. */
  pglite?: PGlite
  pool?: pg.Pool
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined
  migrationDatabaseUrl?: string | undefined
  poolSize?: number
  /** PGlite data directory; `memory://` for a throwaway database. */
  dataDir?: string
  /** An already-open PGlite (tests start each file from a migrated snapshot). */
  pglite?: PGlite
  logger?: Logger
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options)
  return openPglite(options)
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 })
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => {})
  const db = drizzlePg({ client: pool, schema, logger: options.logger ?? false })
  return {
    kind: 'postgres',
    db,
    pool,
    async migrate() {
      if (!options.migrationDatabaseUrl) {
        await migratePg(db, { migrationsFolder })
        return
      }
      const owner = new pg.Pool({ connectionString: options.migrationDatabaseUrl, max: 1 })
      try {
        const ownerDb = drizzlePg({ client: owner, schema })
        await migratePg(ownerDb, { migrationsFolder })
        await grantToServingRole(owner, url)
      } finally {
        await owner.end()
      }
    },
    ping: () => pingDb(db),
    close: () => pool.end(),
  }
}

/**
 * The serving role does not own the tables: after migrating as the owner, grant it data access
 * (and nothing else — no DDL, no TRUNCATE).
 */
async function grantToServingRole(owner: pg.Pool, servingUrl: string): Promise<void> {
  const role = decodeURIComponent(new URL(servingUrl).username)
  if (!role) return
  const client = await owner.connect()
  try {
    const ident = client.escapeIdentifier(role)
    await client.query(`grant usage on schema public to ${ident}`)
    await client.query(`grant select, insert, update, delete on all tables in schema public to ${ident}`)
    await client.query(`grant usage, select on all sequences in schema public to ${ident}`)
  } finally {
    client.release()
  }
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  let client = options.pglite
  if (!client) {
    const dir = options.dataDir ?? 'memory://'
    if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true })
    client = await PGlite.create(dir)
  }
  const pglite = client
  const db = drizzlePglite({ client: pglite, schema, logger: options.logger ?? false }) as unknown as Db
  return {
    kind: 'pglite',
    db,
    pglite,
    async migrate() {
      await migratePglite(db as never, { migrationsFolder })
    },
    ping: () => pingDb(db),
    close: () => pglite.close(),
  }
}

async function pingDb(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`)
    return true
  } catch {
    return false
  }
}
