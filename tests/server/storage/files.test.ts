/**
 * File storage over HTTP (POST /files, GET /files/:id) on real SQL and a real disk store in a
 * temporary directory: size and type refused before anything is stored, images re-encoded
 * (EXIF gone, long side ≤ 2048 px), and access by owner type — unattached uploads for their
 * uploader only, a unit's logo for anyone signed in; forbidden, deleted and missing all 404.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, schema, sql } from '@linli/server/db'
import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'
import { buildWorld, type World } from '../../support/world.ts'

let t: TestApp
let w: World
let dataDir: string
const tokens: Record<'resident' | 'volunteer' | 'unitAdmin', string> = { resident: '', volunteer: '', unitAdmin: '' }

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linli-files-'))
  t = await buildTestApp({ config: { dataDir } })
  w = await buildWorld(t)
  for (const [i, actor] of (['resident', 'volunteer', 'unitAdmin'] as const).entries()) {
    const user = w.people[actor]
    const res = await t.gql<LoginData>(LOGIN, { phone: user.phone, password: user.password }, { ip: `10.88.0.${i}` })
    tokens[actor] = res.data!.login.accessToken
  }
})
afterAll(async () => {
  await t?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})
beforeEach(async () => {
  await t.database.db.update(schema.units).set({ logoFileId: null })
  await t.database.db.delete(schema.files)
  rmSync(join(dataDir, 'files'), { recursive: true, force: true })
})

async function upload(
  token: string | undefined,
  bytes: Buffer,
  options: { filename?: string; type?: string; communityId?: string } = {},
) {
  const form = new FormData()
  if (options.communityId) form.append('communityId', options.communityId)
  form.append(
    'file',
    new Blob([new Uint8Array(bytes)], { type: options.type ?? 'image/jpeg' }),
    options.filename ?? 'photo.jpg',
  )
  const request = new Request('http://linli.test/files', { method: 'POST', body: form })
  const headers: Record<string, string> = { 'content-type': request.headers.get('content-type')! }
  if (token) headers.authorization = `Bearer ${token}`
  return t.app.inject({ method: 'POST', url: '/files', headers, payload: Buffer.from(await request.arrayBuffer()) })
}

const download = (id: string, token?: string) =>
  t.app.inject({ method: 'GET', url: `/files/${id}`, headers: token ? { authorization: `Bearer ${token}` } : {} })

async function rowCount() {
  const { rows } = await t.database.db.execute(sql`select count(*)::int as n from files`)
  return (rows[0] as { n: number }).n
}
function filesOnDisk(): string[] {
  try {
    return readdirSync(join(dataDir, 'files'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
  } catch {
    return []
  }
}

/** A photo as a phone takes it: EXIF with GPS coordinates and the camera. */
function photo(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '26/1 5/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '119/1 18/1 0/1' },
    })
    .toBuffer()
}

