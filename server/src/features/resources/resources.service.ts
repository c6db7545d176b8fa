/**
 * The resource list (联盟资源清单): a unit's admin offers what the unit can give into the list of
 * a community whose alliance it is active in; the community's staff publish it or return it
 * with a reason; the unit edits a returned one (which offers it again), withdraws, or either
 * side marks a published one used up. Access first: a resource the viewer may not see answers
 * NOT_FOUND exactly like a missing id; one they see but may not change, FORBIDDEN. Every change
 * is checked against the state machine, audited and announced in one transaction.
 */
import { DomainError, assertTransition, reasonSchema, resourceInputSchema, resourceMachine } from '@linli/shared'
import type { ResourceState } from '@linli/shared'
import { isUuid, loadAncestry, type Ancestry } from '../../access/places.ts'
import type { Clock } from '../../clock.ts'
import { newId } from '../../db/columns.ts'
import type { Db, DbOrTx, Tx } from '../../db/index.ts'
import type { Resource } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { parseInput } from '../../lib/input.ts'
import { searchVector } from '../../lib/search.ts'
import type { EventBus } from '../../platform/notifications/bus.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import type { SettingsService } from '../settings/settings.service.ts'
import { pageArgs, requireCategory, requireDateOrder, requireGridsOf, toPage } from './community-refs.ts'
import {
  adminOfActiveUnits,
  canDecideResource,
  canExhaustResource,
  canManageResource,
  canReadResource,
  isUnitAdmin,
  readsWholeList,
} from './resources.policy.ts'
import * as repo from './resources.repository.ts'
import type { ResourceFilter, ResourceRow } from './resources.repository.ts'

const notFound = () => new DomainError('NOT_FOUND', 'resource not found')

/** What an audit event says about a resource: its facts, never a person. */
const facts = (r: Pick<Resource, 'state' | 'title' | 'category' | 'kind' | 'quantity'>) => ({
  state: r.state,
  title: r.title,
  category: r.category,
  kind: r.kind,
  quantity: r.quantity,
})

interface PageArgs {
  filter?: ResourceFilter | null
  first?: number | null
  after?: string | null
}

