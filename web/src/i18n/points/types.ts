import type { PostingKind } from '@linli/shared'
import type { PointsPage } from '../../features/points/access.ts'
import type { RewardBlock } from '../../features/points/format.ts'
import type { REPORT_COLUMNS, RedemptionCancelReason } from '../../features/points/operations.ts'

/**
 * Points and the 积分超市 in every locale: the volunteer's 我的积分, 积分明细, 积分超市 and 我的兑换
 * on the phone; the staff's 兑换核销, 积分超市管理 and 积分管理 (with the monthly report) on the
 * console. A posting kind, a cancel reason or a report column added without its words fails the typecheck.
 */
export interface PointsMessages {
  titles: {
    wallets: string
    statement: string
    store: string
    redemptions: string
    consoleRedemptions: string
    consoleRewards: string
    consolePoints: string
  }
  nav: Record<PointsPage, string> & {
    wallets: string
    walletsHint: string
    myRedemptions: string
    myRedemptionsHint: string
  }
  /** A statement line's kind: 获得, 奖励, 兑换, 退回, 冲减, 调整, 过期. */
  kinds: Record<PostingKind, string>
  cancelReasons: Record<RedemptionCancelReason, string>
  common: {
    /** "{n} 积分". */
    points: string
    loadMore: string
  }
  wallet: {
    balance: string
    /** {n}: points held by redemptions to collect. */
    reserved: string
    /** {n}: points owed after a correction. */
    owed: string
    owedHint: string
    /** {n} points valid through {date}. */
    expiring: string
    statement: string
    empty: string
  }
  statement: {
    heading: string
    balanceAfter: string
    reason: string
    owed: { added: string; settled: string }
    /** An expiry line: the batch valid through {date}. */
    batch: string
    /** A credit: valid through {date}. */
    expiresAt: string
    toStore: string
    empty: string
  }
  store: {
    balance: string
    stock: string
    soldOut: string
    /** {n}: the limit, {used}: how often I redeemed it. */
    limit: string
    sponsor: string
    redeem: string
    blocked: Record<Exclude<RewardBlock, null>, string>
    pictureAlt: string
    empty: string
    confirmTitle: string
    /** {price}, and {after}: my balance after it. */
    confirmMessage: string
    confirmHint: string
    confirm: string
    retry: string
    keep: string
    redeemed: string
  }
  redemptions: {
    toCollect: string
    history: string
    code: string
    codeHint: string
    qrAlt: string
    pickUpBy: string
    fulfilledAt: string
    /** {reason} (a cancel reason's words), {time}. */
    cancelledAt: string
    cancel: string
    cancelTitle: string
    cancelMessage: string
    cancelConfirm: string
    keep: string
    cancelled: string
    empty: string
  }
  console: {
    /** Why a redemption was cancelled, as staff read it. */
    cancelReasons: Record<RedemptionCancelReason, string>
    noScope: string
    reasonPlaceholder: string
    fields: {
      reward: string
      price: string
      volunteer: string
      state: string
      reservedAt: string
      pickUpBy: string
      outcome: string
      actions: string
      picture: string
      name: string
      description: string
      stock: string
      limit: string
      sponsor: string
      onSale: string
      balance: string
      owed: string
      reserved: string
    }
    redeem: {
      intro: string
      codeLabel: string
      placeholder: string
      lookup: string
      notFound: string
      foundTitle: string
      fulfil: string
      clear: string
      fulfilled: string
      listTitle: string
      allStates: string
      empty: string
      fulfilledAt: string
      pickUpByAt: string
      cancel: string
      cancelTitle: string
      cancelHint: string
      cancelConfirm: string
      cancelled: string
    }
    rewards: {
      intro: string
      add: string
      edit: string
      restock: string
      addTitle: string
      editTitle: string
      save: string
      created: string
      saved: string
      empty: string
      noLimit: string
      limitTimes: string
      descriptionPlaceholder: string
      sponsorNone: string
      stockHint: string
      pickPicture: string
      changePicture: string
      noPicture: string
      newPicture: string
      onSaleLabel: string
      onSaleOn: string
      onSaleOff: string
      restockTitle: string
      restockHint: string
      restockSubmit: string
      change: string
      stockAfter: string
      restocked: string
    }
    holders: {
      intro: string
      search: string
      searchPlaceholder: string
      empty: string
      noMatch: string
      adjust: string
      statement: string
      adjustTitle: string
      adjustHint: string
      amount: string
      balanceAfter: string
      reason: string
      reasonPlaceholder: string
      adjustSubmit: string
      adjusted: string
      statementTitle: string
      walletLine: string
    }
    report: {
      title: string
      hint: string
      from: string
      to: string
      load: string
      export: string
      month: string
      total: string
      rangeInvalid: string
      columns: Record<(typeof REPORT_COLUMNS)[number], string>
    }
  }
}
