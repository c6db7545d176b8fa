/**
 * Demo hours, run by the demo seed after the activities (and before the volunteers' and
 * certificates' seeds, which read them):
 * - 和平社区's completed routine project 长者食堂助餐: 34 weekly three-hour shifts up to two weeks
 *   ago; 李志强 served at all of them and 韩雪梅 at 18 — approved by 和平's staff (吴刚). His 102 h
 *   there count for his stars in 阳光社区 too (stars are across communities).
 * - 阳光社区's 社区义诊进小区: last week's 健康咨询 (first session), his and 韩雪梅's hours approved by
 *   刘芳 (105 h in all for him: 1★); yesterday's second session waits in 刘芳's approval queue —
 *   李志强 checked in and out with the code, 韩雪梅 checked in on site, 冯建国 forgot to check out
 *   (closed at the end, flagged), 郑秋菊's hours back-filled with a reason, and 蒋晓燕 did not come:
 *   a no-show mark she contested.
 * Counts on each activity equal its places taken (attended and no-show sign-ups).
 */
import { computeMinutes } from '@linli/shared'
import { and, eq, inArray } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { DbOrTx } from '../../db/index.ts'
import { activities, communities, hourRecords, noShowMarks, projects, signUps, users } from '../../db/schema/index.ts'
import { searchVector } from '../../lib/search.ts'

const DAY = 86_400_000
const HOUR = 3_600_000
const MINUTE = 60_000
const RULES = { perActivityHourCap: null, validityThresholdPercent: null }

/** Midnight in Beijing `days` from now, plus `hour` hours, as a UTC instant. */
function beijing(now: Date, days: number, hour: number): Date {
  const offset = 8 * HOUR
  const localMidnight = Math.floor((now.getTime() + offset) / DAY) * DAY
  return new Date(localMidnight - offset + days * DAY + hour * HOUR)
}

interface Served {
  phone: string
  how: 'check_in' | 'on_site' | 'forgot' | 'back_fill' | 'no_show'
  approved?: boolean
  /** Minutes late in / early out. */
  lateIn?: number
  earlyOut?: number
}

