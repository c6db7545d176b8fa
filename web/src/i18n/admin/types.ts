import type { SettingKey, SettingSource } from '@linli/shared'

/** Audit actions with a translation; others are shown as the server names them. */
export const AUDIT_ACTIONS = [
  'street.create',
  'community.create',
  'grid.create',
  'street.rename',
  'community.rename',
  'grid.rename',
  'role.grant',
  'role.revoke',
  'setting.set',
  'setting.reset',
  'contact.view',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
/** Message keys cannot hold dots: `community.create` is found under `community_create`. */
type Underscored<T> = T extends `${infer A}.${infer B}` ? `${A}_${B}` : never
export type AuditActionKey = Underscored<AuditAction>

/** The admin console's messages (places, role grants, settings, audit), in every locale. */
export interface AdminMessages {
  nav: { places: string; roles: string; settings: string; audit: string }
  common: {
    save: string
    cancel: string
    edit: string
    confirm: string
    loading: string
    retry: string
    saved: string
    notFound: string
    notFoundHint: string
  }
  placeKinds: { district: string; street: string; community: string; grid: string }
  places: {
    title: string
    intro: string
    add: { street: string; community: string; grid: string }
    rename: string
    addTitle: string
    renameTitle: string
    name: string
    namePlaceholder: string
    created: string
    renamed: string
    empty: string
  }
  roles: {
    title: string
    intro: string
    tree: string
    grantsOf: string
    name: string
    phone: string
    role: string
    scope: string
    grantedAt: string
    actions: string
    revoke: string
    revokeConfirm: string
    revoked: string
    empty: string
    formTitle: string
    phonePlaceholder: string
    find: string
    findFirst: string
    found: string
    notRegistered: string
    pickRole: string
    pickScope: string
    noScopes: string
    grant: string
    granted: string
    nothingToGrant: string
  }
  settings: {
    title: string
    introCommunity: string
    introDefaults: string
    introReadOnly: string
    defaultsOf: string
    communityOf: string
    view: string
    viewDefaults: string
    viewCommunity: string
    pickCommunity: string
    own: string
    inheriting: Record<SettingSource, string>
    from: Record<SettingSource, string>
    inheritedFrom: string
    reset: string
    resetConfirm: string
    resetDone: string
    notFound: string
    keys: Record<SettingKey, { name: string; help: string }>
    units: { minutes: string; hours: string; days: string; months: string; points: string; percent: string }
    off: { perActivityHourCap: string; validityThresholdPercent: string }
    offToggle: { perActivityHourCap: string; validityThresholdPercent: string }
    yes: string
    no: string
    expiry: { never: string; end_of_following_year: string }
    categories: {
      name: string
      nameEn: string
      coefficient: string
      code: string
      codeNew: string
      add: string
      remove: string
      row: string
      summary: string
    }
  }
  audit: {
    title: string
    intro: string
    at: string
    actor: string
    action: string
    summary: string
    more: string
    end: string
    empty: string
    system: string
    actions: Record<AuditActionKey, string>
    named: string
    renamed: string
    grant: string
    setting: string
    unset: string
    reason: string
  }
}
