import type { FastifyInstance } from 'fastify'

/** `/health`: the process answers. `/ready`: and its database does too. */
export async function healthRoutes(app: FastifyInstance) {
  app.get('/health', async () => ({ status: 'ok' }))
  app.get('/ready', async (_request, reply) => {
    const ok = await app.database.ping()
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? 'ready' : 'database unreachable', database: app.database.kind })
  })
}
