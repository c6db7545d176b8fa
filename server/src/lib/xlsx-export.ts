/**
 * Excel out (issue 9): a list as a one-sheet .xlsx over plain HTTP with the bearer token. Each
 * export route gives the viewer and the query to its list's own service — the same rows the
 * console shows with the same filters — and this writes the sheet. Errors answer JSON
 * `{ error: { code } }` with the file routes' statuses.
 */
import { DomainError, ZH_TERMS, type TermsMessages } from '@linli/shared'
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { isUuid } from '../access/places.ts'
import type { Db } from '../db/index.ts'
import type { Viewer } from '../graphql/context.ts'
import { sendError, viewerOf } from '../platform/storage/index.ts'

export interface ExportSheet {
  /** The sheet's name and the file's (Chinese) name, e.g. 需求清单. */
  title: string
  /** An ASCII file name for old browsers, e.g. needs.xlsx. */
  asciiName: string
  /** Prefix of the file name (the community's name). */
  placeName: string
  header: string[]
  widths: number[]
  rows: (string | number)[][]
}

/** Query parameters as strings; `reason` (why whole phones are needed) trimmed, at least 2 characters. */
export type ExportQuery = Record<string, string | undefined>

export function exportReason(q: ExportQuery): string | null {
  const reason = (q.reason ?? '').trim()
  if (!reason) return null
  if (reason.length < 2) throw new DomainError('BAD_USER_INPUT', 'Give a reason', { field: 'reason' })
  return reason.slice(0, 200)
}

/** A cap on an export's rows: a list staff page through is far smaller; this stops a runaway file. */
export const EXPORT_ROW_LIMIT = 20_000

/** Every page of a list's connection, in its order, as the console pages through it (up to EXPORT_ROW_LIMIT rows). */
export async function everyPage<T>(
  page: (after: string | null) => Promise<{ nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>,
): Promise<T[]> {
  const rows: T[] = []
  for (let after: string | null = null; rows.length < EXPORT_ROW_LIMIT;) {
    const next = await page(after)
    rows.push(...next.nodes)
    if (!next.pageInfo.hasNextPage) break
    after = next.pageInfo.endCursor
  }
  return rows
}

/** Every row of an offset-paged list (a total and pages of `size`), in its order, up to EXPORT_ROW_LIMIT rows. */
export async function everyOffsetPage<T>(
  size: number,
  page: (offset: number) => Promise<{ total: number; rows: T[] }>,
): Promise<T[]> {
  const rows: T[] = []
  for (let total = Infinity; rows.length < total && rows.length < EXPORT_ROW_LIMIT;) {
    const next = await page(rows.length)
    total = next.total
    if (next.rows.length === 0) break
    rows.push(...next.rows.slice(0, size))
  }
  return rows
}

/** The community's name for the file's name ('' when the id names none: the list refused it already). */
export async function communityName(db: Db, communityId: string): Promise<string> {
  if (!isUuid(communityId)) return ''
  const [row] = (await db.execute(sql`select name from communities where id = ${communityId}`)).rows
  return String(row?.name ?? '')
}

/** A state's or kind's Chinese word as the screen shows it (the value itself if unknown). */
export const zhTerm = (group: keyof TermsMessages, value: string): string =>
  (ZH_TERMS[group] as Record<string, string>)[value] ?? value

/** Shanghai time as staff read it: 2026-11-22 09:30. */
export const shanghaiMinute = (d: Date) =>
  new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')

export function exportRoute(
  app: FastifyInstance,
  path: string,
  build: (viewer: Viewer, query: ExportQuery) => Promise<ExportSheet>,
) {
  app.get<{ Querystring: ExportQuery }>(path, async (request, reply) => {
    try {
      const viewer = await viewerOf(app, request)
      if (!viewer) return sendError(reply, 'UNAUTHENTICATED')
      const sheet = await build(viewer, request.query)
      const book = new ExcelJS.Workbook()
      book.created = app.clock.now()
      const ws = book.addWorksheet(sheet.title)
      ws.addRow(sheet.header)
      for (const row of sheet.rows) ws.addRow(row)
      ws.getRow(1).font = { bold: true }
      ws.views = [{ state: 'frozen', ySplit: 1 }]
      ws.columns.forEach((c, i) => (c.width = sheet.widths[i] ?? 14))
      const bytes = Buffer.from(await book.xlsx.writeBuffer())
      const name = `${sheet.placeName}-${sheet.title}.xlsx`
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="${sheet.asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-store')
        .send(bytes)
    } catch (error) {
      if (error instanceof DomainError) return sendError(reply, error.code, error.details)
      throw error
    }
  })
}
