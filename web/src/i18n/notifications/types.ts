import type { NotificationKind } from '@linli/shared'

/**
 * The notifications' messages in every locale. `kinds` words each kind with its params
 * ({role} is already a role's name, {answer} an answer's word): a kind added to
 * NOTIFICATION_KINDS without its text fails the typecheck.
 */
export interface NotificationsMessages {
  title: string
  nav: string
  bell: string
  unreadBadge: string
  unread: string
  markAllRead: string
  loadMore: string
  noMore: string
  empty: string
  smsTitle: string
  smsLabel: string
  smsHint: string
  smsNoSmartphone: string
  smsSaved: string
  kinds: Record<NotificationKind, string>
  /** A kind newer than this web (it was deployed before the server). */
  unknownKind: string
  answers: { accepted: string; declined: string }
  /** States named in notifications (a claim's rejection is `claim_rejected`). */
  states: Record<
    | 'accepted'
    | 'rejected'
    | 'merged'
    | 'planned'
    | 'in_service'
    | 'resolved'
    | 'closed'
    | 'published'
    | 'returned'
    | 'active'
    | 'pending'
    | 'claim_rejected',
    string
  >
  /** Appended when a notification carries a reason. */
  reasonSuffix: string
  /** Why a redemption was cancelled (`redemption.cancelled`'s reason is one of these, not free text). */
  redemptionCancelReasons: { expired: string; staff: string }
  /** Staff at 居民核验. */
  desk: { title: string; intro: string; noSmartphone: string; unknown: string; savedNone: string; savedHas: string }
}
