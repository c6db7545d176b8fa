/**
 * GET /exports/points-holders.xlsx?communityId=&search=&reason= — 积分管理's list of holders as staff
 * see it (balance, owed, reserved), every page in its order; phones masked unless a reason is
 * given (audited). GET /exports/points-statement.xlsx?communityId=&volunteerId= — a holder's
 * 积分明细 (the ledger lines staff open from the list), newest first, every page.
 */
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { DomainError, type PostingKind } from '@linli/shared'
import { communityName, everyPage, exportReason, exportRoute, shanghaiMinute } from '../../lib/xlsx-export.ts'

export const STATEMENT_EXPORT_COLUMNS = ['时间', '类型', '事项', '积分', '余额', '待抵扣变动', '说明', '到期']
const KIND: Record<PostingKind, string> = {
  earn: '获得',
  bonus: '奖励',
  redeem: '兑换',
  refund: '退回',
  reverse: '冲减',
  adjust: '调整',
  expire: '过期',
}

export const HOLDERS_EXPORT_COLUMNS = ['志愿者', '手机号', '积分余额', '待抵扣', '兑换中']

export async function pointsHoldersExportRoutes(app: FastifyInstance) {
  exportRoute(app, '/exports/points-holders.xlsx', async (viewer, q) => {
    const communityId = q.communityId ?? ''
    const rows = await app.pointsService.exportHolders(viewer, communityId, q.search || null, exportReason(q))
    return {
      title: '积分账户',
      asciiName: 'points-holders.xlsx',
      placeName: await communityName(app.db, communityId),
      header: HOLDERS_EXPORT_COLUMNS,
      widths: [12, 14, 10, 10, 10],
      rows: rows.map((r) => [r.realName, r.phone, r.balance, r.owed, r.reserved]),
    }
  })

  exportRoute(app, '/exports/points-statement.xlsx', async (viewer, q) => {
    const communityId = q.communityId ?? ''
    const volunteerId = q.volunteerId ?? ''
    const lines = await everyPage((after) =>
      app.pointsService
        .volunteerStatement(viewer, communityId, volunteerId, 100, after)
        .then((s) => ({ nodes: s.lines, pageInfo: s.pageInfo })),
    )
    const [who] = (
      await app.db.execute(sql`select u.real_name as name, c.name as place from users u, communities c
        where u.id = ${volunteerId} and c.id = ${communityId}`)
    ).rows
    if (!who) throw new DomainError('NOT_FOUND', 'person not found')
    return {
      title: `积分明细（${String(who.name)}）`,
      asciiName: 'points-statement.xlsx',
      placeName: String(who.place),
      header: STATEMENT_EXPORT_COLUMNS,
      widths: [18, 8, 26, 8, 8, 10, 24, 12],
      rows: lines.map((l) => [
        shanghaiMinute(l.createdAt),
        KIND[l.kind] ?? l.kind,
        l.subject ?? '',
        l.amount,
        l.balanceAfter,
        l.owedChange || '',
        l.reason ?? '',
        l.kind === 'expire' && l.batchExpiresAt
          ? shanghaiMinute(l.batchExpiresAt).slice(0, 10)
          : l.expiresAt && l.amount > 0
            ? shanghaiMinute(l.expiresAt).slice(0, 10)
            : '',
      ]),
    }
  })
}
