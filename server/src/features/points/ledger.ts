/**
 * The points ledger's postings, inside the caller's transaction (PRODUCT.md "Points"; pgledger's
 * design). Every posting's entries sum to zero; the database applies each entry to its account
 * under the account's row lock and refuses a wallet below zero (migration 0012).
 *
 * Locking order, so postings never deadlock: first the people's accounts (`lockPeople`, sorted
 * by owner), then — through the entries themselves — the community's issuance or store account.
 * A caller posting for several people (a batch approval) locks them all first.
 *
 * One posting per cause: the unique indexes on earn/reverse (per hour record), bonus (per project
 * and person), redeem/refund (per redemption) make a retried posting a no-op.
 */
import {
  DomainError,
  lapsedPoints,
  pointsExpireAt,
  walletLots,
  type PointsExpiryRule,
  type PostingKind,
  type WalletMovement,
} from '@linli/shared'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { DbOrTx, Tx } from '../../db/index.ts'
import { ledgerAccounts, ledgerEntries, ledgerPostings } from '../../db/schema/index.ts'

export interface PersonAccounts {
  wallet: { id: string; balance: number }
  debt: { id: string; balance: number }
}

interface Cause {
  communityId: string
  volunteerId: string
  actorId: string | null
  now: Date
  hourRecordId?: string
  redemptionId?: string
  projectId?: string
  reason?: string | null
  batchExpiresAt?: Date
}

interface EntrySpec {
  accountId: string
  amount: number
  expiresAt?: Date | null
}

/**
 * Open (when new) and lock the wallet and debt of each person in the community, in one order
 * (by owner), and answer their balances as locked.
 */
export async function lockPeople(
  tx: Tx,
  communityId: string,
  volunteerIds: readonly string[],
  now: Date,
): Promise<Map<string, PersonAccounts>> {
  const owners = [...new Set(volunteerIds)].sort()
  if (owners.length === 0) return new Map()
  await tx
    .insert(ledgerAccounts)
    .values(
      owners.flatMap((ownerId) =>
        (['wallet', 'debt'] as const).map((kind) => ({ communityId, id: newId(), kind, ownerId, createdAt: now })),
      ),
    )
    .onConflictDoNothing()
  const rows = await tx
    .select({
      id: ledgerAccounts.id,
      kind: ledgerAccounts.kind,
      ownerId: ledgerAccounts.ownerId,
      balance: ledgerAccounts.balance,
    })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.communityId, communityId), inArray(ledgerAccounts.ownerId, owners)))
    .orderBy(asc(ledgerAccounts.ownerId), asc(ledgerAccounts.kind))
    .for('update')
  const people = new Map<string, PersonAccounts>()
  for (const r of rows) {
    const p = people.get(r.ownerId!) ?? ({} as PersonAccounts)
    p[r.kind as 'wallet' | 'debt'] = { id: r.id, balance: r.balance }
    people.set(r.ownerId!, p)
  }
  return people
}

/** The community's issuance or store account (opened when first needed). Not locked here: its entries lock it. */
export async function communityAccount(tx: DbOrTx, communityId: string, kind: 'issuance' | 'store', now: Date) {
  const [opened] = await tx
    .insert(ledgerAccounts)
    .values({ communityId, id: newId(), kind, ownerId: null, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: ledgerAccounts.id })
  if (opened) return opened.id
  const [row] = await tx
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.communityId, communityId), eq(ledgerAccounts.kind, kind), sql`owner_id is null`))
  return row!.id
}

/**
 * Post: the posting and its non-zero entries (people's accounts first). Null when every amount
 * is zero, or when this cause was posted already (a retry).
 */
async function post(tx: Tx, kind: PostingKind, cause: Cause, entries: EntrySpec[]): Promise<string | null> {
  const moving = entries.filter((e) => e.amount !== 0)
  if (moving.length === 0) return null
  const id = newId()
  // Under the person's lock (every caller took it): the next place in their sequence.
  const [{ next }] = (
    await tx.execute<{ next: number }>(sql`select coalesce(max(person_seq), 0)::int + 1 as next from ledger_postings
      where community_id = ${cause.communityId} and volunteer_id = ${cause.volunteerId}`)
  ).rows as [{ next: number }]
  const [posted] = await tx
    .insert(ledgerPostings)
    .values({
      communityId: cause.communityId,
      id,
      kind,
      volunteerId: cause.volunteerId,
      personSeq: Number(next),
      hourRecordId: cause.hourRecordId ?? null,
      redemptionId: cause.redemptionId ?? null,
      projectId: cause.projectId ?? null,
      reason: cause.reason ?? null,
      batchExpiresAt: cause.batchExpiresAt ?? null,
      actorId: cause.actorId,
      createdAt: cause.now,
    })
    .onConflictDoNothing()
    .returning({ id: ledgerPostings.id })
  if (!posted) return null
  await tx.insert(ledgerEntries).values(
    moving.map((e) => ({
      communityId: cause.communityId,
      id: newId(),
      postingId: id,
      accountId: e.accountId,
      amount: e.amount,
      expiresAt: e.expiresAt ?? null,
      createdAt: cause.now,
    })),
  )
  return id
}

/** The person's accounts as now locked (this transaction's earlier postings included). */
async function current(tx: Tx, communityId: string, volunteerId: string, now: Date): Promise<PersonAccounts> {
  return (await lockPeople(tx, communityId, [volunteerId], now)).get(volunteerId)!
}

/**
 * Credit points earned (earn, bonus, a positive adjustment): what is owed is settled first, the
 * rest goes to the wallet, in the batch the community's expiry rule gives it.
 */
