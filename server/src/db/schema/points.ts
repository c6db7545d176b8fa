/**
 * Points (issue 7): an append-only, double-entry ledger per community (pgledger's design) and the
 * points store. Tenant records: `community_id` leads every key.
 *
 * What the database itself guarantees (migration 0012, triggers; the serving role is also
 * refused UPDATE and DELETE on the ledger):
 * - an entry is applied to its account as it is inserted (balance, version and the entry's
 *   `balance_after` come from the account row, under its row lock), so every account's
 *   balance is the sum of its entries and a statement's running balance is stored;
 * - a wallet or store below zero, a debt above zero fails its CHECK — an entry that would take
 *   a wallet below zero is refused whoever inserts it;
 * - entries and postings are never updated or deleted, and an account's balance changes only
 *   through an entry;
 * - every posting's entries sum to zero (a deferred constraint trigger, checked at commit).
 */
import { ACCOUNT_KINDS, POSTING_KINDS, redemptionMachine } from '@linli/shared'
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { communityIdColumn, idColumn, instant, statesEnum } from '../columns.ts'
import { communities } from './places.ts'
import { units } from './units.ts'
import { users } from './users.ts'

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    communityId: communityIdColumn().references(() => communities.id),
    id: idColumn(),
    kind: text('kind', { enum: ACCOUNT_KINDS }).notNull(),
    /** The volunteer a wallet or debt belongs to; null for the community's accounts. */
    ownerId: uuid('owner_id').references(() => users.id),
    /** Kept by the entries' trigger only: the sum of the account's entries. */
    balance: integer('balance').notNull().default(0),
    /** Entries applied so far. */
    version: integer('version').notNull().default(0),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    uniqueIndex('ledger_accounts_person_key')
      .on(t.communityId, t.ownerId, t.kind)
      .where(sql`${t.ownerId} is not null`),
    uniqueIndex('ledger_accounts_community_key')
      .on(t.communityId, t.kind)
      .where(sql`${t.ownerId} is null`),
    check('ledger_accounts_owner_check', sql`(${t.kind} in ('wallet', 'debt')) = (${t.ownerId} is not null)`),
    check('ledger_accounts_wallet_not_negative', sql`${t.kind} <> 'wallet' or ${t.balance} >= 0`),
    check('ledger_accounts_store_not_negative', sql`${t.kind} <> 'store' or ${t.balance} >= 0`),
    check('ledger_accounts_debt_not_positive', sql`${t.kind} <> 'debt' or ${t.balance} <= 0`),
  ],
)

export const ledgerPostings = pgTable(
  'ledger_postings',
  {
    communityId: communityIdColumn().references(() => communities.id),
    id: idColumn(),
    kind: text('kind', { enum: POSTING_KINDS }).notNull(),
    /** The volunteer it concerns. */
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => users.id),
    /** earn, reverse: the hour record behind it. */
    hourRecordId: uuid('hour_record_id'),
    /** redeem, refund: the redemption. */
    redemptionId: uuid('redemption_id'),
    /** bonus: the project rated 5. */
    projectId: uuid('project_id'),
    /** adjust (required), bonus, reverse: why, in words. */
    reason: text('reason'),
    /** expire: the batch that lapsed (its expiry instant). */
    batchExpiresAt: instant('batch_expires_at'),
    /**
     * The posting's place among the person's postings in the community (1, 2, …), taken under
     * the person's account lock: the order their wallet and debt really moved in (statements'
     * running balances follow it, whatever the clock said).
     */
    personSeq: integer('person_seq'),
    /** Who made it; null when the platform did (a job). */
    actorId: uuid('actor_id').references(() => users.id),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    uniqueIndex('ledger_postings_person_seq').on(t.communityId, t.volunteerId, t.personSeq),
    index('ledger_postings_period_idx').on(t.communityId, t.createdAt),
    // One of each per cause: a retried approval, bonus or refund cannot post twice.
    uniqueIndex('ledger_postings_earn_once')
      .on(t.communityId, t.hourRecordId)
      .where(sql`${t.kind} = 'earn'`),
    uniqueIndex('ledger_postings_reverse_once')
      .on(t.communityId, t.hourRecordId)
      .where(sql`${t.kind} = 'reverse'`),
    uniqueIndex('ledger_postings_bonus_once')
      .on(t.communityId, t.projectId, t.volunteerId)
      .where(sql`${t.kind} = 'bonus'`),
    uniqueIndex('ledger_postings_redeem_once')
      .on(t.communityId, t.redemptionId)
      .where(sql`${t.kind} = 'redeem'`),
    uniqueIndex('ledger_postings_refund_once')
      .on(t.communityId, t.redemptionId)
      .where(sql`${t.kind} = 'refund'`),
    check('ledger_postings_adjust_reason', sql`${t.kind} <> 'adjust' or length(trim(${t.reason})) >= 2`),
    check(
      'ledger_postings_cause',
      sql`(${t.kind} not in ('earn', 'reverse') or ${t.hourRecordId} is not null)
        and (${t.kind} not in ('redeem', 'refund') or ${t.redemptionId} is not null)
        and (${t.kind} <> 'bonus' or ${t.projectId} is not null)`,
    ),
  ],
)

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    postingId: uuid('posting_id').notNull(),
    accountId: uuid('account_id').notNull(),
    /** Signed; never zero. */
    amount: integer('amount').notNull(),
    /** Set by the trigger: the account's balance and version after this entry. */
    balanceAfter: integer('balance_after').notNull().default(0),
    accountVersion: integer('account_version').notNull().default(0),
    /** A credit to a wallet (earn, bonus, a positive adjust): when its batch lapses; null = never. */
    expiresAt: instant('expires_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    foreignKey({
      columns: [t.communityId, t.postingId],
      foreignColumns: [ledgerPostings.communityId, ledgerPostings.id],
    }),
    foreignKey({
      columns: [t.communityId, t.accountId],
      foreignColumns: [ledgerAccounts.communityId, ledgerAccounts.id],
    }),
    uniqueIndex('ledger_entries_account_version').on(t.communityId, t.accountId, t.accountVersion),
    index('ledger_entries_posting_idx').on(t.communityId, t.postingId),
    index('ledger_entries_lapsing_idx')
      .on(t.expiresAt)
      .where(sql`${t.expiresAt} is not null`),
    check('ledger_entries_amount_nonzero', sql`${t.amount} <> 0`),
  ],
)

