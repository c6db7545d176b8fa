/**
 * A community's service categories (`communityCategories`, readable by anyone signed in), loaded
 * once per community and shared by every page that names a category: the staff console, the
 * resident's need pages, the unit's market and resources. A category is named in the reader's
 * language: English `nameEn` where given, else its name; a code not (yet) known stands for
 * itself, or for the platform default of that code.
 */
import { DEFAULT_CATEGORIES } from '@linli/shared'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../../graphql/client.ts'
import { currentLocale } from '../../i18n/index.ts'
import { CommunityCategoriesQuery, type CommunityCategory } from './operations.ts'

export type { CommunityCategory }

function named(c: { name: string; nameEn?: string | null }, locale: string): string {
  return locale === 'en' && c.nameEn ? c.nameEn : c.name
}

export const useCategoriesStore = defineStore('categories', () => {
  const byCommunity = ref<Record<string, CommunityCategory[]>>({})
  const loading = new Map<string, Promise<void>>()

  /** Load a community's categories once (a failure leaves them unknown; a later call tries again). */
  function load(communityId: string | null | undefined): Promise<void> {
    if (!communityId || byCommunity.value[communityId]) return Promise.resolve()
    const running = loading.get(communityId)
    if (running) return running
    const run = useApi()
      .query(CommunityCategoriesQuery, { communityId })
      .then((data) => {
        byCommunity.value = { ...byCommunity.value, [communityId]: data.communityCategories }
      })
      .catch(() => undefined)
      .finally(() => loading.delete(communityId))
    loading.set(communityId, run)
    return run
  }

  /** A community's categories, [] until loaded. */
  function of(communityId: string | null | undefined): CommunityCategory[] {
    return (communityId && byCommunity.value[communityId]) || []
  }

  /** The categories of several communities, each code once (the first community's wording wins). */
  function union(communityIds: readonly string[]): CommunityCategory[] {
    const seen = new Map<string, CommunityCategory>()
    for (const id of communityIds) for (const c of of(id)) if (!seen.has(c.code)) seen.set(c.code, c)
    return [...seen.values()]
  }

  /** A category's name in the reader's language; without a community, any loaded one that has the code. */
  function name(code: string, communityId?: string | null, locale: string = currentLocale.value): string {
    const lists = communityId ? [of(communityId)] : Object.values(byCommunity.value)
    for (const list of lists) {
      const found = list.find((c) => c.code === code)
      if (found) return named(found, locale)
    }
    const fallback = DEFAULT_CATEGORIES.find((c) => c.code === code)
    return fallback ? named(fallback, locale) : code
  }

  return { byCommunity, load, of, union, name }
})
