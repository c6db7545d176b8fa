import type { IResolvers, MercuriusContext } from 'mercurius'
import type { ActivityRow, MySignUpJson } from './activities.repository.ts'

const date = (v: string | Date) => (v instanceof Date ? v : new Date(v))

export const activitiesResolvers: IResolvers = {
  Activity: {
    mySignUp: (row: ActivityRow) =>
      row.mySignUp ? { ...row.mySignUp, createdAt: date((row.mySignUp as MySignUpJson).createdAt) } : null,
    checkInOpensAt: async (row: ActivityRow, _a, ctx) =>
      new Date(row.startsAt.getTime() - (await toleranceOf(ctx, row.communityId)) * 60_000),
    checkOutClosesAt: async (row: ActivityRow, _a, ctx) =>
      new Date(row.endsAt.getTime() + (await toleranceOf(ctx, row.communityId)) * 60_000),
  },
  Query: {
    activity: async (_r, a: { communityId: string; id: string }, ctx) =>
      ctx.app.activitiesService.activity(await ctx.requireViewer(), a.communityId, a.id),
    activities: async (
      _r,
      a: { communityId: string; projectId?: string | null; from?: Date | null; first?: number; after?: string | null },
      ctx,
    ) => ctx.app.activitiesService.activities(await ctx.requireViewer(), a.communityId, a),
    activitySignUps: async (_r, a: { communityId: string; activityId: string }, ctx) =>
      ctx.app.signUpsService.activitySignUps(await ctx.requireViewer(), a.communityId, a.activityId),
    mySignUps: async (_r, a: { first?: number; after?: string | null }, ctx) =>
      ctx.app.signUpsService.mySignUps(await ctx.requireViewer(), a),
    myLedActivities: async (_r, a: { first?: number }, ctx) =>
      ctx.app.activitiesService.myLedActivities(await ctx.requireViewer(), a.first),
  },
  Mutation: {
    createActivity: async (_r, a: { communityId: string; input: Record<string, unknown> }, ctx) =>
      ctx.app.activitiesService.createActivity(await ctx.requireViewer(), a.communityId, isoDates(a.input)),
    rescheduleActivity: async (_r, a: { communityId: string; id: string; input: Record<string, unknown> }, ctx) =>
      ctx.app.activitiesService.rescheduleActivity(await ctx.requireViewer(), a.communityId, a.id, isoDates(a.input)),
    setActivitySlots: async (_r, a: { communityId: string; id: string; slots: number }, ctx) =>
      ctx.app.activitiesService.setActivitySlots(await ctx.requireViewer(), a.communityId, a.id, a.slots),
    cancelActivity: async (_r, a: { communityId: string; id: string; reason: string }, ctx) =>
      ctx.app.activitiesService.cancelActivity(await ctx.requireViewer(), a.communityId, a.id, a.reason),
    signUp: async (_r, a: { communityId: string; activityId: string; idempotencyKey?: string | null }, ctx) =>
      ctx.app.signUpsService.signUp(await ctx.requireViewer(), a.communityId, a.activityId, a.idempotencyKey),
    cancelSignUp: async (_r, a: { communityId: string; id: string; idempotencyKey?: string | null }, ctx) =>
      ctx.app.signUpsService.cancelSignUp(await ctx.requireViewer(), a.communityId, a.id, a.idempotencyKey),
  },
}

/** The community's check-in tolerance, read once per request and community (a page of activities asks once). */
function toleranceOf(ctx: MercuriusContext, communityId: string): Promise<number> {
  const memo = ((ctx as MercuriusContext & { toleranceMemo?: Map<string, Promise<number>> }).toleranceMemo ??=
    new Map())
  let found = memo.get(communityId)
  if (!found) {
    found = ctx.app.settingsService.effective(ctx.app.db, communityId).then((s) => s.checkInToleranceMinutes)
    memo.set(communityId, found)
  }
  return found
}

/** The DateTime scalar parses to Date; the shared input schemas validate ISO strings. */
function isoDates(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]))
}
