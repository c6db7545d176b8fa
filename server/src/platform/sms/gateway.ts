/**
 * Text messages leave through an `SmsGateway`. The default adapter only writes each message
 * to the log (a deployment plugs in its carrier's adapter through `AppOptions.sms`): one info
 * line per message, the phone masked — the full number never reaches a log line.
 */
import { maskPhone } from '@linli/shared'
import type { FastifyBaseLogger } from 'fastify'

export interface SmsGateway {
  /** Deliver `text` to the mainland mobile number `to`. */
  send(to: string, text: string): Promise<void>
}

/** The log line's message; tests read SMS messages back from the log by it. */
export const SMS_LOG_MESSAGE = 'sms sent'

export class LogSmsGateway implements SmsGateway {
  constructor(private readonly log: FastifyBaseLogger) {}

  send(to: string, text: string): Promise<void> {
    this.log.info({ sms: { to: maskPhone(to), text } }, SMS_LOG_MESSAGE)
    return Promise.resolve()
  }
}
