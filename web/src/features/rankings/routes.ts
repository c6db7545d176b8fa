/**
 * The rankings pages on the console: 数据看板 (community staff, street admins) and 排行榜 (also
 * district admins); anyone else lands on the console home. Both load lazily (ECharts only with
 * the dashboard).
 */
import type { RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../auth/store.ts'
import { canOpenRankingsPage, RANKINGS_PAGE_PATH, type RankingsPage } from './access.ts'

function page(name: RankingsPage, routeName: string, component: RouteRecordRaw['component']): RouteRecordRaw {
  return {
    path: RANKINGS_PAGE_PATH[name],
    name: routeName,
    component: component!,
    beforeEnter: () => canOpenRankingsPage(name, useAuthStore().activeRole) || { name: 'console-home' },
  }
}

export const consoleRankingsRoutes: RouteRecordRaw[] = [
  page('dashboard', 'console-dashboard', () => import('./pages/ConsoleDashboardPage.vue')),
  page('rankings', 'console-rankings', () => import('./pages/ConsoleRankingsPage.vue')),
]
