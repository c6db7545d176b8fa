/**
 * The unit admin's list pages under /console (项目市场, 我的认领, 我的资源), open only to the
 * `unit_admin` role. The server checks again; this only decides what the console offers.
 */
import type { Role } from '@linli/shared'

export const MARKET_PAGES = ['market', 'claims', 'resources'] as const
export type MarketPage = (typeof MARKET_PAGES)[number]

export const MARKET_PAGE_PATH: Record<MarketPage, string> = {
  market: 'market',
  claims: 'claims',
  resources: 'resources/mine',
}

export function canOpenMarketPage(role: Role | null): boolean {
  return role === 'unit_admin'
}

/** The pages for the console menu, in menu order. */
export function marketPagesFor(role: Role | null): { page: MarketPage; path: string }[] {
  return canOpenMarketPage(role)
    ? MARKET_PAGES.map((page) => ({ page, path: `/console/${MARKET_PAGE_PATH[page]}` }))
    : []
}
