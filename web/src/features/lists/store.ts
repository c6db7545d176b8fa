/**
 * The community the active `community_staff` grant serves, with what the list pages name
 * things by: its categories (the `categories` setting) and its grids. Loaded once per community.
 */
import type { Category } from '@linli/shared'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApi } from '../../graphql/client.ts'
import { currentLocale } from '../../i18n/index.ts'
import { useAuthStore } from '../auth/store.ts'
import { ListsContextQuery } from './operations.ts'

export interface Grid {
  id: string
  name: string
}

export const useListsStore = defineStore('lists', () => {
  const auth = useAuthStore()
  const communityId = computed(() =>
    auth.activeRole === 'community_staff' ? (auth.activeGrant?.scopeId ?? null) : null,
  )
  const communityName = computed(() => auth.activeGrant?.scopeName ?? '')
  const categories = ref<Category[]>([])
  const grids = ref<Grid[]>([])
  const loadedFor = ref<string | null>(null)
  const error = ref<unknown>(null)
  /** Needs picked on the triage board for a new project. */
  const pickedNeedIds = ref<string[]>([])

  const gridName = (id: string | null | undefined): string => grids.value.find((g) => g.id === id)?.name ?? ''
  const categoryName = (code: string): string => {
    const c = categories.value.find((x) => x.code === code)
    if (!c) return code
    return currentLocale.value === 'en' && c.nameEn ? c.nameEn : c.name
  }

  /** Categories and grids of the community; once per community. Throws nothing: `error` holds a failure. */
  async function load(): Promise<void> {
    const id = communityId.value
    if (!id || loadedFor.value === id) return
    try {
      const data = await useApi().query(ListsContextQuery, { communityId: id })
      const entry = data.communitySettings.find((e) => e.key === 'categories')
      categories.value = Array.isArray(entry?.value) ? (entry.value as Category[]) : []
      grids.value = data.administeredPlaces
        .filter((p) => p.kind === 'grid' && p.parentId === id)
        .map((p) => ({ id: p.id, name: p.name }))
      loadedFor.value = id
      error.value = null
    } catch (err) {
      error.value = err
    }
  }

  return { communityId, communityName, categories, grids, error, pickedNeedIds, gridName, categoryName, load }
})
