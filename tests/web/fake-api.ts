/**
 * An in-test GraphQL endpoint for the web client: a `fetch` that answers the auth
 * operations by name, with access tokens it can expire, and counts the calls it sees.
 * The server is not under test here (tests/server covers it); this checks the client's
 * control flow: who refreshes, how often, and what happens when refresh is refused.
 */
import type { Role } from '@linli/shared'

export interface FakeGrant {
  role: Role
  scopeName: string | null
}

interface Body {
  operationName?: string
  variables?: Record<string, unknown>
}

export interface FakeApi {
  fetch: typeof fetch
  /** Operation names in the order requests arrived, with the bearer they carried. */
  calls: { operation: string; bearer: string | null }[]
  refreshCalls(): number
  /** The access token the fake accepts; anything else answers TOKEN_EXPIRED. */
  validAccess: string
  /** Make the next refresh answer this code instead of new tokens. */
  refuseRefreshWith: string | null
  /** Delay (ms) a failing answer for one operation name, to make it arrive late. */
  delayFailure: Record<string, number>
  refreshDelay: number
}

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const error = (code: string, extra: Record<string, unknown> = {}) =>
  json({ data: null, errors: [{ message: code, extensions: { code, ...extra } }] })

export function fakeApi(options: { grants: FakeGrant[]; realName?: string }): FakeApi {
  let generation = 1
  const me = {
    user: { id: 'u1', realName: options.realName ?? '刘芳', phone: '13900000005' },
    roles: options.grants.map((g, i) => ({
      id: `g${i + 1}`,
      role: g.role,
      scopeType: g.scopeName ? 'community' : 'self',
      scopeId: g.scopeName ? `s${i + 1}` : null,
      scopeName: g.scopeName,
    })),
  }
  const tokens = () => ({
    accessToken: `access-${generation}`,
    accessTokenExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    refreshToken: `refresh-${generation}`,
  })

  const api: FakeApi = {
    calls: [],
    validAccess: 'access-1',
    refuseRefreshWith: null,
    delayFailure: {},
    refreshDelay: 20,
    refreshCalls: () => api.calls.filter((c) => c.operation === 'Refresh').length,
    fetch: async (_input, init) => {
      const body = JSON.parse(String(init?.body)) as Body
      const operation = body.operationName ?? '?'
      const auth = new Headers(init?.headers).get('authorization')
      const bearer = auth?.replace(/^Bearer /, '') ?? null
      api.calls.push({ operation, bearer })

      switch (operation) {
        case 'Login':
          if (body.variables?.password !== 'Linli2026') return error('INVALID_CREDENTIALS')
          return json({ data: { login: { ...tokens(), me } } })
        case 'Refresh': {
          await sleep(api.refreshDelay)
          if (api.refuseRefreshWith) return error(api.refuseRefreshWith)
          if (body.variables?.refreshToken !== `refresh-${generation}`) return error('REFRESH_TOKEN_REUSED')
          generation += 1
          api.validAccess = `access-${generation}`
          return json({ data: { refresh: tokens() } })
        }
        case 'Logout':
          return json({ data: { logout: true } })
        default:
          if (bearer !== api.validAccess) {
            const delay = api.delayFailure[operation]
            if (delay) await sleep(delay)
            return error('TOKEN_EXPIRED')
          }
          if (operation === 'Me') return json({ data: { me } })
          if (operation === 'ServerTime') return json({ data: { serverTime: new Date().toISOString() } })
          return error('GRAPHQL_VALIDATION_FAILED')
      }
    },
  }
  return api
}
