/**
 * A list read a page at a time by cursor (first/after), newest first, with 加载更多: the nodes so
 * far, whether more exist, and the state of the first page. A failed first page shows as the
 * page's error; a failed further page is said with `onMoreError` and keeps what is shown.
 */
import { ref, type Ref } from 'vue'
import type { PageInfo } from './operations.ts'

export interface CursorPage<T> {
  nodes: T[]
  pageInfo: PageInfo
}

export function useCursorList<T>(
  fetchPage: (after: string | null) => Promise<CursorPage<T>> | null,
  onMoreError: (err: unknown) => void,
) {
  const items = ref<T[]>([]) as Ref<T[]>
  const pageInfo = ref<PageInfo>({ endCursor: null, hasNextPage: false })
  const status = ref<'loading' | 'ready' | 'error'>('loading')
  const error = ref<unknown>(null)
  const loadingMore = ref(false)

  /** The first page again, or (`more`) the next one. Throws nothing. */
  async function load(more = false): Promise<void> {
    const request = fetchPage(more ? pageInfo.value.endCursor : null)
    if (!request) return
    if (more) loadingMore.value = true
    else status.value = 'loading'
    try {
      const page = await request
      items.value = more ? [...items.value, ...page.nodes] : page.nodes
      pageInfo.value = page.pageInfo
      status.value = 'ready'
    } catch (err) {
      error.value = err
      if (!more) status.value = 'error'
      else onMoreError(err)
    } finally {
      loadingMore.value = false
    }
  }

  return { items, pageInfo, status, error, loadingMore, load }
}
