/**
 * The steps a need's timeline records (server/src/features/needs and projects write them), and
 * the parts their actors play: the staff's and the resident's timeline word each of them.
 */
export { NEED_EVENT_ACTIONS, type NeedEventAction } from '@linli/shared'

export const ACTOR_ROLES = ['resident', 'community_staff', 'grid_worker', 'unit_admin', 'platform', 'other'] as const
export type ActorRole = (typeof ACTOR_ROLES)[number]

/** The words for states and kinds: defined with their Chinese in @linli/shared (the exports use them too). */
export type { TermsMessages } from '@linli/shared'
