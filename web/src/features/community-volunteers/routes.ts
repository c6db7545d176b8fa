/** 志愿者名册 on the console, for community staff (else the console home). */
import type { RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../auth/store.ts'
import {
  canOpenCommunityVolunteersPage,
  COMMUNITY_VOLUNTEERS_PAGE_PATH,
  type CommunityVolunteersPage,
} from './access.ts'

function page(
  name: CommunityVolunteersPage,
  routeName: string,
  component: RouteRecordRaw['component'],
): RouteRecordRaw {
  return {
    path: COMMUNITY_VOLUNTEERS_PAGE_PATH[name],
    name: routeName,
    component: component!,
    beforeEnter: () => canOpenCommunityVolunteersPage(name, useAuthStore().activeRole) || { name: 'console-home' },
  }
}

export const consoleCommunityVolunteersRoutes: RouteRecordRaw[] = [
  page('volunteers', 'community-volunteers', () => import('./pages/CommunityVolunteersPage.vue')),
]
