/**
 * The unit admin's list pages (项目市场, 点单, 我的认领, 我的资源) in every locale. States, kinds,
 * modes and cadences are worded once for all pages in `terms`.
 */
export interface MarketMessages {
  nav: { market: string; claims: string; resources: string }
  noUnit: string
  loadMore: string
  market: {
    title: string
    intro: string
    all: string
    recommended: string
    search: string
    searchButton: string
    category: string
    allCategories: string
    total: string
    community: string
    mode: string
    capacity: string
    taken: string
    full: string
    schedule: string
    noSchedule: string
    volunteerDemand: string
    claims: string
    lead: string
    noClaims: string
    needs: string
    noNeeds: string
    claim: string
    alreadyClaimed: string
    empty: string
    recommendedEmpty: string
    score: string
    open: string
  }
  claimDialog: {
    title: string
    project: string
    volunteers: string
    resources: string
    resourcesHint: string
    noResources: string
    note: string
    notePlaceholder: string
    submit: string
    success: string
    retryHint: string
  }
  claims: {
    title: string
    intro: string
    project: string
    community: string
    state: string
    lead: string
    leadYes: string
    leadNo: string
    projectState: string
    volunteers: string
    createdAt: string
    actions: string
    withdraw: string
    withdrawConfirm: string
    withdrawn: string
    reason: string
    empty: string
    confirm: string
  }
  resources: {
    title: string
    intro: string
    offer: string
    community: string
    communityPlaceholder: string
    noAlliance: string
    name: string
    namePlaceholder: string
    description: string
    category: string
    kind: string
    quantity: string
    quantityUnit: string
    quantityUnitPlaceholder: string
    availability: string
    availabilityPlaceholder: string
    availableFrom: string
    availableUntil: string
    state: string
    returnReason: string
    updatedAt: string
    actions: string
    edit: string
    reoffer: string
    withdraw: string
    withdrawConfirm: string
    withdrawn: string
    offered: string
    saved: string
    empty: string
    editTitle: string
    offerTitle: string
    save: string
    confirm: string
  }
}
