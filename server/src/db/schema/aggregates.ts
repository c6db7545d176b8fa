/**
 * District scale (issue 8): rankings and dashboards read these aggregates, never the raw
 * records. Triggers (migration 0017, `agg_*` functions) keep them in the same transaction as
 * the change they count — an approved hour record, a claim, a rating, a ledger entry — so every
 * path that writes those tables, the services' and anyone else's, keeps them true.
 * `agg_rebuild()` recomputes all of them from the records (the district generator uses it after
 * a bulk load; the tests check it equals what the triggers kept).
 *
 * A scope is a community, a street or a district (their ids are unique across the three); a
 * period is `all`, a year `2026` or a month `2026-11` on the Asia/Shanghai calendar.
 * The serving role may only read them (their triggers write as the owner).
 */
import { sql } from 'drizzle-orm'
import { boolean, index, integer, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'

/** Per volunteer, scope and period: approved minutes, activities led, counting no-shows (先锋指数). */
export const aggVolunteers = pgTable(
  'agg_volunteers',
  {
    scopeId: uuid('scope_id').notNull(),
    period: text('period').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    minutes: integer('minutes').notNull().default(0),
    led: integer('led').notNull().default(0),
    noShows: integer('no_shows').notNull().default(0),
    /** A confirmed 双报到 to a community of the scope. */
    dual: boolean('dual').notNull().default(false),
    /** The volunteer's profile says party member. */
    party: boolean('party').notNull().default(false),
    /** 先锋指数 (PIONEER_WEIGHTS in @linli/shared): the order of the pioneer ranking. */
    pioneerScore: numeric('pioneer_score').generatedAlwaysAs(
      sql`round(greatest(0, round(minutes / 60.0, 2) + case when dual then 10 else 0 end + 3 * led - 5 * no_shows), 1)`,
    ),
  },
  (t) => [
    primaryKey({ columns: [t.scopeId, t.period, t.volunteerId] }),
    index('agg_volunteers_hours_idx')
      .on(t.scopeId, t.period, t.minutes.desc(), t.volunteerId)
      .where(sql`minutes > 0`),
    index('agg_volunteers_pioneers_idx')
      .on(t.scopeId, t.period, t.pioneerScore.desc(), t.volunteerId)
      .where(sql`party and (minutes > 0 or led > 0 or no_shows > 0)`),
    index('agg_volunteers_volunteer_idx').on(t.volunteerId),
  ],
)

/** Per unit, scope and period: the columns of the contribution formula. */
export const aggUnits = pgTable(
  'agg_units',
  {
    scopeId: uuid('scope_id').notNull(),
    period: text('period').notNull(),
    unitId: uuid('unit_id').notNull(),
    claims: integer('claims').notNull().default(0),
    /** Approved minutes of its (active) members in the scope. */
    minutes: integer('minutes').notNull().default(0),
    /** Its members with approved minutes in the scope and period. */
    volunteers: integer('volunteers').notNull().default(0),
    people: integer('people').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    ratingCount: integer('rating_count').notNull().default(0),
    resources: integer('resources').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scopeId, t.period, t.unitId] })],
)

/** Per team, scope and period: its members' approved minutes and how many of them served. */
export const aggTeams = pgTable(
  'agg_teams',
  {
    scopeId: uuid('scope_id').notNull(),
    period: text('period').notNull(),
    teamId: uuid('team_id').notNull(),
    minutes: integer('minutes').notNull().default(0),
    served: integer('served').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scopeId, t.period, t.teamId] })],
)

export const aggTeamSizes = pgTable('agg_team_sizes', {
  teamId: uuid('team_id').primaryKey(),
  members: integer('members').notNull().default(0),
})

/** Per community and month (Shanghai): the dashboard's monthly series. */
export const aggCommunityMonths = pgTable(
  'agg_community_months',
  {
    communityId: uuid('community_id').notNull(),
    month: text('month').notNull(),
    /** Approved minutes of activities that started in the month. */
    minutes: integer('minutes').notNull().default(0),
    accepted: integer('accepted').notNull().default(0),
    planned: integer('planned').notNull().default(0),
    /** Needs reaching in_service in the month by hours since submitted: SERVICE_HOURS_BUCKETS. */
    toService: integer('to_service')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.month] })],
)

/**
 * Per community and month (Shanghai): points issued (earn, bonus, adjust) and redeemed (net of
 * refunds). Apart from the months above: only ledger postings write here, after the ledger's own
 * locks, so an approval (hours, then points) never waits in a cycle with another.
 */
export const aggPointsMonths = pgTable(
  'agg_points_months',
  {
    communityId: uuid('community_id').notNull(),
    month: text('month').notNull(),
    issued: integer('issued').notNull().default(0),
    redeemed: integer('redeemed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.month] })],
)

export const aggNeedStates = pgTable(
  'agg_need_states',
  {
    communityId: uuid('community_id').notNull(),
    state: text('state').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.state] })],
)

/** Needs submitted per community, month and category. */
export const aggNeedCategories = pgTable(
  'agg_need_categories',
  {
    communityId: uuid('community_id').notNull(),
    month: text('month').notNull(),
    category: text('category').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.month, t.category] })],
)
