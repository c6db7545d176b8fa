/**
 * The points pages: on the phone 我的积分 (a wallet per community), a community's 积分明细, its
 * 积分超市 and 我的兑换 (the codes to show at the service hall); on the console, for community
 * staff, 兑换核销, 积分超市管理 and 积分管理 (else the console home).
 */
import type { RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../auth/store.ts'
import { canOpenPointsPage, POINTS_PAGE_PATH, type PointsPage } from './access.ts'

export const mobilePointsRoutes: RouteRecordRaw[] = [
  {
    path: 'points',
    name: 'mobile-points',
    meta: { title: 'points.titles.wallets', back: 'mobile-me' },
    component: () => import('./pages/MobilePointsPage.vue'),
  },
  {
    path: 'points/:communityId',
    name: 'mobile-points-statement',
    meta: { title: 'points.titles.statement', back: 'mobile-points' },
    component: () => import('./pages/MobileStatementPage.vue'),
  },
  {
    path: 'store/:communityId',
    name: 'mobile-store',
    // Back to the community's statement (its communityId carries over).
    meta: { title: 'points.titles.store', back: 'mobile-points-statement' },
    component: () => import('./pages/MobileStorePage.vue'),
  },
  {
    path: 'redemptions',
    name: 'mobile-redemptions',
    meta: { title: 'points.titles.redemptions', back: 'mobile-me' },
    component: () => import('./pages/MobileRedemptionsPage.vue'),
  },
]

function page(name: PointsPage, routeName: string, component: RouteRecordRaw['component']): RouteRecordRaw {
  return {
    path: POINTS_PAGE_PATH[name],
    name: routeName,
    component: component!,
    beforeEnter: () => canOpenPointsPage(name, useAuthStore().activeRole) || { name: 'console-home' },
  }
}

export const consolePointsRoutes: RouteRecordRaw[] = [
  page('redemptions', 'console-redemptions', () => import('./pages/ConsoleRedemptionsPage.vue')),
  page('rewards', 'console-rewards', () => import('./pages/ConsoleRewardsPage.vue')),
  page('points', 'console-points', () => import('./pages/ConsolePointsPage.vue')),
]
