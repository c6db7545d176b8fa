/**
 * Activities (shifts of a project) and sign-ups: the inputs the server validates and the web's
 * forms reuse, and the states that hold a place.
 */
import { z } from 'zod'
import { fieldCode } from './schemas.ts'
import type { ProjectState, SignUpState } from './states.ts'

/** Sign-ups that hold a place (confirmed) or a place in line (waitlisted): one per volunteer and activity. */
export const LIVE_SIGN_UP_STATES = ['confirmed', 'waitlisted'] as const satisfies readonly SignUpState[]

/** Projects whose activities may be created, and whose scheduled activities anyone signed in may find. */
export const ACTIVITY_PROJECT_STATES = [
  'published',
  'claimed',
  'in_progress',
] as const satisfies readonly ProjectState[]

/** At most this many volunteer places on one activity, and this many weeks in one recurring series. */
export const ACTIVITY_SLOTS_MAX = 5000
export const ACTIVITY_SERIES_MAX = 52

const instant = z.string().datetime({ offset: true, message: fieldCode('DATE_INVALID') })
const place = z.string().trim().min(1, fieldCode('PLACE_REQUIRED')).max(100, fieldCode('ADDRESS_TOO_LONG'))
export const activitySlotsSchema = z
  .number()
  .int(fieldCode('SLOTS_INVALID'))
  .min(1, fieldCode('SLOTS_INVALID'))
  .max(ACTIVITY_SLOTS_MAX, fieldCode('SLOTS_INVALID'))

const before = (a: string, b: string) => Date.parse(a) < Date.parse(b)

export const activityInputSchema = z
  .object({
    projectId: z.string(),
    title: z.string().trim().min(2, fieldCode('TITLE_TOO_SHORT')).max(60, fieldCode('TITLE_TOO_LONG')),
    place,
    startsAt: instant,
    endsAt: instant,
    slots: activitySlotsSchema,
    requiredSkills: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
    /** Staff of the community, or an active roster member of a unit claiming the project; null: none yet. */
    leaderId: z.string().nullish(),
    /** When sign-ups close; the start when not given. */
    signUpDeadline: instant.nullish(),
    /** Only active members of the units claiming the project may sign up. */
    claimingUnitsOnly: z.boolean().default(false),
    /** Routine projects: this many activities in all, one a week from the first, in one series. */
    recurrence: z
      .object({
        weekly: z
          .number()
          .int(fieldCode('RECURRENCE_INVALID'))
          .min(2, fieldCode('RECURRENCE_INVALID'))
          .max(ACTIVITY_SERIES_MAX, fieldCode('RECURRENCE_INVALID')),
      })
      .nullish(),
  })
  .refine((a) => before(a.startsAt, a.endsAt), { message: fieldCode('ENDS_BEFORE_START'), path: ['endsAt'] })
  .refine((a) => !a.signUpDeadline || !before(a.startsAt, a.signUpDeadline), {
    message: fieldCode('DEADLINE_AFTER_START'),
    path: ['signUpDeadline'],
  })
export type ActivityInput = z.infer<typeof activityInputSchema>

export const rescheduleInputSchema = z
  .object({
    startsAt: instant,
    endsAt: instant,
    place,
    /** When not given, the deadline moves with the start. */
    signUpDeadline: instant.nullish(),
  })
  .refine((a) => before(a.startsAt, a.endsAt), { message: fieldCode('ENDS_BEFORE_START'), path: ['endsAt'] })
  .refine((a) => !a.signUpDeadline || !before(a.startsAt, a.signUpDeadline), {
    message: fieldCode('DEADLINE_AFTER_START'),
    path: ['signUpDeadline'],
  })
export type RescheduleInput = z.infer<typeof rescheduleInputSchema>
