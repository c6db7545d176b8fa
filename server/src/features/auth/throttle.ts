/**
 * Failed sign-ins are counted in the database, per phone, per address and per phone+address,
 * in fixed windows; a key over its limit answers `TOO_MANY_ATTEMPTS` with the seconds until
 * its window ends. There is no permanent lock-out: every block ends with its window, and the
 * strictest limit is per phone *and* address, so a stranger elsewhere exhausts the looser
 * per-phone limit only by trying many times. Counting is one atomic upsert per key, so
 * concurrent failures across instances are all counted.
 */
import { createHash } from 'node:crypto'
import { DomainError } from '@linli/shared'
import { inArray, sql } from 'drizzle-orm'
import type { Clock } from '../../clock.ts'
import type { DbOrTx } from '../../db/index.ts'
import { loginThrottle } from '../../db/schema/index.ts'

export const THROTTLE_WINDOW_SECONDS = 15 * 60

export const THROTTLE_LIMITS = {
  phoneAddress: 5,
  phone: 20,
  address: 100,
} as const

export interface ThrottleKey {
  key: string
  limit: number
}

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32)

/** Keys hold hashes: no phone number or address is stored in the throttle table. */
export function throttleKeys(phone: string, address: string): ThrottleKey[] {
  return [
    { key: `pa:${digest(`${phone}|${address}`)}`, limit: THROTTLE_LIMITS.phoneAddress },
    { key: `p:${digest(phone)}`, limit: THROTTLE_LIMITS.phone },
    { key: `a:${digest(address)}`, limit: THROTTLE_LIMITS.address },
  ]
}

/** A key for one more kind of counted attempt (e.g. SMS codes requested from one address). */
export function throttleKey(kind: string, value: string, limit: number): ThrottleKey {
  return { key: `${kind}:${digest(value)}`, limit }
}

/** Throws `TOO_MANY_ATTEMPTS` (with `retryAfter` seconds) while any key is over its limit. */
export async function assertNotThrottled(db: DbOrTx, clock: Clock, keys: ThrottleKey[]): Promise<void> {
  const now = clock.now().getTime()
  const rows = await db
    .select()
    .from(loginThrottle)
    .where(
      inArray(
        loginThrottle.key,
        keys.map((k) => k.key),
      ),
    )
  let retryAfter = 0
  for (const row of rows) {
    const limit = keys.find((k) => k.key === row.key)?.limit ?? Infinity
    const endsAt = row.windowStart.getTime() + THROTTLE_WINDOW_SECONDS * 1000
    if (row.failures >= limit && endsAt > now) retryAfter = Math.max(retryAfter, Math.ceil((endsAt - now) / 1000))
  }
  if (retryAfter > 0) {
    throw new DomainError('TOO_MANY_ATTEMPTS', 'Too many failed sign-in attempts; try again later', { retryAfter })
  }
}

/** Count one failure against each key, atomically; returns the new counts in key order. */
export async function recordFailure(db: DbOrTx, clock: Clock, keys: ThrottleKey[]): Promise<number[]> {
  const now = clock.now()
  const counts: number[] = []
  for (const { key } of keys) {
    const expired = sql`${loginThrottle.windowStart} <= ${now}::timestamptz - make_interval(secs => ${THROTTLE_WINDOW_SECONDS})`
    const [row] = await db
      .insert(loginThrottle)
      .values({ key, windowStart: now, failures: 1 })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${expired} then 1 else ${loginThrottle.failures} + 1 end`,
          windowStart: sql`case when ${expired} then ${now}::timestamptz else ${loginThrottle.windowStart} end`,
        },
      })
      .returning({ failures: loginThrottle.failures })
    counts.push(row?.failures ?? 0)
  }
  return counts
}

/** A successful sign-in clears the phone+address key (not the others: a stranger's count stays). */
export async function clearOnSuccess(db: DbOrTx, keys: ThrottleKey[]): Promise<void> {
  const first = keys[0]
  if (first) await db.delete(loginThrottle).where(inArray(loginThrottle.key, [first.key]))
}