export async function credit(
  tx: Tx,
  kind: 'earn' | 'bonus' | 'adjust',
  cause: Cause,
  points: number,
  rule: PointsExpiryRule,
): Promise<string | null> {
  if (points <= 0) return null
  const person = await current(tx, cause.communityId, cause.volunteerId, cause.now)
  const settle = Math.min(points, -person.debt.balance)
  const issuance = await communityAccount(tx, cause.communityId, 'issuance', cause.now)
  return post(tx, kind, cause, [
    { accountId: person.wallet.id, amount: points - settle, expiresAt: pointsExpireAt(rule, cause.now) },
    { accountId: person.debt.id, amount: settle },
    { accountId: issuance, amount: -points },
  ])
}

/** Points an hour record earned (0 when none was posted). */
export async function earnedFor(db: DbOrTx, communityId: string, hourRecordId: string): Promise<number> {
  const [row] = await db
    .execute<{ points: number | null }>(
      sql`
    select -sum(e.amount)::int as points
      from ledger_postings p
      join ledger_entries e on e.community_id = p.community_id and e.posting_id = p.id
      join ledger_accounts a on a.community_id = e.community_id and a.id = e.account_id
     where p.community_id = ${communityId} and p.kind = 'earn' and p.hour_record_id = ${hourRecordId}
       and a.kind = 'issuance'`,
    )
    .then((r) => r.rows)
  return Number(row?.points ?? 0)
}

/**
 * A correction voided approved hours: take back what they earned — from the wallet as far as it
 * holds, the rest owed.
 */
export async function reverse(tx: Tx, cause: Cause & { hourRecordId: string }): Promise<string | null> {
  const points = await earnedFor(tx, cause.communityId, cause.hourRecordId)
  if (points <= 0) return null
  const person = await current(tx, cause.communityId, cause.volunteerId, cause.now)
  const taken = Math.min(points, person.wallet.balance)
  const issuance = await communityAccount(tx, cause.communityId, 'issuance', cause.now)
  return post(tx, 'reverse', cause, [
    { accountId: person.wallet.id, amount: -taken },
    { accountId: person.debt.id, amount: -(points - taken) },
    { accountId: issuance, amount: points },
  ])
}

/** Take points from the wallet (a negative adjustment): INSUFFICIENT_POINTS beyond the balance. */
export async function deduct(tx: Tx, cause: Cause, points: number): Promise<string | null> {
  const person = await current(tx, cause.communityId, cause.volunteerId, cause.now)
  if (person.wallet.balance < points) {
    throw new DomainError('INSUFFICIENT_POINTS', 'The wallet holds less than that', {
      balance: person.wallet.balance,
      needed: points,
    })
  }
  const issuance = await communityAccount(tx, cause.communityId, 'issuance', cause.now)
  return post(tx, 'adjust', cause, [
    { accountId: person.wallet.id, amount: -points },
    { accountId: issuance, amount: points },
  ])
}

/**
 * A redemption's price between the wallet and the store: `redeem` holds it (INSUFFICIENT_POINTS
 * beyond the balance — the caller has locked the person and checked), `refund` gives it back.
 */
export async function settleRedemption(
  tx: Tx,
  kind: 'redeem' | 'refund',
  cause: Cause & { redemptionId: string },
  price: number,
) {
  const person = await current(tx, cause.communityId, cause.volunteerId, cause.now)
  if (kind === 'redeem' && person.wallet.balance < price) {
    throw new DomainError('INSUFFICIENT_POINTS', 'The wallet holds less than the price', {
      balance: person.wallet.balance,
      needed: price,
    })
  }
  const store = await communityAccount(tx, cause.communityId, 'store', cause.now)
  const toStore = kind === 'redeem' ? price : -price
  return post(tx, kind, cause, [
    { accountId: person.wallet.id, amount: -toStore },
    { accountId: store, amount: toStore },
  ])
}

/** A wallet's movements in the order they were applied. */
export async function walletMovements(db: DbOrTx, communityId: string, walletId: string): Promise<WalletMovement[]> {
  const { rows } = await db.execute(sql`
    select p.kind, e.amount, e.expires_at as "expiresAt", p.redemption_id as "redemptionId",
           p.batch_expires_at as "batchExpiresAt"
      from ledger_entries e
      join ledger_postings p on p.community_id = e.community_id and p.id = e.posting_id
     where e.community_id = ${communityId} and e.account_id = ${walletId}
     order by e.account_version`)
  const at = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date))
  return rows.map((r) => ({
    kind: r.kind as PostingKind,
    amount: Number(r.amount),
    expiresAt: at(r.expiresAt),
    redemptionId: (r.redemptionId as string | null) ?? null,
    batchExpiresAt: at(r.batchExpiresAt),
  }))
}

/**
 * Lapse what is left of the wallet's batches due by now (first in, first out: spending took the
 * earliest earned first). Answers the points expired.
 */
export async function expire(tx: Tx, cause: Omit<Cause, 'actorId'>): Promise<number> {
  const person = await current(tx, cause.communityId, cause.volunteerId, cause.now)
  const lots = walletLots(await walletMovements(tx, cause.communityId, person.wallet.id))
  const points = Math.min(lapsedPoints(lots, cause.now), person.wallet.balance)
  if (points <= 0) return 0
  const batch = Math.max(
    ...lots.filter((l) => l.expiresAt !== null && l.expiresAt <= cause.now).map((l) => l.expiresAt!.getTime()),
  )
  const issuance = await communityAccount(tx, cause.communityId, 'issuance', cause.now)
  await post(tx, 'expire', { ...cause, actorId: null, batchExpiresAt: new Date(batch) }, [
    { accountId: person.wallet.id, amount: -points },
    { accountId: issuance, amount: points },
  ])
  return points
}
