/**
 * Every GraphQL error leaves with a stable `extensions.code`. Domain errors keep their code and
 * message; graphql-js parse and validation errors are tagged and stripped of suggestions;
 * anything else is logged in full and masked as `INTERNAL_ERROR`. Wraps Mercurius' default
 * formatter, which keeps the status-code logic of GraphQL over HTTP.
 */
import { DomainError } from '@linli/shared'
import { GraphQLError } from 'graphql'
import mercurius, { type MercuriusContext } from 'mercurius'
import { stripSuggestions } from './hygiene.ts'

type Execution = Parameters<typeof mercurius.defaultErrorFormatter>[0]

function flatten(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.flatMap((e) => {
    const inner = (e.originalError as { errors?: unknown } | undefined)?.errors
    if (Array.isArray(inner)) {
      return inner.map((x) => (x instanceof GraphQLError ? x : new GraphQLError(String((x as Error).message ?? x))))
    }
    return [e]
  })
}

function classify(error: GraphQLError, ctx: MercuriusContext): GraphQLError {
  const original = error.originalError
  const opts = { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path }
  if (original instanceof DomainError) {
    return new GraphQLError(original.message, {
      ...opts,
      extensions: { ...original.details, code: original.code },
    })
  }
  if (typeof error.extensions?.code === 'string' && !original) {
    return new GraphQLError(stripSuggestions(error.message), { ...opts, extensions: error.extensions })
  }
  if (!original || original instanceof GraphQLError) {
    // graphql-js: syntax, validation or variable coercion, all the client's doing.
    const code = error.message.startsWith('Syntax Error') ? 'GRAPHQL_PARSE_FAILED' : 'GRAPHQL_VALIDATION_FAILED'
    return new GraphQLError(stripSuggestions(error.message), { ...opts, extensions: { code } })
  }
  const merCode = (original as { code?: unknown }).code
  if (typeof merCode === 'string' && merCode.startsWith('MER_ERR_GQL_PERSISTED')) {
    return new GraphQLError(original.message, { ...opts, extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' } })
  }
  const log = ctx.reply?.log ?? ctx.app.log
  log.error({ err: original, path: error.path }, 'unexpected error in GraphQL execution')
  return new GraphQLError('Internal server error', { ...opts, extensions: { code: 'INTERNAL_ERROR' } })
}

export function errorFormatter(execution: Execution, ctx: MercuriusContext) {
  const raw = execution.errors ?? []
  const errors = flatten(raw).map((e) => classify(e, ctx))
  const quietCtx = { ...ctx, reply: { log: { info() {} } }, app: { log: { info() {} } } } as unknown as MercuriusContext
  // Validation failures from Mercurius arrive wrapped; keep their status code (400).
  const wrapped = raw.map((e) => (e.originalError as { statusCode?: unknown } | undefined)?.statusCode)
  const statusCode =
    (execution as { statusCode?: number }).statusCode ??
    (raw.length === 1 && typeof wrapped[0] === 'number' ? wrapped[0] : undefined)
  return mercurius.defaultErrorFormatter({ ...execution, errors, statusCode } as Execution, quietCtx)
}
