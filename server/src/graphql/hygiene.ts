/**
 * Limits on what one request may ask for: depth, aliases and batched operations. Suggestions
 * ("Did you mean …") are stripped by the error formatter; introspection is off in production.
 */
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql'

export const LIMITS = {
  /** Deepest selection nesting; the deepest real page (a list → item → edge → edge) is far below. */
  maxDepth: 12,
  /** Aliased fields per operation, fragments expanded. */
  maxAliases: 30,
  /** Operations in one batched HTTP request. */
  maxBatch: 10,
} as const

interface Measure {
  depth: number
  aliases: number
}

function measure(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  depth: number,
  seen: ReadonlySet<string>,
  budget: { left: number },
): Measure {
  let deepest = depth
  let aliases = 0
  for (const sel of set.selections) {
    if (--budget.left < 0) break
    if (sel.kind === Kind.FIELD) {
      if (sel.alias) aliases += 1
      if (sel.selectionSet) {
        const inner = measure(sel.selectionSet, fragments, depth + 1, seen, budget)
        deepest = Math.max(deepest, inner.depth)
        aliases += inner.aliases
      }
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const inner = measure(sel.selectionSet, fragments, depth, seen, budget)
      deepest = Math.max(deepest, inner.depth)
      aliases += inner.aliases
    } else {
      const name = sel.name.value
      const fragment = fragments.get(name)
      // A cycle is reported by graphql's own NoFragmentCycles rule.
      if (!fragment || seen.has(name)) continue
      const inner = measure(fragment.selectionSet, fragments, depth, new Set([...seen, name]), budget)
      deepest = Math.max(deepest, inner.depth)
      aliases += inner.aliases
    }
  }
  return { depth: deepest, aliases }
}

/** One validation rule for depth and aliases, fragments expanded, with a bounded walk. */
export function queryLimitsRule(context: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const def of context.getDocument().definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def)
  }
  return {
    OperationDefinition(node) {
      const budget = { left: 20_000 }
      const m = measure(node.selectionSet, fragments, 1, new Set(), budget)
      if (m.depth > LIMITS.maxDepth) {
        context.reportError(
          new GraphQLError(`Query depth ${m.depth} exceeds the limit of ${LIMITS.maxDepth}`, {
            nodes: [node],
            extensions: { code: 'QUERY_TOO_DEEP', limit: LIMITS.maxDepth },
          }),
        )
      }
      if (m.aliases > LIMITS.maxAliases || budget.left < 0) {
        context.reportError(
          new GraphQLError(`Too many aliases: the limit is ${LIMITS.maxAliases}`, {
            nodes: [node],
            extensions: { code: 'TOO_MANY_ALIASES', limit: LIMITS.maxAliases },
          }),
        )
      }
      return false
    },
  }
}

/** Remove graphql-js field suggestions, which leak the schema's names. */
export function stripSuggestions(message: string): string {
  return message.replace(/\s*Did you mean .*\?$/s, '')
}
