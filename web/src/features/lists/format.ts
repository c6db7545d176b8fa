/**
 * How the list pages put values into words: times in Asia/Shanghai, a need's timeline step, a
 * match reason, failures by code, and the shared zod schemas' issues as field codes.
 */
import { useI18n } from 'vue-i18n'
import { ApiError } from '../../graphql/errors.ts'
import { useErrorText } from '../../i18n/index.ts'
import { NEED_EVENT_ACTIONS, type NeedEventAction } from '../../i18n/lists/types.ts'
import { chinaDateTime, chinaDay, reasonSentence } from '../three-lists/words.ts'
import type { MatchReason, NeedEvent } from './operations.ts'
import { useListsStore } from './store.ts'

/** A time as in China, or '—' for none. */
export const dateTime = (iso: string | null | undefined): string => chinaDateTime(iso) || '—'
/** A calendar day as in China, or '—' for none. */
export const day = (iso: string | null | undefined): string => chinaDay(iso) || '—'

function isEventAction(action: string): action is NeedEventAction {
  return (NEED_EVENT_ACTIONS as readonly string[]).includes(action)
}

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')

/** Words for timeline steps and match reasons (categories and kinds by name). */
export function useListsText() {
  const { t } = useI18n()
  const lists = useListsStore()

  /** "刘芳（社区工作人员）受理了需求" — who did what, with the detail that explains it. */
  function eventText(e: NeedEvent): string {
    const d = e.detail
    const channel = text(d.channel)
    const params = {
      unitName: text(d.unitName),
      reason: text(d.reason),
      intoTitle: text(d.intoTitle),
      title: text(d.title),
      projectTitle: text(d.projectTitle),
      channel: channel ? t(`terms.channels.${channel}`) : '',
    }
    return isEventAction(e.action) ? t(`lists.events.${e.action}`, params) : t('lists.events.unknown')
  }

  function actorText(e: NeedEvent): string {
    const role = ['resident', 'community_staff', 'grid_worker', 'unit_admin', 'platform'].includes(e.actorRole)
      ? t(`lists.actorRoles.${e.actorRole}`)
      : t('lists.actorRoles.other')
    return e.actorName ? t('lists.timeline.actor', { name: e.actorName, role }) : role
  }

  function reasonText(r: MatchReason): string {
    return reasonSentence(t, r, lists.categoryName)
  }

  return { eventText, actorText, reasonText }
}

/** A failure in words: the field codes of BAD_USER_INPUT (e.g. TITLE_TOO_SHORT), else the error code. */
export function useFailureText() {
  const { errorText, fieldText } = useErrorText()
  return (err: unknown): string => {
    if (err instanceof ApiError && err.code === 'BAD_USER_INPUT') {
      const codes = [...new Set(Object.values(err.fields))]
      if (codes.length > 0) return codes.map(fieldText).join('；')
    }
    return errorText(err)
  }
}

/** A zod failure as field → field code (the first issue of each top-level field). */
export function issuesByField(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[]
}): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '')
    if (field in out) continue
    out[field] = /^[A-Z][A-Z0-9_]+$/.test(issue.message) ? issue.message : 'unknown'
  }
  return out
}
