/**
 * Who is offered the certificate pages: community staff issue and revoke on the console; anyone
 * on the phone face finds 我的证明 (the server answers only their own). The server checks again.
 */
import type { Role } from '@linli/shared'

export const CERTIFICATES_PATH = '/console/certificates'

export function canOpenCertificatesPage(role: Role | null): boolean {
  return role === 'community_staff'
}
