/**
 * Certificate serials: 128 random bits written as 26 Crockford base-32 characters (no I, L, O,
 * U), so a serial is unguessable and survives being read aloud or typed from paper.
 */
import { CERTIFICATE_SERIAL_PATTERN } from '@linli/shared'
import { randomBytes } from 'node:crypto'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const SERIAL_LENGTH = 26

/** Encode 16 bytes as 26 base-32 digits, most significant first (the first carries 3 bits). */
export function encodeSerial(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new Error('a serial is 16 bytes')
  let n = 0n
  for (const b of bytes) n = (n << 8n) | BigInt(b)
  let out = ''
  for (let i = 0; i < SERIAL_LENGTH; i++) {
    out = ALPHABET[Number(n & 31n)]! + out
    n >>= 5n
  }
  return out
}

/** A fresh serial from the operating system's CSPRNG. */
export function newCertificateSerial(): string {
  return encodeSerial(randomBytes(16))
}

/**
 * A serial as typed by a person, in its canonical form, or null when it cannot be one: spaces
 * and dashes dropped, upper case, and Crockford's look-alikes read as digits (I, L → 1; O → 0).
 */
export function normaliseSerial(input: string): string | null {
  if (input.length > 64) return null
  const s = input.replace(/[\s-]/g, '').toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0')
  return CERTIFICATE_SERIAL_PATTERN.test(s) ? s : null
}
