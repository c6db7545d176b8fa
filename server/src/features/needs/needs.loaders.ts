/**
 * Need edges, batched per request and answered in key order. A `Need` object may come from this
 * feature (a view that knows the viewer's access) or from another feature as a plain row (a
 * project's needs): then the private fields are decided here, from the database, never from
 * the row — so no feature can leak a name, phone or timeline by returning a row.
 */
import type { MercuriusContext, MercuriusLoaders } from 'mercurius'
import type { NeedView } from './needs.service.ts'

type NeedObj = { communityId: string; id: string; access?: unknown }

const isView = (o: NeedObj): o is NeedView & NeedObj => typeof o.access === 'string'

/** Views for the objects, loading (once per request) those that are plain rows. */
async function viewsOf(objs: NeedObj[], ctx: MercuriusContext): Promise<(NeedView | null)[]> {
  const plain = objs.filter((o) => !isView(o))
  const loaded = plain.length ? await ctx.app.needsService.viewsByRefs(await ctx.viewer(), plain) : []
  const byKey = new Map(plain.map((o, i) => [`${o.communityId}:${o.id}`, loaded[i] ?? null]))
  return objs.map((o) => (isView(o) ? o : (byKey.get(`${o.communityId}:${o.id}`) ?? null)))
}

const field =
  <K extends 'forName' | 'contactPhone' | 'description' | 'reason'>(key: K) =>
  async (queries: { obj: NeedObj }[], ctx: MercuriusContext) =>
    (
      await viewsOf(
        queries.map((q) => q.obj),
        ctx,
      )
    ).map((v) => v?.[key] ?? null)

export const needsLoaders: MercuriusLoaders = {
  Need: {
    forName: field('forName'),
    contactPhone: field('contactPhone'),
    description: field('description'),
    reason: field('reason'),
    photos: async (queries: { obj: NeedObj }[], ctx) => {
      const views = await viewsOf(
        queries.map((q) => q.obj),
        ctx,
      )
      const shown = views.filter((v): v is NeedView => !!v)
      const photos = await ctx.app.needsService.photos(shown)
      const byId = new Map(shown.map((v, i) => [v.id, photos[i]!]))
      return views.map((v) => (v ? (byId.get(v.id) ?? []) : []))
    },
    timeline: async (queries: { obj: NeedObj }[], ctx) => {
      const views = await viewsOf(
        queries.map((q) => q.obj),
        ctx,
      )
      const shown = views.filter((v): v is NeedView => !!v)
      const timelines = await ctx.app.needsService.timelines(shown)
      const byId = new Map(shown.map((v, i) => [v.id, timelines[i]!]))
      return views.map((v) => (v ? (byId.get(v.id) ?? []) : []))
    },
  },
}
