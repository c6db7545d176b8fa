/**
 * Images through the file routes: `POST /files` (multipart, field `file`, bearer token) answers
 * `{ id }`; `GET /files/:id` needs the bearer too, so an <img> shows a blob URL of the download.
 * Exports the server makes (e.g. the points report's .xlsx) are fetched the same way and saved.
 * A token that expired in between is refreshed once through the GraphQL client (which owns
 * refreshing) and the request retried.
 */
import type { ErrorCode } from '@linli/shared'
import { isErrorCode } from '@linli/shared'
import { gql, useApi, type TypedDocumentNode } from './client.ts'
import { ApiError } from './errors.ts'

const TokenCheck: TypedDocumentNode<{ me: { user: { id: string } } }, Record<string, never>> = gql`
  query FilesTokenCheck {
    me {
      user {
        id
      }
    }
  }
`

const ACCESS_FAILURES: readonly ErrorCode[] = ['TOKEN_EXPIRED', 'INVALID_TOKEN', 'UNAUTHENTICATED']

async function codeOf(res: Response): Promise<ErrorCode> {
  return (await failureOf(res)).code as ErrorCode
}

/** A refused request's `{ error: { code, details? } }` as an ApiError (INTERNAL_ERROR when unreadable). */
async function failureOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: unknown; details?: unknown } }
    const details = body.error?.details
    return new ApiError(isErrorCode(body.error?.code) ? body.error.code : 'INTERNAL_ERROR', {
      ...(details && typeof details === 'object' && !Array.isArray(details)
        ? { details: details as Record<string, unknown> }
        : {}),
    })
  } catch {
    return new ApiError('INTERNAL_ERROR')
  }
}

async function withToken(send: (token: string) => Promise<Response>): Promise<Response> {
  const api = useApi()
  let token = api.tokens.read()?.accessToken
  if (!token) throw new ApiError('UNAUTHENTICATED')
  let res: Response
  try {
    res = await send(token)
  } catch (err) {
    throw new ApiError('NETWORK_ERROR', { cause: err })
  }
  if (res.status !== 401) return res
  const code = await codeOf(res.clone())
  if (!ACCESS_FAILURES.includes(code)) return res
  // The client refreshes an expired token before any operation: ask it something small.
  await api.query(TokenCheck, {})
  token = api.tokens.read()?.accessToken
  if (!token) throw new ApiError('UNAUTHENTICATED')
  try {
    return await send(token)
  } catch (err) {
    throw new ApiError('NETWORK_ERROR', { cause: err })
  }
}

/** Upload one image for a community's record; its id goes into e.g. a need's `photoIds`. Throws `ApiError`. */
export async function uploadImage(file: Blob, communityId: string | null): Promise<string> {
  const res = await withToken((token) => {
    const body = new FormData()
    if (communityId) body.append('communityId', communityId)
    body.append('file', file)
    return fetch('/files', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body })
  })
  if (!res.ok) throw new ApiError(await codeOf(res))
  const { id } = (await res.json()) as { id: string }
  return id
}

/**
 * Send a multipart form to a route of this origin (e.g. an Excel import) with the bearer token;
 * `form` builds the body (again for the retry after a refresh). Resolves with the JSON answer;
 * throws `ApiError`, with the server's `details` when it gave some.
 */
export async function postForm<T>(path: string, form: () => FormData): Promise<T> {
  if (!path.startsWith('/') || path.startsWith('//')) throw new ApiError('NOT_FOUND')
  const res = await withToken((token) =>
    fetch(path, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form() }),
  )
  if (!res.ok) throw await failureOf(res)
  return (await res.json()) as T
}

/** A blob URL of a stored image (revoke it when done). Throws `ApiError`. */
export async function imageUrl(id: string): Promise<string> {
  const res = await withToken((token) =>
    fetch(`/files/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${token}` } }),
  )
  if (!res.ok) throw new ApiError(await codeOf(res))
  return URL.createObjectURL(await res.blob())
}

/** The file name a Content-Disposition header gives (RFC 5987 `filename*` first), or null. */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim())
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]+)"|filename\s*=\s*([^;]+)/i.exec(header)
  return plain ? (plain[1] ?? plain[2]!).trim() : null
}

/**
 * A file the server makes for the signed-in person (an export at `path` on this origin), with the
 * name the server gives it (null when none). Throws `ApiError`.
 */
export async function downloadFile(path: string): Promise<{ blob: Blob; fileName: string | null }> {
  if (!path.startsWith('/') || path.startsWith('//')) throw new ApiError('NOT_FOUND')
  const res = await withToken((token) => fetch(path, { headers: { Authorization: `Bearer ${token}` } }))
  if (!res.ok) throw new ApiError(await codeOf(res))
  return { blob: await res.blob(), fileName: dispositionFileName(res.headers.get('content-disposition')) }
}

/** Save a blob as a file through the browser's download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
