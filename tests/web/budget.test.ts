/**
 * The first-load budget's computation (web/build/budget.ts) over small fake bundles: which chunks
 * count (the entry, the route modules' chunks, their static imports; never a chunk only reached
 * by `import()` elsewhere), that the build fails over budget and passes under it, and that a route
 * module missing from the bundle fails rather than measuring nothing.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import {
  FIRST_LOAD_BUDGET_KB,
  FIRST_LOAD_PAGES,
  checkBudgets,
  firstLoadBudget,
  gzipSize,
  measureFirstLoad,
  REPORT_FILE,
  type Bundle,
  type BundleChunk,
  type FirstLoadReport,
  type PageLoad,
} from '../../web/build/budget.ts'

const ROOT = '/app/web'

/** Random hex code of about `bytes` bytes: it gzips to about half, whatever the level. */
function code(bytes: number): string {
  return `/*${randomBytes(Math.ceil(bytes / 2)).toString('hex')}*/`
}

function chunk(fileName: string, over: Partial<BundleChunk> & { size?: number } = {}): BundleChunk {
  const { size = 1000, ...rest } = over
  return {
    type: 'chunk',
    fileName,
    code: code(size),
    isEntry: false,
    imports: [],
    moduleIds: [],
    facadeModuleId: null,
    ...rest,
  }
}

/** index.html's entry, a vendor chunk it imports, the mobile layout and home, a console page. */
function fakeBundle(sizes: { entry?: number; home?: number } = {}): Bundle {
  const chunks = [
    chunk('assets/index.js', {
      isEntry: true,
      imports: ['assets/vendor.js'],
      size: sizes.entry ?? 20_000,
      moduleIds: [`${ROOT}/src/main.ts`],
      facadeModuleId: `${ROOT}/index.html`,
    }),
    chunk('assets/vendor.js', { size: 30_000, moduleIds: [`${ROOT}/node_modules/vue/index.js`] }),
    chunk('assets/MobileLayout.js', {
      imports: ['assets/vendor.js', 'assets/navbar.js'],
      moduleIds: [
        `${ROOT}/src/layouts/MobileLayout.vue?vue&type=style&index=0&scoped=true&lang.css`,
        `${ROOT}/src/layouts/MobileLayout.vue`,
      ],
      facadeModuleId: `${ROOT}/src/layouts/MobileLayout.vue`,
    }),
    chunk('assets/navbar.js', { size: 3000 }),
    // The home page shares its chunk with another module (no facade): found by its module id.
    chunk('assets/home-shared.js', {
      size: sizes.home ?? 5000,
      imports: ['assets/cell.js'],
      moduleIds: [`${ROOT}/src/features/home/pages/MobileHomePage.vue`, `${ROOT}/src/features/home/greeting.ts`],
    }),
    chunk('assets/cell.js', { size: 2000 }),
    chunk('assets/SignInPage.js', {
      imports: ['assets/field.js'],
      moduleIds: [`${ROOT}/src/features/auth/pages/SignInPage.vue`],
      facadeModuleId: `${ROOT}/src/features/auth/pages/SignInPage.vue`,
    }),
    chunk('assets/field.js', { size: 4000 }),
    // Only ever loaded by import() from a console page: never part of the H5's first load.
    chunk('assets/ConsoleLayout.js', {
      size: 90_000,
      imports: ['assets/element-plus.js'],
      moduleIds: [`${ROOT}/src/layouts/ConsoleLayout.vue`],
      facadeModuleId: `${ROOT}/src/layouts/ConsoleLayout.vue`,
    }),
    chunk('assets/element-plus.js', { size: 200_000 }),
  ]
  const bundle: Bundle = Object.fromEntries(chunks.map((c) => [c.fileName, c]))
  bundle['assets/index.css'] = { type: 'asset', fileName: 'assets/index.css' }
  return bundle
}

const HOME = FIRST_LOAD_PAGES[0]!
const gz = (bundle: Bundle, name: string): number => gzipSize((bundle[name] as BundleChunk).code)

