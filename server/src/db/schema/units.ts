/**
 * Alliance member units (联盟单位) and their rosters are shared records; an alliance and its
 * membership belong to one community (tenant records, keyed by community_id first).
 */
import { boolean, date, foreignKey, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { communityIdColumn, idColumn, instant } from '../columns.ts'
import { communities } from './places.ts'
import { users } from './users.ts'

export const units = pgTable('units', {
  id: idColumn().primaryKey(),
  name: text('name').notNull(),
  /** 结对共建单位 government, or 驻区单位 enterprise / school / hospital / social organisation. */
  kind: text('kind', { enum: ['government', 'enterprise', 'school', 'hospital', 'social_org', 'other'] }).notNull(),
  createdAt: instant('created_at').notNull(),
})

export const unitMembers = pgTable(
  'unit_members',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    isPartyMember: boolean('is_party_member').notNull().default(false),
    status: text('status', { enum: ['invited', 'requested', 'active', 'left'] }).notNull(),
    joinedAt: instant('joined_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.userId] }), index('unit_members_user_idx').on(t.userId)],
)

export const alliances = pgTable(
  'alliances',
  {
    communityId: communityIdColumn().references(() => communities.id),
    id: idColumn(),
    name: text('name').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.id] }), uniqueIndex('alliances_one_per_community').on(t.communityId)],
)

export const allianceUnits = pgTable(
  'alliance_units',
  {
    communityId: communityIdColumn(),
    allianceId: uuid('alliance_id').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** 共驻共建协议书: the date the co-building agreement was signed. */
    agreementSignedOn: date('agreement_signed_on'),
    joinedAt: instant('joined_at').notNull(),
    leftAt: instant('left_at'),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.allianceId, t.unitId] }),
    foreignKey({ columns: [t.communityId, t.allianceId], foreignColumns: [alliances.communityId, alliances.id] }),
    index('alliance_units_unit_idx').on(t.unitId),
  ],
)

export type Unit = typeof units.$inferSelect
export type UnitMember = typeof unitMembers.$inferSelect
export type Alliance = typeof alliances.$inferSelect
export type AllianceUnit = typeof allianceUnits.$inferSelect
