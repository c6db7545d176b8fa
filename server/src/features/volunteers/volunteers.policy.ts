/**
 * Pure rules of volunteer profiles, 双报到 and activity suggestions, unit-tested without a
 * database. What they cannot know (where a person lives or serves, who is on a roster, what an
 * activity looks like) the services load and pass in.
 */
import { availabilitySlotOf, type AvailabilitySlot, type DualReportState } from '@linli/shared'
import type { Viewer } from '../../graphql/context.ts'
import { isCommunityStaff, isUnitAdmin } from '../units/units.policy.ts'

// ── Profiles ────────────────────────────────────────────────────────────────

/** Where the person has something that a community's staff look after or a unit's admin keeps. */
export interface PersonPresence {
  /** A residence, a sign-up or an hour record in the community asked about. */
  inCommunity: boolean
  /** Units on whose roster the person is an active member. */
  activeUnitIds: readonly string[]
}

/**
 * Who reads a volunteer's profile: the volunteer; the community's staff when the person has
 * something there (a residence, a sign-up, an hour record); the admin of a unit the person is
 * an active roster member of.
 */
export function canReadProfile(
  viewer: Viewer,
  personId: string,
  communityId: string,
  presence: PersonPresence,
): boolean {
  if (viewer.userId === personId) return true
  if (presence.inCommunity && isCommunityStaff(viewer, communityId)) return true
  return presence.activeUnitIds.some((u) => isUnitAdmin(viewer, u))
}

/** The full phone number only for the volunteer themself; everyone else sees it masked. */
export function seesFullPhone(viewer: Viewer, personId: string): boolean {
  return viewer.userId === personId
}

/** The Linli volunteer number from the sequence's value: `LL` + 8 digits. */
export function linliVolunteerNumber(seq: number | bigint | string): string {
  return `LL${String(seq).padStart(8, '0')}`
}

// ── 双报到 ──────────────────────────────────────────────────────────────────

/** Report states that hold the member's one live report. */
export const LIVE_DUAL_REPORT_STATES = ['requested', 'confirmed'] as const satisfies readonly DualReportState[]

export function isLiveDualReport(state: DualReportState): boolean {
  return (LIVE_DUAL_REPORT_STATES as readonly string[]).includes(state)
}

/** A party member for 双报到: marked so on the unit's roster or on their own profile. */
export function isPartyMemberFor(roster: { isPartyMember: boolean } | null, profilePartyMember: boolean): boolean {
  return profilePartyMember || !!roster?.isPartyMember
}

/** The sides of a report the viewer speaks for: the unit's admin (employment), the community's staff (report-in). */
export function dualReportSides(
  viewer: Viewer,
  report: { communityId: string; unitId: string },
): { unit: boolean; community: boolean } {
  return { unit: isUnitAdmin(viewer, report.unitId), community: isCommunityStaff(viewer, report.communityId) }
}

/** Who sees a report: its member and whoever speaks for one of its sides. */
export function canSeeDualReport(viewer: Viewer, report: { communityId: string; unitId: string; userId: string }) {
  const sides = dualReportSides(viewer, report)
  return viewer.userId === report.userId || sides.unit || sides.community
}

/**
 * The sides confirmed after the viewer confirms theirs (someone who is both confirms both), and
 * whether the report is thereby confirmed.
 */
export function confirmSides(
  report: { unitConfirmed: boolean; communityConfirmed: boolean },
  sides: { unit: boolean; community: boolean },
): { unit: boolean; community: boolean; changed: boolean; confirmed: boolean } {
  const unit = report.unitConfirmed || sides.unit
  const community = report.communityConfirmed || sides.community
  return {
    unit,
    community,
    changed: unit !== report.unitConfirmed || community !== report.communityConfirmed,
    confirmed: unit && community,
  }
}

/** A share, or null when there is nothing to divide by. */
export function rate(numerator: number, divisor: number): number | null {
  return divisor === 0 ? null : numerator / divisor
}

export interface UnitMemberFacts {
  isPartyMember: boolean
  reportState: DualReportState | null
  approvedMinutes: number
  targetHours: number
}

/**
 * A unit's 双报到 feedback: party members on the roster; of them, those whose report naming
 * this unit is confirmed (reported in); of those, the ones whose approved hours in the year
 * reach their community's target. Report-in rate = reported-in ÷ party members, completion
 * rate = reaching the target ÷ reported-in (null when the divisor is 0).
 */
