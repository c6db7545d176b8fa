/**
 * Where services read time from. Never call `Date.now()` or `new Date()` for domain time
 * elsewhere: tests set and advance a `TestClock` instead of sleeping.
 */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that only moves when told to. Several app instances in a test may share one. */
export class TestClock implements Clock {
  private current: number

  constructor(start: Date | string = '2026-11-01T02:00:00.000Z') {
    this.current = new Date(start).getTime()
  }

  now(): Date {
    return new Date(this.current)
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime()
  }

  advance(ms: number): void {
    this.current += ms
  }

  advanceSeconds(s: number): void {
    this.advance(s * 1000)
  }

  advanceMinutes(m: number): void {
    this.advance(m * 60_000)
  }
}
