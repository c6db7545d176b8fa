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

  it('gives 阳光社区 settings of its own on top of the street’s defaults', async () => {
    const login = await t.gql<LoginData>(LOGIN, { phone: '13900000005', password: DEMO_PASSWORD })
    const token = login.data!.login.accessToken
    const places = await t.gql<{ administeredPlaces: { id: string; kind: string }[] }>(
      '{ administeredPlaces { id kind } }',
      {},
      { token },
    )
    const community = places.data!.administeredPlaces.find((p) => p.kind === 'community')!
    const res = await t.gql<{ communitySettings: { key: string; value: unknown; source: string }[] }>(
      'query($c: ID!) { communitySettings(communityId: $c) { key value source } }',
      { c: community.id },
      { token },
    )
    const byKey = new Map(res.data!.communitySettings.map((e) => [e.key, e]))
    expect(byKey.get('claimApprovalRequired')).toMatchObject({ value: true, source: 'community' })
    expect(byKey.get('ratingWindowDays')).toMatchObject({ value: 10, source: 'street' })
    expect((byKey.get('categories')!.value as { name: string }[]).map((c) => c.name)).toContain('助老服务')
  })
})

describe('demo notifications', () => {
  it('give the hospital’s admin an unread join request and 阳光社区’s staff a unit’s answer', async () => {
    const list = async (phone: string) => {
      const login = await t.gql<LoginData>(LOGIN, { phone, password: DEMO_PASSWORD })
      const res = await t.gql<{
        myNotifications: { nodes: { kind: string; read: boolean; smsStatus: string }[]; unreadCount: number }
      }>(
        `{ myNotifications { nodes { kind read smsStatus } unreadCount } }`,
        {},
        {
          token: login.data!.login.accessToken,
        },
      )
      return res.data!.myNotifications
    }
    expect(await list('13900000003')).toEqual({
      nodes: [
        { kind: 'unit.join_requested', read: false, smsStatus: 'none' },
        { kind: 'role.granted', read: true, smsStatus: 'none' },
      ],
      unreadCount: 1,
    })
    expect((await list('13900000005')).nodes.map((n) => n.kind)).toEqual(['alliance.answered', 'role.granted'])
    // 郑秋菊 has no smartphone: hers went out by SMS.
    expect((await list('13900001006')).nodes).toEqual([
      { kind: 'account.password_reset', read: false, smsStatus: 'sent' },
    ])
  })
})
