/**
 * A need's timeline: every change writes one event (who, what, when, from which state to which)
 * in the same transaction as the change. The needs feature writes its own moves; the projects
 * feature moves needs with their project (publish → planned, start → in_service, cancel →
 * accepted) through `moveNeedsOfProject`, which writes their events too.
 */
import { assertTransition, needMachine, type NeedEventAction, type NeedState } from '@linli/shared'
import { and, eq, inArray } from 'drizzle-orm'
import { newId } from '../../db/columns.ts'
import type { DbOrTx } from '../../db/index.ts'
import { needEvents, needs } from '../../db/schema/index.ts'

export interface NeedEventInput {
  communityId: string
  needId: string
  /** Null when the platform did it. */
  actorId: string | null
  action: NeedEventAction
  fromState?: NeedState | null
  toState?: NeedState | null
  detail?: Record<string, string | null>
  at: Date
}

export async function recordNeedEvents(tx: DbOrTx, events: NeedEventInput[]): Promise<void> {
  if (events.length === 0) return
  await tx.insert(needEvents).values(
    events.map((e) => ({
      communityId: e.communityId,
      id: newId(),
      needId: e.needId,
      actorId: e.actorId,
      action: e.action,
      fromState: e.fromState ?? null,
      toState: e.toState ?? null,
      detail: e.detail ?? {},
      at: e.at,
    })),
  )
}

/**
 * Move the needs of a project from one state to another (checked against the need machine),
 * recording an event for each; `detachProject` clears their project (a cancelled project sends
 * its needs back to `accepted`). Returns the needs moved (id, the people to tell).
 */
export async function moveNeedsOfProject(
  tx: DbOrTx,
  args: {
    communityId: string
    projectId: string
    from: NeedState
    to: NeedState
    actorId: string | null
    action: NeedEventAction
    detail?: Record<string, string | null>
    at: Date
    detachProject?: boolean
  },
): Promise<{ id: string; forUserId: string | null; recordedBy: string }[]> {
  assertTransition(needMachine, args.from, args.to)
  const moved = await tx
    .update(needs)
    .set({ state: args.to, updatedAt: args.at, ...(args.detachProject ? { projectId: null } : {}) })
    .where(
      and(eq(needs.communityId, args.communityId), eq(needs.projectId, args.projectId), eq(needs.state, args.from)),
    )
    .returning({ id: needs.id, forUserId: needs.forUserId, recordedBy: needs.recordedBy })
  await recordNeedEvents(
    tx,
    moved.map((n) => ({
      communityId: args.communityId,
      needId: n.id,
      actorId: args.actorId,
      action: args.action,
      fromState: args.from,
      toState: args.to,
      detail: { projectId: args.projectId, ...args.detail },
      at: args.at,
    })),
  )
  return moved
}

/** Needs by id within a community, locked for the caller's transaction (project building). */
export function lockNeeds(tx: DbOrTx, communityId: string, ids: readonly string[]) {
  return tx
    .select()
    .from(needs)
    .where(and(eq(needs.communityId, communityId), inArray(needs.id, [...ids])))
    .for('update')
}

/** One event on every need of a project that does not change their state (a unit claimed it, left it). */
export async function recordProjectNeedsEvent(
  tx: DbOrTx,
  args: {
    communityId: string
    projectId: string
    actorId: string | null
    action: NeedEventAction
    detail: Record<string, string | null>
    at: Date
  },
): Promise<void> {
  const rows = await tx
    .select({ id: needs.id })
    .from(needs)
    .where(and(eq(needs.communityId, args.communityId), eq(needs.projectId, args.projectId)))
  await recordNeedEvents(
    tx,
    rows.map((n) => ({
      communityId: args.communityId,
      needId: n.id,
      actorId: args.actorId,
      action: args.action,
      detail: { projectId: args.projectId, ...args.detail },
      at: args.at,
    })),
  )
}
