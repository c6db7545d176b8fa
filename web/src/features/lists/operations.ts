/**
 * The three lists' console operations (needs, resources, projects and claims, matching), typed
 * by hand against the SDL in server/src/features/{needs,resources,projects,matching}.
 */
import type {
  ClaimState,
  MatchReasonCode,
  NeedChannel,
  NeedState,
  NeedUrgency,
  ProjectCadence,
  ProjectMode,
  ProjectState,
  ResourceKind,
  ResourceState,
} from '@linli/shared'
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'
import { NEED_EVENT_FIELDS, type MatchReason, type NeedEvent, type PageInfo } from '../three-lists/operations.ts'

export type {
  ClaimState,
  MatchReasonCode,
  NeedChannel,
  NeedState,
  NeedUrgency,
  ProjectCadence,
  ProjectMode,
  ProjectState,
  ResourceKind,
  ResourceState,
}
export type { MatchReason, NeedEvent, PageInfo }

// ── Needs ─────────────────────────────────────────────────────────────────────

export interface Need {
  id: string
  communityId: string
  title: string
  description: string | null
  category: string
  gridId: string | null
  urgency: NeedUrgency
  preferredTime: string
  channel: NeedChannel
  state: NeedState
  reason: string | null
  mergedIntoId: string | null
  projectId: string | null
  createdAt: string
  updatedAt: string
  acceptedAt: string | null
  photos: { id: string }[]
  forName: string | null
  contactPhone: string | null
}

export interface NeedDetail extends Need {
  timeline: NeedEvent[]
}

export interface NeedContact {
  needId: string
  name: string
  phone: string | null
  address: string | null
}

export interface NeedFilter {
  states?: NeedState[] | null
  category?: string | null
  gridId?: string | null
  channel?: NeedChannel | null
  search?: string | null
}

export interface RecordedNeedInput {
  title: string
  description: string
  category: string
  gridId?: string | null
  urgency?: NeedUrgency
  preferredTime?: string
  address?: string | null
  channel: Exclude<NeedChannel, 'online'>
  forName?: string | null
  forPhone?: string | null
}

const NEED = `id communityId title description category gridId urgency preferredTime channel state reason
  mergedIntoId projectId createdAt updatedAt acceptedAt photos { id } forName contactPhone`

export const NeedsQuery: TypedDocumentNode<
  { needs: { nodes: Need[]; pageInfo: PageInfo } },
  { communityId: string; filter: NeedFilter; first: number; after: string | null }
> = gql`
  query ListsNeeds($communityId: ID!, $filter: NeedFilter, $first: Int, $after: String) {
    needs(communityId: $communityId, filter: $filter, first: $first, after: $after) {
      nodes { ${NEED} }
      pageInfo { endCursor hasNextPage }
    }
  }
`

export const NeedQuery: TypedDocumentNode<{ need: NeedDetail }, { communityId: string; id: string }> = gql`
  query ListsNeed($communityId: ID!, $id: ID!) {
    need(communityId: $communityId, id: $id) { ${NEED} timeline { ${NEED_EVENT_FIELDS} } }
  }
`

export const NeedContactQuery: TypedDocumentNode<
  { needContact: NeedContact },
  { communityId: string; needId: string }
> = gql`
  query ListsNeedContact($communityId: ID!, $needId: ID!) {
    needContact(communityId: $communityId, needId: $needId) {
      needId
      name
      phone
      address
    }
  }
`

type NeedMove<K extends string, V> = TypedDocumentNode<{ [key in K]: Need }, V>

export const AcceptNeedMutation: NeedMove<'acceptNeed', { communityId: string; id: string }> = gql`
  mutation ListsAcceptNeed($communityId: ID!, $id: ID!) { acceptNeed(communityId: $communityId, id: $id) { ${NEED} } }
`

export const RejectNeedMutation: NeedMove<'rejectNeed', { communityId: string; id: string; reason: string }> = gql`
  mutation ListsRejectNeed($communityId: ID!, $id: ID!, $reason: String!) {
    rejectNeed(communityId: $communityId, id: $id, reason: $reason) { ${NEED} }
  }
`

export const CloseNeedMutation: NeedMove<'closeNeed', { communityId: string; id: string; reason: string }> = gql`
  mutation ListsCloseNeed($communityId: ID!, $id: ID!, $reason: String!) {
    closeNeed(communityId: $communityId, id: $id, reason: $reason) { ${NEED} }
  }
`

export const MergeNeedMutation: NeedMove<'mergeNeed', { communityId: string; needId: string; intoNeedId: string }> =
  gql`
  mutation ListsMergeNeed($communityId: ID!, $needId: ID!, $intoNeedId: ID!) {
    mergeNeed(communityId: $communityId, needId: $needId, intoNeedId: $intoNeedId) { ${NEED} }
  }
`

