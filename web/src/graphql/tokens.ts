/**
 * The session's tokens, kept in localStorage so a reload (or another tab) keeps the person
 * signed in: the access token, when it expires, and the single-use refresh token.
 */
export interface Session {
  accessToken: string
  /** Epoch milliseconds. */
  accessTokenExpiresAt: number
  refreshToken: string
}

export interface TokenPayload {
  accessToken: string
  accessTokenExpiresAt: string
  refreshToken: string
}

const KEYS = {
  access: 'linli.accessToken',
  expiresAt: 'linli.accessTokenExpiresAt',
  refresh: 'linli.refreshToken',
} as const

export interface TokenStore {
  read(): Session | null
  save(payload: TokenPayload): void
  clear(): void
}

export function createTokenStore(storage: Storage): TokenStore {
  return {
    read() {
      const accessToken = storage.getItem(KEYS.access)
      const refreshToken = storage.getItem(KEYS.refresh)
      const expiresAt = Number(storage.getItem(KEYS.expiresAt))
      if (!accessToken || !refreshToken || !Number.isFinite(expiresAt)) return null
      return { accessToken, accessTokenExpiresAt: expiresAt, refreshToken }
    },
    save(payload) {
      storage.setItem(KEYS.access, payload.accessToken)
      storage.setItem(KEYS.expiresAt, String(Date.parse(payload.accessTokenExpiresAt)))
      storage.setItem(KEYS.refresh, payload.refreshToken)
    },
    clear() {
      for (const key of Object.values(KEYS)) storage.removeItem(key)
    },
  }
}
