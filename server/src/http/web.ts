import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

/** Serve the built web from the same port as the API; unknown page paths get the SPA shell. */
export async function webRoutes(app: FastifyInstance, opts: { root: string }) {
  await app.register(fastifyStatic, { root: opts.root, wildcard: false, index: ['index.html'] })
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      request.method === 'GET' &&
      !request.url.startsWith('/graphql') &&
      !request.url.startsWith('/graphiql') &&
      !request.url.startsWith('/assets/') &&
      (request.headers.accept ?? '').includes('text/html')
    if (isPage) return reply.type('text/html').sendFile('index.html')
    return reply.code(404).send({ error: 'Not Found' })
  })
}
