/**
 * The community the active `community_staff` grant serves, with what the list pages name
 * things by: its categories (the shared categories store) and its grids. Loaded once per community.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApi } from '../../graphql/client.ts'
import { useAuthStore } from '../auth/store.ts'
import { useCategoriesStore } from '../three-lists/categories.ts'
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
  const allCategories = useCategoriesStore()
  const categories = computed(() => allCategories.of(communityId.value))
  const grids = ref<Grid[]>([])
  const loadedFor = ref<string | null>(null)
  const error = ref<unknown>(null)
  /** Needs picked on the triage board for a new project. */
  const pickedNeedIds = ref<string[]>([])

  const gridName = (id: string | null | undefined): string => grids.value.find((g) => g.id === id)?.name ?? ''
  const categoryName = (code: string): string => allCategories.name(code, communityId.value)

  /** Categories and grids of the community; once per community. Throws nothing: `error` holds a failure. */
  async function load(): Promise<void> {
    const id = communityId.value
    if (!id || loadedFor.value === id) return
    try {
      const [data] = await Promise.all([useApi().query(ListsContextQuery, {}), allCategories.load(id)])
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
