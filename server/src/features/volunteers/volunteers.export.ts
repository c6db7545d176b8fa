/**
 * GET /exports/volunteers.xlsx?communityId=&search=&reason= — 志愿者名册 as staff see it (the
 * search on screen, every page, its order and columns); phones masked unless a reason is given
 * (audited).
 */
import type { FastifyInstance } from 'fastify'
import { communityName, exportReason, exportRoute, shanghaiMinute } from '../../lib/xlsx-export.ts'

export const VOLUNTEERS_EXPORT_COLUMNS = [
  '姓名',
  '手机号',
  '志愿者编号',
  '网格',
  '党员',
  '实名核验',
  '志愿服务队',
  '服务时长（小时）',
  '注册时间',
]

export async function volunteersExportRoutes(app: FastifyInstance) {
  exportRoute(app, '/exports/volunteers.xlsx', async (viewer, q) => {
    const communityId = q.communityId ?? ''
    const rows = await app.volunteersService.exportCommunityVolunteers(
      viewer,
      communityId,
      q.search?.trim() || null,
      exportReason(q),
    )
    return {
      title: '志愿者名册',
      asciiName: 'volunteers.xlsx',
      placeName: await communityName(app.db, communityId),
      header: VOLUNTEERS_EXPORT_COLUMNS,
      widths: [10, 14, 14, 12, 6, 8, 24, 14, 18],
      rows: rows.map((v) => [
        v.realName,
        v.phone,
        v.volunteerNumber,
        v.gridName ?? '',
        v.isPartyMember ? '是' : '',
        v.realNameVerified ? '已核验' : '',
        v.teams.join('、'),
        Math.round((v.minutes / 60) * 10) / 10,
        shanghaiMinute(v.registeredAt),
      ]),
    }
  })
}
