/** The unit pages under /console, each open only to the role it serves (else back to the console home). */
import type { RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../auth/store.ts'
import { canOpenUnitPage, PAGE_PATH, type UnitPage } from './access.ts'

function page(name: UnitPage, routeName: string, component: RouteRecordRaw['component']): RouteRecordRaw {
  return {
    path: PAGE_PATH[name],
    name: routeName,
    component: component!,
    beforeEnter: () => canOpenUnitPage(name, useAuthStore().activeRole) || { name: 'console-home' },
  }
}

export const unitRoutes: RouteRecordRaw[] = [
  page('roster', 'units-roster', () => import('./pages/RosterPage.vue')),
  page('teams', 'units-teams', () => import('./pages/UnitTeamsPage.vue')),
  page('invitations', 'units-invitations', () => import('./pages/InvitationsPage.vue')),
  page('alliance', 'alliance', () => import('./pages/AlliancePage.vue')),
  page('communityTeams', 'community-teams', () => import('./pages/CommunityTeamsPage.vue')),
]
