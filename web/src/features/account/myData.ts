/**
 * 我的数据: the `myData` document (everything held about the person) arranged into readable
 * sections, and its export as a JSON file. The sections show the fields a person can read;
 * the export holds the whole document as the server sent it.
 */
import { shanghaiDateOf } from '@linli/shared'
import { MY_DATA_SECTIONS, type MyDataField, type MyDataSection } from '../../i18n/accounts/types.ts'

export interface DataEntry {
  fields: { key: MyDataField; value: unknown }[]
}

export interface DataSectionView {
  key: MyDataSection
  entries: DataEntry[]
}

interface Source {
  /** Where the section's entries are in the document. */
  path: string
  fields: readonly MyDataField[]
  /** Newest first (the server lists oldest first). */
  newestFirst?: boolean
}

const SOURCES: Record<MyDataSection, Source> = {
  profile: {
    path: 'profile',
    fields: [
      'realName',
      'phone',
      'status',
      'birthDate',
      'idType',
      'idNumberMasked',
      'realNameVerifiedAt',
      'phoneVerifiedAt',
      'privacyNoticeVersion',
      'privacyConsentedAt',
      'guardianName',
      'guardianPhone',
      'guardianConsentedAt',
      'createdAt',
    ],
  },
  roles: { path: 'roleGrants', fields: ['role', 'scopeName', 'createdAt', 'revokedAt'] },
  residences: { path: 'residences', fields: ['communityName', 'gridName', 'address', 'updatedAt'] },
  consents: { path: 'consents', fields: ['kind', 'version', 'givenAt', 'withdrawnAt'] },
  units: { path: 'unitMemberships', fields: ['unitName', 'status', 'isPartyMember', 'joinedAt'] },
  teams: { path: 'teamMemberships', fields: ['teamName', 'joinedAt'] },
  sessions: { path: 'sessions', fields: ['createdAt', 'revokedAt'], newestFirst: true },
  records: { path: 'auditEvents', fields: ['at', 'action', 'actor', 'reason'], newestFirst: true },
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

/** The profile with its guardian flattened into fields of its own. */
function profileOf(doc: Record<string, unknown>): Record<string, unknown> {
  const profile = record(doc.profile)
  const guardian = record(profile.guardian)
  return {
    ...profile,
    guardianName: guardian.name ?? null,
    guardianPhone: guardian.phone ?? null,
    guardianConsentedAt: guardian.consentedAt ?? null,
  }
}

/** The document's sections in display order; a section the document lacks is empty. */
export function myDataSections(doc: unknown): DataSectionView[] {
  const root = record(doc)
  const profile = profileOf(root)
  const selfId = typeof profile.id === 'string' ? profile.id : null
  return MY_DATA_SECTIONS.map((key) => {
    const source = SOURCES[key]
    const raw = key === 'profile' ? (root.profile ? [profile] : []) : root[source.path]
    const items = (Array.isArray(raw) ? raw : []).map(record)
    if (source.newestFirst) items.reverse()
    const entries = items.map((item) => ({
      fields: source.fields.map((field) => ({
        key: field,
        value:
          field === 'actor' ? (item.actorId == null ? null : item.actorId === selfId ? 'self' : 'others') : item[field],
      })),
    }))
    return { key, entries }
  })
}

/** linli-my-data-<date>.json, the date as in China. */
export function exportFileName(now: Date = new Date()): string {
  return `linli-my-data-${shanghaiDateOf(now)}.json`
}

/** Save the document as a pretty-printed JSON file through the browser's download. */
export function downloadJson(doc: unknown, fileName: string): void {
  const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
