/**
 * 志愿者名册's operation (server/src/features/volunteers/volunteers.graphql), typed by hand: a
 * page of the community's volunteers by offset with the total, and its Excel export.
 */
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'

/** A volunteer of the community as its staff see them (phone masked). */
export interface CommunityVolunteer {
  userId: string
  realName: string
  phone: string
  volunteerNumber: string
  isPartyMember: boolean
  realNameVerified: boolean
  gridName: string | null
  /** The community's 志愿服务队 they belong to. */
  teams: string[]
  /** Approved service in the community, all time. */
  minutes: number
  registeredAt: string
}

export interface CommunityVolunteerPage {
  /** Volunteers matching the search, on every page. */
  total: number
  nodes: CommunityVolunteer[]
}

export interface CommunityVolunteersVars {
  communityId: string
  search: string | null
  first: number
  offset: number
}

/** By approved hours in the community, then name; `search` is part of a name or a whole phone. */
export const CommunityVolunteersQuery: TypedDocumentNode<
  { communityVolunteers: CommunityVolunteerPage },
  CommunityVolunteersVars
> = gql`
  query CommunityVolunteers($communityId: ID!, $search: String, $first: Int, $offset: Int) {
    communityVolunteers(communityId: $communityId, search: $search, first: $first, offset: $offset) {
      total
      nodes {
        userId
        realName
        phone
        volunteerNumber
        isPartyMember
        realNameVerified
        gridName
        teams
        minutes
        registeredAt
      }
    }
  }
`

/** The same list (every page, the search on screen) as an .xlsx: GET with the bearer token. */
export const VOLUNTEERS_EXPORT_PATH = '/exports/volunteers.xlsx'

/** Hours with at most one decimal, as the export writes them (90 minutes → 1.5). */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10
}
