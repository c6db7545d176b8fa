/**
 * The job queue as a Fastify plugin: `app.jobs` (register, schedule, runDue), an optional
 * poller, and the admins' view of failed jobs. Features register their kinds when they load;
 * the poller starts once the app is ready and stops, waiting for running handlers, on close.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { jobsResolvers } from './jobs.resolvers.ts'
import { JobsService } from './jobs.service.ts'
import { JobQueue, type JobQueueOptions } from './queue.ts'

export * from './queue.ts'

export interface JobsOptions extends JobQueueOptions {
  /** Run due jobs in this process every `intervalMs` (default off: tests call `runDue`). */
  poll?: boolean
  /** Default 5000. */
  intervalMs?: number
}

export const jobsPlugin = fp(
  async (app: FastifyInstance, options: JobsOptions) => {
    const queue = new JobQueue(app.db, app.clock, app.log.child({ component: 'jobs' }), options)
    app.decorate('jobs', queue)
    app.decorate('jobsService', new JobsService(app.db, app.clock))
    if (options.poll) app.addHook('onReady', async () => queue.startPolling(options.intervalMs ?? 5000))
    // Before the database closes (onClose): stop claiming, let running handlers finish.
    app.addHook('preClose', () => queue.close())
    await app.graphql.extendSchema(loadSdl(import.meta.url, './jobs.graphql'))
    app.graphql.defineResolvers(jobsResolvers)
  },
  { name: 'jobs', dependencies: ['graphql'] },
)
