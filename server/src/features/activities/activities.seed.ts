/**
 * Demo activities in 阳光社区, run by the demo seed after the projects: the hospital's 义诊 in
 * progress with a full activity and a waitlist (the demo volunteer 李志强 first in line), two
 * classes of 智能手机学习课堂 (he is confirmed for one), and a weekly series of 爱心代购送药 open
 * only to the hospital's members. Counts on each activity equal its sign-ups.
 */
import { and, eq, inArray } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { DbOrTx } from '../../db/index.ts'
import { activities, communities, projects, signUps, units, users } from '../../db/schema/index.ts'

const DAY = 86_400_000
const HOUR = 3_600_000

interface DemoActivity {
  project: string
  title: string
  place: string
  /** Days from now to the start (at the hour given, Beijing time). */
  inDays: number
  hour: number
  hours: number
  slots: number
  skills?: string[]
  leader: string
  /** Only the members of this claiming unit may sign up. */
  onlyUnit?: string
  /** This many weekly activities in one series. */
  weekly?: number
  /** Phones of those signed up, in order: the first `slots` are confirmed, the rest wait in line. */
  signedUp?: string[]
}

const ACTIVITIES: DemoActivity[] = [
  {
    project: '社区义诊进小区',
    title: '阳光花园广场义诊',
    place: '阳光花园中心广场',
    inDays: 4,
    hour: 9,
    hours: 3,
    slots: 3,
    skills: ['医护', '测血压'],
    leader: '13900001001',
    signedUp: ['13900001002', '13900001003', '13900001006', '13900000002', '13900000001'],
  },
  {
    project: '智能手机学习课堂',
    title: '智能手机课堂：视频通话',
    place: '阳光社区党群服务中心二楼活动室',
    inDays: 7,
    hour: 14,
    hours: 2,
    slots: 6,
    skills: ['智能手机'],
    leader: '13900000005',
    signedUp: ['13900000002', '13900001001'],
  },
  {
    project: '智能手机学习课堂',
    title: '智能手机课堂：识别电信诈骗',
    place: '阳光社区党群服务中心二楼活动室',
    inDays: 9,
    hour: 14,
    hours: 2,
    slots: 6,
    leader: '13900000005',
  },
  {
    project: '爱心代购送药',
    title: '每周三代购送药',
    place: '鼓楼区人民医院门诊药房（集合）',
    inDays: 5,
    hour: 9,
    hours: 2,
    slots: 2,
    leader: '13900000003',
    onlyUnit: '鼓楼区人民医院',
    weekly: 4,
    signedUp: ['13900001002'],
  },
]

/** Midnight in Beijing `days` from now, plus `hour` hours, as a UTC instant. */
function beijing(now: Date, days: number, hour: number): Date {
  const offset = 8 * HOUR
  const localMidnight = Math.floor((now.getTime() + offset) / DAY) * DAY
  return new Date(localMidnight - offset + days * DAY + hour * HOUR)
}

export async function seedActivitiesDemo(db: DbOrTx, now: Date): Promise<void> {
  const [sunshine] = await db.select().from(communities).where(eq(communities.name, '阳光社区'))
  const [staff] = await db.select().from(users).where(eq(users.phone, '13900000005'))
  if (!sunshine || !staff) return
  const communityId = sunshine.id
  const phones = [...new Set(ACTIVITIES.flatMap((a) => [a.leader, ...(a.signedUp ?? [])]))]
  const people = new Map(
    (await db.select({ id: users.id, phone: users.phone }).from(users).where(inArray(users.phone, phones))).map((u) => [
      u.phone,
      u.id,
    ]),
  )
  for (const a of ACTIVITIES) {
    const [project] = await db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.communityId, communityId), eq(projects.title, a.project)))
    if (!project) continue
    const [only] = a.onlyUnit ? await db.select({ id: units.id }).from(units).where(eq(units.name, a.onlyUnit)) : []
    const seriesId = a.weekly ? newId() : null
    for (let k = 0; k < (a.weekly ?? 1); k++) {
      const id = newId()
      const startsAt = beijing(now, a.inDays + 7 * k, a.hour)
      // Only the first of a series has sign-ups yet.
      const who = k === 0 ? (a.signedUp ?? []).map((p) => people.get(p)).filter((p): p is string => !!p) : []
      const confirmed = Math.min(who.length, a.slots)
      await db.insert(activities).values({
        communityId,
        id,
        projectId: project.id,
        title: a.title,
        place: a.place,
        startsAt,
        endsAt: new Date(startsAt.getTime() + a.hours * HOUR),
        slots: a.slots,
        confirmed,
        waitlisted: who.length - confirmed,
        requiredSkills: a.skills ?? [],
        leaderId: people.get(a.leader) ?? null,
        signUpDeadline: new Date(startsAt.getTime() - 12 * HOUR),
        restrictedToUnitIds: only ? [only.id] : null,
        seriesId,
        createdBy: staff.id,
        createdAt: now,
        updatedAt: now,
      })
      if (who.length === 0) continue
      await db.insert(signUps).values(
        who.map((volunteerId, i) => ({
          communityId,
          id: newId(),
          activityId: id,
          volunteerId,
          state: i < a.slots ? ('confirmed' as const) : ('waitlisted' as const),
          position: i < a.slots ? null : i - a.slots + 1,
          createdAt: new Date(now.getTime() - (who.length - i) * HOUR),
        })),
      )
    }
  }
}
