/** What the app decorates its Fastify instance with; features reach each other through these. */
import type { Clock } from './clock.ts'
import type { Config } from './config.ts'
import type { Database, Db } from './db/index.ts'
import type { AuditService } from './features/audit/audit.service.ts'
import type { AuthService } from './features/auth/auth.service.ts'
import type { PeopleService } from './features/people/people.service.ts'
import type { PlacesService } from './features/places/places.service.ts'
import type { RolesService } from './features/roles/roles.service.ts'
import type { SettingsService } from './features/settings/settings.service.ts'
import type { UnitsService } from './features/units/units.service.ts'
import type { MatchingService } from './features/matching/matching.service.ts'
import type { ResourcesService } from './features/resources/resources.service.ts'
import type { NeedsService } from './features/needs/needs.service.ts'
import type { AccountsService } from './features/accounts/accounts.service.ts'
import type { SmsCodes } from './features/accounts/sms-codes.ts'
import type { PrivacyService } from './features/privacy/privacy.service.ts'
import type { Sealer } from './lib/crypto.ts'
import type { JobQueue } from './platform/jobs/queue.ts'
import type { JobsService } from './platform/jobs/jobs.service.ts'
import type { SmsGateway } from './platform/sms/index.ts'
import type { FilesService } from './platform/storage/files.service.ts'
import type { Notifications } from './platform/notifications/index.ts'
import type { ProjectsService } from './features/projects/projects.service.ts'
import type { ClaimsService } from './features/projects/claims.service.ts'
import type { ActivitiesService } from './features/activities/activities.service.ts'
import type { HoursService } from './features/hours/hours.service.ts'
import type { SignUpsService } from './features/activities/sign-ups.service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    clock: Clock
    database: Database
    db: Db
    authService: AuthService
    peopleService: PeopleService
    placesService: PlacesService
    rolesService: RolesService
    settingsService: SettingsService
    auditService: AuditService
    unitsService: UnitsService
    /** Suggestions with scores and reasons; needs waiting too long. */
    matchingService: MatchingService
    /** The resource list (联盟资源清单). */
    resourcesService: ResourcesService
    /** The need list (服务需求清单) and each need's timeline. */
    needsService: NeedsService
    /** Where text messages leave (the log by default). */
    sms: SmsGateway
    /** Encrypts ID numbers and addresses at rest. */
    sealer: Sealer
    smsCodes: SmsCodes
    accountsService: AccountsService
    privacyService: PrivacyService
    /** Durable jobs: register kinds, schedule (in a transaction), run due ones. */
    jobs: JobQueue
    jobsService: JobsService
    /** Uploaded files: owner types and their access rules, attach, the file store. */
    files: FilesService
    /** The event bus features publish to, the notification list, the live push. */
    notifications: Notifications
    projectsService: ProjectsService
    claimsService: ClaimsService
    /** A project's activities (shifts): create, reschedule, re-size, cancel. */
    activitiesService: ActivitiesService
    /** Sign-ups with a waitlist, race-safe under the activity's row lock. */
    signUpsService: SignUpsService
    hoursService: HoursService
  }
}