export const rewards = pgTable(
  'rewards',
  {
    communityId: communityIdColumn().references(() => communities.id),
    id: idColumn(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    price: integer('price').notNull(),
    /** Left to redeem: a reservation takes one, a cancellation gives it back. */
    stock: integer('stock').notNull(),
    perPersonLimit: integer('per_person_limit'),
    sponsorUnitId: uuid('sponsor_unit_id').references(() => units.id),
    pictureFileId: uuid('picture_file_id'),
    /** Off sale: kept for the redemptions made, no longer offered. */
    onSale: boolean('on_sale').notNull().default(true),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    check('rewards_price_positive', sql`${t.price} >= 1`),
    check('rewards_stock_not_negative', sql`${t.stock} >= 0`),
    check('rewards_limit_positive', sql`${t.perPersonLimit} is null or ${t.perPersonLimit} >= 1`),
  ],
)

export const redemptions = pgTable(
  'redemptions',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    rewardId: uuid('reward_id').notNull(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => users.id),
    /** The price paid (the reward's price may change later). */
    price: integer('price').notNull(),
    state: text('state', { enum: statesEnum(redemptionMachine.states) })
      .notNull()
      .default('reserved'),
    /** 8 digits; unique among the community's reserved redemptions. */
    code: text('code').notNull(),
    reservedAt: instant('reserved_at').notNull(),
    /** Not collected by then: cancelled by a job, points and stock returned. */
    pickUpBy: instant('pick_up_by').notNull(),
    fulfilledAt: instant('fulfilled_at'),
    fulfilledBy: uuid('fulfilled_by').references(() => users.id),
    cancelledAt: instant('cancelled_at'),
    /** volunteer | expired | staff */
    cancelReason: text('cancel_reason', { enum: ['volunteer', 'expired', 'staff'] }),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    foreignKey({ columns: [t.communityId, t.rewardId], foreignColumns: [rewards.communityId, rewards.id] }),
    uniqueIndex('redemptions_live_code')
      .on(t.communityId, t.code)
      .where(sql`${t.state} = 'reserved'`),
    index('redemptions_volunteer_idx').on(t.communityId, t.volunteerId, t.rewardId),
    index('redemptions_person_idx').on(t.volunteerId, t.reservedAt),
    index('redemptions_due_idx')
      .on(t.pickUpBy)
      .where(sql`${t.state} = 'reserved'`),
    check('redemptions_price_positive', sql`${t.price} >= 1`),
    check('redemptions_code_digits', sql`${t.code} ~ '^[0-9]{8}$'`),
    check(
      'redemptions_state_facts',
      sql`(${t.state} = 'fulfilled') = (${t.fulfilledAt} is not null)
        and (${t.state} = 'cancelled') = (${t.cancelledAt} is not null and ${t.cancelReason} is not null)`,
    ),
  ],
)

export type LedgerAccountRow = typeof ledgerAccounts.$inferSelect
export type LedgerPostingRow = typeof ledgerPostings.$inferSelect
export type RewardRow = typeof rewards.$inferSelect
export type RedemptionRow = typeof redemptions.$inferSelect
