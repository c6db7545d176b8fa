/** Queries of sign-in: users by phone, sessions and their refresh tokens, the viewer's grants. */
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/index.ts'
import { refreshTokens, roleGrants, sessions, users } from '../../db/schema/index.ts'

export function findUserByPhone(db: DbOrTx, phone: string) {
  return db.query.users.findFirst({ where: eq(users.phone, phone) })
}

export async function findRefreshToken(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({
      id: refreshTokens.id,
      usedAt: refreshTokens.usedAt,
      sessionId: sessions.id,
      userId: sessions.userId,
      sessionRevokedAt: sessions.revokedAt,
      sessionExpiresAt: sessions.expiresAt,
      userStatus: users.status,
    })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(refreshTokens.tokenHash, tokenHash))
  return row
}

/** Mark a token used only if nobody did first; true when this caller won. */
export async function markRefreshTokenUsed(db: DbOrTx, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(refreshTokens)
    .set({ usedAt: at })
    .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.usedAt)))
    .returning({ id: refreshTokens.id })
  return rows.length === 1
}

export async function refreshTokenUsedAt(db: DbOrTx, id: string): Promise<Date | null> {
  const [row] = await db.select({ usedAt: refreshTokens.usedAt }).from(refreshTokens).where(eq(refreshTokens.id, id))
  return row?.usedAt ?? null
}

export async function revokeSession(
  db: DbOrTx,
  sessionId: string,
  at: Date,
  reason: 'logout' | 'reuse_detected',
): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: at, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
}

/**
 * The session's person, if the session is live and the person active, with live grants — in
 * one statement, since every authenticated request asks it. Null when the session is not live.
 */
export async function loadViewerRows(db: DbOrTx, sessionId: string, userId: string, now: Date) {
  const rows = await db
    .select({
      grantId: roleGrants.id,
      role: roleGrants.role,
      scopeType: roleGrants.scopeType,
      scopeId: roleGrants.scopeId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(roleGrants, and(eq(roleGrants.userId, sessions.userId), isNull(roleGrants.revokedAt)))
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        sql`${sessions.expiresAt} > ${now}`,
        eq(users.status, 'active'),
      ),
    )
    .orderBy(roleGrants.createdAt)
  if (rows.length === 0) return null
  return rows.flatMap((r) =>
    r.grantId && r.role && r.scopeType
      ? [{ id: r.grantId, role: r.role, scopeType: r.scopeType, scopeId: r.scopeId }]
      : [],
  )
}
