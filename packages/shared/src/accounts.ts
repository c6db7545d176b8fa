/**
 * Accounts and identity: SMS code purposes, ID documents (mainland resident ID checksum,
 * masking), ages on the Asia/Shanghai calendar, and the input schemas of the accounts and
 * privacy features. Pure; shared by server and web.
 */
import { z } from 'zod'
import { CALENDAR_TIME_ZONE } from './rules.ts'
import type { FieldCode } from './schemas.ts'

const code = (c: FieldCode) => c

/** What an SMS code is for; a code serves only its own purpose. */
export const SMS_PURPOSES = ['REGISTER', 'LOGIN', 'RESET_PASSWORD'] as const
export type SmsPurpose = (typeof SMS_PURPOSES)[number]

export const SMS_CODE_LENGTH = 6
export const SMS_CODE_TTL_SECONDS = 5 * 60
export const SMS_CODE_MAX_ATTEMPTS = 5
/** Sending limits per phone: one a minute, ten a calendar day. */
export const SMS_RESEND_SECONDS = 60
export const SMS_DAILY_LIMIT = 10

/** 证件类型 as certificates name them. */
export const ID_TYPES = ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent_id'] as const
export type IdType = (typeof ID_TYPES)[number]

/** A minor under this age registers only with a guardian's consent. */
export const GUARDIAN_AGE = 14

/** The real name a deleted account keeps (records others rely on still point at it). */
export const DELETED_USER_NAME = '已注销用户'

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const RESIDENT_ID_CHECK = '10X98765432'

/** A real calendar date `YYYY-MM-DD` (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900
}

/**
 * A mainland resident ID (居民身份证号码, GB 11643): 17 digits and an ISO 7064 MOD 11-2 check
 * character (a digit or X), with a real birth date in positions 7–14.
 */
export function isValidResidentId(value: string): boolean {
  const id = value.toUpperCase()
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false
  if (!isCalendarDate(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * RESIDENT_ID_WEIGHTS[i]!
  return RESIDENT_ID_CHECK[sum % 11] === id[17]
}

/** The birth date a resident ID carries, `YYYY-MM-DD`. */
export function birthDateFromResidentId(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
}

/** Normalise an ID number as stored: trimmed, upper case (the X check character). */
export function normaliseIdNumber(value: string): string {
  return value.trim().toUpperCase()
}

/** Is the number well-formed for its type? Resident IDs by checksum; others by shape. */
export function isValidIdNumber(type: IdType, value: string): boolean {
  const id = normaliseIdNumber(value)
  if (type === 'resident_id') return isValidResidentId(id)
  return /^[A-Z0-9]{5,20}$/.test(id)
}

/** Show an ID number masked: 110101********1234 (resident ID), E1*****78 (shorter documents). */
export function maskIdNumber(value: string): string {
  const id = normaliseIdNumber(value)
  if (id.length >= 15) return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`
  if (id.length >= 6) return `${id.slice(0, 2)}${'*'.repeat(id.length - 4)}${id.slice(-2)}`
  return '*'.repeat(id.length)
}

/** The calendar date of an instant in Asia/Shanghai, `YYYY-MM-DD`. */
export function shanghaiDateOf(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: CALENDAR_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at)
}

/** Whole years from a birth date to a day (both `YYYY-MM-DD`); a birthday counts on the day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/** Does a person born on `birthDate` need a guardian's consent on `day`? */
export function needsGuardian(birthDate: string, day: string): boolean {
  return ageOn(birthDate, day) < GUARDIAN_AGE
}

export const smsCodeSchema = z
  .string({ message: code('SMS_CODE_FORMAT') })
  .trim()
  .regex(/^\d{6}$/, code('SMS_CODE_FORMAT'))

export const birthDateSchema = z.string().trim().refine(isCalendarDate, code('BIRTH_DATE_INVALID'))

export const addressSchema = z.string().trim().max(200, code('ADDRESS_TOO_LONG'))

export const smsPurposeSchema = z.enum(SMS_PURPOSES)

export const idTypeSchema = z.enum(ID_TYPES)

/** 实名核验 input: the number is checked against its type (resident IDs by checksum). */
export const verifyRealNameInputSchema = z
  .object({
    idType: idTypeSchema,
    idNumber: z.string().trim().min(1, code('ID_NUMBER_INVALID')).max(32, code('ID_NUMBER_INVALID')),
  })
  .superRefine((v, ctx) => {
    if (!isValidIdNumber(v.idType, v.idNumber)) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: code('ID_NUMBER_INVALID') })
    }
  })
  .transform((v) => ({ idType: v.idType, idNumber: normaliseIdNumber(v.idNumber) }))
export type VerifyRealNameInput = z.infer<typeof verifyRealNameInputSchema>

export const residenceInputSchema = z.object({
  address: addressSchema.nullish(),
})

/** The languages the interface speaks; the first is the default. */
export const APP_LOCALES = ['zh-CN', 'en'] as const
export type AppLocaleCode = (typeof APP_LOCALES)[number]

/** A person's choices that follow them to every device: null where not chosen yet. */
export interface Preferences {
  locale: AppLocaleCode | null
  elderMode: boolean | null
}
