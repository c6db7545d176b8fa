/**
 * Accessibility checks for the browser tests: axe-core's serious and critical violations on the
 * settled page, visible text below a size, and touch targets below 44px (长辈模式).
 */
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

export interface Finding {
  id: string
  impact: string
  help: string
  nodes: string[]
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<Finding[]> {
  await page.evaluate(() => document.fonts.ready)
  // Judge the settled page: a colour caught mid-transition (a button fading in) is not what people read.
  await page.addStyleTag({
    content: '*, *::before, *::after { transition: none !important; animation: none !important; }',
  })
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE })
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe
    interface AxeViolation {
      id: string
      impact?: string | null
      help: string
      nodes: { target: unknown[]; failureSummary?: string }[]
    }
    const result = await axe.run()
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
      }))
  })
}

/** Visible text below `min` px. */
export function textBelow(page: Page, min: number): Promise<string[]> {
  return page.evaluate((floor) => {
    const found: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement
      if (!el || !node.textContent?.trim()) continue
      const rect = el.getBoundingClientRect()
      if (rect.width === 0 || rect.height === 0) continue
      const style = getComputedStyle(el)
      if (style.visibility === 'hidden') continue
      const size = parseFloat(style.fontSize)
      if (size < floor) found.push(`${node.textContent.trim()} (${size}px)`)
    }
    return found
  }, min)
}

/** Visible buttons, links, tabs and clickable cells smaller than 44px either way. */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const selector =
      'button, a[href], [role="button"], [role="tab"], [role="switch"], .van-cell--clickable, .van-tabbar-item, input[type="checkbox"] + *'
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      const rect = el.getBoundingClientRect()
      if (rect.width === 0 || rect.height === 0) continue
      if (rect.width < 44 || rect.height < 44) {
        found.push(
          `${el.tagName.toLowerCase()}.${el.className} "${el.textContent?.trim().slice(0, 20)}" ${Math.round(rect.width)}x${Math.round(rect.height)}`,
        )
      }
    }
    return found
  })
}

/** axe-core finds no serious or critical violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([])
}

/**
 * Message keys shown as text (`hoursConsole.units.minutes`): a page whose words were not loaded
 * (e.g. a namespace kept out of the first load) shows its keys instead. `namespaces` are the
 * messages' top-level names.
 */
export function rawMessageKeys(page: Page, namespaces: readonly string[]): Promise<string[]> {
  return page.evaluate((names) => {
    const key = new RegExp(`\\b(?:${names.join('|')})\\.[A-Za-z][\\w.]*`, 'g')
    return document.body.innerText.match(key) ?? []
  }, namespaces as string[])
}
