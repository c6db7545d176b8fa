/**
 * GET /exports/rankings.xlsx?ranking=volunteers|units|teams|pioneers&scopeKind=community|street|district
 *   &scopeId=&period=all|2026|2026-11 — a ranking as the page shows it (the same service, the
 * same names masked or not, at most 200 rows), its formula in the last row. No phones.
 */
import { DomainError, type RankingPeriod } from '@linli/shared'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { exportRoute } from '../../lib/xlsx-export.ts'
import type { Scope } from './rankings.service.ts'

const periodOf = (p: string | undefined): RankingPeriod =>
  !p || p === 'all' ? { kind: 'all' } : p.length === 4 ? { kind: 'year', value: p } : { kind: 'month', value: p }

export async function rankingsExportRoutes(app: FastifyInstance) {
  exportRoute(app, '/exports/rankings.xlsx', async (viewer, q) => {
    const kind = q.scopeKind ?? 'community'
    if (!['community', 'street', 'district'].includes(kind)) {
      throw new DomainError('BAD_USER_INPUT', 'Unknown scope', { field: 'scopeKind' })
    }
    const scope = { kind, id: q.scopeId ?? '' } as Scope
    const period = periodOf(q.period)
    const s = app.rankingsService
    const [place] = (
      await app.db.execute(sql`select coalesce((select name from communities where id::text = ${scope.id}),
        (select name from streets where id::text = ${scope.id}), (select name from districts where id::text = ${scope.id})) as name`)
    ).rows
    const base = { asciiName: 'ranking.xlsx', placeName: String(place?.name ?? '') }
    switch (q.ranking ?? '') {
      case 'volunteers': {
        const r = await s.volunteers(viewer, scope, period, 200)
        return {
          ...base,
          title: '志愿者排行',
          header: ['名次', '姓名', '服务时长（小时）'],
          widths: [8, 14, 16],
          rows: [...r.rows.map((x) => [x.rank, x.name, x.hours]), ['说明', r.formula, '']],
        }
      }
      case 'units': {
        const r = await s.units(viewer, scope, period, 200)
        return {
          ...base,
          title: '联盟单位排行',
          header: [
            '名次',
            '单位',
            '贡献值',
            '认领项目',
            '服务志愿者',
            '服务时长（小时）',
            '服务人次',
            '平均评分',
            '提供资源',
          ],
          widths: [8, 24, 10, 10, 12, 16, 10, 10, 10],
          rows: [
            ...r.rows.map((x) => [
              x.rank,
              x.unitName,
              x.score,
              x.claims,
              x.volunteers,
              x.hours,
              x.peopleServed,
              x.averageRating ?? '',
              x.resources,
            ]),
            ['说明', r.formula],
          ],
        }
      }
      case 'teams': {
        const r = await s.teams(viewer, scope, period, 200)
        return {
          ...base,
          title: '志愿服务队排行',
          header: ['名次', '服务队', '所属', '成员', '服务人数', '服务时长（小时）'],
          widths: [8, 24, 20, 8, 10, 16],
          rows: [
            ...r.rows.map((x) => [x.rank, x.teamName, x.ownerName, x.members, x.membersServed, x.hours]),
            ['说明', r.formula],
          ],
        }
      }
      case 'pioneers': {
        const r = await s.pioneers(viewer, scope, period, 200)
        return {
          ...base,
          title: '先锋指数排行',
          header: ['名次', '姓名', '先锋指数', '服务时长（小时）', '双报到', '带队活动', '爽约次数'],
          widths: [8, 14, 10, 16, 8, 10, 10],
          rows: [
            ...r.rows.map((x) => [x.rank, x.name, x.index, x.hours, x.dualReport ? '是' : '否', x.led, x.noShows]),
            ['说明', r.formula],
          ],
        }
      }
      default:
        throw new DomainError('BAD_USER_INPUT', 'Unknown ranking', { field: 'ranking' })
    }
  })
}
