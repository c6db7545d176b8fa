/**
 * The states of PRODUCT.md and their allowed transitions, as data. Services ask
 * `canTransition(machine, from, to)` before every move and answer `INVALID_TRANSITION` otherwise.
 */
import { DomainError } from './errors.ts'

type Machine<S extends string> = { readonly states: readonly S[]; readonly next: Readonly<Record<S, readonly S[]>> }

function machine<const S extends string>(states: readonly S[], next: Record<S, readonly S[]>): Machine<S> {
  return { states, next }
}

export const resourceMachine = machine(['offered', 'published', 'returned', 'withdrawn', 'exhausted'], {
  offered: ['published', 'returned', 'withdrawn'],
  returned: ['offered', 'withdrawn'],
  published: ['withdrawn', 'exhausted'],
  withdrawn: [],
  exhausted: [],
})

export const needMachine = machine(
  ['submitted', 'accepted', 'rejected', 'merged', 'withdrawn', 'planned', 'in_service', 'resolved', 'rated', 'closed'],
  {
    submitted: ['accepted', 'rejected', 'merged', 'withdrawn'],
    accepted: ['planned', 'closed', 'merged'],
    planned: ['in_service', 'accepted'],
    in_service: ['resolved', 'accepted'],
    resolved: ['rated'],
    rejected: [],
    merged: [],
    withdrawn: [],
    rated: [],
    closed: [],
  },
)

export const projectMachine = machine(
  ['draft', 'published', 'claimed', 'in_progress', 'completed', 'evaluated', 'closed', 'cancelled'],
  {
    draft: ['published', 'cancelled'],
    published: ['claimed', 'in_progress', 'cancelled'],
    claimed: ['published', 'in_progress', 'cancelled'],
    in_progress: ['completed', 'cancelled'],
    completed: ['evaluated'],
    evaluated: ['closed'],
    closed: [],
    cancelled: [],
  },
)

export const claimMachine = machine(['pending', 'active', 'rejected', 'withdrawn', 'completed', 'cancelled'], {
  pending: ['active', 'rejected', 'withdrawn', 'cancelled'],
  active: ['withdrawn', 'completed', 'cancelled'],
  rejected: [],
  withdrawn: [],
  completed: [],
  cancelled: [],
})

/** An activity (shift) of a project: held, or cancelled with notice to those signed up. */
export const activityMachine = machine(['scheduled', 'cancelled', 'completed'], {
  scheduled: ['cancelled', 'completed'],
  cancelled: [],
  completed: [],
})

/**
 * A volunteer's sign-up: confirmed while slots remain, else waitlisted (a gapless position),
 * promoted in order; after the activity attended or a no-show (which the volunteer may contest).
 */
export const signUpMachine = machine(['confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show'], {
  waitlisted: ['confirmed', 'cancelled'],
  confirmed: ['cancelled', 'attended', 'no_show'],
  no_show: ['attended'],
  cancelled: [],
  attended: [],
})

export const hourRecordMachine = machine(['pending', 'approved', 'rejected', 'voided'], {
  pending: ['approved', 'rejected'],
  approved: ['voided'],
  rejected: [],
  voided: [],
})

/** A no-show mark: the volunteer sees it and may contest it; staff clear or uphold; it fades by time. */
export const noShowMarkMachine = machine(['active', 'contested', 'cleared', 'upheld'], {
  active: ['contested'],
  contested: ['cleared', 'upheld'],
  cleared: [],
  upheld: [],
})

/** 志愿服务记录证明: valid until staff revoke it with a reason. */
export const certificateMachine = machine(['valid', 'revoked'], {
  valid: ['revoked'],
  revoked: [],
})

/**
 * 双报到: a party member reports in to a residential community with their employer unit; the
 * unit's admin confirms the employment and the community's staff the report-in. Confirmed when
 * both have; either side may reject; the member may end it (moving, leaving the unit).
 */
export const dualReportMachine = machine(['requested', 'confirmed', 'rejected', 'ended'], {
  requested: ['confirmed', 'rejected', 'ended'],
  confirmed: ['ended'],
  rejected: [],
  ended: [],
})

export const redemptionMachine = machine(['reserved', 'fulfilled', 'cancelled'], {
  reserved: ['fulfilled', 'cancelled'],
  fulfilled: [],
  cancelled: [],
})

/** A report or rating: waits for staff review, then shows in the community — or is hidden with a reason. */
export const reviewMachine = machine(['pending_review', 'published', 'hidden'], {
  pending_review: ['published', 'hidden'],
  published: ['hidden'],
  hidden: ['published'],
})

/** A unit in a community's alliance: invited by staff, accepted by the unit's admin; leaving keeps the row. */
export const allianceUnitMachine = machine(['invited', 'active', 'left'], {
  invited: ['active', 'left'],
  active: ['left'],
  left: ['invited'],
})

/** A person on a unit's roster: by invitation (accepted) or request (approved); may come back later. */
export const unitMemberMachine = machine(['invited', 'requested', 'active', 'declined', 'left'], {
  invited: ['active', 'declined', 'left'],
  requested: ['active', 'declined'],
  active: ['left'],
  declined: ['invited', 'requested'],
  left: ['invited', 'requested'],
})

export type ResourceState = (typeof resourceMachine.states)[number]
export type NeedState = (typeof needMachine.states)[number]
export type ProjectState = (typeof projectMachine.states)[number]
export type ClaimState = (typeof claimMachine.states)[number]
export type ActivityState = (typeof activityMachine.states)[number]
export type SignUpState = (typeof signUpMachine.states)[number]
export type HourRecordState = (typeof hourRecordMachine.states)[number]
export type NoShowMarkState = (typeof noShowMarkMachine.states)[number]
export type CertificateState = (typeof certificateMachine.states)[number]
export type DualReportState = (typeof dualReportMachine.states)[number]
export type RedemptionState = (typeof redemptionMachine.states)[number]
export type ReviewState = (typeof reviewMachine.states)[number]
export type AllianceUnitState = (typeof allianceUnitMachine.states)[number]
export type UnitMemberState = (typeof unitMemberMachine.states)[number]

export function canTransition<S extends string>(m: Machine<S>, from: S, to: S): boolean {
  return m.next[from].includes(to)
}

/** Throws `INVALID_TRANSITION` unless `from → to` is allowed. */
export function assertTransition<S extends string>(m: Machine<S>, from: S, to: S): void {
  if (!canTransition(m, from, to)) {
    throw new DomainError('INVALID_TRANSITION', `cannot move from ${from} to ${to}`, { from, to })
  }
}

/** A state with no way out. */
export function isTerminal<S extends string>(m: Machine<S>, state: S): boolean {
  return m.next[state].length === 0
}
