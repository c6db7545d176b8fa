/**
 * The need list (服务需求清单): residents submit needs online, grid workers and staff record them
 * for people (with or without an account); staff triage them (accept, reject, merge, close).
 * Every change writes the need's timeline, an audit event (no personal data) and the
 * notifications in one transaction. Contact phone and address are sealed at rest and shown
 * only to those PRODUCT.md names, the full contact through `contact` (each view audited).
 * A need the viewer may not see answers NOT_FOUND exactly like a missing id; one they see but
 * may not change, FORBIDDEN.
 */
import {
  DomainError,
  assertTransition,
  maskName,
  maskPhone,
  needInputSchema,
  needMachine,
  reasonSchema,
  recordedNeedInputSchema,
  type FieldCode,
  type NeedState,
  type NeedEventAction,
} from '@linli/shared'
import { isUuid, loadAncestry, type Ancestry } from '../../access/places.ts'
import type { Clock } from '../../clock.ts'
import { newId } from '../../db/columns.ts'
import type { Db, DbOrTx, Tx } from '../../db/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { openNullable, sealNullable, type Sealer } from '../../lib/crypto.ts'
import { parseInput } from '../../lib/input.ts'
import { searchVector } from '../../lib/search.ts'
import type { EventBus } from '../../platform/notifications/bus.ts'
import type { FilesService } from '../../platform/storage/files.service.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import { auditContactView } from '../privacy/contact-view.ts'
import { pageArgs, requireCategory, requireGridsOf, toPage } from '../resources/community-refs.ts'
import { activeAllianceUnitIds } from '../resources/resources.repository.ts'
import type { SettingsService } from '../settings/settings.service.ts'
import { isCommunityStaff } from '../units/units.policy.ts'
import { recordNeedEvents } from './need-events.ts'
import {
  canEditNeed,
  canTriageNeed,
  isAdminAbove,
  mayNeedAlliance,
  needAccess,
  seesActorNames,
  seesPhoneOnNeed,
  seesPhotos,
  type NeedAccess,
} from './needs.policy.ts'
import * as repo from './needs.repository.ts'
import { NEED_PHOTO, type NeedFilter, type NeedRow } from './needs.repository.ts'

export { NEED_PHOTO }

/** A need as a viewer sees it: what their access allows, the rest null. */
export interface NeedView {
  id: string
  communityId: string
  title: string
  /** Null for the market's summary. */
  description: string | null
  category: string
  gridId: string | null
  urgency: string
  preferredTime: string
  channel: string
  state: NeedState
  reason: string | null
  mergedIntoId: string | null
  projectId: string | null
  createdAt: Date
  updatedAt: Date
  acceptedAt: Date | null
  /** The person it is for: in full to `contact` viewers, masked to readers, null in a summary. */
  forName: string | null
  /** In full to the person and the recorder, masked to the rest, null in a summary. */
  contactPhone: string | null
  access: NeedAccess
  seesNames: boolean
}

export interface NeedEventView {
  id: string
  action: string
  fromState: NeedState | null
  toState: NeedState | null
  detail: Record<string, string | null>
  at: Date
  /** The actor's name where the viewer may know it (the resident, the recorder, staff). */
  actorName: string | null
  actorRole: string
}

export interface NeedContact {
  needId: string
  name: string
  phone: string | null
  address: string | null
}

const notFound = () => new DomainError('NOT_FOUND', 'need not found')
const forbidden = () => new DomainError('FORBIDDEN', 'not yours to change')
const badInput = (field: string, code: FieldCode) =>
  new DomainError('BAD_USER_INPUT', 'The input is not valid', { fields: { [field]: code } })

/** What an audit event says about a need: facts, never a person, a phone or an address. */
const facts = (n: { state: string; category: string; gridId: string | null; urgency: string; channel: string }) => ({
  state: n.state,
  category: n.category,
  gridId: n.gridId,
  urgency: n.urgency,
  channel: n.channel,
})

/** The most rows one export holds. */
export const EXPORT_MAX_ROWS = 20_000

interface PageArgs {
  filter?: NeedFilter | null
  first?: number | null
  after?: string | null
}

