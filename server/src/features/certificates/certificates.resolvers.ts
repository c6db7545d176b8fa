import type { IResolvers } from 'mercurius'

/** The DateTime scalar parses to Date; the shared input schema validates ISO strings. */
function isoDates(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]))
}

export const certificatesResolvers: IResolvers = {
  Query: {
    myCertificates: async (_r, _a, ctx) => ctx.app.certificatesService.myCertificates(await ctx.requireViewer()),
    certificates: async (_r, a: { communityId: string; volunteerId?: string | null }, ctx) =>
      ctx.app.certificatesService.certificates(await ctx.requireViewer(), a.communityId, a.volunteerId ?? null),
    certificate: async (_r, a: { communityId: string; id: string }, ctx) =>
      ctx.app.certificatesService.certificate(await ctx.requireViewer(), a.communityId, a.id),
    certificateCandidates: async (
      _r,
      a: { communityId: string; phone?: string | null; from?: Date | null; to?: Date | null },
      ctx,
    ) => ctx.app.certificatesService.candidates(await ctx.requireViewer(), a.communityId, a),
    // Public: the token (if any) is never even read.
    verifyCertificate: (_r, a: { serial: string }, ctx) => ctx.app.certificatesService.verify(a.serial),
  },
  Mutation: {
    issueCertificate: async (_r, a: { communityId: string; input: Record<string, unknown> }, ctx) =>
      ctx.app.certificatesService.issueCertificate(await ctx.requireViewer(), a.communityId, isoDates(a.input)),
    revokeCertificate: async (_r, a: { communityId: string; id: string; reason: string }, ctx) =>
      ctx.app.certificatesService.revokeCertificate(await ctx.requireViewer(), a.communityId, a.id, a.reason),
  },
}
