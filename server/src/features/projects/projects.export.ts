/**
 * GET /exports/projects.xlsx?communityId=&states=published,claimed&category=&search= — 项目清单
 * as staff see it with the filters on screen (the same service, every page, in its order): the
 * list's columns, the claiming units (the lead first). No phones.
 */
import { claimMachine, DomainError, projectMachine, type ClaimState, type ProjectState } from '@linli/shared'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { communityName, everyPage, exportRoute, shanghaiMinute, zhTerm } from '../../lib/xlsx-export.ts'

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
    const rows = await everyPage((after) =>
      app.projectsService.communityProjects(
        viewer,
        communityId,
        { filter, first: 50, after },
        { claims: true, needs: false, resources: false },
        false,
      ),
    )
    const settings = await app.settingsService.effective(app.db, communityId)
    const categoryName = new Map(settings.categories.map((c) => [c.code, c.name]))
    return {
      title: '项目清单',
      asciiName: 'projects.xlsx',
      placeName: await communityName(app.db, communityId),
      header: PROJECTS_EXPORT_COLUMNS,
      widths: [28, 12, 10, 8, 10, 10, 36, 18],
      rows: rows.map((p) => [
        p.title,
        categoryName.get(p.category) ?? p.category,
        zhTerm('modes', p.mode),
        zhTerm('cadences', p.cadence),
        zhTerm('projectStates', p.state),
        `${p.taken}/${p.capacity}`,
        (p.liveClaims ?? []).map((c, i) => (i === 0 ? `${c.unit.name}（牵头）` : c.unit.name)).join('、'),
        p.startsAt ? shanghaiMinute(p.startsAt) : '',
      ]),
    }
  })
}

export const CLAIMS_EXPORT_COLUMNS = [
  '项目',
  '认领方式',
  '社区',
  '认领状态',
  '牵头',
  '项目状态',
  '派出志愿者',
  '认领时间',
]

/**
 * GET /exports/claims.xlsx?unitId=&states= — 我的认领 as the unit's admin sees it: every claim,
 * newest first, with the page's columns. No phones (a claim names none).
 */
export async function claimsExportRoutes(app: FastifyInstance) {
  exportRoute(app, '/exports/claims.xlsx', async (viewer, q) => {
    const states = (q.states ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    if (states.some((s) => !(claimMachine.states as readonly string[]).includes(s))) {
      throw new DomainError('BAD_USER_INPUT', 'Unknown state', { field: 'states' })
    }
    const unitId = q.unitId ?? ''
    const claims = await everyPage((after) =>
      app.claimsService.unitClaims(viewer, unitId, {
        states: states.length > 0 ? (states as ClaimState[]) : null,
        first: 100,
        after,
      }),
    )
    const [unit] = (await app.db.execute(sql`select name from units where id = ${unitId}`)).rows
    return {
      title: '认领记录',
      asciiName: 'claims.xlsx',
      placeName: String(unit?.name ?? ''),
      header: CLAIMS_EXPORT_COLUMNS,
      widths: [28, 10, 14, 10, 6, 10, 10, 18],
      rows: claims.map((c) => [
        c.project.title,
        zhTerm('modes', c.project.mode),
        c.project.communityName,
        zhTerm('claimStates', c.state),
        c.lead ? '牵头' : '',
        zhTerm('projectStates', c.project.state),
        c.volunteers,
        shanghaiMinute(c.createdAt),
      ]),
    }
  })
}
