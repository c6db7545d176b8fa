/** The resident's need operations (needs SDL), typed by hand. */
import type { NeedChannel, NeedState, NeedUrgency } from '@linli/shared'
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'
import { NEED_EVENT_FIELDS, type NeedEvent, type PageInfo } from '../three-lists/operations.ts'

export type { NeedChannel, NeedEvent, NeedState, NeedUrgency }

export interface NeedSummary {
  id: string
  communityId: string
  title: string
  category: string
  urgency: NeedUrgency
  state: NeedState
  createdAt: string
  photos: { id: string }[]
}

export interface Need extends NeedSummary {
  description: string | null
  gridId: string | null
  preferredTime: string
  channel: NeedChannel
  reason: string | null
  projectId: string | null
  updatedAt: string
  timeline: NeedEvent[]
}

/** What the form sends (the shared `needInputSchema`'s output). */
export interface NeedInputVars {
  title: string
  description: string
  category: string
  gridId?: string | null
  urgency: NeedUrgency
  preferredTime: string
  photoIds: string[]
  address?: string | null
}

const SUMMARY = 'id communityId title category urgency state createdAt photos { id }'
const FULL = `${SUMMARY} description gridId preferredTime channel reason projectId updatedAt timeline { ${NEED_EVENT_FIELDS} }`

export interface NeedPage {
  nodes: NeedSummary[]
  pageInfo: PageInfo
}

export const MyNeedsQuery: TypedDocumentNode<{ myNeeds: NeedPage }, { first: number; after: string | null }> = gql`
  query MyNeeds($first: Int, $after: String) {
    myNeeds(first: $first, after: $after) {
      nodes { ${SUMMARY} }
      pageInfo { endCursor hasNextPage }
    }
  }
`

export const NeedQuery: TypedDocumentNode<{ need: Need }, { communityId: string; id: string }> = gql`
  query Need($communityId: ID!, $id: ID!) {
    need(communityId: $communityId, id: $id) { ${FULL} }
  }
`

export const SubmitNeedMutation: TypedDocumentNode<
  { submitNeed: Need },
  { communityId: string; input: NeedInputVars }
> = gql`
  mutation SubmitNeed($communityId: ID!, $input: NeedInput!) {
    submitNeed(communityId: $communityId, input: $input) { ${FULL} }
  }
`

export const UpdateNeedMutation: TypedDocumentNode<
  { updateNeed: Need },
  { communityId: string; id: string; input: NeedInputVars }
> = gql`
  mutation UpdateNeed($communityId: ID!, $id: ID!, $input: NeedInput!) {
    updateNeed(communityId: $communityId, id: $id, input: $input) { ${FULL} }
  }
`

export const WithdrawNeedMutation: TypedDocumentNode<{ withdrawNeed: Need }, { communityId: string; id: string }> = gql`
  mutation WithdrawNeed($communityId: ID!, $id: ID!) {
    withdrawNeed(communityId: $communityId, id: $id) { ${FULL} }
  }
`
