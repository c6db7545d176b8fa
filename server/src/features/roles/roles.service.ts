/**
 * Role grants inside one's own scope (GRANTABLE_BY in @linli/shared): a grant's scope must lie
 * inside a scope where the granter holds a role that may grant it. Revoking follows the same
 * rule. Places outside the granter's scope answer NOT_FOUND, like places that do not exist.
 */
import { DomainError, ROLE_SCOPE, grantersOf, maskName, maskPhone, phoneSchema, type Role } from '@linli/shared'
import { eq, ne } from 'drizzle-orm'
import { isUuid, loadAncestry, requirePlaceRole, scopeIds, type Ancestry } from '../../access/places.ts'
import type { Clock } from '../../clock.ts'
import { newId } from '../../db/columns.ts'
import type { Db, DbOrTx } from '../../db/index.ts'
import { roleGrants, unitMembers } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { parseInput } from '../../lib/input.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import type { EventBus } from '../../platform/notifications/bus.ts'
import { findLiveGrantsWithScopeNames, grantScopeName } from '../people/people.repository.ts'
import * as repo from './roles.repository.ts'

const isUniqueViolation = (err: unknown) =>
  (err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505'

export interface ScopedGrantView {
  id: string
  role: Role
  scopeType: string
  scopeId: string | null
  scopeName: string | null
  person: { id: string; realName: string; phoneMasked: string }
  grantedAt: Date
}

const ADMIN_ROLES: Role[] = ['district_admin', 'street_admin', 'community_staff', 'unit_admin']

export class RolesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {}

  /**
   * Where a grant of `role` on `scopeId` would sit, if the viewer may make (or revoke) it.
   * Codes: FORBIDDEN (nobody grants this role here), NOT_FOUND (scope missing or outside).
   */
  private async authorize(db: DbOrTx, viewer: Viewer, role: Role, scopeId: string) {
    const granters = grantersOf(role)
    if (granters.length === 0) throw new DomainError('FORBIDDEN', `${role} is not granted here`)
    if (!isUuid(scopeId)) throw new DomainError('NOT_FOUND', 'scope not found')
    const scopeType = ROLE_SCOPE[role]
    if (scopeType === 'unit') {
      // Community staff appoint the admins of units in their community's alliance.
      const staffOf = scopeIds(viewer, granters).communities
      const [communityId] = await repo.alliancesHoldingUnit(db, scopeId, staffOf)
      if (!communityId) throw new DomainError('NOT_FOUND', 'unit not found')
      const place = (await loadAncestry(db, { kind: 'community', id: communityId }))!
      return { place, unitId: scopeId, scopeType }
    }
    if (scopeType === 'self') throw new DomainError('FORBIDDEN', `${role} is not granted here`)
    const place: Ancestry = await requirePlaceRole(db, viewer, { kind: scopeType, id: scopeId }, granters)
    return { place, unitId: null, scopeType }
  }

  /** Codes: FORBIDDEN, NOT_FOUND (scope or person), ALREADY_EXISTS, BAD_USER_INPUT. */
  async grant(viewer: Viewer, input: { phone: string; role: Role; scopeId: string }): Promise<ScopedGrantView> {
    const phone = parseInput(phoneSchema, input.phone)
    const { place, unitId, scopeType } = await this.authorize(this.db, viewer, input.role, input.scopeId)
    const person = await repo.findActivePersonByPhone(this.db, phone)
    if (!person) throw new DomainError('NOT_FOUND', 'no registered person has this phone')
    const now = this.clock.now()
    const id = newId()
    try {
      await this.db.transaction(async (tx) => {
        await tx.insert(roleGrants).values({
          id,
          userId: person.id,
          role: input.role,
          scopeType,
          scopeId: input.scopeId,
          grantedBy: viewer.userId,
          createdAt: now,
        })
        if (input.role === 'unit_admin') {
          // A unit's admin is one of its people: they join the roster (an earlier membership is reactivated).
          await tx
            .insert(unitMembers)
            .values({
              unitId: input.scopeId,
              userId: person.id,
              status: 'active',
              decidedBy: viewer.userId,
              joinedAt: now,
              createdAt: now,
            })
            .onConflictDoUpdate({
              target: [unitMembers.unitId, unitMembers.userId],
              set: { status: 'active', decidedBy: viewer.userId, joinedAt: now },
              setWhere: ne(unitMembers.status, 'active'),
            })
        }
        await recordAudit(tx, this.clock, {
          actorId: viewer.userId,
          action: 'role.grant',
          targetType: 'role_grant',
          targetId: id,
          place,
          unitId,
          after: { userId: person.id, role: input.role, scopeType, scopeId: input.scopeId },
        })
        await this.tellHolder(tx, 'role.granted', id, person.id, input.role, place)
      })
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('ALREADY_EXISTS', 'this person already holds this role here')
      throw err
    }
    const grants = await findLiveGrantsWithScopeNames(this.db, person.id)
    const made = grants.find((g) => g.id === id)!
    return {
      id,
      role: input.role,
      scopeType,
      scopeId: input.scopeId,
      scopeName: made.scopeName,
      person: { id: person.id, realName: person.realName, phoneMasked: maskPhone(person.phone) },
      grantedAt: now,
    }
  }

  /** Codes: NOT_FOUND (no such live grant within reach), FORBIDDEN (one's own grant). */
  async revoke(viewer: Viewer, grantId: string): Promise<boolean> {
    if (!isUuid(grantId)) throw new DomainError('NOT_FOUND', 'grant not found')
    const grant = await repo.findLiveGrant(this.db, grantId)
    if (!grant || !grant.scopeId) throw new DomainError('NOT_FOUND', 'grant not found')
    const { place, unitId } = await this.authorize(this.db, viewer, grant.role, grant.scopeId).catch(() => {
      throw new DomainError('NOT_FOUND', 'grant not found')
    })
    if (grant.userId === viewer.userId) throw new DomainError('FORBIDDEN', 'one cannot revoke one’s own grant')
    await this.db.transaction(async (tx) => {
      await tx.update(roleGrants).set({ revokedAt: this.clock.now() }).where(eq(roleGrants.id, grantId))
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'role.revoke',
        targetType: 'role_grant',
        targetId: grantId,
        place,
        unitId,
        before: { userId: grant.userId, role: grant.role, scopeType: grant.scopeType, scopeId: grant.scopeId },
      })
      await this.tellHolder(tx, 'role.revoked', grantId, grant.userId, grant.role, place)
    })
    return true
  }

  /** The person whose role changed is told, with the place or unit's name. */
  private async tellHolder(
    tx: DbOrTx,
    kind: 'role.granted' | 'role.revoked',
    grantId: string,
    userId: string,
    role: Role,
    place: Ancestry,
  ) {
    await this.bus.publish(tx, {
      kind,
      communityId: place.communityId ?? null,
      subject: { type: 'role_grant', id: grantId },
      params: { role, placeName: (await grantScopeName(tx, grantId)) ?? '' },
      to: { people: [userId] },
    })
  }

  /** Live grants inside a place the viewer administers (one statement). */
  async within(viewer: Viewer, kind: 'district' | 'street' | 'community' | 'grid', id: string) {
    await requirePlaceRole(this.db, viewer, { kind, id }, ['district_admin', 'street_admin', 'community_staff'])
    return (await repo.findGrantsWithin(this.db, kind, id)).map(toView)
  }

  /**
   * An administrator looks a person up by exact phone to confirm who it is before appointing
   * or serving them: the name comes masked (王*英), since the person may live outside the
   * administrator's scope. Codes: FORBIDDEN.
   */
  async findByPhone(viewer: Viewer, rawPhone: string) {
    if (!viewer.grants.some((g) => ADMIN_ROLES.includes(g.role))) {
      throw new DomainError('FORBIDDEN', 'only administrators look people up')
    }
    const phone = parseInput(phoneSchema, rawPhone)
    const person = await repo.findActivePersonByPhone(this.db, phone)
    return person ? { id: person.id, realName: maskName(person.realName), phoneMasked: maskPhone(person.phone) } : null
  }
}

function toView(row: repo.ScopedGrantRow): ScopedGrantView {
  return {
    id: row.id,
    role: row.role as Role,
    scopeType: row.scopeType,
    scopeId: row.scopeId,
    scopeName: row.scopeName,
    person: { id: row.userId, realName: row.realName, phoneMasked: maskPhone(row.phone) },
    grantedAt: row.grantedAt,
  }
}
