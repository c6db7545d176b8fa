/**
 * Excel in (issue 9): each import of residents and volunteers into a community, with its result
 * and its row-by-row error report, so staff find it again. Tenant records: `community_id` leads.
 */
import { IMPORT_MODES, type ImportRowError } from '@linli/shared'
import { foreignKey, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { communityIdColumn, idColumn, instant } from '../columns.ts'
import { communities } from './places.ts'
import { users } from './users.ts'

export const IMPORT_STATES = ['running', 'done', 'rejected', 'failed'] as const

export const peopleImports = pgTable(
  'people_imports',
  {
    communityId: communityIdColumn(),
    id: idColumn(),
    fileName: text('file_name').notNull(),
    mode: text('mode', { enum: IMPORT_MODES }).notNull(),
    /** running → done (rows imported), rejected (all or nothing, and a row was wrong), failed. */
    state: text('state', { enum: IMPORT_STATES }).notNull().default('running'),
    total: integer('total').notNull().default(0),
    created: integer('created').notNull().default(0),
    /** Rows whose phone was already registered: skipped, nobody added twice. */
    existing: integer('existing').notNull().default(0),
    invalid: integer('invalid').notNull().default(0),
    errors: jsonb('errors').$type<ImportRowError[]>().notNull().default([]),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: instant('created_at').notNull(),
    finishedAt: instant('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.id] }),
    foreignKey({ columns: [t.communityId], foreignColumns: [communities.id] }),
  ],
)
