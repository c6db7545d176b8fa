import type { ErrorCode } from '@linli/shared'
import type { ClientErrorCode } from '../graphql/errors.ts'
import type { Messages } from './types.ts'

const errors: Record<ErrorCode, string> & Record<ClientErrorCode, string> = {
  BAD_USER_INPUT: 'Some details are not valid. Please check and try again.',
  UNAUTHENTICATED: 'Please sign in first.',
  FORBIDDEN: 'You are not allowed to do this.',
  NOT_FOUND: 'Nothing was found.',
  INVALID_TRANSITION: 'This cannot be done in the current state.',
  INVALID_CREDENTIALS: 'The phone number or password is wrong.',
  TOO_MANY_ATTEMPTS: 'Too many failed sign-ins. Please try again in {wait}.',
  PHONE_TAKEN: 'This phone number is already registered. Please sign in.',
  PRIVACY_CONSENT_REQUIRED: 'Please read and accept the current privacy notice.',
  WEAK_PASSWORD: 'This password is too easy to guess. Please choose a stronger one.',
  INVALID_REFRESH_TOKEN: 'Your session has ended. Please sign in again.',
  REFRESH_TOKEN_REUSED: 'To protect your account, your session has ended. Please sign in again.',
  TOKEN_EXPIRED: 'Your session has expired. Please sign in again.',
  INVALID_TOKEN: 'Your session is not valid. Please sign in again.',
  GRAPHQL_PARSE_FAILED: 'The request was malformed. Please reload the page and try again.',
  GRAPHQL_VALIDATION_FAILED: 'The request was not valid. Please reload the page and try again.',
  QUERY_TOO_DEEP: 'The request is too complex. Please try again later.',
  TOO_MANY_ALIASES: 'The request is too complex. Please try again later.',
  TOO_MANY_OPERATIONS: 'Too many requests at once. Please try again later.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'This kind of request is not supported. Please reload the page.',
  PROJECT_CAPACITY_REACHED: 'This project has no places left to claim.',
  INTERNAL_ERROR: 'Something went wrong on our side. Please try again later.',
  NETWORK_ERROR: 'Could not reach the server. Please check your connection and try again.',
}

const messages: Messages = {
  app: { name: 'Linli', tagline: 'Residents ask · the community plans · units serve · residents rate' },
  common: { cancel: 'Cancel' },
  locale: { switchTo: 'Switch language' },
  nav: { home: 'Home', me: 'Me', account: 'My account', menu: 'Navigation' },
  auth: {
    signIn: 'Sign in',
    register: 'Register',
    phone: 'Phone',
    phonePlaceholder: '11-digit mobile number',
    password: 'Password',
    passwordPlaceholder: 'Your password',
    passwordHint: 'At least 8 characters with a letter and a digit',
    realName: 'Real name',
    realNamePlaceholder: 'Your real name',
    submitSignIn: 'Sign in',
    submitRegister: 'Register and sign in',
    privacyConsent: 'I have read and accept the Linli privacy notice (version {version})',
    privacyConsentRequired: 'Please accept the privacy notice first',
    signOut: 'Sign out',
    sessionEnded: 'Your session has ended. Please sign in again.',
  },
  home: {
    greeting: 'Hello, {name}',
    actingAs: 'Acting as',
    role: 'Role',
    scope: 'Scope',
    selfScope: 'Personal',
    duties: 'What you can do',
  },
  account: {
    title: 'My account',
    realName: 'Name',
    phone: 'Phone',
    roles: 'My roles',
    currentRole: 'Current',
    switchRole: 'Switch role',
    language: 'Language',
  },
  roles: {
    resident: 'Resident',
    volunteer: 'Volunteer',
    unit_admin: 'Unit admin',
    grid_worker: 'Grid worker',
    community_staff: 'Community staff',
    street_admin: 'Street admin',
    district_admin: 'District admin',
  },
  duties: {
    resident: 'Post needs, follow them, rate the service — and become a volunteer if you wish.',
    volunteer:
      'Keep your profile, sign up for activities, check in and out, and see your hours, points, stars and certificate.',
    unit_admin: "Manage your unit's resources, claims, members and teams, and post completion reports.",
    grid_worker: 'Record needs and ratings on behalf of residents.',
    community_staff:
      'Triage needs, run the three lists, approve, keep the points store, settings, dashboards and exports.',
    street_admin:
      "Manage the street's communities, grids, role grants and default rules; see rankings across communities.",
    district_admin:
      "Manage the district's streets, communities, grids, role grants and default rules; see rankings across communities.",
  },
  errors,
  fields: {
    PHONE_INVALID: 'Enter a valid 11-digit mobile number',
    PASSWORD_TOO_SHORT: 'At least 8 characters',
    PASSWORD_TOO_LONG: 'At most 128 characters',
    PASSWORD_NEEDS_LETTER: 'Include a letter',
    PASSWORD_NEEDS_DIGIT: 'Include a digit',
    REAL_NAME_REQUIRED: 'Enter your name',
    REAL_NAME_TOO_LONG: 'At most 50 characters',
    required: 'Please fill this in',
    unknown: 'Please check this field',
  },
  wait: { minutes: '{n} min', seconds: '{n} s', minutesSeconds: '{m} min {s} s' },
}

export default messages
