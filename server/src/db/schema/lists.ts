/**
 * The three lists and 点单 (PRODUCT.md): resources, needs (with their timeline), projects and
 * claims. Tenant records: `community_id` leads every key. Invariants the services also check
 * are held by the tables: a claim never over capacity (CHECK on the project's taken count), a
 * unit never holds two live claims on one project (partial UNIQUE), a solo project takes one.
 * `search` columns hold the Chinese bigram lexemes of the text (searchTokens in @linli/shared),
 * indexed with GIN.
 */
import { NEED_CHANNELS, NEED_URGENCIES, PROJECT_CADENCES, PROJECT_MODES, RESOURCE_KINDS } from '@linli/shared'
import { claimMachine, needMachine, projectMachine, resourceMachine } from '@linli/shared'
import { sql, type SQL } from 'drizzle-orm'
import {
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { communityIdColumn, idColumn, instant, statesEnum } from '../columns.ts'
import { communities, grids } from './places.ts'
import { units } from './units.ts'
import { users } from './users.ts'

/** A PostgreSQL tsvector, written as `searchVector(...)` (an SQL expression), read only by queries. */
export const tsvector = customType<{ data: string | SQL; driverData: string }>({ dataType: () => 'tsvector' })

export const resources = pgTable(
  'resources',
  {
    communityId: communityIdColumn().references(() => communities.id),
    id: idColumn(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull(),
    kind: text('kind', { enum: RESOURCE_KINDS }).notNull(),
    quantity: integer('quantity'),
    quantityUnit: text('quantity_unit'),
    availability: text('availability').notNull().default(''),
    availableFrom: date('available_from', { mode: 'string' }),
    availableUntil: date('available_until', { mode: 'string' }),
    /** Grids it serves; empty = the whole community. */
    gridIds: uuid('grid_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    state: text('state', { enum: statesEnum(resourceMachine.states) })
      .notNull()
      .default('offered'),
    /** Why staff returned it (state `returned`). */
    returnReason: text('return_reason'),
    offeredBy: uuid('offered_by')
      .notNull()
      .references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    search: tsvector('search').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    index('resources_state_idx').on(t.communityId, t.state),
    index('resources_unit_idx').on(t.unitId),
    index('resources_search_idx').using('gin', t.search).with({ fastupdate: false }),
    check('resources_quantity_check', sql`${t.quantity} is null or ${t.quantity} > 0`),
  ],
)

export const needs = pgTable(
  'needs',
  {
    communityId: communityIdColumn().references(() => communities.id),
    id: idColumn(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    category: text('category').notNull(),
    gridId: uuid('grid_id').references(() => grids.id),
    urgency: text('urgency', { enum: NEED_URGENCIES }).notNull().default('normal'),
    preferredTime: text('preferred_time').notNull().default(''),
    channel: text('channel', { enum: NEED_CHANNELS }).notNull(),
    /** For whom: a registered resident, or a name (and phone) of someone without an account. */
    forUserId: uuid('for_user_id').references(() => users.id),
    forName: text('for_name'),
    /** Contact phone and address, AES-256-GCM sealed; shown only to those PRODUCT.md names. */
    contactPhoneEnc: text('contact_phone_enc'),
    addressEnc: text('address_enc'),
    /** Who entered it: the resident online, or the grid worker / staff member who recorded it. */
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    state: text('state', { enum: statesEnum(needMachine.states) })
      .notNull()
      .default('submitted'),
    /** Rejection or closing reason. */
    reason: text('reason'),
    mergedIntoId: uuid('merged_into_id'),
    projectId: uuid('project_id'),
    acceptedAt: instant('accepted_at'),
    search: tsvector('search').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    index('needs_state_idx').on(t.communityId, t.state, t.id),
    /** The dashboard's open needs by age: an index-only count however many needs are closed. */
    index('needs_open_age_idx')
      .on(t.communityId, t.createdAt)
      .where(sql`${t.state} in ('submitted', 'accepted', 'planned', 'in_service')`),
    index('needs_for_user_idx').on(t.forUserId),
    index('needs_recorded_by_idx').on(t.recordedBy),
    index('needs_project_idx').on(t.communityId, t.projectId),
    index('needs_search_idx').using('gin', t.search).with({ fastupdate: false }),
    check('needs_for_whom', sql`${t.forUserId} is not null or ${t.forName} is not null`),
  ],
)

/** A need's timeline: every event, who did it and when (the resident follows it). */
export const needEvents = pgTable(
  'need_events',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    needId: uuid('need_id').notNull(),
    /** Null when the platform did it (a project's cascade). */
    actorId: uuid('actor_id').references(() => users.id),
    /** submitted, edited, accepted, rejected, merged, withdrawn, closed, planned, in_service, … */
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    /** A reason, the project's title, the need merged into: what a reader needs to understand it. */
    detail: jsonb('detail').$type<Record<string, string | null>>().notNull().default({}),
    at: instant('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    index('need_events_need_idx').on(t.communityId, t.needId, t.id),
    foreignKey({ columns: [t.communityId, t.needId], foreignColumns: [needs.communityId, needs.id] }),
  ],
)

export const projects = pgTable(
  'projects',
  {
    communityId: communityIdColumn().references(() => communities.id),
    id: idColumn(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull(),
    mode: text('mode', { enum: PROJECT_MODES }).notNull(),
    cadence: text('cadence', { enum: PROJECT_CADENCES }).notNull().default('one_off'),
    routineUntil: date('routine_until', { mode: 'string' }),
    /** How many units may hold a live claim; `taken` counts the live claims. */
    capacity: integer('capacity').notNull(),
    taken: integer('taken').notNull().default(0),
    volunteerDemand: integer('volunteer_demand').notNull().default(0),
    startsAt: instant('starts_at'),
    endsAt: instant('ends_at'),
    schedule: text('schedule').notNull().default(''),
    /** Resources staff suggest for it (their ids, in the same community). */
    suggestedResourceIds: uuid('suggested_resource_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    state: text('state', { enum: statesEnum(projectMachine.states) })
      .notNull()
      .default('draft'),
    cancelReason: text('cancel_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    publishedAt: instant('published_at'),
    startedAt: instant('started_at'),
    /** Completed: by the lead unit's report, or by staff with `completionNote`. */
    completedAt: instant('completed_at'),
    completionNote: text('completion_note'),
    /** Evaluated: every served resident rated, the rating window passed, or staff reviewed it. */
    evaluatedAt: instant('evaluated_at'),
    search: tsvector('search').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    index('projects_state_idx').on(t.communityId, t.state, t.id),
    // The market walks open projects newest first and stops after a page.
    index('projects_open_idx')
      .on(t.id)
      .where(sql`${t.state} in ('published', 'claimed')`),
    index('projects_search_idx').using('gin', t.search).with({ fastupdate: false }),
    check('projects_taken_within_capacity', sql`${t.taken} >= 0 and ${t.taken} <= ${t.capacity}`),
    check('projects_capacity_check', sql`${t.capacity} >= 1 and (${t.mode} = 'joint' or ${t.capacity} = 1)`),
  ],
)

export const claims = pgTable(
  'claims',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    projectId: uuid('project_id').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    state: text('state', { enum: statesEnum(claimMachine.states) }).notNull(),
    /** The unit's resources it brings, and how many volunteers. */
    resourceIds: uuid('resource_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    volunteers: integer('volunteers').notNull().default(0),
    note: text('note').notNull().default(''),
    claimedBy: uuid('claimed_by')
      .notNull()
      .references(() => users.id),
    /** Rejection reason (staff), or the project's cancel reason. */
    reason: text('reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    createdAt: instant('created_at').notNull(),
    endedAt: instant('ended_at'),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    foreignKey({ columns: [t.communityId, t.projectId], foreignColumns: [projects.communityId, projects.id] }),
    index('claims_project_idx').on(t.communityId, t.projectId, t.createdAt),
    index('claims_unit_idx').on(t.unitId, t.id),
    // A unit holds at most one live claim on a project, whatever the concurrency.
    uniqueIndex('claims_one_live_per_unit')
      .on(t.communityId, t.projectId, t.unitId)
      .where(sql`${t.state} in ('pending', 'active')`),
    check('claims_volunteers_check', sql`${t.volunteers} >= 0`),
  ],
)

/**
 * Idempotency keys of contended mutations (claim, withdraw; later sign-ups, redemptions): the
 * first request's result is kept, a replay with the same key returns it and changes nothing.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    operation: text('operation').notNull(),
    key: text('key').notNull(),
    /** A hash of the request's input: the same key with another input is refused. */
    requestHash: text('request_hash').notNull(),
    /** What the first request answered (ids to reload it by). */
    result: jsonb('result').$type<Record<string, unknown>>(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.actorId, t.operation, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
)

export type Resource = typeof resources.$inferSelect
export type Need = typeof needs.$inferSelect
export type NeedEvent = typeof needEvents.$inferSelect
export type Project = typeof projects.$inferSelect
export type Claim = typeof claims.$inferSelect
