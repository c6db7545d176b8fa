/**
 * Environment validated once, typed, fail fast. The database is chosen by `DATABASE_URL`
 * alone: without it the server runs on embedded PGlite in `LINLI_DATA_DIR`.
 */
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..')

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes')

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  MIGRATION_DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  LINLI_DATA_DIR: z.string().default(resolve(repoRoot, '.data')),
  LINLI_DEMO: bool.default(false),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  LINLI_DATA_KEY: z
    .string()
    .refine(
      (v) => /^[A-Za-z0-9+/]{43}=$/.test(v) && Buffer.from(v, 'base64').length === 32,
      'LINLI_DATA_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)',
    )
    .optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  TRUST_PROXY: bool.default(false),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST_DIR: z.string().default(resolve(repoRoot, 'web/dist')),
  LINLI_UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(8 * 1024 * 1024),
})

export type Config = {
  env: 'development' | 'production' | 'test'
  host: string
  port: number
  databaseUrl: string | undefined
  migrationDatabaseUrl: string | undefined
  databasePoolSize: number
  dataDir: string
  demo: boolean
  /** Undefined means: use the secret generated once and kept in the database (shared by all instances). */
  jwtSecret: string | undefined
  /** AES-256 key (base64, 32 bytes) for ID numbers and addresses; undefined: generated once and kept in the database. */
  dataKey: string | undefined
  accessTokenTtlSeconds: number
  refreshTokenTtlDays: number
  refreshReuseGraceSeconds: number
  trustProxy: boolean
  /** The address people reach the platform at (QR codes link there); unset: the request's own origin. */
  publicUrl: string | undefined
  logLevel: string
  webDistDir: string
  /** The built API explorer (GraphiQL), served at /graphiql outside production. */
  explorerDistDir: string
  /** The largest upload accepted (`POST /files`), in bytes. */
  uploadMaxBytes: number
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/** Parse the environment; throws `ConfigError` listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))
  }
  const e = parsed.data
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: resolve(e.LINLI_DATA_DIR),
    demo: e.LINLI_DEMO,
    jwtSecret: e.JWT_SECRET,
    dataKey: e.LINLI_DATA_KEY,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    refreshReuseGraceSeconds: e.REFRESH_REUSE_GRACE_SECONDS,
    trustProxy: e.TRUST_PROXY,
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    webDistDir: resolve(e.WEB_DIST_DIR),
    explorerDistDir: resolve(repoRoot, 'web/explorer/dist'),
    uploadMaxBytes: e.LINLI_UPLOAD_MAX_BYTES,
  }
}
