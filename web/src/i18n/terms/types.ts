import type {
  ClaimState,
  NeedChannel,
  NeedState,
  NeedUrgency,
  ProjectCadence,
  ProjectMode,
  ProjectState,
  ResourceKind,
  ResourceState,
} from '@linli/shared'

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
}
