/**
 * Closing the loop's pages: on the phone 我的评单 (a resident rates what served them) and a need's
 * 服务追溯; on the console 评价审核 for community staff, 代居民评价 for a grid worker, and a
 * project's 追溯链 for staff, the street and district above them and the claiming units' admins
 * (else the console home).
 */
import type { RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../auth/store.ts'
import { canOpenChain, canOpenEvaluationPage, EVALUATION_PAGE_PATH, type EvaluationPage } from './access.ts'

const residentOnly = () => useAuthStore().activeRole === 'resident' || { name: 'mobile-home' }

export const mobileEvaluationRoutes: RouteRecordRaw[] = [
  {
    path: 'ratings',
    name: 'mobile-ratings',
    meta: { title: 'evaluation.titles.ratings', back: 'mobile-me' },
    component: () => import('./pages/MobileRatingsPage.vue'),
  },
  {
    path: 'needs/:communityId/:needId/chain',
    name: 'mobile-need-chain',
    meta: { title: 'evaluation.titles.needChain', back: 'mobile-needs' },
    beforeEnter: residentOnly,
    component: () => import('./pages/MobileNeedChainPage.vue'),
  },
]

function page(name: EvaluationPage, routeName: string, component: RouteRecordRaw['component']): RouteRecordRaw {
  return {
    path: EVALUATION_PAGE_PATH[name],
    name: routeName,
    component: component!,
    beforeEnter: () => canOpenEvaluationPage(name, useAuthStore().activeRole) || { name: 'console-home' },
  }
}

export const consoleEvaluationRoutes: RouteRecordRaw[] = [
  page('reviews', 'console-reviews', () => import('./pages/ConsoleReviewsPage.vue')),
  page('ratings', 'console-ratings', () => import('./pages/ConsoleRatingsPage.vue')),
  {
    path: 'projects/:communityId/:projectId/chain',
    name: 'console-chain',
    beforeEnter: () => canOpenChain(useAuthStore().activeRole) || { name: 'console-home' },
    component: () => import('./pages/ConsoleChainPage.vue'),
  },
]
