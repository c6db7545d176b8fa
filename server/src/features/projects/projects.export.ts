/**
 * GET /exports/projects.xlsx?communityId=&states=published,claimed&category=&search= — 项目清单
 * as staff see it with the filters on screen (the same service, every page, in its order): the
 * list's columns, the claiming units (the lead first). No phones.
 */
import { DomainError, projectMachine, type ProjectState } from '@linli/shared'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { exportRoute, shanghaiMinute } from '../../lib/xlsx-export.ts'

const STATE: Record<string, string> = {
  draft: '草稿',
  published: '已发布',
  claimed: '名额已满',
  in_progress: '进行中',
  completed: '已完成',
  evaluated: '已评价',
  closed: '已结项',
  cancelled: '已取消',
}
const MODE: Record<string, string> = { solo: '单独认领', joint: '组团式' }
const CADENCE: Record<string, string> = { one_off: '一次性', routine: '日常型' }

export const PROJECTS_EXPORT_COLUMNS = ['项目', '类别', '认领方式', '类型', '状态', '认领名额', '认领单位', '开始时间']

export async function projectsExportRoutes(app: FastifyInstance) {
  exportRoute(app, '/exports/projects.xlsx', async (viewer, q) => {
    const states = (q.states ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    if (states.some((s) => !(projectMachine.states as readonly string[]).includes(s))) {
      throw new DomainError('BAD_USER_INPUT', 'Unknown state', { field: 'states' })
    }
    const communityId = q.communityId ?? ''
    const filter = {
      states: states.length > 0 ? (states as ProjectState[]) : null,
      category: q.category || null,
      search: q.search || null,
    }
    const rows = []
    for (let after: string | null = null; rows.length < 20_000;) {
      const page = await app.projectsService.communityProjects(
        viewer,
        communityId,
        { filter, first: 50, after },
        { claims: true, needs: false, resources: false },
        false,
      )
      rows.push(...page.nodes)
      if (!page.pageInfo.hasNextPage) break
      after = page.pageInfo.endCursor
    }
    const [place] = (await app.db.execute(sql`select name from communities where id = ${communityId}`)).rows
    const settings = await app.settingsService.effective(app.db, communityId)
    const categoryName = new Map(settings.categories.map((c) => [c.code, c.name]))
    return {
      title: '项目清单',
      asciiName: 'projects.xlsx',
      placeName: String(place?.name ?? ''),
      header: PROJECTS_EXPORT_COLUMNS,
      widths: [28, 12, 10, 8, 10, 10, 36, 18],
      rows: rows.map((p) => [
        p.title,
        categoryName.get(p.category) ?? p.category,
        MODE[p.mode] ?? p.mode,
        CADENCE[p.cadence] ?? p.cadence,
        STATE[p.state] ?? p.state,
        `${p.taken}/${p.capacity}`,
        (p.liveClaims ?? []).map((c, i) => (i === 0 ? `${c.unit.name}（牵头）` : c.unit.name)).join('、'),
        p.startsAt ? shanghaiMinute(p.startsAt) : '',
      ]),
    }
  })
}
