import type { GovernancePage } from '../../features/governance/access.ts'
import type { MeetingState, SixOneItem, SixOneKind } from '../../features/governance/operations.ts'

/**
 * 联盟治理 in every locale. A page, a meeting state, a 六个一 item or what fulfils one added
 * without its words fails the typecheck.
 */
export interface GovernanceMessages {
  nav: Record<GovernancePage, string>
  titles: Record<GovernancePage, string>
  intro: { staff: string; unit: string }
  community: string
  noAlliance: string
  noScope: string
  save: string
  actions: string
  /** A half-year term: {year}. */
  term: { h1: string; h2: string }
  officers: { title: string; secretary: string; deputy: string; committee: string; none: string }
  rotation: {
    title: string
    reorder: string
    current: string
    noTerm: string
    next: string
    order: string
    orderHint: string
    orderIs: string
    up: string
    down: string
    saved: string
  }
  members: {
    title: string
    unit: string
    signedOn: string
    renewsOn: string
    soon: string
    overdue: string
    edit: string
    editTitle: string
    datePlaceholder: string
    renewsAfterSigned: string
    reminderHint: string
    saved: string
    empty: string
    document: string
    documentView: string
    documentNone: string
    documentUpload: string
    documentUploading: string
    documentHint: string
  }
  charter: {
    title: string
    revise: string
    version: string
    earlier: string
    none: string
    reviseTitle: string
    body: string
    adoptedOn: string
    adopt: string
    needBody: string
    needDate: string
    adopted: string
  }
  meetings: {
    title: string
    schedule: string
    empty: string
    states: Record<MeetingState, string>
    record: string
    agenda: string
    minutes: string
    attendance: string
    presentCount: string
    present: string
    absent: string
    resolutions: string
    noResolutions: string
    convertedTag: string
    openProject: string
    toProject: string
    scheduleTitle: string
    fields: { title: string; heldAt: string; heldAtPlaceholder: string; place: string; agenda: string }
    recordTitle: string
    attendeePlaceholder: string
    attendeeOf: string
    resolutionsLabel: string
    resolutionsPlaceholder: string
    recordSubmit: string
    needTitle: string
    needTime: string
    needMinutes: string
    scheduled: string
    recorded: string
    converted: string
  }
  sixOnes: {
    title: string
    progress: string
    progressLabel: string
    noTerm: string
    items: Record<SixOneItem, string>
    done: string
    pending: string
    by: Record<SixOneKind, string>
    linkedCount: string
    choose: Record<'meeting' | 'resolutions', string>
    none: Record<'meeting' | 'resolutions', string>
    elsewhere: Record<SixOneKind, string>
    markDone: string
    fulfilled: string
  }
}
