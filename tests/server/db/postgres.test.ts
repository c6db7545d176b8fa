/**
 * PostgreSQL specifics: the same migrations and demo data as on PGlite, and a serving role
 * that does not own the tables (MIGRATION_DATABASE_URL applies the migrations as the owner).
 */
import { randomBytes } from 'node:crypto'
import { buildApp } from '@linli/server/app'
import { TestClock } from '@linli/server/clock'
import pg from 'pg'
import { expect, it } from 'vitest'
import { testConfig } from '../../support/app.ts'
import { injectGql } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'

describeOnPostgres('on PostgreSQL', () => {
  it('migrates as the owner, serves as a role that owns nothing, and seeds the demo', async () => {
    const adminUrl = process.env.DATABASE_URL!
    const suffix = randomBytes(4).toString('hex')
    const dbName = `linli_roles_${suffix}`
    const owner = `linli_owner_${suffix}`
    const app = `linli_app_${suffix}`
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`create role ${owner} login password 'owner'`)
    await admin.query(`create role ${app} login password 'app'`)
    await admin.query(`create database ${dbName} owner ${owner}`)
    await admin.query(`revoke all on database ${dbName} from public`)
    await admin.query(`grant connect on database ${dbName} to ${app}`)
    const at = (user: string, password: string) => {
      const u = new URL(adminUrl)
      u.username = user
      u.password = password
      u.pathname = `/${dbName}`
      return u.toString()
    }
    // PostgreSQL 15: the public schema belongs to the database owner; others cannot create in it.
    const config = testConfig({
      databaseUrl: at(app, 'app'),
      migrationDatabaseUrl: at(owner, 'owner'),
      demo: true,
    })
    const server = await buildApp({ config, clock: new TestClock(), logger: false })
    try {
      const res = await injectGql<LoginData>(server, LOGIN, { phone: '13900000005', password: 'Linli2026' })
      expect(res.errors).toBeUndefined()
      expect(res.data!.login.me.roles.map((r) => r.scopeName)).toContain('阳光社区')
      // The serving role can use the data but cannot change the schema.
      const served = new pg.Client({ connectionString: at(app, 'app') })
      await served.connect()
      await expect(served.query('drop table users')).rejects.toThrow(/owner|permission/)
      await expect(served.query('create table intruder (id int)')).rejects.toThrow(/permission/)
      await served.end()
    } finally {
      await server.close()
      await admin.query(`drop database if exists ${dbName} with (force)`)
      await admin.query(`drop role if exists ${app}`)
      await admin.query(`drop role if exists ${owner}`)
      await admin.end()
    }
  })
})
