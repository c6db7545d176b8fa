/**
 * What admins see of the job queue: the failed jobs of a community, for its staff (and the
 * street and district admins above it), and a retry that queues a failed job again.
 */
import { DomainError } from '@linli/shared'
import { and, desc, eq } from 'drizzle-orm'
import { isUuid, requirePlaceRole } from '../../access/places.ts'
import type { Clock } from '../../clock.ts'
import type { Db } from '../../db/index.ts'
import { jobs, type Job } from '../../db/schema/index.ts'
import { recordAudit } from '../../features/audit/audit.recorder.ts'
import type { Viewer } from '../../graphql/context.ts'

const READERS = ['community_staff', 'street_admin', 'district_admin'] as const

const notFound = () => new DomainError('NOT_FOUND', 'job not found')

export class JobsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * The community's failed jobs, most recently failed first.
   * Codes: NOT_FOUND (community missing or outside the viewer's scope), BAD_USER_INPUT (first).
   */
  async failedJobs(viewer: Viewer, communityId: string, first: number): Promise<Job[]> {
    if (first < 1 || first > 200)
      throw new DomainError('BAD_USER_INPUT', 'first must be 1–200', { fields: { first: 'VALUE_INVALID' } })
    await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, READERS)
    return this.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.communityId, communityId), eq(jobs.status, 'failed')))
      .orderBy(desc(jobs.finishedAt), desc(jobs.id))
      .limit(first)
  }

  /**
   * Queue a failed job again, now, with its full number of tries; audited as `job.retry`.
   * Codes: NOT_FOUND (no such job, a platform job, or outside the viewer's scope),
   * INVALID_TRANSITION (the job has not failed).
   */
  async retryJob(viewer: Viewer, id: string): Promise<Job> {
    if (!isUuid(id)) throw notFound()
    const [job] = await this.db.select().from(jobs).where(eq(jobs.id, id))
    if (!job?.communityId) throw notFound()
    const place = await requirePlaceRole(this.db, viewer, { kind: 'community', id: job.communityId }, READERS)
    if (job.status !== 'failed') throw new DomainError('INVALID_TRANSITION', 'only a failed job can be retried')
    return this.db.transaction(async (tx) => {
      const now = this.clock.now()
      const [updated] = await tx
        .update(jobs)
        .set({ status: 'queued', attempts: 0, runAt: now, finishedAt: null, updatedAt: now })
        .where(and(eq(jobs.id, id), eq(jobs.status, 'failed')))
        .returning()
      if (!updated) throw new DomainError('INVALID_TRANSITION', 'only a failed job can be retried')
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'job.retry',
        targetType: 'job',
        targetId: id,
        place,
        before: { kind: job.kind, status: job.status, attempts: job.attempts, lastError: job.lastError },
        after: { status: updated.status, runAt: now.toISOString() },
      })
      return updated
    })
  }
}
