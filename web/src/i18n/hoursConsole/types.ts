/**
 * The console's activity and hours pages (活动管理, 活动详情, 时长审核, 双报到确认) and the unit
 * admin's 成员服务, in every locale. The states of activities, sign-ups, hour records, no-show
 * marks and 双报到 are worded once for every page in `terms`.
 */
export interface HoursConsoleMessages {
  nav: { activities: string; hours: string; dualReports: string; service: string }
  flags: { backFill: string; correction: string; autoClosed: string; capped: string; belowThreshold: string }
  refusals: {
    STILL_CHECKED_IN: string
    NOT_STARTED: string
    ACTIVITY_CANCELLED: string
    APPROVED_RECORD_IMMUTABLE: string
    PROJECT_NOT_OPEN: string
    ACTIVITY_NOT_SCHEDULED: string
    ALREADY_CHECKED_OUT: string
    NOT_CHECKED_IN: string
    WAITLISTED: string
    ACTIVITY_FULL: string
    HOURS_EXIST: string
  }
  units: { minutes: string; hours: string; hoursMinutes: string }
  common: {
    noScope: string
    noUnit: string
    community: string
    readOnly: string
    actions: string
    state: string
    cancel: string
    close: string
    loadMore: string
    reason: string
    reasonPlaceholder: string
    timePlaceholder: string
    chinaTime: string
  }
  activity: {
    project: string
    title: string
    place: string
    when: string
    startsAt: string
    endsAt: string
    signUpDeadline: string
    slots: string
    places: string
    taken: string
    waiting: string
    skills: string
    leader: string
    claimingUnitsOnly: string
    unitsOnly: string
    series: string
    cancelReason: string
  }
  activities: {
    title: string
    intro: string
    create: string
    filterProject: string
    filterFrom: string
    count: string
    empty: string
  }
  create: {
    title: string
    projectPlaceholder: string
    noProjects: string
    titlePlaceholder: string
    placePlaceholder: string
    deadlinePlaceholder: string
    skillsPlaceholder: string
    skillsHint: string
    noClaimingUnits: string
    claimingUnits: string
    weekly: string
    weeks: string
    weeksHint: string
    submit: string
    invalid: string
    leaderRefused: string
    projectClosed: string
    done: string
  }
  leader: {
    placeholder: string
    me: string
    staff: string
    member: string
    phonePlaceholder: string
    find: string
    notRegistered: string
    hint: string
  }
  actions: {
    reschedule: string
    resize: string
    cancel: string
    rescheduleTitle: string
    rescheduleHint: string
    rescheduleSubmit: string
    deadlineMoves: string
    moved: string
    resizeTitle: string
    resizeHint: string
    resizeSubmit: string
    resized: string
    cancelTitle: string
    cancelHint: string
    cancelSubmit: string
    cancelled: string
    notScheduled: string
  }
  detail: {
    title: string
    back: string
    showCode: string
    backFill: string
    noLeader: string
    roster: string
    rosterEmpty: string
    signedUpAt: string
    cancelledAt: string
    position: string
    recorded: string
    inSince: string
    checkIn: string
    checkOut: string
    checkedIn: string
    checkedOut: string
    walkInPhone: string
    walkInCheckIn: string
    records: string
    recordsEmpty: string
    recordsSummary: string
    review: string
  }
  backFill: {
    title: string
    hint: string
    volunteer: string
    volunteerPlaceholder: string
    noRoster: string
    minutes: string
    cap: string
    reasonPlaceholder: string
    submit: string
    done: string
  }
  code: {
    title: string
    qrAlt: string
    digits: string
    scanOrType: string
    window: string
    refreshes: string
    refresh: string
  }
  records: {
    volunteer: string
    activity: string
    checkInOut: string
    minutes: string
    flags: string
    stillIn: string
    spanWas: string
    reason: string
    rejectReason: string
    voidedBy: string
    pick: string
    pickAll: string
    approve: string
    reject: string
    amend: string
    correct: string
  }
  review: {
    title: string
    intro: string
    tabs: { pending: string; approved: string; closed: string; noShows: string }
    empty: { pending: string; approved: string; closed: string }
    pendingHint: string
    approveBatch: string
    approved: string
    rejectTitle: string
    rejectHint: string
    rejected: string
    amended: string
    corrected: string
    onlyActivity: string
    shown: string
  }
  amend: { title: string; hint: string; checkIn: string; checkOut: string; submit: string }
  correct: {
    title: string
    explain: string
    was: string
    minutes: string
    reasonPlaceholder: string
    submit: string
  }
  noShows: {
    intro: string
    empty: string
    contest: string
    contestedAt: string
    clear: string
    uphold: string
    clearTitle: string
    upholdTitle: string
    clearHint: string
    upholdHint: string
    note: string
    notePlaceholder: string
    cleared: string
    upheld: string
  }
  dual: {
    title: string
    intro: string
    tabs: { waiting: string; confirmed: string; rejected: string; ended: string }
    empty: { waiting: string; confirmed: string; rejected: string; ended: string }
    member: string
    unit: string
    community: string
    requestedAt: string
    progress: string
    unitConfirmed: string
    unitWaiting: string
    communityConfirmed: string
    communityWaiting: string
    hours: string
    hoursOf: string
    confirm: string
    reject: string
    otherSide: string
    confirmedBoth: string
    confirmedMine: string
    rejectTitle: string
    rejected: string
  }
  unitService: {
    title: string
    intro: string
    unit: string
    year: string
    yearOption: string
    summary: string
    cards: {
      partyMembers: string
      reportedIn: string
      reportInRate: string
      reachedTarget: string
      completionRate: string
    }
    ratesHint: string
    members: string
    member: string
    partyOnly: string
    empty: string
    party: string
    dualState: string
    notReported: string
    hours: string
    hoursOf: string
    progressLabel: string
    reached: string
    reachedTag: string
    reports: string
    reportsHint: string
    reportsEmpty: string
  }
}
