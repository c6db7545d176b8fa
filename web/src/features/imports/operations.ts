/**
 * The imports operations (server/src/features/imports/), typed by hand: the template and the
 * upload over plain HTTP with the bearer token (the file is bytes, not GraphQL), and
 * peopleImport(s) to follow an import and read its result and error report.
 */
import type { ImportMode, ImportRowError } from '@linli/shared'
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'
import { downloadFile, postForm, saveBlob } from '../../graphql/files.ts'

export type { ImportMode, ImportRowError }

export type PeopleImportState = 'running' | 'done' | 'rejected' | 'failed'
export type ImportPhase = 'checking' | 'writing'

export interface PeopleImport {
  id: string
  communityId: string
  fileName: string
  mode: ImportMode
  state: PeopleImportState
  /** Rows in the file (blank rows not counted). */
  total: number
  created: number
  /** Rows whose phone was already registered: skipped. */
  existing: number
  /** Rows with an error. */
  invalid: number
  /** Row by row, in Chinese as the server words them (only when asked for). */
  errors?: ImportRowError[]
  /** While running only. */
  progress: { phase: ImportPhase; processed: number; total: number } | null
  createdAt: string
  finishedAt: string | null
}

const IMPORT =
  'id communityId fileName mode state total created existing invalid progress { phase processed total } createdAt finishedAt'

export const TEMPLATE_PATH = '/imports/people-template.xlsx'
export const TEMPLATE_FILE_NAME = '居民与志愿者导入模板.xlsx'
export const UPLOAD_PATH = '/imports/people'

/** One import with its error report. */
export const PeopleImportQuery: TypedDocumentNode<{ peopleImport: PeopleImport }, { communityId: string; id: string }> =
  gql`
  query PeopleImport($communityId: ID!, $id: ID!) {
    peopleImport(communityId: $communityId, id: $id) { ${IMPORT} errors { row column reason } }
  }
`

/** The community's imports, newest first (without their error reports). */
export const PeopleImportsQuery: TypedDocumentNode<{ peopleImports: PeopleImport[] }, { communityId: string }> = gql`
  query PeopleImports($communityId: ID!) {
    peopleImports(communityId: $communityId) { ${IMPORT} }
  }
`

/** Download the template and save it. Throws `ApiError`. */
export async function downloadTemplate(): Promise<void> {
  const { blob, fileName } = await downloadFile(TEMPLATE_PATH)
  saveBlob(blob, fileName ?? TEMPLATE_FILE_NAME)
}

/** Upload a file: the import opens and runs on the server; its id comes back at once. Throws `ApiError`. */
export async function startPeopleImport(communityId: string, file: File, mode: ImportMode): Promise<string> {
  const { id } = await postForm<{ id: string }>(UPLOAD_PATH, () => {
    const form = new FormData()
    form.append('communityId', communityId)
    form.append('mode', mode)
    form.append('file', file, file.name)
    return form
  })
  return id
}
