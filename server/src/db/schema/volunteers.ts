/**
 * Volunteers and their service (issue 6): activities (shifts) of projects and sign-ups with a
 * waitlist. Tenant records: `community_id` leads every key. The activity row holds the counts
 * its sign-ups contend for (confirmed ≤ slots, a CHECK); a volunteer holds at most one live
 * sign-up per activity (partial UNIQUE); waitlist positions are kept gapless by the service
 * under the activity's row lock.
 */
import {
  activityMachine,
  certificateMachine,
  dualReportMachine,
  hourRecordMachine,
  noShowMarkMachine,
  signUpMachine,
} from '@linli/shared'
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { communityIdColumn, idColumn, instant, statesEnum } from '../columns.ts'
import { communities } from './places.ts'
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

/** Numbers Linli issues to volunteers without a national registry number (LL + 8 digits). */
export const volunteerNumberSeq = pgSequence('volunteer_number_seq', { startWith: 10000001 })

/**
 * A volunteer's profile: a shared record (a person serves in several communities). The national
 * registry's number where they have one, else one Linli issues; skills and availability for
 * suggestions; the party-member flag that 双报到 builds on. ID type and number live on `users`.
 */
export const volunteerProfiles = pgTable(
  'volunteer_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    volunteerNumber: text('volunteer_number').notNull(),
    volunteerNumberSource: text('volunteer_number_source', { enum: ['national', 'linli'] }).notNull(),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    availability: text('availability')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    isPartyMember: boolean('is_party_member').notNull().default(false),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('volunteer_profiles_number_key').on(t.volunteerNumber)],
)

/**
 * 双报到: a party member reports in to a residential community (the tenant) with their employer
 * unit. Confirmed once the unit's admin (employment) and the community's staff (report-in) both
 * have. One live report per member and year-round (partial UNIQUE).
 */
export const dualReports = pgTable(
  'dual_reports',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    state: text('state', { enum: statesEnum(dualReportMachine.states) })
      .notNull()
      .default('requested'),
    unitConfirmedAt: instant('unit_confirmed_at'),
    unitConfirmedBy: uuid('unit_confirmed_by').references(() => users.id),
    communityConfirmedAt: instant('community_confirmed_at'),
    communityConfirmedBy: uuid('community_confirmed_by').references(() => users.id),
    rejectReason: text('reject_reason'),
    endedAt: instant('ended_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    foreignKey({ columns: [t.communityId], foreignColumns: [communities.id] }),
    uniqueIndex('dual_reports_one_live')
      .on(t.userId)
      .where(sql`${t.state} in ('requested', 'confirmed')`),
    index('dual_reports_unit_idx').on(t.unitId, t.state),
  ],
)

/**
 * 服务时长记录: one volunteer's hours at one activity. Opened by a check-in (scanned, typed, or on
 * site by staff or the leader), closed by a check-out or, forgotten, at the window's end
 * (`auto_closed`). 补录 (`back_fill`) records are entered after the fact and earn no points.
 * A correction is a new record (`replaces_id`) that voids the approved one; an approved record is
 * never edited. At most one live (pending or approved) record per volunteer and activity.
 */
