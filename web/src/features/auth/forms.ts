/** Helpers the auth forms share. */

/** Field codes of a schema failure, keyed by the first path segment (as the server does). */
export function issuesOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of issues) out[String(issue.path[0] ?? '_')] ??= issue.message
  return out
}
