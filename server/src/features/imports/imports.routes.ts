/**
 * Excel in over plain HTTP (the file is bytes, not GraphQL):
 * - GET /imports/people-template.xlsx — the template (anyone signed in);
 * - POST /imports/people — multipart: `file` (.xlsx), `communityId`, `mode` (all_or_nothing |
 *   valid_only). Checks the file's header and the caller's role, opens the import and answers
 *   202 `{ id }` at once; the rows are checked and written in the background, and
 *   `peopleImport(communityId, id)` shows the progress and then the result and error report.
 * Multipart lives in this plugin's context only.
 */
import multipart from '@fastify/multipart'
import { DomainError } from '@linli/shared'
import type { FastifyInstance } from 'fastify'
import { sendError, viewerOf } from '../../platform/storage/index.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const MAX_BYTES = 10 * 1024 * 1024

export async function importsRoutes(app: FastifyInstance) {
  await app.register(multipart, {
    limits: { fileSize: MAX_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 100, headerPairs: 50 },
  })

  app.get('/imports/people-template.xlsx', async (request, reply) => {
    try {
      if (!(await viewerOf(app, request))) return sendError(reply, 'UNAUTHENTICATED')
    } catch (error) {
      if (error instanceof DomainError) return sendError(reply, 'UNAUTHENTICATED')
      throw error
    }
    const bytes = await app.importsService.template()
    return reply
      .header('content-type', XLSX)
      .header(
        'content-disposition',
        `attachment; filename="people-template.xlsx"; filename*=UTF-8''${encodeURIComponent('居民与志愿者导入模板.xlsx')}`,
      )
      .header('cache-control', 'no-store')
      .send(bytes)
  })

  app.post('/imports/people', async (request, reply) => {
    try {
      const viewer = await viewerOf(app, request)
      if (!viewer) return sendError(reply, 'UNAUTHENTICATED')
      if (!request.isMultipart()) return sendError(reply, 'BAD_USER_INPUT')
      let bytes: Buffer | null = null
      let fileName = ''
      const fields: Record<string, string> = {}
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            const data = await part.toBuffer()
            if (part.fieldname === 'file') {
              bytes = data
              fileName = part.filename
            }
          } else if (typeof part.value === 'string') {
            fields[part.fieldname] = part.value
          }
        }
      } catch (error) {
        if (error instanceof app.multipartErrors.RequestFileTooLargeError) return sendError(reply, 'FILE_TOO_LARGE')
        return sendError(reply, 'BAD_USER_INPUT')
      }
      if (!bytes) return sendError(reply, 'BAD_USER_INPUT', { field: 'file' })
      const started = await app.importsService.start(
        viewer,
        fields.communityId ?? '',
        fileName,
        bytes,
        fields.mode ?? 'all_or_nothing',
      )
      // The rows are written in the background: the page follows peopleImport's progress.
      void started.run()
      return reply.code(202).header('cache-control', 'no-store').send({ id: started.id })
    } catch (error) {
      if (error instanceof DomainError) return sendError(reply, error.code, error.details)
      throw error
    }
  })
}
