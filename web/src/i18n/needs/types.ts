import type { ActorRole, NeedEventAction } from '../terms/types.ts'

/**
 * The resident's need pages (我要求助, 我的需求, 需求详情) in every locale. `timeline.actions`
 * words each timeline event with its detail ({reason}, {projectTitle}, {unitName}, {intoTitle},
 * {title}, {channel} — already a channel's name). States, urgencies and channels are worded once
 * for all pages in `terms`.
 */
export interface NeedsMessages {
  home: { entry: string; entryHint: string; mine: string; mineHint: string }
  titles: { create: string; edit: string; list: string; detail: string }
  form: {
    community: string
    noResidence: string
    setResidence: string
    title: string
    titlePlaceholder: string
    description: string
    descriptionPlaceholder: string
    category: string
    categoryPlaceholder: string
    grid: string
    gridDefault: string
    urgency: string
    preferredTime: string
    preferredTimePlaceholder: string
    photos: string
    photosHint: string
    address: string
    addressPlaceholder: string
    submit: string
    save: string
    submitted: string
    saved: string
    uploading: string
    uploadFailed: string
    waitForUploads: string
  }
  list: { empty: string; loadMore: string; noMore: string; create: string; submittedAt: string }
  detail: {
    photos: string
    photoAlt: string
    info: string
    category: string
    grid: string
    urgency: string
    preferredTime: string
    channel: string
    createdAt: string
    reason: string
    timeline: string
    noTimeline: string
    edit: string
    withdraw: string
    withdrawConfirm: string
    withdrawn: string
    notEditable: string
  }
  timeline: {
    /** Every action the server records, and a pending claim read as a request (`unit_claim_pending`). */
    actions: Record<NeedEventAction | 'unit_claim_pending', string>
    /** An action newer than this web: the state it moved to, or a generic line. */
    movedTo: string
    unknown: string
    /** "by {name}, {role}". */
    by: string
    actorRoles: Record<ActorRole, string>
  }
}