export const RecordNeedMutation: NeedMove<'recordNeed', { communityId: string; input: RecordedNeedInput }> = gql`
  mutation ListsRecordNeed($communityId: ID!, $input: RecordedNeedInput!) {
    recordNeed(communityId: $communityId, input: $input) { ${NEED} }
  }
`

// ── Matching ──────────────────────────────────────────────────────────────────

export interface SuggestedResource {
  id: string
  title: string
  kind: ResourceKind
  category: string
  unitId: string
  unitName: string
  quantity: number | null
  quantityUnit: string | null
  availability: string
}

export interface ResourceSuggestion {
  resource: SuggestedResource
  score: number
  reasons: MatchReason[]
}

export interface WaitingNeed {
  id: string
  title: string
  category: string
  gridId: string | null
  gridName: string | null
  urgency: NeedUrgency
  acceptedAt: string
  daysWaiting: number
}

export const SuggestedResourcesQuery: TypedDocumentNode<
  { suggestedResources: ResourceSuggestion[] },
  { communityId: string; needId: string; first: number }
> = gql`
  query ListsSuggestedResources($communityId: ID!, $needId: ID!, $first: Int) {
    suggestedResources(communityId: $communityId, needId: $needId, first: $first) {
      resource {
        id
        title
        kind
        category
        unitId
        unitName
        quantity
        quantityUnit
        availability
      }
      score
      reasons {
        code
        weight
        params
      }
    }
  }
`

export const WaitingNeedsQuery: TypedDocumentNode<{ needsWaitingTooLong: WaitingNeed[] }, { communityId: string }> =
  gql`
    query ListsWaitingNeeds($communityId: ID!) {
      needsWaitingTooLong(communityId: $communityId) {
        id
        title
        category
        gridId
        gridName
        urgency
        acceptedAt
        daysWaiting
      }
    }
  `

// ── Resources ─────────────────────────────────────────────────────────────────

export interface Resource {
  id: string
  unit: { id: string; name: string }
  title: string
  description: string
  category: string
  kind: ResourceKind
  quantity: number | null
  quantityUnit: string | null
  availability: string
  availableFrom: string | null
  availableUntil: string | null
  gridIds: string[]
  state: ResourceState
  returnReason: string | null
  createdAt: string
}

export interface ResourceFilter {
  states?: ResourceState[] | null
  category?: string | null
  gridId?: string | null
  search?: string | null
}

const RESOURCE = `id unit { id name } title description category kind quantity quantityUnit availability
  availableFrom availableUntil gridIds state returnReason createdAt`

export const ResourcesQuery: TypedDocumentNode<
  { resources: { nodes: Resource[]; pageInfo: PageInfo } },
  { communityId: string; filter: ResourceFilter; first: number; after: string | null }
> = gql`
  query ListsResources($communityId: ID!, $filter: ResourceFilter, $first: Int, $after: String) {
    resources(communityId: $communityId, filter: $filter, first: $first, after: $after) {
      nodes { ${RESOURCE} }
      pageInfo { endCursor hasNextPage }
    }
  }
`

export const PublishResourceMutation: TypedDocumentNode<
  { publishResource: Resource },
  { communityId: string; id: string }
> = gql`
  mutation ListsPublishResource($communityId: ID!, $id: ID!) {
    publishResource(communityId: $communityId, id: $id) { ${RESOURCE} }
  }
`

export const ReturnResourceMutation: TypedDocumentNode<
  { returnResource: Resource },
  { communityId: string; id: string; reason: string }
> = gql`
  mutation ListsReturnResource($communityId: ID!, $id: ID!, $reason: String!) {
    returnResource(communityId: $communityId, id: $id, reason: $reason) { ${RESOURCE} }
  }
`

export const ExhaustResourceMutation: TypedDocumentNode<
  { markResourceExhausted: Resource },
  { communityId: string; id: string }
> = gql`
  mutation ListsExhaustResource($communityId: ID!, $id: ID!) {
    markResourceExhausted(communityId: $communityId, id: $id) { ${RESOURCE} }
  }
`

// ── Projects and claims ───────────────────────────────────────────────────────

export interface ProjectClaim {
  id: string
  unit: { id: string; name: string }
  state: ClaimState
  volunteers: number
  createdAt: string
  lead: boolean
}

