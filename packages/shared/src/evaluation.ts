/**
 * Closing the loop (PRODUCT.md "Evaluation"): 晒单 — the claiming units' completion reports —
 * and 评单 — the ratings of the residents served. Both show in the community once staff have
 * reviewed them; staff may hide one with a reason. Pure: machines and inputs.
 */
import { z } from 'zod'
import { fieldCode } from './schemas.ts'

/** Who wrote a completion report: the lead unit (it completes the project), another claiming unit, or staff completing it with a note. */
export const COMPLETION_REPORT_KINDS = ['lead', 'unit', 'staff'] as const
export type CompletionReportKind = (typeof COMPLETION_REPORT_KINDS)[number]

export const completionReportInputSchema = z
  .object({
    summary: z.string().trim().min(10, fieldCode('SUMMARY_TOO_SHORT')).max(2000, fieldCode('DESCRIPTION_TOO_LONG')),
    /** People served (受益人次). */
    peopleServed: z
      .number()
      .int(fieldCode('PEOPLE_SERVED_INVALID'))
      .min(0, fieldCode('PEOPLE_SERVED_INVALID'))
      .max(100_000, fieldCode('PEOPLE_SERVED_INVALID')),
    photoIds: z.array(z.string().uuid()).max(9).default([]),
    /** The people shown in the photos agreed to their being shown (required with photos). */
    photoConsent: z.boolean().default(false),
  })
  .refine((r) => r.photoIds.length === 0 || r.photoConsent, {
    message: fieldCode('PHOTO_CONSENT_REQUIRED'),
    path: ['photoConsent'],
  })
export type CompletionReportInput = z.infer<typeof completionReportInputSchema>

export const ratingInputSchema = z.object({
  /** The need served (a project with needs); omitted for a project without needs (a participant rates). */
  needId: z.string().uuid().nullable().default(null),
  score: z
    .number()
    .int(fieldCode('SCORE_INVALID'))
    .min(1, fieldCode('SCORE_INVALID'))
    .max(5, fieldCode('SCORE_INVALID')),
  comment: z.string().trim().max(500, fieldCode('COMMENT_TOO_LONG')).default(''),
})
export type RatingInput = z.infer<typeof ratingInputSchema>

/** A project rated 5: ratings given and every one of them 5 (the bonus goes to those who served). */
export function ratedFive(scores: readonly number[]): boolean {
  return scores.length > 0 && scores.every((s) => s === 5)
}

/** The average score to one decimal, null without ratings. */
export function averageScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10
}
