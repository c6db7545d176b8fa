/**
 * Closing activities after their window and check-out tolerance (forgotten check-outs closed at
 * the end and flagged, no-shows marked, the activity completed):
 * - `activity.close`: one per activity, scheduled when it is created or rescheduled, due at the
 *   end plus the community's tolerance;
 * - `hours.close_due`: once a day (04:15 Asia/Shanghai), a sweep for any activity still open past
 *   its window (one whose tolerance grew after it was scheduled, or data loaded from elsewhere).
 * Both run outside a transaction: each activity closes in its own, under its row lock, once.
 */
import { shanghaiDateOf } from '@linli/shared'
import type { FastifyInstance } from 'fastify'
import type { DbOrTx } from '../../db/index.ts'

export const ACTIVITY_CLOSE = 'activity.close'
export const HOURS_CLOSE_DUE = 'hours.close_due'
const DAY_MS = 86_400_000

interface ClosePayload {
  communityId: string
  activityId: string
}

const sweepKey = (shanghaiDate: string) => `${HOURS_CLOSE_DUE}:${shanghaiDate}`

/** Schedule the activity's close at its end plus the tolerance (a reschedule schedules anew). */
export async function scheduleActivityClose(
  app: FastifyInstance,
  tx: DbOrTx,
  activity: { communityId: string; id: string; endsAt: Date },
): Promise<void> {
  const { checkInToleranceMinutes } = await app.settingsService.effective(tx, activity.communityId)
  await app.jobs.schedule(
    ACTIVITY_CLOSE,
    { communityId: activity.communityId, activityId: activity.id } satisfies ClosePayload,
    {
      runAt: new Date(activity.endsAt.getTime() + checkInToleranceMinutes * 60_000),
      dedupeKey: `${ACTIVITY_CLOSE}:${activity.id}:${activity.endsAt.toISOString()}`,
      communityId: activity.communityId,
    },
    tx,
  )
}

export function registerHoursJobs(app: FastifyInstance): void {
  app.jobs.register<ClosePayload>(
    ACTIVITY_CLOSE,
    async (payload) => {
      await app.hoursService.closeActivity(payload.communityId, payload.activityId)
    },
    { transaction: false },
  )
  app.jobs.register(
    HOURS_CLOSE_DUE,
    async (_payload, { clock, log }) => {
      let closed = 0
      for (;;) {
        const n = await app.hoursService.closeDue()
        closed += n
        if (n === 0) break
      }
      if (closed > 0) log.info({ closed }, 'closed activities')
      const tomorrow = shanghaiDateOf(new Date(clock.now().getTime() + DAY_MS))
      await app.jobs.schedule(
        HOURS_CLOSE_DUE,
        {},
        { runAt: new Date(`${tomorrow}T04:15:00+08:00`), dedupeKey: sweepKey(tomorrow) },
      )
    },
    { transaction: false },
  )
  app.addHook('onReady', async () => {
    await app.jobs.schedule(HOURS_CLOSE_DUE, {}, { dedupeKey: sweepKey(shanghaiDateOf(app.clock.now())) })
  })
}