export const hourRecords = pgTable(
  'hour_records',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    activityId: uuid('activity_id').notNull(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => users.id),
    signUpId: uuid('sign_up_id'),
    state: text('state', { enum: statesEnum(hourRecordMachine.states) })
      .notNull()
      .default('pending'),
    source: text('source', { enum: ['check_in', 'on_site', 'back_fill', 'correction'] }).notNull(),
    checkInAt: instant('check_in_at'),
    /** Null while the volunteer is still checked in. */
    checkOutAt: instant('check_out_at'),
    /** Credited minutes (clipped, capped, 0 below the threshold); null while open. */
    minutes: integer('minutes'),
    /** The clipped span before cap and threshold; null while open. */
    spanMinutes: integer('span_minutes'),
    autoClosed: boolean('auto_closed').notNull().default(false),
    capped: boolean('capped').notNull().default(false),
    belowThreshold: boolean('below_threshold').notNull().default(false),
    /** False for back-filled hours (and corrections of them): they count for hours and stars only. */
    pointsEligible: boolean('points_eligible').notNull().default(true),
    /** Why it was back-filled or corrected. */
    reason: text('reason'),
    rejectReason: text('reject_reason'),
    /** The approved record this correction voided. */
    replacesId: uuid('replaces_id'),
    /** The correction that voided this one. */
    voidedById: uuid('voided_by_id'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: instant('reviewed_at'),
    /** Who recorded it: the volunteer (scan/typed), staff or the leader (on site, back-fill, correction). */
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    foreignKey({ columns: [t.communityId, t.activityId], foreignColumns: [activities.communityId, activities.id] }),
    uniqueIndex('hour_records_one_live')
      .on(t.communityId, t.activityId, t.volunteerId)
      .where(sql`${t.state} in ('pending', 'approved')`),
    index('hour_records_volunteer_idx').on(t.volunteerId, t.state),
    index('hour_records_queue_idx').on(t.communityId, t.state, t.createdAt),
    check('hour_records_minutes_check', sql`${t.minutes} is null or ${t.minutes} >= 0`),
    check('hour_records_closed_check', sql`${t.state} = 'pending' or ${t.minutes} is not null`),
  ],
)

/**
 * 爽约: a confirmed volunteer who did not come. They see it and may contest it; staff clear or
 * uphold it; it fades (stops counting) at `fades_at`, from the community's setting.
 */
export const noShowMarks = pgTable(
  'no_show_marks',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    signUpId: uuid('sign_up_id').notNull(),
    activityId: uuid('activity_id').notNull(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => users.id),
    state: text('state', { enum: statesEnum(noShowMarkMachine.states) })
      .notNull()
      .default('active'),
    markedAt: instant('marked_at').notNull(),
    fadesAt: instant('fades_at').notNull(),
    contestReason: text('contest_reason'),
    contestedAt: instant('contested_at'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: instant('resolved_at'),
    resolutionNote: text('resolution_note'),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    foreignKey({ columns: [t.communityId, t.signUpId], foreignColumns: [signUps.communityId, signUps.id] }),
    uniqueIndex('no_show_marks_sign_up_key').on(t.communityId, t.signUpId),
    index('no_show_marks_volunteer_idx').on(t.volunteerId, t.fadesAt),
  ],
)

/**
 * 志愿服务记录证明 issued by a community for a volunteer's approved hours there. The serial is
 * unguessable (128 random bits) and verifies publicly; the name and ID are read from the person
 * when printing (so a deletion de-identifies the certificate too).
 */
export const certificates = pgTable(
  'certificates',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    serial: text('serial').notNull(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => users.id),
    minutes: integer('minutes').notNull(),
    serviceContent: text('service_content').notNull(),
    periodFrom: instant('period_from').notNull(),
    periodTo: instant('period_to').notNull(),
    personInCharge: text('person_in_charge').notNull(),
    contactPhone: text('contact_phone').notNull(),
    /** 经办人: the staff member who issued it. */
    issuedBy: uuid('issued_by')
      .notNull()
      .references(() => users.id),
    issuedAt: instant('issued_at').notNull(),
    state: text('state', { enum: statesEnum(certificateMachine.states) })
      .notNull()
      .default('valid'),
    revokeReason: text('revoke_reason'),
    revokedAt: instant('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    foreignKey({ columns: [t.communityId], foreignColumns: [communities.id] }),
    uniqueIndex('certificates_serial_key').on(t.serial),
    index('certificates_volunteer_idx').on(t.volunteerId, t.issuedAt),
    check('certificates_minutes_check', sql`${t.minutes} >= 0`),
  ],
)

export type Activity = typeof activities.$inferSelect
export type SignUp = typeof signUps.$inferSelect
export type VolunteerProfile = typeof volunteerProfiles.$inferSelect
export type DualReport = typeof dualReports.$inferSelect
export type HourRecord = typeof hourRecords.$inferSelect
export type NoShowMark = typeof noShowMarks.$inferSelect
export type Certificate = typeof certificates.$inferSelect
