/** Queries of the accounts feature: people by phone, residences, identity fields, sessions. */
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/index.ts'
import { communities, grids, residences, roleGrants, sessions, users } from '../../db/schema/index.ts'

/** An active account by its sign-in phone (deleted and disabled accounts are not found). */
export async function findActiveUserByPhone(db: DbOrTx, phone: string) {
  const [row] = await db
    .select({ id: users.id, phone: users.phone, status: users.status })
    .from(users)
    .where(and(eq(users.phone, phone), eq(users.status, 'active')))
  return row
}

/** A person who has not deleted their account, with the communities they live in. */
export async function findPersonWithResidences(db: DbOrTx, userId: string) {
  const rows = await db
    .select({
      id: users.id,
      idType: users.idType,
      idNumberEnc: users.idNumberEnc,
      birthDate: users.birthDate,
      realNameVerifiedAt: users.realNameVerifiedAt,
      hasSmartphone: users.hasSmartphone,
      communityId: residences.communityId,
    })
    .from(users)
    .leftJoin(residences, eq(residences.userId, users.id))
    .where(and(eq(users.id, userId), ne(users.status, 'deleted')))
  const first = rows[0]
  if (!first) return null
  const { communityId: _c, ...person } = first
  return { ...person, communityIds: rows.flatMap((r) => (r.communityId ? [r.communityId] : [])) }
}

/** Identity fields and residence communities of many people, in one statement. */
export function findIdentities(db: DbOrTx, ids: readonly string[]) {
  return db
    .select({
      id: users.id,
      idType: users.idType,
      idNumberEnc: users.idNumberEnc,
      realNameVerifiedAt: users.realNameVerifiedAt,
      communityIds: sql<
        string[] | null
      >`array_agg(${residences.communityId}) filter (where ${residences.communityId} is not null)`,
    })
    .from(users)
    .leftJoin(residences, eq(residences.userId, users.id))
    .where(inArray(users.id, [...ids]))
    .groupBy(users.id)
}

/** The roles a person holds now. */
export async function liveRoles(db: DbOrTx, userId: string) {
  const rows = await db
    .select({ role: roleGrants.role })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt)))
  return rows.map((r) => r.role)
}

export async function setPasswordHash(db: DbOrTx, userId: string, passwordHash: string, at: Date): Promise<void> {
  await db.update(users).set({ passwordHash, updatedAt: at }).where(eq(users.id, userId))
}

export async function setHasSmartphone(db: DbOrTx, userId: string, hasSmartphone: boolean, at: Date): Promise<void> {
  await db.update(users).set({ hasSmartphone, updatedAt: at }).where(eq(users.id, userId))
}

/** End every live session of a person; returns how many ended. */
export async function revokeAllSessions(
  db: DbOrTx,
  userId: string,
  at: Date,
  reason: 'logout' | 'password_changed' | 'admin',
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: at, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id })
  return rows.length
}

/** A person's residence with the names of its community and grid. */
export async function findResidence(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({
      communityId: residences.communityId,
      communityName: communities.name,
      gridId: residences.gridId,
      gridName: grids.name,
      addressEnc: residences.addressEnc,
      updatedAt: residences.updatedAt,
    })
    .from(residences)
    .innerJoin(communities, eq(communities.id, residences.communityId))
    .leftJoin(grids, eq(grids.id, residences.gridId))
    .where(eq(residences.userId, userId))
    .orderBy(sql`${residences.updatedAt} desc`)
    .limit(1)
  return row
}

/** Make `communityId` the person's one residence (a move replaces the old one). */
export async function replaceResidence(
  tx: DbOrTx,
  values: { userId: string; communityId: string; gridId: string | null; addressEnc: string | null; at: Date },
): Promise<void> {
  await tx
    .delete(residences)
    .where(and(eq(residences.userId, values.userId), ne(residences.communityId, values.communityId)))
  await tx
    .insert(residences)
    .values({
      communityId: values.communityId,
      userId: values.userId,
      gridId: values.gridId,
      addressEnc: values.addressEnc,
      createdAt: values.at,
      updatedAt: values.at,
    })
    .onConflictDoUpdate({
      target: [residences.communityId, residences.userId],
      set: { gridId: values.gridId, addressEnc: values.addressEnc, updatedAt: values.at },
    })
}

export async function setVerifiedIdentity(
  tx: DbOrTx,
  userId: string,
  values: {
    idType: NonNullable<(typeof users.$inferSelect)['idType']>
    idNumberEnc: string
    birthDate: string | null
    verifiedBy: string
    at: Date
  },
): Promise<void> {
  await tx
    .update(users)
    .set({
      idType: values.idType,
      idNumberEnc: values.idNumberEnc,
      birthDate: values.birthDate,
      realNameVerifiedAt: values.at,
      realNameVerifiedBy: values.verifiedBy,
      updatedAt: values.at,
    })
    .where(eq(users.id, userId))
}
