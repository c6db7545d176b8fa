import type { RankingsPage } from '../../features/rankings/access.ts'
import type { AgeBucket } from '../../features/rankings/format.ts'
import type { RankingKind, RankingPeriodKind } from '../../features/rankings/operations.ts'

/**
 * 排行榜 and 数据看板 in every locale. A page, a ranking, a period kind or an age bucket added
 * without its words fails the typecheck. (Need states come from `terms.needStates`; the formulas
 * are the server's text.)
 */
export interface RankingsMessages {
  nav: Record<RankingsPage, string>
  titles: Record<RankingsPage, string>
  noScope: string
  scopeKinds: { community: string; street: string; district: string }
  rankings: {
    intro: string
    tabs: Record<RankingKind, string>
    period: string
    periods: Record<RankingPeriodKind, string>
    month: string
    year: string
    formula: string
    empty: string
    masked: string
    columns: {
      rank: string
      name: string
      hours: string
      unit: string
      score: string
      claims: string
      volunteers: string
      peopleServed: string
      averageRating: string
      resources: string
      team: string
      owner: string
      membersServed: string
      members: string
      index: string
      dualReport: string
      led: string
      noShows: string
    }
    yes: string
    no: string
  }
  dashboard: {
    intro: string
    from: string
    to: string
    load: string
    rangeInvalid: string
    kpis: {
      matchRate: string
      matchRateHint: string
      medianHours: string
      medianHoursHint: string
      totalHours: string
      pointsIssued: string
      pointsRedeemed: string
      hoursUnit: string
    }
    charts: {
      needsByState: string
      openNeedsByAge: string
      hoursByMonth: string
      points: string
      topCategories: string
      issued: string
      redeemed: string
      hours: string
      noData: string
      summary: string
    }
    ages: Record<AgeBucket, string>
  }
}
