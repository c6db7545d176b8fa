import type { IdType } from '@linli/shared'

/** The sections of the 我的数据 document, in the order they are shown. */
export const MY_DATA_SECTIONS = [
  'profile',
  'roles',
  'residences',
  'consents',
  'units',
  'teams',
  'sessions',
  'records',
] as const
export type MyDataSection = (typeof MY_DATA_SECTIONS)[number]

/** The fields shown for each entry of the 我的数据 sections (the export holds everything). */
export const MY_DATA_FIELDS = [
  'realName',
  'phone',
  'status',
  'phoneVerifiedAt',
  'privacyNoticeVersion',
  'privacyConsentedAt',
  'idType',
  'idNumberMasked',
  'birthDate',
  'realNameVerifiedAt',
  'guardianName',
  'guardianPhone',
  'guardianConsentedAt',
  'hasSmartphone',
  'createdAt',
  'role',
  'scopeName',
  'revokedAt',
  'communityName',
  'gridName',
  'address',
  'updatedAt',
  'kind',
  'version',
  'givenAt',
  'withdrawnAt',
  'unitName',
  'isPartyMember',
  'joinedAt',
  'teamName',
  'at',
  'action',
  'actor',
  'reason',
] as const
export type MyDataField = (typeof MY_DATA_FIELDS)[number]

/** Audit actions a person's records may hold, worded for them; others are shown as named. */
export const RECORD_ACTIONS = [
  'account_delete',
  'contact_view',
  'password_staff_reset',
  'person_verify_real_name',
  'role_grant',
  'role_revoke',
  'unit_create',
  'alliance_create',
  'alliance_invite',
  'alliance_remove',
  'alliance_set_agreement',
  'residence_staff_set',
] as const
export type RecordAction = (typeof RECORD_ACTIONS)[number]

/**
 * Messages of accounts and privacy: SMS sign-in, the forgotten password, registration of a
 * minor, 我的住址, 我的数据, 注销账号, and 居民核验 for community staff.
 */
export interface AccountsMessages {
  signIn: {
    byPassword: string
    bySms: string
    submitSms: string
    forgotPassword: string
    smsSentTo: string
  }
  reset: {
    title: string
    intro: string
    newPassword: string
    repeatPassword: string
    repeatPlaceholder: string
    mismatch: string
    submit: string
    back: string
    done: string
  }
  register: {
    birthDate: string
    birthDateHint: string
    guardianTitle: string
    guardianIntro: string
    guardianName: string
    guardianNamePlaceholder: string
    guardianPhone: string
    guardianConsent: string
    guardianConsentRequired: string
  }
  me: {
    privacyGroup: string
    residence: string
    residenceNone: string
    myData: string
    deleteAccount: string
  }
  residence: {
    title: string
    current: string
    none: string
    community: string
    grid: string
    noGrid: string
    choose: string
    address: string
    addressPlaceholder: string
    save: string
    saved: string
    communityRequired: string
    hallHint: string
    pickTitle: string
    searchPlaceholder: string
    searching: string
    noMatch: string
    noCommunities: string
    tooMany: string
    where: string
    gridCount: string
    gridTitle: string
    chooseCommunityFirst: string
  }
  myData: {
    title: string
    intro: string
    export: string
    exported: string
    empty: string
    count: string
    sections: Record<MyDataSection, string>
    fields: Record<MyDataField, string>
    yes: string
    no: string
    self: string
    others: string
    status: { active: string; disabled: string; deleted: string }
    consentKinds: { privacy_notice: string; guardian: string; photo: string }
    memberStatus: { invited: string; requested: string; active: string; declined: string; left: string }
    actions: Record<RecordAction, string>
  }
  deletion: {
    title: string
    warning: string
    deletedTitle: string
    deleted: string[]
    keptTitle: string
    kept: string[]
    afterTitle: string
    after: string[]
    proofTitle: string
    byPassword: string
    bySms: string
    smsTo: string
    submit: string
    confirmTitle: string
    confirmMessage: string
    confirm: string
    done: string
  }
  idTypes: Record<IdType, string>
  residents: {
    nav: string
    title: string
    intro: string
    phone: string
    phonePlaceholder: string
    find: string
    found: string
    foundHint: string
    notFound: string
    contactTitle: string
    contactNotice: string
    viewContact: string
    contactName: string
    contactPhone: string
    contactGrid: string
    contactAddress: string
    notResident: string
    resetTitle: string
    resetIntro: string
    newPassword: string
    repeatPassword: string
    mismatch: string
    reset: string
    resetDone: string
    verifyTitle: string
    verifyIntro: string
    idType: string
    idNumber: string
    idNumberPlaceholder: string
    verify: string
    verified: string
    none: string
    residenceTitle: string
    residenceIntro: string
    residenceCommunity: string
    residenceGrid: string
    residenceNoGrid: string
    residenceAddress: string
    residenceAddressPlaceholder: string
    residenceSubmit: string
    residenceDone: string
  }
}
