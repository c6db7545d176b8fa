/**
 * 长辈模式 (elder mode): larger type, bigger tap targets, stronger contrast. Remembered in
 * localStorage and applied as `linli-elder` on <html>, so every page (and every later page) inherits it.
 */
import { ref } from 'vue'

const STORAGE_KEY = 'linli.elder'
export const ELDER_CLASS = 'linli-elder'

function stored(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1'
  } catch {
    return false
  }
}

export const elderMode = ref(stored())

function apply(on: boolean): void {
  if (typeof document !== 'undefined') document.documentElement.classList.toggle(ELDER_CLASS, on)
}
apply(elderMode.value)

export function setElderMode(on: boolean): void {
  elderMode.value = on
  try {
    localStorage.setItem(STORAGE_KEY, on ? '1' : '0')
  } catch {
    // Private mode (some in-app browsers): the choice lasts for this page only.
  }
  apply(on)
}

export function toggleElderMode(): void {
  setElderMode(!elderMode.value)
}
