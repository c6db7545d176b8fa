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
  /** A new half-year term: the unit now holds the alliance's rotating deputy secretary (to its admins and the community's staff; params: unitName, term, communityName). */
  'alliance.deputy_rotated',
  /** A co-building agreement is due for renewal (to the community's staff and the unit's admins; params: unitName, renewsOn, communityName). */
  'alliance.agreement_renewal',
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
  // ── The three lists ──
  /** A resident submitted a need, or one was recorded for them (to the community's staff; params: title). */
  'need.submitted',
  /** A need you posted or recorded changed state (params: title, state, reason?). */
  'need.state_changed',
  /** A unit offered a resource into the alliance list (to the community's staff; params: title, unitName). */
  'resource.offered',
  /** Staff published or returned your unit's resource (to the unit's admins; params: title, state, reason?). */
  'resource.decided',
  /** A project your unit may claim was published (to admins of the alliance's units; params: title, communityName). */
  'project.published',
  /** A unit claimed a project (to the community's staff; params: projectTitle, unitName, state). */
  'claim.made',
  /** Staff approved or rejected your unit's claim (to the unit's admins; params: projectTitle, state, reason?). */
  'claim.decided',
  /** A unit withdrew its claim (to the community's staff; params: projectTitle, unitName). */
  'claim.withdrawn',
  /** Your unit now leads a joint project (to the unit's admins; params: projectTitle). */
  'claim.lead_changed',
  /** A project your unit claimed started (params: projectTitle). */
  'project.started',
  /** A project your unit claimed was cancelled (params: projectTitle, reason). */
  'project.cancelled',
  // ── Activities and sign-ups ──
  /** An activity you signed up for was rescheduled (params: title, startsAt (ISO), place). */
  'activity.changed',
  /** An activity you signed up for was cancelled; your sign-up with it (params: title, reason). */
  'activity.cancelled',
  /** You moved up from the waitlist: your place is confirmed (params: title, startsAt (ISO), place). */
  'sign_up.promoted',
  // ── Hours, no-shows, certificates, 双报到 ──
  /** Staff rejected your hours at an activity (params: title, reason). */
  'hours.rejected',
  /** Staff corrected your approved hours at an activity (params: title, minutes, reason). */
  'hours.corrected',
  /** You were marked as not having come to an activity you signed up for; you may contest it (params: title). */
  'no_show.marked',
  /** Staff decided on your contested no-show mark (params: title, answer: cleared|upheld). */
  'no_show.resolved',
  /** A community issued you a service-record certificate (params: communityName, hours). */
  'certificate.issued',
  /** A certificate of yours was revoked (params: communityName, reason). */
  'certificate.revoked',
  /** A party member reported in with your unit or community: confirm it (to the unit's admins or the community's staff; params: unitName, communityName). */
  'dual_report.requested',
  /** Your 双报到 was confirmed or rejected (params: unitName, communityName, state, reason?). */
  'dual_report.decided',
  // ── Points ──
  /** Staff adjusted your points (params: communityName, amount (signed), reason). */
  'points.adjusted',
  /** Your redemption was cancelled — not collected in time, or by staff — and its points returned (params: rewardName, reason: expired|staff). */
  'redemption.cancelled',
  // ── Closing the loop ──
  /** A project that served you (your need) was completed: rate it (params: projectTitle, days). */
  'project.completed',
  /** Staff hid your rating's comment or your unit's report (params: projectTitle, reason). */
  'review.hidden',
  /** A project you served was rated 5: the community's bonus (params: projectTitle, points). */
  'points.bonus',
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
