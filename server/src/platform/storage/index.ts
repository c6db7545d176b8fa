/**
 * File storage as a Fastify plugin: `app.files` (owner types, attach) and the HTTP routes
 * `POST /files` (multipart upload of one image) and `GET /files/:id` (download, access-checked).
 * Errors answer JSON `{ error: { code } }` with the HTTP status the code calls for.
 */
import multipart from '@fastify/multipart'
import { DomainError, type ErrorCode } from '@linli/shared'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Viewer } from '../../graphql/context.ts'
import { registerFileJobs } from './files.jobs.ts'
import { FilesService } from './files.service.ts'
import { DiskFileStore, type FileStore } from './store.ts'

export { DiskFileStore, type FileStore } from './store.ts'
export { FILES_PURGE, purgeFiles } from './files.jobs.ts'
export { FilesService, type CanViewFile, type UploadedFile } from './files.service.ts'

export interface FilesOptions {
  /** Where bytes live; by default on disk under `${dataDir}/files/`. */
  store?: FileStore
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  INVALID_TOKEN: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  FILE_TOO_LARGE: 413,
  FILE_TYPE_NOT_ALLOWED: 415,
  BAD_USER_INPUT: 400,
}

/** A plain HTTP route's refusal: the code's status and `{ error: { code, details } }`. */
export function sendError(reply: FastifyReply, code: ErrorCode, details?: unknown) {
  return reply
    .code(STATUS[code] ?? 400)
    .header('cache-control', 'no-store')
    .send({ error: details === undefined ? { code } : { code, details } })
}

/** The bearer token of a plain HTTP request (file and export routes), null when there is none. */
export function bearer(request: FastifyRequest): string | null {
  const [scheme, token] = (request.headers.authorization ?? '').split(' ')
  return scheme?.toLowerCase() === 'bearer' && token ? token : null
}

/** The signed-in viewer, null when anonymous; a bad or expired token throws its DomainError. */
export async function viewerOf(app: FastifyInstance, request: FastifyRequest): Promise<Viewer | null> {
  const token = bearer(request)
  return token ? app.authService.viewerFromToken(token) : null
}

/** Multipart lives in this child context only: no other route parses multipart bodies. */
async function fileRoutes(app: FastifyInstance) {
  const maxBytes = app.config.uploadMaxBytes
  await app.register(multipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 4, parts: 5, fieldSize: 100, headerPairs: 50 },
  })

  app.post('/files', async (request, reply) => {
    let viewer: Viewer | null
    try {
      viewer = await viewerOf(app, request)
    } catch (error) {
      if (error instanceof DomainError) return sendError(reply, 'UNAUTHENTICATED')
      throw error
    }
    if (!viewer) return sendError(reply, 'UNAUTHENTICATED')
    if (!request.isMultipart()) return sendError(reply, 'BAD_USER_INPUT')

    let bytes: Buffer | null = null
    let communityId: string | null = null
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          // Read to the end even when ignored, or the stream stalls the request.
          const data = await part.toBuffer()
          if (part.fieldname === 'file') bytes = data
        } else if (part.fieldname === 'communityId' && typeof part.value === 'string' && part.value !== '') {
          communityId = part.value
        }
      }
    } catch (error) {
      if (error instanceof app.multipartErrors.RequestFileTooLargeError) return sendError(reply, 'FILE_TOO_LARGE')
      request.log.info({ code: (error as { code?: string }).code }, 'multipart body refused')
      return sendError(reply, 'BAD_USER_INPUT')
    }
    if (!bytes) return sendError(reply, 'BAD_USER_INPUT')

    try {
      const uploaded = await app.files.upload(viewer, bytes, communityId)
      return reply.code(201).header('cache-control', 'no-store').send(uploaded)
    } catch (error) {
      if (error instanceof DomainError) return sendError(reply, error.code)
      throw error
    }
  })

  app.get<{ Params: { id: string } }>('/files/:id', async (request, reply) => {
    let viewer: Viewer | null
    try {
      viewer = await viewerOf(app, request)
    } catch (error) {
      if (error instanceof DomainError) return sendError(reply, 'UNAUTHENTICATED')
      throw error
    }
    const file = await app.files.findForViewer(viewer, request.params.id)
    const stream = file ? await app.files.store.get(file.storageKey) : null
    if (!file || !stream) return sendError(reply, 'NOT_FOUND')
    return reply
      .header('content-type', file.contentType)
      .header('content-length', file.byteSize)
      .header('cache-control', 'private, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'")
      .header('etag', `"${file.sha256}"`)
      .send(stream)
  })
}

export const filesPlugin = fp(
  async (app: FastifyInstance, options: FilesOptions) => {
    const store = options.store ?? new DiskFileStore(`${app.config.dataDir}/files`)
    app.decorate('files', new FilesService(app.db, app.clock, store))
    registerFileJobs(app)
    await app.register(fileRoutes)
  },
  { name: 'files', dependencies: ['auth-core', 'jobs'] },
)
