import type { IResolvers } from 'mercurius'
import type { Scope } from './rankings.service.ts'

interface RankingArgs {
  scope: Scope
  period: { kind: string; value?: string | null }
  first?: number | null
}

/** The period as the shared schema reads it (no `value` for all time). */
const period = (p: RankingArgs['period']) =>
  p.kind === 'all' ? { kind: 'all' } : { kind: p.kind, value: p.value ?? '' }

export const rankingsResolvers: IResolvers = {
  Query: {
    volunteerRanking: async (_r, a: RankingArgs, ctx) =>
      ctx.app.rankingsService.volunteers(await ctx.requireViewer(), a.scope, period(a.period), a.first ?? 50),
    unitRanking: async (_r, a: RankingArgs, ctx) =>
      ctx.app.rankingsService.units(await ctx.requireViewer(), a.scope, period(a.period), a.first ?? 50),
    teamRanking: async (_r, a: RankingArgs, ctx) =>
      ctx.app.rankingsService.teams(await ctx.requireViewer(), a.scope, period(a.period), a.first ?? 50),
    pioneerRanking: async (_r, a: RankingArgs, ctx) =>
      ctx.app.rankingsService.pioneers(await ctx.requireViewer(), a.scope, period(a.period), a.first ?? 50),
    dashboard: async (_r, a: { scope: Scope; from: string; to: string }, ctx) =>
      ctx.app.rankingsService.dashboard(await ctx.requireViewer(), a.scope, a.from, a.to),
  },
}
