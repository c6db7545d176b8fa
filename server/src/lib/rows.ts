/**
 * Reading raw rows (`db.execute`): PGlite and pg give timestamps as Date or string; and opaque
 * keyset cursors (base64url JSON, validated on the way back in).
 */
import { DomainError } from '@linli/shared'
import type { z } from 'zod'

export const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string))
export const toDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : toDate(v))

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** The cursor's value, or null for none; BAD_USER_INPUT (`field: after`) for one not made here. */
export function decodeCursor<T>(schema: z.ZodType<T>, cursor: string | null | undefined): T | null {
  if (!cursor) return null
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
  } catch {
    throw new DomainError('BAD_USER_INPUT', 'Invalid cursor', { field: 'after' })
  }
}
