/** The admin pages under /console, each open only to the roles it serves (else back to the console home). */
import type { RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../auth/store.ts'
import { canOpen, type AdminPage } from './access.ts'

function page(name: AdminPage, component: RouteRecordRaw['component']): RouteRecordRaw {
  return {
    path: `admin/${name}`,
    name: `admin-${name}`,
    component: component!,
    beforeEnter: () => canOpen(name, useAuthStore().activeRole) || { name: 'console-home' },
  }
}

export const adminRoutes: RouteRecordRaw[] = [
  page('places', () => import('./pages/PlacesPage.vue')),
  page('roles', () => import('./pages/RolesPage.vue')),
  page('settings', () => import('./pages/SettingsPage.vue')),
  page('audit', () => import('./pages/AuditPage.vue')),
]
