/** The unit admin's 成员服务 under /console (else back to the console home). */
import type { RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../auth/store.ts'
import { canOpenUnitService, UNIT_SERVICE_PATH } from './access.ts'

export const unitServiceRoutes: RouteRecordRaw[] = [
  {
    path: UNIT_SERVICE_PATH,
    name: 'unit-service',
    beforeEnter: () => canOpenUnitService(useAuthStore().activeRole) || { name: 'console-home' },
    component: () => import('./pages/UnitServicePage.vue'),
  },
]
