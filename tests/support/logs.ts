/**
 * Log collection for the personal-data check (tests/logs): when LINLI_TEST_LOG_DIR is set,
 * every test app logs at info level, through the production logger configuration, into a
 * file there; factories record the personal data they create beside it.
 */
import { appendFileSync, createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import { join } from 'node:path'

const dir = process.env.LINLI_TEST_LOG_DIR || null
let stream: WriteStream | null = null

/** A stream for the app's logger, or null when logs are not collected. */
export function testLogStream(): WriteStream | null {
  if (!dir) return null
  if (!stream) {
    mkdirSync(dir, { recursive: true })
    stream = createWriteStream(join(dir, `server-${process.pid}.log`), { flags: 'a' })
  }
  return stream
}

/** Remember personal data a factory created, so the log check can look for it. */
export function recordPii(...values: (string | null | undefined)[]): void {
  if (!dir) return
  const kept = values.filter((v): v is string => typeof v === 'string' && v.length >= 2)
  if (kept.length === 0) return
  mkdirSync(dir, { recursive: true })
  appendFileSync(join(dir, `pii-${process.pid}.jsonl`), `${JSON.stringify(kept)}\n`)
}
