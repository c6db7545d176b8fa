/** The certificates operations (certificates SDL), typed by hand. */
import type { CertificateState, IdType } from '@linli/shared'
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'

export type { CertificateState, IdType }

export interface Certificate {
  id: string
  communityId: string
  communityName: string
  serial: string
  volunteerId: string
  realName: string
  idType: IdType | null
  idNumberMasked: string | null
  volunteerNumber: string | null
  minutes: number
  serviceContent: string
  periodFrom: string
  periodTo: string
  personInCharge: string
  handlerName: string
  contactPhone: string
  issuedAt: string
  state: CertificateState
  revokeReason: string | null
  revokedAt: string | null
}

/** The print page's certificate, with the seal image. */
export interface PrintableCertificate extends Certificate {
  sealSvg: string
}

export interface CertificateVerification {
  serial: string
  maskedName: string
  minutes: number
  issuerName: string
  issuedAt: string
  state: CertificateState
  revokedAt: string | null
}

export interface CertificateCandidate {
  volunteerId: string
  realName: string
  phone: string
  minutes: number
  firstServedAt: string
  lastServedAt: string
}

export interface CertificateInputVars {
  volunteerId: string
  from: string
  to: string
  serviceContent?: string | null
  personInCharge: string
  contactPhone: string
}

const FIELDS = `id communityId communityName serial volunteerId realName idType idNumberMasked volunteerNumber minutes
  serviceContent periodFrom periodTo personInCharge handlerName contactPhone issuedAt state revokeReason revokedAt`

/** Public: works signed in or not (the client sends it without refreshing a session first). */
export const VerifyCertificateQuery: TypedDocumentNode<
  { verifyCertificate: CertificateVerification | null },
  { serial: string }
> = gql`
  query VerifyCertificate($serial: String!) {
    verifyCertificate(serial: $serial) {
      serial
      maskedName
      minutes
      issuerName
      issuedAt
      state
      revokedAt
    }
  }
`

export const CertificateQuery: TypedDocumentNode<
  { certificate: PrintableCertificate },
  { communityId: string; id: string }
> = gql`
  query Certificate($communityId: ID!, $id: ID!) {
    certificate(communityId: $communityId, id: $id) { ${FIELDS} sealSvg }
  }
`

export const MyCertificatesQuery: TypedDocumentNode<{ myCertificates: Certificate[] }, Record<string, never>> = gql`
  query MyCertificates {
    myCertificates { ${FIELDS} }
  }
`

export const CertificatesQuery: TypedDocumentNode<
  { certificates: Certificate[] },
  { communityId: string; volunteerId: string | null }
> = gql`
  query Certificates($communityId: ID!, $volunteerId: ID) {
    certificates(communityId: $communityId, volunteerId: $volunteerId) { ${FIELDS} }
  }
`

export const CertificateCandidatesQuery: TypedDocumentNode<
  { certificateCandidates: CertificateCandidate[] },
  { communityId: string; phone: string | null; from: string | null; to: string | null }
> = gql`
  query CertificateCandidates($communityId: ID!, $phone: String, $from: DateTime, $to: DateTime) {
    certificateCandidates(communityId: $communityId, phone: $phone, from: $from, to: $to) {
      volunteerId
      realName
      phone
      minutes
      firstServedAt
      lastServedAt
    }
  }
`

export const IssueCertificateMutation: TypedDocumentNode<
  { issueCertificate: Certificate },
  { communityId: string; input: CertificateInputVars }
> = gql`
  mutation IssueCertificate($communityId: ID!, $input: CertificateInput!) {
    issueCertificate(communityId: $communityId, input: $input) { ${FIELDS} }
  }
`

export const RevokeCertificateMutation: TypedDocumentNode<
  { revokeCertificate: Certificate },
  { communityId: string; id: string; reason: string }
> = gql`
  mutation RevokeCertificate($communityId: ID!, $id: ID!, $reason: String!) {
    revokeCertificate(communityId: $communityId, id: $id, reason: $reason) { ${FIELDS} }
  }
`
