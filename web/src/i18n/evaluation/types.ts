import type { EvaluationPage } from '../../features/evaluation/access.ts'
import type { ChainAction } from '../../features/evaluation/format.ts'
import type { CompletionReportKind } from '../../features/evaluation/operations.ts'

/**
 * Closing the loop in every locale: 晒单 (the unit admin's report dialog), 评单 (the resident's
 * 我的评单 on the phone, the grid worker's 代居民评价 on the console), staff's 评价审核 and a
 * project's 评价 section, and the 追溯链 on both faces. A report kind or a chain action added
 * without its words fails the typecheck. Review states are in `terms.reviewStates`.
 */
export interface EvaluationMessages {
  titles: { ratings: string; needChain: string; reviews: string; consoleRatings: string; chain: string }
  nav: Record<EvaluationPage, string> & { myRatings: string; myRatingsHint: string; waiting: string }
  reportKinds: Record<CompletionReportKind, string>
  common: {
    noScope: string
    peopleServed: string
    /** {n} people served. */
    peopleServedN: string
    /** {name} at {time}. */
    byAt: string
    hiddenReason: string
    photoAlt: string
    photoFailed: string
    /** The need a rating rates: {title}. */
    needLine: string
    noComment: string
    recordedForResident: string
    /** {n} stars, for a score read aloud. */
    stars: string
    loading: string
  }
  report: {
    action: string
    waitLead: string
    waitLeadHint: string
    title: string
    leadNotice: string
    unitNotice: string
    summary: string
    summaryPlaceholder: string
    peopleServed: string
    photos: string
    photosHint: string
    addPhotos: string
    removePhoto: string
    consent: string
    submitLead: string
    submit: string
    submitted: string
    completed: string
    alreadyReported: string
    mine: string
    close: string
  }
  rating: {
    intro: string
    introGrid: string
    project: string
    forName: string
    closesAt: string
    daysLeft: string
    scoreLabel: string
    scoreWords: Record<'1' | '2' | '3' | '4' | '5', string>
    chooseScore: string
    comment: string
    commentPlaceholder: string
    submit: string
    submitted: string
    ratedNote: string
    empty: string
    emptyGrid: string
  }
  reviews: {
    intro: string
    reports: string
    ratings: string
    emptyReports: string
    emptyRatings: string
    publish: string
    hide: string
    hideReportTitle: string
    hideRatingTitle: string
    hideReportHint: string
    hideRatingHint: string
    reasonPlaceholder: string
    published: string
    hidden: string
    project: string
    unit: string
    need: string
    rater: string
    score: string
    comment: string
    createdAt: string
    actions: string
    reload: string
  }
  section: {
    title: string
    state: string
    completedAt: string
    completionNote: string
    ratingClosesAt: string
    evaluatedAt: string
    average: string
    ratingCount: string
    needs: string
    needsRated: string
    bonus: string
    bonusGiven: string
    bonusNone: string
    reports: string
    ratings: string
    noReports: string
    noRatings: string
    notYet: string
    complete: string
    completeTitle: string
    completeHint: string
    note: string
    notePlaceholder: string
    noteRequired: string
    completed: string
    evaluate: string
    evaluateConfirm: string
    evaluated: string
    chain: string
    claimsDone: string
  }
  chain: {
    intro: string
    back: string
    links: Record<'needs' | 'claims' | 'activities' | 'reports' | 'ratings', string>
    lead: string
    none: string
    noNeeds: string
    totals: string
    volunteersN: string
    /** The five-star bonus: {n} volunteers given it. */
    bonusN: string
    approved: string
    timeline: string
    noEvents: string
    actions: Record<ChainAction, string>
    unknownAction: string
    needNone: string
    needNoneHint: string
    needIntro: string
    needEntry: string
    rateEntry: string
    rateEntryHint: string
  }
}
