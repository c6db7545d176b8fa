/**
 * The points operations (server/src/features/points/points.graphql), typed by hand: wallets and
 * statements, the store (积分超市), redemptions and 核销, adjustments and the monthly report. The
 * selections are shared by the phone pages and the console.
 */
import type { PostingKind, RedemptionState } from '@linli/shared'
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'

export type { PostingKind, RedemptionState }
export type RedemptionCancelReason = 'volunteer' | 'expired' | 'staff'

export interface PointsPageInfo {
  endCursor: string | null
  hasNextPage: boolean
}

/** A volunteer's points in one community. */
export interface PointsWallet {
  communityId: string
  communityName: string
  balance: number
  owed: number
  reserved: number
  expiringPoints: number
  expiringAt: string | null
}

export const WALLET = 'communityId communityName balance owed reserved expiringPoints expiringAt'

/** One line of a statement: one posting that concerned the volunteer. */
export interface PointsStatementLine {
  id: string
  kind: PostingKind
  amount: number
  owedChange: number
  balanceAfter: number
  owedAfter: number
  subject: string | null
  reason: string | null
  batchExpiresAt: string | null
  expiresAt: string | null
  createdAt: string
}

export const STATEMENT_LINE = `id kind amount owedChange balanceAfter owedAfter subject reason batchExpiresAt expiresAt
  createdAt`

export interface PointsStatement {
  wallet: PointsWallet
  lines: PointsStatementLine[]
  pageInfo: PointsPageInfo
}

const STATEMENT = `wallet { ${WALLET} } lines { ${STATEMENT_LINE} } pageInfo { endCursor hasNextPage }`

/** A person with points in a community, as staff see them (phone masked). */
export interface PointsHolder {
  volunteerId: string
  realName: string
  phone: string
  balance: number
  owed: number
  reserved: number
}

const HOLDER = 'volunteerId realName phone balance owed reserved'

export interface Reward {
  id: string
  communityId: string
  name: string
  description: string
  price: number
  stock: number
  perPersonLimit: number | null
  sponsor: { id: string; name: string } | null
  pictureId: string | null
  onSale: boolean
  myRedemptionCount: number
  createdAt: string
  updatedAt: string
}

export const REWARD = `id communityId name description price stock perPersonLimit sponsor { id name } pictureId onSale
  myRedemptionCount createdAt updatedAt`

export interface Redemption {
  id: string
  communityId: string
  communityName: string
  rewardId: string
  rewardName: string
  rewardPictureId: string | null
  price: number
  state: RedemptionState
  /** 8 digits, to the volunteer only, while reserved. */
  code: string | null
  /** The code as a QR (PNG data URL), to the volunteer only, while reserved. */
  qrPng: string | null
  volunteer: { id: string; realName: string; phone: string }
  reservedAt: string
  pickUpBy: string
  fulfilledAt: string | null
  cancelledAt: string | null
  cancelReason: RedemptionCancelReason | null
}

/** Every field but the code and its QR: what staff see, and every list that needs no code. */
export const REDEMPTION = `id communityId communityName rewardId rewardName rewardPictureId price state
  volunteer { id realName phone } reservedAt pickUpBy fulfilledAt cancelledAt cancelReason`

/** The volunteer's own redemptions, with the code and its QR while reserved. */
const MY_REDEMPTION = `${REDEMPTION} code qrPng`

/** One month of a community's points (Asia/Shanghai calendar). */
export interface PointsReportMonth {
  month: string
  issued: number
  reversed: number
  deducted: number
  redeemed: number
  refunded: number
  expired: number
  outstanding: number
  owed: number
  fulfilledCount: number
}

export const REPORT_COLUMNS = [
  'issued',
  'reversed',
  'deducted',
  'redeemed',
  'refunded',
  'expired',
  'outstanding',
  'owed',
  'fulfilledCount',
] as const satisfies readonly (keyof PointsReportMonth)[]

export interface PointsReport {
  communityId: string
  from: string
  to: string
  months: PointsReportMonth[]
  total: PointsReportMonth
  xlsxPath: string
}

const REPORT_MONTH = `month ${REPORT_COLUMNS.join(' ')}`

export interface RewardInputVars {
  name: string
  description?: string | null
  price: number
  stock: number
  perPersonLimit: number | null
  sponsorUnitId: string | null
  pictureFileId?: string | null
}

export type RewardUpdateVars = Omit<RewardInputVars, 'stock'>

export interface PointsAdjustmentVars {
  volunteerId: string
  amount: number
  reason: string
}

// The volunteer

export const MyPointsWalletsQuery: TypedDocumentNode<{ myPointsWallets: PointsWallet[] }, Record<string, never>> = gql`
  query MyPointsWallets {
    myPointsWallets { ${WALLET} }
  }
`

export const MyPointsStatementQuery: TypedDocumentNode<
  { myPointsStatement: PointsStatement },
  { communityId: string; first: number; after: string | null }
> = gql`
  query MyPointsStatement($communityId: ID!, $first: Int, $after: String) {
    myPointsStatement(communityId: $communityId, first: $first, after: $after) { ${STATEMENT} }
  }
`

export const RewardsQuery: TypedDocumentNode<{ rewards: Reward[] }, { communityId: string; includeOffSale: boolean }> =
  gql`
  query Rewards($communityId: ID!, $includeOffSale: Boolean) {
    rewards(communityId: $communityId, includeOffSale: $includeOffSale) { ${REWARD} }
  }
`

export const MyRedemptionsQuery: TypedDocumentNode<{ myRedemptions: Redemption[] }, { state: RedemptionState | null }> =
  gql`
  query MyRedemptions($state: RedemptionState) {
    myRedemptions(state: $state) { ${MY_REDEMPTION} }
  }
`

