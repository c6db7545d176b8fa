/**
 * Where a person lives: their residential community (and grid, address). A tenant record —
 * it is how community staff find "their" residents (e.g. to reset an elderly resident's
 * password in person). The address is encrypted like ID numbers.
 */
import { foreignKey, index, pgTable, primaryKey, uuid, text } from 'drizzle-orm/pg-core'
import { communityIdColumn, instant } from '../columns.ts'
import { communities, grids } from './places.ts'
import { users } from './users.ts'

export const residences = pgTable(
  'residences',
  {
    communityId: communityIdColumn(),
    userId: uuid('user_id').notNull(),
    gridId: uuid('grid_id'),
    addressEnc: text('address_enc'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.userId] }),
    foreignKey({ columns: [t.communityId], foreignColumns: [communities.id] }),
    foreignKey({ columns: [t.userId], foreignColumns: [users.id] }),
    foreignKey({ columns: [t.gridId], foreignColumns: [grids.id] }),
    index('residences_user_idx').on(t.userId),
  ],
)

export type Residence = typeof residences.$inferSelect
