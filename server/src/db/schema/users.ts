/** People and the roles they hold. Shared records: a person may act in several communities. */
import { sql } from 'drizzle-orm'
import { boolean, check, date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { idColumn, instant } from '../columns.ts'

export const users = pgTable(
  'users',
  {
    id: idColumn().primaryKey(),
    /** Sign-in name; shown masked to anyone who does not need it. */
    phone: text('phone').notNull(),
    passwordHash: text('password_hash').notNull(),
    realName: text('real_name').notNull(),
    status: text('status', { enum: ['active', 'disabled', 'deleted'] })
      .notNull()
      .default('active'),
    privacyNoticeVersion: text('privacy_notice_version').notNull(),
    privacyConsentedAt: instant('privacy_consented_at').notNull(),
    /** When the phone was proven by an SMS code (registration). */
    phoneVerifiedAt: instant('phone_verified_at'),
    /** 证件类型 for certificates; the number is AES-256-GCM encrypted, never stored in clear. */
    idType: text('id_type', {
      enum: ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent_id'],
    }),
    idNumberEnc: text('id_number_enc'),
    birthDate: date('birth_date', { mode: 'string' }),
    /** 实名核验: which staff member checked the real name against the ID, and when. */
    realNameVerifiedAt: instant('real_name_verified_at'),
    realNameVerifiedBy: uuid('real_name_verified_by'),
    /** A minor under 14 registers only with a guardian's consent. */
    guardianName: text('guardian_name'),
    guardianPhone: text('guardian_phone'),
    guardianConsentAt: instant('guardian_consent_at'),
    /** Residents without a smartphone are told by SMS. */
    hasSmartphone: boolean('has_smartphone').notNull().default(true),
    /** The person asked to have their notifications sent by SMS as well. */
    notifyBySms: boolean('notify_by_sms').notNull().default(false),
    /** The person's language (zh-CN, en) and 长辈模式, chosen on any device: a new sign-in applies them. Null: not chosen yet. */
    locale: text('locale', { enum: ['zh-CN', 'en'] }),
    elderMode: boolean('elder_mode'),
    deletedAt: instant('deleted_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_phone_key').on(t.phone)],
)

export const roleGrants = pgTable(
  'role_grants',
  {
    id: idColumn().primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', {
      enum: ['resident', 'volunteer', 'unit_admin', 'grid_worker', 'community_staff', 'street_admin', 'district_admin'],
    }).notNull(),
    scopeType: text('scope_type', { enum: ['self', 'unit', 'grid', 'community', 'street', 'district'] }).notNull(),
    /** The unit, grid, community, street or district; null for self-scoped roles. */
    scopeId: uuid('scope_id'),
    grantedBy: uuid('granted_by').references(() => users.id),
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    index('role_grants_user_idx').on(t.userId),
    index('role_grants_scope_idx').on(t.scopeType, t.scopeId),
    // One live grant per (person, role, scope).
    uniqueIndex('role_grants_live_key')
      .on(t.userId, t.role, sql`coalesce(${t.scopeId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.revokedAt} is null`),
    check(
      'role_grants_scope_matches_role',
      sql`(${t.role} in ('resident','volunteer') and ${t.scopeType} = 'self' and ${t.scopeId} is null)
        or (${t.role} = 'unit_admin' and ${t.scopeType} = 'unit' and ${t.scopeId} is not null)
        or (${t.role} = 'grid_worker' and ${t.scopeType} = 'grid' and ${t.scopeId} is not null)
        or (${t.role} = 'community_staff' and ${t.scopeType} = 'community' and ${t.scopeId} is not null)
        or (${t.role} = 'street_admin' and ${t.scopeType} = 'street' and ${t.scopeId} is not null)
        or (${t.role} = 'district_admin' and ${t.scopeType} = 'district' and ${t.scopeId} is not null)`,
    ),
  ],
)

export type User = typeof users.$inferSelect
export type RoleGrant = typeof roleGrants.$inferSelect
