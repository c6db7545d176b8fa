/**
 * `hours.close_due`: every quarter of an hour, activities whose window and check-out tolerance
 * are over are closed (forgotten check-outs closed at the end and flagged, no-shows marked, the
 * activity completed). Runs outside a transaction: each activity closes in its own.
 */
import type { FastifyInstance } from 'fastify'

export const HOURS_CLOSE_DUE = 'hours.close_due'
const EVERY_MS = 15 * 60_000

const slotOf = (at: Date) => new Date(Math.floor(at.getTime() / EVERY_MS) * EVERY_MS)
const dedupeKey = (slot: Date) => `${HOURS_CLOSE_DUE}:${slot.toISOString()}`

export function registerHoursJobs(app: FastifyInstance): void {
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
      const next = new Date(slotOf(clock.now()).getTime() + EVERY_MS)
      await app.jobs.schedule(HOURS_CLOSE_DUE, {}, { runAt: next, dedupeKey: dedupeKey(next) })
    },
    { transaction: false },
  )
  app.addHook('onReady', async () => {
    await app.jobs.schedule(HOURS_CLOSE_DUE, {}, { dedupeKey: dedupeKey(slotOf(app.clock.now())) })
  })
}
