/**
 * What people are told. Each notification has a kind and a few parameters (names of places
 * and units, never another person's personal data); the web renders it per language, the SMS
 * gateway in Chinese. A kind added here must get its texts in the web's messages and in the
 * server's SMS texts (both are typed records: a missing one fails the typecheck).
 */
import { memberOf } from './errors.ts'

export const NOTIFICATION_KINDS = [
  /** You were given a role (params: role, placeName). */
  'role.granted',
  /** Your role was taken back (params: role, placeName). */
  'role.revoked',
  /** Community staff invited your unit into their alliance (to the unit's admins; params: unitName, communityName). */
  'alliance.invited',
  /** A unit answered the alliance's invitation (to the community's staff; params: unitName, communityName, answer). */
  'alliance.answered',
  /** A unit admin invited you to join the unit's roster (params: unitName). */
  'unit.member_invited',
  /** Someone asked to join your unit (to its admins; params: unitName). */
  'unit.join_requested',
  /** The unit admin approved your request or you accepted their invitation (params: unitName). */
  'unit.joined',
  /** Staff reset your password at the service hall (no params). */
  'account.password_reset',
  /** A job working for your community failed its last try (to its staff; params: jobKind). */
  'job.failed',
] as const

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]
export const isNotificationKind = memberOf(NOTIFICATION_KINDS)

/** Parameters are short display strings or numbers. */
export type NotificationParams = Record<string, string | number>

/** Channels a notification went out on besides the app. */
export const SMS_STATUSES = ['none', 'pending', 'sent', 'failed'] as const
export type SmsStatus = (typeof SMS_STATUSES)[number]

/** A page of the notification list holds at most this many. */
export const NOTIFICATION_PAGE_MAX = 50
