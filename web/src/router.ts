/**
 * Routes: the sign-in page is public; everything else needs a session. Each face has its
 * layout (mobile: Vant, console: Element Plus) and lands on the home of the active role.
 */
import type { Face } from '@linli/shared'
import { createMemoryHistory, createRouter, createWebHistory, type Router } from 'vue-router'
import { consoleAccountRoutes, mobileAccountRoutes } from './features/account/routes.ts'
import { adminRoutes } from './features/admin/routes.ts'
import {
  consoleCertificateRoutes,
  mobileCertificateRoutes,
  openCertificateRoutes,
} from './features/certificates/routes.ts'
import { useAuthStore } from './features/auth/store.ts'
import { consoleCommunityVolunteersRoutes } from './features/community-volunteers/routes.ts'
import { consoleEvaluationRoutes, mobileEvaluationRoutes } from './features/evaluation/routes.ts'
import { HOME_ROUTE } from './features/auth/useRoles.ts'
import { consoleGovernanceRoutes } from './features/governance/routes.ts'
import { hoursConsoleRoutes } from './features/hours-console/routes.ts'
import { consoleImportsRoutes } from './features/imports/routes.ts'
import { listRoutes } from './features/lists/routes.ts'
import { marketRoutes } from './features/market/routes.ts'
import { mobileNeedRoutes } from './features/needs/routes.ts'
import { mobileNotificationRoutes } from './features/notifications/routes.ts'
import { consolePointsRoutes, mobilePointsRoutes } from './features/points/routes.ts'
import { consoleRankingsRoutes } from './features/rankings/routes.ts'
import { unitServiceRoutes } from './features/unit-service/routes.ts'
import { unitRoutes } from './features/units/routes.ts'
import { mobileVolunteerRoutes } from './features/volunteer/routes.ts'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    /** Open to everyone, signed in or not (证明查验): never redirected either way. */
    open?: boolean
    /** Needs a session but belongs to no face (the print page): either face may open it. */
    anyFace?: boolean
    face?: Face
  }
}

/** A `redirect` query is followed only to a path of this app (never `//host` or a URL). */
export function safeRedirect(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return null
  return value
}

/**
 * The app's router, on the browser's history. With `'memory'` it keeps no history of the
 * browser's: the browser-test sweep (tests/web/e2e/sweep.e2e.ts) builds this very router outside a
 * page to read its routes (`getRoutes()`) and fails on any it did not visit.
 */
export function createAppRouter(history: 'web' | 'memory' = 'web'): Router {
  const router = createRouter({
    history: history === 'memory' ? createMemoryHistory() : createWebHistory(),
    routes: [
      { path: '/', name: 'root', component: { render: () => null } },
      {
        path: '/login',
        name: 'login',
        meta: { public: true },
        component: () => import('./features/auth/pages/SignInPage.vue'),
      },
      {
        path: '/login/reset',
        name: 'reset-password',
        meta: { public: true },
        component: () => import('./features/auth/pages/ResetPasswordPage.vue'),
      },
      {
        path: '/m',
        meta: { face: 'mobile' },
        component: () => import('./layouts/MobileLayout.vue'),
        children: [
          { path: '', name: 'mobile-home', component: () => import('./features/home/pages/MobileHomePage.vue') },
          { path: 'me', name: 'mobile-me', component: () => import('./features/account/pages/MobileMePage.vue') },
          ...mobileAccountRoutes,
          ...mobileNotificationRoutes,
          ...mobileNeedRoutes,
          ...mobileVolunteerRoutes,
          ...mobileCertificateRoutes,
          ...mobilePointsRoutes,
          ...mobileEvaluationRoutes,
        ],
      },
      {
        path: '/console',
        meta: { face: 'console' },
        component: () => import('./layouts/ConsoleLayout.vue'),
        children: [
          { path: '', name: 'console-home', component: () => import('./features/home/pages/ConsoleHomePage.vue') },
          {
            path: 'account',
            name: 'console-account',
            component: () => import('./features/account/pages/ConsoleAccountPage.vue'),
          },
          ...adminRoutes,
          ...listRoutes,
          ...unitRoutes,
          ...marketRoutes,
          ...hoursConsoleRoutes,
          ...unitServiceRoutes,
          ...consoleAccountRoutes,
          ...consoleCertificateRoutes,
          ...consolePointsRoutes,
          ...consoleRankingsRoutes,
          ...consoleEvaluationRoutes,
          ...consoleImportsRoutes,
          ...consoleCommunityVolunteersRoutes,
          ...consoleGovernanceRoutes,
        ],
      },
      ...openCertificateRoutes,
      { path: '/:pathMatch(.*)*', redirect: '/' },
    ],
    // A new page opens at its top: a menu item low in the console's sidebar, or 保存并发布 at the
    // foot of the project editor, would otherwise leave the next page scrolled past its head. Back
    // and forward return where the page was left; a page changing only its query keeps its place.
    scrollBehavior(to, from, saved) {
      if (saved) return saved
      if (to.path === from.path) return false
      return { top: 0 }
    },
  })

  router.beforeEach(async (to) => {
    if (to.meta.open) return true
    const auth = useAuthStore()
    const signedIn = await auth.ensureLoaded()
    if (to.meta.public) {
      if (!signedIn) return true
      // Back to the page a shared link (e.g. from WeChat) pointed at, once signed in.
      const back = safeRedirect(to.query.redirect)
      return back ?? { name: HOME_ROUTE[auth.face] }
    }
    if (!signedIn) return to.name === 'root' ? { name: 'login' } : { name: 'login', query: { redirect: to.fullPath } }
    // The root, or a page of the other face, leads to the active role's home.
    if (to.name === 'root' || (to.meta.face !== auth.face && !to.meta.anyFace)) return { name: HOME_ROUTE[auth.face] }
    return true
  })

  return router
}
