/**
 * A year of history for the demo's rankings and dashboards, run by the demo seed after the hours
 * and before the points (so every approved record here earns its points like the rest):
 * - 12 more volunteers of 阳光社区 and 和平社区 (phones 13900002001–12, the demo password), four
 *   of them party members, four on 阳光红马甲志愿服务队;
 * - each community's 邻里互助服务日 project (evaluated), claimed by an allied unit, with two
 *   activities a month for the eleven months before this one, six volunteers each with approved
 *   hours, led by a party member;
 * - residents' needs in each of those months, served and most of them rated, so the dashboard's
 *   needs, match rate, time to service and categories have a year to show.
 * Names are masked for those who do not administer the place, like everyone's.
 */
import { PRIVACY_NOTICE_VERSION } from '@linli/shared'
import { and, eq } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { Tx } from '../../db/index.ts'
import {
  activities,
  allianceUnits,
  claims,
  communities,
  hourRecords,
  needEvents,
  needs,
  projects,
  ratings,
  roleGrants,
  signUps,
  teamMembers,
  teams,
  units,
  users,
  volunteerProfiles,
} from '../../db/schema/index.ts'
import { searchVector } from '../../lib/search.ts'
import { linliVolunteerNumber } from '../volunteers/volunteers.policy.ts'
import { nextVolunteerNumber } from '../volunteers/volunteers.repository.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

const PEOPLE = [
  { name: '宋建国', party: true },
  { name: '唐丽华', party: false },
  { name: '许文杰', party: false },
  { name: '邓秀兰', party: true },
  { name: '冯志刚', party: false },
  { name: '曹桂芳', party: false },
  { name: '彭晓东', party: true },
  { name: '曾美玲', party: false },
  { name: '萧国强', party: false },
  { name: '田淑珍', party: true },
  { name: '董海波', party: false },
  { name: '袁春梅', party: false },
]

const NEEDS = [
  { title: '帮忙更换门锁', category: 'convenience' },
  { title: '独居老人节日探访', category: 'care' },
  { title: '小区垃圾分类宣传', category: 'governance' },
  { title: '医保政策咨询', category: 'policy_outreach' },
  { title: '陪同老人去医院复诊', category: 'care' },
  { title: '红色故事进楼道', category: 'red_education' },
]

/** 09:00 Shanghai on the given day of the month `back` months before `now`. */
function monthDay(now: Date, back: number, day: number, hour = 9): Date {
  const shanghai = new Date(now.getTime() + 8 * HOUR)
  return new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - back, day, hour) - 8 * HOUR)
}

