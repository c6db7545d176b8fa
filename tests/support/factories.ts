/**
 * Factories make what a test needs, and the parents it did not name (Outline's style).
 * They write through the same tables the app uses; passwords are real argon2id hashes.
 */
import { PRIVACY_NOTICE_VERSION, ROLE_SCOPE, type Role } from '@linli/shared'
import type { DbOrTx } from '@linli/server/db'
import { eq, schema } from '@linli/server/db'
import { hashPassword } from '@linli/server/passwords'
import { recordPii } from './logs.ts'

const now = () => new Date('2026-11-01T00:00:00Z')
let seq = 0
const next = () => (seq += 1)

export async function createPlaces(db: DbOrTx) {
  const n = next()
  const [district] = await db
    .insert(schema.districts)
    .values({ name: `测试区${n}`, createdAt: now() })
    .returning()
  const [street] = await db
    .insert(schema.streets)
    .values({ districtId: district!.id, name: `测试街道${n}`, createdAt: now() })
    .returning()
  const [community] = await db
    .insert(schema.communities)
    .values({ streetId: street!.id, name: `测试社区${n}`, createdAt: now() })
    .returning()
  const [grid] = await db
    .insert(schema.grids)
    .values({ communityId: community!.id, name: `第${n}网格`, createdAt: now() })
    .returning()
  return { district: district!, street: street!, community: community!, grid: grid! }
}

export function uniquePhone(): string {
  return `137${String(Date.now() % 1e4).padStart(4, '0')}${String(next()).padStart(4, '0')}`.slice(0, 11)
}

export interface CreatedUser {
  id: string
  phone: string
  password: string
  realName: string
}

const hashes = new Map<string, Promise<string>>()

export async function createUser(
  db: DbOrTx,
  options: { phone?: string; password?: string; realName?: string; roles?: { role: Role; scopeId?: string }[] } = {},
): Promise<CreatedUser> {
  const password = options.password ?? 'Passw0rd!'
  if (!hashes.has(password)) hashes.set(password, hashPassword(password))
  const phone = options.phone ?? uniquePhone()
  const realName = options.realName ?? `测试用户${next()}`
  const [user] = await db
    .insert(schema.users)
    .values({
      phone,
      passwordHash: await hashes.get(password)!,
      realName,
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      privacyConsentedAt: now(),
      createdAt: now(),
      updatedAt: now(),
    })
    .returning()
  recordPii(phone, realName)
  for (const grant of options.roles ?? [{ role: 'resident' as Role }]) {
    const scopeType = ROLE_SCOPE[grant.role]
    await db.insert(schema.roleGrants).values({
      userId: user!.id,
      role: grant.role,
      scopeType,
      scopeId: scopeType === 'self' ? null : (grant.scopeId ?? null),
      createdAt: now(),
    })
  }
  return { id: user!.id, phone, password, realName }
}

// ── Units, alliances, rosters ────────────────────────────────────────────────

export async function createUnit(
  db: DbOrTx,
  options: { name?: string; kind?: (typeof schema.units.$inferInsert)['kind'] } = {},
) {
  const [unit] = await db
    .insert(schema.units)
    .values({ name: options.name ?? `测试单位${next()}`, kind: options.kind ?? 'enterprise', createdAt: now() })
    .returning()
  return unit!
}

/** Put a unit in a community's alliance (the alliance is made when the community has none). */
export async function addToAlliance(
  db: DbOrTx,
  communityId: string,
  unitId: string,
  options: { status?: 'invited' | 'active' | 'left'; agreementSignedOn?: string | null } = {},
) {
  let [alliance] = await db.select().from(schema.alliances).where(eq(schema.alliances.communityId, communityId))
  if (!alliance) {
    ;[alliance] = await db
      .insert(schema.alliances)
      .values({ communityId, name: `测试联盟${next()}`, createdAt: now() })
      .returning()
  }
  await db.insert(schema.allianceUnits).values({
    communityId,
    allianceId: alliance!.id,
    unitId,
    status: options.status ?? 'active',
    agreementSignedOn: options.agreementSignedOn ?? null,
    joinedAt: now(),
    leftAt: options.status === 'left' ? now() : null,
  })
  return alliance!
}

/** A person on a unit's roster (active unless told otherwise). */
export async function addUnitMember(
  db: DbOrTx,
  unitId: string,
  userId: string,
  options: { status?: (typeof schema.unitMembers.$inferInsert)['status']; isPartyMember?: boolean } = {},
) {
  const status = options.status ?? 'active'
  await db.insert(schema.unitMembers).values({
    unitId,
    userId,
    status,
    isPartyMember: options.isPartyMember ?? false,
    joinedAt: status === 'active' ? now() : null,
    createdAt: now(),
  })
}

/** A person living in a community (no address). */
export async function addResidence(db: DbOrTx, communityId: string, userId: string) {
  await db.insert(schema.residences).values({ communityId, userId, createdAt: now(), updatedAt: now() })
}
