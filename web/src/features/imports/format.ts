/**
 * How 居民导入 reads and words things: the file chosen (an .xlsx of at most 10 MB, as the server
 * takes), an import's progress as a percentage, its result as one sentence, its error report in
 * the sheet's order, and a refused upload in words (the header's missing columns named). Pure but
 * for the composable at the end.
 */
import { PEOPLE_IMPORT_COLUMNS } from '@linli/shared'
import { useI18n } from 'vue-i18n'
import { ApiError } from '../../graphql/errors.ts'
import { useFailureText } from '../hours-console/format.ts'
import type { ImportRowError, PeopleImport } from './operations.ts'

/** The most the server takes (its multipart limit). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** What the file picker offers. */
export const XLSX_ACCEPT = `.xlsx,${XLSX_TYPE}`

/** Why a chosen file cannot be sent, before asking the server: not an .xlsx, or too large. */
export function chosenFileProblem(file: { name: string; size: number }): 'type' | 'size' | 'empty' | null {
  if (!/\.xlsx$/i.test(file.name)) return 'type'
  if (file.size === 0) return 'empty'
  if (file.size > IMPORT_MAX_BYTES) return 'size'
  return null
}

/** "12.3 KB", "1.2 MB". */
export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** A running import's progress through its phase, 0–100. */
export function progressPercent(progress: { processed: number; total: number } | null | undefined): number {
  if (!progress || progress.total <= 0) return 0
  return Math.max(0, Math.min(100, Math.floor((progress.processed * 100) / progress.total)))
}

export type ImportOutcome = 'running' | 'done' | 'doneWithErrors' | 'rejected' | 'failed'

/** Which result sentence an import gets. */
export function importOutcome(imp: Pick<PeopleImport, 'state' | 'invalid'>): ImportOutcome {
  if (imp.state === 'done') return imp.invalid > 0 ? 'doneWithErrors' : 'done'
  return imp.state
}

const COLUMN_ORDER = new Map<string, number>(PEOPLE_IMPORT_COLUMNS.map((c, i) => [c.header, i]))

/** The error report in the sheet's order: by row, then by the template's column order. */
export function sortedErrors(errors: readonly ImportRowError[]): ImportRowError[] {
  const col = (e: ImportRowError) => COLUMN_ORDER.get(e.column) ?? COLUMN_ORDER.size
  return [...errors].sort((a, b) => a.row - b.row || col(a) - col(b))
}

/** Why the server refused a file, as a key of `imports.failures` and its values; null when not an import's own reason. */
export function importRefusal(err: unknown): { key: string; values: Record<string, string | number> } | null {
  if (!(err instanceof ApiError)) return null
  if (err.code === 'FILE_TYPE_NOT_ALLOWED') return { key: 'type', values: {} }
  if (err.code === 'FILE_TOO_LARGE') return { key: 'size', values: { max: IMPORT_MAX_BYTES / 1024 / 1024 } }
  if (err.code !== 'BAD_USER_INPUT') return null
  const { reason, missing, max } = err.details
  if (reason === 'HEADER_MISSING' && Array.isArray(missing)) {
    return { key: 'headerMissing', values: { missing: missing.map(String).join('、') } }
  }
  if (reason === 'TOO_MANY_ROWS') return { key: 'tooManyRows', values: { max: typeof max === 'number' ? max : 20000 } }
  if (reason === 'NO_SHEET') return { key: 'noSheet', values: {} }
  if (err.details.field === 'file') return { key: 'noFile', values: {} }
  return null
}

/** A failed upload or query in words: the import's own reasons first, else the error code's message. */
export function useImportFailureText() {
  const { t } = useI18n()
  const failureText = useFailureText()
  return (err: unknown): string => {
    const refusal = importRefusal(err)
    return refusal ? t(`imports.failures.${refusal.key}`, refusal.values) : failureText(err)
  }
}
