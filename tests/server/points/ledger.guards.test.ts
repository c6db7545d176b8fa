/**
 * The ledger's own guards on PostgreSQL (migrations 0012 and 0013 and the serving role's
 * grants), tried with raw SQL the way a bug or an injected statement would, not through the
 * services:
 * - as the role the application serves as (it owns nothing; MIGRATION_DATABASE_URL migrated as
 *   the owner): entries and postings cannot be updated, deleted or truncated; an account's
 *   balance cannot be set, not even by a trigger of its own on a temporary table; an entry that
 *   takes a wallet below zero is refused by the account's CHECK; an unbalanced posting fails at
 *   COMMIT — while a balanced posting goes through and the trigger, not the inserter, decides
 *   `balance_after` and `account_version`;
 * - as the owner: the triggers refuse the same statements (the revoke is not what stops them),
 *   but the owner can switch a trigger off — which is why the app must not serve as the owner.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { buildApp, type FastifyInstance } from '@linli/server/app'
import { TestClock } from '@linli/server/clock'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testConfig } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { createPlaces, createUser } from '../../support/factories.ts'

type Viewer = Parameters<FastifyInstance['pointsService']['adjust']>[0]

/** SQLSTATEs the guards answer with. */
const INSUFFICIENT_PRIVILEGE = '42501'
const RESTRICT_VIOLATION = '23001'
const CHECK_VIOLATION = '23514'

