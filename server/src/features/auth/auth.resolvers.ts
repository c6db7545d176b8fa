import { PRIVACY_NOTICE_VERSION } from '@linli/shared'
import type { IResolvers } from 'mercurius'
import type { AuthPayload } from './auth.service.ts'

const payload = (p: AuthPayload) => ({ ...p, me: { userId: p.userId } })

export const authResolvers: IResolvers = {
  Query: {
    privacyNotice: () => ({ version: PRIVACY_NOTICE_VERSION }),
  },
  Mutation: {
    register: async (_root, args: { input: unknown }, ctx) => payload(await ctx.app.authService.register(args.input)),
    login: async (_root, args: { phone: string; password: string }, ctx) =>
      payload(await ctx.app.authService.login(args, ctx.ip)),
    refresh: async (_root, args: { refreshToken: string }, ctx) =>
      payload(await ctx.app.authService.refresh(args.refreshToken)),
    logout: async (_root, args: { refreshToken?: string | null }, ctx) => {
      // A logout with an expired access token still ends the session named by the refresh token.
      const viewer = await ctx.viewer().catch(() => null)
      return ctx.app.authService.logout(viewer, args.refreshToken ?? null)
    },
  },
}
