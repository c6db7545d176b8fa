import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../db/index.ts'
import { communities, districts, grids, roleGrants, streets, units, users } from '../../db/schema/index.ts'

export function findUsersByIds(db: DbOrTx, ids: readonly string[]) {
  return db
    .select({ id: users.id, realName: users.realName, phone: users.phone })
    .from(users)
    .where(inArray(users.id, [...ids]))
}

/** A person's live grants with the name of what each is scoped to, in one statement. */
function grantsWithScopeNames(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      scopeType: roleGrants.scopeType,
      scopeId: roleGrants.scopeId,
      scopeName: sql<
        string | null
      >`coalesce(${units.name}, ${grids.name}, ${communities.name}, ${streets.name}, ${districts.name})`,
    })
    .from(roleGrants)
    .leftJoin(units, and(eq(roleGrants.scopeType, 'unit'), eq(units.id, roleGrants.scopeId)))
    .leftJoin(grids, and(eq(roleGrants.scopeType, 'grid'), eq(grids.id, roleGrants.scopeId)))
    .leftJoin(communities, and(eq(roleGrants.scopeType, 'community'), eq(communities.id, roleGrants.scopeId)))
    .leftJoin(streets, and(eq(roleGrants.scopeType, 'street'), eq(streets.id, roleGrants.scopeId)))
    .leftJoin(districts, and(eq(roleGrants.scopeType, 'district'), eq(districts.id, roleGrants.scopeId)))
    .where(where)
    .orderBy(roleGrants.createdAt)
}

export function findLiveGrantsWithScopeNames(db: DbOrTx, userId: string) {
  return grantsWithScopeNames(db, and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt)))
}

/** The name of the place or unit a grant (live or not) is on. */
export async function grantScopeName(db: DbOrTx, grantId: string): Promise<string | null> {
  const [row] = await grantsWithScopeNames(db, eq(roleGrants.id, grantId))
  return row?.scopeName ?? null
}
