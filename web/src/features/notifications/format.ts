/** A notification in words: its sentence from kind and params in the reader's language, and its time. */
import { isNotificationKind, isRole } from '@linli/shared'
import { useI18n } from 'vue-i18n'
import { currentLocale } from '../../i18n/index.ts'
import { signedAmount } from '../points/format.ts'
import type { Notification } from './operations.ts'

/** Times are shown as in China, wherever the browser is. */
const TIME_ZONE = 'Asia/Shanghai'

/** A signed amount of points as staff gave or took it: "+5", "-3" ('' when it is not a number). */
export function signedPoints(value: unknown): string {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN
  return Number.isFinite(n) ? signedAmount(n) : ''
}

/** Kinds whose sentence holds `{reason}`. */
const REASON_IN_SENTENCE = new Set<string>([
  'hours.rejected',
  'hours.corrected',
  'certificate.revoked',
  'review.hidden',
])

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

export function useNotificationText() {
  const { t, tm, rt } = useI18n()

  /** The sentence for a notification; a kind newer than this web gets a generic one. */
  function title(n: Pick<Notification, 'kind' | 'params'>): string {
    if (!isNotificationKind(n.kind)) return t('notifications.unknownKind')
    const p = n.params
    const role = text(p.role)
    const answer = p.answer === 'accepted' || p.answer === 'declined' ? t(`notifications.answers.${p.answer}`) : ''
    // Kinds have dots in them ('unit.joined'): looked up as a record key, not as a message path.
    const kinds = tm('notifications.kinds') as Record<string, Parameters<typeof rt>[0]>
    const message = kinds[n.kind]
    if (message === undefined) return t('notifications.unknownKind')
    const states = tm('notifications.states') as Record<string, Parameters<typeof rt>[0]>
    const stateKey = n.kind === 'claim.decided' && p.state === 'rejected' ? 'claim_rejected' : text(p.state)
    const state = states[stateKey] !== undefined ? rt(states[stateKey]) : ''
    // A cancelled redemption's reason is a word (expired | staff), said in the sentence itself.
    const cancelled = n.kind === 'redemption.cancelled'
    const cancelReason = cancelled
      ? t(`notifications.redemptionCancelReasons.${p.reason === 'expired' ? 'expired' : 'staff'}`)
      : ''
    // Sentences that say the reason themselves get no suffix repeating it.
    const inSentence = cancelled || REASON_IN_SENTENCE.has(n.kind)
    const reason = !inSentence && text(p.reason) ? t('notifications.reasonSuffix', { reason: text(p.reason) }) : ''
    return (
      rt(message, {
        title: text(p.title),
        projectTitle: text(p.projectTitle),
        state,
        role: isRole(role) ? t(`roles.${role}`) : role,
        placeName: text(p.placeName) || t('app.name'),
        unitName: text(p.unitName),
        communityName: text(p.communityName),
        jobKind: text(p.jobKind),
        answer,
        amount: signedPoints(p.amount),
        rewardName: text(p.rewardName),
        cancelReason,
        reason: text(p.reason),
        minutes: text(p.minutes),
        hours: text(p.hours),
        days: text(p.days),
        points: text(p.points),
      }) + reason
    )
  }

  /** "06/18 09:30" this year, "2025/12/31 18:00" before it. */
  function time(iso: string, now = new Date()): string {
    const year = (d: Date) => new Intl.DateTimeFormat('en', { timeZone: TIME_ZONE, year: 'numeric' }).format(d)
    const date = new Date(iso)
    return new Intl.DateTimeFormat(currentLocale.value, {
      timeZone: TIME_ZONE,
      ...(year(date) === year(now) ? {} : { year: 'numeric' }),
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(date)
  }

  return { title, time }
}
