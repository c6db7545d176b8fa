/** 居民导入 on the console, for community staff (else the console home). */
import type { RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../auth/store.ts'
import { canOpenImportsPage, IMPORTS_PAGE_PATH, type ImportsPage } from './access.ts'

function page(name: ImportsPage, routeName: string, component: RouteRecordRaw['component']): RouteRecordRaw {
  return {
    path: IMPORTS_PAGE_PATH[name],
    name: routeName,
    component: component!,
    beforeEnter: () => canOpenImportsPage(name, useAuthStore().activeRole) || { name: 'console-home' },
  }
}

export const consoleImportsRoutes: RouteRecordRaw[] = [
  page('imports', 'console-imports', () => import('./pages/ConsoleImportsPage.vue')),
]
