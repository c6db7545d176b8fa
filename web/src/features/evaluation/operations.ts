/**
 * Closing the loop (server/src/features/evaluation/evaluation.graphql), typed by hand: 晒单 (a
 * claiming unit's completion report), 评单 (a served resident's rating), staff review of both, a
 * project's evaluation and the traceable chain (追溯链) of a project or of a need.
 */
import type {
  ActivityState,
  ClaimState,
  CompletionReportKind,
  NeedState,
  ProjectState,
  ReviewState,
} from '@linli/shared'
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'

export type { CompletionReportKind, ReviewState }

/** 晒单: photos at GET /files/{id}. */
export interface CompletionReport {
  id: string
  communityId: string
  projectId: string
  projectTitle: string
  kind: CompletionReportKind
  unitId: string | null
  unitName: string | null
  authorName: string
  summary: string
  peopleServed: number
  photoIds: string[]
  photoConsent: boolean
  reviewState: ReviewState
  /** To staff and the author only. */
  hiddenReason: string | null
  reviewedAt: string | null
  createdAt: string
}

export const REPORT = `id communityId projectId projectTitle kind unitId unitName authorName summary peopleServed
  photoIds photoConsent reviewState hiddenReason reviewedAt createdAt`

/** 评单. */
export interface Rating {
  id: string
  communityId: string
  projectId: string
  projectTitle: string
  needId: string | null
  needTitle: string | null
  /** Masked (李*强) to everyone but staff and the rater. */
  raterName: string
  recordedForResident: boolean
  score: number
  /** Empty when hidden (to all but staff and the rater). */
  comment: string
  reviewState: ReviewState
  hiddenReason: string | null
  createdAt: string
}

export const RATING = `id communityId projectId projectTitle needId needTitle raterName recordedForResident score comment
  reviewState hiddenReason createdAt`

/** A need the viewer may rate now (theirs, or one they record for as the grid worker). */
export interface RatableNeed {
  communityId: string
  needId: string
  needTitle: string
  projectId: string
  projectTitle: string
  /** Whom it served (masked for a grid worker). */
  forName: string
  completedAt: string
  closesAt: string
}

const RATABLE = 'communityId needId needTitle projectId projectTitle forName completedAt closesAt'

export interface ProjectEvaluation {
  projectId: string
  state: ProjectState
  completedAt: string | null
  completionNote: string | null
  evaluatedAt: string | null
  ratingClosesAt: string | null
  reports: CompletionReport[]
  ratings: Rating[]
  averageScore: number | null
  ratingCount: number
  servedNeeds: number
  ratedNeeds: number
  bonusVolunteers: number
}

const EVALUATION = `projectId state completedAt completionNote evaluatedAt ratingClosesAt
  reports { ${REPORT} } ratings { ${RATING} } averageScore ratingCount servedNeeds ratedNeeds bonusVolunteers`

/** One link of the chain: who did what, when. */
export interface ChainEvent {
  at: string
  action: string
  actor: string | null
  subject: string | null
  refId: string | null
}

export interface ChainNeed {
  id: string
  title: string
  state: NeedState
  createdAt: string
}

export interface ChainClaim {
  id: string
  unitId: string
  unitName: string
  state: ClaimState
  lead: boolean
  createdAt: string
}

export interface ChainActivity {
  id: string
  title: string
  startsAt: string
  endsAt: string
  state: ActivityState
  approvedMinutes: number
  volunteers: number
}

export interface ProjectChain {
  projectId: string
  projectTitle: string
  projectState: ProjectState
  needs: ChainNeed[]
  claims: ChainClaim[]
  activities: ChainActivity[]
  approvedMinutes: number
  volunteers: number
  reports: CompletionReport[]
  ratings: Rating[]
  events: ChainEvent[]
}

const CHAIN = `projectId projectTitle projectState
  needs { id title state createdAt }
  claims { id unitId unitName state lead createdAt }
  activities { id title startsAt endsAt state approvedMinutes volunteers }
  approvedMinutes volunteers
  reports { ${REPORT} } ratings { ${RATING} }
  events { at action actor subject refId }`

