/** Pure rules of the privacy feature; unit-tested without a database. */
import type { Viewer } from '../../graphql/context.ts'

/** The sign-in phone a deleted account keeps: unique, and never a phone number anyone can sign in with. */
export function deletedPhonePlaceholder(userId: string): string {
  return `deleted:${userId}`
}

/** A deletion is proven by the password or a LOGIN SMS code (the session alone is not enough). */
export function deletionProofGiven(input: { password?: string | null; smsCode?: string | null }): boolean {
  return Boolean(input.password) || Boolean(input.smsCode)
}

/** A resident's full phone and address: community staff of the community they live in. */
export function canViewResidentContact(viewer: Viewer, communityId: string): boolean {
  return viewer.grants.some((g) => g.role === 'community_staff' && g.scopeId === communityId)
}
