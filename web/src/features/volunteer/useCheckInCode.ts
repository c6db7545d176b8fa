/**
 * The leader's rotating check-in code, kept current while the page is open: the server's code,
 * the seconds it still holds (to the server's `expiresAt`), and the next one asked for when it
 * expires — or at once when the phone wakes up. One timer while mounted, stopped on leaving.
 * A failure is kept (and the last code shown until then is dropped: it no longer checks anyone
 * in); 刷新 tries again.
 */
import { computed, onBeforeUnmount, onMounted, ref, type Ref } from 'vue'
import { useApi } from '../../graphql/client.ts'
import { nextRefreshAt, secondsLeft } from './format.ts'
import { CheckInCodeQuery, type CheckInCode } from './operations.ts'

const TICK_MS = 1000

export function useCheckInCode(communityId: Ref<string>, activityId: Ref<string>) {
  const code = ref<CheckInCode | null>(null)
  const error = ref<unknown>(null)
  const loading = ref(false)
  const now = ref(Date.now())
  let refreshAt = Number.POSITIVE_INFINITY
  /** How many answers in a row came back with the same expiry (a phone clock ahead of the server). */
  let unchanged = 0
  let timer: ReturnType<typeof setInterval> | undefined

  const seconds = computed(() => (code.value ? secondsLeft(code.value.expiresAt, now.value) : 0))

  async function refresh(): Promise<void> {
    if (loading.value) return
    loading.value = true
    try {
      const next = (
        await useApi().query(CheckInCodeQuery, { communityId: communityId.value, activityId: activityId.value })
      ).checkInCode
      unchanged = code.value && code.value.expiresAt === next.expiresAt ? unchanged + 1 : 0
      code.value = next
      error.value = null
      now.value = Date.now()
      refreshAt = nextRefreshAt(next.expiresAt, now.value, unchanged)
    } catch (err) {
      error.value = err
      code.value = null
      refreshAt = Number.POSITIVE_INFINITY
    } finally {
      loading.value = false
    }
  }

  function tick() {
    now.value = Date.now()
    if (now.value >= refreshAt) void refresh()
  }

  function onVisible() {
    if (document.visibilityState === 'visible' && !error.value) void refresh()
  }

  onMounted(() => {
    void refresh()
    timer = setInterval(tick, TICK_MS)
    document.addEventListener('visibilitychange', onVisible)
  })
  onBeforeUnmount(() => {
    clearInterval(timer)
    document.removeEventListener('visibilitychange', onVisible)
  })

  return { code, error, loading, seconds, now, refresh }
}
