/**
 * Stable error codes. The server throws `DomainError(code)`; the GraphQL error formatter puts
 * the code in `extensions.code`; the web translates each code. Never match on message text.
 */
export const ERROR_CODES = [
  // input and access
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVALID_TRANSITION',
  // accounts and sessions
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'PHONE_TAKEN',
  'PRIVACY_CONSENT_REQUIRED',
  'WEAK_PASSWORD',
  'INVALID_REFRESH_TOKEN',
  'REFRESH_TOKEN_REUSED',
  'TOKEN_EXPIRED',
  'INVALID_TOKEN',
  'SMS_CODE_INVALID',
  'SMS_RATE_LIMITED',
  'ALREADY_EXISTS',
  'GUARDIAN_CONSENT_REQUIRED',
  'ACCOUNT_DELETED',
  // GraphQL hygiene
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_OPERATIONS',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  // contested state
  'PROJECT_CAPACITY_REACHED',
  // a retried request's idempotency key was first used for a different request
  'IDEMPOTENCY_KEY_REUSED',
  // units, rosters, teams: the person is not a member where the rule needs one
  'NOT_A_MEMBER',
  // check-in/out and hours: a code that is not the leader's current (or just previous) one,
  // outside the window (tolerance before the start … the end), no confirmed sign-up,
  // back-filled hours above the activity's length
  'CHECK_IN_CODE_INVALID',
  'CHECK_IN_NOT_OPEN',
  'NOT_SIGNED_UP',
  'BACK_FILL_EXCEEDS_ACTIVITY',
  // points: a wallet holds less than the redemption or deduction asks; the reward has no stock
  // left; the person already redeemed the reward as often as it allows; no reserved redemption
  // has this code in the community
  'INSUFFICIENT_POINTS',
  'OUT_OF_STOCK',
  'REDEMPTION_LIMIT_REACHED',
  'REDEMPTION_CODE_INVALID',
  // closing the loop: a claiming unit that does not lead reports before the lead completed the
  // project; the person was not served by the project (nor records for one who was); a need or
  // participant already rated; the rating window has passed (the project is evaluated)
  'NOT_LEAD_UNIT',
  'NOT_SERVED',
  'ALREADY_RATED',
  'RATING_CLOSED',
  // uploads
  'FILE_TOO_LARGE',
  'FILE_TYPE_NOT_ALLOWED',
  // anything unexpected, masked
  'INTERNAL_ERROR',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** A type guard for membership in a list of string literals. */
export function memberOf<T extends string>(list: readonly T[]): (value: unknown) => value is T {
  return (value: unknown): value is T => typeof value === 'string' && (list as readonly string[]).includes(value)
}

export const isErrorCode = memberOf(ERROR_CODES)

/** A rule of the domain was broken; safe to show to the user, by its code. */
export class DomainError extends Error {
  readonly code: ErrorCode
  readonly details: Record<string, unknown> | undefined

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? code)
    this.name = 'DomainError'
    this.code = code
    this.details = details
  }

  /**
   * graphql-js copies an original error's `extensions` into the GraphQLError it wraps, so the
   * code also reaches clients on paths that skip the error formatter (WebSocket subscriptions).
   */
  get extensions(): Record<string, unknown> {
    return { ...this.details, code: this.code }
  }
}
