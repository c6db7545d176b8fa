/**
 * 评单 as both faces run it (the resident's 我的评单 on the phone, the grid worker's 代居民评价 on
 * the console): the needs I may rate, a score and comment per need, sent once at a time. A need
 * rated here stays in the list, shown as rated, until the page is opened again (the server then
 * lists it no more). A refusal is kept on its need in words.
 */
import { reactive, ref } from 'vue'
import { useApi } from '../../graphql/client.ts'
import { ApiError } from '../../graphql/errors.ts'
import { ratingProblems, useEvaluationFailureText } from './format.ts'
import { RatableNeedsQuery, RateProjectMutation, type RatableNeed, type Rating } from './operations.ts'

export interface RatingDraft {
  score: number
  comment: string
  busy: boolean
  /** The problem in words; '' for none. */
  problem: string
  /** Field → field code of the last check. */
  errors: Record<string, string>
  rated: Rating | null
}

export function useRatableNeeds() {
  const failureText = useEvaluationFailureText()
  const needs = ref<RatableNeed[]>([])
  const drafts = reactive<Record<string, RatingDraft>>({})
  const status = ref<'loading' | 'ready' | 'error'>('loading')
  const failure = ref<unknown>(null)

  async function load(): Promise<void> {
    status.value = 'loading'
    try {
      needs.value = (await useApi().query(RatableNeedsQuery, {})).ratableNeeds
      for (const n of needs.value) {
        drafts[n.needId] ??= { score: 0, comment: '', busy: false, problem: '', errors: {}, rated: null }
      }
      status.value = 'ready'
    } catch (err) {
      failure.value = err
      status.value = 'error'
    }
  }

  function draft(needId: string): RatingDraft {
    return (drafts[needId] ??= { score: 0, comment: '', busy: false, problem: '', errors: {}, rated: null })
  }

  /** Send the need's rating; resolves true when it was taken. */
  async function rate(need: RatableNeed): Promise<boolean> {
    const d = draft(need.needId)
    if (d.busy || d.rated) return false
    d.errors = ratingProblems({ score: d.score, comment: d.comment })
    d.problem = ''
    if (Object.keys(d.errors).length > 0) return false
    d.busy = true
    try {
      const { rateProject } = await useApi().mutate(RateProjectMutation, {
        communityId: need.communityId,
        projectId: need.projectId,
        input: { needId: need.needId, score: d.score, comment: d.comment.trim() },
      })
      d.rated = rateProject
      return true
    } catch (err) {
      if (err instanceof ApiError && err.code === 'BAD_USER_INPUT' && Object.keys(err.fields).length > 0) {
        d.errors = Object.fromEntries(Object.entries(err.fields).map(([f, c]) => [f.split('.').at(-1)!, c]))
      } else {
        d.problem = failureText(err, 'rating')
      }
      return false
    } finally {
      d.busy = false
    }
  }

  return { needs, drafts, status, failure, load, draft, rate }
}
