/**
 * Notifications as a Fastify plugin: `app.notifications.bus` (features publish inside their
 * transactions), the list and preferences, the live push over GraphQL subscriptions on every
 * instance (LISTEN/NOTIFY), and the SMS copy as a durable job.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { EventBus, NOTIFICATION_SMS_JOB } from './bus.ts'
import { LocalSubscribers, startLiveDelivery } from './live.ts'
import { NotificationsService } from './notifications.service.ts'
import { notificationsResolvers } from './notifications.resolvers.ts'
import { registerNotificationSms } from './sms.ts'

export { type Audience, type BusEvent, EventBus, LIVE_CHANNEL, NOTIFICATION_SMS_JOB } from './bus.ts'

export interface Notifications {
  bus: EventBus
  service: NotificationsService
  /** The personal subscriptions open on this instance. */
  local: LocalSubscribers
}

export const notificationsPlugin = fp(
  async (app: FastifyInstance) => {
    const local = new LocalSubscribers()
    app.decorate('notifications', {
      bus: new EventBus(app.clock, app.jobs),
      service: new NotificationsService(app.db, app.clock),
      local,
    } satisfies Notifications)
    registerNotificationSms(app)
    // A job that works for a community and fails its last try is its staff's to look at.
    app.jobs.onLastFailure(async (tx, job) => {
      // Not for the SMS job itself: a gateway that is down would feed on its own failures.
      if (!job.communityId || job.kind === NOTIFICATION_SMS_JOB) return
      await app.notifications.bus.publish(tx, {
        kind: 'job.failed',
        communityId: job.communityId,
        subject: { type: 'job', id: job.id },
        params: { jobKind: job.kind },
        to: { communityStaff: job.communityId },
      })
    })
    let stop: (() => Promise<void>) | undefined
    app.addHook('onReady', async () => {
      stop = await startLiveDelivery(app, local)
    })
    app.addHook('preClose', async () => {
      await stop?.()
    })
    await app.graphql.extendSchema(loadSdl(import.meta.url, './notifications.graphql'))
    app.graphql.defineResolvers(notificationsResolvers)
  },
  { name: 'notifications', dependencies: ['graphql', 'jobs'] },
)
