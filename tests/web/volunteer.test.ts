/**
 * The volunteer's phone pages without a server: an activity's time in China wherever the browser
 * is, minutes as hours, the way to the next star, a sign-up's state with its place in line, when
 * 签到 / 签退 show (by the server's window), my record of an activity, the leader's code countdown
 * and when the next code is asked for (a wrong phone clock never makes it ask in a loop), and the
 * check-in address the QR code holds.
 */
import { CHECK_IN_CODE_PERIOD_SECONDS, starProgress } from '@linli/shared'
import { describe, expect, it } from 'vitest'
import {
  clockTime,
  digitsOnly,
  durationText,
  hoursNumber,
  hoursValue,
  liveRecord,
  mayCheckInAround,
  nextRefreshAt,
  parseCheckInQuery,
  reasonText,
  secondsLeft,
  signUpText,
  starPercent,
  timeRange,
} from '../../web/src/features/volunteer/format.ts'
import { i18n, setLocale } from '../../web/src/i18n/index.ts'

function translator(locale: 'zh-CN' | 'en') {
  return (key: string, params?: Record<string, unknown>) => {
    setLocale(locale)
    return i18n.global.t(key, (params ?? {}) as Record<string, unknown>)
  }
}
const zh = translator('zh-CN')
const english = translator('en')

describe('activity time in China', () => {
  it('names the day and the hours in Asia/Shanghai, whatever the browser’s zone', () => {
    // 01:00 UTC is 09:00 in Beijing.
    expect(timeRange('2026-11-05T01:00:00.000Z', '2026-11-05T04:00:00.000Z', 'zh-CN')).toBe('11/05 周四 09:00–12:00')
    expect(timeRange('2026-11-05T01:00:00.000Z', '2026-11-05T04:00:00.000Z', 'en')).toBe('11/05 Thu 09:00–12:00')
    expect(clockTime('2026-11-05T01:02:00.000Z', 'zh-CN')).toBe('09:02')
  })

  it('names both days when it runs over midnight in China', () => {
    const text = timeRange('2026-11-05T14:00:00.000Z', '2026-11-05T17:00:00.000Z', 'zh-CN')
    expect(text).toContain('22:00')
    expect(text).toMatch(/11\/06.*01:00$/)
  })
})

describe('hours in words', () => {
  it('says minutes as hours and minutes, in Chinese and English', () => {
    expect(durationText(zh, 150)).toBe('2 小时 30 分钟')
    expect(durationText(zh, 120)).toBe('2 小时')
    expect(durationText(zh, 45)).toBe('45 分钟')
    expect(durationText(english, 150)).toBe('2 h 30 min')
  })

  it('gives hours with at most one decimal', () => {
    expect(hoursValue(193.08)).toBe('193.1')
    expect(hoursNumber(150)).toBe('2.5')
    expect(hoursNumber(120)).toBe('2')
    expect(hoursNumber(0)).toBe('0')
    expect(hoursNumber(55)).toBe('0.9')
  })
})

describe('star progress bar', () => {
  it('measures the way from this level’s threshold to the next', () => {
    expect(starPercent(starProgress(0))).toBe(0)
    expect(starPercent(starProgress(50 * 60))).toBe(50)
    // 1★ at 100 h; half-way to 2★ (300 h) at 200 h.
    expect(starPercent(starProgress(200 * 60))).toBe(50)
    expect(starPercent(starProgress(1600 * 60))).toBe(100)
  })
})

describe('my sign-up in a word', () => {
  it('gives the place in line while waitlisted', () => {
    expect(signUpText(zh, { state: 'waitlisted', position: 2 })).toBe('候补第 2 位')
    expect(signUpText(zh, { state: 'confirmed', position: null })).toBe('已报名')
    expect(signUpText(zh, { state: 'cancelled', position: null })).toBe('已取消')
    expect(signUpText(english, { state: 'waitlisted', position: 1 })).toBe('Waitlist #1')
    expect(signUpText(zh, null)).toBeNull()
  })

  it('words the suggestion reasons, and a newer one generically', () => {
    expect(
      ['skills_match', 'available', 'same_grid', 'reliable', 'few_places_left'].map((r) => reasonText(zh, r)),
    ).toEqual(['技能匹配', '时间合适', '同网格', '守约', '名额紧张'])
    expect(reasonText(zh, 'something_new')).toBe('推荐')
  })
})

