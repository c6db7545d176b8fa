import type { AvailabilitySlot } from '@linli/shared'
import type { SuggestionReason } from '../../features/volunteer/operations.ts'

/**
 * The volunteer's and the leader's phone pages (找活动, 活动详情, 签到签退, 领队签到码, 我的日程,
 * 我的时长, 志愿者档案) in every locale. Sign-up, hour-record, no-show and 双报到 states are worded
 * once for all pages in `terms`; `reasons` words each reason a suggestion gives, `profile.slots`
 * each availability slot of @linli/shared.
 */
export interface VolunteerMessages {
  titles: {
    activities: string
    activity: string
    checkIn: string
    checkInLink: string
    lead: string
    schedule: string
    hours: string
    profile: string
  }
  entries: {
    group: string
    find: string
    findHint: string
    schedule: string
    scheduleHint: string
    hours: string
    hoursHint: string
    profile: string
    profileHint: string
  }
  units: {
    minutes: string
    hours: string
    hoursMinutes: string
    hoursShort: string
  }
  reasons: Record<SuggestionReason | 'other', string>
  list: {
    suggested: string
    all: string
    suggestedEmpty: string
    allEmpty: string
    noResidence: string
    setResidence: string
    community: string
    loadMore: string
    noMore: string
    filled: string
    waitlisted: string
    full: string
  }
  signUp: {
    waitlistedAt: string
    confirmedSentence: string
    waitlistedSentence: string
    cancelledSentence: string
    attendedSentence: string
    noShowSentence: string
  }
  detail: {
    project: string
    time: string
    place: string
    slots: string
    slotsValue: string
    waitlist: string
    waitlistValue: string
    deadline: string
    skills: string
    noSkills: string
    leader: string
    noLeader: string
    restricted: string
    cancelled: string
    completed: string
    signUp: string
    joinWaitlist: string
    signedUp: string
    waitlistedToast: string
    cancel: string
    cancelConfirm: string
    cancelKeep: string
    cancelledToast: string
    deadlinePassed: string
    checkIn: string
    checkOut: string
    checkedInAt: string
    checkedOut: string
    showCode: string
    myState: string
  }
  checkIn: {
    digitsLabel: string
    digitsHint: string
    submitIn: string
    submitOut: string
    modeIn: string
    modeOut: string
    successIn: string
    successOut: string
    checkInAt: string
    checkOutAt: string
    credited: string
    pendingApproval: string
    scanHint: string
    backToActivity: string
    viewHours: string
    working: string
    linkInvalid: string
    typeInstead: string
    confirmOutTitle: string
    confirmOut: string
    confirmOutOk: string
    confirmOutKeep: string
    notOut: string
  }
  lead: {
    codeLabel: string
    qrAlt: string
    expiresIn: string
    refresh: string
    window: string
    notOpen: string
    closed: string
    roster: string
    rosterCount: string
    rosterEmpty: string
    notCheckedIn: string
    checkedInAt: string
    checkedOutAt: string
    onSiteIn: string
    onSiteOut: string
    onSiteHint: string
    onSiteInDone: string
    onSiteOutDone: string
    onSiteConfirm: string
  }
  schedule: {
    led: string
    upcoming: string
    past: string
    empty: string
    upcomingEmpty: string
    find: string
  }
  hours: {
    approved: string
    pending: string
    thisYear: string
    starLevel: string
    noStar: string
    toNext: string
    maxLevel: string
    starsHint: string
    open: string
    records: string
    recordsEmpty: string
    flags: {
      backFilled: string
      autoClosed: string
      belowThreshold: string
      capped: string
      onSite: string
      correction: string
    }
    rejected: string
    noShows: string
    noShowsEmpty: string
    noShowFades: string
    noShowFaded: string
    contest: string
    contestTitle: string
    contestReason: string
    contestPlaceholder: string
    contestSubmit: string
    contestCancel: string
    contested: string
    contestReasonShown: string
    resolution: string
    loadMore: string
  }
  profile: {
    none: string
    number: string
    numberNational: string
    numberLinli: string
    numberPending: string
    stars: string
    verified: string
    notVerified: string
    grid: string
    teams: string
    noTeams: string
    teamOf: string
    skills: string
    skillsPlaceholder: string
    newSkill: string
    addSkill: string
    removeSkill: string
    noSkills: string
    availability: string
    slots: Record<AvailabilitySlot, string>
    nationalNumber: string
    nationalNumberPlaceholder: string
    nationalNumberHint: string
    partyMember: string
    idType: string
    idTypeNone: string
    idNumber: string
    idNumberPlaceholder: string
    idHint: string
    idNumberKept: string
    save: string
    saved: string
    dual: {
      title: string
      hint: string
      partyOnly: string
      community: string
      pickCommunity: string
      searchCommunity: string
      noCommunities: string
      unit: string
      noUnits: string
      request: string
      requested: string
      unitConfirmed: string
      unitPending: string
      communityConfirmed: string
      communityPending: string
      target: string
      rejectReason: string
      end: string
      endConfirm: string
      endKeep: string
      ended: string
      again: string
    }
  }
}
