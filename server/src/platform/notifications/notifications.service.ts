/**
 * The notification list (read/unread) and each person's SMS preference. A person sees and
 * marks only their own notifications; an id that is not theirs is simply not found.
 */
import { NOTIFICATION_PAGE_MAX, type NotificationKind, type NotificationParams, type SmsStatus } from '@linli/shared'
import { and, count, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm'
import { isUuid } from '../../access/places.ts'
import type { Clock } from '../../clock.ts'
import type { Db } from '../../db/index.ts'
import { notifications, sessions, users } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'

export interface NotificationView {
  id: string
  kind: NotificationKind
  communityId: string | null
  subjectType: string | null
  subjectId: string | null
  params: NotificationParams
  smsStatus: SmsStatus
  createdAt: Date
  readAt: Date | null
}

export interface NotificationPage {
  nodes: NotificationView[]
  pageInfo: { endCursor: string | null; hasNextPage: boolean }
  unreadCount: number
}

const view = {
  id: notifications.id,
  kind: notifications.kind,
  communityId: notifications.communityId,
  subjectType: notifications.subjectType,
  subjectId: notifications.subjectId,
  params: notifications.params,
  smsStatus: notifications.smsStatus,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
}

export class NotificationsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Newest first, keyset-paged by id (UUIDv7: time-ordered). The cursor is the last id seen. */
  async list(viewer: Viewer, args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null }) {
    const first = Math.min(Math.max(args.first ?? 20, 1), NOTIFICATION_PAGE_MAX)
    const after = args.after && isUuid(args.after) ? args.after : null
    const rows = await this.db
      .select(view)
      .from(notifications)
      .where(
        and(
          eq(notifications.recipientId, viewer.userId),
          after ? lt(notifications.id, after) : undefined,
          args.unreadOnly ? isNull(notifications.readAt) : undefined,
        ),
      )
      .orderBy(desc(notifications.id))
      .limit(first + 1)
    const nodes = rows.slice(0, first)
    return {
      nodes,
      pageInfo: { endCursor: nodes.at(-1)?.id ?? null, hasNextPage: rows.length > first },
    }
  }

  async unreadCount(viewer: Viewer): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.recipientId, viewer.userId), isNull(notifications.readAt)))
    return row?.n ?? 0
  }

  /** Mark some of one's own notifications read; returns how many changed (others' ids change nothing). */
  async markRead(viewer: Viewer, ids: readonly string[]): Promise<number> {
    const valid = [...new Set(ids.filter(isUuid))].slice(0, 500)
    if (valid.length === 0) return 0
    const rows = await this.db
      .update(notifications)
      .set({ readAt: this.clock.now() })
      .where(
        and(
          eq(notifications.recipientId, viewer.userId),
          inArray(notifications.id, valid),
          isNull(notifications.readAt),
        ),
      )
      .returning({ id: notifications.id })
    return rows.length
  }

  async markAllRead(viewer: Viewer): Promise<number> {
    const rows = await this.db
      .update(notifications)
      .set({ readAt: this.clock.now() })
      .where(and(eq(notifications.recipientId, viewer.userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id })
    return rows.length
  }

  async preferences(viewer: Viewer) {
    const [row] = await this.db
      .select({ hasSmartphone: users.hasSmartphone, bySms: users.notifyBySms })
      .from(users)
      .where(eq(users.id, viewer.userId))
    return row ?? { hasSmartphone: true, bySms: false }
  }

  async setPreferences(viewer: Viewer, bySms: boolean) {
    await this.db
      .update(users)
      .set({ notifyBySms: bySms, updatedAt: this.clock.now() })
      .where(eq(users.id, viewer.userId))
    return this.preferences(viewer)
  }

  /**
   * For a live delivery: the notification if it is the subscriber's and their session is still
   * open (a sign-out or password change on another device stops the push). One statement.
   */
  async forLiveDelivery(viewer: Viewer, id: string): Promise<NotificationView | null> {
    const [row] = await this.db
      .select(view)
      .from(notifications)
      .innerJoin(sessions, eq(sessions.id, viewer.sessionId))
      .where(
        and(
          eq(notifications.id, id),
          eq(notifications.recipientId, viewer.userId),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, this.clock.now()),
        ),
      )
    return row ?? null
  }

  /** True while the subscriber's session is open (checked before each community event). */
  async sessionOpen(viewer: Viewer): Promise<boolean> {
    const [row] = await this.db
      .select({ one: sql<number>`1` })
      .from(sessions)
      .where(
        and(eq(sessions.id, viewer.sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, this.clock.now())),
      )
    return !!row
  }
}
