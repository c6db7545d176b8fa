/**
 * Escape on a closed Element Plus select reaches the dialog or drawer around it.
 *
 * ElSelect (2.14) answers every Escape keydown with preventDefault + stopPropagation, even when
 * its menu is closed and there is nothing to clear; the dialog listens for Escape on the document,
 * so with focus on a select a keyboard user could not close the dialog. Here, before the select
 * sees it, an Escape on a closed select with no typed text is handed to the document's listeners
 * instead. An open menu, or typed filter text, still takes the Escape first (Element's own
 * behaviour: close the menu, clear the text).
 */
function onKeydown(event: KeyboardEvent): void {
  if (event.key !== 'Escape' || !event.isTrusted) return
  const target = event.target
  if (!(target instanceof HTMLInputElement) || !target.classList.contains('el-select__input')) return
  if (target.getAttribute('aria-expanded') === 'true' || target.value !== '') return
  event.stopImmediatePropagation()
  document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))
}

if (typeof window !== 'undefined') window.addEventListener('keydown', onKeydown, { capture: true })