describe('POST /files', () => {
  it('re-encodes a photo: EXIF (GPS) stripped, 4000×3000 shrunk to 2048×1536, served to its uploader', async () => {
    const original = await photo(4000, 3000)
    expect((await sharp(original).metadata()).exif).toBeDefined()

    const res = await upload(tokens.resident, original, { communityId: w.community.id })
    expect(res.statusCode).toBe(201)
    const body = res.json<{ id: string; contentType: string; width: number; height: number; byteSize: number }>()
    expect(body).toMatchObject({ contentType: 'image/jpeg', width: 2048, height: 1536 })

    const got = await download(body.id, tokens.resident)
    expect(got.statusCode).toBe(200)
    expect(got.headers['content-type']).toBe('image/jpeg')
    expect(got.headers['cache-control']).toMatch(/^private/)
    expect(got.headers['x-content-type-options']).toBe('nosniff')
    expect(got.rawPayload.length).toBe(body.byteSize)
    const meta = await sharp(got.rawPayload).metadata()
    expect(meta.exif).toBeUndefined()
    expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(2048)
    expect(got.rawPayload.includes(Buffer.from('TestPhone'))).toBe(false)

    const [row] = await t.database.db.select().from(schema.files).where(eq(schema.files.id, body.id))
    expect(row).toMatchObject({
      communityId: w.community.id,
      uploadedBy: w.people.resident.id,
      ownerType: null,
      ownerId: null,
      byteSize: body.byteSize,
      width: 2048,
      height: 1536,
    })
    expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(filesOnDisk()).toEqual([body.id])
  })

  it('accepts PNG and WebP by their bytes, whatever the client says, and keeps their type', async () => {
    const square = sharp({ create: { width: 64, height: 48, channels: 4, background: '#3366ff80' } })
    const png = await upload(tokens.resident, await square.clone().png().toBuffer(), {
      type: 'application/octet-stream',
    })
    expect(png.statusCode).toBe(201)
    expect(png.json()).toMatchObject({ contentType: 'image/png', width: 64, height: 48 })
    const webp = await upload(tokens.resident, await square.clone().webp().toBuffer(), { filename: 'x.jpg' })
    expect(webp.statusCode).toBe(201)
    expect(webp.json()).toMatchObject({ contentType: 'image/webp', width: 64, height: 48 })
  })

  it('refuses a file over the limit with FILE_TOO_LARGE (413) and stores nothing', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024 + 1, 0x41)
    big.set([0xff, 0xd8, 0xff, 0xe0])
    const res = await upload(tokens.resident, big)
    expect(res.statusCode).toBe(413)
    expect(res.json()).toEqual({ error: { code: 'FILE_TOO_LARGE' } })
    expect(await rowCount()).toBe(0)
    expect(filesOnDisk()).toEqual([])
  })

  it.each([
    ['a PDF', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')],
    ['a text file', Buffer.from('这不是图片 just text\n')],
    ['a JPEG header on junk', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)])],
  ])(
    'refuses %s named .jpg and sent as image/jpeg with FILE_TYPE_NOT_ALLOWED (415), storing nothing',
    async (_, bytes) => {
      const res = await upload(tokens.resident, bytes, { filename: 'photo.jpg', type: 'image/jpeg' })
      expect(res.statusCode).toBe(415)
      expect(res.json()).toEqual({ error: { code: 'FILE_TYPE_NOT_ALLOWED' } })
      expect(await rowCount()).toBe(0)
      expect(filesOnDisk()).toEqual([])
    },
  )

  it('refuses anonymous and bad-token uploads with UNAUTHENTICATED (401)', async () => {
    const bytes = await photo(20, 20)
    for (const token of [undefined, 'not-a-token']) {
      const res = await upload(token, bytes)
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual({ error: { code: 'UNAUTHENTICATED' } })
    }
    expect(await rowCount()).toBe(0)
  })

  it('refuses a body without a file, or a community that does not exist, with BAD_USER_INPUT (400)', async () => {
    const noFile = await t.app.inject({
      method: 'POST',
      url: '/files',
      headers: { authorization: `Bearer ${tokens.resident}`, 'content-type': 'application/json' },
      payload: '{}',
    })
    expect(noFile.statusCode).toBe(400)
    const res = await upload(tokens.resident, await photo(20, 20), {
      communityId: '0190a1b2-0000-7000-8000-000000000000',
    })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: { code: 'BAD_USER_INPUT' } })
    expect(await rowCount()).toBe(0)
  })
})

describe('GET /files/:id', () => {
  it('answers 404 to anyone but the uploader for an unattached upload, the same as a missing or deleted id', async () => {
    const { id } = (await upload(tokens.resident, await photo(30, 20))).json<{ id: string }>()
    const missing = await download('0190a1b2-0000-7000-8000-000000000000', tokens.volunteer)
    const forbidden = await download(id, tokens.volunteer)
    const anonymous = await download(id)
    const malformed = await download('not-a-uuid', tokens.volunteer)
    for (const res of [forbidden, anonymous, malformed]) {
      expect(res.statusCode).toBe(404)
      expect(res.body).toBe(missing.body)
    }
    expect(missing.json()).toEqual({ error: { code: 'NOT_FOUND' } })
    expect((await download(id, tokens.resident)).statusCode).toBe(200)

    await t.app.files.markDeleted(t.database.db, [id])
    const deleted = await download(id, tokens.resident)
    expect(deleted.statusCode).toBe(404)
    expect(deleted.body).toBe(missing.body)
  })
})

const SET_UNIT_LOGO = /* GraphQL */ `
  mutation ($unitId: ID!, $fileId: ID) {
    setUnitLogo(unitId: $unitId, fileId: $fileId) {
      id
      logoFileId
    }
  }
`

describe('setUnitLogo', () => {
  it("attaches the admin's upload as the unit's logo, seen by anyone signed in; a new logo retires the old", async () => {
    const first = (await upload(tokens.unitAdmin, await photo(300, 100))).json<{ id: string }>().id
    const res = await w.as('unitAdmin')(SET_UNIT_LOGO, { unitId: w.unit.id, fileId: first })
    expect(res.errors).toBeUndefined()
    expect(res.data).toEqual({ setUnitLogo: { id: w.unit.id, logoFileId: first } })

    expect((await download(first, tokens.resident)).statusCode).toBe(200)
    expect((await download(first, tokens.volunteer)).statusCode).toBe(200)
    expect((await download(first)).statusCode).toBe(404)

    const second = (await upload(tokens.unitAdmin, await photo(100, 100))).json<{ id: string }>().id
    await w.as('unitAdmin')(SET_UNIT_LOGO, { unitId: w.unit.id, fileId: second })
    expect((await download(first, tokens.unitAdmin)).statusCode).toBe(404)
    expect((await download(second, tokens.resident)).statusCode).toBe(200)

    const [audit] = await t.database.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.action, 'unit.set_logo'))
      .orderBy(sql`${schema.auditEvents.at} desc`)
      .limit(1)
    expect(audit).toMatchObject({ actorId: w.people.unitAdmin.id, targetId: w.unit.id })
  })

  it("refuses someone else's upload and other units with NOT_FOUND, attaching nothing", async () => {
    const residents = (await upload(tokens.resident, await photo(50, 50))).json<{ id: string }>().id
    const someoneElses = await w.as('unitAdmin')(SET_UNIT_LOGO, { unitId: w.unit.id, fileId: residents })
    expect(someoneElses.code).toBe('NOT_FOUND')
    const own = (await upload(tokens.unitAdmin, await photo(50, 50))).json<{ id: string }>().id
    const otherUnit = await w.as('unitAdmin')(SET_UNIT_LOGO, { unitId: w.otherUnit.id, fileId: own })
    expect(otherUnit.code).toBe('NOT_FOUND')
    const notAdmin = await w.as('resident')(SET_UNIT_LOGO, { unitId: w.unit.id, fileId: residents })
    expect(notAdmin.code).toBe('NOT_FOUND')

    const rows = await t.database.db.select().from(schema.files)
    expect(rows.every((f) => f.ownerType === null)).toBe(true)
    // Still unattached: the resident sees theirs, the admin does not.
    expect((await download(residents, tokens.unitAdmin)).statusCode).toBe(404)
  })
})

