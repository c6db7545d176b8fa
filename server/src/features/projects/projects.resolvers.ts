import type { ClaimState } from '@linli/shared'
import type { GraphQLResolveInfo } from 'graphql'
import type { IResolvers, MercuriusContext } from 'mercurius'
import { selectedFields } from '../../graphql/selection.ts'
import * as repo from './projects.repository.ts'
import type { PageShape, ProjectFilter, ProjectRow } from './projects.repository.ts'

interface PageArgs {
  filter?: ProjectFilter | null
  first?: number | null
  after?: string | null
}

/** Join only what the page's query reads. */
function shapeOf(info: GraphQLResolveInfo): { shape: PageShape; withCount: boolean } {
  const node = selectedFields(info, ['nodes'])
  return {
    shape: { claims: node.has('claims'), needs: node.has('needs'), resources: node.has('suggestedResources') },
    withCount: selectedFields(info).has('totalCount'),
  }
}

/** A project row always carries its nested parts when its statement fetched them; else one more. */
async function full(row: ProjectRow, ctx: MercuriusContext): Promise<ProjectRow> {
  return (await repo.findProject(ctx.app.db, row.communityId, row.id)) ?? row
}

export const projectsResolvers: IResolvers = {
  Project: {
    claims: async (row: ProjectRow, _a, ctx) =>
      // createdAt stays the JSON aggregate's ISO string: DateTime serialises it as it is.
      (row.liveClaims ?? (await full(row, ctx)).liveClaims ?? []).map((c, i) => ({ ...c, lead: i === 0 })),
    needs: async (row: ProjectRow, _a, ctx) => row.needList ?? (await full(row, ctx)).needList ?? [],
    suggestedResources: async (row: ProjectRow, _a, ctx) =>
      row.resourceList ?? (await full(row, ctx)).resourceList ?? [],
  },
  Query: {
    project: async (_r, a: { communityId: string; id: string }, ctx) =>
      ctx.app.projectsService.project(await ctx.requireViewer(), a.communityId, a.id),
    projects: async (_r, a: PageArgs & { communityId: string }, ctx, info) => {
      const { shape, withCount } = shapeOf(info)
      return ctx.app.projectsService.communityProjects(await ctx.requireViewer(), a.communityId, a, shape, withCount)
    },
    projectMarket: async (_r, a: PageArgs & { unitId: string }, ctx, info) => {
      const { shape, withCount } = shapeOf(info)
      return ctx.app.projectsService.market(await ctx.requireViewer(), a.unitId, a, shape, withCount)
    },
    unitClaims: async (
      _r,
      a: { unitId: string; states?: ClaimState[] | null; first?: number; after?: string | null },
      ctx,
    ) => ctx.app.claimsService.unitClaims(await ctx.requireViewer(), a.unitId, a),
    claim: async (_r, a: { communityId: string; id: string }, ctx) =>
      ctx.app.claimsService.claim(await ctx.requireViewer(), a.communityId, a.id),
  },
  Mutation: {
    createProject: async (_r, a: { communityId: string; input: unknown }, ctx) =>
      ctx.app.projectsService.createProject(await ctx.requireViewer(), a.communityId, a.input),
    updateProject: async (_r, a: { communityId: string; id: string; input: unknown }, ctx) =>
      ctx.app.projectsService.updateProject(await ctx.requireViewer(), a.communityId, a.id, a.input),
    publishProject: async (_r, a: { communityId: string; id: string }, ctx) =>
      ctx.app.projectsService.publishProject(await ctx.requireViewer(), a.communityId, a.id),
    startProject: async (_r, a: { communityId: string; id: string }, ctx) =>
      ctx.app.projectsService.startProject(await ctx.requireViewer(), a.communityId, a.id),
    cancelProject: async (_r, a: { communityId: string; id: string; reason: string }, ctx) =>
      ctx.app.projectsService.cancelProject(await ctx.requireViewer(), a.communityId, a.id, a.reason),
    claimProject: async (_r, a: { input: unknown; idempotencyKey?: string | null }, ctx) =>
      ctx.app.claimsService.claimProject(await ctx.requireViewer(), a.input, a.idempotencyKey),
    withdrawClaim: async (_r, a: { communityId: string; id: string; idempotencyKey?: string | null }, ctx) =>
      ctx.app.claimsService.withdrawClaim(await ctx.requireViewer(), a.communityId, a.id, a.idempotencyKey),
    approveClaim: async (_r, a: { communityId: string; id: string }, ctx) =>
      ctx.app.claimsService.approveClaim(await ctx.requireViewer(), a.communityId, a.id),
    rejectClaim: async (_r, a: { communityId: string; id: string; reason: string }, ctx) =>
      ctx.app.claimsService.rejectClaim(await ctx.requireViewer(), a.communityId, a.id, a.reason),
  },
}
