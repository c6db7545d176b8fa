import { ConfigError, loadConfig } from '@linli/server/config'
import { describe, expect, it } from 'vitest'

describe('loadConfig', () => {
  it('defaults to port 3000 on the embedded database', () => {
    const c = loadConfig({})
    expect(c.port).toBe(3000)
    expect(c.databaseUrl).toBeUndefined()
    expect(c.dataDir).toMatch(/\.data$/)
  })

  it('chooses PostgreSQL from DATABASE_URL alone, whatever NODE_ENV says', () => {
    const c = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/linli' })
    expect(c.databaseUrl).toBe('postgres://u:p@127.0.0.1:5432/linli')
  })

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'not a url', JWT_SECRET: 'short' })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError)
      const problems = (e as ConfigError).problems.join('\n')
      expect(problems).toContain('PORT')
      expect(problems).toContain('DATABASE_URL')
      expect(problems).toContain('JWT_SECRET')
    }
  })
})
