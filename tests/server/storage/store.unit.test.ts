/** The disk file store and the image sniffer, without a database. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { text } from 'node:stream/consumers'
import { DiskFileStore } from '@linli/server/storage'
import { sniffImage } from '@linli/server/storage/image'
import { afterAll, describe, expect, it } from 'vitest'

const root = mkdtempSync(join(tmpdir(), 'linli-store-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('DiskFileStore', () => {
  const store = new DiskFileStore(join(root, 'files'))

  it('puts, gets and deletes bytes by key', async () => {
    await store.put('2026/11/abc-1', Buffer.from('邻里'), 'image/jpeg')
    expect(await text((await store.get('2026/11/abc-1'))!)).toBe('邻里')
    await store.delete('2026/11/abc-1')
    expect(await store.get('2026/11/abc-1')).toBeNull()
    await store.delete('2026/11/abc-1') // already gone: no error
  })

  it('refuses keys that could leave its directory', async () => {
    for (const key of ['../escape', '/etc/passwd', '2026/../../x', '', 'a//b']) {
      await expect(store.put(key, Buffer.from('x'), 'image/png')).rejects.toThrow('invalid storage key')
    }
  })
})

describe('sniffImage', () => {
  it('reads the type from the magic bytes only', () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 0]))).toBe('jpeg')
    expect(sniffImage(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('png')
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp')
    expect(sniffImage(Buffer.from('%PDF-1.7'))).toBeNull()
    expect(sniffImage(Buffer.from('\0\0\0\x18ftypheic'))).toBeNull()
    expect(sniffImage(Buffer.alloc(0))).toBeNull()
  })
})