export class ResourcesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly settings: SettingsService,
  ) {}

  // ── Reading ────────────────────────────────────────────────────────────────

  /**
   * A community's resource list. Its staff and the street and district admins above see all of
   * it; admins of units active in its alliance see published resources and their own units'.
   * NOT_FOUND for anyone else (and for a missing community).
   */
  async list(viewer: Viewer, communityId: string, args: PageArgs) {
    const place = await loadAncestry(this.db, { kind: 'community', id: communityId })
    if (!place) throw notFound()
    const page = pageArgs(args)
    if (readsWholeList(viewer, place)) {
      return toPage(await repo.listResources(this.db, { communityId }, args.filter, page), page.first)
    }
    const mine = viewer.grants.some((g) => g.role === 'unit_admin')
      ? adminOfActiveUnits(viewer, await repo.activeAllianceUnitIds(this.db, communityId))
      : []
    if (mine.length === 0) throw new DomainError('NOT_FOUND', 'community not found')
    return toPage(
      await repo.listResources(this.db, { communityId, publishedOrUnits: mine }, args.filter, page),
      page.first,
    )
  }

  /** A unit's resources in every community, for the unit's admins. NOT_FOUND otherwise. */
  async unitResources(viewer: Viewer, unitId: string, args: PageArgs) {
    if (!isUuid(unitId) || !isUnitAdmin(viewer, unitId)) throw new DomainError('NOT_FOUND', 'unit not found')
    const page = pageArgs(args)
    return toPage(await repo.listResources(this.db, { unitId }, args.filter, page), page.first)
  }

  /** One resource, for those who may see it (see `canReadResource`); NOT_FOUND otherwise. */
  async resource(viewer: Viewer, communityId: string, id: string): Promise<ResourceRow> {
    const row = await repo.findResource(this.db, communityId, id)
    if (!row) throw notFound()
    await this.requireReadable(this.db, viewer, row)
    return row
  }

  private async requireReadable(
    db: DbOrTx,
    viewer: Viewer,
    row: { communityId: string; unitId: string; state: string },
  ): Promise<Ancestry> {
    const place = await loadAncestry(db, { kind: 'community', id: row.communityId })
    if (!place) throw notFound()
    const active =
      row.state === 'published' && viewer.grants.some((g) => g.role === 'unit_admin')
        ? await repo.activeAllianceUnitIds(db, row.communityId)
        : []
    if (!canReadResource(viewer, row, place, active)) throw notFound()
    return place
  }

  // ── The unit's side ────────────────────────────────────────────────────────

  /**
   * A unit's admin offers a resource into the list of a community whose alliance the unit is
   * active in; the community's staff are told. NOT_FOUND: not the viewer's unit, or the unit is
   * not active in that alliance; BAD_USER_INPUT: the input, a category the community does not
   * have, grids not of the community, dates out of order.
   */
  async offer(viewer: Viewer, communityId: string, unitId: string, input: unknown): Promise<ResourceRow> {
    if (!isUuid(unitId) || !isUuid(communityId) || !isUnitAdmin(viewer, unitId)) throw notFound()
    return this.db.transaction(async (tx) => {
      if (!(await repo.activeAllianceUnitIds(tx, communityId)).includes(unitId)) throw notFound()
      const place = (await loadAncestry(tx, { kind: 'community', id: communityId }))!
      const data = await this.validate(tx, communityId, input)
      const now = this.clock.now()
      const id = newId()
      await repo.insertResource(tx, {
        communityId,
        id,
        unitId,
        ...data,
        state: 'offered',
        offeredBy: viewer.userId,
        search: searchVector(data.title, data.description, data.availability),
        createdAt: now,
        updatedAt: now,
      })
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'resource.offer',
        targetType: 'resource',
        targetId: id,
        place,
        unitId,
        after: facts({ ...data, state: 'offered' }),
      })
      await this.announceOffer(tx, viewer, communityId, id, data.title, unitId)
      return (await repo.findResource(tx, communityId, id))!
    })
  }

  /**
   * The unit's admin edits a resource while it is offered or returned; editing a returned one
   * offers it again (returned → offered, the reason cleared, staff told). NOT_FOUND: not
   * visible to the viewer; FORBIDDEN: visible but not their unit's; INVALID_TRANSITION:
   * published, withdrawn or used up; BAD_USER_INPUT as for offering.
   */
  async update(viewer: Viewer, communityId: string, id: string, input: unknown): Promise<ResourceRow> {
    return this.db.transaction(async (tx) => {
      const row = await this.lockFor(tx, viewer, communityId, id, canManageResource)
      const to: ResourceState = row.state === 'returned' ? 'offered' : row.state
      if (row.state !== 'offered') assertTransition(resourceMachine, row.state, 'offered')
      const data = await this.validate(tx, communityId, input)
      const now = this.clock.now()
      await repo.updateResource(tx, communityId, id, {
        ...data,
        state: to,
        returnReason: to === 'offered' ? null : row.returnReason,
        search: searchVector(data.title, data.description, data.availability),
        updatedAt: now,
      })
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'resource.update',
        targetType: 'resource',
        targetId: id,
        place: { communityId },
        unitId: row.unitId,
        before: facts(row),
        after: facts({ ...data, state: to }),
      })
      if (row.state === 'returned') await this.announceOffer(tx, viewer, communityId, id, data.title, row.unitId)
      return (await repo.findResource(tx, communityId, id))!
    })
  }

  /** The unit's admin withdraws a resource (offered, returned or published). Codes as for `update`. */
  withdraw(viewer: Viewer, communityId: string, id: string): Promise<ResourceRow> {
    return this.move(viewer, communityId, id, 'withdrawn', canManageResource, 'resource.withdraw')
  }

  /** A published resource is used up: its unit's admin or the community's staff. Codes as for `update`. */
  markExhausted(viewer: Viewer, communityId: string, id: string): Promise<ResourceRow> {
    return this.move(viewer, communityId, id, 'exhausted', canExhaustResource, 'resource.exhaust')
  }

  // ── The community's side ───────────────────────────────────────────────────

  /**
   * The community's staff publish an offered resource; the unit's admins are told.
   * NOT_FOUND: not visible; FORBIDDEN: visible but not staff of the community; INVALID_TRANSITION.
   */
  publish(viewer: Viewer, communityId: string, id: string): Promise<ResourceRow> {
    return this.move(
      viewer,
      communityId,
      id,
      'published',
      (v, r) => canDecideResource(v, r.communityId),
      'resource.publish',
    )
  }

  /** The community's staff return an offered resource with a reason. Codes as for `publish`, and BAD_USER_INPUT. */
  return(viewer: Viewer, communityId: string, id: string, reason: string): Promise<ResourceRow> {
    const why = parseInput(reasonSchema, reason)
    return this.move(
      viewer,
      communityId,
      id,
      'returned',
      (v, r) => canDecideResource(v, r.communityId),
      'resource.return',
      why,
    )
  }

  private async move(
    viewer: Viewer,
    communityId: string,
    id: string,
    to: ResourceState,
    allowed: (viewer: Viewer, row: Resource) => boolean,
    action: string,
    reason?: string,
  ): Promise<ResourceRow> {
    return this.db.transaction(async (tx) => {
      const row = await this.lockFor(tx, viewer, communityId, id, allowed)
      assertTransition(resourceMachine, row.state, to)
      const decided = to === 'published' || to === 'returned'
      await repo.updateResource(tx, communityId, id, {
        state: to,
        ...(decided ? { decidedBy: viewer.userId, returnReason: reason ?? null } : {}),
        updatedAt: this.clock.now(),
      })
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action,
        targetType: 'resource',
        targetId: id,
        place: { communityId },
        unitId: row.unitId,
        before: { state: row.state },
        after: { state: to },
        reason: reason ?? null,
      })
      if (decided) {
        await this.bus.publish(tx, {
          kind: 'resource.decided',
          communityId,
          subject: { type: 'resource', id },
          params: { title: row.title, state: to, ...(reason ? { reason } : {}) },
          to: { unitAdmins: row.unitId },
          except: viewer.userId,
        })
      }
      return (await repo.findResource(tx, communityId, id))!
    })
  }

  /** Lock the row; NOT_FOUND unless the viewer may see it, FORBIDDEN unless `allowed`. */
  private async lockFor(
    tx: Tx,
    viewer: Viewer,
    communityId: string,
    id: string,
    allowed: (viewer: Viewer, row: Resource) => boolean,
  ): Promise<Resource> {
    const row = await repo.lockResource(tx, communityId, id)
    if (!row) throw notFound()
    await this.requireReadable(tx, viewer, row)
    if (!allowed(viewer, row)) throw new DomainError('FORBIDDEN', 'not yours to change')
    return row
  }

  private async validate(tx: DbOrTx, communityId: string, input: unknown) {
    const data = parseInput(resourceInputSchema, input)
    await requireCategory(tx, this.settings, communityId, data.category)
    await requireGridsOf(tx, communityId, data.gridIds, 'gridIds')
    requireDateOrder(data.availableFrom, data.availableUntil)
    return {
      title: data.title,
      description: data.description,
      category: data.category,
      kind: data.kind,
      quantity: data.quantity ?? null,
      quantityUnit: data.quantity ? (data.quantityUnit ?? null) : null,
      availability: data.availability,
      availableFrom: data.availableFrom ?? null,
      availableUntil: data.availableUntil ?? null,
      gridIds: [...new Set(data.gridIds)],
    }
  }

  private async announceOffer(tx: Tx, viewer: Viewer, communityId: string, id: string, title: string, unitId: string) {
    await this.bus.publish(tx, {
      kind: 'resource.offered',
      communityId,
      subject: { type: 'resource', id },
      params: { title, unitName: (await repo.findUnitName(tx, unitId)) ?? '' },
      to: { communityStaff: communityId },
      except: viewer.userId,
    })
  }
}
