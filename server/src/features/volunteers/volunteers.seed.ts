/**
 * Demo volunteers, run by the demo seed after the activities: profiles for the demo volunteer
 * 李志强 (a national registry number, 助老 and 电脑维修, weekend mornings) and for the hospital's
 * roster people (Linli numbers issued from the sequence, as the app does); 韩雪梅 and 冯建国,
 * party members of 鼓楼区人民医院, reported in to 阳光社区 — hers confirmed by both sides, his
 * confirmed by the hospital and waiting for the community (刘芳's queue). Everyone here is
 * fictional; the numbers are not real registry numbers.
 */
import type { AvailabilitySlot } from '@linli/shared'
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { DbOrTx } from '../../db/index.ts'
import { communities, dualReports, roleGrants, units, users, volunteerProfiles } from '../../db/schema/index.ts'
import { linliVolunteerNumber } from './volunteers.policy.ts'

const HOUR = 3_600_000

interface DemoProfile {
  phone: string
  /** A national registry number (fictional); none: Linli issues one. */
  national?: string
  skills: string[]
  availability: AvailabilitySlot[]
  isPartyMember: boolean
}

export const DEMO_VOLUNTEER_PROFILES: DemoProfile[] = [
  {
    phone: '13900000002', // 李志强
    national: 'ZYZ35010220230815',
    skills: ['助老', '电脑维修', '智能手机'],
    availability: ['weekend_morning', 'weekday_evening'],
    isPartyMember: false,
  },
  {
    phone: '13900001001', // 韩雪梅, nurse
    skills: ['医护', '测血压', '急救'],
    availability: ['weekend_morning', 'weekend_afternoon'],
    isPartyMember: true,
  },
  {
    phone: '13900001002', // 冯建国, doctor
    skills: ['医护', '义诊', '健康讲座'],
    availability: ['weekday_morning', 'weekend_morning'],
    isPartyMember: true,
  },
  {
    phone: '13900001003', // 蒋晓燕, clerk
    skills: ['智能手机', '文书'],
    availability: ['weekday_evening', 'weekend_afternoon'],
    isPartyMember: false,
  },
]

export async function seedVolunteersDemo(db: DbOrTx, now: Date): Promise<void> {
  const [sunshine] = await db.select().from(communities).where(eq(communities.name, '阳光社区'))
  const [hospital] = await db.select().from(units).where(eq(units.name, '鼓楼区人民医院'))
  if (!sunshine || !hospital) return
  const phones = [...DEMO_VOLUNTEER_PROFILES.map((p) => p.phone), '13900000003', '13900000005']
  const people = new Map(
    (await db.select({ id: users.id, phone: users.phone }).from(users).where(inArray(users.phone, phones))).map((u) => [
      u.phone,
      u.id,
    ]),
  )
  for (const p of DEMO_VOLUNTEER_PROFILES) {
    const userId = people.get(p.phone)
    if (!userId) continue
    let number = p.national ?? null
    if (!number) {
      const { rows } = await db.execute(sql`select nextval('volunteer_number_seq')::text as n`)
      number = linliVolunteerNumber((rows[0] as { n: string }).n)
    }
    await db.insert(volunteerProfiles).values({
      userId,
      volunteerNumber: number,
      volunteerNumberSource: p.national ? 'national' : 'linli',
      skills: p.skills,
      availability: p.availability,
      isPartyMember: p.isPartyMember,
      createdAt: now,
      updatedAt: now,
    })
    // Saving a profile makes the person a volunteer.
    const [grant] = await db
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(and(eq(roleGrants.userId, userId), eq(roleGrants.role, 'volunteer'), isNull(roleGrants.revokedAt)))
    if (!grant) {
      await db
        .insert(roleGrants)
        .values({ userId, role: 'volunteer', scopeType: 'self', scopeId: null, createdAt: now })
    }
  }

  const admin = people.get('13900000003') // 赵明, the hospital's admin
  const staff = people.get('13900000005') // 刘芳, 阳光社区's staff
  const nurse = people.get('13900001001')
  const doctor = people.get('13900001002')
  if (!admin || !staff || !nurse || !doctor) return
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR)
  await db.insert(dualReports).values([
    {
      communityId: sunshine.id,
      id: newId(),
      userId: nurse,
      unitId: hospital.id,
      state: 'confirmed',
      unitConfirmedAt: ago(70),
      unitConfirmedBy: admin,
      communityConfirmedAt: ago(48),
      communityConfirmedBy: staff,
      createdAt: ago(72),
      updatedAt: ago(48),
    },
    {
      communityId: sunshine.id,
      id: newId(),
      userId: doctor,
      unitId: hospital.id,
      state: 'requested',
      unitConfirmedAt: ago(20),
      unitConfirmedBy: admin,
      createdAt: ago(26),
      updatedAt: ago(20),
    },
  ])
}
