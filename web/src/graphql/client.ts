/**
 * The GraphQL client: urql with its auth exchange. Every operation carries the access token;
 * an expired one (TOKEN_EXPIRED, INVALID_TOKEN, UNAUTHENTICATED, or expiring within a
 * minute) is refreshed once — operations failing together wait for the same refresh and are
 * retried after it. A refresh the server refuses ends the session: tokens cleared,
 * `onSignedOut` called. Results come back as data, failures as `ApiError`.
 *
 * Subscriptions go over one WebSocket (graphql-ws, the `graphql-transport-ws` protocol) at the
 * same path, opened only while a subscription is active. The server authenticates it once, by
 * the access token in `connection_init`: the token is read (and refreshed if it is about to
 * expire) each time the socket connects, so a reconnect never presents a stale one. After a
 * reconnect `onReconnected` listeners run: events in the gap were missed, lists should reload.
 */
import type { ErrorCode } from '@linli/shared'
import {
  Client,
  fetchExchange,
  subscriptionExchange,
  getOperationName,
  gql,
  type AnyVariables,
  type CombinedError,
  type Operation,
  type TypedDocumentNode,
} from '@urql/core'
import { authExchange } from '@urql/exchange-auth'
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws'
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
  'VerifyCertificate',
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
  /** The subscriptions' WebSocket URL; null turns subscriptions off. Default: ws(s)://<this host>/graphql. */
  wsUrl?: string | null
  /** A WebSocket implementation where the global one is missing or not wanted (tests). */
  webSocketImpl?: unknown
}

export interface SubscriptionHandlers<Data> {
  next(data: Data): void
  /** The subscription failed for good (refused, or the connection gave up): it is over. */
  error?(error: ApiError): void
}

export interface Api {
  readonly client: Client
  readonly tokens: TokenStore
  query<Data, Vars extends AnyVariables>(document: TypedDocumentNode<Data, Vars>, variables: Vars): Promise<Data>
  mutate<Data, Vars extends AnyVariables>(document: TypedDocumentNode<Data, Vars>, variables: Vars): Promise<Data>
  /** Start a subscription; returns the function that stops it. */
  subscribe<Data, Vars extends AnyVariables>(
    document: TypedDocumentNode<Data, Vars>,
    variables: Vars,
    handlers: SubscriptionHandlers<Data>,
  ): () => void
  /** Called after the subscriptions' socket reconnected (not on its first connection); returns an unsubscribe. */
  onReconnected(listener: () => void): () => void
}

/** ws://host/graphql on http, wss:// on https: the page's own server. */
export function defaultWsUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`
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

  /** The auth exchange's single-flight refresh, for the WebSocket's handshake. */
  let refreshSession: ((stale: string | null) => Promise<void>) | null = null

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
    refreshSession = refreshOnce

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

  const reconnectListeners = new Set<() => void>()
  const wsUrl =
    options.wsUrl !== undefined ? options.wsUrl : typeof location === 'undefined' ? null : defaultWsUrl(location)
  const ws: WsClient | null =
    wsUrl === null || (options.webSocketImpl === undefined && typeof WebSocket === 'undefined')
      ? null
      : createWsClient({
          url: wsUrl,
          ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
          // Open only while something is subscribed (signed out: no socket).
          lazy: true,
          // Read when (re)connecting, never captured: the token may have been refreshed since.
          connectionParams: async () => {
            if (expiresSoon() && refreshSession) await refreshSession(null).catch(() => undefined)
            const session = tokens.read()
            return session ? { authorization: `Bearer ${session.accessToken}` } : {}
          },
          retryAttempts: 8,
          // A phone dropping off the network is not fatal: keep trying as for a closed socket.
          shouldRetry: () => true,
          on: {
            connected: (_socket, _payload, wasRetry) => {
              if (wasRetry) for (const listener of reconnectListeners) listener()
            },
          },
        })

  const client = new Client({
    url: options.url ?? '/graphql',
    exchanges: [
      auth,
      ...(ws
        ? [
            subscriptionExchange({
              forwardSubscription(request) {
                const input = { ...request, query: request.query ?? '' }
                return {
                  subscribe(sink) {
                    return { unsubscribe: ws.subscribe(input, sink) }
                  },
                }
              },
            }),
          ]
        : []),
      fetchExchange,
    ],
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
    subscribe(document, variables, handlers) {
      if (!ws) {
        handlers.error?.(new ApiError('NETWORK_ERROR', { message: 'subscriptions are off' }))
        return () => undefined
      }
      const subscription = client.subscription(document, variables).subscribe((result) => {
        if (result.error) handlers.error?.(toApiError(result.error))
        else if (result.data) handlers.next(result.data)
      })
      return () => subscription.unsubscribe()
    },
    onReconnected(listener) {
      reconnectListeners.add(listener)
      return () => reconnectListeners.delete(listener)
    },
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
