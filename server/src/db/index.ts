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
  /**
   * Receive PostgreSQL notifications on `channel` (NOTIFY is delivered on commit, to every
   * listening connection — every server instance on the database). On PostgreSQL this holds a
   * connection of its own, reconnecting with backoff when it drops; `onReconnect` tells the
   * listener that notifications may have been missed meanwhile. Returns a stop function.
   */
  listen(channel: string, onMessage: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>
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
    listen: (channel, onMessage, onReconnect) => listenPostgres(url, channel, onMessage, onReconnect),
  }
}

/** A dedicated LISTEN connection that comes back after a restart or a network drop. */
async function listenPostgres(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  onReconnect?: () => void,
): Promise<() => Promise<void>> {
  let stopped = false
  let client: pg.Client | undefined
  let retryTimer: NodeJS.Timeout | undefined
  let delayMs = 250

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url })
    c.on('notification', (msg) => {
      if (msg.channel === channel) onMessage(msg.payload ?? '')
    })
    c.on('error', () => reconnect(c))
    c.on('end', () => reconnect(c))
    await c.connect()
    await c.query(`listen ${c.escapeIdentifier(channel)}`)
    client = c
    delayMs = 250
  }
  const reconnect = (failed: pg.Client) => {
    if (stopped || client !== failed || retryTimer) return
    client = undefined
    failed.end().catch(() => {})
    const retry = () => {
      retryTimer = undefined
      if (stopped) return
      connect().then(
        () => onReconnect?.(),
        () => {
          delayMs = Math.min(delayMs * 2, 10_000)
          retryTimer = setTimeout(retry, delayMs)
          retryTimer.unref()
        },
      )
    }
    retryTimer = setTimeout(retry, delayMs)
    retryTimer.unref()
  }

  await connect()
  return async () => {
    stopped = true
    if (retryTimer) clearTimeout(retryTimer)
    const c = client
    client = undefined
    await c?.end().catch(() => {})
  }
}

/** Tables never updated or deleted: the points ledger. */
const APPEND_ONLY_TABLES = ['ledger_entries', 'ledger_postings']

/** Kept by triggers only (they write as the owner): rankings and dashboards read them. */
const AGGREGATE_TABLES = [
  'agg_volunteers',
  'agg_units',
  'agg_teams',
  'agg_team_sizes',
  'agg_community_months',
  'agg_points_months',
  'agg_need_states',
  'agg_need_categories',
]

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
    // The ledger is append-only (its triggers refuse it too, whoever asks).
    await client.query(`revoke update, delete on ${APPEND_ONLY_TABLES.join(', ')} from ${ident}`)
    // Balances move only through entries (their trigger runs as the owner). Locking an account
    // (SELECT … FOR UPDATE) needs some UPDATE privilege: a column nothing changes.
    await client.query(`revoke update, delete on ledger_accounts from ${ident}`)
    await client.query(`grant update (created_at) on ledger_accounts to ${ident}`)
    await client.query(`revoke insert, update, delete on ${AGGREGATE_TABLES.join(', ')} from ${ident}`)
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
    // One embedded database serves every app on it: its own LISTEN delivers on commit as well.
    listen: async (channel, onMessage) => {
      const unlisten = await pglite.listen(channel, onMessage)
      return async () => {
        if (!pglite.closed) await unlisten()
      }
    },
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
