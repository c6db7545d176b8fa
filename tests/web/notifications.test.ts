/**
 * The notifications store without a server: a fake Api answers the list by operation name and
 * lets the test push live arrivals and a reconnect. Arrivals go on top once and count as unread;
 * an arrival during the first page's load is neither lost nor counted twice; marking read moves
 * the count (and puts it back when the server refuses); a reconnect reloads the first page.
 * Every kind has its words in both languages.
 */
import { NOTIFICATION_KINDS } from '@linli/shared'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useNotificationsStore } from '../../web/src/features/notifications/store.ts'
import type { Notification, NotificationPage } from '../../web/src/features/notifications/operations.ts'
import { setApi, type Api, type SubscriptionHandlers } from '../../web/src/graphql/client.ts'
import { ApiError } from '../../web/src/graphql/errors.ts'
import en from '../../web/src/i18n/en.ts'
import zhCN from '../../web/src/i18n/zh-CN.ts'

/** The operation's name, as the fake server would see it. */
function getOperationName(document: { definitions: readonly unknown[] }): string | undefined {
  const first = document.definitions[0] as { name?: { value: string } } | undefined
  return first?.name?.value
}

function notification(id: string, minute: number, read = false): Notification {
  return {
    id,
    kind: 'unit.joined',
    communityId: null,
    subjectType: 'unit',
    subjectId: 'unit-1',
    params: { unitName: '鼓楼区人民医院' },
    smsStatus: 'none',
    createdAt: `2026-06-18T09:${String(minute).padStart(2, '0')}:00.000Z`,
    readAt: read ? '2026-06-18T10:00:00.000Z' : null,
    read,
  }
}

type Page = NotificationPage & { unreadCount: number }

interface Fake {
  pages: Page[]
  /** Resolves the pending first-page query when set (to hold it in flight). */
  hold: (() => void) | null
  calls: { operation: string; variables: unknown }[]
  refuse: string | null
  push(n: Notification): void
  reconnect(): void
  subscribed(): boolean
}

function install(): Fake {
  let handlers: SubscriptionHandlers<unknown> | null = null
  const reconnects = new Set<() => void>()
  const fake: Fake = {
    pages: [],
    hold: null,
    calls: [],
    refuse: null,
    push: (n) => handlers?.next({ notificationReceived: n }),
    reconnect: () => reconnects.forEach((l) => l()),
    subscribed: () => handlers !== null,
  }
  const api = {
    async query(document: Parameters<Api['query']>[0], variables: unknown) {
      const operation = getOperationName(document) ?? '?'
      fake.calls.push({ operation, variables })
      if (operation === 'MyNotifications') {
        const page = fake.pages.shift()
        if (!page) throw new ApiError('INTERNAL_ERROR')
        await new Promise<void>((resolve) => (fake.hold ? (fake.hold = resolve) : resolve()))
        const { unreadCount, ...rest } = page
        return { myNotifications: rest, unreadNotificationCount: unreadCount }
      }
      throw new ApiError('GRAPHQL_VALIDATION_FAILED')
    },
    async mutate(document: Parameters<Api['mutate']>[0], variables: unknown) {
      const operation = getOperationName(document) ?? '?'
      fake.calls.push({ operation, variables })
      if (fake.refuse) throw new ApiError('INTERNAL_ERROR')
      if (operation === 'MarkNotificationsRead') return { markNotificationsRead: 1 }
      if (operation === 'MarkAllNotificationsRead') return { markAllNotificationsRead: 2 }
      throw new ApiError('GRAPHQL_VALIDATION_FAILED')
    },
    subscribe(_d: unknown, _v: unknown, h: SubscriptionHandlers<unknown>) {
      handlers = h
      return () => {
        handlers = null
      }
    },
    onReconnected(listener: () => void) {
      reconnects.add(listener)
      return () => reconnects.delete(listener)
    },
  }
  setApi(api as unknown as Api)
  return fake
}

const page = (nodes: Notification[], unreadCount: number, endCursor: string | null = null): Page => ({
  nodes,
  pageInfo: { endCursor, hasNextPage: endCursor !== null },
  unreadCount,
})

/** Until the store settles on a loaded list. */
async function loaded(store: ReturnType<typeof useNotificationsStore>) {
  await expect.poll(() => store.status).toBe('ready')
}

let fake: Fake
beforeEach(() => {
  setActivePinia(createPinia())
  fake = install()
})

