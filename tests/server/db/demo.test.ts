import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

describe('seedDemo', () => {
  it('seeds an empty database once, and every demo account signs in with its role and scope', async () => {
    expect(await seedDemo(t.database.db, t.clock)).toBe(true)
    expect(await seedDemo(t.database.db, t.clock)).toBe(false)
    const expectedScope: Record<string, string | null> = {
      self: null,
      'unit:hospital': '鼓楼区人民医院',
      'grid:sunshine-1': '第一网格（阳光花园）',
      'community:sunshine': '阳光社区',
      'community:peace': '和平社区',
      street: '华林街道',
      district: '鼓楼区',
    }
    for (const account of DEMO_ACCOUNTS) {
      const res = await t.gql<LoginData>(LOGIN, { phone: account.phone, password: DEMO_PASSWORD })
      expect(res.errors, account.phone).toBeUndefined()
      const { me } = res.data!.login
      expect(me.user.realName).toBe(account.realName)
      expect(me.roles).toContainEqual(
        expect.objectContaining({ role: account.role, scopeName: expectedScope[account.scope] }),
      )
    }
  })
})
