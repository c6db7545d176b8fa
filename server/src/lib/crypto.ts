/**
 * Personal data encrypted at rest (ID numbers, addresses): AES-256-GCM sealed strings
 * `v1.<iv>.<tag>.<ciphertext>` (base64url), each with a fresh 96-bit IV. The data key comes
 * from `LINLI_DATA_KEY`; without it one is generated once and kept in the database (shared by
 * every instance) — fine for a trial, but the key then sits beside the data it protects, so
 * production warns at startup.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { Clock } from '../clock.ts'
import type { Config } from '../config.ts'
import type { Db } from '../db/index.ts'
import { sharedSecret } from '../features/auth/secrets.ts'

const VERSION = 'v1'
const ALGORITHM = 'aes-256-gcm'

export interface Sealer {
  /** Encrypt a string; every call gives a different sealed value. */
  seal(plain: string): string
  /** Decrypt a sealed value; throws when it was tampered with or sealed under another key. */
  open(sealed: string): string
}

export function createSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new Error('The data key must be 32 bytes')
  return {
    seal(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv(ALGORITHM, key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      const tag = cipher.getAuthTag()
      return [VERSION, iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.')
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.')
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
        throw new Error('Not a sealed value')
      }
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
    },
  }
}

/** Seal a value that may be absent. */
export function sealNullable(sealer: Sealer, plain: string | null | undefined): string | null {
  return plain === null || plain === undefined || plain === '' ? null : sealer.seal(plain)
}

/** Open a value that may be absent. */
export function openNullable(sealer: Sealer, sealed: string | null | undefined): string | null {
  return sealed ? sealer.open(sealed) : null
}

/** The data key: `LINLI_DATA_KEY`, else generated once and kept in the database (with a warning in production). */
export async function loadDataSealer(
  config: Pick<Config, 'dataKey' | 'env'>,
  db: Db,
  clock: Clock,
  log: FastifyBaseLogger,
): Promise<Sealer> {
  if (config.dataKey) return createSealer(Buffer.from(config.dataKey, 'base64'))
  if (config.env === 'production') {
    log.warn(
      'LINLI_DATA_KEY is not set: ID numbers and addresses are encrypted with a key kept in the database; set LINLI_DATA_KEY (openssl rand -base64 32)',
    )
  }
  return databaseKeySealer(db, clock)
}

/** A sealer under the key generated once and kept in the database (when `LINLI_DATA_KEY` is not set). */
export async function databaseKeySealer(db: Db, clock: Clock): Promise<Sealer> {
  const secret = await sharedSecret(db, clock, 'data-key')
  return createSealer(createHash('sha256').update(secret).digest())
}