describe('attaching to a record of a community', () => {
  it('takes an upload labelled for that community or unlabelled, never one labelled for another', async () => {
    t.app.files.registerOwnerType('test_record', async () => true)
    const mine = async (communityId?: string) =>
      (await upload(tokens.resident, await photo(40, 40), { communityId })).json<{ id: string }>().id
    const viewer = await t.app.authService.viewerFromToken(tokens.resident)
    const attach = (id: string, communityId: string | null) =>
      t.database.db.transaction((tx) => t.app.files.attach(tx, [id], 'test_record', id, viewer, communityId))
    const elsewhere = await mine(w.farCommunity.id)
    await expect(attach(elsewhere, w.community.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    // A platform record (a unit's logo) takes no community's upload either.
    await expect(attach(elsewhere, null)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const labelled = await mine(w.community.id)
    const plain = await mine()
    await attach(labelled, w.community.id)
    await attach(plain, w.community.id)
    const rows = await t.database.db.select().from(schema.files)
    const byId = new Map(rows.map((r) => [r.id, r]))
    expect(byId.get(elsewhere)).toMatchObject({ ownerType: null, communityId: w.farCommunity.id })
    expect(byId.get(labelled)).toMatchObject({ ownerType: 'test_record', communityId: w.community.id })
    expect(byId.get(plain)).toMatchObject({ ownerType: 'test_record', communityId: w.community.id })
  })
})

describe('the daily purge (files.purge)', () => {
  it('retires uploads left unattached for a day and removes deleted files’ bytes a day later; rows stay', async () => {
    const start = t.clock.now()
    try {
      const logo = (await upload(tokens.unitAdmin, await photo(60, 60))).json<{ id: string }>().id
      await w.as('unitAdmin')(SET_UNIT_LOGO, { unitId: w.unit.id, fileId: logo })
      const left = (await upload(tokens.resident, await photo(60, 60))).json<{ id: string }>().id
      expect(filesOnDisk()).toHaveLength(2)
      await t.database.db.delete(schema.jobs)
      await t.app.jobs.schedule('files.purge', {}, {})

      // Within the day: nothing happens.
      t.clock.advanceSeconds(3600)
      await t.app.jobs.runDue()
      expect(filesOnDisk()).toHaveLength(2)
      // A day on: the unattached upload is retired (deleted: 404 even to its uploader), its bytes still there.
      t.clock.set(new Date(start.getTime() + 86_400_000 + 60_000))
      await t.app.jobs.schedule('files.purge', {}, {})
      await t.app.jobs.runDue()
      const retired = await t.database.db.select().from(schema.files).where(eq(schema.files.id, left))
      expect(retired[0]).toMatchObject({ deletedAt: t.clock.now(), purgedAt: null })
      expect(filesOnDisk()).toHaveLength(2)
      // Another day on: its bytes are gone; the attached logo is untouched.
      t.clock.set(new Date(start.getTime() + 2 * 86_400_000 + 120_000))
      await t.app.jobs.schedule('files.purge', {}, {})
      await t.app.jobs.runDue()
      expect(filesOnDisk()).toHaveLength(1)
      const rows = await t.database.db.select().from(schema.files)
      expect(rows.find((r) => r.id === left)).toMatchObject({ purgedAt: t.clock.now() })
      expect(rows.find((r) => r.id === logo)).toMatchObject({ purgedAt: null, deletedAt: null })
      // Each run scheduled the next day's at 04:00 Shanghai.
      const next = await t.database.db.select().from(schema.jobs).where(eq(schema.jobs.status, 'queued'))
      expect(next.map((j) => j.runAt.toISOString())).toContain('2026-11-03T20:00:00.000Z')
    } finally {
      t.clock.set(start)
    }
  })
})
