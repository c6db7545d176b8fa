/**
 * `files.purge`: once a day (04:00 Asia/Shanghai) the bytes of files deleted more than a day
 * ago leave the file store (their rows stay, marked purged), and uploads never attached to a
 * record within a day are marked deleted (their bytes go a day later). Runs outside a
 * transaction: each file's bytes are removed, then its row marked, so a crash in between only
 * means the next run removes nothing twice (deleting missing bytes is not an error).
 */
import { shanghaiDateOf } from '@linli/shared'
import { and, eq, isNull, lt } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { files } from '../../db/schema/index.ts'

export const FILES_PURGE = 'files.purge'
const DAY_MS = 86_400_000
const BATCH = 500

export interface PurgeSummary {
  /** Unattached uploads older than a day, now marked deleted. */
  abandoned: number
  /** Deleted files whose bytes were removed. */
  purged: number
}

export async function purgeFiles(app: FastifyInstance, now: Date): Promise<PurgeSummary> {
  const dayAgo = new Date(now.getTime() - DAY_MS)
  const abandoned = await app.db
    .update(files)
    .set({ deletedAt: now })
    .where(and(isNull(files.ownerType), isNull(files.deletedAt), lt(files.createdAt, dayAgo)))
    .returning({ id: files.id })
  let purged = 0
  for (;;) {
    const due = await app.db
      .select({ id: files.id, storageKey: files.storageKey })
      .from(files)
      .where(and(lt(files.deletedAt, dayAgo), isNull(files.purgedAt)))
      .limit(BATCH)
    for (const f of due) {
      await app.files.store.delete(f.storageKey)
      await app.db.update(files).set({ purgedAt: now }).where(eq(files.id, f.id))
    }
    purged += due.length
    if (due.length < BATCH) break
  }
  return { abandoned: abandoned.length, purged }
}

const dedupeKey = (shanghaiDate: string) => `${FILES_PURGE}:${shanghaiDate}`

export function registerFileJobs(app: FastifyInstance): void {
  app.jobs.register(
    FILES_PURGE,
    async (_payload, { clock, log }) => {
      const now = clock.now()
      log.info(await purgeFiles(app, now), 'purged files')
      const tomorrow = shanghaiDateOf(new Date(now.getTime() + DAY_MS))
      await app.jobs.schedule(
        FILES_PURGE,
        {},
        { runAt: new Date(`${tomorrow}T04:00:00+08:00`), dedupeKey: dedupeKey(tomorrow) },
      )
    },
    { transaction: false },
  )
  app.addHook('onReady', async () => {
    await app.jobs.schedule(FILES_PURGE, {}, { dedupeKey: dedupeKey(shanghaiDateOf(app.clock.now())) })
  })
}