describe('measureFirstLoad', () => {
  it('sums the entry, the route modules’ chunks and their static imports, each gzipped once', () => {
    const bundle = fakeBundle()
    const load = measureFirstLoad(bundle, ROOT, HOME.routeModules)
    const expected = [
      'assets/index.js',
      'assets/vendor.js',
      'assets/MobileLayout.js',
      'assets/navbar.js',
      'assets/home-shared.js',
      'assets/cell.js',
    ]
    expect(load.chunks.map((c) => c.fileName)).toEqual(expected)
    expect(load.gzip).toBe(expected.reduce((sum, name) => sum + gz(bundle, name), 0))
    expect(load.chunks.map((c) => c.fileName)).not.toContain('assets/ConsoleLayout.js')
    expect(load.chunks.map((c) => c.fileName)).not.toContain('assets/SignInPage.js')
  })

  it('measures the sign-in page through its own route module', () => {
    const bundle = fakeBundle()
    const load = measureFirstLoad(bundle, ROOT, ['src/features/auth/pages/SignInPage.vue'])
    expect(load.chunks.map((c) => c.fileName)).toEqual([
      'assets/index.js',
      'assets/vendor.js',
      'assets/SignInPage.js',
      'assets/field.js',
    ])
  })

  it('fails when a route module is in no chunk (never passes by measuring nothing)', () => {
    const bundle = fakeBundle()
    delete bundle['assets/MobileLayout.js']
    expect(() => measureFirstLoad(bundle, ROOT, HOME.routeModules)).toThrow(/MobileLayout\.vue/)
    expect(() => measureFirstLoad(fakeBundle(), '/elsewhere', HOME.routeModules)).toThrow(/no chunk holds/)
  })

  it('fails without an entry chunk, or when an import is missing from the bundle', () => {
    const noEntry = fakeBundle()
    ;(noEntry['assets/index.js'] as BundleChunk).isEntry = false
    expect(() => measureFirstLoad(noEntry, ROOT, HOME.routeModules)).toThrow(/no entry chunk/)
    const broken = fakeBundle()
    delete broken['assets/navbar.js']
    expect(() => measureFirstLoad(broken, ROOT, HOME.routeModules)).toThrow(/navbar\.js/)
  })
})

describe('checkBudgets', () => {
  const page = (budgetKb: number): PageLoad => ({ ...HOME, budgetKb })

  it('passes under the budget and fails over it, naming the chunks', () => {
    const bundle = fakeBundle()
    const total = measureFirstLoad(bundle, ROOT, HOME.routeModules).gzip
    const under = checkBudgets(bundle, ROOT, [page(Math.ceil(total / 1000))])
    expect(under.failures).toEqual([])
    expect(under.lines[0]).toMatch(/^resident H5 first load: [\d.]+ KB gzip \(budget \d+ KB\)/)

    const over = checkBudgets(bundle, ROOT, [page(Math.floor(total / 1000) - 1)])
    expect(over.failures).toHaveLength(1)
    expect(over.failures[0]).toMatch(/over its budget/)
    expect(over.failures[0]).toContain('assets/vendor.js')
  })

  it('reports a page without a budget and never fails it', () => {
    const result = checkBudgets(fakeBundle(), ROOT, [
      { label: 'sign-in page', routeModules: ['src/features/auth/pages/SignInPage.vue'] },
    ])
    expect(result.failures).toEqual([])
    expect(result.lines[0]).toMatch(/^sign-in page first load: [\d.]+ KB gzip, 4 chunks$/)
  })
})

describe('the Vite plugin', () => {
  /** Runs the plugin's hooks as a build would; `error` throws like Rolldown's. */
  function run(bundle: Bundle, pages?: readonly PageLoad[]): { logs: string[]; emitted: Map<string, string> } {
    const plugin = firstLoadBudget(pages)
    const logs: string[] = []
    const emitted = new Map<string, string>()
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line))
    try {
      ;(plugin.configResolved as (config: { root: string }) => void)({ root: ROOT })
      const hook = plugin.generateBundle as { handler: (this: unknown, options: unknown, bundle: Bundle) => void }
      const context = {
        error(message: string): never {
          throw new Error(message)
        },
        emitFile(file: { fileName: string; source: string }) {
          emitted.set(file.fileName, file.source)
        },
      }
      hook.handler.call(context, {}, bundle)
    } finally {
      log.mockRestore()
    }
    return { logs, emitted }
  }

  it('keeps the budget in one place: 150 KB for the resident H5', () => {
    expect(FIRST_LOAD_BUDGET_KB).toBe(150)
    expect(HOME.budgetKb).toBe(FIRST_LOAD_BUDGET_KB)
    expect(firstLoadBudget().apply).toBe('build')
  })

  it('prints one line per page, leaves its report and lets the build pass under the budget', () => {
    const bundle = fakeBundle()
    const { logs, emitted } = run(bundle)
    expect(logs).toHaveLength(2)
    expect(logs[0]).toMatch(/^resident H5 first load: [\d.]+ KB gzip \(budget 150 KB\)/)
    expect(logs[1]).toMatch(/^sign-in page first load: /)
    const report = JSON.parse(emitted.get(REPORT_FILE)!) as FirstLoadReport
    expect(report.pages.map((p) => [p.label, p.budgetKb])).toEqual([
      ['resident H5', 150],
      ['sign-in page', null],
    ])
    expect(report.pages[0]!.gzip).toBe(measureFirstLoad(bundle, ROOT, HOME.routeModules).gzip)
  })

  it('fails the build over the budget', () => {
    // An entry of 400 KB of random hex: about 200 KB gzipped, over 150 KB on its own.
    expect(() => run(fakeBundle({ entry: 400_000 }))).toThrow(
      /resident H5 first load is [\d.]+ KB gzip, over its budget of 150 KB/,
    )
  })

  it('fails the build when the mobile layout or home is not in the bundle', () => {
    const bundle = fakeBundle()
    delete bundle['assets/home-shared.js']
    expect(() => run(bundle)).toThrow(/MobileHomePage\.vue/)
  })
})
