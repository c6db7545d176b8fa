/** How admin pages put values into words: setting values, audit events, times in Asia/Shanghai. */
import { isRole, isSettingKey, type SettingKey } from '@linli/shared'
import { useI18n } from 'vue-i18n'
import { ApiError } from '../../graphql/errors.ts'
import { currentLocale, useErrorText } from '../../i18n/index.ts'
import { AUDIT_ACTIONS, type AuditAction, type AuditActionKey } from '../../i18n/admin/types.ts'
import type { AuditEvent } from './operations.ts'
import { isCategoryList, SETTING_FIELDS } from './settings.ts'
import { useAdminStore } from './store.ts'

/** Calendar days and times are shown as in China, wherever the browser is. */
export const TIME_ZONE = 'Asia/Shanghai'

const isAuditAction = (value: string): value is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(value)

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

export function useAdminText() {
  const { t } = useI18n()
  const admin = useAdminStore()

  function dateTime(iso: string): string {
    return new Intl.DateTimeFormat(currentLocale.value, {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(new Date(iso))
  }

  function date(iso: string): string {
    return new Intl.DateTimeFormat(currentLocale.value, {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(iso))
  }

  function settingName(key: SettingKey): string {
    return t(`admin.settings.keys.${key}.name`)
  }

  /** A setting's value in words: "14 天", "不限", "红色教育、政策宣讲…". */
  function settingValue(key: SettingKey, value: unknown): string {
    const field = SETTING_FIELDS[key]
    switch (field.kind) {
      case 'categories':
        if (!isCategoryList(value)) return '—'
        return value
          .map((c) => (currentLocale.value === 'en' && c.nameEn ? c.nameEn : c.name))
          .join(currentLocale.value === 'en' ? ', ' : '、')
      case 'boolean':
        return value === true ? t('admin.settings.yes') : value === false ? t('admin.settings.no') : '—'
      case 'enum':
        return value === 'never' || value === 'end_of_following_year' ? t(`admin.settings.expiry.${value}`) : '—'
      case 'number':
        if (value === null && (key === 'perActivityHourCap' || key === 'validityThresholdPercent')) {
          return t(`admin.settings.off.${key}`)
        }
        return typeof value === 'number' ? t(`admin.settings.units.${field.unit}`, { n: value }) : '—'
    }
  }

  function actionText(action: string): string {
    return isAuditAction(action) ? t(`admin.audit.actions.${action.replace('.', '_') as AuditActionKey}`) : action
  }

  function placeName(id: unknown): string {
    return typeof id === 'string' ? (admin.byId.get(id)?.name ?? '') : ''
  }

  /** What changed, in one line: a name, a rename, a role and its scope, a setting before → after. */
  function auditSummary(event: AuditEvent): string {
    const before = record(event.before)
    const after = record(event.after)
    const [, verb] = event.action.split('.')
    let text: string
    if (event.action.startsWith('setting.')) {
      const key = after.key ?? before.key
      if (!isSettingKey(key)) text = JSON.stringify(after)
      else {
        // The server leaves `value` out where the level had no value of its own; null is "switched off".
        const shown = (side: Record<string, unknown>) =>
          'value' in side ? settingValue(key, side.value) : t('admin.audit.unset')
        const where = placeName(event.targetId)
        text = t('admin.audit.setting', {
          name: where ? `${where} · ${settingName(key)}` : settingName(key),
          before: shown(before),
          after: shown(after),
        })
      }
    } else if (event.action.startsWith('role.')) {
      const grant = event.action === 'role.grant' ? after : before
      const role = isRole(grant.role) ? t(`roles.${grant.role}`) : String(grant.role ?? '')
      const scope = placeName(grant.scopeId) || String(grant.scopeType ?? '')
      text = t('admin.audit.grant', { role, scope })
      if (event.subject) text = `${event.subject.realName} · ${text}`
    } else if (verb === 'create') {
      text = t('admin.audit.named', { name: String(after.name ?? '') })
    } else if (verb === 'rename') {
      text = t('admin.audit.renamed', { before: String(before.name ?? ''), after: String(after.name ?? '') })
    } else {
      text = [event.before, event.after]
        .filter((v) => v !== null && v !== undefined)
        .map((v) => JSON.stringify(v))
        .join(' → ')
    }
    return event.reason ? `${text} · ${t('admin.audit.reason', { reason: event.reason })}` : text
  }

  return { dateTime, date, settingName, settingValue, actionText, auditSummary }
}

/** A failure in words: the field codes of BAD_USER_INPUT (e.g. NAME_TOO_LONG), else the error code. */
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
