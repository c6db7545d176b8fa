/**
 * Alliance governance (issue 9): officers, the rotating deputy secretary's terms, the charter's
 * versions, joint meetings (联席会议) with attendance and resolutions, and the deputy's "六个一".
 * Tenant records of the alliance's community: `community_id` leads every key.
 */
import { SIX_ONE_ITEMS } from '@linli/shared'
import { boolean, date, foreignKey, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { communityIdColumn, idColumn, instant } from '../columns.ts'
import { alliances, units } from './units.ts'
import { users } from './users.ts'

const allianceKey = (t: { communityId: never; allianceId: never }) =>
  foreignKey({ columns: [t.communityId, t.allianceId], foreignColumns: [alliances.communityId, alliances.id] })

/** The secretary and the committee members (the deputy is the rotation's). */
export const allianceOfficers = pgTable(
  'alliance_officers',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    allianceId: uuid('alliance_id').notNull(),
    role: text('role', { enum: ['secretary', 'committee'] }).notNull(),
    name: text('name').notNull(),
    /** Their account, when they have one. */
    userId: uuid('user_id').references(() => users.id),
    unitId: uuid('unit_id').references(() => units.id),
    title: text('title').notNull().default(''),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.id] }), allianceKey(t as never)],
)

/** The order in which member units take the deputy secretary's chair (轮值副书记). */
export const allianceRotation = pgTable(
  'alliance_rotation',
  {
    communityId: communityIdColumn(),
    allianceId: uuid('alliance_id').notNull(),
    position: integer('position').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.allianceId, t.position] }),
    uniqueIndex('alliance_rotation_unit_key').on(t.communityId, t.allianceId, t.unitId),
    allianceKey(t as never),
  ],
)

/** A half-year term of the deputy secretary: written when it begins (the hand-over job). */
export const allianceDeputyTerms = pgTable(
  'alliance_deputy_terms',
  {
    communityId: communityIdColumn(),
    allianceId: uuid('alliance_id').notNull(),
    /** `2026H2`. */
    term: text('term').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** Its place in the rotation when the term began. */
    position: integer('position').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    handedOverAt: instant('handed_over_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.allianceId, t.term] }), allianceKey(t as never)],
)

/** The charter (章程): every version kept, the highest in force. */
export const allianceCharters = pgTable(
  'alliance_charters',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    allianceId: uuid('alliance_id').notNull(),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    adoptedOn: date('adopted_on').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    uniqueIndex('alliance_charters_version_key').on(t.communityId, t.allianceId, t.version),
    allianceKey(t as never),
  ],
)

/** 联席会议: planned, then held with attendance, minutes and resolutions. */
export const allianceMeetings = pgTable(
  'alliance_meetings',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    allianceId: uuid('alliance_id').notNull(),
    title: text('title').notNull(),
    heldAt: instant('held_at').notNull(),
    place: text('place').notNull().default(''),
    agenda: text('agenda').notNull().default(''),
    minutes: text('minutes').notNull().default(''),
    state: text('state', { enum: ['planned', 'held'] })
      .notNull()
      .default('planned'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.id] }), allianceKey(t as never)],
)

export const allianceMeetingAttendance = pgTable(
  'alliance_meeting_attendance',
  {
    communityId: communityIdColumn(),
    meetingId: uuid('meeting_id').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    attendee: text('attendee').notNull().default(''),
    present: boolean('present').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.meetingId, t.unitId] }),
    foreignKey({
      columns: [t.communityId, t.meetingId],
      foreignColumns: [allianceMeetings.communityId, allianceMeetings.id],
    }),
  ],
)

/** A meeting's resolution; turned into a draft project in one step (then `project_id`). */
export const allianceResolutions = pgTable(
  'alliance_resolutions',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    meetingId: uuid('meeting_id').notNull(),
    body: text('body').notNull(),
    projectId: uuid('project_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    foreignKey({
      columns: [t.communityId, t.meetingId],
      foreignColumns: [allianceMeetings.communityId, allianceMeetings.id],
    }),
  ],
)

/** 六个一 of a deputy's term: each item linked to what fulfils it. */
export const allianceSixOnes = pgTable(
  'alliance_six_ones',
  {
    communityId: communityIdColumn(),
    allianceId: uuid('alliance_id').notNull(),
    term: text('term').notNull(),
    item: text('item', { enum: SIX_ONE_ITEMS as [string, ...string[]] }).notNull(),
    /** Activities, meetings, needs or resolutions (by the item's kind). */
    linkIds: uuid('link_ids').array().notNull(),
    note: text('note').notNull().default(''),
    fulfilledAt: instant('fulfilled_at').notNull(),
    fulfilledBy: uuid('fulfilled_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.allianceId, t.term, t.item] }), allianceKey(t as never)],
)
