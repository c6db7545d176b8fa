/** District 区 → street 街道 → community 社区 → grid 网格. Shared records, not tenant records. */
import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { idColumn, instant } from '../columns.ts'

export const districts = pgTable('districts', {
  id: idColumn().primaryKey(),
  name: text('name').notNull(),
  createdAt: instant('created_at').notNull(),
})

export const streets = pgTable(
  'streets',
  {
    id: idColumn().primaryKey(),
    districtId: uuid('district_id')
      .notNull()
      .references(() => districts.id),
    name: text('name').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('streets_district_idx').on(t.districtId)],
)

export const communities = pgTable(
  'communities',
  {
    id: idColumn().primaryKey(),
    streetId: uuid('street_id')
      .notNull()
      .references(() => streets.id),
    name: text('name').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('communities_street_idx').on(t.streetId)],
)

export const grids = pgTable(
  'grids',
  {
    id: idColumn().primaryKey(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id),
    name: text('name').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('grids_community_idx').on(t.communityId)],
)

export type District = typeof districts.$inferSelect
export type Street = typeof streets.$inferSelect
export type Community = typeof communities.$inferSelect
export type Grid = typeof grids.$inferSelect
