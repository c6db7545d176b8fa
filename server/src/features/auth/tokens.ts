/**
 * Access tokens: short-lived HS256 JWTs (algorithm pinned on verify) carrying only ids — no
 * phone, no name. Refresh tokens: 256 random bits, opaque; only their SHA-256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto'
import { DomainError } from '@linli/shared'
import type { FastifyInstance } from 'fastify'
import type { Clock } from '../../clock.ts'

export interface AccessClaims {
  sub: string
  sid: string
}

export const JWT_ALGORITHM = 'HS256' as const

export function signAccessToken(app: FastifyInstance, clock: Clock, ttlSeconds: number, claims: AccessClaims): string {
  const iat = Math.floor(clock.now().getTime() / 1000)
  return app.jwt.sign({ sub: claims.sub, sid: claims.sid, iat }, { expiresIn: ttlSeconds }) // @fastify/jwt reads a number as seconds
}

/** Throws `TOKEN_EXPIRED` or `INVALID_TOKEN`; never says more about why a token is bad. */
export function verifyAccessToken(app: FastifyInstance, clock: Clock, token: string): AccessClaims {
  let decoded: unknown
  try {
    decoded = app.jwt.verify(token, { algorithms: [JWT_ALGORITHM], clockTimestamp: clock.now().getTime() })
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === 'FAST_JWT_EXPIRED') throw new DomainError('TOKEN_EXPIRED', 'The access token has expired')
    throw new DomainError('INVALID_TOKEN', 'The access token is not valid')
  }
  const { sub, sid } = decoded as Partial<AccessClaims>
  if (typeof sub !== 'string' || typeof sid !== 'string') {
    throw new DomainError('INVALID_TOKEN', 'The access token is not valid')
  }
  return { sub, sid }
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
