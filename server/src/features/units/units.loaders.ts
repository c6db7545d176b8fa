/** Team and Unit edges, batched per request and answered in key order (Mercurius loaders). */
import type { MercuriusLoaders } from 'mercurius'
import type { TeamView } from './units.service.ts'

export const unitsLoaders: MercuriusLoaders = {
  Unit: {
    logoFileId: async (queries: { obj: { id: string } }[], ctx) =>
      ctx.app.unitsService.logoFileIds(queries.map((q) => q.obj.id)),
  },
  Team: {
    leader: async (queries: { obj: TeamView }[], ctx) => {
      const viewer = await ctx.viewer()
      return ctx.app.peopleService.usersByIds(
        viewer,
        queries.map((q) => q.obj.leaderId ?? '00000000-0000-0000-0000-000000000000'),
      )
    },
    members: async (queries: { obj: TeamView }[], ctx) =>
      ctx.app.unitsService.teamMembers(
        await ctx.viewer(),
        queries.map((q) => q.obj.id),
      ),
  },
}
