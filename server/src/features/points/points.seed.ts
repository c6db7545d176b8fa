/**
 * Demo points, run by the demo seed after the hours:
 * - every approved, points-eligible demo hour record earns as the community's categories say,
 *   posted when it was approved (李志强: 102 points at 和平社区, 3 at 阳光社区; 韩雪梅 too);
 * - 刘芳 gave 李志强 20 points at 阳光社区 for the 重阳节 visits (an adjustment with its reason);
 * - 积分超市 at both communities: a sponsored reward, one with a per-person limit, one sold out;
 * - at 和平社区 李志强 collected a bottle of oil (核销 by 吴刚) and has a reserved thermos cup whose
 *   code he shows at the service hall; 韩雪梅 collected film tickets.
 * No pictures: the demo has no file store to write to (rewards show a placeholder).
 */
import { pointsForMinutes } from '@linli/shared'
import { randomInt } from 'node:crypto'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { DbOrTx, Tx } from '../../db/index.ts'
import { communities, redemptions, rewards, units, users } from '../../db/schema/index.ts'
import { effectiveSettings } from '../settings/settings.service.ts'
import * as ledger from './ledger.ts'

const DAY = 86_400_000
const HOUR = 3_600_000

export async function seedPointsDemo(db: DbOrTx, now: Date): Promise<void> {
  const tx = db as Tx
  const phones = ['13900000002', '13900000005', '13900000008', '13900001001']
  const people = new Map(
    (await tx.select({ id: users.id, phone: users.phone }).from(users).where(inArray(users.phone, phones))).map((u) => [
      u.phone,
      u.id,
    ]),
  )
  if (phones.some((p) => !people.has(p))) return
  const id = (phone: string) => people.get(phone)!
  const [sunshine] = await tx.select().from(communities).where(eq(communities.name, '阳光社区'))
  const [peace] = await tx.select().from(communities).where(eq(communities.name, '和平社区'))
  const [hospital] = await tx.select().from(units).where(eq(units.name, '鼓楼区人民医院'))
  const [library] = await tx.select().from(units).where(eq(units.name, '鼓楼区图书馆'))
  if (!sunshine || !peace || !hospital || !library) return

  // Earnings for the approved hours, in the order they were approved.
  const { rows } = await tx.execute(sql`
    select h.community_id as "communityId", h.id, h.volunteer_id as "volunteerId", h.minutes,
           h.reviewed_by as "reviewedBy", h.reviewed_at as "reviewedAt", p.category
      from hour_records h
      join activities a on a.community_id = h.community_id and a.id = h.activity_id
      join projects p on p.community_id = a.community_id and p.id = a.project_id
     where h.state = 'approved' and h.points_eligible and h.minutes > 0
     order by h.reviewed_at, h.id`)
  const settings = new Map<string, Awaited<ReturnType<typeof effectiveSettings>>>()
  for (const r of rows) {
    const communityId = r.communityId as string
    if (!settings.has(communityId)) settings.set(communityId, await effectiveSettings(tx, communityId))
    const s = settings.get(communityId)!
    const coefficient = s.categories.find((c) => c.code === r.category)?.coefficient ?? 1
    const at = r.reviewedAt instanceof Date ? r.reviewedAt : new Date(r.reviewedAt as string)
    await ledger.credit(
      tx,
      'earn',
      {
        communityId,
        volunteerId: r.volunteerId as string,
        actorId: r.reviewedBy as string,
        now: at,
        hourRecordId: r.id as string,
      },
      pointsForMinutes(Number(r.minutes), coefficient),
      s.pointsExpiryRule,
    )
  }

  // 刘芳's thanks for the 重阳节 visits.
  await ledger.credit(
    tx,
    'adjust',
    {
      communityId: sunshine.id,
      volunteerId: id('13900000002'),
      actorId: id('13900000005'),
      now: new Date(now.getTime() - 2 * DAY),
      reason: '重阳节走访独居老人表现突出，社区表彰',
    },
    20,
    'never',
  )

  const reward = async (
    communityId: string,
    createdBy: string,
    r: { name: string; description: string; price: number; stock: number; limit?: number; sponsor?: string },
  ) => {
    const rewardId = newId()
    const at = new Date(now.getTime() - 30 * DAY)
    await tx.insert(rewards).values({
      communityId,
      id: rewardId,
      name: r.name,
      description: r.description,
      price: r.price,
      stock: r.stock,
      perPersonLimit: r.limit ?? null,
      sponsorUnitId: r.sponsor ?? null,
      createdBy,
      createdAt: at,
      updatedAt: at,
    })
    return rewardId
  }
  const liu = id('13900000005')
  const wu = id('13900000008')
  await reward(sunshine.id, liu, {
    name: '爱心理发券',
    description: '社区理发室理发一次，凭兑换码到社区服务大厅领取。',
    price: 5,
    stock: 50,
    limit: 2,
  })
  await reward(sunshine.id, liu, { name: '洗衣液 2kg', description: '家用洗衣液一桶。', price: 10, stock: 20 })
  await reward(sunshine.id, liu, {
    name: '社区健康体检套餐',
    description: '鼓楼区人民医院提供的基础体检一次（血常规、血压、血糖）。',
    price: 80,
    stock: 5,
    limit: 1,
    sponsor: hospital.id,
  })
  await reward(sunshine.id, liu, { name: '东北大米 5kg', description: '本月已兑完，下月补货。', price: 30, stock: 0 })
  const oil = await reward(peace.id, wu, { name: '食用油 5L', description: '花生油一桶。', price: 20, stock: 30 })
  const film = await reward(peace.id, wu, {
    name: '电影票两张',
    description: '鼓楼区图书馆公益影院周末场。',
    price: 15,
    stock: 10,
    limit: 1,
    sponsor: library.id,
  })
  const cup = await reward(peace.id, wu, { name: '保温杯', description: '不锈钢保温杯一只。', price: 40, stock: 8 })

  const redeem = async (
    communityId: string,
    rewardId: string,
    volunteerId: string,
    price: number,
    reservedAt: Date,
    fulfilledBy: string | null,
  ) => {
    const redemptionId = newId()
    await ledger.lockPeople(tx, communityId, [volunteerId], reservedAt)
    await tx.insert(redemptions).values({
      communityId,
      id: redemptionId,
      rewardId,
      volunteerId,
      price,
      state: fulfilledBy ? 'fulfilled' : 'reserved',
      code: String(randomInt(0, 100_000_000)).padStart(8, '0'),
      reservedAt,
      pickUpBy: new Date(
        reservedAt.getTime() + (await effectiveSettings(tx, communityId)).redemptionPickupHours * HOUR,
      ),
      fulfilledAt: fulfilledBy ? new Date(reservedAt.getTime() + 5 * HOUR) : null,
      fulfilledBy,
    })
    await tx
      .update(rewards)
      .set({ stock: sql`${rewards.stock} - 1` })
      .where(and(eq(rewards.communityId, communityId), eq(rewards.id, rewardId)))
    await ledger.settleRedemption(
      tx,
      'redeem',
      { communityId, volunteerId, actorId: volunteerId, now: reservedAt, redemptionId },
      price,
    )
  }
  await redeem(peace.id, oil, id('13900000002'), 20, new Date(now.getTime() - 10 * DAY), wu)
  await redeem(peace.id, film, id('13900001001'), 15, new Date(now.getTime() - 6 * DAY), wu)
  await redeem(peace.id, cup, id('13900000002'), 40, new Date(now.getTime() - 20 * HOUR), null)
}
