/**
 * The API explorer at /graphiql: GraphiQL built from web/explorer (`pnpm build`), every asset
 * served from here (no CDN, no fonts from elsewhere). app.ts registers it outside production
 * only; there /graphiql is an unknown path (404).
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/** Same origin only — scripts, styles, workers, requests; GraphiQL's fonts are bundled as data: URLs. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

export async function explorerRoutes(app: FastifyInstance, opts: { root: string }) {
  const index = join(opts.root, 'index.html')
  if (!existsSync(index)) {
    app.get('/graphiql', (_request, reply) =>
      reply.code(404).type('text/plain; charset=utf-8').send('The API explorer is not built: run `pnpm build`.\n'),
    )
    return
  }

  await app.register(fastifyStatic, {
    root: join(opts.root, 'assets'),
    prefix: '/graphiql/assets/',
    decorateReply: false,
    maxAge: '1y',
    immutable: true,
  })

  const page = async (_request: FastifyRequest, reply: FastifyReply) =>
    reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(await readFile(index))
  app.get('/graphiql', page)
  app.get('/graphiql/', page)
}
