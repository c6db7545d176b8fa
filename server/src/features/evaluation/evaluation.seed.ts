/**
 * Demo for closing the loop, run by the demo seed after the projects and hours:
 * - 阳光社区's 社区义诊进小区 (in progress, led by 鼓楼区人民医院) now serves two needs: 王秀英's
 *   own 想测血压血糖 and 郑秋菊's 行动不便希望上门量血压, recorded by the grid worker 陈静 — so when
 *   赵明 posts the hospital's report, 王秀英 rates on her phone and 陈静 records 郑秋菊's rating;
 * - 和平社区's 长者食堂助餐, a routine project that ended two weeks ago, was completed by 吴刚
 *   with a note (no unit claimed it) and is evaluated (its rating window has passed).
 */
import { and, eq, inArray } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { DbOrTx } from '../../db/index.ts'
import { communities, completionReports, grids, needs, projects, users } from '../../db/schema/index.ts'
import type { Sealer } from '../../lib/crypto.ts'
import { searchVector } from '../../lib/search.ts'
import { recordNeedEvents } from '../needs/need-events.ts'

const DAY = 86_400_000

export async function seedEvaluationDemo(db: DbOrTx, now: Date, sealer: Sealer): Promise<void> {
  const phones = ['13900000001', '13900000004', '13900000005', '13900000008', '13900001006']
  const people = new Map(
    (await db.select({ id: users.id, phone: users.phone }).from(users).where(inArray(users.phone, phones))).map((u) => [
      u.phone,
      u.id,
    ]),
  )
  if (phones.some((p) => !people.has(p))) return
  const id = (phone: string) => people.get(phone)!
  const [sunshine] = await db.select().from(communities).where(eq(communities.name, '阳光社区'))
  const [peace] = await db.select().from(communities).where(eq(communities.name, '和平社区'))
  if (!sunshine || !peace) return
  const [grid] = await db
    .select({ id: grids.id })
    .from(grids)
    .where(and(eq(grids.communityId, sunshine.id), eq(grids.name, '第一网格（阳光花园）')))
  const [clinic] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.communityId, sunshine.id), eq(projects.title, '社区义诊进小区')))
  if (!clinic || !grid) return

  const at = (days: number) => new Date(now.getTime() - days * DAY)
  const served = [
    {
      title: '想测血压血糖',
      description: '最近总觉得头晕，想在小区里测测血压和血糖',
      channel: 'online' as const,
      forUserId: id('13900000001'),
      phone: '13900000001',
      forName: null,
      recordedBy: id('13900000001'),
    },
    {
      title: '行动不便，希望上门量血压',
      description: '郑阿姨腿脚不便下楼，希望医护志愿者顺路上门量血压',
      channel: 'grid_visit' as const,
      forUserId: id('13900001006'),
      phone: '13900001006',
      forName: null,
      recordedBy: id('13900000004'),
    },
  ]
  for (const n of served) {
    const needId = newId()
    await db.insert(needs).values({
      communityId: sunshine.id,
      id: needId,
      title: n.title,
      description: n.description,
      category: 'care',
      gridId: grid.id,
      channel: n.channel,
      forUserId: n.forUserId,
      forName: n.forName,
      contactPhoneEnc: sealer.seal(n.phone),
      recordedBy: n.recordedBy,
      state: 'in_service',
      projectId: clinic.id,
      acceptedAt: at(11),
      search: searchVector(n.title, n.description),
      createdAt: at(12),
      updatedAt: at(3),
    })
    const staff = id('13900000005')
    await recordNeedEvents(db, [
      {
        communityId: sunshine.id,
        needId,
        actorId: n.recordedBy,
        action: n.channel === 'online' ? 'submitted' : 'recorded',
        toState: 'submitted',
        at: at(12),
      },
      {
        communityId: sunshine.id,
        needId,
        actorId: staff,
        action: 'accepted',
        fromState: 'submitted',
        toState: 'accepted',
        at: at(11),
      },
      {
        communityId: sunshine.id,
        needId,
        actorId: staff,
        action: 'planned',
        fromState: 'accepted',
        toState: 'planned',
        detail: { projectId: clinic.id, projectTitle: clinic.title },
        at: at(10),
      },
      {
        communityId: sunshine.id,
        needId,
        actorId: staff,
        action: 'in_service',
        fromState: 'planned',
        toState: 'in_service',
        detail: { projectId: clinic.id, projectTitle: clinic.title },
        at: at(3),
      },
    ])
  }

  // 和平社区's canteen: completed by staff with a note two weeks ago; the rating window (10 days
  // in 华林街道) has passed, so it is evaluated.
  const [canteen] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.communityId, peace.id), eq(projects.title, '长者食堂助餐')))
  if (!canteen) return
  const note = '常态化助餐项目本季度结束：共开展 34 次，服务独居老人 600 余人次，社区代为完成总结'
  await db
    .update(projects)
    .set({ state: 'evaluated', completedAt: at(13), completionNote: note, evaluatedAt: at(3) })
    .where(and(eq(projects.communityId, peace.id), eq(projects.id, canteen.id)))
  await db.insert(completionReports).values({
    communityId: peace.id,
    id: newId(),
    projectId: canteen.id,
    kind: 'staff',
    unitId: null,
    authorId: id('13900000008'),
    summary: note,
    peopleServed: 612,
    reviewState: 'published',
    reviewedBy: id('13900000008'),
    reviewedAt: at(13),
    createdAt: at(13),
  })
}
