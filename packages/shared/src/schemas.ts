/** Input schemas that server and web both validate with. */
import { z } from 'zod'

/** A mainland China mobile number: 11 digits starting with 1[3-9]. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'PHONE_INVALID')

/** At least 8 characters with a letter and a digit; at most 128 (argon2 cost stays bounded). */
export const passwordSchema = z
  .string()
  .min(8, 'PASSWORD_TOO_SHORT')
  .max(128, 'PASSWORD_TOO_LONG')
  .regex(/[A-Za-z]/, 'PASSWORD_NEEDS_LETTER')
  .regex(/\d/, 'PASSWORD_NEEDS_DIGIT')

export const realNameSchema = z.string().trim().min(1, 'REAL_NAME_REQUIRED').max(50, 'REAL_NAME_TOO_LONG')

export const registerInputSchema = z.object({
  phone: phoneSchema,
  password: passwordSchema,
  realName: realNameSchema,
  privacyNoticeVersion: z.string().min(1),
})
export type RegisterInput = z.infer<typeof registerInputSchema>

export const loginInputSchema = z.object({
  phone: z.string().trim().min(1).max(32),
  password: z.string().min(1).max(256),
})
export type LoginInput = z.infer<typeof loginInputSchema>
