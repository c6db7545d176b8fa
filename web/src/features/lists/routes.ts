/** The three lists' pages under /console, open to community staff (else back to the console home). */
import type { RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../auth/store.ts'
import { canOpenListPage } from './access.ts'

function page(path: string, name: string, component: RouteRecordRaw['component']): RouteRecordRaw {
  return {
    path,
    name,
    component: component!,
    beforeEnter: () => canOpenListPage(useAuthStore().activeRole) || { name: 'console-home' },
  }
}

export const listRoutes: RouteRecordRaw[] = [
  page('needs', 'lists-needs', () => import('./pages/NeedsBoardPage.vue')),
  page('projects', 'lists-projects', () => import('./pages/ProjectsPage.vue')),
  page('projects/new', 'lists-project-new', () => import('./pages/ProjectEditorPage.vue')),
  page('projects/:id', 'lists-project', () => import('./pages/ProjectDetailPage.vue')),
  page('projects/:id/edit', 'lists-project-edit', () => import('./pages/ProjectEditorPage.vue')),
  page('resources', 'lists-resources', () => import('./pages/ResourcesPage.vue')),
]
