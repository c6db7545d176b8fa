/**
 * The certificate pages: 证明查验 is open to everyone, signed in or not (`meta.open`); the print
 * page needs a session but no face (the volunteer on the phone and staff on the console both
 * print); 我的证明 on the phone; 证明管理 on the console for community staff.
 */
import type { RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '../auth/store.ts'
import { canOpenCertificatesPage } from './access.ts'

export const openCertificateRoutes: RouteRecordRaw[] = [
  {
    path: '/verify/:serial?',
    name: 'verify-certificate',
    meta: { open: true },
    component: () => import('./pages/VerifyCertificatePage.vue'),
  },
  {
    path: '/print/certificates/:communityId/:id',
    name: 'print-certificate',
    meta: { anyFace: true },
    component: () => import('./pages/PrintCertificatePage.vue'),
  },
]

export const mobileCertificateRoutes: RouteRecordRaw[] = [
  {
    path: 'certificates',
    name: 'mobile-certificates',
    meta: { title: 'certificates.titles.mine', back: 'mobile-me' },
    component: () => import('./pages/MobileMyCertificatesPage.vue'),
  },
]

export const consoleCertificateRoutes: RouteRecordRaw[] = [
  {
    path: 'certificates',
    name: 'console-certificates',
    beforeEnter: () => canOpenCertificatesPage(useAuthStore().activeRole) || { name: 'console-home' },
    component: () => import('./pages/ConsoleCertificatesPage.vue'),
  },
]
