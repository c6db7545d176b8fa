import type { Role } from '@linli/shared'
import type { ClientErrorCode } from '../graphql/errors.ts'
import type { AccountsMessages } from './accounts/types.ts'
import type { AdminMessages } from './admin/types.ts'
import type { CertificatesMessages } from './certificates/types.ts'
import type { HoursConsoleMessages } from './hoursConsole/types.ts'
import type { ImportsMessages } from './imports/types.ts'
import type { CommunityVolunteersMessages } from './communityVolunteers/types.ts'
import type { MarketMessages } from './market/types.ts'
import type { ListsMessages } from './lists/types.ts'
import type { MatchingMessages } from './matching/types.ts'
import type { NeedsMessages } from './needs/types.ts'
import type { NotificationsMessages } from './notifications/types.ts'
import type { PointsMessages } from './points/types.ts'
import type { RankingsMessages } from './rankings/types.ts'
import type { EvaluationMessages } from './evaluation/types.ts'
import type { GovernanceMessages } from './governance/types.ts'
import type { TermsMessages } from './terms/types.ts'
import type { UnitsMessages } from './units/types.ts'
import type { VolunteerMessages } from './volunteer/types.ts'

export { FIELD_CODES, isFieldCode, type FieldCode } from '@linli/shared'
import type { FieldCode } from '@linli/shared'

/** Every message file has this shape; a missing error code or role fails the typecheck. */
export interface Messages {
  app: { name: string; tagline: string }
  common: { cancel: string; reason: string }
  locale: { switchTo: string }
  elder: { toggle: string; hint: string }
  states: { loading: string; empty: string; error: string }
  nav: { home: string; me: string; account: string; menu: string }
  auth: {
    signIn: string
    register: string
    phone: string
    phonePlaceholder: string
    password: string
    passwordPlaceholder: string
    passwordHint: string
    realName: string
    realNamePlaceholder: string
    submitSignIn: string
    submitRegister: string
    smsCode: string
    smsCodePlaceholder: string
    getSmsCode: string
    resendSmsCode: string
    privacyConsent: string
    privacyConsentRequired: string
    signOut: string
    sessionEnded: string
  }
  home: {
    greeting: string
    actingAs: string
    role: string
    scope: string
    selfScope: string
    duties: string
  }
  account: {
    title: string
    realName: string
    phone: string
    roles: string
    currentRole: string
    switchRole: string
    language: string
  }
  roles: Record<Role, string>
  duties: Record<Role, string>
  errors: Record<ClientErrorCode, string>
  fields: Record<FieldCode, string> & { required: string; unknown: string }
  wait: { minutes: string; seconds: string; minutesSeconds: string }
  admin: AdminMessages
  accounts: AccountsMessages
  units: UnitsMessages
  notifications: NotificationsMessages
  matching: MatchingMessages
  lists: ListsMessages
  needs: NeedsMessages
  certificates: CertificatesMessages
  volunteer: VolunteerMessages
  market: MarketMessages
  terms: TermsMessages
  hoursConsole: HoursConsoleMessages
  points: PointsMessages
  rankings: RankingsMessages
  evaluation: EvaluationMessages
  imports: ImportsMessages
  communityVolunteers: CommunityVolunteersMessages
  governance: GovernanceMessages
}
