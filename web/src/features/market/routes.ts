/** The unit admin's 项目市场, 我的认领 and 我的资源 under /console (else back to the console home). */
import type { RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../auth/store.ts'
import { canOpenMarketPage, MARKET_PAGE_PATH } from './access.ts'

const unitAdminOnly = () => canOpenMarketPage(useAuthStore().activeRole) || { name: 'console-home' }

export const marketRoutes: RouteRecordRaw[] = [
  {
    path: MARKET_PAGE_PATH.market,
    name: 'market',
    beforeEnter: unitAdminOnly,
    component: () => import('./pages/MarketPage.vue'),
  },
  {
    path: MARKET_PAGE_PATH.claims,
    name: 'unit-claims',
    beforeEnter: unitAdminOnly,
    component: () => import('./pages/UnitClaimsPage.vue'),
  },
  {
    path: MARKET_PAGE_PATH.resources,
    name: 'unit-resources',
    beforeEnter: unitAdminOnly,
    component: () => import('./pages/UnitResourcesPage.vue'),
  },
]
