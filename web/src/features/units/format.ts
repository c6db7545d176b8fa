/** How the unit pages put values into words: days in Asia/Shanghai, failures by code. */
import { ApiError } from '../../graphql/errors.ts'
import { currentLocale, useErrorText } from '../../i18n/index.ts'

/** Calendar days are shown as in China, wherever the browser is. */
const TIME_ZONE = 'Asia/Shanghai'

/** "2026/03/01": the calendar day of an instant, in Asia/Shanghai. */
export function dayOf(iso: string | null | undefined): string {
  if (!iso) return '—'
  return new Intl.DateTimeFormat(currentLocale.value, {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso))
}

/** Today in Asia/Shanghai as YYYY-MM-DD (the latest day an agreement can have been signed). */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(now)
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
