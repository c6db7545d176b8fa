/** How the certificate pages put values into words: hours with one decimal, days as in China, the verify address. */
import { CERTIFICATE_SERIAL_PATTERN } from '@linli/shared'
import { currentLocale } from '../../i18n/index.ts'
import { TIME_ZONE, chinaDay } from '../three-lists/words.ts'

/** Hours with one decimal (as the server's notification says them): 210 min → "3.5". */
export function hoursOf(minutes: number): string {
  return (Math.round(minutes / 6) / 10).toFixed(1)
}

/** A calendar day in Asia/Shanghai, or '—'. */
export const certificateDay = (iso: string | null | undefined): string => chinaDay(iso) || '—'

/** The serial in groups for reading aloud, 6 + 5 × 4: 0TH8KY G5XMY K501E … (display only). */
export function groupedSerial(serial: string): string {
  return serial.length > 6 ? [serial.slice(0, 6), ...(serial.slice(6).match(/.{1,5}/g) ?? [])].join(' ') : serial
}

/**
 * A serial as typed: spaces and dashes dropped, upper case, look-alikes read as digits (I, L → 1;
 * O → 0) — the server reads it the same way. Null when it cannot be a serial.
 */
export function normaliseSerial(input: string): string | null {
  const s = input.replace(/[\s-]/g, '').toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0')
  return CERTIFICATE_SERIAL_PATTERN.test(s) ? s : null
}

/** The public page a certificate's QR code points at. */
export function verifyUrl(serial: string, origin: string = window.location.origin): string {
  return `${origin}/verify/${serial}`
}

/** A day as printed on the certificate: 2026年11月20日 / November 20, 2026 (Asia/Shanghai). */
export function longDay(iso: string | null | undefined, locale: string = currentLocale.value): string {
  return iso
    ? new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric' }).format(
        new Date(iso),
      )
    : ''
}
