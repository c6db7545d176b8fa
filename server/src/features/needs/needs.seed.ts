/**
 * Demo needs, run by the demo seed inside its transaction: 阳光社区's need list in every
 * triage state, each with its timeline — posted online by 王秀英, recorded on visits by grid
 * worker 陈静 for 郑秋菊 (who has no smartphone) and for neighbours without an account, taken at
 * the service hall by 刘芳; waiting, accepted ten days ago (waiting too long), rejected with a
 * reason, merged, withdrawn, closed. Contact phones and addresses sealed like the app's.
 * Everyone here is fictional.
 */
import type { NeedChannel, NeedState, NeedUrgency } from '@linli/shared'
import { and, eq, inArray } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { DbOrTx } from '../../db/index.ts'
import { communities, grids, needs, residences, users } from '../../db/schema/index.ts'
import type { Sealer } from '../../lib/crypto.ts'
import { searchVector } from '../../lib/search.ts'
import { recordNeedEvents, type NeedEventInput } from './need-events.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

const RESIDENT = '13900000001' // 王秀英
const GRID_WORKER = '13900000004' // 陈静
const STAFF = '13900000005' // 刘芳
const NEIGHBOUR = '13900001006' // 郑秋菊

interface Step {
  /** Who: a demo phone. */
  by: string
  action: 'accepted' | 'rejected' | 'withdrawn' | 'closed' | 'merged'
  daysAgo: number
  reason?: string
}

interface DemoNeed {
  key: string
  title: string
  description: string
  category: string
  grid: string
  urgency: NeedUrgency
  preferredTime?: string
  channel: NeedChannel
  /** A registered person (phone) or someone without an account. */
  forPhone?: string
  forName?: string
  contactPhone?: string
  address?: string
  recordedBy: string
  daysAgo: number
  steps?: Step[]
  mergedInto?: string
}

export const DEMO_NEEDS: DemoNeed[] = [
  {
    key: 'light',
    title: '楼道灯坏了',
    description: '3号楼二单元三楼楼道灯不亮，晚上上下楼很不方便',
    category: 'convenience',
    grid: '第一网格（阳光花园）',
    urgency: 'high',
    preferredTime: '工作日白天',
    channel: 'online',
    forPhone: RESIDENT,
    recordedBy: RESIDENT,
    daysAgo: 2,
  },
  {
    key: 'bath',
    title: '老人助浴服务',
    description: '家里老人八十多岁，行动不便，希望有人定期上门帮忙洗澡',
    category: 'elder_care',
    grid: '第一网格（阳光花园）',
    urgency: 'normal',
    preferredTime: '每周一次',
    channel: 'online',
    forPhone: RESIDENT,
    recordedBy: RESIDENT,
    daysAgo: 11,
    steps: [{ by: STAFF, action: 'accepted', daysAgo: 10 }],
  },
  {
    key: 'phone-class',
    title: '想学用智能手机',
    description: '想学习用手机挂号和视频通话',
    category: 'convenience',
    grid: '第一网格（阳光花园）',
    urgency: 'low',
    channel: 'online',
    forPhone: RESIDENT,
    recordedBy: RESIDENT,
    daysAgo: 6,
    steps: [{ by: RESIDENT, action: 'withdrawn', daysAgo: 5 }],
  },
  {
    key: 'medicine',
    title: '每周代买药品',
    description: '独居，腿脚不便，需要每周帮忙去药店买降压药',
    category: 'elder_care',
    grid: '第一网格（阳光花园）',
    urgency: 'high',
    preferredTime: '周三上午',
    channel: 'grid_visit',
    forPhone: NEIGHBOUR,
    address: '阳光花园8栋101室',
    recordedBy: GRID_WORKER,
    daysAgo: 3,
    steps: [{ by: STAFF, action: 'accepted', daysAgo: 2 }],
  },
  {
    key: 'company',
    title: '独居老人需要陪伴聊天',
    description: '钱大爷独居多年，子女在外地，希望有志愿者定期上门陪伴',
    category: 'care',
    grid: '第一网格（阳光花园）',
    urgency: 'normal',
    preferredTime: '下午',
    channel: 'grid_visit',
    forName: '钱大爷',
    contactPhone: '13800001234',
    address: '阳光花园12栋502室',
    recordedBy: GRID_WORKER,
    daysAgo: 1,
  },
  {
    key: 'pipe',
    title: '家中水管漏水',
    description: '厨房水管接口漏水，自己修不好',
    category: 'convenience',
    grid: '第一网格（阳光花园）',
    urgency: 'urgent',
    channel: 'service_hall',
    forPhone: NEIGHBOUR,
    recordedBy: STAFF,
    daysAgo: 8,
    steps: [{ by: STAFF, action: 'rejected', daysAgo: 7, reason: '属于物业维修范围，已转交物业处理' }],
  },
  {
    key: 'street-light',
    title: '小区楼道照明差',
    description: '阳光花园几栋楼的楼道灯都不太亮',
    category: 'convenience',
    grid: '第一网格（阳光花园）',
    urgency: 'normal',
    channel: 'hotline',
    forName: '孙阿姨',
    contactPhone: '13800005678',
    recordedBy: GRID_WORKER,
    daysAgo: 2,
    steps: [{ by: STAFF, action: 'merged', daysAgo: 1 }],
    mergedInto: 'light',
  },
  {
    key: 'calligraphy',
    title: '社区开设书法班',
    description: '退休后想学书法，希望社区能开一个老年书法班',
    category: 'red_education',
    grid: '第一网格（阳光花园）',
    urgency: 'low',
    preferredTime: '周末上午',
    channel: 'online',
    forPhone: RESIDENT,
    recordedBy: RESIDENT,
    daysAgo: 3,
    steps: [{ by: STAFF, action: 'accepted', daysAgo: 1 }],
  },
  {
    key: 'blood-pressure',
    title: '血压计使用指导',
    description: '子女买了电子血压计，不会用，希望有人上门教一下',
    category: 'elder_care',
    grid: '第一网格（阳光花园）',
    urgency: 'low',
    channel: 'grid_visit',
    forPhone: NEIGHBOUR,
    recordedBy: GRID_WORKER,
    daysAgo: 20,
    steps: [
      { by: STAFF, action: 'accepted', daysAgo: 19 },
      { by: STAFF, action: 'closed', daysAgo: 12, reason: '网格员上门时已教会，无需再安排' },
    ],
  },
  {
    key: 'garbage',
    title: '垃圾清运不及时',
    description: '锦绣小区东门垃圾桶经常满溢，气味很大',
    category: 'governance',
    grid: '第二网格（锦绣小区）',
    urgency: 'normal',
    channel: 'online',
    forPhone: RESIDENT,
    recordedBy: RESIDENT,
    daysAgo: 1,
  },
]

