/** The staff's activity and hours pages under /console, each open only to the roles it serves (else the console home). */
import type { RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../auth/store.ts'
import { canOpenHoursPage, HOURS_PAGE_PATH, type HoursPage } from './access.ts'

function page(
  name: HoursPage,
  path: string,
  routeName: string,
  component: RouteRecordRaw['component'],
): RouteRecordRaw {
  return {
    path,
    name: routeName,
    component: component!,
    beforeEnter: () => canOpenHoursPage(name, useAuthStore().activeRole) || { name: 'console-home' },
  }
}

export const hoursConsoleRoutes: RouteRecordRaw[] = [
  page('activities', HOURS_PAGE_PATH.activities, 'hours-activities', () => import('./pages/ActivitiesPage.vue')),
  page(
    'activities',
    `${HOURS_PAGE_PATH.activities}/:id`,
    'hours-activity',
    () => import('./pages/ActivityDetailPage.vue'),
  ),
  page('hours', HOURS_PAGE_PATH.hours, 'hours-review', () => import('./pages/HoursReviewPage.vue')),
  page('dualReports', HOURS_PAGE_PATH.dualReports, 'hours-dual-reports', () => import('./pages/DualReportsPage.vue')),
]
