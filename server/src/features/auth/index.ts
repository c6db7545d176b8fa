import fastifyJwt from '@fastify/jwt'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadSdl } from '../../graphql/plugin.ts'
import { authResolvers } from './auth.resolvers.ts'
import { AuthService } from './auth.service.ts'
import { sharedSecret } from './secrets.ts'
import { JWT_ALGORITHM } from './tokens.ts'

/** JWT and the auth service; the GraphQL context needs them, so they come before GraphQL. */
export const authCore = fp(
  async (app: FastifyInstance) => {
    const secret = app.config.jwtSecret ?? (await sharedSecret(app.db, app.clock, 'jwt'))
    await app.register(fastifyJwt, {
      secret,
      sign: { algorithm: JWT_ALGORITHM },
      verify: { algorithms: [JWT_ALGORITHM] },
    })
    app.decorate('authService', new AuthService(app.db, app.clock, app.config, app))
  },
  { name: 'auth-core' },
)

export const authFeature = fp(
  async (app: FastifyInstance) => {
    await app.graphql.extendSchema(loadSdl(import.meta.url, './auth.graphql'))
    app.graphql.defineResolvers(authResolvers)
  },
  { name: 'auth', dependencies: ['graphql', 'people'] },
)
