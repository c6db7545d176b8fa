/** Sign-in state: sessions (refresh-token families), rotated refresh tokens, the login throttle. */
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { idColumn, instant } from '../columns.ts'
import { users } from './users.ts'

/** One signed-in device: the family its refresh tokens rotate within. */
export const sessions = pgTable(
  'sessions',
  {
    id: idColumn().primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    revokedAt: instant('revoked_at'),
    revokedReason: text('revoked_reason', { enum: ['logout', 'reuse_detected', 'password_changed', 'admin'] }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

/** Only the SHA-256 of a refresh token is stored; the token itself is never kept or logged. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: idColumn().primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: instant('created_at').notNull(),
    /** When this token was exchanged for a successor; a later use is a reuse unless within the grace. */
    usedAt: instant('used_at'),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_key').on(t.tokenHash), index('refresh_tokens_session_idx').on(t.sessionId)],
)

/**
 * Failed sign-ins counted per key (phone, address, phone+address) in a fixed window. Kept in
 * the database so every instance sees the same counts. Keys hold a hash, never a phone.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  windowStart: instant('window_start').notNull(),
  failures: integer('failures').notNull(),
})

/** Secrets generated once and shared by every instance (e.g. the JWT key when none is configured). */
export const appSecrets = pgTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: instant('created_at').notNull(),
})
