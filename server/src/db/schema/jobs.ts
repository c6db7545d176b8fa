/**
 * Durable jobs: scheduled and delayed work kept in the database, claimed by one instance at a
 * time under a lease (see platform/jobs). A job of a community carries its id, so the
 * community's staff see its failures (and a distributed PostgreSQL can place it by tenant);
 * platform jobs have none. Payloads hold ids, never personal data.
 */
import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { idColumn, instant } from '../columns.ts'
import { communities } from './places.ts'

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const

export const jobs = pgTable(
  'jobs',
  {
    id: idColumn().primaryKey(),
    communityId: uuid('community_id').references(() => communities.id),
    /** The registered handler, e.g. `sms_codes.purge`. */
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    /** Due from this instant (the next try's time after a failure). */
    runAt: instant('run_at').notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    /** Tries started so far (counted when claimed, so a crash counts too). */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    /** The last failure: an error code or a short message, no personal data. */
    lastError: text('last_error'),
    /** The instance running it, and until when its lease holds. */
    lockedBy: text('locked_by'),
    lockedUntil: instant('locked_until'),
    /** Scheduling the same key again is a no-op: one job per key, ever. */
    dedupeKey: text('dedupe_key'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    finishedAt: instant('finished_at'),
  },
  (t) => [
    index('jobs_claim_idx').on(t.status, t.runAt),
    index('jobs_community_idx').on(t.communityId, t.status, t.finishedAt),
    uniqueIndex('jobs_dedupe_key_uq')
      .on(t.dedupeKey)
      .where(sql`${t.dedupeKey} is not null`),
    check('jobs_status_check', sql`${t.status} in ('queued', 'running', 'succeeded', 'failed')`),
    check('jobs_attempts_check', sql`${t.attempts} >= 0 and ${t.maxAttempts} >= 1`),
    check('jobs_running_locked', sql`${t.status} <> 'running' or ${t.lockedUntil} is not null`),
  ],
)

export type Job = typeof jobs.$inferSelect
export type JobStatus = Job['status']