export async function seedRankingsDemo(tx: Tx, now: Date, passwordHash: string): Promise<void> {
  const [sunshine] = await tx.select().from(communities).where(eq(communities.name, '阳光社区'))
  const [peace] = await tx.select().from(communities).where(eq(communities.name, '和平社区'))
  const [redVests] = await tx.select().from(teams).where(eq(teams.name, '阳光红马甲志愿服务队'))
  const staffOf = async (phone: string) =>
    (await tx.select({ id: users.id }).from(users).where(eq(users.phone, phone)))[0]?.id
  const liuFang = await staffOf('13900000005')
  const wuGang = await staffOf('13900000008')
  if (!sunshine || !peace || !liuFang || !wuGang) return

  const people: string[] = []
  for (const [i, p] of PEOPLE.entries()) {
    const id = newId()
    const phone = `139000020${String(i + 1).padStart(2, '0')}`
    const joined = monthDay(now, 12, 1)
    await tx.insert(users).values({
      id,
      phone,
      passwordHash,
      realName: p.name,
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      privacyConsentedAt: joined,
      phoneVerifiedAt: joined,
      createdAt: joined,
      updatedAt: joined,
    })
    await tx
      .insert(roleGrants)
      .values({ id: newId(), userId: id, role: 'volunteer', scopeType: 'self', createdAt: joined })
    await tx.insert(volunteerProfiles).values({
      userId: id,
      volunteerNumber: linliVolunteerNumber(await nextVolunteerNumber(tx)),
      volunteerNumberSource: 'linli',
      isPartyMember: p.party,
      createdAt: joined,
      updatedAt: joined,
    })
    if (redVests && i >= 3 && i < 7)
      await tx.insert(teamMembers).values({ teamId: redVests.id, userId: id, joinedAt: joined })
    people.push(id)
  }

  for (const [c, community] of [sunshine, peace].entries()) {
    const staff = c === 0 ? liuFang : wuGang
    const opened = monthDay(now, 12, 1)
    const project = { id: newId() }
    await tx.insert(projects).values({
      communityId: community.id,
      id: project.id,
      title: '邻里互助服务日',
      description: '每月两次，志愿者为居民提供理发、维修、陪诊、政策咨询等服务',
      category: 'convenience',
      mode: 'solo',
      cadence: 'routine',
      capacity: 1,
      taken: 1,
      volunteerDemand: 6,
      state: 'evaluated',
      createdBy: staff,
      publishedAt: opened,
      startedAt: opened,
      search: searchVector('邻里互助服务日 理发 维修 陪诊'),
      createdAt: opened,
      updatedAt: now,
      completedAt: monthDay(now, 0, 1),
      evaluatedAt: monthDay(now, 0, 1),
    })
    // 阳光社区's is carried by the hospital, 和平社区's by another of its allies.
    const allies = await tx
      .select({ unitId: allianceUnits.unitId, name: units.name })
      .from(allianceUnits)
      .innerJoin(units, eq(units.id, allianceUnits.unitId))
      .where(and(eq(allianceUnits.communityId, community.id), eq(allianceUnits.status, 'active')))
      .orderBy(units.name)
    const ally =
      c === 0
        ? allies.find((a) => a.name === '鼓楼区人民医院')
        : (allies.find((a) => a.name !== '鼓楼区人民医院') ?? allies[0])
    if (ally) {
      await tx.insert(claims).values({
        communityId: community.id,
        id: newId(),
        projectId: project.id,
        unitId: ally.unitId,
        state: 'completed',
        volunteers: 6,
        claimedBy: staff,
        createdAt: opened,
        endedAt: monthDay(now, 0, 1),
      })
    }
    for (let back = 11; back >= 1; back--) {
      for (const day of [8, 22]) {
        const startsAt = monthDay(now, back, day)
        const endsAt = new Date(startsAt.getTime() + 3 * HOUR)
        const activityId = newId()
        const team = people.filter((_, i) => (i + back + day + c) % 2 === 0).slice(0, 6)
        const leader = people[[0, 3, 6, 9][(back + c) % 4]!]!
        await tx.insert(activities).values({
          communityId: community.id,
          id: activityId,
          projectId: project.id,
          title: `邻里互助服务日（${startsAt.getUTCMonth() + 1}月）`,
          place: c === 0 ? '阳光社区党群服务中心' : '和平社区活动室',
          startsAt,
          endsAt,
          slots: 8,
          confirmed: team.length,
          signUpDeadline: startsAt,
          leaderId: leader,
          state: 'completed',
          createdBy: staff,
          createdAt: new Date(startsAt.getTime() - 10 * DAY),
          updatedAt: endsAt,
        })
        for (const [k, volunteerId] of team.entries()) {
          const signUpId = newId()
          await tx.insert(signUps).values({
            communityId: community.id,
            id: signUpId,
            activityId,
            volunteerId,
            state: 'attended',
            createdAt: new Date(startsAt.getTime() - 5 * DAY),
            signedUpBy: volunteerId,
          })
          const minutes = 120 + ((k * 37 + back * 11) % 61)
          await tx.insert(hourRecords).values({
            communityId: community.id,
            id: newId(),
            activityId,
            volunteerId,
            signUpId,
            state: 'approved',
            source: 'check_in',
            checkInAt: startsAt,
            checkOutAt: new Date(startsAt.getTime() + minutes * 60_000),
            minutes,
            spanMinutes: minutes,
            reviewedBy: staff,
            reviewedAt: new Date(endsAt.getTime() + DAY),
            createdBy: volunteerId,
            createdAt: startsAt,
            updatedAt: new Date(endsAt.getTime() + DAY),
          })
        }
      }

      // Residents' needs of the month: accepted, planned, served (a day to a week later), rated.
      for (const [k, n] of NEEDS.entries()) {
        if ((k + back) % 3 === 0 && k > 3) continue
        const createdAt = monthDay(now, back, 2 + k * 4, 10)
        const served = new Date(createdAt.getTime() + (18 + ((k * 29 + back * 13) % 140)) * HOUR)
        const rated = (k + back + c) % 4 !== 0
        const needId = newId()
        await tx.insert(needs).values({
          communityId: community.id,
          id: needId,
          title: n.title,
          description: `${n.title}（居民来电）`,
          category: n.category,
          channel: k % 2 === 0 ? 'hotline' : 'grid_visit',
          forName: `${['钱', '孙', '李', '周', '吴', '郑'][k]}${k % 2 === 0 ? '阿姨' : '大爷'}`,
          recordedBy: staff,
          state: rated ? 'rated' : 'resolved',
          projectId: project.id,
          acceptedAt: new Date(createdAt.getTime() + 2 * HOUR),
          search: searchVector(n.title),
          createdAt,
          updatedAt: served,
        })
        const steps: [string, string, string, Date][] = [
          ['accepted', 'submitted', 'accepted', new Date(createdAt.getTime() + 2 * HOUR)],
          ['planned', 'accepted', 'planned', new Date(createdAt.getTime() + 6 * HOUR)],
          ['in_service', 'planned', 'in_service', served],
          ['resolved', 'in_service', 'resolved', new Date(served.getTime() + 4 * HOUR)],
        ]
        if (rated) steps.push(['rated', 'resolved', 'rated', new Date(served.getTime() + 2 * DAY)])
        for (const [action, from, to, at] of steps) {
          await tx.insert(needEvents).values({
            communityId: community.id,
            id: newId(),
            needId,
            actorId: staff,
            action: action as typeof needEvents.$inferInsert.action,
            fromState: from,
            toState: to,
            at,
          })
        }
        if (rated) {
          await tx.insert(ratings).values({
            communityId: community.id,
            id: newId(),
            projectId: project.id,
            needId,
            recordedBy: staff,
            score: 4 + ((k + back) % 2),
            comment: '志愿者很耐心，谢谢社区',
            reviewState: 'published',
            reviewedBy: staff,
            reviewedAt: new Date(served.getTime() + 3 * DAY),
            createdAt: new Date(served.getTime() + 2 * DAY),
          })
        }
      }
    }
  }
}
