/**
 * `sms_codes.purge`: once a day (03:30 Asia/Shanghai) delete the SMS codes that are spent or
 * expired and more than a day old. The rate limits look back at most one Asia/Shanghai day,
 * so older rows count for nothing; they are only hashes, but nothing is kept without a use.
 * Scheduled at start-up with one dedupe key per day; each run schedules the next day's, in
 * the same transaction as its delete.
 */
import { shanghaiDateOf } from '@linli/shared'
import { and, isNotNull, lt, or } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { DbOrTx } from '../../db/index.ts'
import { smsCodes } from '../../db/schema/index.ts'

export const SMS_CODES_PURGE = 'sms_codes.purge'
const DAY_MS = 86_400_000

/** Delete the codes created before `now − 1 day` that are used or expired; returns how many. */
export async function purgeSmsCodes(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db
    .delete(smsCodes)
    .where(
      and(
        lt(smsCodes.createdAt, new Date(now.getTime() - DAY_MS)),
        or(lt(smsCodes.expiresAt, now), isNotNull(smsCodes.consumedAt)),
      ),
    )
    .returning({ id: smsCodes.id })
  return rows.length
}

const dedupeKey = (shanghaiDate: string) => `${SMS_CODES_PURGE}:${shanghaiDate}`

export function registerSmsCodeJobs(app: FastifyInstance): void {
  app.jobs.register(SMS_CODES_PURGE, async (_payload, { tx, clock, log }) => {
    const now = clock.now()
    const deleted = await purgeSmsCodes(tx!, now)
    log.info({ deleted }, 'purged old SMS codes')
    // Asia/Shanghai has no daylight saving: a day later is the next calendar day there.
    const tomorrow = shanghaiDateOf(new Date(now.getTime() + DAY_MS))
    await app.jobs.schedule(
      SMS_CODES_PURGE,
      {},
      { runAt: new Date(`${tomorrow}T03:30:00+08:00`), dedupeKey: dedupeKey(tomorrow) },
      tx,
    )
  })
  // Today's run, unless this day's job exists already (another instance, an earlier start).
  app.addHook('onReady', async () => {
    await app.jobs.schedule(SMS_CODES_PURGE, {}, { dedupeKey: dedupeKey(shanghaiDateOf(app.clock.now())) })
  })
}
