/**
 * A need in words: each timeline event as a sentence (what happened, with its reason, project
 * or unit), who did it, and when (as in China, wherever the browser is). The words are the
 * resident's ("社区已受理"); the staff console words the same steps its own way (lists/format.ts).
 */
import { useI18n } from 'vue-i18n'
import type { NeedsMessages } from '../../i18n/needs/types.ts'
import { ACTOR_ROLES, NEED_EVENT_ACTIONS } from '../../i18n/terms/types.ts'
import { chinaDateTime } from '../three-lists/words.ts'
import type { NeedEvent } from './operations.ts'

type Action = keyof NeedsMessages['timeline']['actions']
type Translate = (key: string, params?: Record<string, unknown>) => string

/** The actions the server records, and the resident's own reading of a pending claim. */
const ACTIONS: readonly Action[] = [...NEED_EVENT_ACTIONS, 'unit_claim_pending']

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

/** The message key for an event: a pending claim reads as a request awaiting the community. */
export function actionKey(event: Pick<NeedEvent, 'action' | 'detail'>): Action | null {
  if (event.action === 'unit_claimed' && event.detail.claimState === 'pending') return 'unit_claim_pending'
  return (ACTIONS as readonly string[]).includes(event.action) ? (event.action as Action) : null
}

/** What happened, in a sentence. */
export function eventSentence(t: Translate, event: Pick<NeedEvent, 'action' | 'detail' | 'toState'>): string {
  const d = event.detail
  const key = actionKey(event)
  if (key === null) {
    return event.toState
      ? t('needs.timeline.movedTo', { state: t(`terms.needStates.${event.toState}`) })
      : t('needs.timeline.unknown')
  }
  const channel = text(d.channel)
  return t(`needs.timeline.actions.${key}`, {
    reason: text(d.reason) || '—',
    projectTitle: text(d.projectTitle),
    unitName: text(d.unitName),
    intoTitle: text(d.intoTitle),
    title: text(d.title),
    channel: ['online', 'service_hall', 'grid_visit', 'hotline'].includes(channel)
      ? t(`terms.channels.${channel}`)
      : channel,
  })
}

/** Who did it: "王秀英 · 居民", or only the part they played when the name is not shown. */
export function eventActor(t: Translate, event: Pick<NeedEvent, 'actorName' | 'actorRole'>): string {
  const role = (ACTOR_ROLES as readonly string[]).includes(event.actorRole)
    ? t(`needs.timeline.actorRoles.${event.actorRole}`)
    : t('needs.timeline.actorRoles.other')
  return event.actorName ? t('needs.timeline.by', { name: event.actorName, role }) : role
}

export function useNeedText() {
  const { t } = useI18n()
  const tr: Translate = (key, params) => (params ? t(key, params) : t(key))
  return {
    sentence: (e: Pick<NeedEvent, 'action' | 'detail' | 'toState'>) => eventSentence(tr, e),
    actor: (e: Pick<NeedEvent, 'actorName' | 'actorRole'>) => eventActor(tr, e),
    time: (iso: string) => chinaDateTime(iso),
  }
}
