/**
 * The resident H5's first-load JavaScript budget, checked in every build.
 *
 * "First load" is the JavaScript a signed-in resident's phone downloads, from a cold cache, to
 * show the resident home (`/m`, route `mobile-home`): the entry chunk and everything it imports
 * statically (index.html's modulepreloads), plus the chunks of the route components of `/m`
 * (MobileLayout and MobileHomePage, loaded by `import()`) and everything they import statically.
 * Each chunk is measured gzipped (node:zlib, level 9) and the sizes are summed. The build fails
 * when the sum is over the budget, or when a route module cannot be found in the bundle (the
 * check must never pass by measuring nothing). The sign-in page's first load is printed too,
 * for reference, without a budget.
 *
 * The numbers are printed and left in dist/.vite/first-load.json. docs/benchmarks.md ("Resident H5
 * first load") has them; tests/web/budget.test.ts tests the computation and
 * tests/web/e2e/first-load.e2e.ts checks it against what a browser downloads.
 */
import { gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

/** The budget for the resident H5's first load, in KB (1 KB = 1000 bytes) of gzipped JavaScript. */
export const FIRST_LOAD_BUDGET_KB = 150

/** The gzip level used for every measurement (zlib's best; a server's on-the-fly gzip is usually 6). */
export const GZIP_LEVEL = 9

/** The shape of a bundle entry the measurement reads (a subset of Rolldown's output). */
export interface BundleChunk {
  type: 'chunk'
  fileName: string
  code: string
  isEntry: boolean
  imports: readonly string[]
  moduleIds: readonly string[]
  facadeModuleId: string | null
}
export interface BundleAsset {
  type: 'asset'
  fileName: string
}
export type Bundle = Record<string, BundleChunk | BundleAsset>

/** One page's first load: which chunks, in the order reached, with their sizes. */
export interface FirstLoad {
  chunks: { fileName: string; bytes: number; gzip: number }[]
  bytes: number
  gzip: number
}

export interface PageLoad {
  /** A name for the page in messages, e.g. `resident H5`. */
  label: string
  /**
   * The modules the page's route loads by `import()` (layout, then page), as paths relative to
   * the Vite root, e.g. `src/layouts/MobileLayout.vue`.
   */
  routeModules: readonly string[]
  /** KB of gzipped JavaScript; none: reported only. */
  budgetKb?: number
}

export function gzipSize(code: string | Uint8Array): number {
  return gzipSync(code, { level: GZIP_LEVEL }).length
}

/** Normalises a module id for matching: forward slashes, no query (`?vue&type=…`), no `\0`. */
function cleanId(id: string): string {
  return id.replace(/^\0/, '').split('?')[0]!.replace(/\\/g, '/')
}

/**
 * The chunks a page loads first: the entry chunks and the chunks holding the route modules, each
 * with its static imports, transitively. Throws when there is no entry or a route module is in
 * no chunk.
 */
export function measureFirstLoad(bundle: Bundle, root: string, routeModules: readonly string[]): FirstLoad {
  const chunks = Object.values(bundle).filter((c): c is BundleChunk => c.type === 'chunk')
  const entries = chunks.filter((c) => c.isEntry)
  if (entries.length === 0) throw new Error('first-load budget: the bundle has no entry chunk')

  const base = root.replace(/\\/g, '/').replace(/\/$/, '')
  const starts = [...entries]
  for (const relative of routeModules) {
    const wanted = `${base}/${relative.replace(/^\.?\//, '')}`
    const holders = chunks.filter((c) => c.moduleIds.some((id) => cleanId(id) === wanted))
    // The chunk the module is the facade of, if it has one; otherwise the (only) chunk holding it.
    const holder = holders.find((c) => c.facadeModuleId && cleanId(c.facadeModuleId) === wanted) ?? holders[0]
    if (!holder) throw new Error(`first-load budget: no chunk holds the route module ${relative} (${wanted})`)
    starts.push(holder)
  }

  const byName = new Map(chunks.map((c) => [c.fileName, c]))
  const seen = new Set<string>()
  const result: FirstLoad = { chunks: [], bytes: 0, gzip: 0 }
  const visit = (chunk: BundleChunk): void => {
    if (seen.has(chunk.fileName)) return
    seen.add(chunk.fileName)
    const bytes = Buffer.byteLength(chunk.code)
    const gzip = gzipSize(chunk.code)
    result.chunks.push({ fileName: chunk.fileName, bytes, gzip })
    result.bytes += bytes
    result.gzip += gzip
    for (const name of chunk.imports) {
      const next = byName.get(name)
      // An external import (not bundled) cannot be measured: fail rather than count it as nothing.
      if (!next) throw new Error(`first-load budget: ${chunk.fileName} imports ${name}, which is not in the bundle`)
      visit(next)
    }
  }
  for (const start of starts) visit(start)
  return result
}

export const kb = (bytes: number): string => (bytes / 1000).toFixed(1)

/** Measures each page; the lines to print, and the failures (over budget). Throws as measureFirstLoad. */
export function checkBudgets(
  bundle: Bundle,
  root: string,
  pages: readonly PageLoad[],
): { lines: string[]; failures: string[]; loads: FirstLoad[] } {
  const lines: string[] = []
  const failures: string[] = []
  const loads: FirstLoad[] = []
  for (const page of pages) {
    const load = measureFirstLoad(bundle, root, page.routeModules)
    loads.push(load)
    const budget = page.budgetKb === undefined ? '' : ` (budget ${page.budgetKb} KB)`
    lines.push(`${page.label} first load: ${kb(load.gzip)} KB gzip${budget}, ${load.chunks.length} chunks`)
    if (page.budgetKb !== undefined && load.gzip > page.budgetKb * 1000) {
      const detail = load.chunks
        .slice()
        .sort((a, b) => b.gzip - a.gzip)
        .map((c) => `  ${c.fileName}: ${kb(c.gzip)} KB`)
        .join('\n')
      failures.push(
        `${page.label} first load is ${kb(load.gzip)} KB gzip, over its budget of ${page.budgetKb} KB:\n${detail}`,
      )
    }
  }
  return { lines, failures, loads }
}

/** The pages measured by the build: the resident home (budgeted) and the sign-in page (reported). */
export const FIRST_LOAD_PAGES: readonly PageLoad[] = [
  {
    label: 'resident H5',
    routeModules: ['src/layouts/MobileLayout.vue', 'src/features/home/pages/MobileHomePage.vue'],
    budgetKb: FIRST_LOAD_BUDGET_KB,
  },
  { label: 'sign-in page', routeModules: ['src/features/auth/pages/SignInPage.vue'] },
]

/** Where the build leaves its measurement (beside Vite's own `.vite/manifest.json`), for tests and docs. */
export const REPORT_FILE = '.vite/first-load.json'

/** The report: per page its label, budget, total and chunks (file names as in the bundle, `assets/…`). */
export interface FirstLoadReport {
  gzipLevel: number
  pages: (FirstLoad & { label: string; budgetKb: number | null; routeModules: readonly string[] })[]
}

/**
 * The Vite plugin: measures once the bundle is final (post), prints a line per page, leaves the
 * report in REPORT_FILE and fails the build when a page is over its budget.
 */
export function firstLoadBudget(pages: readonly PageLoad[] = FIRST_LOAD_PAGES): Plugin {
  let root = ''
  return {
    name: 'linli:first-load-budget',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      root = config.root
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        let result: ReturnType<typeof checkBudgets>
        try {
          result = checkBudgets(bundle as unknown as Bundle, root, pages)
        } catch (err) {
          this.error(err instanceof Error ? err.message : String(err))
        }
        for (const line of result.lines) console.log(line)
        if (result.failures.length > 0) this.error(result.failures.join('\n'))
        const report: FirstLoadReport = {
          gzipLevel: GZIP_LEVEL,
          pages: pages.map((page, i) => ({
            label: page.label,
            budgetKb: page.budgetKb ?? null,
            routeModules: page.routeModules,
            ...result.loads[i]!,
          })),
        }
        this.emitFile({ type: 'asset', fileName: REPORT_FILE, source: `${JSON.stringify(report, null, 2)}\n` })
      },
    },
  }
}
