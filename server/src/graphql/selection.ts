/**
 * Which fields a query asked for below the current field, so a hot list can shape its one SQL
 * statement (join only what is read). Follows fragments and inline fragments; aliases do not
 * matter (the field's name does).
 */
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql'

function collect(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, into: Map<string, FieldNode[]>) {
  for (const sel of set?.selections ?? []) {
    if (sel.kind === 'Field') {
      const list = into.get(sel.name.value) ?? []
      list.push(sel)
      into.set(sel.name.value, list)
    } else if (sel.kind === 'InlineFragment') collect(info, sel.selectionSet, into)
    else {
      const fragment = info.fragments[sel.name.value]
      if (fragment) collect(info, fragment.selectionSet, into)
    }
  }
}

/** The names of the fields selected at `path` below the resolving field (e.g. ['nodes']). */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  let nodes: FieldNode[] = [...info.fieldNodes]
  for (const step of path) {
    const next: FieldNode[] = []
    for (const node of nodes) {
      const fields = new Map<string, FieldNode[]>()
      collect(info, node.selectionSet, fields)
      next.push(...(fields.get(step) ?? []))
    }
    nodes = next
  }
  const names = new Map<string, FieldNode[]>()
  for (const node of nodes) collect(info, node.selectionSet, names)
  return new Set(names.keys())
}
