/**
 * Helpers for the three lists' tests: a fingerprint of the list tables (equal before and after
 * a refused call means nothing was written) and photo uploads.
 */
import { sql } from '@linli/server/db'
import sharp from 'sharp'
import type { TestApp } from './app.ts'

/** The list tables and everything a list change writes beside them. */
export async function listsFingerprint(t: TestApp): Promise<string> {
  const tables = ['resources', 'needs', 'need_events', 'audit_events', 'notifications', 'files', 'jobs']
  const parts = tables.map(
    (name) => `(select coalesce(md5(string_agg(md5(x::text), ',' order by md5(x::text))), '') from ${name} x)`,
  )
  // Table names are the constants above, not input.
  const { rows } = await t.database.db.execute(sql.raw(`select ${parts.join(" || '|' || ")} as fp`))
  return (rows[0] as { fp: string }).fp
}

export const tinyJpeg = () =>
  sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 10, g: 120, b: 60 } } })
    .jpeg()
    .toBuffer()

/** POST /files as someone; returns the new file's id. */
export async function uploadPhoto(t: TestApp, token: string, communityId?: string): Promise<string> {
  const form = new FormData()
  if (communityId) form.append('communityId', communityId)
  form.append('file', new Blob([new Uint8Array(await tinyJpeg())], { type: 'image/jpeg' }), 'photo.jpg')
  const request = new Request('http://linli.test/files', { method: 'POST', body: form })
  const res = await t.app.inject({
    method: 'POST',
    url: '/files',
    headers: { 'content-type': request.headers.get('content-type')!, authorization: `Bearer ${token}` },
    payload: Buffer.from(await request.arrayBuffer()),
  })
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`)
  return res.json<{ id: string }>().id
}

/** GET /files/:id → the status code. */
export async function fileStatus(t: TestApp, id: string, token?: string): Promise<number> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/files/${id}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
  return res.statusCode
}

/** The list factories (createResource, createNeed, createProject, createClaim and their row builders). */
export * from './list-factories.ts'
