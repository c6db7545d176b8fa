/**
 * Where file bytes live. The default keeps them on disk under `${LINLI_DATA_DIR}/files/`; an
 * object store (S3, OSS, COS) can take its place through `AppOptions.fileStore`.
 */
import { createReadStream } from 'node:fs'
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Readable } from 'node:stream'

export interface FileStore {
  /** Store the bytes under `key`, replacing any there. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>
  /** The bytes as a stream, or null when nothing is stored under `key`. */
  get(key: string): Promise<Readable | null>
  /** Remove the bytes; no error when already gone. */
  delete(key: string): Promise<void>
}

/** Keys are ours (`yyyy/mm/<uuid>`): letters, digits, `-`, `/`; never `..` or a leading `/`. */
const KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/

export class DiskFileStore implements FileStore {
  constructor(readonly root: string) {}

  private path(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid storage key`)
    return join(this.root, key)
  }

  /** The content type is for object stores' metadata; on disk the database row keeps it. */
  async put(key: string, bytes: Buffer, _contentType: string): Promise<void> {
    const path = this.path(key)
    await mkdir(dirname(path), { recursive: true })
    // Write beside, then rename: a reader never sees half a file.
    const partial = `${path}.${process.pid}.partial`
    await writeFile(partial, bytes)
    await rename(partial, path)
  }

  async get(key: string): Promise<Readable | null> {
    const path = this.path(key)
    try {
      if (!(await stat(path)).isFile()) return null
    } catch {
      return null
    }
    return createReadStream(path)
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true })
  }
}
