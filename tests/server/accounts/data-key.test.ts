/** The data key: LINLI_DATA_KEY when set, else one kept in the database, with a warning in production. */
import { randomBytes } from 'node:crypto'
import { buildApp } from '@linli/server/app'
import { TestClock } from '@linli/server/clock'
import { createSealer } from '@linli/server/crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testConfig } from '../../support/app.ts'
import { openTestDatabase, type TestDatabase } from '../../support/db.ts'

let database: TestDatabase
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(() => database.dispose())

function logInto(lines: string[]) {
  return { write: (msg: string) => void lines.push(msg) }
}

describe('data key', () => {
  it('uses LINLI_DATA_KEY when it is set, and says nothing', async () => {
    const key = randomBytes(32)
    const lines: string[] = []
    const config = testConfig({ env: 'production', logLevel: 'info', dataKey: key.toString('base64') })
    const app = await buildApp({ config, clock: new TestClock(), database, logStream: logInto(lines) })
    try {
      expect(createSealer(key).open(app.sealer.seal('和谐路8号'))).toBe('和谐路8号')
      expect(lines.join('')).not.toContain('LINLI_DATA_KEY')
    } finally {
      await app.close()
    }
  })

  it('keeps one generated key in the database for every instance, and warns in production', async () => {
    const lines: string[] = []
    const clock = new TestClock()
    const config = testConfig({ env: 'production', logLevel: 'info', dataKey: undefined })
    const first = await buildApp({ config, clock, database, logStream: logInto(lines) })
    const second = await buildApp({ config: { ...config, env: 'development' }, clock, database, logger: false })
    try {
      expect(second.sealer.open(first.sealer.seal('和谐路8号'))).toBe('和谐路8号')
      const warning = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => l.level === 40)
      expect(warning?.msg).toContain('LINLI_DATA_KEY')
    } finally {
      await first.close()
      await second.close()
    }
  })
})
