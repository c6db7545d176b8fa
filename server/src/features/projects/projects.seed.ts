/**
 * Demo projects and claims in 阳光社区, run by the demo seed after the needs and resources: a
 * published joint project answering a resident's need, claimed by the hospital (it leads, a
 * place is left); a published solo red-education project nobody has claimed yet (the hospital's
 * admin can 点单 it); a joint project two units claimed; one already in progress; a draft.
 * Needs planned into projects get their timeline events.
 */
import type { ClaimState, ProjectState } from '@linli/shared'
import { and, eq, inArray } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { DbOrTx } from '../../db/index.ts'
import { claims, communities, needs, projects, units, users } from '../../db/schema/index.ts'
import { searchVector } from '../../lib/search.ts'
import { recordNeedEvents } from '../needs/need-events.ts'

const DAY = 86_400_000

interface DemoProject {
  title: string
  description: string
  category: string
  mode: 'solo' | 'joint'
  cadence?: 'one_off' | 'routine'
  capacity: number
  volunteerDemand: number
  schedule: string
  state: ProjectState
  startsInDays?: number
  need?: string
  claims?: { unit: string; state: ClaimState; volunteers: number; daysAgo: number }[]
  daysAgo: number
}

const PROJECTS: DemoProject[] = [
  {
    title: '爱心代购送药',
    description: '为行动不便的老人每周代购常用药品并送药上门',
    category: 'elder_care',
    mode: 'joint',
    cadence: 'routine',
    capacity: 2,
    volunteerDemand: 4,
    schedule: '每周三上午',
    state: 'published',
    startsInDays: 5,
    need: '每周代买药品',
    claims: [{ unit: '鼓楼区人民医院', state: 'active', volunteers: 2, daysAgo: 0 }],
    daysAgo: 1,
  },
  {
    title: '红色观影：党史故事会',
    description: '在社区活动室放映红色影片，老党员讲述党史故事',
    category: 'red_education',
    mode: 'solo',
    capacity: 1,
    volunteerDemand: 3,
    schedule: '本月最后一个周六下午',
    state: 'published',
    startsInDays: 12,
    daysAgo: 2,
  },
  {
    title: '智能手机学习课堂',
    description: '教老年人使用智能手机：视频通话、健康码、防诈骗',
    category: 'convenience',
    mode: 'joint',
    capacity: 3,
    volunteerDemand: 6,
    schedule: '每周二、周四下午',
    state: 'published',
    startsInDays: 7,
    claims: [
      { unit: '华林实验小学', state: 'active', volunteers: 4, daysAgo: 2 },
      { unit: '明德科技有限公司', state: 'active', volunteers: 3, daysAgo: 1 },
    ],
    daysAgo: 4,
  },
  {
    title: '社区义诊进小区',
    description: '医护志愿者在阳光花园广场提供测血压、测血糖和健康咨询',
    category: 'care',
    mode: 'joint',
    capacity: 2,
    volunteerDemand: 8,
    schedule: '每月第一个周日上午',
    state: 'in_progress',
    startsInDays: -3,
    claims: [
      { unit: '鼓楼区人民医院', state: 'active', volunteers: 5, daysAgo: 9 },
      { unit: '阳光社工服务中心', state: 'active', volunteers: 3, daysAgo: 8 },
    ],
    daysAgo: 10,
  },
  {
    title: '楼道照明改造',
    description: '与物业协商更换老旧楼道灯，志愿者协助排查',
    category: 'convenience',
    mode: 'solo',
    capacity: 1,
    volunteerDemand: 2,
    schedule: '待定',
    state: 'draft',
    daysAgo: 0,
  },
]

export async function seedProjectsDemo(db: DbOrTx, now: Date): Promise<void> {
  const [sunshine] = await db.select().from(communities).where(eq(communities.name, '阳光社区'))
  const [staff] = await db.select().from(users).where(eq(users.phone, '13900000005'))
  const [admin] = await db.select().from(users).where(eq(users.phone, '13900000003'))
  if (!sunshine || !staff || !admin) return
  const unitNames = [...new Set(PROJECTS.flatMap((p) => (p.claims ?? []).map((c) => c.unit)))]
  const unitRows = await db.select().from(units).where(inArray(units.name, unitNames))
  const unitId = new Map(unitRows.map((u) => [u.name, u.id]))
  const communityId = sunshine.id
  for (const p of PROJECTS) {
    const id = newId()
    const createdAt = new Date(now.getTime() - p.daysAgo * DAY)
    const live = (p.claims ?? []).filter((c) => c.state === 'pending' || c.state === 'active')
    const startsAt = p.startsInDays === undefined ? null : new Date(now.getTime() + p.startsInDays * DAY)
    await db.insert(projects).values({
      communityId,
      id,
      title: p.title,
      description: p.description,
      category: p.category,
      mode: p.mode,
      cadence: p.cadence ?? 'one_off',
      capacity: p.capacity,
      taken: live.length,
      volunteerDemand: p.volunteerDemand,
      startsAt,
      endsAt: startsAt ? new Date(startsAt.getTime() + 3 * 3_600_000) : null,
      schedule: p.schedule,
      state: p.state === 'published' && live.length >= p.capacity ? 'claimed' : p.state,
      createdBy: staff.id,
      publishedAt: p.state === 'draft' ? null : createdAt,
      startedAt: p.state === 'in_progress' ? startsAt : null,
      search: searchVector(p.title, p.description),
      createdAt,
      updatedAt: createdAt,
    })
    for (const c of p.claims ?? []) {
      const uid = unitId.get(c.unit)
      if (!uid) continue
      await db.insert(claims).values({
        communityId,
        id: newId(),
        projectId: id,
        unitId: uid,
        state: c.state,
        volunteers: c.volunteers,
        claimedBy: c.unit === '鼓楼区人民医院' ? admin.id : staff.id,
        createdAt: new Date(now.getTime() - c.daysAgo * DAY - 60_000),
      })
    }
    if (!p.need) continue
    const [need] = await db
      .select()
      .from(needs)
      .where(and(eq(needs.communityId, communityId), eq(needs.title, p.need), eq(needs.state, 'accepted')))
    if (!need) continue
    await db
      .update(needs)
      .set({ projectId: id, state: 'planned', updatedAt: createdAt })
      .where(and(eq(needs.communityId, communityId), eq(needs.id, need.id)))
    await recordNeedEvents(db, [
      {
        communityId,
        needId: need.id,
        actorId: staff.id,
        action: 'project_attached',
        detail: { projectId: id, projectTitle: p.title },
        at: createdAt,
      },
      {
        communityId,
        needId: need.id,
        actorId: staff.id,
        action: 'planned',
        fromState: 'accepted',
        toState: 'planned',
        detail: { projectId: id, projectTitle: p.title },
        at: new Date(createdAt.getTime() + 60_000),
      },
      ...(p.claims ?? []).map((c) => ({
        communityId,
        needId: need.id,
        actorId: c.unit === '鼓楼区人民医院' ? admin.id : staff.id,
        action: 'unit_claimed' as const,
        detail: { projectId: id, projectTitle: p.title, unitName: c.unit, claimState: c.state },
        at: new Date(now.getTime() - c.daysAgo * DAY),
      })),
    ])
  }
}
