import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Clock } from '../../clock.ts'
import type { Db } from '../../db/index.ts'
import { appSecrets } from '../../db/schema/index.ts'

/**
 * A secret generated once and kept in the database, so every instance on the same database
 * signs and verifies with the same key without configuration. `JWT_SECRET` overrides it.
 */
export async function sharedSecret(db: Db, clock: Clock, name: string): Promise<string> {
  await db
    .insert(appSecrets)
    .values({ name, value: randomBytes(48).toString('base64url'), createdAt: clock.now() })
    .onConflictDoNothing()
  const [row] = await db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, name))
  return row!.value
}
