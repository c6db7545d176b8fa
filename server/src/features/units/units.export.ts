/**
 * GET /exports/roster.xlsx?unitId=&status=active|requested|invited&reason= — a unit's 单位成员 tab
 * as its admin sees it, every page in its order; phones masked unless the admin gives a reason
 * (audited). Staff of an alliance community may export it masked.
 */
import { DomainError } from '@linli/shared'
import type { FastifyInstance } from 'fastify'
import { exportReason, exportRoute, shanghaiMinute } from '../../lib/xlsx-export.ts'
import type { UnitMemberStatus } from './units.repository.ts'

export const ROSTER_EXPORT_COLUMNS = ['姓名', '手机号', '党员', '状态', '加入时间', '邀请或申请时间']
const MEMBER_STATUS: Record<UnitMemberStatus, string> = {
  active: '在册',
  requested: '待审批',
  invited: '已邀请',
  declined: '已拒绝',
  left: '已离开',
}

export async function unitsExportRoutes(app: FastifyInstance) {
  exportRoute(app, '/exports/roster.xlsx', async (viewer, q) => {
    const status = (q.status || 'active') as UnitMemberStatus
    if (!Object.hasOwn(MEMBER_STATUS, status)) {
      throw new DomainError('BAD_USER_INPUT', 'Unknown status', { field: 'status' })
    }
    const roster = await app.unitsService.exportRoster(viewer, q.unitId ?? '', status, exportReason(q))
    return {
      title: `单位成员（${MEMBER_STATUS[status]}）`,
      asciiName: 'roster.xlsx',
      placeName: roster.unit.name,
      header: ROSTER_EXPORT_COLUMNS,
      widths: [10, 14, 6, 8, 18, 18],
      rows: roster.members.map((m) => [
        m.user.realName,
        m.user.phone,
        m.isPartyMember ? '是' : '',
        MEMBER_STATUS[m.status] ?? m.status,
        m.joinedAt ? shanghaiMinute(m.joinedAt) : '',
        shanghaiMinute(m.createdAt),
      ]),
    }
  })
}
