/**
 * Mercurius with JIT, the base SDL, the error formatter, the query limits and the request
 * context. Features extend the schema afterwards with their own SDL and resolvers.
 */
import { readFileSync } from 'node:fs'
import { DomainError } from '@linli/shared'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { GraphQLError, NoSchemaIntrospectionCustomRule, specifiedRules, validate } from 'graphql'
import mercurius from 'mercurius'
import type { RequestContext, Viewer } from './context.ts'
import { errorFormatter } from './errors.ts'
import { LIMITS, queryLimitsRule, stripSuggestions } from './hygiene.ts'
import { DateTime, JSONScalar } from './scalars.ts'

const baseSchema = readFileSync(new URL('./base.graphql', import.meta.url), 'utf8')

/** Read a feature's SDL file that sits beside the module. */
export function loadSdl(moduleUrl: string, file: string): string {
  return readFileSync(new URL(file, moduleUrl), 'utf8')
}

function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null
  const [scheme, token] = header.split(' ')
  return scheme?.toLowerCase() === 'bearer' && token ? token : null
}

const bearer = (request: FastifyRequest) => bearerToken(request.headers.authorization)

/**
 * A WebSocket (subscriptions) is authenticated once, by the access token in `connection_init`'s
 * payload (`{ authorization: 'Bearer …' }` or `{ headers: { authorization } }`): no token, a bad
 * token or an ended session refuses the connection. Deliveries check the session again.
 */
function subscriptionAuth(app: FastifyInstance) {
  return async ({ payload }: { payload?: unknown }): Promise<Partial<RequestContext> | false> => {
    const p = (payload ?? {}) as { authorization?: unknown; headers?: { authorization?: unknown } }
    const token = bearerToken(p.authorization ?? p.headers?.authorization)
    if (!token) return false
    let subscriber: Viewer
    try {
      subscriber = await app.authService.viewerFromToken(token)
    } catch {
      return false
    }
    return {
      viewer: () => Promise.resolve(subscriber),
      requireViewer: () => Promise.resolve(subscriber),
    }
  }
}

function buildContext(app: FastifyInstance) {
  return (request: FastifyRequest, reply: FastifyReply): RequestContext => {
    let cached: Promise<Viewer | null> | undefined
    const viewer = () => {
      if (!cached) {
        const token = bearer(request)
        cached = token ? app.authService.viewerFromToken(token) : Promise.resolve(null)
      }
      return cached
    }
    return {
      request,
      reply,
      ip: request.ip,
      viewer,
      async requireViewer() {
        const v = await viewer()
        if (!v) throw new DomainError('UNAUTHENTICATED', 'Sign in first')
        return v
      },
    }
  }
}

export const graphqlPlugin = fp(
  async (app: FastifyInstance) => {
    const production = app.config.env === 'production'
    await app.register(mercurius, {
      schema: baseSchema,
      resolvers: {
        DateTime,
        JSON: JSONScalar,
        Query: { serverTime: () => app.clock.now() },
        Mutation: { ping: () => true },
      },
      path: '/graphql',
      jit: 1,
      graphiql: false,
      allowBatchedQueries: true,
      context: buildContext(app),
      subscription: {
        onConnect: subscriptionAuth(app),
        // Anonymous until connection_init proves otherwise.
        context: () => ({
          viewer: () => Promise.resolve(null),
          requireViewer: () => Promise.reject(new DomainError('UNAUTHENTICATED', 'Sign in first')),
        }),
        keepAlive: 25_000,
      },
      errorFormatter,
      validationRules: production ? [queryLimitsRule, NoSchemaIntrospectionCustomRule] : [queryLimitsRule],
    })

    // Subscriptions arrive over the WebSocket, where Mercurius does not validate the document:
    // the same rules and limits as over HTTP are applied here, with the same codes.
    const subscriptionRules = [
      ...specifiedRules,
      queryLimitsRule,
      ...(production ? [NoSchemaIntrospectionCustomRule] : []),
    ]
    app.graphql.addHook('preSubscriptionExecution', async (schema, document) => {
      const [first] = validate(schema, document, subscriptionRules)
      if (!first) return
      const code = typeof first.extensions.code === 'string' ? first.extensions.code : 'GRAPHQL_VALIDATION_FAILED'
      throw new GraphQLError(stripSuggestions(first.message), { extensions: { ...first.extensions, code } })
    })

    app.addHook('preValidation', async (request, reply) => {
      if (request.routeOptions.url !== '/graphql') return
      const body = request.body as unknown
      if (Array.isArray(body) && body.length > LIMITS.maxBatch) {
        return reply.code(400).send({
          data: null,
          errors: [
            {
              message: `At most ${LIMITS.maxBatch} operations in one request`,
              extensions: { code: 'TOO_MANY_OPERATIONS', limit: LIMITS.maxBatch },
            },
          ],
        })
      }
      // GraphQL over HTTP allows `"extensions": null`; Mercurius' body schema does not.
      for (const op of Array.isArray(body) ? body : [body]) {
        if (op && typeof op === 'object' && (op as { extensions?: unknown }).extensions === null) {
          delete (op as { extensions?: unknown }).extensions
        }
      }
    })
  },
  { name: 'graphql', dependencies: ['auth-core'] },
)
