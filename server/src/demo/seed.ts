/**
 * Demo data for an empty database in demo mode: one district, one street, two communities
 * with grids, an alliance of units in each, and one account per role (listed in the README).
 * Later features extend it so every list has a living community.
 */
import { PRIVACY_NOTICE_VERSION, type Role } from '@linli/shared'
import type { FastifyBaseLogger } from 'fastify'
import type { Clock } from '../clock.ts'
import { newId } from '../db/columns.ts'
import type { Db } from '../db/index.ts'
import {
  allianceUnits,
  alliances,
  communities,
  districts,
  grids,
  roleGrants,
  streets,
  unitMembers,
  units,
  users,
} from '../db/schema/index.ts'
import { seedAccountsDemo } from '../features/accounts/accounts.seed.ts'
import { hashPassword } from '../features/auth/passwords.ts'
import { databaseKeySealer, type Sealer } from '../lib/crypto.ts'
import { seedSettingsDemo } from '../features/settings/settings.seed.ts'
import { seedUnitsDemo } from '../features/units/units.seed.ts'
import { seedProjectsDemo } from '../features/projects/projects.seed.ts'
import { seedActivitiesDemo } from '../features/activities/activities.seed.ts'
import { seedHoursDemo } from '../features/hours/hours.seed.ts'
import { seedCertificatesDemo } from '../features/certificates/certificates.seed.ts'
import { seedPointsDemo } from '../features/points/points.seed.ts'
import { seedEvaluationDemo } from '../features/evaluation/evaluation.seed.ts'
import { seedRankingsDemo } from '../features/rankings/rankings.seed.ts'
import { seedGovernanceDemo } from '../features/governance/governance.seed.ts'
import { seedVolunteersDemo } from '../features/volunteers/volunteers.seed.ts'
import { seedNotificationsDemo } from '../platform/notifications/notifications.seed.ts'
import { seedResourcesDemo } from '../features/resources/resources.seed.ts'
import { seedNeedsDemo } from '../features/needs/needs.seed.ts'

export const DEMO_PASSWORD = 'Linli2026'

export interface DemoAccount {
  phone: string
  realName: string
  role: Role
  /** What the role is scoped to, by demo key. */
  scope: 'self' | 'unit:hospital' | 'grid:sunshine-1' | 'community:sunshine' | 'community:peace' | 'street' | 'district'
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { phone: '13900000001', realName: '王秀英', role: 'resident', scope: 'self' },
  { phone: '13900000002', realName: '李志强', role: 'volunteer', scope: 'self' },
  { phone: '13900000003', realName: '赵明', role: 'unit_admin', scope: 'unit:hospital' },
  { phone: '13900000004', realName: '陈静', role: 'grid_worker', scope: 'grid:sunshine-1' },
  { phone: '13900000005', realName: '刘芳', role: 'community_staff', scope: 'community:sunshine' },
  { phone: '13900000006', realName: '孙伟', role: 'street_admin', scope: 'street' },
  { phone: '13900000007', realName: '周丽', role: 'district_admin', scope: 'district' },
  { phone: '13900000008', realName: '吴刚', role: 'community_staff', scope: 'community:peace' },
]

/**
 * Insert the demo community unless the database already has places. Returns whether it seeded.
 * `sealer` encrypts the demo's addresses and ID number (the app's; else the database-kept key).
 */