const STATE_AFTER: Record<Step['action'], NeedState> = {
  accepted: 'accepted',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  closed: 'closed',
  merged: 'merged',
}

export async function seedNeedsDemo(tx: DbOrTx, now: Date, sealer: Sealer): Promise<void> {
  const [sunshine] = await tx.select({ id: communities.id }).from(communities).where(eq(communities.name, '阳光社区'))
  if (!sunshine) return
  const phones = [RESIDENT, GRID_WORKER, STAFF, NEIGHBOUR]
  const people = await tx.select({ id: users.id, phone: users.phone }).from(users).where(inArray(users.phone, phones))
  const person = new Map(people.map((p) => [p.phone, p.id]))
  if (phones.some((p) => !person.has(p))) return
  const gridRows = await tx
    .select({ id: grids.id, name: grids.name })
    .from(grids)
    .where(eq(grids.communityId, sunshine.id))
  const homes = await tx
    .select({ userId: residences.userId, addressEnc: residences.addressEnc })
    .from(residences)
    .where(and(eq(residences.communityId, sunshine.id), inArray(residences.userId, [...person.values()])))
  const homeOf = new Map(homes.map((h) => [h.userId, h.addressEnc]))
  const ids = new Map(DEMO_NEEDS.map((n) => [n.key, newId()]))
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY)

  for (const n of DEMO_NEEDS) {
    const id = ids.get(n.key)!
    const forUserId = n.forPhone ? person.get(n.forPhone)! : null
    let state: NeedState = 'submitted'
    const events: NeedEventInput[] = [
      {
        communityId: sunshine.id,
        needId: id,
        actorId: person.get(n.recordedBy)!,
        action: n.channel === 'online' ? 'submitted' : 'recorded',
        toState: 'submitted',
        detail: { channel: n.channel },
        at: at(n.daysAgo),
      },
    ]
    let reason: string | null = null
    let acceptedAt: Date | null = null
    for (const s of n.steps ?? []) {
      const to = STATE_AFTER[s.action]
      const detail: Record<string, string> = s.reason ? { reason: s.reason } : {}
      if (s.action === 'merged') {
        const into = DEMO_NEEDS.find((x) => x.key === n.mergedInto)!
        Object.assign(detail, { intoNeedId: ids.get(into.key)!, intoTitle: into.title })
      }
      events.push({
        communityId: sunshine.id,
        needId: id,
        actorId: person.get(s.by)!,
        action: s.action,
        fromState: state,
        toState: to,
        detail,
        at: at(s.daysAgo),
      })
      if (to === 'accepted') acceptedAt = at(s.daysAgo)
      reason = s.reason ?? reason
      state = to
    }
    const phone = n.contactPhone ?? n.forPhone!
    await tx.insert(needs).values({
      communityId: sunshine.id,
      id,
      title: n.title,
      description: n.description,
      category: n.category,
      gridId: gridRows.find((g) => g.name === n.grid)?.id ?? null,
      urgency: n.urgency,
      preferredTime: n.preferredTime ?? '',
      channel: n.channel,
      forUserId,
      forName: forUserId ? null : n.forName!,
      contactPhoneEnc: sealer.seal(phone),
      addressEnc: n.address ? sealer.seal(n.address) : forUserId ? (homeOf.get(forUserId) ?? null) : null,
      recordedBy: person.get(n.recordedBy)!,
      state,
      reason,
      mergedIntoId: n.mergedInto ? ids.get(n.mergedInto)! : null,
      acceptedAt,
      search: searchVector(n.title, n.description),
      createdAt: at(n.daysAgo),
      updatedAt: events.at(-1)!.at,
    })
    await recordNeedEvents(tx, events)
    const target = n.mergedInto ? ids.get(n.mergedInto) : null
    if (target) {
      await recordNeedEvents(tx, [
        {
          communityId: sunshine.id,
          needId: target,
          actorId: person.get(STAFF)!,
          action: 'merged_in',
          detail: { needId: id, title: n.title },
          at: events.at(-1)!.at,
        },
      ])
    }
  }
}
