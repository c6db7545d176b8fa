/** 我的需求: the signed-in person's needs, newest first, a page at a time. */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../../graphql/client.ts'
import { MyNeedsQuery, type NeedSummary } from './operations.ts'

export const NEEDS_PAGE_SIZE = 20

export const useMyNeedsStore = defineStore('myNeeds', () => {
  const items = ref<NeedSummary[]>([])
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const hasMore = ref(false)
  const loadingMore = ref(false)
  /** The failure of the last load, if it failed. */
  const error = ref<unknown>(null)
  let cursor: string | null = null

  return { items, status, hasMore, loadingMore, error, load, loadMore, replace }

  /** The first page again. Throws nothing: `error` holds a failure. */
  async function load(): Promise<void> {
    status.value = 'loading'
    try {
      const page = (await useApi().query(MyNeedsQuery, { first: NEEDS_PAGE_SIZE, after: null })).myNeeds
      items.value = page.nodes
      cursor = page.pageInfo.endCursor
      hasMore.value = page.pageInfo.hasNextPage
      error.value = null
      status.value = 'ready'
    } catch (err) {
      error.value = err
      status.value = 'error'
    }
  }

  /** The next (older) page, appended. Throws nothing: `error` holds a failure. */
  async function loadMore(): Promise<void> {
    if (!hasMore.value || loadingMore.value) return
    loadingMore.value = true
    try {
      const page = (await useApi().query(MyNeedsQuery, { first: NEEDS_PAGE_SIZE, after: cursor })).myNeeds
      const seen = new Set(items.value.map((n) => n.id))
      items.value = [...items.value, ...page.nodes.filter((n) => !seen.has(n.id))]
      cursor = page.pageInfo.endCursor
      hasMore.value = page.pageInfo.hasNextPage
      error.value = null
    } catch (err) {
      error.value = err
    } finally {
      loadingMore.value = false
    }
  }

  /** A need changed elsewhere (submitted, edited, withdrawn): show it at once. */
  function replace(need: NeedSummary): void {
    const i = items.value.findIndex((n) => n.id === need.id)
    if (i >= 0) items.value.splice(i, 1, need)
    else items.value.unshift(need)
  }
})