export interface Project {
  id: string
  title: string
  description: string
  category: string
  mode: ProjectMode
  cadence: ProjectCadence
  routineUntil: string | null
  capacity: number
  taken: number
  volunteerDemand: number
  startsAt: string | null
  endsAt: string | null
  schedule: string
  state: ProjectState
  cancelReason: string | null
  publishedAt: string | null
  createdAt: string
  claims: ProjectClaim[]
  needs: { id: string; title: string; category: string; state: NeedState; gridId: string | null }[]
  suggestedResources: { id: string; title: string; kind: ResourceKind; state: ResourceState; unitName: string }[]
}

export interface ProjectFilter {
  states?: ProjectState[] | null
  category?: string | null
  search?: string | null
}

export interface ProjectInput {
  title: string
  description: string
  category: string
  mode: ProjectMode
  cadence: ProjectCadence
  routineUntil: string | null
  capacity: number
  volunteerDemand: number
  startsAt: string | null
  endsAt: string | null
  schedule: string
  needIds: string[]
  resourceIds: string[]
}

const PROJECT = `id title description category mode cadence routineUntil capacity taken volunteerDemand startsAt
  endsAt schedule state cancelReason publishedAt createdAt
  claims { id unit { id name } state volunteers createdAt lead }
  needs { id title category state gridId }
  suggestedResources { id title kind state unitName }`

export const ProjectsQuery: TypedDocumentNode<
  { projects: { nodes: Project[]; pageInfo: PageInfo; totalCount: number | null } },
  { communityId: string; filter: ProjectFilter; first: number; after: string | null }
> = gql`
  query ListsProjects($communityId: ID!, $filter: ProjectFilter, $first: Int, $after: String) {
    projects(communityId: $communityId, filter: $filter, first: $first, after: $after) {
      nodes { ${PROJECT} }
      pageInfo { endCursor hasNextPage }
      totalCount
    }
  }
`

export const ProjectQuery: TypedDocumentNode<{ project: Project }, { communityId: string; id: string }> = gql`
  query ListsProject($communityId: ID!, $id: ID!) { project(communityId: $communityId, id: $id) { ${PROJECT} } }
`

export const CreateProjectMutation: TypedDocumentNode<
  { createProject: Project },
  { communityId: string; input: ProjectInput }
> = gql`
  mutation ListsCreateProject($communityId: ID!, $input: ProjectInput!) {
    createProject(communityId: $communityId, input: $input) { ${PROJECT} }
  }
`

export const UpdateProjectMutation: TypedDocumentNode<
  { updateProject: Project },
  { communityId: string; id: string; input: ProjectInput }
> = gql`
  mutation ListsUpdateProject($communityId: ID!, $id: ID!, $input: ProjectInput!) {
    updateProject(communityId: $communityId, id: $id, input: $input) { ${PROJECT} }
  }
`

export const PublishProjectMutation: TypedDocumentNode<
  { publishProject: Project },
  { communityId: string; id: string }
> = gql`
  mutation ListsPublishProject($communityId: ID!, $id: ID!) {
    publishProject(communityId: $communityId, id: $id) { ${PROJECT} }
  }
`

export const StartProjectMutation: TypedDocumentNode<{ startProject: Project }, { communityId: string; id: string }> =
  gql`
  mutation ListsStartProject($communityId: ID!, $id: ID!) {
    startProject(communityId: $communityId, id: $id) { ${PROJECT} }
  }
`

export const CancelProjectMutation: TypedDocumentNode<
  { cancelProject: Project },
  { communityId: string; id: string; reason: string }
> = gql`
  mutation ListsCancelProject($communityId: ID!, $id: ID!, $reason: String!) {
    cancelProject(communityId: $communityId, id: $id, reason: $reason) { ${PROJECT} }
  }
`

export const ApproveClaimMutation: TypedDocumentNode<
  { approveClaim: { id: string; state: ClaimState } },
  { communityId: string; id: string }
> = gql`
  mutation ListsApproveClaim($communityId: ID!, $id: ID!) {
    approveClaim(communityId: $communityId, id: $id) {
      id
      state
    }
  }
`

export const RejectClaimMutation: TypedDocumentNode<
  { rejectClaim: { id: string; state: ClaimState } },
  { communityId: string; id: string; reason: string }
> = gql`
  mutation ListsRejectClaim($communityId: ID!, $id: ID!, $reason: String!) {
    rejectClaim(communityId: $communityId, id: $id, reason: $reason) {
      id
      state
    }
  }
`

// ── Community context (grids; categories come from the shared categories store) ─────

export const ListsContextQuery: TypedDocumentNode<
  { administeredPlaces: { id: string; kind: string; name: string; parentId: string | null }[] },
  Record<string, never>
> = gql`
  query ListsContext {
    administeredPlaces {
      id
      kind
      name
      parentId
    }
  }
`
