/**
 * Who may read a certificate, and the rules of its contents, as pure functions: the holder and
 * the issuing community's staff read it in full; anyone with the serial sees only what
 * `publicView` keeps.
 */
import { maskName, type CertificateState } from '@linli/shared'
import type { Viewer } from '../../graphql/context.ts'

/** The longest 服务内容 a certificate carries. */
export const SERVICE_CONTENT_MAX = 200

/** Is the viewer staff of this community (a community_staff grant on it)? */
export function isStaffOf(viewer: Viewer, communityId: string): boolean {
  return viewer.grants.some(
    (g) => g.role === 'community_staff' && g.scopeType === 'community' && g.scopeId === communityId,
  )
}

/** The holder and the issuing community's staff; nobody else (the admins above included). */
export function canReadCertificate(viewer: Viewer, cert: { communityId: string; volunteerId: string }): boolean {
  return viewer.userId === cert.volunteerId || isStaffOf(viewer, cert.communityId)
}

/**
 * 服务内容 by default: the activities' titles, each once, in the order first served, joined by
 * 、 and cut to SERVICE_CONTENT_MAX characters (ending in … when cut).
 */
export function defaultServiceContent(titles: readonly string[]): string {
  const distinct = [...new Set(titles.map((t) => t.trim()).filter(Boolean))]
  const chars = [...distinct.join('、')]
  if (chars.length <= SERVICE_CONTENT_MAX) return chars.join('')
  return `${chars.slice(0, SERVICE_CONTENT_MAX - 1).join('')}…`
}

export interface PublicCertificateSource {
  serial: string
  realName: string
  minutes: number
  communityName: string
  issuedAt: Date
  state: CertificateState
  revokedAt: Date | null
}

/** What anyone with the serial may see: the masked name, hours, issuer, date, validity — nothing more. */
export function publicView(c: PublicCertificateSource) {
  return {
    serial: c.serial,
    maskedName: maskName(c.realName),
    minutes: c.minutes,
    issuerName: c.communityName,
    issuedAt: c.issuedAt,
    state: c.state,
    revokedAt: c.revokedAt,
  }
}

/** Hours with one decimal, as the notification and the pages say them. */
export function hoursText(minutes: number): string {
  return (Math.round(minutes / 6) / 10).toFixed(1)
}
