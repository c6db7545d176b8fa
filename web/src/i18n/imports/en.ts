import type { ImportsMessages } from './types.ts'

const imports: ImportsMessages = {
  nav: { imports: 'Import residents' },
  titles: { imports: 'Import residents' },
  noScope: 'Your current role has no community to import residents into.',
  intro:
    'Register the residents and volunteers of {community} from Excel: download the template, fill it in as explained, then choose the file and import it. People whose phone is already registered are skipped, never registered twice; only residents who signed the paper consent to personal information use can be imported.',
  steps: {
    template: 'Step 1: download and fill in the template',
    file: 'Step 2: choose the file',
    mode: 'Step 3: choose how to import',
  },
  template: {
    download: 'Download the template',
    hint: "Row 2 of the template is an example: delete or replace it before importing. Keep the first row's column names as they are; the columns may be in any order.",
    column: 'Column',
    note: 'How to fill it in',
    required: 'Required',
    optional: 'Optional',
  },
  columnNotes: {
    realName: 'Name, up to 50 characters',
    phone: '11-digit mobile number; a number already registered is skipped',
    role: '居民 (resident) or 志愿者 (volunteer, also a resident)',
    grid: "The name of one of the community's grids; may be left empty",
    partyMember: 'Party member: 是 (yes) or 否 (no), volunteers only; may be left empty',
    consent: 'Signed the consent form: 是 (yes). Residents without a signed form cannot be imported',
  },
  file: {
    choose: 'Choose an Excel file',
    change: 'Choose another',
    none: 'No file chosen yet',
    hint: '.xlsx only, up to 10 MB and 20,000 rows at a time.',
    problems: {
      type: 'Only .xlsx Excel files can be imported: fill in the template and save it as .xlsx',
      size: 'The file is over 10 MB: split it into several files',
      empty: 'The file is empty: choose another',
    },
  },
  modes: {
    all_or_nothing: {
      label: 'Only if every row is correct',
      hint: 'If any row is wrong, nobody is imported; correct the rows listed and import the whole file again.',
    },
    valid_only: {
      label: 'Import the correct rows only',
      hint: 'The correct rows are imported now and the wrong ones listed; correct them and import again — people already registered are skipped.',
    },
  },
  start: 'Import',
  needFile: 'Choose a file to import first',
  progress: {
    label: 'Import progress',
    waiting: 'Uploaded, getting ready…',
    checking: 'Checking: {processed} / {total} rows',
    writing: 'Saving: {processed} / {total} people',
  },
  result: {
    title: 'Import result',
    file: 'File: {name} ({mode}, {time})',
    fixHint: 'Find these rows in Excel by their row number, correct them and import again.',
  },
  outcomes: {
    running: 'Importing, please wait…',
    done: 'Rows: {total} — added {created}, already registered (skipped) {existing}, with errors {invalid}.',
    doneWithErrors:
      'Rows: {total} — added {created}, already registered (skipped) {existing}, with errors {invalid} (the rows with errors were not imported).',
    rejected: 'Rows: {total} — {invalid} with errors, so nobody was imported.',
    failed:
      'The import did not finish and nobody was imported. Try again later; if it fails again, contact the administrator.',
  },
  errors: {
    title: 'Errors row by row',
    count: '{n} in all',
    row: 'Row',
    column: 'Column',
    reason: 'Reason',
  },
  history: {
    title: 'Past imports',
    empty: 'No residents have been imported into this community yet',
    file: 'File',
    mode: 'Mode',
    state: 'State',
    total: 'Rows',
    created: 'Added',
    existing: 'Skipped',
    invalid: 'Errors',
    time: 'Imported at',
    actions: 'Actions',
    open: 'Show result',
    shown: 'Shown above',
  },
  states: { running: 'Importing', done: 'Done', rejected: 'Not imported', failed: 'Failed' },
  failures: {
    type: 'Only .xlsx Excel files can be imported: fill in the template and save it as .xlsx',
    size: 'The file is over {max} MB: split it into several files',
    headerMissing: "The header row lacks these columns: {missing}. Use the template and keep the first row's names.",
    tooManyRows: 'At most {max} rows can be imported at a time: split the file',
    noSheet: 'The file has no sheet: use the template',
    noFile: 'Choose a file to import first',
  },
  lostTrack: "The import's progress cannot be read right now: see its result in the past imports later.",
  export: {
    button: 'Export to Excel',
    title: 'Export to Excel',
    masked: 'Phones masked (default)',
    whole: 'Whole phone numbers',
    hint: 'Exports every record matching the filters on screen. Phones are masked; if you need whole numbers, say why — the reason and who exported are kept in the audit log.',
    reason: 'Reason',
    reasonPlaceholder: 'e.g. calling volunteers about the training',
    reasonShort: 'Say why (at least 2 characters)',
    confirm: 'Export',
    cancel: 'Cancel',
    done: 'Exported',
  },
}

export default imports
