/**
 * A small GraphQL-over-WebSocket client (the graphql-transport-ws protocol the web's
 * graphql-ws client speaks) for subscription tests: every message is kept, and a test awaits
 * the next message of one subscription. No timers decide anything: a test that expects
 * nothing for a subscription sends a later event as a marker and checks what came first.
 */
import WebSocket from 'ws'

export interface WireMessage {
  type: string
  id?: string
  payload?: unknown
}

export interface LiveResult<T = Record<string, unknown>> {
  data?: T
  errors?: { message: string; extensions?: { code?: string } }[]
}

export interface LiveConnection {
  /** `connection_ack`, or `connection_error` when the server refused the connection. */
  readonly handshake: Promise<WireMessage>
  /** Resolves with the close code once the socket is closed. */
  readonly closed: Promise<number>
  subscribe<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): LiveSubscription<T>
  close(): Promise<void>
}

export interface LiveSubscription<T> {
  id: string
  /** The next `next` (data) or `error` message of this subscription. */
  next(): Promise<{ type: 'next'; result: LiveResult<T> } | { type: 'error'; errors: LiveResult['errors'] }>
  stop(): void
}

export function connectLive(httpUrl: string, payload?: Record<string, unknown>): LiveConnection {
  const ws = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws')
  const queues = new Map<string, { items: WireMessage[]; waiters: ((m: WireMessage) => void)[] }>()
  const queue = (id: string) => {
    let q = queues.get(id)
    if (!q) queues.set(id, (q = { items: [], waiters: [] }))
    return q
  }
  let resolveHandshake!: (m: WireMessage) => void
  const handshake = new Promise<WireMessage>((r) => (resolveHandshake = r))
  const closed = new Promise<number>((resolve) =>
    ws.on('close', (code) => {
      resolveHandshake({ type: 'closed' })
      resolve(code)
    }),
  )
  ws.on('error', () => {})
  ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload })))
  ws.on('message', (raw) => {
    const msg = JSON.parse(String(raw)) as WireMessage
    if (msg.type === 'ping') return ws.send(JSON.stringify({ type: 'pong' }))
    if (msg.type === 'connection_ack' || msg.type === 'connection_error') return resolveHandshake(msg)
    if (!msg.id) return
    const q = queue(msg.id)
    const waiter = q.waiters.shift()
    if (waiter) waiter(msg)
    else q.items.push(msg)
  })
  let seq = 0
  return {
    handshake,
    closed,
    subscribe<T>(query: string, variables?: Record<string, unknown>): LiveSubscription<T> {
      const id = String(++seq)
      void handshake.then((m) => {
        if (m.type === 'connection_ack')
          ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }))
      })
      return {
        id,
        async next() {
          const q = queue(id)
          const msg = q.items.shift() ?? (await new Promise<WireMessage>((r) => q.waiters.push(r)))
          if (msg.type === 'next') return { type: 'next', result: msg.payload as LiveResult<T> }
          if (msg.type === 'error') return { type: 'error', errors: msg.payload as LiveResult['errors'] }
          throw new Error(`unexpected ${msg.type} on subscription ${id}`)
        },
        stop() {
          ws.send(JSON.stringify({ id, type: 'complete' }))
        },
      }
    },
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return
      ws.close()
      await closed
    },
  }
}

/** The connection_init payload of a signed-in person. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
