/**
 * Durable jobs kept in the `jobs` table, on PGlite and PostgreSQL alike (pg-boss and
 * graphile-worker need a `pg` connection). A job is scheduled in the caller's transaction when
 * one is given, so it exists iff the change commits. `runDue` claims due jobs in one
 * statement — `FOR UPDATE SKIP LOCKED` under a lease — so several instances never take the
 * same job; a failure is retried with exponential backoff and ends `failed` after its last
 * try. Time comes only from the app's clock: tests advance a TestClock and call `runDue`.
 *
 * By default a handler runs inside a transaction that first re-locks its job row and, on
 * success, marks it succeeded: its database changes and the job's completion commit together,
 * and no other instance can claim the row while it runs (a crash rolls both back and the job
 * is claimed again when the lease ends). Handlers that call out (SMS, HTTP) register with
 * `transaction: false` and get no `tx`; they run at least once and should be idempotent.
 */
import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import { DomainError } from '@linli/shared'
import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import type { Clock } from '../../clock.ts'
import type { Db, DbOrTx, Tx } from '../../db/index.ts'
import { jobs, type Job } from '../../db/schema/index.ts'

export interface JobContext {
  /** The transaction the job's completion commits in; absent for `transaction: false` kinds. */
  tx?: Tx
  jobId: string
  /** 1 on the first try. */
  attempt: number
  clock: Clock
  log: FastifyBaseLogger
}

export type JobHandler<P = unknown> = (payload: P, ctx: JobContext) => Promise<void>

export interface JobKindOptions {
  /** Tries before the job is `failed` (default 5). */
  maxAttempts?: number
  /** Wait before try n+1: `baseSeconds · 2^(n−1)`, at most `maxSeconds` (defaults 30 s, 1 h). */
  backoff?: { baseSeconds?: number; maxSeconds?: number }
  /**
   * Run inside a transaction that commits with the job's success (default true). Inside it use
   * `ctx.tx` only: on PGlite a query through the outer `db` waits forever.
   */
  transaction?: boolean
}

export interface ScheduleOptions {
  /** When it becomes due (default: now, or now + `delaySeconds`). */
  runAt?: Date
  delaySeconds?: number
  /** One job per key, ever: scheduling the key again does nothing. */
  dedupeKey?: string
  /** The community the job works for: its staff see the job when it fails. */
  communityId?: string | null
}

export interface Scheduled {
  id: string
  /** False when a job with the same dedupe key already existed (its id is returned). */
  created: boolean
}

export interface RunSummary {
  claimed: number
  succeeded: number
  /** Failed tries that will be tried again. */
  retried: number
  /** Jobs that failed their last try. */
  failed: number
}

export interface JobQueueOptions {
  /** How long a claim holds before another instance may take the job (default 300 s). */
  leaseSeconds?: number
  /** Jobs claimed by one `runDue` call when no limit is given (default 10). */
  batchSize?: number
  /** Names this instance in `locked_by` (default host:pid:random). */
  instanceId?: string
}

interface Kind {
  handler: JobHandler<never>
  maxAttempts: number
  baseSeconds: number
  maxSeconds: number
  transaction: boolean
}

/** Seconds to wait after failed try `attempt` (1-based): exponential from `base`, capped. */
export function backoffSeconds(attempt: number, baseSeconds: number, maxSeconds: number): number {
  return Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, attempt - 1))
}

const MAX_ERROR_LENGTH = 500

/**
 * What a failure is stored and logged as: a domain error's code, otherwise the error's name,
 * code and message, cut short and with phone and ID numbers blanked out. Handlers should not
 * put personal data in messages anyway; this is the safety net.
 */
export function describeJobError(err: unknown): string {
  let text: string
  if (err instanceof DomainError) text = err.code
  else if (err instanceof Error) {
    const code = (err as { code?: unknown }).code
    text = `${err.name}${typeof code === 'string' ? ` ${code}` : ''}: ${err.message}`
  } else text = `thrown: ${typeof err}`
  return text
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, '[phone]')
    .replace(/(?<!\d)\d{17}[\dXx](?!\d)|(?<!\d)\d{15}(?!\d)/g, '[id-number]')
    .slice(0, MAX_ERROR_LENGTH)
}

/** Thrown inside a job's transaction when its claim was lost (the lease ended, someone else took it). */
class ClaimLost extends Error {}

