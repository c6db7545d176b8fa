/** 联盟治理 on the console, for community staff and unit admins (else the console home). */
import type { RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../auth/store.ts'
import { canOpenGovernancePage, GOVERNANCE_PAGE_PATH, type GovernancePage } from './access.ts'

function page(name: GovernancePage, routeName: string, component: RouteRecordRaw['component']): RouteRecordRaw {
  return {
    path: GOVERNANCE_PAGE_PATH[name],
    name: routeName,
    component: component!,
    beforeEnter: () => canOpenGovernancePage(name, useAuthStore().activeRole) || { name: 'console-home' },
  }
}

export const consoleGovernanceRoutes: RouteRecordRaw[] = [
  page('governance', 'console-governance', () => import('./pages/ConsoleGovernancePage.vue')),
]
