/**
 * Alliance member units (联盟单位) and their rosters are shared records; an alliance and its
 * membership belong to one community (tenant records, keyed by community_id first).
 */
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { communityIdColumn, idColumn, instant } from '../columns.ts'
import { files } from './files.ts'
import { communities } from './places.ts'
import { users } from './users.ts'

export const units = pgTable('units', {
  id: idColumn().primaryKey(),
  name: text('name').notNull(),
  /** 结对共建单位 government, or 驻区单位 enterprise / school / hospital / social organisation. */
  kind: text('kind', { enum: ['government', 'enterprise', 'school', 'hospital', 'social_org', 'other'] }).notNull(),
  /** The unit's logo (a file attached as `unit_logo`), set by the unit's admin. */
  logoFileId: uuid('logo_file_id').references(() => files.id),
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
    status: text('status', { enum: ['invited', 'requested', 'active', 'declined', 'left'] }).notNull(),
    /** Who invited (unit admin) or approved the request. */
    decidedBy: uuid('decided_by').references(() => users.id),
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
    /** The signed agreement (a file attached as `alliance_agreement`). */
    agreementFileId: uuid('agreement_file_id').references(() => files.id),
    /** When the agreement is due for renewal; staff and the unit's admins are reminded once before. */
    agreementRenewsOn: date('agreement_renews_on'),
    /** The renewal date a reminder was sent for (so a job run twice reminds once). */
    agreementRemindedFor: date('agreement_reminded_for'),
    /** `invited`: staff invited an existing unit; its admin accepts. */
    status: text('status', { enum: ['invited', 'active', 'left'] })
      .notNull()
      .default('active'),
    invitedBy: uuid('invited_by').references(() => users.id),
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

/**
 * 志愿服务队: a named group of volunteers under a unit or a community, with a leader. Shared
 * record (PRODUCT.md), owned by exactly one unit or one community.
 */
export const teams = pgTable(
  'teams',
  {
    id: idColumn().primaryKey(),
    unitId: uuid('unit_id').references(() => units.id),
    communityId: uuid('community_id').references(() => communities.id),
    name: text('name').notNull(),
    leaderId: uuid('leader_id').references(() => users.id),
    createdAt: instant('created_at').notNull(),
    archivedAt: instant('archived_at'),
  },
  (t) => [
    index('teams_unit_idx').on(t.unitId),
    index('teams_community_idx').on(t.communityId),
    check('teams_one_owner', sql`(${t.unitId} is null) <> (${t.communityId} is null)`),
  ],
)

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    joinedAt: instant('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.userId)],
)

export type Team = typeof teams.$inferSelect
export type TeamMember = typeof teamMembers.$inferSelect