export class JobQueue {
  readonly instanceId: string
  private readonly kinds = new Map<string, Kind>()
  private readonly leaseSeconds: number
  private readonly batchSize: number
  private readonly inflight = new Set<Promise<unknown>>()
  private timer: NodeJS.Timeout | undefined
  private closed = false
  private lastFailureHook: ((tx: Tx, job: Job) => Promise<void>) | undefined

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
    options: JobQueueOptions = {},
  ) {
    this.leaseSeconds = options.leaseSeconds ?? 300
    this.batchSize = options.batchSize ?? 10
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  }

  /** Register the handler of a kind (once per kind, before scheduling or running it). */
  register<P>(kind: string, handler: JobHandler<P>, options: JobKindOptions = {}): void {
    if (this.kinds.has(kind)) throw new Error(`job kind ${kind} is already registered`)
    const maxAttempts = options.maxAttempts ?? 5
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error('maxAttempts must be a positive integer')
    this.kinds.set(kind, {
      handler: handler as JobHandler<never>,
      maxAttempts,
      baseSeconds: options.backoff?.baseSeconds ?? 30,
      maxSeconds: options.backoff?.maxSeconds ?? 3600,
      transaction: options.transaction ?? true,
    })
  }

  /**
   * Schedule a job of a registered kind; pass the caller's `tx` so the job exists iff the
   * change commits. With a `dedupeKey` already used, nothing is scheduled.
   */
  async schedule(kind: string, payload: unknown, options: ScheduleOptions = {}, tx?: DbOrTx): Promise<Scheduled> {
    const spec = this.kinds.get(kind)
    if (!spec) throw new Error(`job kind ${kind} is not registered`)
    const db = tx ?? this.db
    const now = this.clock.now()
    const runAt = options.runAt ?? new Date(now.getTime() + (options.delaySeconds ?? 0) * 1000)
    const [row] = await db
      .insert(jobs)
      .values({
        communityId: options.communityId ?? null,
        kind,
        payload: payload ?? {},
        runAt,
        status: 'queued',
        maxAttempts: spec.maxAttempts,
        dedupeKey: options.dedupeKey ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: jobs.dedupeKey, where: sql`${jobs.dedupeKey} is not null` })
      .returning({ id: jobs.id })
    if (row) return { id: row.id, created: true }
    const [existing] = await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.dedupeKey, options.dedupeKey!))
    return { id: existing!.id, created: false }
  }

  /**
   * Claim up to `limit` due jobs of the kinds registered here (queued and due, or running
   * with an ended lease) and run them one after another. Safe to call from any number of
   * instances at once: a job is claimed by one of them.
   */
  runDue(limit = this.batchSize): Promise<RunSummary> {
    const run = this.claimAndRun(limit)
    this.inflight.add(run)
    void run.finally(() => this.inflight.delete(run)).catch(() => {})
    return run
  }

  private async claimAndRun(limit: number): Promise<RunSummary> {
    const summary: RunSummary = { claimed: 0, succeeded: 0, retried: 0, failed: 0 }
    if (this.closed || this.kinds.size === 0) return summary
    const claimed = await this.claim(limit)
    summary.claimed = claimed.length
    for (const [i, job] of claimed.entries()) {
      if (this.closed) {
        // Closing: hand back what this batch has not started, untried, for another instance.
        await this.release(claimed.slice(i).map((j) => j.id))
        summary.claimed = i
        break
      }
      const outcome = await this.runOne(job)
      if (outcome !== 'lost') summary[outcome] += 1
    }
    return summary
  }

  private async release(ids: string[]): Promise<void> {
    await this.db
      .update(jobs)
      .set({ status: 'queued', attempts: sql`${jobs.attempts} - 1`, lockedBy: null, lockedUntil: null })
      .where(and(inArray(jobs.id, ids), eq(jobs.status, 'running'), eq(jobs.lockedBy, this.instanceId)))
  }

  /** One statement: lock due rows others have not locked, mark them ours under a lease. */
  private async claim(limit: number): Promise<Job[]> {
    const now = this.clock.now()
    const due = this.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          inArray(jobs.kind, [...this.kinds.keys()]),
          or(
            and(eq(jobs.status, 'queued'), lte(jobs.runAt, now)),
            and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, now)),
          ),
        ),
      )
      .orderBy(asc(jobs.runAt), asc(jobs.id))
      .limit(limit)
      .for('update', { skipLocked: true })
    const rows = await this.db
      .update(jobs)
      .set({
        status: 'running',
        lockedBy: this.instanceId,
        lockedUntil: new Date(now.getTime() + this.leaseSeconds * 1000),
        attempts: sql`${jobs.attempts} + 1`,
        updatedAt: now,
      })
      .where(inArray(jobs.id, due))
      .returning()
    return rows.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id.localeCompare(b.id))
  }

  private async runOne(job: Job): Promise<'succeeded' | 'retried' | 'failed' | 'lost'> {
    const spec = this.kinds.get(job.kind)!
    const log = this.log.child({ jobId: job.id, jobKind: job.kind, attempt: job.attempts })
    // Claimed again after a lease ended on its last try (the instance died mid-run): no more tries.
    if (job.attempts > job.maxAttempts) {
      return this.fail(job, spec, 'lease expired on the last attempt', log, job.maxAttempts)
    }
    const ctx = { jobId: job.id, attempt: job.attempts, clock: this.clock, log }
    try {
      if (spec.transaction) {
        await this.db.transaction(async (tx) => {
          // Re-lock our row for the whole run: no instance can claim it meanwhile, lease or not.
          const mine = await tx
            .update(jobs)
            .set({ updatedAt: this.clock.now() })
            .where(this.ours(job.id))
            .returning({ id: jobs.id })
          if (mine.length === 0) throw new ClaimLost()
          await spec.handler(job.payload as never, { ...ctx, tx })
          await this.succeed(tx, job.id)
        })
      } else {
        await spec.handler(job.payload as never, ctx)
        if (!(await this.succeed(this.db, job.id))) {
          log.warn('job finished after its claim was lost; it may have run twice')
          return 'lost'
        }
      }
      return 'succeeded'
    } catch (err) {
      if (err instanceof ClaimLost) return 'lost'
      const stack = err instanceof Error ? err.stack?.split('\n').slice(1).join('\n') : undefined
      return this.fail(job, spec, describeJobError(err), log, job.attempts, stack)
    }
  }

  private ours(id: string) {
    return and(eq(jobs.id, id), eq(jobs.status, 'running'), eq(jobs.lockedBy, this.instanceId))
  }

  private async succeed(db: DbOrTx, id: string): Promise<boolean> {
    const now = this.clock.now()
    const rows = await db
      .update(jobs)
      .set({ status: 'succeeded', finishedAt: now, updatedAt: now, lockedBy: null, lockedUntil: null, lastError: null })
      .where(this.ours(id))
      .returning({ id: jobs.id })
    return rows.length === 1
  }

  private async fail(
    job: Job,
    spec: Kind,
    error: string,
    log: FastifyBaseLogger,
    attempts: number,
    stack?: string,
  ): Promise<'retried' | 'failed' | 'lost'> {
    const now = this.clock.now()
    const last = attempts >= job.maxAttempts
    const rows = await this.db.transaction(async (tx) => {
      const marked = await tx
        .update(jobs)
        .set({
          status: last ? 'failed' : 'queued',
          attempts,
          runAt: last
            ? job.runAt
            : new Date(now.getTime() + backoffSeconds(attempts, spec.baseSeconds, spec.maxSeconds) * 1000),
          lastError: error,
          lockedBy: null,
          lockedUntil: null,
          updatedAt: now,
          finishedAt: last ? now : null,
        })
        .where(this.ours(job.id))
        .returning({ id: jobs.id })
      if (last && marked.length > 0) await this.lastFailureHook?.(tx, job)
      return marked
    })
    if (rows.length === 0) return 'lost'
    if (last) log.error({ error, stack }, 'job failed its last attempt')
    else log.warn({ error, stack }, 'job attempt failed; will retry')
    return last ? 'failed' : 'retried'
  }

  /** Run `hook` in the transaction that marks a job failed after its last try (notifications use it). */
  onLastFailure(hook: (tx: Tx, job: Job) => Promise<void>): void {
    this.lastFailureHook = hook
  }

  /** Call `runDue` every `intervalMs` (at once again while batches come back full). */
  startPolling(intervalMs: number): void {
    if (this.closed || this.timer) return
    const tick = async () => {
      let full = false
      try {
        const s = await this.runDue()
        full = s.claimed >= this.batchSize
      } catch (err) {
        this.log.error({ err }, 'polling for due jobs failed')
      }
      if (!this.closed) this.timer = setTimeout(() => void tick(), full ? 0 : intervalMs).unref()
    }
    this.timer = setTimeout(() => void tick(), intervalMs).unref()
  }

  /** Stop polling, refuse new runs, and wait for the running ones to finish. */
  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.timer)
    this.timer = undefined
    await Promise.allSettled([...this.inflight])
  }
}