export async function seedHoursDemo(db: DbOrTx, now: Date): Promise<void> {
  const phones = [
    '13900000002',
    '13900000005',
    '13900000008',
    '13900001001',
    '13900001002',
    '13900001003',
    '13900001006',
  ]
  const people = new Map(
    (await db.select({ id: users.id, phone: users.phone }).from(users).where(inArray(users.phone, phones))).map((u) => [
      u.phone,
      u.id,
    ]),
  )
  const id = (phone: string) => people.get(phone)!
  if (phones.some((p) => !people.has(p))) return
  const byName = async (name: string) => (await db.select().from(communities).where(eq(communities.name, name)))[0]
  const sunshine = await byName('阳光社区')
  const peace = await byName('和平社区')
  if (!sunshine || !peace) return

  /** One activity that took place, its sign-ups, records and marks. */
  async function heldActivity(a: {
    communityId: string
    projectId: string
    title: string
    place: string
    startsAt: Date
    hours: number
    leader: string
    staff: string
    served: Served[]
    seriesId?: string | null
  }) {
    const activityId = newId()
    const endsAt = new Date(a.startsAt.getTime() + a.hours * HOUR)
    const createdAt = new Date(a.startsAt.getTime() - 7 * DAY)
    await db.insert(activities).values({
      communityId: a.communityId,
      id: activityId,
      projectId: a.projectId,
      title: a.title,
      place: a.place,
      startsAt: a.startsAt,
      endsAt,
      slots: Math.max(a.served.length, 4),
      confirmed: a.served.length,
      leaderId: id(a.leader),
      signUpDeadline: new Date(a.startsAt.getTime() - 12 * HOUR),
      seriesId: a.seriesId ?? null,
      state: 'completed',
      createdBy: id(a.staff),
      createdAt,
      updatedAt: endsAt,
    })
    for (const s of a.served) {
      const signUpId = newId()
      await db.insert(signUps).values({
        communityId: a.communityId,
        id: signUpId,
        activityId,
        volunteerId: id(s.phone),
        state: s.how === 'no_show' ? 'no_show' : 'attended',
        createdAt: new Date(createdAt.getTime() + HOUR),
      })
      if (s.how === 'no_show') {
        await db.insert(noShowMarks).values({
          communityId: a.communityId,
          id: newId(),
          signUpId,
          activityId,
          volunteerId: id(s.phone),
          state: 'contested',
          markedAt: new Date(endsAt.getTime() + 30 * MINUTE),
          fadesAt: new Date(endsAt.getTime() + 180 * DAY),
          contestReason: '当天孩子发烧，早上给刘老师打过电话请假',
          contestedAt: new Date(endsAt.getTime() + 5 * HOUR),
        })
        continue
      }
      const reviewed = s.approved
        ? { state: 'approved' as const, reviewedBy: id(a.staff), reviewedAt: new Date(endsAt.getTime() + DAY) }
        : {}
      if (s.how === 'back_fill') {
        await db.insert(hourRecords).values({
          communityId: a.communityId,
          id: newId(),
          activityId,
          volunteerId: id(s.phone),
          signUpId,
          source: 'back_fill',
          minutes: 120,
          spanMinutes: 120,
          pointsEligible: false,
          reason: '手机没电未能扫码，领队韩雪梅确认其9:30–11:30在岗',
          createdBy: id(a.staff),
          createdAt: new Date(endsAt.getTime() + 2 * HOUR),
          updatedAt: new Date(endsAt.getTime() + 2 * HOUR),
          ...reviewed,
        })
        continue
      }
      const checkInAt = new Date(a.startsAt.getTime() + (s.lateIn ?? -6) * MINUTE)
      const checkOutAt = s.how === 'forgot' ? endsAt : new Date(endsAt.getTime() - (s.earlyOut ?? -4) * MINUTE)
      const computed = computeMinutes({ startsAt: a.startsAt, endsAt }, checkInAt, checkOutAt, RULES)
      await db.insert(hourRecords).values({
        communityId: a.communityId,
        id: newId(),
        activityId,
        volunteerId: id(s.phone),
        signUpId,
        source: s.how === 'on_site' ? 'on_site' : 'check_in',
        checkInAt,
        checkOutAt,
        ...computed,
        autoClosed: s.how === 'forgot',
        createdBy: s.how === 'on_site' ? id(a.leader) : id(s.phone),
        createdAt: checkInAt,
        updatedAt: checkOutAt,
        ...reviewed,
      })
    }
  }

  // 和平社区: a completed routine project with a long record.
  const canteenId = newId()
  const canteenStart = beijing(now, -14 - 33 * 7, 11)
  await db.insert(projects).values({
    communityId: peace.id,
    id: canteenId,
    title: '长者食堂助餐',
    description: '每周六在和平社区长者食堂协助打餐、送餐上门，陪伴独居老人用餐',
    category: 'care',
    mode: 'solo',
    cadence: 'routine',
    capacity: 1,
    taken: 0,
    volunteerDemand: 4,
    schedule: '每周六 11:00–14:00',
    state: 'completed',
    createdBy: id('13900000008'),
    publishedAt: new Date(canteenStart.getTime() - 14 * DAY),
    startedAt: canteenStart,
    search: searchVector('长者食堂助餐', '每周六在和平社区长者食堂协助打餐、送餐上门，陪伴独居老人用餐'),
    createdAt: new Date(canteenStart.getTime() - 21 * DAY),
    updatedAt: new Date(now.getTime() - 14 * DAY),
  })
  const series = newId()
  for (let k = 0; k < 34; k++) {
    const served: Served[] = [{ phone: '13900000002', how: 'check_in', approved: true }]
    if (k >= 16) served.push({ phone: '13900001001', how: 'check_in', approved: true })
    await heldActivity({
      communityId: peace.id,
      projectId: canteenId,
      title: '长者食堂助餐',
      place: '和平社区长者食堂',
      startsAt: new Date(canteenStart.getTime() + k * 7 * DAY),
      hours: 3,
      leader: '13900000008',
      staff: '13900000008',
      served,
      seriesId: series,
    })
  }

  // 阳光社区: two sessions of the clinic project in progress.
  const [clinic] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.communityId, sunshine.id), eq(projects.title, '社区义诊进小区')))
  if (!clinic) return
  await heldActivity({
    communityId: sunshine.id,
    projectId: clinic.id,
    title: '阳光花园健康咨询（第一场）',
    place: '阳光花园中心广场',
    startsAt: beijing(now, -7, 9),
    hours: 3,
    leader: '13900001001',
    staff: '13900000005',
    served: [
      { phone: '13900000002', how: 'check_in', approved: true },
      { phone: '13900001001', how: 'check_in', approved: true },
    ],
  })
  await heldActivity({
    communityId: sunshine.id,
    projectId: clinic.id,
    title: '阳光花园健康咨询（第二场）',
    place: '阳光花园中心广场',
    startsAt: beijing(now, -1, 9),
    hours: 3,
    leader: '13900001001',
    staff: '13900000005',
    served: [
      { phone: '13900000002', how: 'check_in', lateIn: 5 },
      { phone: '13900001001', how: 'on_site' },
      { phone: '13900001002', how: 'forgot', lateIn: 10 },
      { phone: '13900001006', how: 'back_fill' },
      { phone: '13900001003', how: 'no_show' },
    ],
  })
}
