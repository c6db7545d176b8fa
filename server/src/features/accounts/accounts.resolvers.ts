import type { SmsPurpose } from '@linli/shared'
import type { IResolvers, MercuriusLoaders } from 'mercurius'
import type { AuthPayload } from '../auth/auth.service.ts'

const payload = (p: AuthPayload) => ({ ...p, me: { userId: p.userId } })

export const accountsResolvers: IResolvers = {
  Query: {
    myResidence: async (_root, _args, ctx) => ctx.app.accountsService.myResidence(await ctx.requireViewer()),
  },
  Mutation: {
    requestSmsCode: (_root, args: { phone: string; purpose: SmsPurpose }, ctx) =>
      ctx.app.accountsService.requestSmsCode(args.phone, args.purpose, ctx.ip),
    loginWithSmsCode: async (_root, args: { phone: string; code: string }, ctx) =>
      payload(await ctx.app.accountsService.loginWithSmsCode(args, ctx.ip)),
    resetPasswordWithSmsCode: (_root, args: { phone: string; code: string; newPassword: string }, ctx) =>
      ctx.app.accountsService.resetPasswordWithSmsCode(args),
    staffSetResidence: async (
      _root,
      args: { userId: string; communityId: string; gridId?: string | null; address?: string | null },
      ctx,
    ) =>
      ctx.app.accountsService.staffSetResidence(
        await ctx.requireViewer(),
        args.userId,
        args.communityId,
        args.gridId ?? null,
        args.address ?? null,
      ),
    staffSetHasSmartphone: async (_root, args: { userId: string; hasSmartphone: boolean }, ctx) =>
      ctx.app.accountsService.staffSetHasSmartphone(await ctx.requireViewer(), args.userId, args.hasSmartphone),
    staffResetPassword: async (_root, args: { userId: string; newPassword: string }, ctx) =>
      ctx.app.accountsService.staffResetPassword(await ctx.requireViewer(), args.userId, args.newPassword),
    setMyResidence: async (
      _root,
      args: { communityId: string; gridId?: string | null; address?: string | null },
      ctx,
    ) =>
      ctx.app.accountsService.setMyResidence(
        await ctx.requireViewer(),
        args.communityId,
        args.gridId ?? null,
        args.address ?? null,
      ),
    verifyRealName: async (_root, args: { userId: string; idType: string; idNumber: string }, ctx) => {
      const viewer = await ctx.requireViewer()
      const { id } = await ctx.app.accountsService.verifyRealName(viewer, args.userId, args)
      const [user] = await ctx.app.peopleService.usersByIds(viewer, [id])
      return user
    },
  },
}

interface UserParent {
  id: string
}

/** Identity fields of `User`, batched; null where the viewer may not see them. */
export const accountsLoaders: MercuriusLoaders = {
  User: {
    idNumberMasked: async (queries: { obj: UserParent }[], ctx) => {
      const views = await ctx.app.accountsService.identities(
        await ctx.viewer(),
        queries.map((q) => q.obj.id),
      )
      return views.map((v) => v?.idNumberMasked ?? null)
    },
    realNameVerified: async (queries: { obj: UserParent }[], ctx) => {
      const views = await ctx.app.accountsService.identities(
        await ctx.viewer(),
        queries.map((q) => q.obj.id),
      )
      return views.map((v) => v?.realNameVerified ?? null)
    },
  },
}