describeOnPostgres('the ledger guards itself on PostgreSQL', () => {
  const adminUrl = process.env.DATABASE_URL!
  const suffix = randomBytes(4).toString('hex')
  const dbName = `linli_ledger_${suffix}`
  const ownerRole = `linli_owner_${suffix}`
  const appRole = `linli_app_${suffix}`
  let admin: pg.Client
  let server: FastifyInstance
  let asApp: pg.Client
  let asOwner: pg.Client
  let communityId: string
  let volunteerId: string
  let walletId: string
  let issuanceId: string
  const GIVEN = 100

  const at = (user: string, password: string) => {
    const u = new URL(adminUrl)
    u.username = user
    u.password = password
    u.pathname = `/${dbName}`
    return u.toString()
  }

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`create role ${ownerRole} login password 'owner'`)
    await admin.query(`create role ${appRole} login password 'app'`)
    await admin.query(`create database ${dbName} owner ${ownerRole}`)
    await admin.query(`revoke all on database ${dbName} from public`)
    await admin.query(`grant connect on database ${dbName} to ${appRole}`)
    const config = testConfig({ databaseUrl: at(appRole, 'app'), migrationDatabaseUrl: at(ownerRole, 'owner') })
    server = await buildApp({ config, clock: new TestClock(), logger: false })
    await server.ready()

    // Points given the ordinary way: the service, serving as the app role.
    const { community } = await createPlaces(server.db)
    communityId = community.id
    const staffUser = await createUser(server.db, { roles: [{ role: 'community_staff', scopeId: communityId }] })
    const volunteer = await createUser(server.db, { roles: [{ role: 'volunteer' }] })
    volunteerId = volunteer.id
    const staff: Viewer = {
      userId: staffUser.id,
      sessionId: 'staff',
      grants: [{ id: 'g', role: 'community_staff', scopeType: 'community', scopeId: communityId }],
    }
    await server.pointsService.adjust(staff, communityId, { volunteerId, amount: GIVEN, reason: '测试发放' })

    asApp = new pg.Client({ connectionString: at(appRole, 'app') })
    asOwner = new pg.Client({ connectionString: at(ownerRole, 'owner') })
    await asApp.connect()
    await asOwner.connect()
    const { rows } = await asApp.query<{ id: string; kind: string }>(
      `select id, kind from ledger_accounts where community_id = $1 and (owner_id = $2 or owner_id is null)`,
      [communityId, volunteerId],
    )
    walletId = rows.find((r) => r.kind === 'wallet')!.id
    issuanceId = rows.find((r) => r.kind === 'issuance')!.id
  }, 120_000)

  afterAll(async () => {
    await asApp?.end()
    await asOwner?.end()
    await server?.close()
    await admin.query(`drop database if exists ${dbName} with (force)`)
    await admin.query(`drop role if exists ${appRole}`)
    await admin.query(`drop role if exists ${ownerRole}`)
    await admin.end()
  })

  /** The wallet as the table holds it, and as its entries add up. */
  async function wallet(client = asApp) {
    const { rows } = await client.query<{ balance: number; version: number; sum: number; n: number }>(
      `select a.balance, a.version,
              (select coalesce(sum(amount), 0)::int from ledger_entries e where e.community_id = a.community_id and e.account_id = a.id) as sum,
              (select count(*)::int from ledger_entries e where e.community_id = a.community_id and e.account_id = a.id) as n
         from ledger_accounts a where a.community_id = $1 and a.id = $2`,
      [communityId, walletId],
    )
    return rows[0]!
  }

  const fails = (client: pg.Client, text: string, code: string, values: unknown[] = []) =>
    expect(client.query(text, values)).rejects.toMatchObject({ code })

  /** A posting and its entries in one transaction, committed; the error COMMIT (or an INSERT) ended with. */
  async function post(
    client: pg.Client,
    entries: { accountId: string; amount: number }[],
    claimed = { balanceAfter: 0, version: 0 },
  ) {
    const postingId = randomUUID()
    await client.query('begin')
    try {
      await client.query(
        `insert into ledger_postings (community_id, id, kind, volunteer_id, reason, created_at)
         values ($1, $2, 'adjust', $3, '直接写库', now())`,
        [communityId, postingId, volunteerId],
      )
      for (const e of entries) {
        await client.query(
          `insert into ledger_entries (community_id, id, posting_id, account_id, amount, balance_after, account_version, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, now())`,
          [communityId, randomUUID(), postingId, e.accountId, e.amount, claimed.balanceAfter, claimed.version],
        )
      }
      await client.query('commit')
      return { postingId, error: null }
    } catch (error) {
      await client.query('rollback')
      return { postingId, error: error as pg.DatabaseError }
    }
  }

  it('the service gave the points: the wallet holds them, as the sum of its one entry', async () => {
    expect(await wallet()).toEqual({ balance: GIVEN, version: 1, sum: GIVEN, n: 1 })
  })

  describe('as the serving role', () => {
    it('cannot update, delete or truncate entries or postings (the revoke answers first)', async () => {
      await fails(asApp, `update ledger_entries set amount = amount + 1000`, INSUFFICIENT_PRIVILEGE)
      await fails(
        asApp,
        `update ledger_entries set balance_after = 1000 where account_id = $1`,
        INSUFFICIENT_PRIVILEGE,
        [walletId],
      )
      await fails(asApp, `delete from ledger_entries`, INSUFFICIENT_PRIVILEGE)
      await fails(asApp, `truncate ledger_entries cascade`, INSUFFICIENT_PRIVILEGE)
      await fails(asApp, `update ledger_postings set kind = 'earn'`, INSUFFICIENT_PRIVILEGE)
      await fails(asApp, `delete from ledger_postings`, INSUFFICIENT_PRIVILEGE)
      await fails(asApp, `truncate ledger_postings cascade`, INSUFFICIENT_PRIVILEGE)
      expect(await wallet()).toEqual({ balance: GIVEN, version: 1, sum: GIVEN, n: 1 })
    })

    it('cannot set, open or delete an account: it may update only created_at (FOR UPDATE needs some UPDATE), which the trigger refuses', async () => {
      // No privilege on the balance or the version: the entries' trigger sets them as the owner.
      await fails(asApp, `update ledger_accounts set balance = 1000 where id = $1`, INSUFFICIENT_PRIVILEGE, [walletId])
      await fails(asApp, `update ledger_accounts set version = version + 1 where id = $1`, INSUFFICIENT_PRIVILEGE, [
        walletId,
      ])
      await fails(asApp, `delete from ledger_accounts where id = $1`, INSUFFICIENT_PRIVILEGE, [walletId])
      // The one column it may update: the trigger refuses any update, even one that changes nothing.
      await fails(asApp, `update ledger_accounts set created_at = created_at where id = $1`, RESTRICT_VIOLATION, [
        walletId,
      ])
      await fails(
        asApp,
        `insert into ledger_accounts (community_id, id, kind, owner_id, balance, created_at)
         values ($1, gen_random_uuid(), 'wallet', $2, 1000, now())`,
        CHECK_VIOLATION,
        [communityId, (await createUser(server.db)).id],
      )
      await fails(asApp, `truncate ledger_accounts cascade`, INSUFFICIENT_PRIVILEGE)
      // FOR UPDATE is what lockPeople needs, and it still works.
      await asApp.query('begin')
      await asApp.query(`select balance from ledger_accounts where id = $1 for update`, [walletId])
      await asApp.query('rollback')
      expect(await wallet()).toEqual({ balance: GIVEN, version: 1, sum: GIVEN, n: 1 })
    })

    it('an entry that takes the wallet below zero is refused by the wallet CHECK, even balanced', async () => {
      const over = GIVEN + 1
      const { error } = await post(asApp, [
        { accountId: walletId, amount: -over },
        { accountId: issuanceId, amount: over },
      ])
      expect(error).toMatchObject({ code: CHECK_VIOLATION, constraint: 'ledger_accounts_wallet_not_negative' })
      expect(await wallet()).toEqual({ balance: GIVEN, version: 1, sum: GIVEN, n: 1 })
    })

    it('an unbalanced posting is refused at COMMIT, and nothing of it stays', async () => {
      const { postingId, error } = await post(asApp, [{ accountId: walletId, amount: 5 }])
      expect(error).toMatchObject({ code: CHECK_VIOLATION })
      expect(error!.message).toMatch(/does not balance/)
      const { rows } = await asApp.query(`select 1 from ledger_postings where community_id = $1 and id = $2`, [
        communityId,
        postingId,
      ])
      expect(rows).toEqual([])
      // Two entries that do not cancel out either.
      const two = await post(asApp, [
        { accountId: walletId, amount: -3 },
        { accountId: issuanceId, amount: 2 },
      ])
      expect(two.error).toMatchObject({ code: CHECK_VIOLATION })
      expect(await wallet()).toEqual({ balance: GIVEN, version: 1, sum: GIVEN, n: 1 })
    })

    it('a balanced posting goes through, and the trigger — not the inserter — sets balance_after and the version', async () => {
      // The inserter claims balance_after 999999 and version 77: the trigger overwrites both.
      const { postingId, error } = await post(
        asApp,
        [
          { accountId: walletId, amount: -40 },
          { accountId: issuanceId, amount: 40 },
        ],
        { balanceAfter: 999_999, version: 77 },
      )
      expect(error).toBeNull()
      const { rows } = await asApp.query(
        `select balance_after as "balanceAfter", account_version as "version" from ledger_entries
          where community_id = $1 and posting_id = $2 and account_id = $3`,
        [communityId, postingId, walletId],
      )
      expect(rows).toEqual([{ balanceAfter: GIVEN - 40, version: 2 }])
      expect(await wallet()).toEqual({ balance: GIVEN - 40, version: 2, sum: GIVEN - 40, n: 2 })
      // Give it back the same way, so the rest of the file sees GIVEN again.
      const back = await post(asApp, [
        { accountId: walletId, amount: 40 },
        { accountId: issuanceId, amount: -40 },
      ])
      expect(back.error).toBeNull()
      expect(await wallet()).toEqual({ balance: GIVEN, version: 3, sum: GIVEN, n: 3 })
    })

    it('a trigger of its own (on a temporary table, where PostgreSQL lets anyone create one) cannot set a balance either', async () => {
      // PostgreSQL grants TEMP on a database to PUBLIC by default; this test database revoked it,
      // so grant it back to show what a serving role has in a default installation.
      await admin.query(`grant temporary on database ${dbName} to ${appRole}`)
      const client = new pg.Client({ connectionString: at(appRole, 'app') })
      await client.connect()
      try {
        await client.query(`create temporary table nudge (id int)`)
        await client.query(`create function pg_temp.nudge() returns trigger language plpgsql as $$
          begin
            update public.ledger_accounts set balance = balance + 1000000 where id = '${walletId}';
            return new;
          end $$`)
        await client.query(
          `create trigger nudge after insert on pg_temp.nudge for each row execute function pg_temp.nudge()`,
        )
        // In a transaction rolled back afterwards, so a success does not spill into the next tests.
        await client.query('begin')
        const attempt = await client.query(`insert into pg_temp.nudge values (1)`).then(
          () => null,
          (e: pg.DatabaseError) => e,
        )
        const seen = attempt ? null : await wallet(client)
        await client.query('rollback')
        // Refused, and nothing moved: the serving role's own trigger runs with its privileges,
        // which do not reach a balance (only the entries' trigger does, as the owner). Before
        // migration 0013 the guard let it through — it trusted any nested trigger
        // (pg_trigger_depth() > 1) — and the balance moved with no entry behind it.
        expect({ attempt: attempt?.code ?? 'ACCEPTED', seen }).toEqual({ attempt: INSUFFICIENT_PRIVILEGE, seen: null })
        expect(await wallet()).toEqual({ balance: GIVEN, version: 3, sum: GIVEN, n: 3 })
      } finally {
        await client.end()
        await admin.query(`revoke temporary on database ${dbName} from ${appRole}`)
      }
    })
  })

  describe('as the owner (who migrated the schema)', () => {
    it('the triggers refuse the same statements: the owner has every privilege, so the revoke is not what stops them', async () => {
      await fails(asOwner, `update ledger_entries set amount = amount + 1000`, RESTRICT_VIOLATION)
      await fails(asOwner, `delete from ledger_entries`, RESTRICT_VIOLATION)
      await fails(asOwner, `truncate ledger_entries cascade`, RESTRICT_VIOLATION)
      await fails(asOwner, `update ledger_postings set kind = 'earn'`, RESTRICT_VIOLATION)
      await fails(asOwner, `delete from ledger_postings`, RESTRICT_VIOLATION)
      await fails(asOwner, `truncate ledger_postings cascade`, RESTRICT_VIOLATION)
      await fails(asOwner, `update ledger_accounts set balance = 1000 where id = $1`, RESTRICT_VIOLATION, [walletId])
      await fails(asOwner, `delete from ledger_accounts where id = $1`, RESTRICT_VIOLATION, [walletId])
      await fails(asOwner, `truncate ledger_accounts cascade`, RESTRICT_VIOLATION)
      const over = await post(asOwner, [
        { accountId: walletId, amount: -(GIVEN + 1) },
        { accountId: issuanceId, amount: GIVEN + 1 },
      ])
      expect(over.error).toMatchObject({ code: CHECK_VIOLATION, constraint: 'ledger_accounts_wallet_not_negative' })
      const unbalanced = await post(asOwner, [{ accountId: walletId, amount: 5 }])
      expect(unbalanced.error).toMatchObject({ code: CHECK_VIOLATION })
      expect(await wallet()).toEqual({ balance: GIVEN, version: 3, sum: GIVEN, n: 3 })
    })

    it('but the owner can switch a guard off (ALTER TABLE … DISABLE TRIGGER), which the serving role cannot', async () => {
      await fails(
        asApp,
        `alter table ledger_entries disable trigger ledger_entries_append_only`,
        INSUFFICIENT_PRIVILEGE,
      )
      await asOwner.query('begin')
      try {
        await asOwner.query(`alter table ledger_entries disable trigger ledger_entries_append_only`)
        const { rowCount } = await asOwner.query(
          `update ledger_entries set created_at = created_at where account_id = $1`,
          [walletId],
        )
        expect(rowCount).toBe(3)
      } finally {
        await asOwner.query('rollback')
      }
      await fails(asOwner, `update ledger_entries set amount = amount + 1000`, RESTRICT_VIOLATION)
    })
  })
})
