/**
 * Uploaded files and who may see them. Features register an owner type with its access rule
 * (`registerOwnerType`) and attach their users' uploads to their records (`attach`). A file
 * nobody may see, a deleted one and a missing id look the same (null → 404): ids can't be probed.
 */
import { createHash } from 'node:crypto'
import { DomainError } from '@linli/shared'
import { and, eq, inArray, isNull, or } from 'drizzle-orm'
import { isUuid, loadAncestry } from '../../access/places.ts'
import type { Clock } from '../../clock.ts'
import { newId } from '../../db/columns.ts'
import type { Db, DbOrTx } from '../../db/index.ts'
import { files, type StoredFile } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { cleanImage, sniffImage } from './image.ts'
import type { FileStore } from './store.ts'

/** May this viewer see this (attached) file? Answer for the owner record the file names. */
export type CanViewFile = (viewer: Viewer, file: StoredFile) => Promise<boolean>

export interface UploadedFile {
  id: string
  contentType: string
  width: number | null
  height: number | null
  byteSize: number
}

export class FilesService {
  private readonly ownerTypes = new Map<string, CanViewFile>()

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly store: FileStore,
  ) {}

  /** A feature names the records its files belong to and who may see them. */
  registerOwnerType(type: string, canView: CanViewFile): void {
    if (!/^[a-z][a-z0-9_]*$/.test(type)) throw new Error(`invalid owner type ${type}`)
    if (this.ownerTypes.has(type)) throw new Error(`owner type ${type} is already registered`)
    this.ownerTypes.set(type, canView)
  }

  /**
   * Store an image the viewer uploaded, unattached. The caller has enforced the size limit.
   * FILE_TYPE_NOT_ALLOWED: not a JPEG, PNG or WebP by its bytes, or it does not decode;
   * BAD_USER_INPUT: `communityId` names no community.
   */
  async upload(viewer: Viewer, bytes: Buffer, communityId: string | null): Promise<UploadedFile> {
    const type = sniffImage(bytes)
    if (!type) throw new DomainError('FILE_TYPE_NOT_ALLOWED', 'Only JPEG, PNG or WebP images')
    if (communityId !== null && !(await loadAncestry(this.db, { kind: 'community', id: communityId })))
      throw new DomainError('BAD_USER_INPUT', 'No such community')
    const image = await cleanImage(bytes, type)
    if (!image) throw new DomainError('FILE_TYPE_NOT_ALLOWED', 'The image does not decode')

    const id = newId()
    const now = this.clock.now()
    const storageKey = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}`
    // Bytes first, then the row: a row never names bytes that are not there. Should the insert
    // fail, the bytes go again.
    await this.store.put(storageKey, image.bytes, image.contentType)
    try {
      await this.db.insert(files).values({
        id,
        communityId,
        uploadedBy: viewer.userId,
        contentType: image.contentType,
        byteSize: image.bytes.length,
        width: image.width,
        height: image.height,
        sha256: createHash('sha256').update(image.bytes).digest('hex'),
        storageKey,
        createdAt: now,
      })
    } catch (error) {
      await this.store.delete(storageKey)
      throw error
    }
    return {
      id,
      contentType: image.contentType,
      width: image.width,
      height: image.height,
      byteSize: image.bytes.length,
    }
  }

  /**
   * The file if the viewer may see it: unattached ones by their uploader only, attached ones by
   * their owner type's rule (an unregistered type: nobody). Null for missing, deleted, forbidden.
   */
  async findForViewer(viewer: Viewer | null, id: string): Promise<StoredFile | null> {
    if (!viewer || !isUuid(id)) return null
    const [file] = await this.db
      .select()
      .from(files)
      .where(and(eq(files.id, id), isNull(files.deletedAt)))
    if (!file) return null
    if (file.ownerType === null) return file.uploadedBy === viewer.userId ? file : null
    const canView = this.ownerTypes.get(file.ownerType)
    return canView && (await canView(viewer, file)) ? file : null
  }

  /**
   * Attach the viewer's own unattached uploads to a record, in the caller's transaction. A file
   * uploaded for a community goes only to a record of that community (`recordCommunityId`;
   * null for platform records such as a unit's logo, which take only unlabelled uploads); the
   * file takes the record's community. NOT_FOUND: any id is not an unattached, undeleted upload
   * of the viewer for that community.
   */
  async attach(
    tx: DbOrTx,
    fileIds: readonly string[],
    ownerType: string,
    ownerId: string,
    viewer: Viewer,
    recordCommunityId: string | null = null,
  ) {
    if (!this.ownerTypes.has(ownerType)) throw new Error(`owner type ${ownerType} is not registered`)
    const ids = [...new Set(fileIds)]
    if (ids.length === 0) return
    if (!ids.every(isUuid)) throw new DomainError('NOT_FOUND', 'file not found')
    const attached = await tx
      .update(files)
      .set({ ownerType, ownerId, communityId: recordCommunityId })
      .where(
        and(
          inArray(files.id, ids),
          eq(files.uploadedBy, viewer.userId),
          isNull(files.ownerType),
          isNull(files.deletedAt),
          recordCommunityId === null
            ? isNull(files.communityId)
            : or(isNull(files.communityId), eq(files.communityId, recordCommunityId)),
        ),
      )
      .returning({ id: files.id })
    if (attached.length !== ids.length) throw new DomainError('NOT_FOUND', 'file not found')
  }

  /** Mark files deleted (they answer 404 from now on); their bytes stay until a purge removes them. */
  async markDeleted(tx: DbOrTx, fileIds: readonly string[]): Promise<void> {
    const ids = fileIds.filter(isUuid)
    if (ids.length === 0) return
    await tx
      .update(files)
      .set({ deletedAt: this.clock.now() })
      .where(and(inArray(files.id, ids), isNull(files.deletedAt)))
  }
}
