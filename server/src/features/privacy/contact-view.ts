/**
 * Who viewed whose contact details (个人信息保护法): every place that returns someone else's
 * full phone or address records a `contact.view` in the same transaction as the read.
 */
import type { Ancestry } from '../../access/places.ts'
import type { Clock } from '../../clock.ts'
import type { DbOrTx } from '../../db/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { recordAudit } from '../audit/audit.recorder.ts'

export async function auditContactView(
  tx: DbOrTx,
  clock: Clock,
  viewer: Viewer,
  personId: string,
  place: Partial<Ancestry>,
  reason?: string | null,
): Promise<void> {
  await recordAudit(tx, clock, {
    actorId: viewer.userId,
    action: 'contact.view',
    targetType: 'user',
    targetId: personId,
    place,
    reason: reason ?? null,
  })
}
