/**
 * Element Plus' tables as screen readers should find them.
 *
 * ElTable draws a table as two <table>s, the header's and the body's, so a screen reader finds a
 * body without column headers and cannot say which column a cell is in. Ours gives the parts the
 * roles of one ARIA table: the whole is a `table`, the two <table>s are layout only
 * (`presentation`), and their row groups, rows, column headers and cells say what they are.
 *
 * ElDescriptions lays label–value pairs out in a <table> of plain cells, a label beside its value,
 * several pairs to a row: a table without headers. Ours marks that <table> as layout, so the pairs
 * are read in order, each label before its value.
 *
 * Rows Element adds later (new data, another page, an expanded row) get their roles as they come,
 * from a MutationObserver on the component's root.
 */
import { ElDescriptions as ElementDescriptions, ElTable as ElementTable } from 'element-plus'
import { defineComponent, h, onBeforeUnmount, onMounted, ref, type Component } from 'vue'

function setRole(el: Element, role: string): void {
  if (el.getAttribute('role') !== role) el.setAttribute('role', role)
}

const TABLE_PART_ROLES: [selector: string, role: string][] = [
  ['table', 'presentation'],
  ['thead, tbody, tfoot', 'rowgroup'],
  ['tr', 'row'],
  ['th', 'columnheader'],
  ['td', 'cell'],
]

/**
 * An Element Plus table (its root, `.el-table`) and its parts, as one ARIA table. Without rows it
 * shows a message in their place (an empty state, often a live `status`), which has no place in
 * an ARIA table: then the parts keep their own roles, a header table and the message after it.
 */
export function giveTableRoles(root: HTMLElement): void {
  const empty = root.querySelector('.el-table__empty-block') !== null
  if (empty) root.removeAttribute('role')
  else setRole(root, 'table')
  for (const [selector, role] of TABLE_PART_ROLES) {
    for (const el of root.querySelectorAll(selector)) {
      if (empty) el.removeAttribute('role')
      else setRole(el, role)
    }
  }
}

/** An Element Plus descriptions list (`.el-descriptions`): its label–value <table>s are layout. */
export function giveDescriptionsRoles(root: HTMLElement): void {
  // A vertical layout has a row of <th> labels above a row of values: a real table, left as it is.
  for (const table of root.querySelectorAll('table')) if (!table.querySelector('th')) setRole(table, 'presentation')
}

/** `component`, rendered as it is, with `giveRoles` applied to its root now and on every change below it. */
function withRoles<C extends Component>(component: C, name: string, giveRoles: (root: HTMLElement) => void): C {
  return defineComponent({
    name,
    inheritAttrs: false,
    setup(_props, { attrs, slots, expose }) {
      const inner = ref<{ $el?: unknown } & Record<string, unknown>>()
      let observer: MutationObserver | null = null
      onMounted(() => {
        const root = inner.value?.$el
        if (!(root instanceof HTMLElement)) return
        giveRoles(root)
        observer = new MutationObserver(() => giveRoles(root))
        observer.observe(root, { childList: true, subtree: true })
      })
      onBeforeUnmount(() => observer?.disconnect())
      // The component's methods (a table's clearSelection, sort …) through a template ref, as before.
      expose(new Proxy({}, { get: (_target, key: string) => inner.value?.[key] }))
      return () => h(component as Component, { ...attrs, ref: inner }, slots)
    },
  }) as unknown as C
}

export const ElTable = withRoles(ElementTable, 'LinliTable', giveTableRoles)
export const ElDescriptions = withRoles(ElementDescriptions, 'LinliDescriptions', giveDescriptionsRoles)
