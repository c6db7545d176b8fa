/**
 * The certificate pages without a server: hours with one decimal as the server says them, the
 * serial grouped for reading and read back from what a person types, the printed date in each
 * language, the verify address the QR code holds, and the router letting everyone onto
 * 证明查验 and both faces onto the print page.
 */
import { CERTIFICATE_SERIAL_PATTERN } from '@linli/shared'
import { describe, expect, it } from 'vitest'
import {
  groupedSerial,
  hoursOf,
  longDay,
  normaliseSerial,
  verifyUrl,
} from '../../web/src/features/certificates/format.ts'
import { openCertificateRoutes } from '../../web/src/features/certificates/routes.ts'

const SERIAL = '0TH8KYG5XMYK501EQE2ASPBDSR'

describe('certificate words', () => {
  it('says hours with one decimal', () => {
    expect(hoursOf(210)).toBe('3.5')
    expect(hoursOf(180)).toBe('3.0')
    expect(hoursOf(100)).toBe('1.7')
    expect(hoursOf(0)).toBe('0.0')
  })

  it('groups a serial 6 + 5 × 4 and reads a typed one back', () => {
    expect(SERIAL).toMatch(CERTIFICATE_SERIAL_PATTERN)
    expect(groupedSerial(SERIAL)).toBe('0TH8KY G5XMY K501E QE2AS PBDSR')
    expect(normaliseSerial(groupedSerial(SERIAL))).toBe(SERIAL)
    expect(normaliseSerial(SERIAL.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l'))).toBe(SERIAL)
    expect(normaliseSerial(`${SERIAL.slice(0, 13)}-${SERIAL.slice(13)}`)).toBe(SERIAL)
    expect(normaliseSerial(SERIAL.slice(1))).toBeNull()
    expect(normaliseSerial('U'.repeat(26))).toBeNull()
  })

  it('prints the day in Beijing, in words of the language', () => {
    // 16:30 UTC on 20 November is already the 21st in Beijing.
    expect(longDay('2026-11-20T16:30:00Z', 'zh-CN')).toBe('2026年11月21日')
    expect(longDay('2026-11-20T16:30:00Z', 'en')).toBe('November 21, 2026')
    expect(longDay(null, 'zh-CN')).toBe('')
  })

  it('points the QR code at the public verify page', () => {
    expect(verifyUrl(SERIAL, 'https://linli.example')).toBe(`https://linli.example/verify/${SERIAL}`)
  })

  it('opens 证明查验 to everyone and the print page to either face', () => {
    const verify = openCertificateRoutes.find((r) => r.name === 'verify-certificate')!
    expect(verify.path).toBe('/verify/:serial?')
    expect(verify.meta).toEqual({ open: true })
    const print = openCertificateRoutes.find((r) => r.name === 'print-certificate')!
    expect(print.meta).toEqual({ anyFace: true })
  })
})
