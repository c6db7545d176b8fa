/**
 * Excel in (issue 9): residents and volunteers imported into a community from the template.
 * - The file is read and every row checked first (checkPeopleRows in @linli/shared: the reasons
 *   in Chinese, with row and column); phones already registered are skipped, not errors.
 * - `all_or_nothing` (the default) imports nothing when any row is wrong; `valid_only` imports
 *   the good rows. Either way the writes are one transaction: never half-done.
 * - A phone is the key: `insert … on conflict (phone) do nothing`, so importing the same file
 *   again (or twice at once) adds nobody twice.
 * - Progress (rows checked, rows written) is kept in this process while it runs; the import's
 *   record (people_imports) holds the result and the error report afterwards.
 * Each person imported gets the resident role, a residence in the community (and grid), the
 * privacy consent recorded as given on paper at the import's time, and — for 志愿者 — the
 * volunteer role and a profile with a Linli volunteer number.
 */
import {
  DomainError,
  IMPORT_MODES,
  PEOPLE_IMPORT_COLUMNS,
  PRIVACY_NOTICE_VERSION,
  checkPeopleRows,
  type ImportMode,
  type ImportRowError,
  type PeopleImportKey,
  type PeopleImportRow,
} from '@linli/shared'
import { and, desc, eq, lt, sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { isUuid, requireCommunityStaff } from '../../access/places.ts'
import { newId } from '../../db/columns.ts'
import type { Tx } from '../../db/index.ts'
import {
  consents,
  grids,
  peopleImports,
  residences,
  roleGrants,
  users,
  volunteerProfiles,
} from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { recordAudit } from '../audit/audit.recorder.ts'

/** Rows written per statement (and per progress step). */
const CHUNK = 250
/** The most rows one file may hold. */
export const IMPORT_MAX_ROWS = 20_000

export interface ImportProgress {
  phase: 'checking' | 'writing' | 'finished'
  processed: number
  total: number
}

export type PeopleImportView = typeof peopleImports.$inferSelect & { progress: ImportProgress | null }

export class ImportsService {
  /** Imports running in this process: id → progress. */
  private readonly running = new Map<string, ImportProgress>()

  constructor(private readonly app: FastifyInstance) {}

  private get db() {
    return this.app.db
  }

  /** The template: the columns with an example row, and a sheet that explains each column. */
  async template(): Promise<Buffer> {
    const book = new ExcelJS.Workbook()
    book.created = this.app.clock.now()
    const sheet = book.addWorksheet('居民与志愿者')
    sheet.columns = PEOPLE_IMPORT_COLUMNS.map((c) => ({
      key: c.key,
      header: c.header,
      width: Math.max(14, c.header.length * 2.4),
    }))
    sheet.addRow(Object.fromEntries(PEOPLE_IMPORT_COLUMNS.map((c) => [c.key, c.example])))
    sheet.getRow(1).font = { bold: true }
    sheet.views = [{ state: 'frozen', ySplit: 1 }]
    const help = book.addWorksheet('填写说明')
    help.columns = [
      { header: '列', key: 'header', width: 24 },
      { header: '说明', key: 'note', width: 60 },
    ]
    for (const c of PEOPLE_IMPORT_COLUMNS) help.addRow({ header: c.header, note: c.note })
    help.addRow({ header: '示例行', note: '第 2 行是示例，导入前请删除或替换为真实信息' })
    help.getRow(1).font = { bold: true }
    return Buffer.from(await book.xlsx.writeBuffer())
  }

  /** Read the first sheet: its header row names the columns (any order), each row after is a person. */
  async readRows(bytes: Buffer) {
    const book = new ExcelJS.Workbook()
    try {
      await book.xlsx.load(bytes as unknown as ArrayBuffer)
    } catch {
      throw new DomainError('FILE_TYPE_NOT_ALLOWED', 'Not an .xlsx file')
    }
    const sheet = book.worksheets[0]
    if (!sheet) throw new DomainError('BAD_USER_INPUT', 'The file has no sheet', { reason: 'NO_SHEET' })
    const columnOf = new Map<PeopleImportKey, number>()
    sheet.getRow(1).eachCell((cell, col) => {
      const text = cell.text.trim()
      const c = PEOPLE_IMPORT_COLUMNS.find((x) => x.header === text)
      if (c) columnOf.set(c.key, col)
    })
    const missing = PEOPLE_IMPORT_COLUMNS.filter((c) => c.required && !columnOf.has(c.key)).map((c) => c.header)
    if (missing.length > 0) {
      throw new DomainError('BAD_USER_INPUT', 'The header row lacks required columns', {
        reason: 'HEADER_MISSING',
        missing,
      })
    }
    const rows: { row: number; cells: Partial<Record<PeopleImportKey, string>> }[] = []
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r)
      const cells: Partial<Record<PeopleImportKey, string>> = {}
      for (const [key, col] of columnOf) cells[key] = row.getCell(col).text.trim()
      rows.push({ row: r, cells })
    }
    if (rows.length > IMPORT_MAX_ROWS) {
      throw new DomainError('BAD_USER_INPUT', 'Too many rows', { reason: 'TOO_MANY_ROWS', max: IMPORT_MAX_ROWS })
    }
    return rows
  }

  /**
   * Check the file and open the import's record; the rows are written by `run` (the route runs it
   * in the background; tests await it). Staff of the community (or admins above) only.
   */
  async start(viewer: Viewer, communityId: string, fileName: string, bytes: Buffer, rawMode: string) {
    if (!isUuid(communityId)) throw new DomainError('NOT_FOUND', 'Community not found')
    await requireCommunityStaff(this.db, viewer, communityId)
    const mode = (IMPORT_MODES as readonly string[]).includes(rawMode) ? (rawMode as ImportMode) : null
    if (!mode) throw new DomainError('BAD_USER_INPUT', 'Mode is all_or_nothing or valid_only', { field: 'mode' })
    const rows = await this.readRows(bytes)
    const id = newId()
    await this.db.insert(peopleImports).values({
      communityId,
      id,
      fileName: fileName.slice(0, 200) || 'import.xlsx',
      mode,
      createdBy: viewer.userId,
      createdAt: this.app.clock.now(),
    })
    this.running.set(id, { phase: 'checking', processed: 0, total: rows.length })
    return { id, run: () => this.run(viewer, communityId, id, mode, rows) }
  }

  /** Check, then write in one transaction; the record gets the result. Never throws for a bad row. */
  async run(
    viewer: Viewer,
    communityId: string,
    id: string,
    mode: ImportMode,
    rows: Awaited<ReturnType<ImportsService['readRows']>>,
  ): Promise<PeopleImportView> {
    const progress = this.running.get(id) ?? { phase: 'checking' as const, processed: 0, total: rows.length }
    this.running.set(id, progress)
    try {
      const gridRows = await this.db
        .select({ id: grids.id, name: grids.name })
        .from(grids)
        .where(eq(grids.communityId, communityId))
      const gridId = new Map(gridRows.map((g) => [g.name, g.id]))
      const checked = checkPeopleRows(rows, new Set(gridId.keys()))
      progress.total = checked.total
      progress.processed = checked.total
      const finish = async (values: Partial<typeof peopleImports.$inferInsert>) => {
        await this.db
          .update(peopleImports)
          .set({
            ...values,
            total: checked.total,
            invalid: invalidRows(checked.errors),
            finishedAt: this.app.clock.now(),
          })
          .where(and(eq(peopleImports.communityId, communityId), eq(peopleImports.id, id)))
      }
      if (checked.errors.length > 0 && mode === 'all_or_nothing') {
        await finish({ state: 'rejected', errors: checked.errors })
      } else {
        progress.phase = 'writing'
        progress.processed = 0
        progress.total = checked.valid.length
        const { created, existing } = await this.db.transaction(async (tx) => {
          const result = { created: 0, existing: 0 }
          for (let i = 0; i < checked.valid.length; i += CHUNK) {
            const chunk = checked.valid.slice(i, i + CHUNK)
            const made = await this.writeChunk(tx, communityId, chunk, gridId)
            result.created += made
            result.existing += chunk.length - made
            progress.processed = Math.min(checked.valid.length, i + CHUNK)
          }
          const place = await requireCommunityStaff(tx, viewer, communityId)
          await recordAudit(tx, this.app.clock, {
            actorId: viewer.userId,
            action: 'people.import',
            targetType: 'people_import',
            targetId: id,
            place,
            after: { mode, total: checked.total, created: result.created, existing: result.existing },
          })
          return result
        })
        await finish({ state: 'done', created, existing, errors: checked.errors })
      }
    } catch (error) {
      this.app.log.error({ err: error, importId: id }, 'people import failed')
      await this.db
        .update(peopleImports)
        .set({ state: 'failed', finishedAt: this.app.clock.now() })
        .where(and(eq(peopleImports.communityId, communityId), eq(peopleImports.id, id)))
    } finally {
      this.running.delete(id)
    }
    return (await this.get(viewer, communityId, id))!
  }

  /** New people of one chunk (phones already registered skipped): how many were created. */
  private async writeChunk(tx: Tx, communityId: string, chunk: PeopleImportRow[], gridId: Map<string, string>) {
    const now = this.app.clock.now()
    const inserted = await tx
      .insert(users)
      .values(
        chunk.map((p) => ({
          id: newId(),
          phone: p.phone,
          // No password yet: the person sets one by SMS (忘记密码) or staff reset it.
          passwordHash: '!',
          realName: p.realName,
          privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
          privacyConsentedAt: now,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoNothing({ target: users.phone })
      .returning({ id: users.id, phone: users.phone })
    if (inserted.length === 0) return 0
    const byPhone = new Map(chunk.map((p) => [p.phone, p]))
    const people = inserted.map((u) => ({ ...u, row: byPhone.get(u.phone)! }))
    await tx.insert(consents).values(
      people.map((p) => ({
        id: newId(),
        userId: p.id,
        kind: 'privacy_notice' as const,
        version: PRIVACY_NOTICE_VERSION,
        givenAt: now,
      })),
    )
    await tx.insert(roleGrants).values([
      ...people.map((p) => ({
        id: newId(),
        userId: p.id,
        role: 'resident' as const,
        scopeType: 'self' as const,
        createdAt: now,
      })),
      ...people
        .filter((p) => p.row.volunteer)
        .map((p) => ({
          id: newId(),
          userId: p.id,
          role: 'volunteer' as const,
          scopeType: 'self' as const,
          createdAt: now,
        })),
    ])
    await tx.insert(residences).values(
      people.map((p) => ({
        communityId,
        userId: p.id,
        gridId: p.row.grid ? (gridId.get(p.row.grid) ?? null) : null,
        createdAt: now,
        updatedAt: now,
      })),
    )
    const volunteers = people.filter((p) => p.row.volunteer)
    if (volunteers.length > 0) {
      await tx.insert(volunteerProfiles).values(
        volunteers.map((p) => ({
          userId: p.id,
          volunteerNumber: sql`'LL' || lpad(nextval('volunteer_number_seq')::text, 8, '0')`,
          volunteerNumberSource: 'linli' as const,
          isPartyMember: p.row.partyMember,
          createdAt: now,
          updatedAt: now,
        })),
      )
    }
    return inserted.length
  }

  /** One import of the community, with its progress while it runs. */
  async get(viewer: Viewer, communityId: string, id: string): Promise<PeopleImportView | null> {
    if (!isUuid(communityId) || !isUuid(id)) throw new DomainError('NOT_FOUND', 'Import not found')
    await requireCommunityStaff(this.db, viewer, communityId)
    const [row] = await this.db
      .select()
      .from(peopleImports)
      .where(and(eq(peopleImports.communityId, communityId), eq(peopleImports.id, id)))
    if (!row) throw new DomainError('NOT_FOUND', 'Import not found')
    return { ...row, progress: this.running.get(id) ?? null }
  }

  /** The community's imports, newest first. */
  async list(viewer: Viewer, communityId: string): Promise<PeopleImportView[]> {
    if (!isUuid(communityId)) throw new DomainError('NOT_FOUND', 'Community not found')
    await requireCommunityStaff(this.db, viewer, communityId)
    const rows = await this.db
      .select()
      .from(peopleImports)
      .where(eq(peopleImports.communityId, communityId))
      .orderBy(desc(peopleImports.createdAt))
      .limit(50)
    return rows.map((r) => ({ ...r, progress: this.running.get(r.id) ?? null }))
  }

  /** Imports still running from before `before` (a stopped process; their transaction rolled back): failed. */
  async failInterrupted(before: Date) {
    await this.db
      .update(peopleImports)
      .set({ state: 'failed', finishedAt: this.app.clock.now() })
      .where(and(eq(peopleImports.state, 'running'), lt(peopleImports.createdAt, before)))
  }
}

/** Rows with at least one error. */
function invalidRows(errors: readonly ImportRowError[]): number {
  return new Set(errors.map((e) => e.row)).size
}
