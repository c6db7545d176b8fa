/**
 * The admin console's places: what the active admin role administers (its scope and everything
 * below it), loaded once and refreshed after a change. Pages read the tree and the pickers here.
 */
import type { Role } from '@linli/shared'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApi } from '../../graphql/client.ts'
import { useAuthStore } from '../auth/store.ts'
import { placeTree, placesWithin, placePath } from './access.ts'
import {
  AdministeredPlacesQuery,
  CreateCommunityMutation,
  CreateGridMutation,
  CreateStreetMutation,
  RenamePlaceMutation,
  type Place,
  type PlaceKind,
} from './operations.ts'

export const useAdminStore = defineStore('admin', () => {
  const auth = useAuthStore()
  const all = ref<Place[]>([])
  const loading = ref(false)
  /** The failure of the last load, if it failed. */
  const error = ref<unknown>(null)

  /** The active role, when it works on places (district admin, street admin, community staff). */
  const role = computed<Role | null>(() => auth.activeRole)
  /** The place the active grant is scoped to. */
  const scopeId = computed(() => auth.activeGrant?.scopeId ?? null)
  const places = computed(() => placesWithin(all.value, scopeId.value))
  const scopePlace = computed(() => places.value[0] ?? null)
  const tree = computed(() => placeTree(places.value))
  const byId = computed(() => new Map(places.value.map((p) => [p.id, p])))

  return {
    places,
    scopePlace,
    tree,
    byId,
    role,
    loading,
    error,
    load,
    ofKind,
    pathOf,
    create,
    rename,
  }

  /** Load (or reload) the places the person administers. Throws nothing: `error` holds a failure. */
  async function load(): Promise<void> {
    loading.value = true
    try {
      all.value = (await useApi().query(AdministeredPlacesQuery, {})).administeredPlaces
      error.value = null
    } catch (err) {
      error.value = err
    } finally {
      loading.value = false
    }
  }

  function ofKind(kind: PlaceKind): Place[] {
    return places.value.filter((p) => p.kind === kind)
  }

  /** "华林街道 / 阳光社区": the path from the scope down to the place. */
  function pathOf(id: string): string {
    return placePath(places.value, id)
  }

  /** Add a street, community or grid below `parentId`. Throws `ApiError`. */
  async function create(kind: Exclude<PlaceKind, 'district'>, parentId: string, name: string): Promise<Place> {
    const api = useApi()
    const vars = { parentId, name }
    const place =
      kind === 'street'
        ? (await api.mutate(CreateStreetMutation, vars)).createStreet
        : kind === 'community'
          ? (await api.mutate(CreateCommunityMutation, vars)).createCommunity
          : (await api.mutate(CreateGridMutation, vars)).createGrid
    await load()
    return place
  }

  /** Throws `ApiError`. */
  async function rename(place: Place, name: string): Promise<Place> {
    const { renamePlace } = await useApi().mutate(RenamePlaceMutation, { kind: place.kind, id: place.id, name })
    await load()
    return renamePlace
  }
})
