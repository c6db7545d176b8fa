/** SMS verification codes and the history of consents. */
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { idColumn, instant } from '../columns.ts'
import { users } from './users.ts'

/**
 * One code sent by SMS for registration, sign-in or password reset. The phone and the code
 * are kept only as keyed hashes; a code is used once, expires, and allows a few tries.
 */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: idColumn().primaryKey(),
    phoneHash: text('phone_hash').notNull(),
    purpose: text('purpose', { enum: ['register', 'login', 'reset_password'] }).notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    consumedAt: instant('consumed_at'),
  },
  (t) => [index('sms_codes_lookup_idx').on(t.phoneHash, t.purpose, t.createdAt)],
)

/** Every consent given: the privacy notice (by version), a guardian's consent, photo consent. */
export const consents = pgTable(
  'consents',
  {
    id: idColumn().primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['privacy_notice', 'guardian', 'photo'] }).notNull(),
    version: text('version'),
    givenAt: instant('given_at').notNull(),
    withdrawnAt: instant('withdrawn_at'),
  },
  (t) => [index('consents_user_idx').on(t.userId)],
)
