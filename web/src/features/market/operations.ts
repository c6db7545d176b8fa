/** The unit admin's list operations (projects, claims, resources, matching SDL), typed by hand. */
import type { ClaimState, ProjectCadence, ProjectMode, ProjectState, ResourceKind, ResourceState } from '@linli/shared'
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'
import type { MatchReason, PageInfo } from '../three-lists/operations.ts'

export type { MatchReason, PageInfo }

export interface MarketProject {
  id: string
  communityId: string
  communityName: string
  title: string
  description: string
  category: string
  mode: ProjectMode
  cadence: ProjectCadence
  capacity: number
  taken: number
  volunteerDemand: number
  startsAt: string | null
  endsAt: string | null
  schedule: string
  state: ProjectState
  claims: { id: string; unit: { id: string; name: string }; state: ClaimState; lead: boolean }[]
  needs: { id: string; title: string; state: string }[]
}

export interface ProjectFilterVars {
  states?: ProjectState[] | null
  category?: string | null
  search?: string | null
}

const PROJECT = `id communityId communityName title description category mode cadence capacity taken volunteerDemand
  startsAt endsAt schedule state
  claims { id unit { id name } state lead }
  needs { id title state }`

export const MarketQuery: TypedDocumentNode<
  { projectMarket: { nodes: MarketProject[]; pageInfo: PageInfo; totalCount: number | null } },
  { unitId: string; filter: ProjectFilterVars | null; first: number; after: string | null }
> = gql`
  query ProjectMarket($unitId: ID!, $filter: ProjectFilter, $first: Int, $after: String) {
    projectMarket(unitId: $unitId, filter: $filter, first: $first, after: $after) {
      nodes { ${PROJECT} }
      pageInfo { endCursor hasNextPage }
      totalCount
    }
  }
`

export interface ProjectSuggestion {
  project: {
    id: string
    communityId: string
    communityName: string
    title: string
    category: string
    mode: string
    capacity: number
    taken: number
    volunteerDemand: number
    startsAt: string | null
    endsAt: string | null
  }
  score: number
  reasons: MatchReason[]
}

export const SuggestedProjectsQuery: TypedDocumentNode<
  { suggestedProjects: ProjectSuggestion[] },
  { unitId: string; first: number }
> = gql`
  query SuggestedProjects($unitId: ID!, $first: Int) {
    suggestedProjects(unitId: $unitId, first: $first) {
      project {
        id
        communityId
        communityName
        title
        category
        mode
        capacity
        taken
        volunteerDemand
        startsAt
        endsAt
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

export interface Claim {
  id: string
  communityId: string
  projectId: string
  state: ClaimState
  volunteers: number
  note: string
  reason: string | null
  createdAt: string
  endedAt: string | null
  lead: boolean
  project: {
    id: string
    title: string
    state: ProjectState
    mode: ProjectMode
    capacity: number
    taken: number
    startsAt: string | null
    communityName: string
  }
}

const CLAIM = `id communityId projectId state volunteers note reason createdAt endedAt lead
  project { id title state mode capacity taken startsAt communityName }`

/** What the 点单 dialog needs to know of the project. */
export interface ClaimTarget {
  id: string
  communityId: string
  communityName: string
  title: string
}

export interface ClaimInputVars {
  projectId: string
  unitId: string
  resourceIds: string[]
  volunteers: number
  note: string
}

export const ClaimProjectMutation: TypedDocumentNode<
  { claimProject: Claim },
  { input: ClaimInputVars; idempotencyKey: string }
> = gql`
  mutation ClaimProject($input: ClaimInput!, $idempotencyKey: String) {
    claimProject(input: $input, idempotencyKey: $idempotencyKey) { ${CLAIM} }
  }
`

export const WithdrawClaimMutation: TypedDocumentNode<
  { withdrawClaim: Claim },
  { communityId: string; id: string; idempotencyKey: string }
> = gql`
  mutation WithdrawClaim($communityId: ID!, $id: ID!, $idempotencyKey: String) {
    withdrawClaim(communityId: $communityId, id: $id, idempotencyKey: $idempotencyKey) { ${CLAIM} }
  }
`

export const UnitClaimsQuery: TypedDocumentNode<
  { unitClaims: { nodes: Claim[]; pageInfo: PageInfo } },
  { unitId: string; first: number; after: string | null }
> = gql`
  query UnitClaims($unitId: ID!, $first: Int, $after: String) {
    unitClaims(unitId: $unitId, first: $first, after: $after) {
      nodes { ${CLAIM} }
      pageInfo { endCursor hasNextPage }
    }
  }
`

export interface Resource {
  id: string
  communityId: string
  unitId: string
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
  updatedAt: string
}

const RESOURCE = `id communityId unitId title description category kind quantity quantityUnit availability
  availableFrom availableUntil gridIds state returnReason createdAt updatedAt`

export interface ResourceInputVars {
  title: string
  description: string
  category: string
  kind: ResourceKind
  quantity?: number | null
  quantityUnit?: string | null
  availability: string
  availableFrom?: string | null
  availableUntil?: string | null
  gridIds: string[]
}

export const UnitResourcesQuery: TypedDocumentNode<
  { unitResources: { nodes: Resource[]; pageInfo: PageInfo } },
  { unitId: string; states: ResourceState[] | null; first: number; after: string | null }
> = gql`
  query UnitResources($unitId: ID!, $states: [ResourceState!], $first: Int, $after: String) {
    unitResources(unitId: $unitId, filter: { states: $states }, first: $first, after: $after) {
      nodes { ${RESOURCE} }
      pageInfo { endCursor hasNextPage }
    }
  }
`

export const OfferResourceMutation: TypedDocumentNode<
  { offerResource: Resource },
  { communityId: string; unitId: string; input: ResourceInputVars }
> = gql`
  mutation OfferResource($communityId: ID!, $unitId: ID!, $input: ResourceInput!) {
    offerResource(communityId: $communityId, unitId: $unitId, input: $input) { ${RESOURCE} }
  }
`

export const UpdateResourceMutation: TypedDocumentNode<
  { updateResource: Resource },
  { communityId: string; id: string; input: ResourceInputVars }
> = gql`
  mutation UpdateResource($communityId: ID!, $id: ID!, $input: ResourceInput!) {
    updateResource(communityId: $communityId, id: $id, input: $input) { ${RESOURCE} }
  }
`

export const WithdrawResourceMutation: TypedDocumentNode<
  { withdrawResource: Resource },
  { communityId: string; id: string }
> = gql`
  mutation WithdrawResource($communityId: ID!, $id: ID!) {
    withdrawResource(communityId: $communityId, id: $id) { ${RESOURCE} }
  }
`
