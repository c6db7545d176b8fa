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
    actions: {
      submitted: string
      recorded: string
      edited: string
      accepted: string
      rejected: string
      merged: string
      merged_in: string
      withdrawn: string
      closed: string
      project_attached: string
      project_detached: string
      planned: string
      in_service: string
      resolved: string
      rated: string
      project_cancelled: string
      unit_claimed: string
      unit_claim_pending: string
      unit_withdrew: string
      unit_claim_rejected: string
    }
    /** An action newer than this web: the state it moved to, or a generic line. */
    movedTo: string
    unknown: string
    /** "by {name}, {role}". */
    by: string
    actorRoles: Record<'resident' | 'community_staff' | 'grid_worker' | 'unit_admin' | 'platform' | 'other', string>
  }
}
