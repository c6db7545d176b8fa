import type { IResolvers } from 'mercurius'
import { requirePlaceRole } from '../../access/places.ts'
import type { Viewer } from '../../graphql/context.ts'
import type { LiveSignal } from './bus.ts'
import { communityTopic, liveIterator, personTopic, type PersonalPayload } from './live.ts'
import type { NotificationView } from './notifications.service.ts'

/** Who may watch a community's feed: its staff, and the street and district admins above it. */
const COMMUNITY_WATCHERS = ['community_staff', 'street_admin', 'district_admin'] as const

export const notificationsResolvers: IResolvers = {
  Notification: {
    read: (n: NotificationView) => n.readAt !== null,
  },
  NotificationConnection: {
    // Counted only when asked for (a second statement).
    unreadCount: (page: { viewer: Viewer }, _a, ctx) => ctx.app.notifications.service.unreadCount(page.viewer),
  },
  CommunityEvent: {
    occurredAt: (e: LiveSignal) => new Date(e.occurredAt),
  },
  Query: {
    myNotifications: async (_r, a: { first?: number; after?: string; unreadOnly?: boolean }, ctx) => {
      const viewer = await ctx.requireViewer()
      return { ...(await ctx.app.notifications.service.list(viewer, a)), viewer }
    },
    unreadNotificationCount: async (_r, _a, ctx) =>
      ctx.app.notifications.service.unreadCount(await ctx.requireViewer()),
    myNotificationPreferences: async (_r, _a, ctx) =>
      ctx.app.notifications.service.preferences(await ctx.requireViewer()),
  },
  Mutation: {
    markNotificationsRead: async (_r, a: { ids: string[] }, ctx) =>
      ctx.app.notifications.service.markRead(await ctx.requireViewer(), a.ids),
    markAllNotificationsRead: async (_r, _a, ctx) =>
      ctx.app.notifications.service.markAllRead(await ctx.requireViewer()),
    setMyNotificationPreferences: async (_r, a: { bySms: boolean }, ctx) =>
      ctx.app.notifications.service.setPreferences(await ctx.requireViewer(), a.bySms),
  },
  Subscription: {
    notificationReceived: {
      subscribe: async (_r, _a, ctx) => {
        const viewer = await ctx.requireViewer()
        const { service, local } = ctx.app.notifications
        const topic = personTopic(viewer.userId)
        const queue = await ctx.pubsub.subscribe(topic)
        local.add(topic)
        return liveIterator(
          queue,
          async (payload) => {
            const n = await service.forLiveDelivery(viewer, (payload as PersonalPayload).notificationId)
            return n ? { notificationReceived: n } : null
          },
          () => local.remove(topic),
        )
      },
    },
    communityEvents: {
      subscribe: async (_r, a: { communityId: string }, ctx) => {
        const viewer = await ctx.requireViewer()
        await requirePlaceRole(ctx.app.db, viewer, { kind: 'community', id: a.communityId }, COMMUNITY_WATCHERS)
        const { service, local } = ctx.app.notifications
        const topic = communityTopic(a.communityId)
        const queue = await ctx.pubsub.subscribe(topic)
        local.add(topic)
        return liveIterator(
          queue,
          async (signal) => ((await service.sessionOpen(viewer)) ? { communityEvents: signal as LiveSignal } : null),
          () => local.remove(topic),
        )
      },
    },
  },
}
