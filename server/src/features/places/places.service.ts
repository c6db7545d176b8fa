/**
 * Places: district admins add streets; street admins (or the district admin above) add
 * communities and grids. Everyone sees only the places inside their own scope.
 */
import { DomainError, nameSchema } from '@linli/shared'
import type { Clock } from '../../clock.ts'
import type { Db } from '../../db/index.ts'
import { communities, grids, streets } from '../../db/schema/index.ts'
import { eq } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import { isUuid, requirePlaceRole, scopeIds, type PlaceRef } from '../../access/places.ts'
import type { Viewer } from '../../graphql/context.ts'
import { parseInput } from '../../lib/input.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import { canCreateChildOf, canRename, type PlaceKind } from './places.policy.ts'
import * as repo from './places.repository.ts'

const ADMINS = ['district_admin', 'street_admin', 'community_staff', 'grid_worker'] as const

export class PlacesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** What the viewer administers, parents first (one statement). */
  administered(viewer: Viewer) {
    return repo.findPlacesWithin(this.db, scopeIds(viewer, ADMINS))
  }

  /** Communities anyone signed in may choose as where they live. */
  directory(_viewer: Viewer, search: string | null) {
    return repo.searchCommunities(this.db, (search ?? '').trim().slice(0, 40))
  }

  /** A place with its ancestors, if inside the viewer's scope; NOT_FOUND otherwise. */
  async chain(viewer: Viewer, kind: PlaceKind, id: string) {
    await requirePlaceRole(this.db, viewer, { kind, id } as PlaceRef, ADMINS)
    return repo.findPlaceChain(this.db, kind, id)
  }

  /** Codes: NOT_FOUND (parent missing or outside scope), BAD_USER_INPUT (name). */
  async create(viewer: Viewer, kind: Exclude<PlaceKind, 'district'>, parentId: string, rawName: string) {
    const name = parseInput(nameSchema, rawName)
    const parentKind = ({ street: 'district', community: 'street', grid: 'community' } as const)[kind]
    const ancestry = await requirePlaceRole(this.db, viewer, { kind: parentKind, id: parentId }, canCreateChildOf(kind))
    const now = this.clock.now()
    return this.db.transaction(async (tx) => {
      const id = newId()
      if (kind === 'street') await tx.insert(streets).values({ id, districtId: parentId, name, createdAt: now })
      else if (kind === 'community')
        await tx.insert(communities).values({ id, streetId: parentId, name, createdAt: now })
      else await tx.insert(grids).values({ id, communityId: parentId, name, createdAt: now })
      const place = {
        ...ancestry,
        ...(kind === 'street' ? { streetId: id } : kind === 'community' ? { communityId: id } : {}),
      }
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: `${kind}.create`,
        targetType: kind,
        targetId: id,
        place,
        after: { name, parentId },
      })
      return { id, kind, name, parentId }
    })
  }

  /** Rename a place from above: its own admins cannot rename it. Codes: NOT_FOUND, BAD_USER_INPUT. */
  async rename(viewer: Viewer, kind: PlaceKind, id: string, rawName: string) {
    const name = parseInput(nameSchema, rawName)
    if (!isUuid(id)) throw new DomainError('NOT_FOUND', `${kind} not found`)
    const ancestry = await requirePlaceRole(this.db, viewer, { kind, id } as PlaceRef, canRename(kind))
    return this.db.transaction(async (tx) => {
      const table = { street: streets, community: communities, grid: grids, district: null }[kind]
      if (!table) throw new DomainError('NOT_FOUND', 'district not found')
      const [before] = await tx.select({ name: table.name }).from(table).where(eq(table.id, id))
      await tx.update(table).set({ name }).where(eq(table.id, id))
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: `${kind}.rename`,
        targetType: kind,
        targetId: id,
        place: ancestry,
        before: { name: before?.name },
        after: { name },
      })
      const chain = await repo.findPlaceChain(tx, kind, id)
      return chain[chain.length - 1]!
    })
  }
}
