import type { ImportMode, PeopleImportKey } from '@linli/shared'
import type { ImportsPage } from '../../features/imports/access.ts'
import type { ImportOutcome } from '../../features/imports/format.ts'
import type { ImportPhase, PeopleImportState } from '../../features/imports/operations.ts'

/**
 * 居民导入 in every locale. A page, a column of the template, a mode, a phase, a state or an
 * outcome added without its words fails the typecheck. (The template's headers and the error
 * report's reasons are the server's Chinese: they name the cells of a Chinese spreadsheet.)
 */
export interface ImportsMessages {
  nav: Record<ImportsPage, string>
  titles: Record<ImportsPage, string>
  noScope: string
  intro: string
  steps: { template: string; file: string; mode: string }
  template: { download: string; hint: string; column: string; note: string; required: string; optional: string }
  columnNotes: Record<PeopleImportKey, string>
  file: {
    choose: string
    change: string
    none: string
    hint: string
    problems: { type: string; size: string; empty: string }
  }
  modes: Record<ImportMode, { label: string; hint: string }>
  start: string
  needFile: string
  progress: Record<ImportPhase, string> & { waiting: string; label: string }
  result: { title: string; file: string; fixHint: string }
  outcomes: Record<ImportOutcome, string>
  errors: { title: string; count: string; row: string; column: string; reason: string }
  history: {
    title: string
    empty: string
    file: string
    mode: string
    state: string
    total: string
    created: string
    existing: string
    invalid: string
    time: string
    actions: string
    open: string
    shown: string
  }
  states: Record<PeopleImportState, string>
  failures: {
    type: string
    size: string
    headerMissing: string
    tooManyRows: string
    noSheet: string
    noFile: string
  }
  lostTrack: string
  /** 导出 Excel on every console list (components/console/ExportButton.vue). */
  export: {
    button: string
    title: string
    masked: string
    whole: string
    hint: string
    reason: string
    reasonPlaceholder: string
    reasonShort: string
    confirm: string
    cancel: string
    done: string
  }
}