export const RedeemRewardMutation: TypedDocumentNode<
  { redeemReward: Redemption },
  { communityId: string; rewardId: string; idempotencyKey: string }
> = gql`
  mutation RedeemReward($communityId: ID!, $rewardId: ID!, $idempotencyKey: String) {
    redeemReward(communityId: $communityId, rewardId: $rewardId, idempotencyKey: $idempotencyKey) { ${MY_REDEMPTION} }
  }
`

/** The volunteer (no reason) or staff (with one) cancel a reserved redemption. */
export const CancelRedemptionMutation: TypedDocumentNode<
  { cancelRedemption: Redemption },
  { communityId: string; id: string; reason: string | null }
> = gql`
  mutation CancelRedemption($communityId: ID!, $id: ID!, $reason: String) {
    cancelRedemption(communityId: $communityId, id: $id, reason: $reason) { ${REDEMPTION} }
  }
`

// Staff: 核销 and the community's redemptions

export const RedemptionByCodeQuery: TypedDocumentNode<
  { redemptionByCode: Redemption | null },
  { communityId: string; code: string }
> = gql`
  query RedemptionByCode($communityId: ID!, $code: String!) {
    redemptionByCode(communityId: $communityId, code: $code) { ${REDEMPTION} }
  }
`

export const FulfilRedemptionMutation: TypedDocumentNode<
  { fulfilRedemption: Redemption },
  { communityId: string; code: string }
> = gql`
  mutation FulfilRedemption($communityId: ID!, $code: String!) {
    fulfilRedemption(communityId: $communityId, code: $code) { ${REDEMPTION} }
  }
`

export const RedemptionsQuery: TypedDocumentNode<
  { redemptions: { nodes: Redemption[]; pageInfo: PointsPageInfo } },
  { communityId: string; state: RedemptionState | null; first: number; after: string | null }
> = gql`
  query Redemptions($communityId: ID!, $state: RedemptionState, $first: Int, $after: String) {
    redemptions(communityId: $communityId, state: $state, first: $first, after: $after) {
      nodes { ${REDEMPTION} }
      pageInfo { endCursor hasNextPage }
    }
  }
`

// Staff: the store

export const CreateRewardMutation: TypedDocumentNode<
  { createReward: Reward },
  { communityId: string; input: RewardInputVars }
> = gql`
  mutation CreateReward($communityId: ID!, $input: RewardInput!) {
    createReward(communityId: $communityId, input: $input) { ${REWARD} }
  }
`

export const UpdateRewardMutation: TypedDocumentNode<
  { updateReward: Reward },
  { communityId: string; id: string; input: RewardUpdateVars }
> = gql`
  mutation UpdateReward($communityId: ID!, $id: ID!, $input: RewardUpdateInput!) {
    updateReward(communityId: $communityId, id: $id, input: $input) { ${REWARD} }
  }
`

export const RestockRewardMutation: TypedDocumentNode<
  { restockReward: Reward },
  { communityId: string; id: string; change: number }
> = gql`
  mutation RestockReward($communityId: ID!, $id: ID!, $change: Int!) {
    restockReward(communityId: $communityId, id: $id, change: $change) { ${REWARD} }
  }
`

export const SetRewardOnSaleMutation: TypedDocumentNode<
  { setRewardOnSale: Reward },
  { communityId: string; id: string; onSale: boolean }
> = gql`
  mutation SetRewardOnSale($communityId: ID!, $id: ID!, $onSale: Boolean!) {
    setRewardOnSale(communityId: $communityId, id: $id, onSale: $onSale) { ${REWARD} }
  }
`

// Staff: holders, adjustments, statements and the report

export const PointsHoldersQuery: TypedDocumentNode<
  { pointsHolders: { nodes: PointsHolder[]; pageInfo: PointsPageInfo } },
  { communityId: string; search: string | null; first: number; after: string | null }
> = gql`
  query PointsHolders($communityId: ID!, $search: String, $first: Int, $after: String) {
    pointsHolders(communityId: $communityId, search: $search, first: $first, after: $after) {
      nodes { ${HOLDER} }
      pageInfo { endCursor hasNextPage }
    }
  }
`

export const AdjustPointsMutation: TypedDocumentNode<
  { adjustPoints: PointsHolder },
  { communityId: string; input: PointsAdjustmentVars }
> = gql`
  mutation AdjustPoints($communityId: ID!, $input: PointsAdjustmentInput!) {
    adjustPoints(communityId: $communityId, input: $input) { ${HOLDER} }
  }
`

export const VolunteerPointsStatementQuery: TypedDocumentNode<
  { volunteerPointsStatement: PointsStatement },
  { communityId: string; volunteerId: string; first: number; after: string | null }
> = gql`
  query VolunteerPointsStatement($communityId: ID!, $volunteerId: ID!, $first: Int, $after: String) {
    volunteerPointsStatement(communityId: $communityId, volunteerId: $volunteerId, first: $first, after: $after) {
      ${STATEMENT}
    }
  }
`

export const PointsReportQuery: TypedDocumentNode<
  { pointsReport: PointsReport },
  { communityId: string; from: string; to: string }
> = gql`
  query PointsReport($communityId: ID!, $from: String!, $to: String!) {
    pointsReport(communityId: $communityId, from: $from, to: $to) {
      communityId
      from
      to
      months { ${REPORT_MONTH} }
      total { ${REPORT_MONTH} }
      xlsxPath
    }
  }
`

/** The server's clock, for defaults that depend on today (the report's months). */
export const PointsServerTimeQuery: TypedDocumentNode<{ serverTime: string }, Record<string, never>> = gql`
  query PointsServerTime {
    serverTime
  }
`
