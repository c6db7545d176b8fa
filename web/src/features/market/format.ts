/** The market in words: a match reason with its params named, capacity left. */
import { useI18n } from 'vue-i18n'
import { useCategoriesStore } from '../three-lists/categories.ts'
import { reasonSentence } from '../three-lists/words.ts'
import type { MatchReason } from './operations.ts'

/** Places left on a project (never below zero). */
export function placesLeft(p: { capacity: number; taken: number }): number {
  return Math.max(0, p.capacity - p.taken)
}

export function isFull(p: { capacity: number; taken: number }): boolean {
  return placesLeft(p) === 0
}

export function useMarketText() {
  const { t } = useI18n()
  const categories = useCategoriesStore()
  return {
    /** A suggestion's reason, its category named as the project's community names it. */
    reason: (r: Pick<MatchReason, 'code' | 'params'>, communityId: string) =>
      reasonSentence(t, r, (code) => categories.name(code, communityId)),
  }
}