describe('notifications store', () => {
  it('puts a live arrival on top and counts it unread; the same one again changes nothing', async () => {
    fake.pages.push(page([notification('b', 2), notification('a', 1, true)], 1))
    const store = useNotificationsStore()
    store.start()
    await loaded(store)
    expect(fake.subscribed()).toBe(true)
    expect(store.unreadCount).toBe(1)

    fake.push(notification('c', 3))
    expect(store.items.map((n) => n.id)).toEqual(['c', 'b', 'a'])
    expect(store.unreadCount).toBe(2)

    fake.push(notification('c', 3))
    expect(store.items.map((n) => n.id)).toEqual(['c', 'b', 'a'])
    expect(store.unreadCount).toBe(2)
  })

  it('keeps an arrival that came while the first page was loading, counted once', async () => {
    // The page was read after 'c' arrived (so holds it) — and 'd' arrived after the page was read.
    fake.pages.push(page([notification('c', 3), notification('b', 2)], 2))
    fake.hold = () => undefined
    const store = useNotificationsStore()
    store.start()
    await expect.poll(() => fake.hold !== null && fake.calls.length > 0).toBe(true)
    fake.push(notification('c', 3))
    fake.push(notification('d', 4))
    fake.hold()
    await loaded(store)
    expect(store.items.map((n) => n.id)).toEqual(['d', 'c', 'b'])
    expect(store.unreadCount).toBe(3)
  })

  it('marks one read at once, and puts the count back when the server refuses', async () => {
    fake.pages.push(page([notification('b', 2), notification('a', 1)], 2))
    const store = useNotificationsStore()
    store.start()
    await loaded(store)

    await store.markRead('b')
    expect(store.unreadCount).toBe(1)
    expect(store.items.find((n) => n.id === 'b')?.read).toBe(true)
    expect(fake.calls.at(-1)).toEqual({ operation: 'MarkNotificationsRead', variables: { ids: ['b'] } })
    // Already read: no second call, no second decrement.
    await store.markRead('b')
    expect(store.unreadCount).toBe(1)

    fake.refuse = 'INTERNAL_ERROR'
    await expect(store.markRead('a')).rejects.toBeInstanceOf(ApiError)
    expect(store.unreadCount).toBe(1)
    expect(store.items.find((n) => n.id === 'a')?.read).toBe(false)

    fake.refuse = null
    await store.markAllRead()
    expect(store.unreadCount).toBe(0)
    expect(store.items.every((n) => n.read)).toBe(true)
  })

  it('loads older pages with the cursor, and reloads the first page after a reconnect', async () => {
    fake.pages.push(page([notification('c', 3), notification('b', 2)], 3, 'cursor-b'))
    const store = useNotificationsStore()
    store.start()
    await loaded(store)
    expect(store.hasMore).toBe(true)

    fake.pages.push(page([notification('a', 1)], 3))
    await store.loadMore()
    expect(fake.calls.at(-1)?.variables).toEqual({ first: 20, after: 'cursor-b' })
    expect(store.items.map((n) => n.id)).toEqual(['c', 'b', 'a'])
    expect(store.hasMore).toBe(false)

    // 'd' arrived while the socket was down: the reload brings it (and the server's count).
    fake.pages.push(page([notification('d', 4), notification('c', 3)], 4))
    fake.reconnect()
    await expect.poll(() => store.items.map((n) => n.id)).toEqual(['d', 'c'])
    expect(store.unreadCount).toBe(4)
  })

  it('forgets everything and stops listening on sign-out', async () => {
    fake.pages.push(page([notification('a', 1)], 1))
    const store = useNotificationsStore()
    store.start()
    await loaded(store)
    store.stop()
    expect(fake.subscribed()).toBe(false)
    expect(store.items).toEqual([])
    expect(store.unreadCount).toBe(0)
    expect(store.status).toBe('idle')
  })
})

describe('notification messages', () => {
  it('words every kind in both languages, with its params', () => {
    for (const messages of [zhCN, en]) {
      for (const kind of NOTIFICATION_KINDS) expect(messages.notifications.kinds[kind]).toMatch(/\S/)
    }
    expect(zhCN.notifications.kinds['unit.member_invited']).toContain('{unitName}')
    expect(en.notifications.kinds['alliance.answered']).toContain('{answer}')
  })
})