export interface CompletionReportVars {
  summary: string
  peopleServed: number
  photoIds: string[]
  photoConsent: boolean
}

export interface RatingVars {
  needId: string | null
  score: number
  comment: string
}

// Queries

export const ProjectEvaluationQuery: TypedDocumentNode<
  { projectEvaluation: ProjectEvaluation },
  { communityId: string; projectId: string }
> = gql`
  query ProjectEvaluation($communityId: ID!, $projectId: ID!) {
    projectEvaluation(communityId: $communityId, projectId: $projectId) { ${EVALUATION} }
  }
`

export const RatableNeedsQuery: TypedDocumentNode<{ ratableNeeds: RatableNeed[] }, Record<string, never>> = gql`
  query RatableNeeds {
    ratableNeeds { ${RATABLE} }
  }
`

export const PendingReviewsQuery: TypedDocumentNode<
  { pendingReviews: { reports: CompletionReport[]; ratings: Rating[] } },
  { communityId: string }
> = gql`
  query PendingReviews($communityId: ID!) {
    pendingReviews(communityId: $communityId) {
      reports { ${REPORT} }
      ratings { ${RATING} }
    }
  }
`

export const ProjectChainQuery: TypedDocumentNode<
  { projectChain: ProjectChain },
  { communityId: string; projectId: string }
> = gql`
  query ProjectChain($communityId: ID!, $projectId: ID!) {
    projectChain(communityId: $communityId, projectId: $projectId) { ${CHAIN} }
  }
`

export const NeedChainQuery: TypedDocumentNode<
  { needChain: ProjectChain | null },
  { communityId: string; needId: string }
> = gql`
  query NeedChain($communityId: ID!, $needId: ID!) {
    needChain(communityId: $communityId, needId: $needId) { ${CHAIN} }
  }
`

// Mutations

export const SubmitCompletionReportMutation: TypedDocumentNode<
  { submitCompletionReport: CompletionReport },
  { communityId: string; projectId: string; input: CompletionReportVars }
> = gql`
  mutation SubmitCompletionReport($communityId: ID!, $projectId: ID!, $input: CompletionReportInput!) {
    submitCompletionReport(communityId: $communityId, projectId: $projectId, input: $input) { ${REPORT} }
  }
`

export const CompleteProjectMutation: TypedDocumentNode<
  { completeProject: ProjectEvaluation },
  { communityId: string; projectId: string; note: string }
> = gql`
  mutation CompleteProject($communityId: ID!, $projectId: ID!, $note: String!) {
    completeProject(communityId: $communityId, projectId: $projectId, note: $note) { ${EVALUATION} }
  }
`

export const RateProjectMutation: TypedDocumentNode<
  { rateProject: Rating },
  { communityId: string; projectId: string; input: RatingVars }
> = gql`
  mutation RateProject($communityId: ID!, $projectId: ID!, $input: RatingInput!) {
    rateProject(communityId: $communityId, projectId: $projectId, input: $input) { ${RATING} }
  }
`

export const ReviewCompletionReportMutation: TypedDocumentNode<
  { reviewCompletionReport: CompletionReport },
  { communityId: string; id: string; publish: boolean; reason: string | null }
> = gql`
  mutation ReviewCompletionReport($communityId: ID!, $id: ID!, $publish: Boolean!, $reason: String) {
    reviewCompletionReport(communityId: $communityId, id: $id, publish: $publish, reason: $reason) { ${REPORT} }
  }
`

export const ReviewRatingMutation: TypedDocumentNode<
  { reviewRating: Rating },
  { communityId: string; id: string; publish: boolean; reason: string | null }
> = gql`
  mutation ReviewRating($communityId: ID!, $id: ID!, $publish: Boolean!, $reason: String) {
    reviewRating(communityId: $communityId, id: $id, publish: $publish, reason: $reason) { ${RATING} }
  }
`

export const EvaluateProjectMutation: TypedDocumentNode<
  { evaluateProject: ProjectEvaluation },
  { communityId: string; projectId: string }
> = gql`
  mutation EvaluateProject($communityId: ID!, $projectId: ID!) {
    evaluateProject(communityId: $communityId, projectId: $projectId) { ${EVALUATION} }
  }
`
