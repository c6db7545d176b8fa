/** Input schemas that server and web both validate with. */
import { z } from 'zod'
import { memberOf } from './errors.ts'

/** The codes input schemas report per field in BAD_USER_INPUT's `fields`; the web translates each. */
export const FIELD_CODES = [
  'PHONE_REQUIRED',
  'PHONE_INVALID',
  'PASSWORD_REQUIRED',
  'PASSWORD_TOO_SHORT',
  'PASSWORD_TOO_LONG',
  'PASSWORD_NEEDS_LETTER',
  'PASSWORD_NEEDS_DIGIT',
  'REAL_NAME_REQUIRED',
  'REAL_NAME_TOO_LONG',
  'CONSENT_REQUIRED',
  'SMS_CODE_FORMAT',
  'ID_NUMBER_INVALID',
  'NAME_REQUIRED',
  'NAME_TOO_LONG',
  'ADDRESS_TOO_LONG',
  'BIRTH_DATE_INVALID',
  'GUARDIAN_REQUIRED',
  'CATEGORY_CODE_INVALID',
  'CATEGORY_NAME_REQUIRED',
  'CATEGORY_NAME_TOO_LONG',
  'CATEGORIES_EMPTY',
  'CATEGORY_CODE_DUPLICATE',
  'VALUE_INVALID',
  'REASON_REQUIRED',
  'DATE_INVALID',
  // the three lists
  'TITLE_TOO_SHORT',
  'TITLE_TOO_LONG',
  'DESCRIPTION_REQUIRED',
  'DESCRIPTION_TOO_LONG',
  'CATEGORY_REQUIRED',
  'QUANTITY_INVALID',
  'TOO_MANY_PHOTOS',
  'CAPACITY_INVALID',
  'SOLO_CAPACITY_ONE',
  'ENDS_BEFORE_START',
  'VOLUNTEERS_INVALID',
  'IDEMPOTENCY_KEY_INVALID',
  'REASON_TOO_LONG',
  // activities and sign-ups
  'PLACE_REQUIRED',
  'SLOTS_INVALID',
  'SLOTS_BELOW_CONFIRMED',
  'DEADLINE_AFTER_START',
  'RECURRENCE_INVALID',
  'NO_CLAIMING_UNITS',
  // volunteers and hours
  'MINUTES_INVALID',
  'VOLUNTEER_NUMBER_INVALID',
  // points and the store
  'REWARD_NAME_REQUIRED',
  'REWARD_NAME_TOO_LONG',
  'PRICE_INVALID',
  'STOCK_INVALID',
  'LIMIT_INVALID',
  'AMOUNT_INVALID',
  'REDEMPTION_CODE_FORMAT',
  // closing the loop
  'SUMMARY_TOO_SHORT',
  'PEOPLE_SERVED_INVALID',
  'PHOTO_CONSENT_REQUIRED',
  'SCORE_INVALID',
  'COMMENT_TOO_LONG',
] as const
export type FieldCode = (typeof FIELD_CODES)[number]

export const isFieldCode = memberOf(FIELD_CODES)

/** A field code as a zod message (typed: a code not in FIELD_CODES fails the typecheck). */
export const fieldCode = (c: FieldCode) => c
const code = fieldCode

/** A mainland China mobile number: 11 digits starting with 1[3-9]. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, code('PHONE_INVALID'))

/** At least 8 characters with a letter and a digit; at most 128 (argon2 cost stays bounded). */
export const passwordSchema = z
  .string()
  .min(8, code('PASSWORD_TOO_SHORT'))
  .max(128, code('PASSWORD_TOO_LONG'))
  .regex(/[A-Za-z]/, code('PASSWORD_NEEDS_LETTER'))
  .regex(/\d/, code('PASSWORD_NEEDS_DIGIT'))

export const realNameSchema = z.string().trim().min(1, code('REAL_NAME_REQUIRED')).max(50, code('REAL_NAME_TOO_LONG'))

/** The name of a place, unit or team. */
export const nameSchema = z.string().trim().min(1, code('NAME_REQUIRED')).max(40, code('NAME_TOO_LONG'))

export const registerInputSchema = z.object({
  phone: phoneSchema,
  password: passwordSchema,
  realName: realNameSchema,
  privacyNoticeVersion: z.string().min(1, code('CONSENT_REQUIRED')),
  /** The REGISTER code sent to the phone (requestSmsCode). */
  smsCode: z
    .string({ message: code('SMS_CODE_FORMAT') })
    .trim()
    .regex(/^\d{6}$/, code('SMS_CODE_FORMAT')),
  /** Optional; a person under 14 (Asia/Shanghai calendar) needs a guardian's consent. */
  birthDate: z.iso.date({ message: code('BIRTH_DATE_INVALID') }).nullish(),
  guardianName: realNameSchema.nullish(),
  guardianPhone: phoneSchema.nullish(),
  guardianConsent: z.boolean().nullish(),
})
export type RegisterInput = z.infer<typeof registerInputSchema>

export const loginInputSchema = z.object({
  phone: z.string().trim().min(1, code('PHONE_REQUIRED')).max(32, code('PHONE_INVALID')),
  password: z.string().min(1, code('PASSWORD_REQUIRED')).max(256, code('PASSWORD_TOO_LONG')),
})
export type LoginInput = z.infer<typeof loginInputSchema>

/** 联盟单位 kinds: 结对共建 government bodies, or 驻区 enterprises, schools, hospitals, social organisations. */
export const UNIT_KINDS = ['government', 'enterprise', 'school', 'hospital', 'social_org', 'other'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export const createUnitInputSchema = z.object({
  name: nameSchema,
  kind: z.enum(UNIT_KINDS, { message: code('VALUE_INVALID') }),
})
export type CreateUnitInput = z.infer<typeof createUnitInputSchema>

/** A calendar date, YYYY-MM-DD (e.g. the day a co-building agreement was signed). */
export const calendarDateSchema = z.iso.date({ message: code('DATE_INVALID') })
