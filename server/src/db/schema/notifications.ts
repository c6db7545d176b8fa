/**
 * What people are told (platform/notifications). One `publish` is one event with an id; it
 * becomes one row per recipient here. The live push (GraphQL subscriptions, on any instance)
 * and the SMS job read these rows, so nothing about a person lives in one server's memory.
 */
import { NOTIFICATION_KINDS, SMS_STATUSES, type NotificationParams } from '@linli/shared'
import { sql } from 'drizzle-orm'
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { idColumn, instant } from '../columns.ts'
import { communities } from './places.ts'
import { users } from './users.ts'

export const notifications = pgTable(
  'notifications',
  {
    id: idColumn().primaryKey(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id),
    /** The publish this row came from: every recipient of one event shares it. */
    eventId: uuid('event_id').notNull(),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    /** The community the event happened in; null for platform events (a unit, a street role). */
    communityId: uuid('community_id').references(() => communities.id),
    /** What it is about, for a link: e.g. `unit` + id. */
    subjectType: text('subject_type'),
    subjectId: uuid('subject_id'),
    /** Display parameters (place and unit names, a role): never another person's data. */
    params: jsonb('params').$type<NotificationParams>().notNull().default({}),
    /** The SMS copy for people without a smartphone or who asked for it. */
    smsStatus: text('sms_status', { enum: SMS_STATUSES }).notNull().default('none'),
    smsSentAt: instant('sms_sent_at'),
    createdAt: instant('created_at').notNull(),
    readAt: instant('read_at'),
  },
  (t) => [
    // The list: newest first per person (UUIDv7 ids are time-ordered).
    index('notifications_recipient_idx').on(t.recipientId, t.id),
    index('notifications_unread_idx')
      .on(t.recipientId)
      .where(sql`${t.readAt} is null`),
    index('notifications_event_idx').on(t.eventId),
  ],
)

export type NotificationRow = typeof notifications.$inferSelect
