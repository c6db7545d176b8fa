/**
 * The live side: every instance LISTENs on the bus's channel and hands each committed event to
 * the GraphQL subscriptions open on it — a person's own notifications and the community feeds
 * staff watch. Which subscriptions are open is the only per-instance state, and it belongs to
 * the open WebSockets themselves: a person may reconnect to any instance.
 */
import { and, eq, inArray } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { notifications } from '../../db/schema/index.ts'
import { LIVE_CHANNEL, type LiveSignal } from './bus.ts'

export const personTopic = (userId: string) => `notifications:${userId}`
export const communityTopic = (communityId: string) => `community:${communityId}`

export interface PersonalPayload {
  notificationId: string
}

/** Counts the subscriptions open on this instance, per topic. */
export class LocalSubscribers {
  private readonly counts = new Map<string, number>()
  private readonly waiters = new Map<string, (() => void)[]>()

  add(topic: string) {
    this.counts.set(topic, (this.counts.get(topic) ?? 0) + 1)
    for (const wake of this.waiters.get(topic) ?? []) wake()
    this.waiters.delete(topic)
  }
  remove(topic: string) {
    const n = (this.counts.get(topic) ?? 0) - 1
    if (n > 0) this.counts.set(topic, n)
    else this.counts.delete(topic)
  }
  /** The people with a personal subscription open here. */
  people(): string[] {
    const prefix = personTopic('')
    return [...this.counts.keys()].filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length))
  }
  /** How many subscriptions are open here. */
  size(): number {
    let n = 0
    for (const c of this.counts.values()) n += c
    return n
  }
  /** Resolves once a subscription on `topic` is open here (tests wait for it before publishing). */
  opened(topic: string): Promise<void> {
    if (this.counts.has(topic)) return Promise.resolve()
    return new Promise((resolve) => {
      const list = this.waiters.get(topic) ?? []
      list.push(resolve)
      this.waiters.set(topic, list)
    })
  }
}

/** Start listening; returns the stop function. */
export async function startLiveDelivery(app: FastifyInstance, local: LocalSubscribers): Promise<() => Promise<void>> {
  const log = app.log.child({ component: 'live' })
  const deliver = async (raw: string) => {
    let signal: LiveSignal
    try {
      signal = JSON.parse(raw) as LiveSignal
    } catch {
      log.warn('ignored a malformed live signal')
      return
    }
    const publish = (topic: string, payload: unknown) =>
      new Promise<void>((resolve) => app.graphql.pubsub.publish({ topic, payload }, () => resolve()))
    if (signal.communityId) await publish(communityTopic(signal.communityId), signal)
    const here = local.people()
    if (here.length === 0) return
    // Only the recipients with a subscription open on this instance.
    const rows = await app.db
      .select({ id: notifications.id, recipientId: notifications.recipientId })
      .from(notifications)
      .where(and(eq(notifications.eventId, signal.eventId), inArray(notifications.recipientId, here)))
    for (const r of rows) {
      const payload: PersonalPayload = { notificationId: r.id }
      await publish(personTopic(r.recipientId), payload)
    }
  }
  // One event after another, in commit order: a person's notifications arrive in order.
  let chain = Promise.resolve()
  return app.database.listen(
    LIVE_CHANNEL,
    (raw) => {
      chain = chain.then(() => deliver(raw)).catch((err: unknown) => log.error({ err }, 'live delivery failed'))
    },
    () => log.warn('live listener reconnected; events in the gap reach people through their notification list'),
  )
}

/**
 * A subscription's source: the topic's queue, each value mapped (and dropped when the mapping
 * answers null — the session ended, the row is not the subscriber's), with `onEnd` run exactly
 * once however the subscription stops (client stop, socket closed, server closing).
 */
export function liveIterator<T>(
  source: AsyncIterable<unknown>,
  map: (value: unknown) => Promise<T | null>,
  onEnd: () => void,
): AsyncIterableIterator<T> {
  const inner = source[Symbol.asyncIterator]()
  let ended = false
  const end = () => {
    if (ended) return
    ended = true
    onEnd()
  }
  return {
    async next(): Promise<IteratorResult<T>> {
      while (!ended) {
        const { value, done } = await inner.next()
        if (done) break
        const mapped = await map(value)
        if (mapped !== null) return { value: mapped, done: false }
      }
      end()
      return { value: undefined, done: true }
    },
    async return(): Promise<IteratorResult<T>> {
      end()
      await inner.return?.()
      return { value: undefined, done: true }
    },
    [Symbol.asyncIterator]() {
      return this
    },
  }
}
