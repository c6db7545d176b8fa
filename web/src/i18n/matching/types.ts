import type { MatchReasonCode } from '@linli/shared'

/**
 * Matching's messages in every locale. `reasons` words each reason code with its params
 * ({count}, {category} — already a category's name —, {kind} — already a kind's name —,
 * {date}, {quantity}, {demand}, {left}, {days}): a code added to MATCH_REASON_CODES without its
 * text fails the typecheck.
 */
export interface MatchingMessages {
  suggestedResources: string
  suggestedProjects: string
  waitingTooLong: string
  /** "{n} days" waited. */
  daysWaiting: string
  score: string
  reasons: Record<MatchReasonCode, string>
  /** A reason code newer than this web. */
  unknownReason: string
}
