/**
 * Closing the loop (issue 8): 晒单 — completion reports of the claiming units (the lead's
 * completes the project; staff may complete it with a note) — and 评单 — ratings by the
 * residents served (or a grid worker for them). Both wait for staff review before the community
 * sees them; staff may hide one with a reason. Tenant records: `community_id` leads every key.
 */
import { COMPLETION_REPORT_KINDS, reviewMachine } from '@linli/shared'
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { communityIdColumn, idColumn, instant, statesEnum } from '../columns.ts'
import { needs, projects } from './lists.ts'
import { units } from './units.ts'
import { users } from './users.ts'

/** Staff review: pending until published or hidden with a reason. */
const reviewColumns = () => ({
  reviewState: text('review_state', { enum: statesEnum(reviewMachine.states) })
    .notNull()
    .default('pending_review'),
  hiddenReason: text('hidden_reason'),
  reviewedBy: uuid('reviewed_by').references(() => users.id),
  reviewedAt: instant('reviewed_at'),
  createdAt: instant('created_at').notNull(),
})

export const completionReports = pgTable(
  'completion_reports',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    projectId: uuid('project_id').notNull(),
    kind: text('kind', { enum: COMPLETION_REPORT_KINDS }).notNull(),
    /** The reporting unit; null for staff completing with a note. */
    unitId: uuid('unit_id').references(() => units.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    summary: text('summary').notNull(),
    peopleServed: integer('people_served').notNull().default(0),
    /** The people shown in its photos agreed (required with photos). */
    photoConsent: boolean('photo_consent').notNull().default(false),
    ...reviewColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    foreignKey({ columns: [t.communityId, t.projectId], foreignColumns: [projects.communityId, projects.id] }),
    uniqueIndex('completion_reports_one_per_unit')
      .on(t.communityId, t.projectId, t.unitId)
      .where(sql`${t.unitId} is not null`),
    uniqueIndex('completion_reports_one_staff_note')
      .on(t.communityId, t.projectId)
      .where(sql`${t.kind} = 'staff'`),
    uniqueIndex('completion_reports_one_lead')
      .on(t.communityId, t.projectId)
      .where(sql`${t.kind} = 'lead'`),
    check('completion_reports_unit_kind', sql`(${t.kind} = 'staff') = (${t.unitId} is null)`),
    check('completion_reports_people_served', sql`${t.peopleServed} >= 0`),
    check('completion_reports_hidden_reason', sql`${t.reviewState} <> 'hidden' or ${t.hiddenReason} is not null`),
  ],
)

export const ratings = pgTable(
  'ratings',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    projectId: uuid('project_id').notNull(),
    /** The need served; null for a project without needs (a participant rated). */
    needId: uuid('need_id'),
    /** The resident rating; null when a grid worker recorded it for someone without an account. */
    raterId: uuid('rater_id').references(() => users.id),
    /** Who entered it: the resident, or the grid worker for them. */
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    score: integer('score').notNull(),
    comment: text('comment').notNull().default(''),
    ...reviewColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    foreignKey({ columns: [t.communityId, t.projectId], foreignColumns: [projects.communityId, projects.id] }),
    foreignKey({ columns: [t.communityId, t.needId], foreignColumns: [needs.communityId, needs.id] }),
    index('ratings_project_idx').on(t.communityId, t.projectId),
    // Once each: per need, and per participant of a project without needs.
    uniqueIndex('ratings_once_per_need')
      .on(t.communityId, t.needId)
      .where(sql`${t.needId} is not null`),
    uniqueIndex('ratings_once_per_participant')
      .on(t.communityId, t.projectId, t.raterId)
      .where(sql`${t.needId} is null`),
    check('ratings_score_range', sql`${t.score} between 1 and 5`),
    check('ratings_participant_named', sql`${t.needId} is not null or ${t.raterId} is not null`),
    check('ratings_hidden_reason', sql`${t.reviewState} <> 'hidden' or ${t.hiddenReason} is not null`),
  ],
)

export type CompletionReportRow = typeof completionReports.$inferSelect
export type RatingRow = typeof ratings.$inferSelect
