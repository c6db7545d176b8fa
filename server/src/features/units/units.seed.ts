/**
 * Demo rosters and teams, run by the demo seed inside its transaction: the hospital's roster
 * (its admin 赵明 and a few fictional colleagues — party members, a pending request, an open
 * invitation), its 医护志愿服务队, and 阳光社区's 阳光红马甲志愿服务队. Everyone here is fictional.
 */
import { PRIVACY_NOTICE_VERSION } from '@linli/shared'
import { and, eq } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { DbOrTx } from '../../db/index.ts'
import { communities, grids, residences, teamMembers, teams, unitMembers, units, users } from '../../db/schema/index.ts'

/** Fictional people on the demo rosters; they sign in with the demo password. */
export const DEMO_UNIT_PEOPLE = [
  { key: 'nurse', phone: '13900001001', realName: '韩雪梅', status: 'active', isPartyMember: true },
  { key: 'doctor', phone: '13900001002', realName: '冯建国', status: 'active', isPartyMember: true },
  { key: 'clerk', phone: '13900001003', realName: '蒋晓燕', status: 'active', isPartyMember: false },
  { key: 'applicant', phone: '13900001004', realName: '沈浩然', status: 'requested', isPartyMember: false },
  { key: 'invitee', phone: '13900001005', realName: '杨慧', status: 'invited', isPartyMember: true },
  { key: 'neighbour', phone: '13900001006', realName: '郑秋菊', status: null, isPartyMember: false },
] as const

export async function seedUnitsDemo(db: DbOrTx, now: Date, passwordHash: string): Promise<void> {
  const [hospital] = await db.select().from(units).where(eq(units.name, '鼓楼区人民医院'))
  const [sunshine] = await db.select().from(communities).where(eq(communities.name, '阳光社区'))
  const [admin] = await db.select().from(users).where(eq(users.phone, '13900000003'))
  if (!hospital || !sunshine || !admin) return
  const [grid] = await db
    .select()
    .from(grids)
    .where(and(eq(grids.communityId, sunshine.id), eq(grids.name, '第一网格（阳光花园）')))

  const ids: Record<string, string> = {}
  for (const p of DEMO_UNIT_PEOPLE) {
    ids[p.key] = newId()
    await db.insert(users).values({
      id: ids[p.key],
      phone: p.phone,
      passwordHash,
      realName: p.realName,
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      privacyConsentedAt: now,
      phoneVerifiedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    if (p.status) {
      await db.insert(unitMembers).values({
        unitId: hospital.id,
        userId: ids[p.key]!,
        status: p.status,
        isPartyMember: p.isPartyMember,
        decidedBy: p.status === 'requested' ? null : admin.id,
        joinedAt: p.status === 'active' ? now : null,
        createdAt: now,
      })
    }
  }
  // 郑秋菊 lives in 阳光花园: a resident, so she may serve on the community's team.
  await db.insert(residences).values({
    communityId: sunshine.id,
    userId: ids.neighbour!,
    gridId: grid?.id ?? null,
    createdAt: now,
    updatedAt: now,
  })

  const medical = newId()
  const redVests = newId()
  await db.insert(teams).values([
    { id: medical, unitId: hospital.id, name: '医护志愿服务队', leaderId: ids.nurse!, createdAt: now },
    { id: redVests, communityId: sunshine.id, name: '阳光红马甲志愿服务队', leaderId: ids.neighbour!, createdAt: now },
  ])
  await db.insert(teamMembers).values([
    { teamId: medical, userId: ids.nurse!, joinedAt: now },
    { teamId: medical, userId: ids.doctor!, joinedAt: now },
    { teamId: medical, userId: ids.clerk!, joinedAt: now },
    { teamId: redVests, userId: ids.neighbour!, joinedAt: now },
    // A hospital doctor serves his alliance community too.
    { teamId: redVests, userId: ids.doctor!, joinedAt: now },
  ])
}
