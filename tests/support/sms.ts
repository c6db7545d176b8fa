/**
 * The text messages an app sent, read back from its log lines (the default SMS gateway writes
 * one info line per message, the phone masked) — what a developer reads in the console, not
 * a mock. Every test app logs into one of these besides the optional collected-log file.
 */
import { maskPhone } from '@linli/shared'
import { SMS_LOG_MESSAGE } from '@linli/server/sms'

export interface SentSms {
  /** The phone as logged: masked (138****0001). */
  to: string
  text: string
  /** The 6-digit code in the text, if any. */
  code: string | null
}

export class SmsOutbox {
  private readonly sent: SentSms[] = []

  /** A pino destination: one JSON line per call. */
  write(line: string): void {
    if (!line.includes(SMS_LOG_MESSAGE)) return
    for (const part of line.split('\n')) {
      if (!part.trim()) continue
      const entry = JSON.parse(part) as { msg?: string; sms?: { to: string; text: string } }
      if (entry.msg !== SMS_LOG_MESSAGE || !entry.sms) continue
      const code = /\d{6}/.exec(entry.sms.text)?.[0] ?? null
      this.sent.push({ to: entry.sms.to, text: entry.sms.text, code })
    }
  }

  /** Every message, or those to one phone (masked, or in full — it is masked before matching). */
  all(phone?: string): SentSms[] {
    if (!phone) return [...this.sent]
    const to = /^\d{11}$/.test(phone) ? maskPhone(phone) : phone
    return this.sent.filter((m) => m.to === to)
  }

  /** The last message sent (to one phone). */
  last(phone?: string): SentSms | undefined {
    return this.all(phone).at(-1)
  }

  /** The code of the last message to a phone; throws when none was sent. */
  lastCode(phone?: string): string {
    const code = this.last(phone)?.code
    if (!code) throw new Error(`no SMS code was sent${phone ? ` to ${maskPhone(phone)}` : ''}`)
    return code
  }

  /** How many messages were sent (to one phone). */
  count(phone?: string): number {
    return this.all(phone).length
  }
}
