/** The unit admin's 成员服务 operations, typed by hand against server/src/features/volunteers/volunteers.graphql. */
import type { DualReportState } from '@linli/shared'
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'
import { DUAL_REPORT, type DualReport } from '../hours-console/operations.ts'

export type { DualReport, DualReportState }

export interface UnitMemberService {
  member: { id: string; realName: string; phone: string }
  isPartyMember: boolean
  dualReportState: DualReportState | null
  reportedIn: boolean
  approvedMinutesThisYear: number
  targetHours: number
  reachedTarget: boolean
}

export interface UnitServiceSummary {
  unitId: string
  year: number
  partyMembers: number
  reportedIn: number
  reachedTarget: number
  /** 0 … 1, null when there is no party member on the roster. */
  reportInRate: number | null
  /** 0 … 1, null when nobody has reported in. */
  completionRate: number | null
  members: UnitMemberService[]
}

export const UnitMembersServiceQuery: TypedDocumentNode<
  { unitMembersService: UnitServiceSummary },
  { unitId: string; year: number | null }
> = gql`
  query UnitServiceMembers($unitId: ID!, $year: Int) {
    unitMembersService(unitId: $unitId, year: $year) {
      unitId
      year
      partyMembers
      reportedIn
      reachedTarget
      reportInRate
      completionRate
      members {
        member {
          id
          realName
          phone
        }
        isPartyMember
        dualReportState
        reportedIn
        approvedMinutesThisYear
        targetHours
        reachedTarget
      }
    }
  }
`

export const UnitDualReportsQuery: TypedDocumentNode<
  { unitDualReports: DualReport[] },
  { unitId: string; state: DualReportState | null }
> = gql`
  query UnitServiceDualReports($unitId: ID!, $state: DualReportState) {
    unitDualReports(unitId: $unitId, state: $state) { ${DUAL_REPORT} }
  }
`
