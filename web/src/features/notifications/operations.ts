/** The notifications' GraphQL operations (platform/notifications SDL), typed by hand. */
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'

export interface Notification {
  id: string
  /** A `NotificationKind` from @linli/shared, or a newer kind this web does not know yet. */
  kind: string
  communityId: string | null
  subjectType: string | null
  subjectId: string | null
  /** Display parameters: place and unit names, a role id, an answer. */
  params: Record<string, unknown>
  smsStatus: string
  createdAt: string
  readAt: string | null
  read: boolean
}

export interface NotificationPage {
  nodes: Notification[]
  pageInfo: { endCursor: string | null; hasNextPage: boolean }
}

export interface NotificationPreferences {
  hasSmartphone: boolean
  bySms: boolean
}

const FIELDS = 'id kind communityId subjectType subjectId params smsStatus createdAt readAt read'

/**
 * A page and the unread count across the whole list. The count is asked for beside the page, not
 * as `myNotifications.unreadCount`: that field fails once Mercurius' JIT has compiled the query
 * (the server returns it as a function, which graphql-jit does not call).
 */
export const MyNotificationsQuery: TypedDocumentNode<
  { myNotifications: NotificationPage; unreadNotificationCount: number },
  { first: number; after: string | null }
> = gql`
  query MyNotifications($first: Int, $after: String) {
    myNotifications(first: $first, after: $after) {
      nodes { ${FIELDS} }
      pageInfo { endCursor hasNextPage }
    }
    unreadNotificationCount
  }
`

export const UnreadNotificationCountQuery: TypedDocumentNode<
  { unreadNotificationCount: number },
  Record<string, never>
> = gql`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`

export const MarkNotificationsReadMutation: TypedDocumentNode<{ markNotificationsRead: number }, { ids: string[] }> =
  gql`
    mutation MarkNotificationsRead($ids: [ID!]!) {
      markNotificationsRead(ids: $ids)
    }
  `

export const MarkAllNotificationsReadMutation: TypedDocumentNode<
  { markAllNotificationsRead: number },
  Record<string, never>
> = gql`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead
  }
`

export const MyNotificationPreferencesQuery: TypedDocumentNode<
  { myNotificationPreferences: NotificationPreferences },
  Record<string, never>
> = gql`
  query MyNotificationPreferences {
    myNotificationPreferences {
      hasSmartphone
      bySms
    }
  }
`

export const SetMyNotificationPreferencesMutation: TypedDocumentNode<
  { setMyNotificationPreferences: NotificationPreferences },
  { bySms: boolean }
> = gql`
  mutation SetMyNotificationPreferences($bySms: Boolean!) {
    setMyNotificationPreferences(bySms: $bySms) {
      hasSmartphone
      bySms
    }
  }
`

/** Community staff record whether a resident of their community has a smartphone. */
export const StaffSetHasSmartphoneMutation: TypedDocumentNode<
  { staffSetHasSmartphone: boolean },
  { userId: string; hasSmartphone: boolean }
> = gql`
  mutation StaffSetHasSmartphone($userId: ID!, $hasSmartphone: Boolean!) {
    staffSetHasSmartphone(userId: $userId, hasSmartphone: $hasSmartphone)
  }
`

export const NotificationReceivedSubscription: TypedDocumentNode<
  { notificationReceived: Notification },
  Record<string, never>
> = gql`
  subscription NotificationReceived {
    notificationReceived { ${FIELDS} }
  }
`
