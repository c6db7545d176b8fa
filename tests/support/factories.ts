/**
 * Factories make what a test needs, and the parents it did not name (Outline's style).
 * They write through the same tables the app uses; passwords are real argon2id hashes.
 */
import { PRIVACY_NOTICE_VERSION, ROLE_SCOPE, type Role } from '@linli/shared'
import type { DbOrTx } from '@linli/server/db'
import { schema } from '@linli/server/db'
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
