/**
 * What the three lists' pages read alike — the staff console (features/lists), the resident's
 * phone (features/needs) and the unit admin's console (features/market): a page's cursor, a
 * need's timeline step, a match reason, and a community's categories.
 */
import type { MatchReasonCode, NeedState } from '@linli/shared'
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'

export interface PageInfo {
  endCursor: string | null
  hasNextPage: boolean
}

/** A step of a need's timeline; `detail` holds a reason, the need merged into, a project or unit title… */
export interface NeedEvent {
  id: string
  action: string
  fromState: NeedState | null
  toState: NeedState | null
  detail: Record<string, unknown>
  at: string
  actorName: string | null
  actorRole: string
}

export const NEED_EVENT_FIELDS = 'id action fromState toState detail at actorName actorRole'

export interface MatchReason {
  code: MatchReasonCode
  weight: number
  params: Record<string, unknown> | null
}

/** A service category of a community (红色教育, or its own, e.g. 助老服务), with its points coefficient. */
export interface CommunityCategory {
  code: string
  name: string
  nameEn: string | null
  coefficient: number
}

export const CommunityCategoriesQuery: TypedDocumentNode<
  { communityCategories: CommunityCategory[] },
  { communityId: string }
> = gql`
  query CommunityCategories($communityId: ID!) {
    communityCategories(communityId: $communityId) {
      code
      name
      nameEn
      coefficient
    }
  }
`
