/**
 * The resident's need pages on the phone face: 我要求助 (new), 我的需求 (list), a need's detail
 * with its timeline, and editing while it is still submitted. Residents only (else home).
 */
import type { RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../auth/store.ts'

const residentOnly = () => useAuthStore().activeRole === 'resident' || { name: 'mobile-home' }

export const mobileNeedRoutes: RouteRecordRaw[] = [
  {
    path: 'needs',
    name: 'mobile-needs',
    meta: { title: 'needs.titles.list', back: 'mobile-home' },
    beforeEnter: residentOnly,
    component: () => import('./pages/MobileMyNeedsPage.vue'),
  },
  {
    path: 'needs/new',
    name: 'mobile-need-new',
    meta: { title: 'needs.titles.create', back: 'mobile-home' },
    beforeEnter: residentOnly,
    component: () => import('./pages/MobileNeedFormPage.vue'),
  },
  {
    path: 'needs/:communityId/:id',
    name: 'mobile-need',
    meta: { title: 'needs.titles.detail', back: 'mobile-needs' },
    beforeEnter: residentOnly,
    component: () => import('./pages/MobileNeedDetailPage.vue'),
  },
  {
    path: 'needs/:communityId/:id/edit',
    name: 'mobile-need-edit',
    meta: { title: 'needs.titles.edit', back: 'mobile-needs' },
    beforeEnter: residentOnly,
    component: () => import('./pages/MobileNeedFormPage.vue'),
  },
]
