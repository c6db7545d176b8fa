/**
 * The volunteer's and the leader's pages on the phone face: 找活动, an activity's detail with
 * 报名 / 取消报名, 签到签退 by the leader's digits, the address the leader's QR code holds
 * (`/m/check-in?c=&a=&k=`: checks in, or out, as soon as the person is signed in), the leader's
 * 签到码 with the roster, 我的日程, 我的时长 and 志愿者档案. Anyone on the phone face may open
 * them (a resident becomes a volunteer by signing up); the server decides who sees what.
 */
import type { RouteRecordRaw } from 'vue-router'

export const mobileVolunteerRoutes: RouteRecordRaw[] = [
  {
    path: 'activities',
    name: 'mobile-activities',
    meta: { title: 'volunteer.titles.activities', back: 'mobile-home' },
    component: () => import('./pages/MobileActivitiesPage.vue'),
  },
  {
    path: 'activities/:communityId/:id',
    name: 'mobile-activity',
    meta: { title: 'volunteer.titles.activity', back: 'mobile-activities' },
    component: () => import('./pages/MobileActivityPage.vue'),
  },
  {
    path: 'activities/:communityId/:id/check-in',
    name: 'mobile-activity-check-in',
    meta: { title: 'volunteer.titles.checkIn', back: 'mobile-activity' },
    component: () => import('./pages/MobileCheckInPage.vue'),
  },
  {
    path: 'activities/:communityId/:id/lead',
    name: 'mobile-activity-lead',
    meta: { title: 'volunteer.titles.lead', back: 'mobile-activity' },
    component: () => import('./pages/MobileLeadPage.vue'),
  },
  {
    path: 'check-in',
    name: 'mobile-check-in-link',
    meta: { title: 'volunteer.titles.checkInLink', back: 'mobile-home' },
    component: () => import('./pages/MobileCheckInLinkPage.vue'),
  },
  {
    path: 'schedule',
    name: 'mobile-schedule',
    meta: { title: 'volunteer.titles.schedule', back: 'mobile-home' },
    component: () => import('./pages/MobileSchedulePage.vue'),
  },
  {
    path: 'hours',
    name: 'mobile-hours',
    meta: { title: 'volunteer.titles.hours', back: 'mobile-home' },
    component: () => import('./pages/MobileHoursPage.vue'),
  },
  {
    path: 'volunteer-profile',
    name: 'mobile-volunteer-profile',
    meta: { title: 'volunteer.titles.profile', back: 'mobile-me' },
    component: () => import('./pages/MobileVolunteerProfilePage.vue'),
  },
]
