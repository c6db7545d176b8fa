/** What the app decorates its Fastify instance with; features reach each other through these. */
import type { Clock } from './clock.ts'
import type { Config } from './config.ts'
import type { Database, Db } from './db/index.ts'
import type { AuthService } from './features/auth/auth.service.ts'
import type { PeopleService } from './features/people/people.service.ts'
import type { UnitsService } from './features/units/units.service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    clock: Clock
    database: Database
    db: Db
    authService: AuthService
    peopleService: PeopleService
    unitsService: UnitsService
  }
}
