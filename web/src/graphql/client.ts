/**
 * The GraphQL client: urql with its auth exchange. Every operation carries the access token;
 * an expired one (TOKEN_EXPIRED, INVALID_TOKEN, UNAUTHENTICATED, or expiring within a
 * minute) is refreshed once — operations failing together wait for the same refresh and are
 * retried after it. A refresh the server refuses ends the session: tokens cleared,
 * `onSignedOut` called. Results come back as data, failures as `ApiError`.
 */
import type { ErrorCode } from '@linli/shared'
import {
  Client,
  fetchExchange,
  getOperationName,
  gql,
  type AnyVariables,
  type CombinedError,
  type Operation,
  type TypedDocumentNode,
} from '@urql/core'
import { authExchange } from '@urql/exchange-auth'
import { ApiError, errorCodeOf, toApiError } from './errors.ts'
import { createTokenStore, type TokenPayload, type TokenStore } from './tokens.ts'

/** Operation documents are written with this tag, typed by hand as `TypedDocumentNode<Data, Vars>`. */
export { gql, type TypedDocumentNode }

/** Refresh this long before the access token expires, so requests never race its expiry. */
const EXPIRY_MARGIN_MS = 60_000

const ACCESS_FAILURES: readonly ErrorCode[] = ['TOKEN_EXPIRED', 'INVALID_TOKEN', 'UNAUTHENTICATED']
const SESSION_ENDED: readonly ErrorCode[] = ['INVALID_REFRESH_TOKEN', 'REFRESH_TOKEN_REUSED']
/** Operations that work without a session: no refresh is attempted before or after them. */
const PUBLIC_OPERATIONS = new Set([
  'Login',
  'LoginWithSmsCode',
  'ResetPasswordWithSmsCode',
  'Register',
  'Refresh',
  'Logout',
  'PrivacyNotice',
  'RequestSmsCode',
])

const RefreshDocument: TypedDocumentNode<{ refresh: TokenPayload }, { refreshToken: string }> = gql`
  mutation Refresh($refreshToken: String!) {
    refresh(refreshToken: $refreshToken) {
      accessToken
      accessTokenExpiresAt
      refreshToken
    }
  }
`

export interface ApiOptions {
  url?: string
  fetch?: typeof fetch
  storage?: Storage
  /** The session ended (refresh refused): the tokens are already cleared. */
  onSignedOut?: (code: ErrorCode) => void
  now?: () => number
}

export interface Api {
  readonly client: Client
  readonly tokens: TokenStore
  query<Data, Vars extends AnyVariables>(document: TypedDocumentNode<Data, Vars>, variables: Vars): Promise<Data>
  mutate<Data, Vars extends AnyVariables>(document: TypedDocumentNode<Data, Vars>, variables: Vars): Promise<Data>
}

function bearerOf(operation: Operation): string | null {
  const options = operation.context.fetchOptions
  const headers = (typeof options === 'function' ? options() : options)?.headers
  const value = headers && !Array.isArray(headers) && !(headers instanceof Headers) ? headers.Authorization : undefined
  return value?.replace(/^Bearer /, '') ?? null
}

/** Another tab may be refreshing the same session: take turns where the browser allows it. */
function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  return locks ? locks.request('linli-refresh', fn) : fn()
}

export function createApi(options: ApiOptions = {}): Api {
  const tokens = createTokenStore(options.storage ?? window.localStorage)
  const now = options.now ?? Date.now
  const isPublic = (op: Operation) => PUBLIC_OPERATIONS.has(getOperationName(op.query) ?? '')
  const expiresSoon = () => {
    const session = tokens.read()
    return session !== null && session.accessTokenExpiresAt - now() < EXPIRY_MARGIN_MS
  }

  const auth = authExchange(async (utils) => {
    /** The access token the operation that asked for a refresh was sent with. */
    let staleToken: string | null = null
    let inFlight: Promise<void> | null = null

    const refreshOnce = (stale: string | null): Promise<void> =>
      (inFlight ??= withRefreshLock(async () => {
        const session = tokens.read()
        if (!session) return
        // A result that failed with an older token arrived after the refresh: just retry it.
        if (stale !== null && session.accessToken !== stale && !expiresSoon()) return
        const result = await utils.mutate(RefreshDocument, { refreshToken: session.refreshToken })
        if (result.data) {
          tokens.save(result.data.refresh)
          return
        }
        const code = errorCodeOf(result.error)
        if (code && SESSION_ENDED.includes(code)) {
          tokens.clear()
          options.onSignedOut?.(code)
        }
        // Reject: every queued operation fails with this error instead of being retried.
        throw result.error ? toApiError(result.error) : new ApiError('INTERNAL_ERROR')
      }).finally(() => {
        inFlight = null
      }))

    return {
      addAuthToOperation(operation) {
        const session = tokens.read()
        if (!session || getOperationName(operation.query) === 'Refresh') return operation
        return utils.appendHeaders(operation, { Authorization: `Bearer ${session.accessToken}` })
      },
      willAuthError(operation) {
        if (isPublic(operation) || !expiresSoon()) return false
        staleToken = tokens.read()?.accessToken ?? null
        return true
      },
      didAuthError(error: CombinedError, operation) {
        const code = errorCodeOf(error)
        if (isPublic(operation) || !code || !ACCESS_FAILURES.includes(code) || !tokens.read()) return false
        staleToken = bearerOf(operation)
        return true
      },
      refreshAuth() {
        const stale = staleToken
        staleToken = null
        return refreshOnce(stale)
      },
    }
  })

  const client = new Client({
    url: options.url ?? '/graphql',
    exchanges: [auth, fetchExchange],
    // POST only: variables (phone numbers) never end up in URLs or access logs.
    preferGetMethod: false,
    requestPolicy: 'network-only',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })

  async function run<Data>(promise: Promise<{ data?: Data; error?: CombinedError }>): Promise<Data> {
    const result = await promise
    if (result.error) throw toApiError(result.error)
    if (result.data === undefined || result.data === null) throw new ApiError('INTERNAL_ERROR')
    return result.data
  }

  return {
    client,
    tokens,
    query: (document, variables) => run(client.query(document, variables).toPromise()),
    mutate: (document, variables) => run(client.mutation(document, variables).toPromise()),
  }
}

let current: Api | undefined

/** The app's client, created on first use unless `setApi` installed one (main.ts, tests). */
export function useApi(): Api {
  current ??= createApi()
  return current
}

export function setApi(api: Api): void {
  current = api
}
