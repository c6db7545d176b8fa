import { DomainError } from '@linli/shared'
import type { z } from 'zod'

/**
 * Validate input with a shared schema; on failure `BAD_USER_INPUT` with `fields`: each path
 * mapped to the schema's message code (e.g. `{ phone: 'PHONE_INVALID' }`).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const fields: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const path = issue.path.join('.') || '_'
    fields[path] ??= issue.message
  }
  throw new DomainError('BAD_USER_INPUT', 'The input is not valid', { fields })
}
