/**
 * The audit trail: every administrative change (who, what, when, before and after) and every
 * view of a resident's contact details. Each event carries the places (and unit) it belongs
 * to, so the admin of any enclosing scope can browse it with one indexed filter.
 */
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { idColumn, instant } from '../columns.ts'

export const auditEvents = pgTable(
  'audit_events',
  {
    id: idColumn().primaryKey(),
    at: instant('at').notNull(),
    actorId: uuid('actor_id'),
    /** e.g. `community.create`, `role.grant`, `setting.set`, `contact.view`. */
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id'),
    districtId: uuid('district_id'),
    streetId: uuid('street_id'),
    communityId: uuid('community_id'),
    unitId: uuid('unit_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    /** Why (a reason the actor gave), where the action asks for one. */
    reason: text('reason'),
  },
  (t) => [
    index('audit_district_idx').on(t.districtId, t.at),
    index('audit_street_idx').on(t.streetId, t.at),
    index('audit_community_idx').on(t.communityId, t.at),
    index('audit_unit_idx').on(t.unitId, t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
  ],
)

export type AuditEvent = typeof auditEvents.$inferSelect
