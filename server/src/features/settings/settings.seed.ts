/** Demo settings: a street default, and 阳光社区's own choices on top of it. */
import { DEFAULT_CATEGORIES } from '@linli/shared'
import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../../db/index.ts'
import { communities, communitySettings, defaultSettings, streets } from '../../db/schema/index.ts'

export async function seedSettingsDemo(tx: DbOrTx, now: Date): Promise<void> {
  const [street] = await tx.select({ id: streets.id }).from(streets).where(eq(streets.name, '华林街道'))
  const [sunshine] = await tx.select({ id: communities.id }).from(communities).where(eq(communities.name, '阳光社区'))
  if (!street || !sunshine) return
  await tx.insert(defaultSettings).values([
    { scopeType: 'street', scopeId: street.id, key: 'ratingWindowDays', value: 10, updatedAt: now },
    { scopeType: 'street', scopeId: street.id, key: 'redemptionPickupHours', value: 48, updatedAt: now },
  ])
  await tx.insert(communitySettings).values([
    { communityId: sunshine.id, key: 'claimApprovalRequired', value: true, updatedAt: now },
    {
      communityId: sunshine.id,
      key: 'categories',
      value: [...DEFAULT_CATEGORIES, { code: 'elder_care', name: '助老服务', nameEn: 'Elder care', coefficient: 1.2 }],
      updatedAt: now,
    },
  ])
}