export function unitServiceSummary(members: readonly UnitMemberFacts[]) {
  const party = members.filter((m) => m.isPartyMember)
  const reportedIn = party.filter((m) => m.reportState === 'confirmed')
  const reached = reportedIn.filter((m) => reachedTarget(m.approvedMinutes, m.targetHours))
  return {
    partyMembers: party.length,
    reportedIn: reportedIn.length,
    reachedTarget: reached.length,
    reportInRate: rate(reportedIn.length, party.length),
    completionRate: rate(reached.length, reportedIn.length),
  }
}

export function reachedTarget(approvedMinutes: number, targetHours: number): boolean {
  return approvedMinutes >= targetHours * 60
}

// ── Calendar ────────────────────────────────────────────────────────────────

const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/** The calendar year of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiYearOf(at: Date): number {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear()
}

/** [1 January 00:00, next 1 January 00:00) of a year in Asia/Shanghai, as instants. */
export function shanghaiYearBounds(year: number): { from: Date; to: Date } {
  return {
    from: new Date(Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS),
    to: new Date(Date.UTC(year + 1, 0, 1) - SHANGHAI_OFFSET_MS),
  }
}

// ── Suggestions ─────────────────────────────────────────────────────────────

export const SUGGESTION_REASONS = ['skills_match', 'available', 'same_grid', 'reliable', 'few_places_left'] as const
export type SuggestionReason = (typeof SUGGESTION_REASONS)[number]

/** What each reason adds to an activity's score, and what lowers it. */
export const SUGGESTION_WEIGHTS = {
  /** Scaled by the share of the required skills the volunteer has (at least half of it). */
  skillsMatch: 4,
  available: 3,
  sameGrid: 2,
  reliable: 1,
  fewPlacesLeft: 1,
  /** Per counting no-show mark, at most three counted. */
  noShow: -1.5,
  /** No place free: a sign-up waits in line. */
  full: -2,
} as const

export interface SuggestionVolunteer {
  skills: readonly string[]
  availability: readonly AvailabilitySlot[]
  /** No-show marks still counting (not cleared, not faded). */
  countingNoShows: number
}

export interface SuggestionActivity {
  startsAt: Date
  slots: number
  confirmed: number
  requiredSkills: readonly string[]
  /** The project answers a need of the grid the volunteer lives in (in that community). */
  sameGrid: boolean
}

/** Few places left: one or two, or at most a fifth of the places. */
export function fewPlacesLeft(a: { slots: number; confirmed: number }): boolean {
  const free = a.slots - a.confirmed
  return free > 0 && free <= Math.max(2, Math.ceil(a.slots / 5))
}

const normaliseSkill = (s: string) => s.trim().toLowerCase()

/** How well an activity suits a volunteer: a score (higher is better) and the reasons for it. */
export function scoreActivityForVolunteer(
  volunteer: SuggestionVolunteer,
  activity: SuggestionActivity,
): { score: number; reasons: SuggestionReason[] } {
  const w = SUGGESTION_WEIGHTS
  const reasons: SuggestionReason[] = []
  let score = 0
  const mine = new Set(volunteer.skills.map(normaliseSkill))
  const required = [...new Set(activity.requiredSkills.map(normaliseSkill))]
  const overlap = required.filter((s) => mine.has(s)).length
  if (overlap > 0) {
    reasons.push('skills_match')
    score += w.skillsMatch * (0.5 + (0.5 * overlap) / required.length)
  }
  if (volunteer.availability.includes(availabilitySlotOf(activity.startsAt))) {
    reasons.push('available')
    score += w.available
  }
  if (activity.sameGrid) {
    reasons.push('same_grid')
    score += w.sameGrid
  }
  if (volunteer.countingNoShows === 0) {
    reasons.push('reliable')
    score += w.reliable
  } else {
    score += w.noShow * Math.min(volunteer.countingNoShows, 3)
  }
  if (fewPlacesLeft(activity)) {
    reasons.push('few_places_left')
    score += w.fewPlacesLeft
  }
  if (activity.confirmed >= activity.slots) score += w.full
  return { score: Math.round(score * 100) / 100, reasons }
}

/** Best first; ties by the earlier start, then by id. */
export function compareSuggestions(
  a: { score: number; startsAt: Date; id: string },
  b: { score: number; startsAt: Date; id: string },
): number {
  return b.score - a.score || a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}
