/**
 * The signed-in person's notifications: the unread count (for badges), the list newest first a
 * page at a time, and live arrivals. While signed in the store listens to `notificationReceived`:
 * an arrival is put in its place in the list (once — the same notification may also come with a
 * page) and counts as unread. After the socket reconnected the first page is loaded again, since
 * what arrived in the gap was not pushed. `start` and `stop` follow the session
 * (`useNotificationsFollowSession`).
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { useApi } from '../../graphql/client.ts'
import { useAuthStore } from '../auth/store.ts'
import {
  MarkAllNotificationsReadMutation,
  MarkNotificationsReadMutation,
  MyNotificationPreferencesQuery,
  MyNotificationsQuery,
  NotificationReceivedSubscription,
  SetMyNotificationPreferencesMutation,
  type Notification,
  type NotificationPreferences,
} from './operations.ts'

export const NOTIFICATION_PAGE_SIZE = 20
/** After the live feed failed for good (e.g. the socket gave up), try again this much later. */
export const RESUBSCRIBE_DELAY_MS = 30_000

/** Newest first; notifications of the same instant by id (UUIDv7: later ids are newer). */
function newerFirst(a: Notification, b: Notification): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<Notification[]>([])
  const unreadCount = ref(0)
  const endCursor = ref<string | null>(null)
  const hasMore = ref(false)
  /** The first page: not asked for yet, on its way, there, or failed. */
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const loadingMore = ref(false)
  /** The failure of the last load (first page or more), if it failed. */
  const error = ref<unknown>(null)
  const preferences = ref<NotificationPreferences | null>(null)
  /** Whether the live feed is on (subscribed, not failed). */
  const live = ref(false)

  const hasUnread = computed(() => unreadCount.value > 0)

  let stopLive: (() => void) | null = null
  let stopReconnect: (() => void) | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  /** Bumped by every first-page load and by `stop`: an answer for an older generation is dropped. */
  let generation = 0
  /** Arrivals while a first page is on its way: merged into it when it lands. */
  let arrivedDuringLoad: Notification[] | null = null

  return {
    items,
    unreadCount,
    hasUnread,
    hasMore,
    status,
    loadingMore,
    error,
    preferences,
    live,
    start,
    stop,
    load,
    loadMore,
    receive,
    markRead,
    markAllRead,
    loadPreferences,
    setBySms,
  }

  /** Signed in: listen for arrivals and load the first page (for the count). Idempotent. */
  function start(): void {
    if (stopLive) return
    subscribe()
    stopReconnect ??= useApi().onReconnected(() => void load())
    void load()
  }

  /** Signed out: stop listening and forget everything. */
  function stop(): void {
    stopLive?.()
    stopLive = null
    stopReconnect?.()
    stopReconnect = null
    if (retryTimer) clearTimeout(retryTimer)
    retryTimer = null
    generation += 1
    arrivedDuringLoad = null
    items.value = []
    unreadCount.value = 0
    endCursor.value = null
    hasMore.value = false
    status.value = 'idle'
    loadingMore.value = false
    error.value = null
    preferences.value = null
    live.value = false
  }

  function subscribe(): void {
    live.value = true
    stopLive = useApi().subscribe(
      NotificationReceivedSubscription,
      {},
      {
        next: (data) => receive(data.notificationReceived),
        error: () => {
          live.value = false
          stopLive = null
          // What arrives meanwhile is in the list: the retry reloads it.
          retryTimer = setTimeout(() => {
            retryTimer = null
            if (stopLive || status.value === 'idle') return
            subscribe()
            void load()
          }, RESUBSCRIBE_DELAY_MS)
        },
      },
    )
  }

  /** (Re)load the first page; older pages loaded before are dropped. */
  async function load(): Promise<void> {
    const mine = ++generation
    if (items.value.length === 0) status.value = 'loading'
    error.value = null
    arrivedDuringLoad = []
    try {
      const data = await useApi().query(MyNotificationsQuery, { first: NOTIFICATION_PAGE_SIZE, after: null })
      const page = data.myNotifications
      if (mine !== generation) return
      const seen = new Set(page.nodes.map((n) => n.id))
      const missed = (arrivedDuringLoad ?? []).filter((n) => !seen.has(n.id))
      items.value = [...missed, ...page.nodes].sort(newerFirst)
      unreadCount.value = data.unreadNotificationCount + missed.filter((n) => !n.read).length
      endCursor.value = page.pageInfo.endCursor
      hasMore.value = page.pageInfo.hasNextPage
      status.value = 'ready'
    } catch (err) {
      if (mine !== generation) return
      error.value = err
      if (status.value !== 'ready') status.value = 'error'
    } finally {
      if (mine === generation) arrivedDuringLoad = null
    }
  }

  /** The next (older) page, appended. */
  async function loadMore(): Promise<void> {
    if (!hasMore.value || loadingMore.value || status.value !== 'ready') return
    const mine = generation
    loadingMore.value = true
    error.value = null
    try {
      const data = await useApi().query(MyNotificationsQuery, {
        first: NOTIFICATION_PAGE_SIZE,
        after: endCursor.value,
      })
      const page = data.myNotifications
      if (mine !== generation) return
      const seen = new Set(items.value.map((n) => n.id))
      items.value = [...items.value, ...page.nodes.filter((n) => !seen.has(n.id))]
      endCursor.value = page.pageInfo.endCursor
      hasMore.value = page.pageInfo.hasNextPage
      unreadCount.value = data.unreadNotificationCount
    } catch (err) {
      if (mine === generation) error.value = err
    } finally {
      if (mine === generation) loadingMore.value = false
    }
  }

  /** A notification pushed live: in its place in the list, counted if unread; a repeat changes nothing. */
  function receive(notification: Notification): void {
    arrivedDuringLoad?.push(notification)
    if (items.value.some((n) => n.id === notification.id)) return
    items.value = [notification, ...items.value].sort(newerFirst)
    if (!notification.read) unreadCount.value += 1
  }

  /** Mark one read (shown at once; the count comes back if the server refuses). Throws `ApiError`. */
  async function markRead(id: string): Promise<void> {
    const target = items.value.find((n) => n.id === id)
    if (!target || target.read) return
    setRead([id], new Date().toISOString())
    unreadCount.value = Math.max(0, unreadCount.value - 1)
    try {
      await useApi().mutate(MarkNotificationsReadMutation, { ids: [id] })
    } catch (err) {
      setRead([id], null)
      unreadCount.value += 1
      throw err
    }
  }

  /** Mark every notification read, loaded or not. Throws `ApiError`. */
  async function markAllRead(): Promise<void> {
    const unread = items.value.filter((n) => !n.read).map((n) => n.id)
    const before = unreadCount.value
    setRead(unread, new Date().toISOString())
    unreadCount.value = 0
    try {
      await useApi().mutate(MarkAllNotificationsReadMutation, {})
    } catch (err) {
      setRead(unread, null)
      unreadCount.value = before
      throw err
    }
  }

  function setRead(ids: string[], readAt: string | null): void {
    const set = new Set(ids)
    items.value = items.value.map((n) => (set.has(n.id) ? { ...n, readAt, read: readAt !== null } : n))
  }

  /** Throws `ApiError`. */
  async function loadPreferences(): Promise<NotificationPreferences> {
    preferences.value = (await useApi().query(MyNotificationPreferencesQuery, {})).myNotificationPreferences
    return preferences.value
  }

  /** Ask for (or stop) an SMS copy of every notification. Throws `ApiError`. */
  async function setBySms(bySms: boolean): Promise<void> {
    preferences.value = (
      await useApi().mutate(SetMyNotificationPreferencesMutation, { bySms })
    ).setMyNotificationPreferences
  }
})

/** Keep the notifications in step with the session: on for a signed-in person, off (and empty) otherwise. */
export function useNotificationsFollowSession(): void {
  const auth = useAuthStore()
  const notifications = useNotificationsStore()
  watch(
    () => auth.me?.user.id ?? null,
    (userId, previous) => {
      if (previous) notifications.stop()
      if (userId) notifications.start()
    },
    { immediate: true },
  )
}
