/**
 * GET /exports/points-report.xlsx?communityId=&from=YYYY-MM&to=YYYY-MM — the points report as a
 * spreadsheet (exceljs), for the staff (and admins above) who may read it, with the bearer token.
 * Errors answer JSON `{ error: { code } }` like the file routes.
 */
import { DomainError } from '@linli/shared'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { bearer } from '../../platform/storage/index.ts'
import type { ReportMonth } from './points.service.ts'

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  INVALID_TOKEN: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
}

const COLUMNS: { key: keyof ReportMonth; header: string; width: number }[] = [
  { key: 'month', header: '月份', width: 18 },
  { key: 'issued', header: '发放', width: 10 },
  { key: 'reversed', header: '冲减', width: 10 },
  { key: 'deducted', header: '扣减', width: 10 },
  { key: 'redeemed', header: '兑换', width: 10 },
  { key: 'refunded', header: '退回', width: 10 },
  { key: 'expired', header: '过期', width: 10 },
  { key: 'outstanding', header: '月末余额', width: 12 },
  { key: 'owed', header: '月末待抵扣', width: 12 },
  { key: 'fulfilledCount', header: '核销笔数', width: 10 },
]

export async function pointsExportRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { communityId?: string; from?: string; to?: string } }>(
    '/exports/points-report.xlsx',
    async (request, reply) => {
      try {
        const token = bearer(request)
        if (!token) throw new DomainError('UNAUTHENTICATED', 'Sign in first')
        const viewer = await app.authService.viewerFromToken(token)
        const q = request.query
        const report = await app.pointsService.report(viewer, q.communityId ?? '', q.from ?? '', q.to ?? '')
        const [community] = (
          await app.db.execute<{ name: string }>(sql`select name from communities where id = ${report.communityId}`)
        ).rows
        const book = new ExcelJS.Workbook()
        book.created = app.clock.now()
        const sheet = book.addWorksheet('积分报表')
        sheet.columns = COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width }))
        for (const m of report.months) sheet.addRow(m)
        const total = sheet.addRow({ ...report.total, month: '合计' })
        total.font = { bold: true }
        sheet.getRow(1).font = { bold: true }
        sheet.views = [{ state: 'frozen', ySplit: 1 }]
        const bytes = Buffer.from(await book.xlsx.writeBuffer())
        const name = `${community?.name ?? 'points'}-积分报表-${report.from}-${report.to}.xlsx`
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="points-report.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
          )
          .header('cache-control', 'no-store')
          .send(bytes)
      } catch (error) {
        if (error instanceof DomainError) {
          return reply
            .code(STATUS[error.code] ?? 400)
            .header('cache-control', 'no-store')
            .send({ error: { code: error.code } })
        }
        throw error
      }
    },
  )
}
