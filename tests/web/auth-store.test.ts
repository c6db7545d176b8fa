import { createTestingPinia } from '@pinia/testing'
import { createApi, gql, setApi, type Api, type TypedDocumentNode } from '../../web/src/graphql/client.ts'
import type { ErrorCode } from '@linli/shared'
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import { useAuthStore } from '../../web/src/features/auth/store.ts'
import { ApiError } from '../../web/src/graphql/errors.ts'
import { fakeApi, type FakeApi } from './fake-api.ts'

const ServerTime: TypedDocumentNode<{ serverTime: string }, Record<string, never>> = gql`
  query ServerTime {
    serverTime
  }
`
const Me: TypedDocumentNode<{ me: { user: { realName: string } } }, Record<string, never>> = gql`
  query Me {
    me {
      user {
        realName
      }
    }
  }
`

let server: FakeApi
let api: Api
let signedOut: Mock<(code: ErrorCode) => void>

function install(grants: Parameters<typeof fakeApi>[0]['grants']) {
  server = fakeApi({ grants })
  signedOut = vi.fn<(code: ErrorCode) => void>()
  api = createApi({ url: 'http://linli.test/graphql', fetch: server.fetch, onSignedOut: signedOut })
  setApi(api)
}

/** Pretend a sign-in happened earlier: tokens stored, the access token since expired. */
function storeSession(accessToken: string, expiresInMs: number, refreshToken = 'refresh-1') {
  api.tokens.save({
    accessToken,
    accessTokenExpiresAt: new Date(Date.now() + expiresInMs).toISOString(),
    refreshToken,
  })
}

beforeEach(() => {
  localStorage.clear()
  createTestingPinia({ stubActions: false, createSpy: vi.fn })
})

describe('signIn', () => {
  it('keeps the tokens and lands on the most privileged role', async () => {
    install([
      { role: 'resident', scopeName: null },
      { role: 'grid_worker', scopeName: '第一网格（阳光花园）' },
      { role: 'community_staff', scopeName: '阳光社区' },
      { role: 'volunteer', scopeName: null },
    ])
    const auth = useAuthStore()
    await auth.signIn('13900000005', 'Linli2026')

    expect(auth.activeRole).toBe('community_staff')
    expect(auth.activeGrant?.scopeName).toBe('阳光社区')
    expect(auth.face).toBe('console')
    expect(auth.grants.map((g) => g.role)).toEqual(['community_staff', 'grid_worker', 'volunteer', 'resident'])
    expect(api.tokens.read()?.refreshToken).toBe('refresh-1')
  })

  it('switching role changes the face; the choice survives a reload of me', async () => {
    install([
      { role: 'resident', scopeName: null },
      { role: 'community_staff', scopeName: '阳光社区' },
    ])
    const auth = useAuthStore()
    await auth.signIn('13900000005', 'Linli2026')
    const resident = auth.grants.find((g) => g.role === 'resident')!
    auth.switchRole(resident.id)
    expect(auth.face).toBe('mobile')

    // A reload: a new store, the same storage.
    createTestingPinia({ stubActions: false, createSpy: vi.fn })
    const reloaded = useAuthStore()
    expect(await reloaded.ensureLoaded()).toBe(true)
    expect(reloaded.activeRole).toBe('resident')
  })

  it('answers a wrong password with INVALID_CREDENTIALS and stores nothing', async () => {
    install([{ role: 'resident', scopeName: null }])
    const auth = useAuthStore()
    const failure = await auth.signIn('13900000005', 'wrong').catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(ApiError)
    expect((failure as ApiError).code).toBe('INVALID_CREDENTIALS')
    expect(auth.isSignedIn).toBe(false)
    expect(api.tokens.read()).toBeNull()
  })
})

describe('refresh', () => {
  beforeEach(() => install([{ role: 'volunteer', scopeName: null }]))

  it('two requests failing with TOKEN_EXPIRED at once cause exactly one refresh', async () => {
    storeSession('access-0', 10 * 60_000)
    const [time, me] = await Promise.all([api.query(ServerTime, {}), api.query(Me, {})])

    expect(server.refreshCalls()).toBe(1)
    expect(time.serverTime).toBeTypeOf('string')
    expect(me.me.user.realName).toBe('刘芳')
    // Both were retried with the new access token; the rotated refresh token is kept.
    expect(
      server.calls
        .filter((c) => c.bearer === 'access-2')
        .map((c) => c.operation)
        .sort(),
    ).toEqual(['Me', 'ServerTime'])
    expect(api.tokens.read()?.refreshToken).toBe('refresh-2')
  })

  it('a failure that arrives after the refresh finished is retried without refreshing again', async () => {
    storeSession('access-0', 10 * 60_000)
    server.delayFailure.Me = 80 // the refresh takes 20 ms
    const [time, me] = await Promise.all([api.query(ServerTime, {}), api.query(Me, {})])

    expect(server.refreshCalls()).toBe(1)
    expect(time.serverTime).toBeTypeOf('string')
    expect(me.me.user.realName).toBe('刘芳')
  })

  it('refreshes before sending when the access token is about to expire', async () => {
    server.validAccess = 'access-2'
    storeSession('access-1', 5_000)
    await Promise.all([api.query(ServerTime, {}), api.query(Me, {})])

    expect(server.refreshCalls()).toBe(1)
    expect(server.calls.map((c) => c.bearer)).not.toContain('access-1')
  })

  it('a refused refresh clears the tokens, signs out once and fails the requests with its code', async () => {
    storeSession('access-0', 10 * 60_000)
    server.refuseRefreshWith = 'REFRESH_TOKEN_REUSED'
    const results = await Promise.allSettled([api.query(ServerTime, {}), api.query(Me, {})])

    expect(server.refreshCalls()).toBe(1)
    expect(signedOut).toHaveBeenCalledTimes(1)
    expect(signedOut).toHaveBeenCalledWith('REFRESH_TOKEN_REUSED')
    expect(api.tokens.read()).toBeNull()
    for (const r of results) {
      expect(r.status).toBe('rejected')
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'REFRESH_TOKEN_REUSED' })
    }
  })
})

describe('signOut', () => {
  it('ends the session on the server with the refresh token and forgets it here', async () => {
    install([{ role: 'resident', scopeName: null }])
    const auth = useAuthStore()
    await auth.signIn('13900000001', 'Linli2026')
    await auth.signOut()

    expect(server.calls.at(-1)?.operation).toBe('Logout')
    expect(auth.isSignedIn).toBe(false)
    expect(api.tokens.read()).toBeNull()
  })
})
