/**
 * The account pages: on the phone face 我的住址, 我的数据 and 注销账号 under 我的; on the
 * console 居民核验 for community staff. `meta.title` names the page in the top bar and
 * `meta.back` is where its back arrow leads.
 */
import type { RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../auth/store.ts'
import { canOpenResidentDesk } from './access.ts'

declare module 'vue-router' {
  interface RouteMeta {
    /** A message key for the mobile top bar. */
    title?: string
    /** The route name the top bar's back arrow leads to. */
    back?: string
  }
}

export const mobileAccountRoutes: RouteRecordRaw[] = [
  {
    path: 'me/residence',
    name: 'mobile-residence',
    meta: { title: 'accounts.residence.title', back: 'mobile-me' },
    component: () => import('./pages/MobileResidencePage.vue'),
  },
  {
    path: 'me/data',
    name: 'mobile-my-data',
    meta: { title: 'accounts.myData.title', back: 'mobile-me' },
    component: () => import('./pages/MobileMyDataPage.vue'),
  },
  {
    path: 'me/delete',
    name: 'mobile-delete-account',
    meta: { title: 'accounts.deletion.title', back: 'mobile-me' },
    component: () => import('./pages/MobileDeleteAccountPage.vue'),
  },
]

export const consoleAccountRoutes: RouteRecordRaw[] = [
  {
    path: 'residents',
    name: 'resident-desk',
    component: () => import('./pages/ResidentDeskPage.vue'),
    beforeEnter: () => canOpenResidentDesk(useAuthStore().activeRole) || { name: 'console-home' },
  },
]
