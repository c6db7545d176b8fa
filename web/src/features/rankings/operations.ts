/**
 * The rankings operations (server/src/features/rankings/rankings.graphql), typed by hand: the four
 * rankings of a place and period, each with the formula it shows, and the dashboard of a community
 * or street for months from–to.
 */
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'
import type { RankingScopeKind } from './access.ts'

export interface RankingScopeVars {
  kind: RankingScopeKind
  id: string
}

export type RankingPeriodKind = 'month' | 'year' | 'all'

export interface RankingPeriodVars {
  kind: RankingPeriodKind
  value: string | null
}

export interface VolunteerRank {
  rank: number
  volunteerId: string
  name: string
  minutes: number
  hours: number
}

export interface UnitRank {
  rank: number
  unitId: string
  unitName: string
  score: number
  claims: number
  volunteers: number
  hours: number
  peopleServed: number
  averageRating: number | null
  resources: number
}

export interface TeamRank {
  rank: number
  teamId: string
  teamName: string
  ownerName: string
  hours: number
  membersServed: number
  members: number
}

export interface PioneerRank {
  rank: number
  volunteerId: string
  name: string
  index: number
  hours: number
  dualReport: boolean
  led: number
  noShows: number
}

export interface Ranking<Row> {
  formula: string
  rows: Row[]
}

export const RANKING_KINDS = ['volunteer', 'unit', 'team', 'pioneer'] as const
export type RankingKind = (typeof RANKING_KINDS)[number]

export interface RankRows {
  volunteer: VolunteerRank
  unit: UnitRank
  team: TeamRank
  pioneer: PioneerRank
}

const FIELDS: Record<RankingKind, string> = {
  volunteer: 'rank volunteerId name minutes hours',
  unit: 'rank unitId unitName score claims volunteers hours peopleServed averageRating resources',
  team: 'rank teamId teamName ownerName hours membersServed members',
  pioneer: 'rank volunteerId name index hours dualReport led noShows',
}

type RankingVars = { scope: RankingScopeVars; period: RankingPeriodVars; first: number }

/** A row of any ranking (the page reads it as its tab's kind). */
export type AnyRank = RankRows[RankingKind]

export type RankingQuery = TypedDocumentNode<{ ranking: Ranking<AnyRank> }, RankingVars>

function rankingQuery(kind: RankingKind): RankingQuery {
  const name = `${kind[0]!.toUpperCase()}${kind.slice(1)}Ranking`
  return gql`
    query ${name}($scope: RankingScope!, $period: RankingPeriodInput!, $first: Int) {
      ranking: ${kind}Ranking(scope: $scope, period: $period, first: $first) { formula rows { ${FIELDS[kind]} } }
    }
  `
}

export const RANKING_QUERIES: Record<RankingKind, RankingQuery> = {
  volunteer: rankingQuery('volunteer'),
  unit: rankingQuery('unit'),
  team: rankingQuery('team'),
  pioneer: rankingQuery('pioneer'),
}

export interface CountByKey {
  key: string
  count: number
}

export interface MonthValue {
  month: string
  value: number
}

export interface Dashboard {
  needsByState: CountByKey[]
  openNeedsByAge: CountByKey[]
  matchRate: number | null
  medianHoursToService: number | null
  hoursByMonth: MonthValue[]
  pointsIssuedByMonth: MonthValue[]
  pointsRedeemedByMonth: MonthValue[]
  topCategories: CountByKey[]
}

export const DashboardQuery: TypedDocumentNode<
  { dashboard: Dashboard },
  { scope: RankingScopeVars; from: string; to: string }
> = gql`
  query Dashboard($scope: RankingScope!, $from: String!, $to: String!) {
    dashboard(scope: $scope, from: $from, to: $to) {
      needsByState {
        key
        count
      }
      openNeedsByAge {
        key
        count
      }
      matchRate
      medianHoursToService
      hoursByMonth {
        month
        value
      }
      pointsIssuedByMonth {
        month
        value
      }
      pointsRedeemedByMonth {
        month
        value
      }
      topCategories {
        key
        count
      }
    }
  }
`

/** The server's clock, for defaults that depend on today (this month, this year, the last six months). */
export const RankingsServerTimeQuery: TypedDocumentNode<{ serverTime: string }, Record<string, never>> = gql`
  query RankingsServerTime {
    serverTime
  }
`
