/**
 * Demo notifications, run by the demo seed inside its transaction, consistent with the demo's
 * state: the hospital's admin has a join request to look at, its invitee an invitation, 阳光社区's
 * staff a unit's answer; 郑秋菊 has no smartphone and was told by SMS. Oldest first (ids are
 * time-ordered, the list shows the newest first).
 */
import type { NotificationKind, NotificationParams } from '@linli/shared'
import { eq, inArray } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { DbOrTx } from '../../db/index.ts'
import { communities, notifications, units, users } from '../../db/schema/index.ts'

const HOUR = 3_600_000

interface DemoNotice {
  phone: string
  kind: NotificationKind
  params: NotificationParams
  subject?: 'hospital' | 'socialWork'
  community?: boolean
  hoursAgo: number
  read?: boolean
  sms?: boolean
}

const NOTICES: DemoNotice[] = [
  {
    phone: '13900000003',
    kind: 'role.granted',
    params: { role: 'unit_admin', placeName: '鼓楼区人民医院' },
    hoursAgo: 168,
    read: true,
  },
  {
    phone: '13900000005',
    kind: 'role.granted',
    params: { role: 'community_staff', placeName: '阳光社区' },
    community: true,
    hoursAgo: 168,
    read: true,
  },
  {
    phone: '13900001001',
    kind: 'unit.joined',
    params: { unitName: '鼓楼区人民医院' },
    subject: 'hospital',
    hoursAgo: 144,
    read: true,
  },
  { phone: '13900001006', kind: 'account.password_reset', params: {}, community: true, hoursAgo: 48, sms: true },
  {
    phone: '13900000004',
    kind: 'role.granted',
    params: { role: 'grid_worker', placeName: '第一网格（阳光花园）' },
    community: true,
    hoursAgo: 26,
  },
  {
    phone: '13900001005',
    kind: 'unit.member_invited',
    params: { unitName: '鼓楼区人民医院' },
    subject: 'hospital',
    hoursAgo: 24,
  },
  {
    phone: '13900000005',
    kind: 'alliance.answered',
    params: { unitName: '阳光社工服务中心', communityName: '阳光社区', answer: 'accepted' },
    subject: 'socialWork',
    community: true,
    hoursAgo: 3,
  },
  {
    phone: '13900000003',
    kind: 'unit.join_requested',
    params: { unitName: '鼓楼区人民医院' },
    subject: 'hospital',
    hoursAgo: 2,
  },
]

export async function seedNotificationsDemo(db: DbOrTx, now: Date): Promise<void> {
  const people = await db
    .select({ id: users.id, phone: users.phone })
    .from(users)
    .where(inArray(users.phone, [...new Set(NOTICES.map((n) => n.phone))]))
  const byPhone = new Map(people.map((p) => [p.phone, p.id]))
  const [sunshine] = await db.select().from(communities).where(eq(communities.name, '阳光社区'))
  const unitRows = await db
    .select()
    .from(units)
    .where(inArray(units.name, ['鼓楼区人民医院', '阳光社工服务中心']))
  const unitId = {
    hospital: unitRows.find((u) => u.name === '鼓楼区人民医院')?.id,
    socialWork: unitRows.find((u) => u.name === '阳光社工服务中心')?.id,
  }
  // 郑秋菊 (an elderly resident of 阳光花园) has no smartphone: she is told by SMS.
  await db.update(users).set({ hasSmartphone: false }).where(eq(users.phone, '13900001006'))
  const rows = NOTICES.flatMap((n) => {
    const recipientId = byPhone.get(n.phone)
    if (!recipientId) return []
    const at = new Date(now.getTime() - n.hoursAgo * HOUR)
    const subjectId = n.subject ? unitId[n.subject] : undefined
    return [
      {
        id: newId(),
        recipientId,
        eventId: newId(),
        kind: n.kind,
        communityId: n.community ? (sunshine?.id ?? null) : null,
        subjectType: subjectId ? 'unit' : null,
        subjectId: subjectId ?? null,
        params: n.params,
        smsStatus: n.sms ? ('sent' as const) : ('none' as const),
        smsSentAt: n.sms ? at : null,
        createdAt: at,
        readAt: n.read ? new Date(at.getTime() + HOUR) : null,
      },
    ]
  })
  if (rows.length > 0) await db.insert(notifications).values(rows)
}
