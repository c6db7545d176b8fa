/**
 * Closing the loop in words and numbers, pure so they are tested without a page: a chain event's
 * action in words (an action newer than this web reads as a generic step), review states and
 * report kinds, the 晒单 form's checks (the shared schema plus the nine-photo cap), the average
 * score, how long a rating stays open, the chain's links in order, and failures by code.
 */
import { completionReportInputSchema, ratingInputSchema, type ReviewState } from '@linli/shared'
import { useI18n } from 'vue-i18n'
import { ApiError } from '../../graphql/errors.ts'
import { useFailureText as useListsFailureText } from '../lists/format.ts'
import { issuesByField, useMinutesText } from '../hours-console/format.ts'
import type { ChainEvent, CompletionReport, CompletionReportKind, ProjectChain, Rating } from './operations.ts'

/**
 * The chain's actions the contract lists (ChainEvent.action), and the need's own steps the server
 * adds (need.resolved, need.rated), each worded in both languages.
 */
export const CHAIN_ACTIONS = [
  'need.submitted',
  'need.recorded',
  'need.accepted',
  'project.created',
  'project.published',
  'claim.made',
  'claim.decided',
  'project.started',
  'activity.scheduled',
  'hours.approved',
  'project.completed',
  'need.resolved',
  'report.posted',
  'rating.given',
  'need.rated',
  'project.evaluated',
  'points.bonus',
] as const
export type ChainAction = (typeof CHAIN_ACTIONS)[number]

export function isChainAction(action: string): action is ChainAction {
  return (CHAIN_ACTIONS as readonly string[]).includes(action)
}

/** The part of the chain an action belongs to, for its colour on the timeline. */
export type ChainStage = 'need' | 'project' | 'claim' | 'activity' | 'close'

const STAGE_OF_HEAD: Record<string, ChainStage> = {
  need: 'need',
  claim: 'claim',
  activity: 'activity',
  hours: 'activity',
  report: 'close',
  rating: 'close',
  points: 'close',
}

export function chainStage(action: string): ChainStage {
  if (action === 'project.completed' || action === 'project.evaluated') return 'close'
  return STAGE_OF_HEAD[action.split('.')[0] ?? ''] ?? 'project'
}

/** Events oldest first (the server sends them so; a merge or retry may not), ties kept in order. */
export function eventsInOrder(events: readonly ChainEvent[]): ChainEvent[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i)
    .map(({ e }) => e)
}

export const reviewStateKey = (state: ReviewState) => `terms.reviewStates.${state}` as const
export const reportKindKey = (kind: CompletionReportKind) => `evaluation.reportKinds.${kind}` as const

/** The links of a chain and how many each holds: 需求 → 认领 → 活动 → 晒单 → 评价. */
export function chainLinks(chain: Pick<ProjectChain, 'needs' | 'claims' | 'activities' | 'reports' | 'ratings'>): {
  link: 'needs' | 'claims' | 'activities' | 'reports' | 'ratings'
  count: number
}[] {
  return (['needs', 'claims', 'activities', 'reports', 'ratings'] as const).map((link) => ({
    link,
    count: chain[link].length,
  }))
}

/** The lead claim first, then the others by when they claimed. */
export function claimsLeadFirst<T extends { lead: boolean; createdAt: string }>(claims: readonly T[]): T[] {
  return [...claims].sort((a, b) => Number(b.lead) - Number(a.lead) || a.createdAt.localeCompare(b.createdAt))
}

/** Reports as shown: the lead's (or staff's completion note) first, then the others in order. */
export function reportsInOrder(reports: readonly CompletionReport[]): CompletionReport[] {
  const rank = { lead: 0, staff: 0, unit: 1 } as const
  return [...reports].sort((a, b) => rank[a.kind] - rank[b.kind] || a.createdAt.localeCompare(b.createdAt))
}

/** The average to one decimal as shown ("4.5"), '—' without ratings. */
export function averageText(average: number | null | undefined): string {
  return average === null || average === undefined ? '—' : average.toFixed(1)
}

/** Whole days (rounded up) until `closesAt` by `now`; 0 once it has passed. */
export function daysLeft(closesAt: string, now: Date | string | number): number {
  const left = Date.parse(closesAt) - new Date(now).getTime()
  return Number.isNaN(left) || left <= 0 ? 0 : Math.ceil(left / 86_400_000)
}

/** The most photos a report takes. */
export const MAX_REPORT_PHOTOS = 9

