/**
 * Points' durable jobs:
 * - `redemption.expire`: one per redemption, due at its pick-up deadline — cancels it and gives
 *   points and stock back if it was not collected;
 * - `points.expire`: one per community and batch, due when the batch lapses — posts `expire` for
 *   what is left of it in each wallet (first in, first out);
 * - `redemptions.expire_due`: once a day (00:20 Asia/Shanghai), a sweep for any reserved
 *   redemption past its deadline whose own job did not run.
 * Each runs outside a transaction: every wallet and redemption changes in its own.
 */
import { shanghaiDateOf } from '@linli/shared'
import type { FastifyInstance } from 'fastify'
import { POINTS_EXPIRE } from './points.service.ts'
import { REDEMPTION_EXPIRE } from './store.service.ts'

export const REDEMPTIONS_EXPIRE_DUE = 'redemptions.expire_due'
const DAY_MS = 86_400_000
const sweepKey = (shanghaiDate: string) => `${REDEMPTIONS_EXPIRE_DUE}:${shanghaiDate}`

export function registerPointsJobs(app: FastifyInstance): void {
  app.jobs.register<{ communityId: string; redemptionId: string }>(
    REDEMPTION_EXPIRE,
    async (payload) => {
      await app.storeService.expireRedemption(payload.communityId, payload.redemptionId)
    },
    { transaction: false },
  )
  app.jobs.register<{ communityId: string; batch: string }>(
    POINTS_EXPIRE,
    async (payload, { log }) => {
      const points = await app.pointsService.expireBatch(payload.communityId, new Date(payload.batch))
      if (points > 0) log.info({ communityId: payload.communityId, batch: payload.batch, points }, 'points expired')
    },
    { transaction: false },
  )
  app.jobs.register(
    REDEMPTIONS_EXPIRE_DUE,
    async (_payload, { clock }) => {
      for (;;) {
        const due = await app.storeService.overdue(200)
        for (const r of due) await app.storeService.expireRedemption(r.communityId, r.id)
        if (due.length < 200) break
      }
      const tomorrow = shanghaiDateOf(new Date(clock.now().getTime() + DAY_MS))
      await app.jobs.schedule(
        REDEMPTIONS_EXPIRE_DUE,
        {},
        { runAt: new Date(`${tomorrow}T00:20:00+08:00`), dedupeKey: sweepKey(tomorrow) },
      )
    },
    { transaction: false },
  )
  app.addHook('onReady', async () => {
    await app.jobs.schedule(REDEMPTIONS_EXPIRE_DUE, {}, { dedupeKey: sweepKey(shanghaiDateOf(app.clock.now())) })
  })
}
