import type { CertificateState, IdType } from '@linli/shared'

/**
 * 志愿服务记录证明 in every locale: the public 证明查验 page, the print page with the national
 * fields, the volunteer's 我的证明 and the staff's 证明管理 with its issue and revoke dialogs.
 */
export interface CertificatesMessages {
  titles: { mine: string; verify: string; print: string; console: string }
  nav: { console: string; mine: string; mineHint: string }
  states: Record<CertificateState, string>
  idTypes: Record<IdType, string>
  /** "{hours} 小时": hours with one decimal. */
  hours: string
  fields: {
    name: string
    idType: string
    idNumber: string
    volunteerNumber: string
    hours: string
    serviceContent: string
    period: string
    issuer: string
    personInCharge: string
    handler: string
    contactPhone: string
    serial: string
    issuedAt: string
    revokedAt: string
    revokeReason: string
    volunteer: string
    state: string
  }
  verify: {
    brand: string
    heading: string
    intro: string
    serialLabel: string
    serialPlaceholder: string
    serialInvalid: string
    submit: string
    loading: string
    notFound: string
    notFoundHint: string
    validNote: string
    revokedNote: string
    privacyNote: string
    checkAnother: string
  }
  print: {
    title: string
    /** The statement above the fields: {name}, {from}, {to}, {community}, {hours}. */
    statement: string
    closing: string
    sealCaption: string
    qrCaption: string
    print: string
    back: string
    revokedBanner: string
    notFound: string
  }
  mine: { empty: string; issuedBy: string; open: string; print: string; verify: string }
  console: {
    intro: string
    issue: string
    revoke: string
    revokeTitle: string
    revokeConfirm: string
    revoked: string
    issued: string
    empty: string
    print: string
    noScope: string
    filterAll: string
  }
  issue: {
    title: string
    volunteer: string
    findByPhone: string
    phonePlaceholder: string
    search: string
    candidates: string
    noCandidates: string
    candidate: string
    period: string
    from: string
    to: string
    serviceContent: string
    serviceContentHint: string
    personInCharge: string
    contactPhone: string
    submit: string
    cancel: string
    pickVolunteer: string
    pickPeriod: string
    noHours: string
  }
}