/** The 晒单 form's problems by field (the shared schema's field codes). */
export function reportProblems(form: {
  summary: string
  peopleServed: number | null | undefined
  photoIds: readonly string[]
  photoConsent: boolean
}): Record<string, string> {
  const parsed = completionReportInputSchema.safeParse({
    summary: form.summary,
    peopleServed: form.peopleServed ?? Number.NaN,
    photoIds: [...form.photoIds],
    photoConsent: form.photoConsent,
  })
  const problems: Record<string, string> = parsed.success ? {} : issuesByField(parsed.error)
  if (typeof form.peopleServed !== 'number' || !Number.isFinite(form.peopleServed))
    problems.peopleServed = 'PEOPLE_SERVED_INVALID'
  if (form.photoIds.length > MAX_REPORT_PHOTOS) problems.photoIds = 'TOO_MANY_PHOTOS'
  return problems
}

/** A rating's problems by field (score 1–5, comment up to 500). */
export function ratingProblems(form: { score: number; comment: string }): Record<string, string> {
  const parsed = ratingInputSchema.safeParse({ score: form.score, comment: form.comment })
  return parsed.success ? {} : issuesByField(parsed.error)
}

/** A rating as it may be shown to the community: a hidden one keeps its score, not its comment. */
export function visibleComment(rating: Pick<Rating, 'comment' | 'reviewState'>): string {
  return rating.reviewState === 'hidden' ? '' : rating.comment
}

/** Whether a failure is the server's refusal with this code. */
const refused = (err: unknown, code: string): boolean => err instanceof ApiError && err.code === code

/**
 * A failure in words, as the list pages word them, with closing the loop's own: a unit that
 * reported already (ALREADY_EXISTS), a need rated already.
 */
export function useEvaluationFailureText() {
  const { t } = useI18n()
  const base = useListsFailureText()
  return (err: unknown, what: 'report' | 'rating' | 'other' = 'other'): string => {
    if (refused(err, 'ALREADY_EXISTS') && what === 'report') return t('evaluation.report.alreadyReported')
    if (refused(err, 'ALREADY_EXISTS') && what === 'rating') return t('errors.ALREADY_RATED')
    return base(err)
  }
}

/**
 * What an event's `subject` says, read for words: the server writes some in a fixed shape rather
 * than in words — approved hours as "活动 · 360 min · 2" (minutes, volunteers), the bonus as the
 * count of volunteers, a rating as "5★ 需求". Anything else is shown as it came.
 */
export type EventSubject =
  | { kind: 'hours'; title: string; minutes: number; volunteers: number }
  | { kind: 'bonus'; volunteers: number }
  | { kind: 'rating'; score: number; needTitle: string }
  | { kind: 'text'; text: string }

export function readSubject(action: string, subject: string | null): EventSubject | null {
  if (!subject) return null
  if (action === 'hours.approved') {
    const m = /^(.*) · (\d+) min · (\d+)$/.exec(subject)
    if (m) return { kind: 'hours', title: m[1]!, minutes: Number(m[2]), volunteers: Number(m[3]) }
  }
  if (action === 'points.bonus' && /^\d+$/.test(subject)) return { kind: 'bonus', volunteers: Number(subject) }
  if (action === 'rating.given') {
    const m = /^([1-5])★\s*(.*)$/.exec(subject)
    if (m) return { kind: 'rating', score: Number(m[1]), needTitle: m[2]! }
  }
  return { kind: 'text', text: subject }
}

/** A chain event in words: the action, and who and what when the server said. */
export function useChainText() {
  const { t, tm, rt } = useI18n()
  const minutesText = useMinutesText()

  function subjectText(action: string, subject: string | null): string {
    const s = readSubject(action, subject)
    switch (s?.kind) {
      case undefined:
        return ''
      case 'hours':
        return [s.title, minutesText(s.minutes), t('evaluation.chain.volunteersN', { n: s.volunteers })].join(' · ')
      case 'bonus':
        return t('evaluation.chain.bonusN', { n: s.volunteers })
      case 'rating':
        return [t('evaluation.common.stars', { n: s.score }), s.needTitle].filter(Boolean).join(' · ')
      case 'text':
        return s.text
    }
  }

  /** "who · what", without repeating a unit named as both. */
  function detailText(e: Pick<ChainEvent, 'action' | 'actor' | 'subject'>): string {
    const what = subjectText(e.action, e.subject)
    return [e.actor, what && what !== e.actor ? what : null].filter(Boolean).join(' · ')
  }

  function actionText(action: string): string {
    // Actions have dots in them ('claim.made'): looked up as a record key, not as a message path.
    const words = tm('evaluation.chain.actions') as Record<string, Parameters<typeof rt>[0]>
    const message = isChainAction(action) ? words[action] : undefined
    return message === undefined ? t('evaluation.chain.unknownAction') : rt(message)
  }

  return { actionText, detailText }
}
