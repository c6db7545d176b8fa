/**
 * The demo's alliance at 阳光社区, run by the demo seed: 刘芳 is its secretary and 赵明 (the
 * hospital) a committee member; its member units take the 轮值副书记 in turn (the first holds this
 * half-year; the hand-over job is scheduled when the app starts); the charter (version 1); the
 * hospital's 共驻共建协议书 signed with a renewal date; a 联席会议 held last month with attendance,
 * minutes and two resolutions (not yet projects: 刘芳 can turn one into a draft) and one planned;
 * 六个一: the party salon is that meeting.
 */
import { termBounds, termOf } from '@linli/shared'
import { and, asc, eq } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { DbOrTx } from '../../db/index.ts'
import {
  allianceCharters,
  allianceDeputyTerms,
  allianceMeetingAttendance,
  allianceMeetings,
  allianceOfficers,
  allianceResolutions,
  allianceRotation,
  allianceSixOnes,
  allianceUnits,
  alliances,
  communities,
  units,
  users,
} from '../../db/schema/index.ts'

const DAY = 86_400_000

export async function seedGovernanceDemo(db: DbOrTx, now: Date): Promise<void> {
  const [sunshine] = await db.select().from(communities).where(eq(communities.name, '阳光社区'))
  if (!sunshine) return
  const [alliance] = await db.select().from(alliances).where(eq(alliances.communityId, sunshine.id))
  const [liu] = await db.select().from(users).where(eq(users.phone, '13900000005'))
  const [zhao] = await db.select().from(users).where(eq(users.phone, '13900000003'))
  const [hospital] = await db.select().from(units).where(eq(units.name, '鼓楼区人民医院'))
  if (!alliance || !liu || !zhao || !hospital) return
  const members = await db
    .select({ unitId: allianceUnits.unitId, name: units.name })
    .from(allianceUnits)
    .innerJoin(units, eq(units.id, allianceUnits.unitId))
    .where(and(eq(allianceUnits.communityId, sunshine.id), eq(allianceUnits.status, 'active')))
    .orderBy(asc(units.name))
  if (members.length === 0) return
  const c = { communityId: sunshine.id, allianceId: alliance.id }

  await db.insert(allianceOfficers).values([
    { ...c, id: newId(), role: 'secretary', name: liu.realName, userId: liu.id, title: '社区党委书记', createdAt: now },
    {
      ...c,
      id: newId(),
      role: 'committee',
      name: zhao.realName,
      userId: zhao.id,
      unitId: hospital.id,
      title: '委员',
      createdAt: new Date(now.getTime() + 1),
    },
  ])
  // The hospital first: it holds this half-year.
  const order = [...members.filter((m) => m.unitId === hospital.id), ...members.filter((m) => m.unitId !== hospital.id)]
  await db.insert(allianceRotation).values(order.map((m, position) => ({ ...c, position, unitId: m.unitId })))
  const term = termOf(now)
  const { startsOn, endsOn, startsAt } = termBounds(term)
  await db
    .insert(allianceDeputyTerms)
    .values({ ...c, term, unitId: order[0]!.unitId, position: 0, startsOn, endsOn, handedOverAt: startsAt })
  await db.insert(allianceCharters).values({
    ...c,
    id: newId(),
    version: 1,
    body: '第一条 本联盟由阳光社区党委牵头，驻区单位党组织共同组成。\n第二条 联盟实行轮值副书记制度，成员单位每半年轮值一次。\n第三条 联盟每季度召开一次联席会议，研究解决群众急难愁盼问题。',
    adoptedOn: '2025-03-01',
    createdBy: liu.id,
    createdAt: now,
  })
  await db
    .update(allianceUnits)
    .set({ agreementRenewsOn: '2029-02-28' })
    .where(and(eq(allianceUnits.communityId, sunshine.id), eq(allianceUnits.unitId, hospital.id)))

  const held = newId()
  const heldAt = new Date(now.getTime() - 30 * DAY)
  await db.insert(allianceMeetings).values([
    {
      ...c,
      id: held,
      title: '第三季度联席会议',
      heldAt,
      place: '阳光社区党群服务中心',
      agenda: '一、通报上季度需求办理情况；二、研究冬季助老服务；三、楼道照明改造',
      minutes: '会议通报了上季度群众需求办理情况，各成员单位围绕冬季助老和楼道照明改造进行了讨论，形成两项决议。',
      state: 'held',
      createdBy: liu.id,
      createdAt: heldAt,
      updatedAt: heldAt,
    },
    {
      ...c,
      id: newId(),
      title: '第四季度联席会议',
      heldAt: new Date(now.getTime() + 14 * DAY),
      place: '阳光社区党群服务中心',
      agenda: '一、轮值副书记述职；二、明年"六个一"安排',
      createdBy: liu.id,
      createdAt: now,
      updatedAt: now,
    },
  ])
  await db.insert(allianceMeetingAttendance).values(
    members.map((m) => ({
      communityId: sunshine.id,
      meetingId: held,
      unitId: m.unitId,
      attendee: m.unitId === hospital.id ? zhao.realName : '',
      present: true,
    })),
  )
  await db.insert(allianceResolutions).values([
    {
      communityId: sunshine.id,
      id: newId(),
      meetingId: held,
      body: '为辖区独居老人开展冬季上门送暖服务',
      createdAt: heldAt,
    },
    {
      communityId: sunshine.id,
      id: newId(),
      meetingId: held,
      body: '年底前完成3号楼老旧楼道照明改造',
      createdAt: new Date(heldAt.getTime() + 1),
    },
  ])
  await db.insert(allianceSixOnes).values({
    ...c,
    term,
    item: 'party_salon',
    linkIds: [held],
    note: '联席会议后开展党建沙龙',
    fulfilledAt: heldAt,
    fulfilledBy: liu.id,
  })
}
