/** 消息 on the phone face: a tab of its own (the console opens its list from the header's bell). */
import type { RouteRecordRaw } from 'vue-router'

export const mobileNotificationRoutes: RouteRecordRaw[] = [
  {
    path: 'messages',
    name: 'mobile-notifications',
    meta: { title: 'notifications.title' },
    component: () => import('./pages/MobileNotificationsPage.vue'),
  },
]
