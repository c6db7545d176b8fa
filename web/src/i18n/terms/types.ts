import type {
  ActivityState,
  ClaimState,
  DualReportState,
  HourRecordState,
  NeedChannel,
  NeedState,
  NeedUrgency,
  NoShowMarkState,
  RedemptionState,
  ReviewState,
  ProjectCadence,
  ProjectMode,
  ProjectState,
  ResourceKind,
  ResourceState,
  SignUpState,
} from '@linli/shared'

/**
 * The steps a need's timeline records (server/src/features/needs and projects write them), and
 * the parts their actors play: the staff's and the resident's timeline word each of them.
 */
export { NEED_EVENT_ACTIONS, type NeedEventAction } from '@linli/shared'

export const ACTOR_ROLES = ['resident', 'community_staff', 'grid_worker', 'unit_admin', 'platform', 'other'] as const
export type ActorRole = (typeof ACTOR_ROLES)[number]

/**
 * The three lists' words, one set for every page (the staff console, the unit admin's console,
 * the resident's phone): states of resources, needs, projects and claims, and the channels,
 * urgencies, resource kinds, modes and cadences. Keyed by the shared enumerations: a state or
 * kind added in @linli/shared without its word fails the typecheck.
 *
 * A timeline's sentences are not here: residents and staff read them in different words
 * (`needs.timeline.actions`, `lists.events`).
 */
export interface TermsMessages {
  needStates: Record<NeedState, string>
  resourceStates: Record<ResourceState, string>
  projectStates: Record<ProjectState, string>
  claimStates: Record<ClaimState, string>
  channels: Record<NeedChannel, string>
  urgencies: Record<NeedUrgency, string>
  resourceKinds: Record<ResourceKind, string>
  modes: Record<ProjectMode, string>
  cadences: Record<ProjectCadence, string>
  /** Activities and hours: the volunteer's phone and the staff console word them alike. */
  activityStates: Record<ActivityState, string>
  signUpStates: Record<SignUpState, string>
  hourRecordStates: Record<HourRecordState, string>
  noShowMarkStates: Record<NoShowMarkState, string>
  dualReportStates: Record<DualReportState, string>
  /** 积分超市: a redemption to collect, collected (核销) or cancelled. */
  redemptionStates: Record<RedemptionState, string>
  /** 晒单 and 评单: waiting for staff review, shown in the community, or hidden with a reason. */
  reviewStates: Record<ReviewState, string>
}
