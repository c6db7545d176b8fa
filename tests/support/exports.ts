/**
 * Excel out in tests: the demo seeded, tokens for its people, and an export route's answer read
 * back with exceljs as rows of text (the header first).
 */
import { sql } from '@linli/server/db'
import { DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import ExcelJS from 'exceljs'
import { buildTestApp, type TestApp } from './app.ts'
import { LOGIN, type LoginData } from './gql.ts'

export interface ExportWorld {
  t: TestApp
  sunshine: string
  tokens: Record<string, string>
  /** GET `url`: the status and, on 200, the sheet's rows as text. */
  exported(url: string, token?: string): Promise<{ status: number; rows: string[][] }>
}

export async function buildExportWorld(phones = ['13900000005', '13900000008']): Promise<ExportWorld> {
  const t = await buildTestApp()
  await seedDemo(t.database.db, t.clock)
  const tokens: Record<string, string> = {}
  for (const phone of phones) {
    tokens[phone] = (await t.gql<LoginData>(LOGIN, { phone, password: DEMO_PASSWORD })).data!.login.accessToken
  }
  const sunshine = (await t.database.db.execute(sql`select id from communities where name = '阳光社区'`)).rows[0]!
    .id as string
  return {
    t,
    sunshine,
    tokens,
    async exported(url, token = tokens[phones[0]!]) {
      const res = await t.app.inject({
        method: 'GET',
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      })
      if (res.statusCode !== 200) return { status: res.statusCode, rows: [] }
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
      const rows: string[][] = []
      book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
      return { status: res.statusCode, rows }
    },
  }
}
