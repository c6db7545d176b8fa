/**
 * Migrate once per run: a PGlite snapshot that every test file loads (~0.5 s instead of a
 * fresh migrate), or a PostgreSQL template database that every file clones.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { openDatabase } from '@linli/server/db'
import pg from 'pg'

const tmp = fileURLToPath(new URL('../.tmp/', import.meta.url))
export const PGLITE_SNAPSHOT = `${tmp}pglite-migrated.tar.gz`
export const PG_TEMPLATE = 'linli_test_template'

export default async function setup() {
  const adminUrl = process.env.DATABASE_URL
  if (!adminUrl) {
    mkdirSync(tmp, { recursive: true })
    const pglite = await PGlite.create()
    const database = await openDatabase({ pglite })
    await database.migrate()
    const dump = await pglite.dumpDataDir('gzip')
    writeFileSync(PGLITE_SNAPSHOT, Buffer.from(await dump.arrayBuffer()))
    await pglite.close()
    return
  }
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${PG_TEMPLATE} with (force)`)
  await admin.query(`create database ${PG_TEMPLATE}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${PG_TEMPLATE}`
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 })
  await database.migrate()
  await database.close()
}
