/**
 * Record an audit event in the same transaction as the change it describes, so a change and
 * its trail commit or roll back together.
 */
import type { Clock } from '../../clock.ts'
import type { Db, DbOrTx } from '../../db/index.ts'
import { auditEvents } from '../../db/schema/index.ts'
import { requireCommunityStaff, type Ancestry } from '../../access/places.ts'
import type { Viewer } from '../../graphql/context.ts'

export interface AuditInput {
  actorId: string | null
  /** `<noun>.<verb>`, e.g. `community.create`, `role.grant`, `setting.set`, `contact.view`. */
  action: string
  targetType: string
  targetId?: string | null
  /** Where the change happened: the place's ancestry and/or a unit. */
  place?: Partial<Ancestry>
  unitId?: string | null
  before?: unknown
  after?: unknown
  reason?: string | null
}

export async function recordAudit(db: DbOrTx, clock: Clock, input: AuditInput): Promise<void> {
  await db.insert(auditEvents).values({
    at: clock.now(),
    actorId: input.actorId,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    districtId: input.place?.districtId ?? null,
    streetId: input.place?.streetId ?? null,
    communityId: input.place?.communityId ?? null,
    unitId: input.unitId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    reason: input.reason ?? null,
  })
}

/**
 * Whole phones in a community list's Excel export: only its staff may have them, and one
 * `export.contacts` event keeps the list, the reason and how many rows went out.
 */
export async function auditContactsExport(
  db: Db,
  clock: Clock,
  viewer: Viewer,
  communityId: string,
  what: { targetType: string; list: string; reason: string; rows: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    const place = await requireCommunityStaff(tx, viewer, communityId)
    await recordAudit(tx, clock, {
      actorId: viewer.userId,
      action: 'export.contacts',
      targetType: what.targetType,
      place,
      after: { list: what.list, reason: what.reason, rows: what.rows },
    })
  })
}
