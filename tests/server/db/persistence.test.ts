import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '@linli/server/app'
import { TestClock } from '@linli/server/clock'
import { PRIVACY_NOTICE_VERSION } from '@linli/shared'
import { describe, expect, it } from 'vitest'
import { injectGql, testConfig } from '../../support/app.ts'
import { onPostgres } from '../../support/env.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'
import { SmsOutbox } from '../../support/sms.ts'

// The embedded database's own promise; the PostgreSQL pass covers the server's persistence.
describe.skipIf(onPostgres)('embedded PGlite data directory', () => {
  it('keeps data across a restart, migrating only once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linli-persist-'))
    const clock = new TestClock()
    try {
      const config = testConfig({ dataDir, databaseUrl: undefined, logLevel: 'info' })
      const sms = new SmsOutbox()
      const first = await buildApp({ config, clock, logStream: sms })
      const sent = await injectGql(
        first,
        `mutation { requestSmsCode(phone: "13612345678", purpose: REGISTER) { expiresInSeconds } }`,
      )
      expect(sent.errors).toBeUndefined()
      const reg = await injectGql(first, `mutation($i: RegisterInput!) { register(input: $i) { accessToken } }`, {
        i: {
          phone: '13612345678',
          password: 'Persist123',
          realName: '持久',
          privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
          smsCode: sms.lastCode('13612345678'),
        },
      })
      expect(reg.errors).toBeUndefined()
      await first.close()

      const second = await buildApp({ config, clock, logger: false })
      const res = await injectGql<LoginData>(second, LOGIN, { phone: '13612345678', password: 'Persist123' })
      expect(res.errors).toBeUndefined()
      expect(res.data!.login.me.user.realName).toBe('持久')
      await second.close()
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
