/**
 * Pure rules of activities and sign-ups, unit-tested without a database. What they cannot know
 * (who holds claims, who is on a roster) the service loads and passes in.
 */
import type { SignUpState } from '@linli/shared'
import type { Viewer } from '../../graphql/context.ts'
import { isCommunityStaff, isUnitAdmin } from '../units/units.policy.ts'

/** Where a new sign-up goes: a free place, else the end of the line. */
export function placeFor(counts: { slots: number; confirmed: number; waitlisted: number }): {
  state: Extract<SignUpState, 'confirmed' | 'waitlisted'>
  position: number | null
} {
  return counts.confirmed < counts.slots
    ? { state: 'confirmed', position: null }
    : { state: 'waitlisted', position: counts.waitlisted + 1 }
}

/** How many of the waitlist move up now: as many places as are free, no more than wait. */
export function promotable(counts: { slots: number; confirmed: number; waitlisted: number }): number {
  return Math.max(0, Math.min(counts.slots - counts.confirmed, counts.waitlisted))
}

/**
 * Who creates an activity for a project: the community's staff (for the community: no unit), or
 * the admin of a unit holding an active claim on it (for that unit). Null: neither.
 */
export function creatorUnit(
  viewer: Viewer,
  communityId: string,
  activeClaimUnitIds: readonly string[],
): { unitId: string | null } | null {
  if (isCommunityStaff(viewer, communityId)) return { unitId: null }
  const unitId = activeClaimUnitIds.find((u) => isUnitAdmin(viewer, u))
  return unitId ? { unitId } : null
}

/**
 * Who reschedules, re-sizes or cancels an activity: the community's staff, or the admins of the
 * unit that created it while that unit still holds an active claim on the project.
 */
export function canManageActivity(
  viewer: Viewer,
  activity: { communityId: string; unitId: string | null },
  activeClaimUnitIds: readonly string[],
): boolean {
  if (isCommunityStaff(viewer, activity.communityId)) return true
  return !!activity.unitId && isUnitAdmin(viewer, activity.unitId) && activeClaimUnitIds.includes(activity.unitId)
}

/**
 * Who reads an activity's roster: its community's readers (staff and the admins above), its
 * leader, and the admins of the units claiming its project.
 */
export function canReadSignUps(
  viewer: Viewer,
  activity: { leaderId: string | null },
  context: { isReader: boolean; claimUnitIds: readonly string[] },
): boolean {
  if (context.isReader) return true
  if (activity.leaderId === viewer.userId) return true
  return context.claimUnitIds.some((u) => isUnitAdmin(viewer, u))
}

/** An activity limited to some units takes only their active members. */
export function mayJoin(restrictedToUnitIds: readonly string[] | null, memberOfUnitIds: readonly string[]): boolean {
  if (!restrictedToUnitIds || restrictedToUnitIds.length === 0) return true
  return memberOfUnitIds.some((u) => restrictedToUnitIds.includes(u))
}
