/** What every resolver receives: the app's services, the clock, and who is asking. */
import type { Role, ScopeType } from '@linli/shared'
import type { FastifyReply, FastifyRequest } from 'fastify'

export interface ViewerGrant {
  id: string
  role: Role
  scopeType: ScopeType
  scopeId: string | null
}

/** The signed-in person, loaded once per request from the access token's session. */
export interface Viewer {
  userId: string
  sessionId: string
  grants: ViewerGrant[]
}

export interface RequestContext {
  request: FastifyRequest
  reply: FastifyReply
  /** The client's address (from the proxy header only when `TRUST_PROXY` is set). */
  ip: string
  /** The signed-in person, or null when anonymous. Throws for a bad or expired token. */
  viewer(): Promise<Viewer | null>
  /** The signed-in person; throws `UNAUTHENTICATED` when anonymous. */
  requireViewer(): Promise<Viewer>
}

declare module 'mercurius' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MercuriusContext extends RequestContext {}
}