describe('when 签到 / 签退 show', () => {
  // 09:00–12:00 Beijing in a community with a 20-minute tolerance, as the server tells it.
  const activity = {
    startsAt: '2026-11-05T01:00:00.000Z',
    endsAt: '2026-11-05T04:00:00.000Z',
    checkInOpensAt: '2026-11-05T00:40:00.000Z',
    checkOutClosesAt: '2026-11-05T04:20:00.000Z',
    state: 'scheduled' as const,
  }
  const at = (iso: string) => Date.parse(iso)

  it('shows from the server’s checkInOpensAt until the end, whatever the default tolerance', () => {
    expect(mayCheckInAround(activity, at('2026-11-05T00:39:00.000Z'))).toBe(false)
    expect(mayCheckInAround(activity, at('2026-11-05T00:40:00.000Z'))).toBe(true)
    expect(mayCheckInAround(activity, at('2026-11-05T03:59:00.000Z'))).toBe(true)
    expect(mayCheckInAround(activity, at('2026-11-05T04:00:00.000Z'))).toBe(false)
  })

  it('keeps 签退 until checkOutClosesAt for one checked in; never for a cancelled activity', () => {
    expect(mayCheckInAround(activity, at('2026-11-05T04:19:00.000Z'), true)).toBe(true)
    expect(mayCheckInAround(activity, at('2026-11-05T04:20:00.000Z'), true)).toBe(false)
    expect(mayCheckInAround({ ...activity, state: 'cancelled' }, at('2026-11-05T02:00:00.000Z'))).toBe(false)
  })

  it('opens at the start with no tolerance', () => {
    const exact = { ...activity, checkInOpensAt: activity.startsAt, checkOutClosesAt: activity.endsAt }
    expect(mayCheckInAround(exact, at('2026-11-05T00:59:00.000Z'))).toBe(false)
    expect(mayCheckInAround(exact, at('2026-11-05T01:00:00.000Z'))).toBe(true)
    expect(mayCheckInAround(exact, at('2026-11-05T04:00:00.000Z'), true)).toBe(false)
  })
})

describe('my record of an activity', () => {
  it('is the newest one not voided or rejected', () => {
    const corrected = { id: 'new', state: 'approved' as const }
    expect(liveRecord([corrected, { id: 'old', state: 'voided' as const }])).toBe(corrected)
    expect(liveRecord([{ id: 'r', state: 'rejected' as const }])).toBeNull()
    expect(liveRecord([])).toBeNull()
  })
})

describe('the leader’s code countdown', () => {
  const expiresAt = '2026-11-05T01:01:00.000Z'
  const at = (iso: string) => Date.parse(iso)

  it('counts to the server’s expiry, within one period', () => {
    expect(secondsLeft(expiresAt, at('2026-11-05T01:00:15.000Z'))).toBe(45)
    expect(secondsLeft(expiresAt, at('2026-11-05T01:02:00.000Z'))).toBe(0)
    expect(secondsLeft(expiresAt, at('2026-11-05T00:50:00.000Z'))).toBe(CHECK_IN_CODE_PERIOD_SECONDS)
  })

  it('asks for the next code at the expiry, at most a period away', () => {
    expect(nextRefreshAt(expiresAt, at('2026-11-05T01:00:15.000Z'), 0)).toBe(at(expiresAt))
    // A phone clock ten minutes behind still asks within a period.
    expect(nextRefreshAt(expiresAt, at('2026-11-05T00:51:00.000Z'), 0)).toBe(at('2026-11-05T00:52:00.000Z'))
  })

  it('backs off when the answer keeps the same expiry (a phone clock ahead of the server)', () => {
    const now = at('2026-11-05T01:10:00.000Z')
    const waits = [0, 1, 2, 3, 4, 5, 6].map((n) => nextRefreshAt(expiresAt, now, n) - now)
    expect(waits).toEqual([5000, 5000, 10_000, 20_000, 40_000, 60_000, 60_000])
  })
})

describe('the check-in address', () => {
  it('reads community, activity and code from the QR code’s query', () => {
    expect(parseCheckInQuery({ c: 'c1', a: 'a1', k: '29000000.abc' })).toEqual({
      communityId: 'c1',
      activityId: 'a1',
      code: '29000000.abc',
    })
    expect(parseCheckInQuery({ c: 'c1', a: 'a1' })).toBeNull()
    expect(parseCheckInQuery({ c: ['c1'], a: 'a1', k: [''] })).toBeNull()
  })

  it('keeps only the digits typed', () => {
    expect(digitsOnly(' 12 34-56 7', 6)).toBe('123456')
  })
})
