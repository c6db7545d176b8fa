/**
 * The community the hours pages act on: the active `community_staff` grant's, or — for a street
 * or district admin, who only reads — one of the communities they administer, picked on the page.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApi } from '../../graphql/client.ts'
import { useAuthStore } from '../auth/store.ts'
import { managesHours } from './access.ts'
import { AdministeredCommunitiesQuery, type Place } from './operations.ts'

export const useHoursScope = defineStore('hoursScope', () => {
  const auth = useAuthStore()
  const manages = computed(() => managesHours(auth.activeRole))
  /** Communities a reading admin may pick (empty for staff). */
  const communities = ref<Place[]>([])
  const picked = ref<string | null>(null)
  const error = ref<unknown>(null)
  let loadedFor: string | null = null

  const communityId = computed<string | null>(() => {
    if (manages.value) return auth.activeGrant?.scopeId ?? null
    return picked.value && communities.value.some((c) => c.id === picked.value) ? picked.value : null
  })
  const communityName = computed(() =>
    manages.value
      ? (auth.activeGrant?.scopeName ?? '')
      : (communities.value.find((c) => c.id === communityId.value)?.name ?? ''),
  )

  /** A reading admin's communities, once per grant; the first is picked. Throws nothing: `error` holds a failure. */
  async function load(): Promise<void> {
    const grant = auth.activeGrant?.id ?? null
    if (manages.value || !grant || loadedFor === grant) return
    try {
      const { administeredPlaces } = await useApi().query(AdministeredCommunitiesQuery, {})
      communities.value = administeredPlaces.filter((p) => p.kind === 'community')
      if (!communities.value.some((c) => c.id === picked.value)) picked.value = communities.value[0]?.id ?? null
      loadedFor = grant
      error.value = null
    } catch (err) {
      error.value = err
    }
  }

  function pick(id: string): void {
    picked.value = id
  }

  return { manages, communities, communityId, communityName, error, load, pick }
})
