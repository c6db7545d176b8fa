/**
 * GET /exports/needs.xlsx?communityId=&states=accepted,planned&category=&gridId=&channel=&search=&reason=
 * — the need list as staff (or a grid worker) see it, with the filters on screen, as a
 * spreadsheet (exceljs), with the bearer token. The columns are the list's, plus the contact
 * phone: masked, unless a reason is given (kept in the audit log with how many were shown).
 * Errors answer JSON `{ error: { code } }` like the file routes.
 */
import { DomainError, NEED_CHANNELS, needMachine, type NeedChannel, type NeedState } from '@linli/shared'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { sendError, viewerOf } from '../../platform/storage/index.ts'

const STATE: Record<string, string> = {
  submitted: '待受理',
  accepted: '已受理',
  rejected: '未受理',
  merged: '已合并',
  withdrawn: '已撤回',
  planned: '已纳入项目',
  in_service: '服务中',
  resolved: '已办结',
  rated: '已评价',
  closed: '已关闭',
}
const CHANNEL: Record<string, string> = {
  online: '线上',
  service_hall: '服务大厅',
  grid_visit: '网格走访',
  hotline: '热线电话',
}
const URGENCY: Record<string, string> = { low: '不急', normal: '一般', high: '较急', urgent: '紧急' }

/** The columns of the console's need list, and the contact phone. */
export const NEEDS_EXPORT_COLUMNS = ['标题', '类别', '网格', '渠道', '紧急程度', '为谁', '联系电话', '提交时间', '状态']

const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')

export async function needsExportRoutes(app: FastifyInstance) {
  app.get<{
    Querystring: Record<string, string | undefined>
  }>('/exports/needs.xlsx', async (request, reply) => {
    try {
      const viewer = await viewerOf(app, request)
      if (!viewer) return sendError(reply, 'UNAUTHENTICATED')
      const q = request.query
      const states = (q.states ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
      if (states.some((s) => !(needMachine.states as readonly string[]).includes(s))) {
        return sendError(reply, 'BAD_USER_INPUT', { field: 'states' })
      }
      if (q.channel && !(NEED_CHANNELS as readonly string[]).includes(q.channel)) {
        return sendError(reply, 'BAD_USER_INPUT', { field: 'channel' })
      }
      const reason = (q.reason ?? '').trim()
      if (reason && reason.length < 2) return sendError(reply, 'BAD_USER_INPUT', { field: 'reason' })
      const communityId = q.communityId ?? ''
      const filter = {
        states: states.length > 0 ? (states as NeedState[]) : null,
        category: q.category || null,
        gridId: q.gridId || null,
        channel: (q.channel || null) as NeedChannel | null,
        search: q.search || null,
      }
      const rows = await app.needsService.exportRows(viewer, communityId, filter, reason ? reason.slice(0, 200) : null)
      const [names] = (
        await app.db.execute(sql`select (select name from communities where id = ${communityId}) as community,
          coalesce((select json_object_agg(id, name) from grids where community_id = ${communityId}), '{}'::json) as grids`)
      ).rows as { community: string | null; grids: Record<string, string> | string }[]
      const gridNames =
        typeof names?.grids === 'string' ? (JSON.parse(names.grids) as Record<string, string>) : (names?.grids ?? {})
      const settings = await app.settingsService.effective(app.db, communityId)
      const categoryName = new Map(settings.categories.map((c) => [c.code, c.name]))

      const book = new ExcelJS.Workbook()
      book.created = app.clock.now()
      const sheet = book.addWorksheet('需求清单')
      sheet.addRow(NEEDS_EXPORT_COLUMNS)
      for (const n of rows) {
        sheet.addRow([
          n.title,
          categoryName.get(n.category) ?? n.category,
          n.gridId ? (gridNames[n.gridId] ?? '') : '全社区',
          CHANNEL[n.channel] ?? n.channel,
          URGENCY[n.urgency] ?? n.urgency,
          n.forName ?? '',
          n.contactPhone ?? '',
          shanghai(n.createdAt),
          STATE[n.state] ?? n.state,
        ])
      }
      sheet.getRow(1).font = { bold: true }
      sheet.views = [{ state: 'frozen', ySplit: 1 }]
      sheet.columns.forEach((c, i) => (c.width = [28, 12, 20, 10, 10, 10, 14, 18, 10][i]))
      const bytes = Buffer.from(await book.xlsx.writeBuffer())
      const name = `${names?.community ?? 'needs'}-需求清单.xlsx`
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="needs.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-store')
        .send(bytes)
    } catch (error) {
      if (error instanceof DomainError) return sendError(reply, error.code)
      throw error
    }
  })
}