export async function seedDemo(db: Db, clock: Clock, log?: FastifyBaseLogger, sealer?: Sealer): Promise<boolean> {
  const existing = await db.select({ id: districts.id }).from(districts).limit(1)
  if (existing.length > 0) return false
  const seal = sealer ?? (await databaseKeySealer(db, clock))
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const now = clock.now()
  await db.transaction(async (tx) => {
    const districtId = newId()
    const streetId = newId()
    const sunshine = newId()
    const peace = newId()
    await tx.insert(districts).values({ id: districtId, name: '鼓楼区', createdAt: now })
    await tx.insert(streets).values({ id: streetId, districtId, name: '华林街道', createdAt: now })
    await tx.insert(communities).values([
      { id: sunshine, streetId, name: '阳光社区', createdAt: now },
      { id: peace, streetId, name: '和平社区', createdAt: now },
    ])
    const gridIds = {
      'sunshine-1': newId(),
      'sunshine-2': newId(),
      'sunshine-3': newId(),
      'peace-1': newId(),
      'peace-2': newId(),
    }
    await tx.insert(grids).values([
      { id: gridIds['sunshine-1'], communityId: sunshine, name: '第一网格（阳光花园）', createdAt: now },
      { id: gridIds['sunshine-2'], communityId: sunshine, name: '第二网格（锦绣小区）', createdAt: now },
      { id: gridIds['sunshine-3'], communityId: sunshine, name: '第三网格（老街片区）', createdAt: now },
      { id: gridIds['peace-1'], communityId: peace, name: '第一网格（和平里）', createdAt: now },
      { id: gridIds['peace-2'], communityId: peace, name: '第二网格（新村）', createdAt: now },
    ])

    const unitIds = {
      hospital: newId(),
      tax: newId(),
      school: newId(),
      tech: newId(),
      socialWork: newId(),
      library: newId(),
    }
    await tx.insert(units).values([
      { id: unitIds.hospital, name: '鼓楼区人民医院', kind: 'hospital', createdAt: now },
      { id: unitIds.tax, name: '鼓楼区税务局', kind: 'government', createdAt: now },
      { id: unitIds.school, name: '华林实验小学', kind: 'school', createdAt: now },
      { id: unitIds.tech, name: '明德科技有限公司', kind: 'enterprise', createdAt: now },
      { id: unitIds.socialWork, name: '阳光社工服务中心', kind: 'social_org', createdAt: now },
      { id: unitIds.library, name: '鼓楼区图书馆', kind: 'government', createdAt: now },
    ])

    const sunshineAlliance = newId()
    const peaceAlliance = newId()
    await tx.insert(alliances).values([
      { communityId: sunshine, id: sunshineAlliance, name: '阳光社区大邻里党建联盟', createdAt: now },
      { communityId: peace, id: peaceAlliance, name: '和平社区大邻里党建联盟', createdAt: now },
    ])
    const member = (communityId: string, allianceId: string, unitId: string, signed: string) => ({
      communityId,
      allianceId,
      unitId,
      agreementSignedOn: signed,
      joinedAt: now,
    })
    await tx
      .insert(allianceUnits)
      .values([
        member(sunshine, sunshineAlliance, unitIds.hospital, '2026-03-01'),
        member(sunshine, sunshineAlliance, unitIds.tax, '2026-03-01'),
        member(sunshine, sunshineAlliance, unitIds.school, '2026-04-15'),
        member(sunshine, sunshineAlliance, unitIds.tech, '2026-05-20'),
        member(sunshine, sunshineAlliance, unitIds.socialWork, '2026-06-01'),
        member(peace, peaceAlliance, unitIds.library, '2026-03-10'),
        member(peace, peaceAlliance, unitIds.hospital, '2026-03-10'),
      ])

    const scopeIds: Record<DemoAccount['scope'], string | null> = {
      self: null,
      'unit:hospital': unitIds.hospital,
      'grid:sunshine-1': gridIds['sunshine-1'],
      'community:sunshine': sunshine,
      'community:peace': peace,
      street: streetId,
      district: districtId,
    }
    for (const account of DEMO_ACCOUNTS) {
      const userId = newId()
      await tx.insert(users).values({
        id: userId,
        phone: account.phone,
        passwordHash,
        realName: account.realName,
        privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
        privacyConsentedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      const scopeId = scopeIds[account.scope]
      const scopeType =
        account.scope === 'self'
          ? 'self'
          : (account.scope.split(':')[0] as 'unit' | 'grid' | 'community' | 'street' | 'district')
      await tx.insert(roleGrants).values({ userId, role: account.role, scopeType, scopeId, createdAt: now })
      // Everyone is a resident somewhere; the volunteer is one too.
      if (account.role !== 'resident') {
        await tx
          .insert(roleGrants)
          .values({ userId, role: 'resident', scopeType: 'self', scopeId: null, createdAt: now })
      }
      if (account.role === 'unit_admin') {
        await tx.insert(unitMembers).values({
          unitId: unitIds.hospital,
          userId,
          isPartyMember: true,
          status: 'active',
          joinedAt: now,
          createdAt: now,
        })
      }
    }
    await seedSettingsDemo(tx, now)
    await seedUnitsDemo(tx, now, passwordHash)
    await seedAccountsDemo(tx, now, seal)
    await seedNotificationsDemo(tx, now)
    await seedResourcesDemo(tx, now)
    await seedNeedsDemo(tx, now, seal)
    await seedProjectsDemo(tx, now)
    await seedActivitiesDemo(tx, now)
    await seedHoursDemo(tx, now)
    await seedVolunteersDemo(tx, now)
    await seedCertificatesDemo(tx, now)
    await seedRankingsDemo(tx, now, passwordHash)
    await seedPointsDemo(tx, now)
    await seedEvaluationDemo(tx, now, seal)
    await seedGovernanceDemo(tx, now)
  })
  log?.info(`demo data seeded: ${DEMO_ACCOUNTS.length} accounts, password ${DEMO_PASSWORD}`)
  return true
}
