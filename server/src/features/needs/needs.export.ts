/**
 * GET /exports/needs.xlsx?communityId=&states=accepted,planned&category=&gridId=&channel=&search=&reason=
 * — the need list as staff (or a grid worker) see it, with the filters on screen, as a
 * spreadsheet (exceljs), with the bearer token. The columns are the list's, plus the contact
 * phone: masked, unless a reason is given (kept in the audit log with how many were shown).
 * Errors answer JSON `{ error: { code } }` like the file routes (lib/xlsx-export.ts).
 */
import { DomainError, NEED_CHANNELS, needMachine, type NeedChannel, type NeedState } from '@linli/shared'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { exportReason, exportRoute, zhTerm, shanghaiMinute } from '../../lib/xlsx-export.ts'

/** The columns of the console's need list, and the contact phone. */
export const NEEDS_EXPORT_COLUMNS = ['标题', '类别', '网格', '渠道', '紧急程度', '为谁', '联系电话', '提交时间', '状态']

export async function needsExportRoutes(app: FastifyInstance) {
  exportRoute(app, '/exports/needs.xlsx', async (viewer, q) => {
    const states = (q.states ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    if (states.some((s) => !(needMachine.states as readonly string[]).includes(s))) {
      throw new DomainError('BAD_USER_INPUT', 'Unknown state', { field: 'states' })
    }
    if (q.channel && !(NEED_CHANNELS as readonly string[]).includes(q.channel)) {
      throw new DomainError('BAD_USER_INPUT', 'Unknown channel', { field: 'channel' })
    }
    const reason = exportReason(q)
    const communityId = q.communityId ?? ''
    const filter = {
      states: states.length > 0 ? (states as NeedState[]) : null,
      category: q.category || null,
      gridId: q.gridId || null,
      channel: (q.channel || null) as NeedChannel | null,
      search: q.search || null,
    }
    const rows = await app.needsService.exportRows(viewer, communityId, filter, reason)
    const [names] = (
      await app.db.execute(sql`select (select name from communities where id = ${communityId}) as community,
        coalesce((select json_object_agg(id, name) from grids where community_id = ${communityId}), '{}'::json) as grids`)
    ).rows as { community: string | null; grids: Record<string, string> | string }[]
    const gridNames =
      typeof names?.grids === 'string' ? (JSON.parse(names.grids) as Record<string, string>) : (names?.grids ?? {})
    const settings = await app.settingsService.effective(app.db, communityId)
    const categoryName = new Map(settings.categories.map((c) => [c.code, c.name]))
    return {
      title: '需求清单',
      asciiName: 'needs.xlsx',
      placeName: names?.community ?? '',
      header: NEEDS_EXPORT_COLUMNS,
      widths: [28, 12, 20, 10, 10, 10, 14, 18, 10],
      rows: rows.map((n) => [
        n.title,
        categoryName.get(n.category) ?? n.category,
        n.gridId ? (gridNames[n.gridId] ?? '') : '全社区',
        zhTerm('channels', n.channel),
        zhTerm('urgencies', n.urgency),
        n.forName ?? '',
        n.contactPhone ?? '',
        shanghaiMinute(n.createdAt),
        zhTerm('needStates', n.state),
      ]),
    }
  })
}
