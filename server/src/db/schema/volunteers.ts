/**
 * Volunteers and their service (issue 6): activities (shifts) of projects and sign-ups with a
 * waitlist. Tenant records: `community_id` leads every key. The activity row holds the counts
 * its sign-ups contend for (confirmed ≤ slots, a CHECK); a volunteer holds at most one live
 * sign-up per activity (partial UNIQUE); waitlist positions are kept gapless by the service
 * under the activity's row lock.
 */
import { activityMachine, signUpMachine } from '@linli/shared'
import { sql } from 'drizzle-orm'
import { check, foreignKey, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { communityIdColumn, idColumn, instant, statesEnum } from '../columns.ts'
import { projects } from './lists.ts'
import { units } from './units.ts'
import { users } from './users.ts'

export const activities = pgTable(
  'activities',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    projectId: uuid('project_id').notNull(),
    title: text('title').notNull(),
    place: text('place').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    /** Volunteer places; `confirmed` of them are taken, `waitlisted` wait in line behind. */
    slots: integer('slots').notNull(),
    confirmed: integer('confirmed').notNull().default(0),
    waitlisted: integer('waitlisted').notNull().default(0),
    requiredSkills: text('required_skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The leader: a member of a claiming unit, or staff. Shows the check-in code. */
    leaderId: uuid('leader_id').references(() => users.id),
    /** Sign-ups close then (default: the start). */
    signUpDeadline: instant('sign_up_deadline').notNull(),
    /** When set, only members of these units (the project's claiming units) may sign up. */
    restrictedToUnitIds: uuid('restricted_to_unit_ids').array(),
    /** Activities of one recurring series share it (routine projects). */
    seriesId: uuid('series_id'),
    state: text('state', { enum: statesEnum(activityMachine.states) })
      .notNull()
      .default('scheduled'),
    cancelReason: text('cancel_reason'),
    /** A unit admin who created it for their claim; null when staff did. */
    unitId: uuid('unit_id').references(() => units.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    foreignKey({ columns: [t.communityId, t.projectId], foreignColumns: [projects.communityId, projects.id] }),
    index('activities_project_idx').on(t.communityId, t.projectId, t.startsAt),
    index('activities_upcoming_idx')
      .on(t.startsAt)
      .where(sql`${t.state} = 'scheduled'`),
    check('activities_slots_check', sql`${t.slots} >= 1`),
    check('activities_confirmed_within_slots', sql`${t.confirmed} >= 0 and ${t.confirmed} <= ${t.slots}`),
    check('activities_waitlisted_check', sql`${t.waitlisted} >= 0`),
    check('activities_window_check', sql`${t.startsAt} < ${t.endsAt}`),
  ],
)

export const signUps = pgTable(
  'sign_ups',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    activityId: uuid('activity_id').notNull(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => users.id),
    state: text('state', { enum: statesEnum(signUpMachine.states) }).notNull(),
    /** 1, 2, … in line while waitlisted; null otherwise. */
    position: integer('position'),
    createdAt: instant('created_at').notNull(),
    promotedAt: instant('promoted_at'),
    cancelledAt: instant('cancelled_at'),
    /** Who signed them up when it was not themselves (staff, the leader, on site). */
    signedUpBy: uuid('signed_up_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    foreignKey({ columns: [t.communityId, t.activityId], foreignColumns: [activities.communityId, activities.id] }),
    index('sign_ups_activity_idx').on(t.communityId, t.activityId, t.state, t.position),
    index('sign_ups_volunteer_idx').on(t.volunteerId, t.createdAt),
    // One live sign-up per volunteer and activity, whatever the concurrency.
    uniqueIndex('sign_ups_one_live')
      .on(t.communityId, t.activityId, t.volunteerId)
      .where(sql`${t.state} in ('confirmed', 'waitlisted')`),
    check('sign_ups_position_iff_waitlisted', sql`(${t.state} = 'waitlisted') = (${t.position} is not null)`),
    check('sign_ups_position_positive', sql`${t.position} is null or ${t.position} >= 1`),
  ],
)

export type Activity = typeof activities.$inferSelect
export type SignUp = typeof signUps.$inferSelect
