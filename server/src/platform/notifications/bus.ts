/**
 * The event bus features publish to. `publish(tx, event)` runs inside the caller's transaction:
 * it names the recipients, writes one notification row each, schedules the SMS copy for those
 * who get one, and raises a PostgreSQL NOTIFY. All of it commits with the change or not at all,
 * and NOTIFY is delivered only on commit — to every server instance listening (live.ts).
 */
import type { NotificationKind, NotificationParams } from '@linli/shared'
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { DbOrTx } from '../../db/index.ts'
import { notifications, roleGrants, users } from '../../db/schema/index.ts'
import type { Clock } from '../../clock.ts'
import type { JobQueue } from '../jobs/queue.ts'

/** Who is told. Resolved to people when the event is published. */
export type Audience =
  | { people: readonly string[] }
  /** The community's staff (community_staff granted on it). */
  | { communityStaff: string }
  /** The unit's admins. */
  | { unitAdmins: string }

export interface BusEvent {
  kind: NotificationKind
  /** The community the event happened in (scopes live community feeds); null for platform events. */
  communityId: string | null
  subject?: { type: string; id: string }
  params?: NotificationParams
  to: Audience | readonly Audience[]
  /** Leave this person out (usually the actor: nobody is told what they did themselves). */
  except?: string
}

/** What travels in the NOTIFY payload (kept far below PostgreSQL's 8000-byte limit). */
export interface LiveSignal {
  eventId: string
  kind: NotificationKind
  communityId: string | null
  subjectType: string | null
  subjectId: string | null
  occurredAt: string
}

export const LIVE_CHANNEL = 'linli_events'
export const NOTIFICATION_SMS_JOB = 'notifications.sms'

export interface Published {
  eventId: string
  recipients: number
  sms: number
}

export class EventBus {
  constructor(
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  async publish(tx: DbOrTx, event: BusEvent): Promise<Published> {
    const eventId = newId()
    const now = this.clock.now()
    const people = await resolveAudience(tx, Array.isArray(event.to) ? event.to : [event.to as Audience])
    if (event.except) people.delete(event.except)
    let smsCount = 0
    if (people.size > 0) {
      const recipients = await tx
        .select({ id: users.id, hasSmartphone: users.hasSmartphone, notifyBySms: users.notifyBySms })
        .from(users)
        .where(and(inArray(users.id, [...people]), eq(users.status, 'active')))
      const rows = recipients.map((r) => {
        const sms = !r.hasSmartphone || r.notifyBySms
        if (sms) smsCount++
        return {
          id: newId(),
          recipientId: r.id,
          eventId,
          kind: event.kind,
          communityId: event.communityId,
          subjectType: event.subject?.type ?? null,
          subjectId: event.subject?.id ?? null,
          params: event.params ?? {},
          smsStatus: sms ? ('pending' as const) : ('none' as const),
          createdAt: now,
        }
      })
      if (rows.length > 0) await tx.insert(notifications).values(rows)
      if (smsCount > 0) {
        await this.jobs.schedule(
          NOTIFICATION_SMS_JOB,
          { eventId },
          { dedupeKey: `${NOTIFICATION_SMS_JOB}:${eventId}`, communityId: event.communityId },
          tx,
        )
      }
      people.clear()
      for (const r of rows) people.add(r.recipientId)
    }
    const signal: LiveSignal = {
      eventId,
      kind: event.kind,
      communityId: event.communityId,
      subjectType: event.subject?.type ?? null,
      subjectId: event.subject?.id ?? null,
      occurredAt: now.toISOString(),
    }
    await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(signal)})`)
    return { eventId, recipients: people.size, sms: smsCount }
  }
}

async function resolveAudience(tx: DbOrTx, audiences: readonly Audience[]): Promise<Set<string>> {
  const people = new Set<string>()
  const scopes = { community_staff: [] as string[], unit_admin: [] as string[] }
  for (const a of audiences) {
    if ('people' in a) for (const id of a.people) people.add(id)
    else if ('communityStaff' in a) scopes.community_staff.push(a.communityStaff)
    else scopes.unit_admin.push(a.unitAdmins)
  }
  // One statement per role, however many communities or units are told (a project published
  // to an alliance tells every member unit's admins).
  for (const [role, scopeIds] of Object.entries(scopes) as [keyof typeof scopes, string[]][]) {
    if (scopeIds.length === 0) continue
    const rows = await tx
      .select({ userId: roleGrants.userId })
      .from(roleGrants)
      .where(and(eq(roleGrants.role, role), inArray(roleGrants.scopeId, scopeIds), isNull(roleGrants.revokedAt)))
    for (const r of rows) people.add(r.userId)
  }
  return people
}
