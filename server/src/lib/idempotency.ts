/**
 * Idempotency keys for contended mutations. Inside the mutation's transaction, `begin` claims the
 * key for (actor, operation): a first request proceeds and `finish` stores what it answered;
 * a replay — even one racing the first — waits on the key's row (the unique key), then finds
 * the first request's result and changes nothing. A key reused with a different input is
 * refused (IDEMPOTENCY_KEY_REUSED). A first request that failed rolled its key back with it,
 * so a retry after a failure is tried afresh.
 */
import { createHash } from 'node:crypto'
import { DomainError, idempotencyKeySchema } from '@linli/shared'
import { and, eq } from 'drizzle-orm'
import type { Clock } from '../clock.ts'
import type { DbOrTx } from '../db/index.ts'
import { idempotencyKeys } from '../db/schema/index.ts'
import { parseInput } from './input.ts'

export interface IdempotencyTicket {
  actorId: string
  operation: string
  key: string
}

/** A stable hash of a request's input (keys sorted). */
export function requestHash(input: unknown): string {
  const stable = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(stable)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, stable(x)]),
          )
        : v
  return createHash('sha256')
    .update(JSON.stringify(stable(input)))
    .digest('hex')
}

/**
 * Claim `key` for this request. Returns `{ replay: result }` when a first request with the same
 * key already answered, else `{ ticket }` to `finish` with. No key: `{ ticket: null }`.
 */
export async function beginIdempotent<R extends Record<string, unknown>>(
  tx: DbOrTx,
  clock: Clock,
  args: { actorId: string; operation: string; key: string | null | undefined; input: unknown },
): Promise<{ replay: R; ticket?: undefined } | { replay?: undefined; ticket: IdempotencyTicket | null }> {
  if (args.key === null || args.key === undefined) return { ticket: null }
  const key = parseInput(idempotencyKeySchema, args.key)
  const hash = requestHash(args.input)
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ actorId: args.actorId, operation: args.operation, key, requestHash: hash, createdAt: clock.now() })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key })
  if (inserted.length > 0) return { ticket: { actorId: args.actorId, operation: args.operation, key } }
  const [first] = await tx
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.actorId, args.actorId),
        eq(idempotencyKeys.operation, args.operation),
        eq(idempotencyKeys.key, key),
      ),
    )
  if (!first?.result) throw new Error('idempotency key without a result') // the first request's row commits with its result
  if (first.requestHash !== hash) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for a different request')
  }
  return { replay: first.result as R }
}

export async function finishIdempotent(
  tx: DbOrTx,
  ticket: IdempotencyTicket | null,
  result: Record<string, unknown>,
): Promise<void> {
  if (!ticket) return
  await tx
    .update(idempotencyKeys)
    .set({ result })
    .where(
      and(
        eq(idempotencyKeys.actorId, ticket.actorId),
        eq(idempotencyKeys.operation, ticket.operation),
        eq(idempotencyKeys.key, ticket.key),
      ),
    )
}
