/**
 * Every failure the client reports is an `ApiError` carrying a code from `@linli/shared`
 * (or `NETWORK_ERROR` when the server could not be reached); pages translate the code,
 * never the server's message text.
 */
import { isErrorCode, type ErrorCode } from '@linli/shared'
import type { CombinedError } from '@urql/core'

export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR'

export class ApiError extends Error {
  readonly code: ClientErrorCode
  /** BAD_USER_INPUT: field path → the shared schema's message code, e.g. `{ phone: 'PHONE_INVALID' }`. */
  readonly fields: Record<string, string>
  /** TOO_MANY_ATTEMPTS: seconds until another try is allowed. */
  readonly retryAfter: number | undefined
  /** A plain HTTP route's `error.details` (e.g. an import's `{ reason: 'HEADER_MISSING', missing }`), else {}. */
  readonly details: Record<string, unknown>

  constructor(
    code: ClientErrorCode,
    options: {
      message?: string
      fields?: Record<string, string>
      retryAfter?: number
      details?: Record<string, unknown>
      cause?: unknown
    } = {},
  ) {
    super(options.message ?? code, { cause: options.cause })
    this.name = 'ApiError'
    this.code = code
    this.fields = options.fields ?? {}
    this.retryAfter = options.retryAfter
    this.details = options.details ?? {}
  }
}

/** The shared code of a GraphQL result's error, the first one that carries a code. */
export function errorCodeOf(error: CombinedError | undefined): ErrorCode | undefined {
  for (const e of error?.graphQLErrors ?? []) {
    const code = e.extensions?.code
    if (isErrorCode(code)) return code
  }
  return undefined
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {}
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
}

export function toApiError(error: CombinedError): ApiError {
  if (error.networkError instanceof ApiError) return error.networkError
  const first = error.graphQLErrors[0]
  if (!first) return new ApiError('NETWORK_ERROR', { message: error.message, cause: error })
  const ext = first.extensions ?? {}
  const retryAfter = typeof ext.retryAfter === 'number' ? ext.retryAfter : undefined
  return new ApiError(errorCodeOf(error) ?? 'INTERNAL_ERROR', {
    message: first.message,
    fields: stringRecord(ext.fields),
    ...(retryAfter === undefined ? {} : { retryAfter }),
    cause: error,
  })
}
