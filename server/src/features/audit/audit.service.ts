/**
 * Browsing the audit trail: a district admin sees everything in the district, a street admin
 * the street, community staff the community, a unit admin the unit. Newest first, keyset-paged,
 * one statement per page.
 */
import { DomainError, maskPhone, type Role } from '@linli/shared'
import { sql } from 'drizzle-orm'
import { isUuid, requirePlaceRole } from '../../access/places.ts'
import type { Db } from '../../db/index.ts'
import type { Viewer } from '../../graphql/context.ts'

export type AuditScope = 'district' | 'street' | 'community' | 'unit'

const READERS: Record<Exclude<AuditScope, 'unit'>, Role[]> = {
  district: ['district_admin'],
  street: ['district_admin', 'street_admin'],
  community: ['district_admin', 'street_admin', 'community_staff'],
}

const column = { district: sql`district_id`, street: sql`street_id`, community: sql`community_id`, unit: sql`unit_id` }

export class AuditService {
  constructor(private readonly db: Db) {}

  /** Codes: NOT_FOUND (scope missing or outside the viewer's), BAD_USER_INPUT (cursor, page size). */
  async page(viewer: Viewer, scope: AuditScope, scopeId: string, first: number, after: string | null) {
    if (first < 1 || first > 200)
      throw new DomainError('BAD_USER_INPUT', 'first must be 1–200', { fields: { first: 'VALUE_INVALID' } })
    if (scope === 'unit') {
      const admin = viewer.grants.some((g) => g.role === 'unit_admin' && g.scopeId === scopeId)
      if (!admin || !isUuid(scopeId)) throw new DomainError('NOT_FOUND', 'unit not found')
    } else {
      await requirePlaceRole(this.db, viewer, { kind: scope, id: scopeId }, READERS[scope])
    }
    const cursor = after ? decodeCursor(after) : null
    const { rows } = await this.db.execute(sql`
      select e.id, e.at, e.action, e.target_type, e.target_id, e.before, e.after, e.reason,
             a.id as actor_id, a.real_name as actor_name, a.phone as actor_phone,
             p.id as subject_id, p.real_name as subject_name, p.phone as subject_phone
      from audit_events e
      left join users a on a.id = e.actor_id
      -- The person a change was about (a grant's holder, a member…), named at read time so that
      -- a de-identified person reads as de-identified everywhere.
      left join users p on p.id = case
        when e.target_type in ('user', 'person') then e.target_id
        else coalesce(e.after->>'userId', e.before->>'userId')::uuid end
      where e.${column[scope]} = ${scopeId}::uuid
        ${cursor ? sql`and (e.at, e.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql``}
      order by e.at desc, e.id desc
      limit ${first + 1}
    `)
    const list = rows as Record<string, unknown>[]
    const items = list.slice(0, first).map((r) => ({
      id: r.id as string,
      at: new Date(r.at as string),
      action: r.action as string,
      targetType: r.target_type as string,
      targetId: r.target_id as string | null,
      before: r.before,
      after: r.after,
      reason: r.reason as string | null,
      actor: person(r.actor_id, r.actor_name, r.actor_phone),
      subject: person(r.subject_id, r.subject_name, r.subject_phone),
    }))
    const last = items[items.length - 1]
    return { items, nextCursor: list.length > first && last ? encodeCursor(last.at, last.id) : null }
  }
}

function person(id: unknown, name: unknown, phone: unknown) {
  return typeof id === 'string' ? { id, realName: name as string, phoneMasked: maskPhone(phone as string) } : null
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url')
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string]
    if (Number.isNaN(Date.parse(at)) || !isUuid(id)) throw new Error('bad cursor')
    return { at, id }
  } catch {
    throw new DomainError('BAD_USER_INPUT', 'the cursor is not valid', { fields: { after: 'VALUE_INVALID' } })
  }
}
