/**
 * Demo certificates in 阳光社区 for the demo volunteer 李志强 (13900000002): a valid one for his
 * approved hours there and an earlier one, revoked with a reason. Run after the hours seed (it
 * reads his approved hour records); without any it seeds nothing.
 */
import { and, eq } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { DbOrTx } from '../../db/index.ts'
import { activities, certificates, communities, hourRecords, users } from '../../db/schema/index.ts'
import { defaultServiceContent } from './certificates.policy.ts'
import { approvedService } from './certificates.repository.ts'
import { newCertificateSerial } from './serial.ts'

const DAY = 86_400_000

export async function seedCertificatesDemo(db: DbOrTx, now: Date): Promise<void> {
  const [sunshine] = await db.select().from(communities).where(eq(communities.name, '阳光社区'))
  const [volunteer] = await db.select().from(users).where(eq(users.phone, '13900000002'))
  const [staff] = await db.select().from(users).where(eq(users.phone, '13900000005'))
  if (!sunshine || !volunteer || !staff) return
  const starts = (
    await db
      .select({ startsAt: activities.startsAt })
      .from(hourRecords)
      .innerJoin(
        activities,
        and(eq(activities.communityId, hourRecords.communityId), eq(activities.id, hourRecords.activityId)),
      )
      .where(
        and(
          eq(hourRecords.communityId, sunshine.id),
          eq(hourRecords.volunteerId, volunteer.id),
          eq(hourRecords.state, 'approved'),
        ),
      )
  ).map((r) => r.startsAt.getTime())
  if (starts.length === 0) return
  // The whole days (Beijing) around his approved service.
  const from = new Date(Math.min(...starts) - DAY)
  const to = new Date(Math.max(...starts) + DAY)
  const service = await approvedService(db, sunshine.id, volunteer.id, from, to)
  if (service.minutes <= 0) return
  const common = {
    communityId: sunshine.id,
    volunteerId: volunteer.id,
    serviceContent: defaultServiceContent(service.titles),
    periodFrom: from,
    periodTo: to,
    personInCharge: '王建国',
    contactPhone: '0591-87654321',
    issuedBy: staff.id,
  }
  await db.insert(certificates).values([
    {
      ...common,
      id: newId(),
      serial: newCertificateSerial(),
      // Issued first with hours that were later corrected, and so revoked.
      minutes: service.minutes + 60,
      issuedAt: new Date(now.getTime() - 3 * DAY),
      state: 'revoked',
      revokeReason: '服务时长有误，已重新出具',
      revokedAt: new Date(now.getTime() - 2 * DAY),
      revokedBy: staff.id,
    },
    {
      ...common,
      id: newId(),
      serial: newCertificateSerial(),
      minutes: service.minutes,
      issuedAt: new Date(now.getTime() - 2 * DAY),
      state: 'valid',
    },
  ])
}
