/** The certificates' pure parts: the seal image, serials, who reads a certificate, the default content. */
import {
  canReadCertificate,
  defaultServiceContent,
  hoursText,
  publicView,
  SERVICE_CONTENT_MAX,
} from '@linli/server/certificates/policy'
import { communitySealMarkup, communitySealSvg } from '@linli/server/certificates/seal'
import { encodeSerial, newCertificateSerial, normaliseSerial } from '@linli/server/certificates/serial'
import { CERTIFICATE_SERIAL_PATTERN, type Role, type ScopeType } from '@linli/shared'
import { describe, expect, it } from 'vitest'

describe('communitySealSvg', () => {
  const decode = (url: string) =>
    Buffer.from(url.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString('utf8')

  it('is an SVG data URL of a red ring, a star and the community’s name along the upper arc', () => {
    const url = communitySealSvg('阳光社区')
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true)
    const svg = decode(url)
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg.endsWith('</svg>')).toBe(true)
    expect(svg).toMatch(/<circle [^>]*fill="none" stroke="#d7000f"/)
    // A five-pointed star: ten points, alternating outer and inner.
    const points = /<polygon points="([^"]+)"/.exec(svg)![1]!.split(' ')
    expect(points).toHaveLength(10)
    expect(svg).toMatch(/<textPath href="#arc"[^>]*>阳光社区<\/textPath>/)
    // The arc runs over the top: it starts left of the centre and ends right of it, below its top.
    const [, x0, y0, x1, y1] = /d="M ([\d.]+) ([\d.]+) A [\d.]+ [\d.]+ 0 [01] 1 ([\d.]+) ([\d.]+)"/
      .exec(svg)!
      .map(Number)
    expect(x0).toBeLessThan(100)
    expect(x1).toBeGreaterThan(100)
    expect(y0).toBeCloseTo(y1!, 5)
    expect(svg).toContain('志愿服务专用章')
  })

  it('is the same for the same name and differs for another', () => {
    expect(communitySealSvg('阳光社区')).toBe(communitySealSvg('阳光社区'))
    expect(communitySealSvg('阳光社区')).not.toBe(communitySealSvg('和平社区'))
  })

  it('escapes the name as XML text', () => {
    const svg = communitySealMarkup('<script>&"社区"')
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;script&gt;&amp;&quot;社区&quot;')
  })

  it('widens the arc for a longer name, within two thirds of the circle', () => {
    // The arc starts lower on the left the more of the circle it takes.
    const span = (name: string) => Number(/d="M [\d.]+ ([\d.]+) /.exec(communitySealMarkup(name))![1])
    expect(span('阳光社区居民委员会')).toBeGreaterThan(span('阳光社区'))
    expect(communitySealMarkup('很'.repeat(60))).toContain('很'.repeat(24) + '</textPath>')
    expect(communitySealMarkup('很'.repeat(60))).not.toContain('很'.repeat(25))
  })
})

describe('serials', () => {
  it('encode 128 bits as 26 Crockford base-32 characters', () => {
    expect(encodeSerial(new Uint8Array(16))).toBe('0'.repeat(26))
    expect(encodeSerial(new Uint8Array(16).fill(255))).toBe('7' + 'Z'.repeat(25))
    const one = new Uint8Array(16)
    one[15] = 33
    expect(encodeSerial(one)).toBe('0'.repeat(24) + '11')
    for (let i = 0; i < 200; i++) expect(newCertificateSerial()).toMatch(CERTIFICATE_SERIAL_PATTERN)
  })

  it('read as typed: case, spaces and dashes, look-alikes; anything else is not a serial', () => {
    const s = newCertificateSerial()
    expect(normaliseSerial(s)).toBe(s)
    expect(normaliseSerial(` ${s.toLowerCase().slice(0, 13)}-${s.toLowerCase().slice(13)} `)).toBe(s)
    expect(normaliseSerial('O'.repeat(26))).toBe('0'.repeat(26))
    expect(normaliseSerial('il'.repeat(13))).toBe('1'.repeat(26))
    expect(normaliseSerial('U'.repeat(26))).toBeNull()
    expect(normaliseSerial(s.slice(1))).toBeNull()
    expect(normaliseSerial(`${s}0`)).toBeNull()
    expect(normaliseSerial('x'.repeat(100))).toBeNull()
  })
})

describe('canReadCertificate', () => {
  const C = '0190f000-0000-7000-8000-00000000000c'
  const OTHER = '0190f000-0000-7000-8000-00000000000d'
  const viewer = (userId: string, ...grants: [Role, ScopeType, string | null][]) => ({
    userId,
    sessionId: 's',
    grants: grants.map(([role, scopeType, scopeId], i) => ({ id: String(i), role, scopeType, scopeId })),
  })
  const cert = { communityId: C, volunteerId: 'holder' }

  it('lets the holder and the issuing community’s staff read it, nobody else', () => {
    expect(canReadCertificate(viewer('holder', ['volunteer', 'self', null]), cert)).toBe(true)
    expect(canReadCertificate(viewer('s', ['community_staff', 'community', C]), cert)).toBe(true)
    expect(canReadCertificate(viewer('s', ['community_staff', 'community', OTHER]), cert)).toBe(false)
    expect(canReadCertificate(viewer('s', ['street_admin', 'street', C]), cert)).toBe(false)
    expect(canReadCertificate(viewer('g', ['grid_worker', 'grid', C]), cert)).toBe(false)
    expect(canReadCertificate(viewer('v', ['volunteer', 'self', null]), cert)).toBe(false)
  })
})

describe('defaultServiceContent and the public view', () => {
  it('names each activity once in the order served, joined by 、, cut to the limit', () => {
    expect(defaultServiceContent(['助老送餐', '社区义诊', '助老送餐'])).toBe('助老送餐、社区义诊')
    const long = defaultServiceContent(Array.from({ length: 60 }, (_, i) => `第${i + 1}次助老送餐`))
    expect([...long]).toHaveLength(SERVICE_CONTENT_MAX)
    expect(long.endsWith('…')).toBe(true)
  })

  it('keeps only the masked name, hours, issuer, date and validity', () => {
    const v = publicView({
      serial: 'S',
      realName: '李志强',
      minutes: 210,
      communityName: '阳光社区',
      issuedAt: new Date(0),
      state: 'valid',
      revokedAt: null,
    })
    expect(v).toEqual({
      serial: 'S',
      maskedName: '李*强',
      minutes: 210,
      issuerName: '阳光社区',
      issuedAt: new Date(0),
      state: 'valid',
      revokedAt: null,
    })
    expect(hoursText(210)).toBe('3.5')
    expect(hoursText(100)).toBe('1.7')
  })
})
