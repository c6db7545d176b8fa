/** The pure rules of hours: clipping, cap, threshold, stars, the check-in window, availability slots. */
import {
  availabilitySlotOf,
  checkInStep,
  checkInWindow,
  computeMinutes,
  plannedMinutes,
  starProgress,
} from '@linli/shared'
import { describe, expect, it } from 'vitest'

const window = { startsAt: new Date('2026-11-10T01:00:00Z'), endsAt: new Date('2026-11-10T04:00:00Z') }
const none = { perActivityHourCap: null, validityThresholdPercent: null }
const at = (hhmm: string) => new Date(`2026-11-10T${hhmm}:00Z`)

describe('computeMinutes', () => {
  it('counts the span inside the window only: early arrival and late departure (travel) do not count', () => {
    expect(computeMinutes(window, at('00:40'), at('04:30'), none)).toEqual({
      minutes: 180,
      spanMinutes: 180,
      capped: false,
      belowThreshold: false,
    })
    expect(computeMinutes(window, at('01:30'), at('02:45'), none).minutes).toBe(75)
    expect(computeMinutes(window, at('04:10'), at('04:30'), none).minutes).toBe(0)
  })

  it('applies the per-activity cap (hours) and flags it', () => {
    expect(computeMinutes(window, at('01:00'), at('04:00'), { ...none, perActivityHourCap: 2.5 })).toMatchObject({
      minutes: 150,
      spanMinutes: 180,
      capped: true,
    })
  })

  it('credits nothing below the validity threshold and flags it; exactly at the threshold counts', () => {
    const rules = { ...none, validityThresholdPercent: 60 }
    expect(computeMinutes(window, at('01:00'), at('02:47'), rules)).toMatchObject({ minutes: 0, belowThreshold: true })
    expect(computeMinutes(window, at('01:00'), at('02:48'), rules)).toMatchObject({
      minutes: 108,
      belowThreshold: false,
    })
  })

  it('the planned length bounds a back-fill', () => {
    expect(plannedMinutes(window)).toBe(180)
  })
})

describe('starProgress', () => {
  it.each([
    [0, 0, 100, 100],
    [99 * 60 + 59, 0, 100, 0.02],
    [100 * 60, 1, 300, 200],
    [299 * 60, 1, 300, 1],
    [300 * 60, 2, 600, 300],
    [600 * 60, 3, 1000, 400],
    [1000 * 60, 4, 1500, 500],
    [1500 * 60, 5, null, null],
    [4000 * 60, 5, null, null],
  ])('%i minutes → %i★, next at %s h, %s h to go', (minutes, level, next, toGo) => {
    expect(starProgress(minutes)).toMatchObject({ level, nextLevelHours: next, hoursToNext: toGo })
  })
})

describe('check-in timing', () => {
  it('opens the tolerance before the start and closes at the end', () => {
    expect(checkInWindow(window, 30)).toEqual({ opensAt: at('00:30'), closesAt: at('04:00') })
  })

  it('a step lasts a minute', () => {
    expect(checkInStep(new Date('2026-11-10T01:00:59.999Z'))).toBe(checkInStep(new Date('2026-11-10T01:00:00Z')))
    expect(checkInStep(new Date('2026-11-10T01:01:00Z'))).toBe(checkInStep(new Date('2026-11-10T01:00:00Z')) + 1)
  })
})

describe('availabilitySlotOf (Asia/Shanghai)', () => {
  it.each([
    ['2026-11-10T01:00:00Z', 'weekday_morning'], // Tue 09:00
    ['2026-11-10T06:00:00Z', 'weekday_afternoon'], // Tue 14:00
    ['2026-11-10T11:00:00Z', 'weekday_evening'], // Tue 19:00
    ['2026-11-13T17:00:00Z', 'weekend_morning'], // Sat 01:00
    ['2026-11-15T15:59:00Z', 'weekend_evening'], // Sun 23:59
    ['2026-11-15T16:00:00Z', 'weekday_morning'], // Mon 00:00
  ])('%s is %s', (iso, slot) => {
    expect(availabilitySlotOf(new Date(iso))).toBe(slot)
  })
})
