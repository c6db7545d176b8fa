/**
 * GraphQL over HTTP for the browser tests: what someone else does meanwhile (signs up, claims,
 * grants, revokes), sent as their client would, without opening their pages.
 */
import { DEMO_PASSWORD } from './browser.ts'

/** Someone signed in over the API: the access token, the roles, and the scope id of one of them. */
export interface ApiSession {
  token: string
  roles: { role: string; scopeId: string | null }[]
  /** The id of the community, unit … this role is held in; throws when the person does not hold it. */
  scope(role: string): string
}

/** GraphQL against the server at `url()` (read at each call: the server starts in beforeAll). */
export function graphqlAt(url: () => string) {
  /** One call, as `token`'s holder or no one; throws with the errors, if any. */
  async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const res = await fetch(`${url()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    })
    const body = (await res.json()) as { data?: T; errors?: unknown[] }
    if (!body.data || body.errors) throw new Error(JSON.stringify(body.errors))
    return body.data
  }

  /** Sign in with a password (the demo's unless given). */
  async function login(phone: string, password = DEMO_PASSWORD): Promise<ApiSession> {
    const { login } = await gql<{
      login: { accessToken: string; me: { roles: { role: string; scopeId: string | null }[] } }
    }>(
      'mutation($phone: String!, $password: String!) { login(phone: $phone, password: $password) { accessToken me { roles { role scopeId } } } }',
      { phone, password },
    )
    const roles = login.me.roles
    return {
      token: login.accessToken,
      roles,
      scope(role) {
        const scopeId = roles.find((r) => r.role === role)?.scopeId
        if (!scopeId) throw new Error(`${phone} holds no ${role} role with a scope`)
        return scopeId
      },
    }
  }

  return { gql, login }
}