export class NeedsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly files: FilesService,
    private readonly settings: SettingsService,
    private readonly sealer: Sealer,
  ) {}

  // ── Access ─────────────────────────────────────────────────────────────────

  /** The viewer's access to each row (null: the need does not exist for them). */
  private async accessTo(db: DbOrTx, viewer: Viewer, rows: readonly NeedRow[]): Promise<(NeedAccess | null)[]> {
    const places = new Map<string, Ancestry | null>()
    const alliances = new Map<string, string[]>()
    const out: (NeedAccess | null)[] = []
    for (const row of rows) {
      if (!places.has(row.communityId)) {
        places.set(row.communityId, await loadAncestry(db, { kind: 'community', id: row.communityId }))
      }
      const place = places.get(row.communityId)
      if (!place) {
        out.push(null)
        continue
      }
      let active: string[] = []
      if (mayNeedAlliance(viewer, row)) {
        if (!alliances.has(row.communityId)) {
          alliances.set(row.communityId, await activeAllianceUnitIds(db, row.communityId))
        }
        active = alliances.get(row.communityId)!
      }
      out.push(needAccess(viewer, row, place, active))
    }
    return out
  }

  private toView(viewer: Viewer, row: NeedRow, access: NeedAccess): NeedView {
    const summary = access === 'summary'
    const name = row.forUserName ?? row.forName
    const phone = summary ? null : openNullable(this.sealer, row.contactPhoneEnc)
    return {
      id: row.id,
      communityId: row.communityId,
      title: row.title,
      description: summary ? null : row.description,
      category: row.category,
      gridId: row.gridId,
      urgency: row.urgency,
      preferredTime: row.preferredTime,
      channel: row.channel,
      state: row.state,
      reason: summary ? null : row.reason,
      mergedIntoId: row.mergedIntoId,
      projectId: row.projectId,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      acceptedAt: row.acceptedAt,
      forName: summary || !name ? null : access === 'contact' ? name : maskName(name),
      contactPhone: phone === null ? null : seesPhoneOnNeed(viewer, row) ? phone : maskPhone(phone),
      access,
      seesNames: seesActorNames(viewer, row),
    }
  }

  /** Load one need the viewer may see; NOT_FOUND otherwise. */
  private async load(db: DbOrTx, viewer: Viewer, communityId: string, id: string) {
    const row = await repo.findNeed(db, communityId, id)
    if (!row) throw notFound()
    const [access] = await this.accessTo(db, viewer, [row])
    if (!access) throw notFound()
    return { row, access }
  }

  /**
   * Needs by reference as the viewer sees them, in key order (null where missing or not
   * visible): for other features' edges (a project's needs) and the Need type's loaders.
   */
  async viewsByRefs(
    viewer: Viewer | null,
    refs: readonly { communityId: string; id: string }[],
  ): Promise<(NeedView | null)[]> {
    if (!viewer) return refs.map(() => null)
    const rows = await repo.findNeedsByRefs(this.db, refs)
    const access = await this.accessTo(this.db, viewer, rows)
    const views = new Map(
      rows.map((r, i) => [`${r.communityId}:${r.id}`, access[i] ? this.toView(viewer, r, access[i]) : null]),
    )
    return refs.map((r) => views.get(`${r.communityId}:${r.id}`) ?? null)
  }

  /** May the viewer see the photos of this need? (The `need_photo` owner type's rule.) */
  async canSeePhotos(viewer: Viewer, communityId: string | null, needId: string | null): Promise<boolean> {
    if (!communityId || !needId) return false
    const row = await repo.findNeed(this.db, communityId, needId)
    if (!row) return false
    const [access] = await this.accessTo(this.db, viewer, [row])
    return seesPhotos(access ?? null)
  }

  // ── Reading ────────────────────────────────────────────────────────────────

  /** One need as the viewer may see it. NOT_FOUND: missing, or not visible to them. */
  async need(viewer: Viewer, communityId: string, id: string): Promise<NeedView> {
    const { row, access } = await this.load(this.db, viewer, communityId, id)
    return this.toView(viewer, row, access)
  }

  /** Needs for me or recorded by me, newest first, in every community. */
  async myNeeds(viewer: Viewer, args: PageArgs) {
    const page = pageArgs(args)
    const rows = await repo.listNeeds(this.db, { personId: viewer.userId }, args.filter, page)
    return toPage(
      rows.map((r) => this.toView(viewer, r, 'contact')),
      page.first,
    )
  }

  /**
   * A community's need list, newest first: all of it for its staff and the street and district
   * admins above; grid workers see their grids' needs. NOT_FOUND for anyone else.
   */
  async list(viewer: Viewer, communityId: string, args: PageArgs) {
    const place = await loadAncestry(this.db, { kind: 'community', id: communityId })
    if (!place) throw new DomainError('NOT_FOUND', 'community not found')
    let gridIds: string[] | undefined
    if (!isCommunityStaff(viewer, communityId) && !isAdminAbove(viewer, place)) {
      const mine = viewer.grants.filter((g) => g.role === 'grid_worker' && g.scopeId).map((g) => g.scopeId!)
      gridIds = await repo.gridsOfCommunity(this.db, communityId, mine)
      if (gridIds.length === 0) throw new DomainError('NOT_FOUND', 'community not found')
    }
    const page = pageArgs(args)
    const rows = await repo.listNeeds(this.db, { communityId, gridIds }, args.filter, page)
    const access = await this.accessTo(this.db, viewer, rows)
    return toPage(
      rows.map((r, i) => this.toView(viewer, r, access[i] ?? 'reader')),
      page.first,
    )
  }

  /**
   * Every need of the list as the viewer sees it with the filter on screen (all pages, at most
   * EXPORT_MAX_ROWS), for the Excel export. Phones stay masked unless a reason is given: then
   * the needs whose contact the viewer may see carry the whole phone, and one audit event
   * (`export.contacts`) records the reason and how many were shown.
   */
  async exportRows(viewer: Viewer, communityId: string, filter: NeedFilter | null, reason: string | null) {
    const rows: NeedView[] = []
    for (let after: string | null = null; rows.length < EXPORT_MAX_ROWS;) {
      const page: { nodes: NeedView[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } = await this.list(
        viewer,
        communityId,
        { filter, first: 50, after },
      )
      rows.push(...page.nodes)
      if (!page.pageInfo.hasNextPage) break
      after = page.pageInfo.endCursor
    }
    if (!reason) return rows
    const open = rows.filter((r) => r.access === 'contact' && r.contactPhone)
    if (open.length === 0) return rows
    const phones = await repo.contactPhonesOf(
      this.db,
      communityId,
      open.map((r) => r.id),
    )
    await this.db.transaction(async (tx) => {
      const place = (await loadAncestry(tx, { kind: 'community', id: communityId })) ?? { communityId }
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'export.contacts',
        targetType: 'need',
        place,
        after: { list: 'needs', reason, rows: open.length },
      })
    })
    return rows.map((r) => {
      const enc = phones.get(r.id)
      return enc && r.access === 'contact' ? { ...r, contactPhone: openNullable(this.sealer, enc) } : r
    })
  }

  /** The timeline of one need. NOT_FOUND as for `need`; a summary shows none. */
  async timeline(viewer: Viewer, communityId: string, id: string): Promise<NeedEventView[]> {
    const view = await this.need(viewer, communityId, id)
    return (await this.timelines([view]))[0]!
  }

  /** Timelines of needs already shown to the viewer (their views say how much), in key order, one statement. */
  async timelines(views: readonly NeedView[]): Promise<NeedEventView[][]> {
    const shown = views.filter((v) => v.access !== 'summary')
    const events = await repo.eventsOf(this.db, shown)
    const byNeed = new Map<string, NeedEventView[]>()
    const seesNames = new Map(views.map((v) => [v.id, v.seesNames]))
    for (const e of events) {
      const list = byNeed.get(e.needId) ?? []
      list.push({
        id: e.id,
        action: e.action,
        fromState: e.fromState,
        toState: e.toState,
        detail: e.detail,
        at: e.at,
        actorName: seesNames.get(e.needId) ? e.actorName : null,
        actorRole: e.actorRole,
      })
      byNeed.set(e.needId, list)
    }
    return views.map((v) => (v.access === 'summary' ? [] : (byNeed.get(v.id) ?? [])))
  }

  /** Photo ids of needs already shown to the viewer, in key order (none in a summary). */
  async photos(views: readonly NeedView[]): Promise<{ id: string }[][]> {
    const byNeed = await repo.photoIdsOf(
      this.db,
      views.filter((v) => seesPhotos(v.access)).map((v) => v.id),
    )
    return views.map((v) => (seesPhotos(v.access) ? (byNeed.get(v.id) ?? []).map((id) => ({ id })) : []))
  }

  /**
   * The full contact of a need (name, phone, address) for those PRODUCT.md names: the resident
   * it is for, its recorder, the community's staff, admins of units with a live claim on its
   * project. Each view of someone else's contact is audited (`contact.view`). NOT_FOUND: not
   * visible; FORBIDDEN: visible but not theirs to contact.
   */
  async contact(viewer: Viewer, communityId: string, id: string): Promise<NeedContact> {
    return this.db.transaction(async (tx) => {
      const { row, access } = await this.load(tx, viewer, communityId, id)
      if (access !== 'contact') throw forbidden()
      if (viewer.userId !== row.forUserId) {
        const place = (await loadAncestry(tx, { kind: 'community', id: communityId })) ?? { communityId }
        if (row.forUserId) await auditContactView(tx, this.clock, viewer, row.forUserId, place)
        else {
          await recordAudit(tx, this.clock, {
            actorId: viewer.userId,
            action: 'contact.view',
            targetType: 'need',
            targetId: row.id,
            place,
          })
        }
      }
      return {
        needId: row.id,
        name: row.forUserName ?? row.forName ?? '',
        phone: openNullable(this.sealer, row.contactPhoneEnc),
        address: openNullable(this.sealer, row.addressEnc),
      }
    })
  }

  // ── Posting ────────────────────────────────────────────────────────────────

  /**
   * A resident submits a need for themselves (channel `online`) in a community they live in,
   * with up to nine of their own uploads as photos. The contact phone is theirs; the address,
   * unless given, their residence's; the grid, unless given, their residence's. Staff are told.
   * NOT_FOUND: no residence there (or no such community), a photo not an unattached upload of
   * theirs; BAD_USER_INPUT: the input, the category, a grid not of the community.
   */
  async submit(viewer: Viewer, communityId: string, input: unknown): Promise<NeedView> {
    if (!isUuid(communityId)) throw new DomainError('NOT_FOUND', 'community not found')
    return this.db.transaction(async (tx) => {
      const residence = await repo.findResidence(tx, communityId, viewer.userId)
      const me = await repo.findActivePerson(tx, viewer.userId)
      if (!residence || !me) throw new DomainError('NOT_FOUND', 'community not found')
      const data = parseInput(needInputSchema, input)
      const gridId = data.gridId ?? residence.gridId
      await this.checkRefs(tx, communityId, data.category, gridId)
      const id = newId()
      const now = this.clock.now()
      await repo.insertNeed(tx, {
        communityId,
        id,
        title: data.title,
        description: data.description,
        category: data.category,
        gridId,
        urgency: data.urgency,
        preferredTime: data.preferredTime,
        channel: 'online',
        forUserId: viewer.userId,
        contactPhoneEnc: this.sealer.seal(me.phone),
        addressEnc: data.address ? this.sealer.seal(data.address) : residence.addressEnc,
        recordedBy: viewer.userId,
        state: 'submitted',
        search: searchVector(data.title, data.description),
        createdAt: now,
        updatedAt: now,
      })
      return this.afterPosting(tx, viewer, communityId, id, data.photoIds, 'submitted', 'need.submit')
    })
  }

  /**
   * A grid worker (in their grid) or the community's staff record a need for someone: a
   * registered person (`forUserId`; their phone by default) or a name and phone of someone
   * without an account. Staff are told. NOT_FOUND: neither staff of the community nor a grid
   * worker in it; BAD_USER_INPUT: the input, category, a grid not theirs (grid workers) or not
   * of the community, for whom (exactly one of forUserId / forName; a phone for a name).
   */
  async record(viewer: Viewer, communityId: string, input: unknown): Promise<NeedView> {
    const place = await loadAncestry(this.db, { kind: 'community', id: communityId })
    if (!place) throw new DomainError('NOT_FOUND', 'community not found')
    const staff = isCommunityStaff(viewer, communityId)
    const workerGrids = viewer.grants.filter((g) => g.role === 'grid_worker' && g.scopeId).map((g) => g.scopeId!)
    if (!staff && workerGrids.length === 0) throw new DomainError('NOT_FOUND', 'community not found')
    return this.db.transaction(async (tx) => {
      const myGrids = staff ? [] : await repo.gridsOfCommunity(tx, communityId, workerGrids)
      if (!staff && myGrids.length === 0) throw new DomainError('NOT_FOUND', 'community not found')
      const data = parseInput(recordedNeedInputSchema, input)
      const gridId = data.gridId ?? (myGrids.length === 1 ? myGrids[0]! : null)
      if (!staff && (!gridId || !myGrids.includes(gridId))) throw badInput('gridId', 'VALUE_INVALID')
      await this.checkRefs(tx, communityId, data.category, gridId)
      if (!!data.forUserId === !!data.forName) {
        throw badInput(data.forUserId ? 'forName' : 'forUserId', data.forUserId ? 'VALUE_INVALID' : 'NAME_REQUIRED')
      }
      let phone = data.forPhone ?? null
      let addressEnc = data.address ? this.sealer.seal(data.address) : null
      if (data.forUserId) {
        const person = await repo.findActivePerson(tx, data.forUserId)
        if (!person) throw badInput('forUserId', 'VALUE_INVALID')
        phone ??= person.phone
        addressEnc ??= (await repo.findResidence(tx, communityId, person.id))?.addressEnc ?? null
      } else if (!phone) throw badInput('forPhone', 'PHONE_REQUIRED')
      const id = newId()
      const now = this.clock.now()
      await repo.insertNeed(tx, {
        communityId,
        id,
        title: data.title,
        description: data.description,
        category: data.category,
        gridId,
        urgency: data.urgency,
        preferredTime: data.preferredTime,
        channel: data.channel,
        forUserId: data.forUserId ?? null,
        forName: data.forUserId ? null : data.forName!,
        contactPhoneEnc: sealNullable(this.sealer, phone),
        addressEnc,
        recordedBy: viewer.userId,
        state: 'submitted',
        search: searchVector(data.title, data.description),
        createdAt: now,
        updatedAt: now,
      })
      return this.afterPosting(tx, viewer, communityId, id, data.photoIds, 'recorded', 'need.record')
    })
  }

  private async checkRefs(tx: DbOrTx, communityId: string, category: string, gridId: string | null | undefined) {
    await requireCategory(tx, this.settings, communityId, category)
    if (gridId) await requireGridsOf(tx, communityId, [gridId], 'gridId')
  }

  private async afterPosting(
    tx: Tx,
    viewer: Viewer,
    communityId: string,
    id: string,
    photoIds: readonly string[],
    action: NeedEventAction,
    auditAction: string,
  ): Promise<NeedView> {
    await this.files.attach(tx, photoIds, NEED_PHOTO, id, viewer, communityId)
    const { row, access } = await this.load(tx, viewer, communityId, id)
    const at = this.clock.now()
    await recordNeedEvents(tx, [
      {
        communityId,
        needId: id,
        actorId: viewer.userId,
        action,
        toState: 'submitted',
        detail: { channel: row.channel },
        at,
      },
    ])
    await recordAudit(tx, this.clock, {
      actorId: viewer.userId,
      action: auditAction,
      targetType: 'need',
      targetId: id,
      place: (await loadAncestry(tx, { kind: 'community', id: communityId })) ?? { communityId },
      after: { ...facts(row), photos: photoIds.length },
    })
    await this.bus.publish(tx, {
      kind: 'need.submitted',
      communityId,
      subject: { type: 'need', id },
      params: { title: row.title },
      to: { communityStaff: communityId },
      except: viewer.userId,
    })
    return this.toView(viewer, row, access)
  }

  /**
   * The resident it is for or its recorder edits a submitted need: its fields, and its photos
   * (`photoIds` is the whole new set: new uploads are attached, left-out photos deleted; an
   * absent address keeps the one held). NOT_FOUND: not visible; FORBIDDEN: not theirs;
   * INVALID_TRANSITION: no longer submitted; BAD_USER_INPUT as for submitting.
   */
  async update(viewer: Viewer, communityId: string, id: string, input: unknown): Promise<NeedView> {
    return this.db.transaction(async (tx) => {
      const { row } = await this.lockFor(tx, viewer, communityId, id, canEditNeed)
      if (row.state !== 'submitted') {
        throw new DomainError('INVALID_TRANSITION', `cannot edit a ${row.state} need`, {
          from: row.state,
          to: row.state,
        })
      }
      const data = parseInput(needInputSchema, input)
      const gridId = data.gridId === undefined ? row.gridId : data.gridId
      await this.checkRefs(tx, communityId, data.category, gridId)
      const held = (await repo.photoIdsOf(tx, [id])).get(id) ?? []
      const wanted = [...new Set(data.photoIds)]
      await this.files.attach(
        tx,
        wanted.filter((p) => !held.includes(p)),
        NEED_PHOTO,
        id,
        viewer,
        communityId,
      )
      await this.files.markDeleted(
        tx,
        held.filter((p) => !wanted.includes(p)),
      )
      const now = this.clock.now()
      await repo.updateNeed(tx, communityId, id, {
        title: data.title,
        description: data.description,
        category: data.category,
        gridId: gridId ?? null,
        urgency: data.urgency,
        preferredTime: data.preferredTime,
        ...(data.address === undefined ? {} : { addressEnc: sealNullable(this.sealer, data.address) }),
        search: searchVector(data.title, data.description),
        updatedAt: now,
      })
      await recordNeedEvents(tx, [{ communityId, needId: id, actorId: viewer.userId, action: 'edited', at: now }])
      const after = await this.load(tx, viewer, communityId, id)
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'need.update',
        targetType: 'need',
        targetId: id,
        place: { communityId },
        before: facts(row),
        after: { ...facts(after.row), photos: wanted.length },
      })
      return this.toView(viewer, after.row, after.access)
    })
  }

  /** The resident it is for or its recorder withdraws a submitted need. Codes as for `update`. */
  withdraw(viewer: Viewer, communityId: string, id: string): Promise<NeedView> {
    return this.move(viewer, communityId, id, 'withdrawn', canEditNeed, {})
  }

  // ── Triage (community staff) ───────────────────────────────────────────────

  /** Staff accept a submitted need. NOT_FOUND: not visible; FORBIDDEN: not staff here; INVALID_TRANSITION. */
  accept(viewer: Viewer, communityId: string, id: string): Promise<NeedView> {
    return this.move(viewer, communityId, id, 'accepted', canTriageNeed, {})
  }

  /** Staff reject a submitted need with a reason. Codes as for `accept`, and BAD_USER_INPUT. */
  reject(viewer: Viewer, communityId: string, id: string, reason: string): Promise<NeedView> {
    return this.move(viewer, communityId, id, 'rejected', canTriageNeed, { reason: parseInput(reasonSchema, reason) })
  }

  /** Staff close an accepted need that will not be served, with a reason. Codes as for `reject`. */
  close(viewer: Viewer, communityId: string, id: string, reason: string): Promise<NeedView> {
    return this.move(viewer, communityId, id, 'closed', canTriageNeed, { reason: parseInput(reasonSchema, reason) })
  }

  private async move(
    viewer: Viewer,
    communityId: string,
    id: string,
    to: 'withdrawn' | 'accepted' | 'rejected' | 'closed',
    allowed: typeof canEditNeed,
    opts: { reason?: string },
  ): Promise<NeedView> {
    return this.db.transaction(async (tx) => {
      const { row } = await this.lockFor(tx, viewer, communityId, id, allowed)
      assertTransition(needMachine, row.state, to)
      const now = this.clock.now()
      await repo.updateNeed(tx, communityId, id, {
        state: to,
        updatedAt: now,
        ...(opts.reason ? { reason: opts.reason } : {}),
        ...(to === 'accepted' ? { acceptedAt: now } : {}),
      })
      await this.afterMove(tx, viewer, row, to, opts.reason ? { reason: opts.reason } : {}, now)
      const after = await this.load(tx, viewer, communityId, id)
      return this.toView(viewer, after.row, after.access)
    })
  }

  /**
   * Staff merge a submitted or accepted need into another of the community (submitted or
   * accepted): it becomes `merged`, pointing at the other; both timelines say so.
   * NOT_FOUND: either need not visible; FORBIDDEN: not staff here; INVALID_TRANSITION: the need
   * cannot be merged; BAD_USER_INPUT `{intoNeedId}`: itself, or a target no longer open.
   */
  async merge(viewer: Viewer, communityId: string, id: string, intoId: string): Promise<NeedView> {
    return this.db.transaction(async (tx) => {
      // Lock both in id order, so two opposite merges cannot deadlock.
      for (const n of [id, intoId].sort()) await repo.lockNeed(tx, communityId, n)
      const { row } = await this.lockFor(tx, viewer, communityId, id, canTriageNeed)
      const into = await this.load(tx, viewer, communityId, intoId)
      if (intoId === id || !['submitted', 'accepted'].includes(into.row.state)) {
        throw badInput('intoNeedId', 'VALUE_INVALID')
      }
      assertTransition(needMachine, row.state, 'merged')
      const now = this.clock.now()
      await repo.updateNeed(tx, communityId, id, { state: 'merged', mergedIntoId: intoId, updatedAt: now })
      await this.afterMove(tx, viewer, row, 'merged', { intoNeedId: intoId, intoTitle: into.row.title }, now)
      await recordNeedEvents(tx, [
        {
          communityId,
          needId: intoId,
          actorId: viewer.userId,
          action: 'merged_in',
          detail: { needId: id, title: row.title },
          at: now,
        },
      ])
      const after = await this.load(tx, viewer, communityId, id)
      return this.toView(viewer, after.row, after.access)
    })
  }

  /** Timeline, audit and notification of a state change (in the caller's transaction). */
  private async afterMove(
    tx: Tx,
    viewer: Viewer,
    row: NeedRow,
    to: NeedState,
    detail: Record<string, string>,
    at: Date,
  ) {
    await recordNeedEvents(tx, [
      {
        communityId: row.communityId,
        needId: row.id,
        actorId: viewer.userId,
        action: to,
        fromState: row.state,
        toState: to,
        detail,
        at,
      },
    ])
    await recordAudit(tx, this.clock, {
      actorId: viewer.userId,
      action: `need.${to === 'withdrawn' ? 'withdraw' : to === 'accepted' ? 'accept' : to === 'rejected' ? 'reject' : to === 'closed' ? 'close' : 'merge'}`,
      targetType: 'need',
      targetId: row.id,
      place: (await loadAncestry(tx, { kind: 'community', id: row.communityId })) ?? { communityId: row.communityId },
      before: { state: row.state },
      after: { state: to, ...(detail.intoNeedId ? { mergedIntoId: detail.intoNeedId } : {}) },
      reason: detail.reason ?? null,
    })
    const people = [row.forUserId, row.recordedBy].filter((p): p is string => !!p)
    await this.bus.publish(tx, {
      kind: 'need.state_changed',
      communityId: row.communityId,
      subject: { type: 'need', id: row.id },
      params: { title: row.title, state: to, ...(detail.reason ? { reason: detail.reason } : {}) },
      to: { people: [...new Set(people)] },
      except: viewer.userId,
    })
  }

  /** Lock and load; NOT_FOUND unless visible, FORBIDDEN unless `allowed`. */
  private async lockFor(
    tx: Tx,
    viewer: Viewer,
    communityId: string,
    id: string,
    allowed: typeof canEditNeed,
  ): Promise<{ row: NeedRow; access: NeedAccess }> {
    if (!(await repo.lockNeed(tx, communityId, id))) throw notFound()
    const loaded = await this.load(tx, viewer, communityId, id)
    if (!allowed(viewer, loaded.row)) throw forbidden()
    return loaded
  }
}
