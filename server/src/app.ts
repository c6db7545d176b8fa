/**
 * buildApp(config): database → auth → GraphQL → features → web. Never listens: the process
 * (server.ts) does, and tests call the app with `inject` or on an ephemeral port.
 */
import { existsSync } from 'node:fs'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { systemClock, type Clock } from './clock.ts'
import type { Config } from './config.ts'
import { openDatabase, type Database } from './db/index.ts'
import { seedDemo } from './demo/seed.ts'
import { accountsFeature } from './features/accounts/index.ts'
import { auditFeature } from './features/audit/index.ts'
import { authCore, authFeature } from './features/auth/index.ts'
import { peopleFeature } from './features/people/index.ts'
import { privacyFeature } from './features/privacy/index.ts'
import { placesFeature } from './features/places/index.ts'
import { rolesFeature } from './features/roles/index.ts'
import { settingsFeature } from './features/settings/index.ts'
import { unitsFeature } from './features/units/index.ts'
import { matchingFeature } from './features/matching/index.ts'
import { projectsFeature } from './features/projects/index.ts'
import { activitiesFeature } from './features/activities/index.ts'
import { hoursFeature } from './features/hours/index.ts'
import { pointsFeature } from './features/points/index.ts'
import { evaluationFeature } from './features/evaluation/index.ts'
import { rankingsFeature } from './features/rankings/index.ts'
import { importsFeature } from './features/imports/index.ts'
import { governanceFeature } from './features/governance/index.ts'
import { volunteersFeature } from './features/volunteers/index.ts'
import { certificatesFeature } from './features/certificates/index.ts'
import { resourcesFeature } from './features/resources/index.ts'
import { needsFeature } from './features/needs/index.ts'
import { graphqlPlugin } from './graphql/plugin.ts'
import { explorerRoutes } from './http/explorer.ts'
import { healthRoutes } from './http/health.ts'
import { webRoutes } from './http/web.ts'
import { loadDataSealer } from './lib/crypto.ts'
import { jobsPlugin, type JobsOptions } from './platform/jobs/index.ts'
import { notificationsPlugin } from './platform/notifications/index.ts'
import { LogSmsGateway, type SmsGateway } from './platform/sms/index.ts'
import { filesPlugin, type FileStore } from './platform/storage/index.ts'
import './types.ts'

export type { FastifyInstance }

export interface AppOptions {
  config: Config
  clock?: Clock
  /** An open, migrated database (tests share one); otherwise opened and migrated here. */
  database?: Database
  logger?: FastifyServerOptions['logger']
  /** Where the default logger writes (tests collect logs to check them for personal data). */
  logStream?: { write(msg: string): void }
  /** The SMS gateway; by default messages are written to the log (phones masked). */
  sms?: SmsGateway
  /** The job queue; `poll: true` runs due jobs in this process (server.ts), off by default (tests call `runDue`). */
  jobs?: JobsOptions
  /** Where uploaded files' bytes live; by default on disk under `${dataDir}/files/`. */
  fileStore?: FileStore
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options
  const clock = options.clock ?? systemClock
  const app = Fastify({
    trustProxy: config.trustProxy,
    logger: options.logger ?? {
      level: config.logLevel,
      // No personal data in logs: requests are logged by method and route, never by address.
      serializers: {
        req: (req) => ({ method: req.method, url: req.url.split('?')[0] }),
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: 1024 * 1024,
  })

  let database = options.database
  if (!database) {
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      migrationDatabaseUrl: config.migrationDatabaseUrl,
      poolSize: config.databasePoolSize,
      dataDir: `${config.dataDir}/pglite`,
    })
    const opened = database
    app.addHook('onClose', () => opened.close())
    await database.migrate()
  }

  app.decorate('config', config)
  app.decorate('clock', clock)
  app.decorate('database', database)
  app.decorate('db', database.db)
  app.decorate('sms', options.sms ?? new LogSmsGateway(app.log))
  app.decorate('sealer', await loadDataSealer(config, database.db, clock, app.log))

  await app.register(healthRoutes)
  await app.register(authCore)
  await app.register(graphqlPlugin)
  await app.register(jobsPlugin, options.jobs ?? {})
  await app.register(notificationsPlugin)
  await app.register(filesPlugin, options.fileStore ? { store: options.fileStore } : {})
  await app.register(peopleFeature)
  await app.register(authFeature)
  await app.register(accountsFeature)
  await app.register(privacyFeature)
  await app.register(placesFeature)
  await app.register(rolesFeature)
  await app.register(settingsFeature)
  await app.register(auditFeature)
  await app.register(unitsFeature)
  await app.register(projectsFeature)
  await app.register(activitiesFeature)
  await app.register(pointsFeature)
  await app.register(hoursFeature)
  await app.register(volunteersFeature)
  await app.register(certificatesFeature)
  await app.register(resourcesFeature)
  await app.register(needsFeature)
  await app.register(matchingFeature)
  await app.register(evaluationFeature)
  await app.register(rankingsFeature)
  await app.register(importsFeature)
  await app.register(governanceFeature)

  if (config.demo) await seedDemo(database.db, clock, app.log, app.sealer)
  if (config.env !== 'production') await app.register(explorerRoutes, { root: config.explorerDistDir })
  if (existsSync(config.webDistDir)) await app.register(webRoutes, { root: config.webDistDir })

  return app
}
