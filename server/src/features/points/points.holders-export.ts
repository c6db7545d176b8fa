/**
 * GET /exports/points-holders.xlsx?communityId=&search=&reason= — 积分管理's list of holders as staff
 * see it (balance, owed, reserved), every page in its order; phones masked unless a reason is
 * given (audited).
 */
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { exportReason, exportRoute } from '../../lib/xlsx-export.ts'

export const HOLDERS_EXPORT_COLUMNS = ['志愿者', '手机号', '积分余额', '待抵扣', '兑换中']

export async function pointsHoldersExportRoutes(app: FastifyInstance) {
  exportRoute(app, '/exports/points-holders.xlsx', async (viewer, q) => {
    const communityId = q.communityId ?? ''
    const rows = await app.pointsService.exportHolders(viewer, communityId, q.search || null, exportReason(q))
    const [place] = (await app.db.execute(sql`select name from communities where id = ${communityId}`)).rows
    return {
      title: '积分账户',
      asciiName: 'points-holders.xlsx',
      placeName: String(place?.name ?? ''),
      header: HOLDERS_EXPORT_COLUMNS,
      widths: [12, 14, 10, 10, 10],
      rows: rows.map((r) => [r.realName, r.phone, r.balance, r.owed, r.reserved]),
    }
  })
}
