/**
 * Uploaded files (photos). The bytes live in the file store (platform/storage); this row says
 * who uploaded them, what they are, and which record they belong to. A file is unattached
 * (owner null, visible only to its uploader) until a feature attaches it to its record; a
 * deleted file is kept as a row (deleted_at) and answers 404.
 */
import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { idColumn, instant } from '../columns.ts'
import { communities } from './places.ts'
import { users } from './users.ts'

export const files = pgTable(
  'files',
  {
    id: idColumn().primaryKey(),
    /** Tenant files carry their community; platform files (a unit's logo) have none. */
    communityId: uuid('community_id').references(() => communities.id),
    /** The record it belongs to, e.g. `unit_logo` + the unit's id; null while unattached. */
    ownerType: text('owner_type'),
    ownerId: uuid('owner_id'),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    /** The stored (re-encoded) type: image/jpeg, image/png or image/webp. */
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    width: integer('width'),
    height: integer('height'),
    /** Of the stored bytes, hex. */
    sha256: text('sha256').notNull(),
    /** Where the file store keeps the bytes. */
    storageKey: text('storage_key').notNull(),
    createdAt: instant('created_at').notNull(),
    deletedAt: instant('deleted_at'),
    /** When the purge job removed the bytes of a deleted file (the row stays). */
    purgedAt: instant('purged_at'),
  },
  (t) => [
    index('files_community_idx').on(t.communityId),
    index('files_owner_idx').on(t.ownerType, t.ownerId),
    index('files_uploaded_by_idx').on(t.uploadedBy, t.createdAt),
    check('files_owner_pair', sql`(${t.ownerType} is null) = (${t.ownerId} is null)`),
    check('files_byte_size_check', sql`${t.byteSize} >= 0`),
  ],
)

export type StoredFile = typeof files.$inferSelect
