/**
 * Registration rules the form applies before sending (the server checks again): a birth date
 * that makes the person under 14 on today's Asia/Shanghai calendar asks for a guardian's name,
 * phone and consent; the guardian fields are sent only then (collect what the service needs).
 */
import { isCalendarDate, needsGuardian, shanghaiDateOf } from '@linli/shared'

export interface RegisterForm {
  realName: string
  phone: string
  password: string
  smsCode: string
  birthDate: string
  guardianName: string
  guardianPhone: string
  guardianConsent: boolean
}

/** Today in China, `YYYY-MM-DD`, whatever the browser's zone: the latest birth date to offer. */
export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDateOf(now)
}

/** Does this birth date (possibly empty or half-typed) make the person under 14 today? */
export function guardianNeeded(birthDate: string, now: Date = new Date()): boolean {
  const date = birthDate.trim()
  return isCalendarDate(date) && needsGuardian(date, shanghaiDateOf(now))
}

/** The guardian fields a minor's form lacks, as field codes (GUARDIAN_REQUIRED). */
export function missingGuardianFields(form: RegisterForm, now: Date = new Date()): Record<string, string> {
  if (!guardianNeeded(form.birthDate, now)) return {}
  const missing: Record<string, string> = {}
  if (!form.guardianName.trim()) missing.guardianName = 'GUARDIAN_REQUIRED'
  if (!form.guardianPhone.trim()) missing.guardianPhone = 'GUARDIAN_REQUIRED'
  return missing
}

/** What is sent: the birth date only when given, the guardian fields only for a minor. */
export function registrationInput(form: RegisterForm, privacyNoticeVersion: string, now: Date = new Date()) {
  const birthDate = form.birthDate.trim()
  const minor = guardianNeeded(birthDate, now)
  return {
    realName: form.realName,
    phone: form.phone,
    password: form.password,
    smsCode: form.smsCode,
    privacyNoticeVersion,
    ...(birthDate ? { birthDate } : {}),
    ...(minor
      ? { guardianName: form.guardianName, guardianPhone: form.guardianPhone, guardianConsent: form.guardianConsent }
      : {}),
  }
}
