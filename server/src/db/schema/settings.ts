/**
 * Community settings with inheritance: a district sets defaults, a street may override them,
 * a community may override those. Keys and value schemas live in `@linli/shared` (SETTINGS).
 */
import { jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { communityIdColumn, instant } from '../columns.ts'
import { communities } from './places.ts'
import { users } from './users.ts'

/** A community's own value for a setting (tenant record). */
export const communitySettings = pgTable(
  'community_settings',
  {
    communityId: communityIdColumn().references(() => communities.id),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.key] })],
)

/** A street's or district's default, inherited by the communities below it. */
export const defaultSettings = pgTable(
  'default_settings',
  {
    scopeType: text('scope_type', { enum: ['district', 'street'] }).notNull(),
    scopeId: uuid('scope_id').notNull(),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scopeType, t.scopeId, t.key] })],
)
