/**
 * Demo data of accounts: the demo resident and volunteer live in 阳光社区, 第一网格 (addresses
 * encrypted), and staff have verified the volunteer's real name against a fictional,
 * checksum-valid resident ID (encrypted, birth date from the ID).
 */
import { and, eq, like } from 'drizzle-orm'
import type { Tx } from '../../db/index.ts'
import { communities, grids, residences, users } from '../../db/schema/index.ts'
import type { Sealer } from '../../lib/crypto.ts'

/** Fictional personal data the demo holds (never a real person's); the log check looks for it. */
export const DEMO_RESIDENCES = [
  { phone: '13900000001', address: '阳光花园1栋302室' },
  { phone: '13900000002', address: '阳光花园5栋101室' },
] as const
export const DEMO_VOLUNTEER_ID = { phone: '13900000002', idNumber: '350102198506150319', birthDate: '1985-06-15' }
const VERIFIED_BY_PHONE = '13900000005' // 刘芳, staff of 阳光社区

export async function seedAccountsDemo(tx: Tx, now: Date, sealer: Sealer): Promise<void> {
  const [place] = await tx
    .select({ communityId: communities.id, gridId: grids.id })
    .from(communities)
    .innerJoin(grids, and(eq(grids.communityId, communities.id), like(grids.name, '第一网格%')))
    .where(eq(communities.name, '阳光社区'))
  if (!place) return
  const idOf = async (phone: string) =>
    (await tx.select({ id: users.id }).from(users).where(eq(users.phone, phone)))[0]?.id
  for (const r of DEMO_RESIDENCES) {
    const userId = await idOf(r.phone)
    if (!userId) continue
    await tx.insert(residences).values({
      communityId: place.communityId,
      userId,
      gridId: place.gridId,
      addressEnc: sealer.seal(r.address),
      createdAt: now,
      updatedAt: now,
    })
  }
  const volunteer = await idOf(DEMO_VOLUNTEER_ID.phone)
  const staff = await idOf(VERIFIED_BY_PHONE)
  if (volunteer && staff) {
    await tx
      .update(users)
      .set({
        idType: 'resident_id',
        idNumberEnc: sealer.seal(DEMO_VOLUNTEER_ID.idNumber),
        birthDate: DEMO_VOLUNTEER_ID.birthDate,
        realNameVerifiedAt: now,
        realNameVerifiedBy: staff,
        phoneVerifiedAt: now,
      })
      .where(eq(users.id, volunteer))
  }
}
