import type { AllianceUnitState, UnitKind, UnitMemberState } from '@linli/shared'

/** The unit pages' messages (rosters, teams, alliance invitations, the alliance), in every locale. */
export interface UnitsMessages {
  nav: { roster: string; teams: string; invitations: string; alliance: string; communityTeams: string }
  kinds: Record<UnitKind, string>
  allianceStatus: Record<AllianceUnitState, string>
  memberStatus: Record<UnitMemberState, string>
  common: {
    confirm: string
    cancel: string
    save: string
    loading: string
    actions: string
    name: string
    phone: string
    phonePlaceholder: string
    find: string
    found: string
    notRegistered: string
    findFirst: string
    noScope: string
  }
  roster: {
    title: string
    intro: string
    tabs: { active: string; requested: string; invited: string }
    partyMember: string
    partyMemberOf: string
    joinedAt: string
    requestedAt: string
    invitedAt: string
    approve: string
    decline: string
    remove: string
    withdraw: string
    removeConfirm: string
    withdrawConfirm: string
    declineConfirm: string
    invite: string
    inviteTitle: string
    inviteHint: string
    invitePartyMember: string
    inviteSubmit: string
    invited: string
    approved: string
    declined: string
    removed: string
    partySet: string
    partyUnset: string
    empty: { active: string; requested: string; invited: string }
  }
  teams: {
    unitTitle: string
    unitIntro: string
    communityTitle: string
    communityIntro: string
    create: string
    createTitle: string
    renameTitle: string
    teamName: string
    teamNamePlaceholder: string
    leaderLabel: string
    leaderOptional: string
    leaderPlaceholder: string
    noLeader: string
    leaderTag: string
    memberCount: string
    joinedAt: string
    rename: string
    archive: string
    archiveConfirm: string
    archived: string
    showArchived: string
    setLeader: string
    removeMember: string
    removeMemberConfirm: string
    addMember: string
    addMemberPlaceholder: string
    noCandidates: string
    add: string
    empty: string
    noMembers: string
    created: string
    renamed: string
    archivedDone: string
    leaderSet: string
    memberAdded: string
    memberRemoved: string
  }
  invitations: {
    title: string
    intro: string
    pending: string
    memberships: string
    community: string
    alliance: string
    invitedAt: string
    joinedAt: string
    agreement: string
    status: string
    accept: string
    decline: string
    declineConfirm: string
    accepted: string
    declined: string
    emptyPending: string
    emptyMemberships: string
  }
  alliance: {
    title: string
    intro: string
    none: string
    unitName: string
    kind: string
    status: string
    agreement: string
    agreementPlaceholder: string
    admins: string
    noAdmins: string
    showLeft: string
    create: string
    createTitle: string
    unitNamePlaceholder: string
    kindPlaceholder: string
    agreementOptional: string
    created: string
    invite: string
    inviteTitle: string
    searchPlaceholder: string
    search: string
    searchEmpty: string
    searchFirst: string
    inAlliance: string
    inviteUnit: string
    invitedUnit: string
    remove: string
    withdraw: string
    removeConfirm: string
    withdrawConfirm: string
    removed: string
    agreementSaved: string
    agreementCleared: string
    appoint: string
    appointTitle: string
    appointSubmit: string
    appointed: string
    revoke: string
    revokeConfirm: string
    revoked: string
    empty: string
  }
  myUnits: {
    title: string
    invitedBy: string
    partyMember: string
    accept: string
    decline: string
    accepted: string
    declined: string
  }
}
