/**
 * The demo's points and the person's data rights: 李志强's wallets at both communities (earned for
 * his approved hours, 刘芳's adjustment, a collected and a reserved redemption), the stores with
 * a sponsored, a limited and a sold-out reward; his export holds wallets, postings and
 * redemptions; deleting the account gives his reserved reward back to the store and keeps the
 * ledger (append-only) balanced.
 */
import { DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import { sql } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'

let t: TestApp
const tokenOf = async (phone: string) =>
  (await t.gql<LoginData>(LOGIN, { phone, password: DEMO_PASSWORD })).data!.login.accessToken

interface Wallet {
  communityName: string
  communityId: string
  balance: number
  owed: number
  reserved: number
}

beforeAll(async () => {
  t = await buildTestApp()
  await seedDemo(t.database.db, t.clock)
})
afterAll(() => t?.close())

const wallets = async (token: string) =>
  (
    await t.gql<{ myPointsWallets: Wallet[] }>(
      `{ myPointsWallets { communityId communityName balance owed reserved } }`,
      {},
      { token },
    )
  ).data!.myPointsWallets

describe('demo points', () => {
  it('李志强 earned at both communities, was given 20 by 刘芳, collected oil and holds a reserved cup at 和平社区', async () => {
    const token = await tokenOf('13900000002')
    const mine = await wallets(token)
    const peace = mine.find((w) => w.communityName === '和平社区')!
    const sunshine = mine.find((w) => w.communityName === '阳光社区')!
    // 102 h of 助餐 at coefficient 1 → 102; oil 20 and a cup 40 spent.
    expect(peace).toMatchObject({ balance: 102 - 20 - 40, owed: 0, reserved: 40 })
    // 3 h at 阳光社区 and 20 from 刘芳.
    expect(sunshine.balance).toBeGreaterThanOrEqual(23)
    const statement = await t.gql<{
      myPointsStatement: { lines: { kind: string; subject: string | null; reason: string | null }[] }
    }>(
      `query($c: ID!) { myPointsStatement(communityId: $c, first: 100) { lines { kind subject reason } } }`,
      { c: sunshine.communityId },
      { token },
    )
    expect(statement.data!.myPointsStatement.lines.map((l) => l.kind)).toEqual(['adjust', 'earn'])
    expect(statement.data!.myPointsStatement.lines[0]!.reason).toContain('重阳节')

    const codes = await t.gql<{ myRedemptions: { state: string; code: string | null; rewardName: string }[] }>(
      `{ myRedemptions { state code rewardName } }`,
      {},
      { token },
    )
    expect(codes.data!.myRedemptions.map((r) => [r.rewardName, r.state])).toEqual([
      ['保温杯', 'reserved'],
      ['食用油 5L', 'fulfilled'],
    ])
    expect(codes.data!.myRedemptions[0]!.code).toMatch(/^\d{8}$/)

    const store = await t.gql<{
      rewards: { name: string; stock: number; perPersonLimit: number | null; sponsor: { name: string } | null }[]
    }>(
      `query($c: ID!) { rewards(communityId: $c) { name stock perPersonLimit sponsor { name } } }`,
      { c: sunshine.communityId },
      { token },
    )
    const rewards = store.data!.rewards
    expect(rewards.length).toBeGreaterThanOrEqual(4)
    expect(rewards.some((r) => r.stock === 0)).toBe(true)
    expect(rewards.some((r) => r.perPersonLimit !== null)).toBe(true)
    expect(rewards.find((r) => r.sponsor)?.sponsor?.name).toBe('鼓楼区人民医院')
  })

  it('刘芳 sees 阳光社区’s holders (phones masked) and a report that balances', async () => {
    const token = await tokenOf('13900000005')
    const me = await t.gql<{ me: { roles: { role: string; scopeId: string }[] } }>(
      `{ me { roles { role scopeId } } }`,
      {},
      { token },
    )
    const c = me.data!.me.roles.find((r) => r.role === 'community_staff')!.scopeId
    const holders = await t.gql<{ pointsHolders: { nodes: { realName: string; phone: string; balance: number }[] } }>(
      `query($c: ID!) { pointsHolders(communityId: $c) { nodes { realName phone balance } } }`,
      { c },
      { token },
    )
    expect(holders.errors).toBeUndefined()
    const li = holders.data!.pointsHolders.nodes.find((h) => h.realName === '李志强')!
    expect(li.phone).toBe('139****0002')
    expect(li.balance).toBeGreaterThanOrEqual(23)
  })
})

describe('points in my data', () => {
  it('the export holds wallets, postings and redemptions; deletion returns the reserved reward and the ledger still balances', async () => {
    const token = await tokenOf('13900000002')
    const res = await t.gql<{
      myData: {
        pointsWallets: Wallet[]
        pointsPostings: { kind: string; amount: number }[]
        redemptions: { state: string }[]
      }
    }>(`{ myData }`, {}, { token })
    expect(res.errors).toBeUndefined()
    const data = res.data!.myData
    expect(data.pointsWallets.map((w) => w.communityName).sort()).toEqual(['和平社区', '阳光社区'])
    expect(data.pointsPostings.filter((p) => p.kind === 'earn').length).toBeGreaterThanOrEqual(35)
    expect(data.redemptions.map((r) => r.state).sort()).toEqual(['fulfilled', 'reserved'])

    const cupBefore = await t.database.db.execute(sql`select stock from rewards where name = '保温杯'`)
    const deleted = await t.gql(
      `mutation($p: String) { deleteMyAccount(password: $p) }`,
      { p: DEMO_PASSWORD },
      { token },
    )
    expect(deleted.errors).toBeUndefined()
    const cupAfter = await t.database.db.execute(sql`select stock from rewards where name = '保温杯'`)
    expect(Number(cupAfter.rows[0]!.stock)).toBe(Number(cupBefore.rows[0]!.stock) + 1)
    const states = await t.database.db.execute(sql`select r.state, r.cancel_reason from redemptions r
      join users u on u.id = r.volunteer_id where u.real_name <> '李志强' and r.price = 40`)
    expect(states.rows).toEqual([{ state: 'cancelled', cancel_reason: 'volunteer' }])
    const sums = await t.database.db.execute(sql`select coalesce(sum(amount), 0)::int as total from ledger_entries`)
    expect(Number(sums.rows[0]!.total)).toBe(0)
  })
})
