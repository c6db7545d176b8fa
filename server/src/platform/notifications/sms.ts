/**
 * `notifications.sms`: the SMS copy of one event, for its recipients who have no smartphone or
 * asked for SMS. Runs outside a transaction (it calls the gateway): each message is marked sent
 * as soon as it leaves, so a retry after a failure sends only the ones still pending; after the
 * last try the rest are marked failed (and the job shows as failed to the community's staff).
 */
import type { NotificationKind, NotificationParams } from '@linli/shared'
import { and, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { notifications, users } from '../../db/schema/index.ts'
import { notificationSmsText } from '../sms/texts.ts'
import { NOTIFICATION_SMS_JOB } from './bus.ts'

const MAX_ATTEMPTS = 5

export function registerNotificationSms(app: FastifyInstance): void {
  app.jobs.register<{ eventId: string }>(
    NOTIFICATION_SMS_JOB,
    async ({ eventId }, { attempt, clock }) => {
      const pending = await app.db
        .select({
          id: notifications.id,
          kind: notifications.kind,
          params: notifications.params,
          phone: users.phone,
          status: users.status,
        })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.recipientId))
        .where(and(eq(notifications.eventId, eventId), eq(notifications.smsStatus, 'pending')))
      let failure: unknown
      for (const n of pending) {
        if (n.status !== 'active') {
          await mark(app, n.id, 'failed')
          continue
        }
        try {
          await app.sms.send(n.phone, notificationSmsText(n.kind as NotificationKind, n.params as NotificationParams))
          await mark(app, n.id, 'sent', clock.now())
        } catch (err) {
          failure = err
          if (attempt >= MAX_ATTEMPTS) await mark(app, n.id, 'failed')
        }
      }
      if (failure) throw failure
    },
    { transaction: false, maxAttempts: MAX_ATTEMPTS, backoff: { baseSeconds: 60, maxSeconds: 3600 } },
  )
}

async function mark(app: FastifyInstance, id: string, status: 'sent' | 'failed', at: Date | null = null) {
  await app.db
    .update(notifications)
    .set({ smsStatus: status, smsSentAt: at })
    .where(and(eq(notifications.id, id), eq(notifications.smsStatus, 'pending')))
}
