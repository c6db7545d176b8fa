import { type ActorRole, type NeedEventAction } from '../terms/types.ts'

export { ACTOR_ROLES, NEED_EVENT_ACTIONS, type ActorRole, type NeedEventAction } from '../terms/types.ts'

/**
 * The three lists' console messages (需求分拣, 项目编辑, 项目清单, 资源审核) in every locale. States,
 * channels, kinds, modes and cadences are worded once for all pages in `terms`; the timeline's
 * events here are the staff's wording (the resident's is `needs.timeline.actions`).
 */
export interface ListsMessages {
  nav: { needs: string; projects: string; resources: string }
  actorRoles: Record<ActorRole, string>
  /** Params: {unitName} {reason} {intoTitle} {title} {projectTitle} {channel}. */
  events: Record<NeedEventAction, string> & { unknown: string }
  common: {
    noScope: string
    confirm: string
    cancel: string
    actions: string
    all: string
    search: string
    searchPlaceholder: string
    category: string
    grid: string
    channel: string
    state: string
    urgency: string
    unit: string
    kind: string
    createdAt: string
    loadMore: string
    noMore: string
    wholeCommunity: string
    reason: string
    reasonPlaceholder: string
    title: string
    description: string
    none: string
    details: string
  }
  needs: {
    title: string
    intro: string
    tabs: { submitted: string; accepted: string; inProject: string; done: string }
    empty: string
    forName: string
    contact: string
    record: string
    pickForProject: string
    buildProject: string
    waitingTitle: string
    waitingBadge: string
    waitingNone: string
    daysWaiting: string
    filterCategory: string
    filterGrid: string
    filterChannel: string
    photos: string
    photoAlt: string
    photoFailed: string
    preferredTime: string
    reasonOf: string
    mergedInto: string
    inProject: string
    timeline: string
    suggestions: string
    suggestionsNone: string
    showContact: string
    contactAudited: string
    contactName: string
    contactPhone: string
    contactAddress: string
    accept: string
    reject: string
    merge: string
    close: string
    accepted: string
    rejected: string
    merged: string
    closed: string
    rejectTitle: string
    closeTitle: string
    mergeTitle: string
    mergeHint: string
    mergeTarget: string
    mergeSearch: string
    recordTitle: string
    recordChannel: string
    recordForName: string
    recordForPhone: string
    recordAddress: string
    recordPreferredTime: string
    recordSubmit: string
    recorded: string
  }
  timeline: { actor: string; empty: string }
  projects: {
    title: string
    intro: string
    create: string
    empty: string
    capacity: string
    taken: string
    claims: string
    noClaims: string
    lead: string
    pending: string
    approve: string
    rejectClaim: string
    rejectClaimTitle: string
    approved: string
    claimRejected: string
    edit: string
    publish: string
    start: string
    cancel: string
    cancelTitle: string
    published: string
    started: string
    cancelled: string
    mode: string
    cadence: string
    volunteerDemand: string
    schedule: string
    startsAt: string
    endsAt: string
    routineUntil: string
    needs: string
    noNeeds: string
    resources: string
    noResources: string
    cancelReason: string
    back: string
    notFound: string
    volunteers: string
  }
  editor: {
    newTitle: string
    editTitle: string
    intro: string
    needsTitle: string
    needsHint: string
    needsEmpty: string
    selectedNeeds: string
    suggestionsTitle: string
    suggestionsHint: string
    suggestionsEmpty: string
    pickResource: string
    form: string
    titlePlaceholder: string
    descriptionPlaceholder: string
    categoryPlaceholder: string
    soloHint: string
    jointHint: string
    schedulePlaceholder: string
    startsPlaceholder: string
    endsPlaceholder: string
    routineUntilPlaceholder: string
    saveDraft: string
    saveAndPublish: string
    saved: string
    publishedDone: string
    notDraft: string
    invalid: string
  }
  resources: {
    title: string
    intro: string
    empty: string
    offeredFirst: string
    quantity: string
    availability: string
    grids: string
    publish: string
    return: string
    returnTitle: string
    exhaust: string
    exhaustConfirm: string
    published: string
    returned: string
    exhausted: string
    returnReason: string
  }
}
