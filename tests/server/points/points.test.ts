/**
 * Points through GraphQL on PGlite and PostgreSQL, with the test clock (the walk-through):
 * approved hours earn hours × the category's coefficient; a correction takes back what the wallet
 * holds and records the rest as owed, which the next earning settles first; a redemption holds
 * points and stock, 核销 fulfils it, a cancellation and an uncollected expiry each give both back;
 * an adjustment needs a reason; expiry takes the oldest batch first.
 */
import { DEFAULT_CATEGORIES } from '@linli/shared'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { CORRECT, buildHoursWorld, decodeQr, type HoursWorld } from '../hours/world.ts'

let t: TestApp
let w: HoursWorld

const BEFORE = '2026-11-01T02:00:00.000Z'

const WALLETS = `{ myPointsWallets { communityId communityName balance owed reserved expiringPoints expiringAt } }`
const STATEMENT = `query($c: ID!, $first: Int, $after: String) { myPointsStatement(communityId: $c, first: $first, after: $after) {
  wallet { balance owed reserved } lines { id kind amount owedChange balanceAfter owedAfter subject reason batchExpiresAt expiresAt createdAt }
  pageInfo { endCursor hasNextPage } } }`
const CREATE_REWARD = `mutation($c: ID!, $i: RewardInput!) { createReward(communityId: $c, input: $i) { id name price stock perPersonLimit onSale } }`
const REWARD = `query($c: ID!, $id: ID!) { reward(communityId: $c, id: $id) { id stock myRedemptionCount } }`
const REDEEM = `mutation($c: ID!, $r: ID!, $k: String) { redeemReward(communityId: $c, rewardId: $r, idempotencyKey: $k) {
  id state code qrPng price rewardName pickUpBy volunteer { id phone } } }`
const CANCEL = `mutation($c: ID!, $id: ID!, $r: String) { cancelRedemption(communityId: $c, id: $id, reason: $r) { id state cancelReason code } }`
const BY_CODE = `query($c: ID!, $k: String!) { redemptionByCode(communityId: $c, code: $k) { id state rewardName code volunteer { realName phone } } }`
const FULFIL = `mutation($c: ID!, $k: String!) { fulfilRedemption(communityId: $c, code: $k) { id state fulfilledAt code } }`
const ADJUST = `mutation($c: ID!, $i: PointsAdjustmentInput!) { adjustPoints(communityId: $c, input: $i) { volunteerId balance owed phone } }`
const MY_REDEMPTIONS = `{ myRedemptions { id state cancelReason } }`
const REPORT = `query($c: ID!, $f: String!, $to: String!) { pointsReport(communityId: $c, from: $f, to: $to) {
  months { month issued reversed deducted redeemed refunded expired outstanding owed fulfilledCount }
  total { month issued reversed deducted redeemed refunded expired outstanding owed fulfilledCount } xlsxPath } }`

interface Line {
  kind: string
  amount: number
  owedChange: number
  balanceAfter: number
  owedAfter: number
  subject: string | null
  reason: string | null
}

beforeAll(async () => {
  t = await buildTestApp({ config: { accessTokenTtlSeconds: 800 * 86_400, refreshTokenTtlDays: 800 } })
  w = await buildHoursWorld(t)
})
afterAll(() => t?.close())
beforeEach(() => t.clock.set(BEFORE))

let day = 0
/** One volunteer served a whole 3-hour activity (checked in at the start, out at the end): the pending record. */
async function served(volunteer: number): Promise<string> {
  day++
  t.clock.set(BEFORE)
  const startsAt = Date.parse('2026-11-10T01:00:00.000Z') + day * 86_400_000
  const a = await w.activity({
    leaderId: w.leader.id,
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + 3 * 3_600_000).toISOString(),
  })
  const v = await w.volunteer(volunteer)
  expect((await w.signUp(v, a.id)).errors).toBeUndefined()
  t.clock.set(new Date(startsAt))
  expect((await w.checkIn(v, a.id, (await w.code(a.id)).digits)).errors).toBeUndefined()
  t.clock.set(new Date(startsAt + 3 * 3_600_000))
  const out = await w.checkOut(v, a.id, (await w.code(a.id)).digits)
  expect(out.data!.checkOut.minutes).toBe(180)
  return out.data!.checkOut.id
}

async function wallet(volunteer: number) {
  const res = await w.gqlAs<{
    myPointsWallets: { communityId: string; balance: number; owed: number; reserved: number }[]
  }>(await w.volunteer(volunteer), WALLETS)
  expect(res.errors).toBeUndefined()
  return res.data!.myPointsWallets.find((x) => x.communityId === w.c) ?? { balance: 0, owed: 0, reserved: 0 }
}

async function lines(volunteer: number): Promise<Line[]> {
  const res = await w.gqlAs<{ myPointsStatement: { lines: Line[] } }>(await w.volunteer(volunteer), STATEMENT, {
    c: w.c,
    first: 100,
  })
  expect(res.errors).toBeUndefined()
  return res.data!.myPointsStatement.lines
}

async function reward(input: Record<string, unknown>) {
  const res = await w.staff<{ createReward: { id: string; stock: number } }>(CREATE_REWARD, {
    c: w.c,
    i: { description: '', ...input },
  })
  expect(res.errors).toBeUndefined()
  return res.data!.createReward
}

const stockOf = async (id: string) =>
  (await w.staff<{ reward: { stock: number } }>(REWARD, { c: w.c, id })).data!.reward.stock

const redeem = async (volunteer: number, rewardId: string, key?: string) =>
  w.gqlAs<{ redeemReward: { id: string; state: string; code: string; qrPng: string; price: number } }>(
    await w.volunteer(volunteer),
    REDEEM,
    { c: w.c, r: rewardId, k: key },
  )

describe('earning, reversal and what is owed', () => {
  it('3 h at coefficient 2 earn 6; voided after 4 were spent, 2 are taken back and 4 owed; the next earning settles the 4 first', async () => {
    await w.setSetting(
      'categories',
      DEFAULT_CATEGORIES.map((c) => ({ ...c, coefficient: 2 })),
    )
    const first = await served(0)
    const approved = await w.approve([first])
    expect(approved.errors).toBeUndefined()
    expect(await wallet(0)).toMatchObject({ balance: 6, owed: 0 })
    expect((await lines(0))[0]).toMatchObject({ kind: 'earn', amount: 6, balanceAfter: 6, subject: expect.any(String) })

    // Approving again (a retry) earns nothing more.
    expect((await w.approve([first])).errors).toBeUndefined()
    expect(await wallet(0)).toMatchObject({ balance: 6 })

    // 4 of them go on a reward.
    const soap = await reward({ name: '洗衣液', price: 4, stock: 5 })
    const spent = await redeem(0, soap.id, 'spend-4-points')
    expect(spent.errors).toBeUndefined()
    expect(await wallet(0)).toMatchObject({ balance: 2, reserved: 4 })

    // The hours were wrong: corrected to nothing.
    const corrected = await w.staff(CORRECT, { c: w.c, id: first, i: { minutes: 0, reason: '签到记录有误' } })
    expect(corrected.errors).toBeUndefined()
    expect(await wallet(0)).toMatchObject({ balance: 0, owed: 4 })
    expect((await lines(0))[0]).toMatchObject({
      kind: 'reverse',
      amount: -2,
      owedChange: 4,
      balanceAfter: 0,
      owedAfter: 4,
      reason: '签到记录有误',
    })

    // The next 3 h earn 6: 4 settle what is owed, 2 reach the wallet.
    const second = await served(0)
    expect((await w.approve([second])).errors).toBeUndefined()
    expect(await wallet(0)).toMatchObject({ balance: 2, owed: 0 })
    const [earned] = await lines(0)
    expect(earned).toMatchObject({ kind: 'earn', amount: 2, owedChange: -4, balanceAfter: 2, owedAfter: 0 })

    // The statement's running balance adds up line by line, oldest first.
    const history = (await lines(0)).reverse()
    let balance = 0
    let owed = 0
    for (const l of history) {
      balance += l.amount
      owed += l.owedChange
      expect([l.balanceAfter, l.owedAfter]).toEqual([balance, owed])
    }
    expect(history.map((l) => l.kind)).toEqual(['earn', 'redeem', 'reverse', 'earn'])
  })

  it('back-filled hours count for hours but earn no points', async () => {
    const before = await wallet(1)
    const a = await w.activity({ leaderId: w.leader.id })
    const v = await w.volunteer(1)
    t.clock.set('2026-11-20T02:00:00.000Z')
    const res = await w.staff<{ backFillHours: { id: string; pointsEligible: boolean } }>(
      `mutation($c: ID!, $i: BackFillInput!) { backFillHours(communityId: $c, input: $i) { id pointsEligible } }`,
      { c: w.c, i: { activityId: a.id, volunteerId: v.id, minutes: 60, reason: '纸质签到表补录' } },
    )
    expect(res.errors).toBeUndefined()
    expect(res.data!.backFillHours.pointsEligible).toBe(false)
    expect((await w.approve([res.data!.backFillHours.id])).errors).toBeUndefined()
    expect(await wallet(1)).toMatchObject({ balance: before.balance })
  })
})

describe('the bonus for a project rated 5', () => {
  it('posts the community’s bonus once per project and person, settling what is owed first', async () => {
    await w.setSetting('ratingBonusPoints', 8)
    const a = await w.volunteer(5)
    const b = await w.volunteer(6)
    const bonus = () =>
      t.app.db.transaction((tx) =>
        t.app.pointsService.postBonus(tx, {
          communityId: w.c,
          projectId: w.project.id,
          volunteerIds: [a.id, b.id],
          actorId: null,
        }),
      )
    expect(await bonus()).toBe(2)
    expect(await bonus()).toBe(0)
    expect(await wallet(5)).toMatchObject({ balance: 8 })
    expect(await wallet(6)).toMatchObject({ balance: 8 })
    expect((await lines(5))[0]).toMatchObject({ kind: 'bonus', amount: 8, subject: w.project.title })
    await w.setSetting('ratingBonusPoints', 0)
  })
})

describe('the points store', () => {
  it('a redemption holds points and stock and shows a code; 核销 fulfils it; a cancellation and an uncollected expiry each give both back', async () => {
    const give = await w.staff(ADJUST, {
      c: w.c,
      i: { volunteerId: (await w.volunteer(2)).id, amount: 30, reason: '社区表彰' },
    })
    expect(give.errors).toBeUndefined()
    const rice = await reward({ name: '大米 5kg', price: 10, stock: 3, perPersonLimit: 2 })

    // Reserve: 10 points and one bag held; the code is 8 digits and the QR holds the same.
    const first = await redeem(2, rice.id, 'rice-first-try')
    expect(first.errors).toBeUndefined()
    const r1 = first.data!.redeemReward
    expect(r1).toMatchObject({ state: 'reserved', price: 10 })
    expect(r1.code).toMatch(/^\d{8}$/)
    expect(await decodeQr(r1.qrPng)).toBe(r1.code)
    expect(await wallet(2)).toMatchObject({ balance: 20, reserved: 10 })
    expect(await stockOf(rice.id)).toBe(2)

    // A retry with the same key answers the same redemption and holds nothing more.
    const again = await redeem(2, rice.id, 'rice-first-try')
    expect(again.data!.redeemReward.id).toBe(r1.id)
    expect(await wallet(2)).toMatchObject({ balance: 20 })
    expect(await stockOf(rice.id)).toBe(2)

    // Staff look the code up (the person's phone masked), then fulfil it; a typed space is fine.
    const looked = await w.staff<{
      redemptionByCode: { id: string; code: string | null; volunteer: { phone: string } }
    }>(BY_CODE, { c: w.c, k: `${r1.code.slice(0, 4)} ${r1.code.slice(4)}` })
    expect(looked.data!.redemptionByCode).toMatchObject({ id: r1.id, code: null })
    expect(looked.data!.redemptionByCode.volunteer.phone).toMatch(/^\d{3}\*{4}\d{4}$/)
    const fulfilled = await w.staff<{ fulfilRedemption: { id: string; state: string } }>(FULFIL, { c: w.c, k: r1.code })
    expect(fulfilled.data!.fulfilRedemption).toMatchObject({ id: r1.id, state: 'fulfilled' })
    expect(await wallet(2)).toMatchObject({ balance: 20, reserved: 0 })
    // A code that is not a reserved redemption's is refused.
    const wrong = await w.staff(FULFIL, { c: w.c, k: r1.code === '00000000' ? '00000001' : '00000000' })
    expect(wrong.code).toBe('REDEMPTION_CODE_INVALID')

    // The volunteer cancels the next one: points and stock come back.
    const second = (await redeem(2, rice.id, 'rice-second')).data!.redeemReward
    expect(await wallet(2)).toMatchObject({ balance: 10, reserved: 10 })
    expect(await stockOf(rice.id)).toBe(1)
    const cancelled = await w.gqlAs<{ cancelRedemption: { state: string; cancelReason: string } }>(
      await w.volunteer(2),
      CANCEL,
      { c: w.c, id: second.id },
    )
    expect(cancelled.data!.cancelRedemption).toMatchObject({ state: 'cancelled', cancelReason: 'volunteer' })
    expect(await wallet(2)).toMatchObject({ balance: 20, reserved: 0 })
    expect(await stockOf(rice.id)).toBe(2)
    // A collected one cannot be cancelled.
    expect((await w.gqlAs(await w.volunteer(2), CANCEL, { c: w.c, id: r1.id })).code).toBe('INVALID_TRANSITION')

    // The third is never collected: after the pick-up time (72 h by default) the job gives both back.
    const third = (await redeem(2, rice.id, 'rice-third')).data!.redeemReward
    expect(await wallet(2)).toMatchObject({ balance: 10 })
    t.clock.set(new Date(Date.parse(BEFORE) + 71 * 3_600_000))
    await t.app.jobs.runDue(50)
    expect(await wallet(2)).toMatchObject({ balance: 10, reserved: 10 })
    t.clock.set(new Date(Date.parse(BEFORE) + 72 * 3_600_000 + 1000))
    await t.app.jobs.runDue(50)
    expect(await wallet(2)).toMatchObject({ balance: 20, reserved: 0 })
    expect(await stockOf(rice.id)).toBe(2)
    const mine = (
      await w.gqlAs<{ myRedemptions: { id: string; state: string; cancelReason: string | null }[] }>(
        await w.volunteer(2),
        MY_REDEMPTIONS,
      )
    ).data!.myRedemptions
    expect(mine.find((r) => r.id === third.id)).toMatchObject({ state: 'cancelled', cancelReason: 'expired' })

    // The per-person limit (2) counts the fulfilled one and one more; a third is refused.
    expect((await redeem(2, rice.id, 'rice-fourth')).errors).toBeUndefined()
    expect((await redeem(2, rice.id, 'rice-fifth')).code).toBe('REDEMPTION_LIMIT_REACHED')

    // Not enough points, and no stock left.
    const bike = await reward({ name: '自行车', price: 1000, stock: 1 })
    expect((await redeem(2, bike.id)).code).toBe('INSUFFICIENT_POINTS')
    const gone = await reward({ name: '电影票', price: 1, stock: 0 })
    expect((await redeem(2, gone.id)).code).toBe('OUT_OF_STOCK')

    // The statement holds each step: the adjustment, redeem/refund pairs.
    const kinds = (await lines(2)).map((l) => l.kind).reverse()
    expect(kinds).toEqual(['adjust', 'redeem', 'redeem', 'refund', 'redeem', 'refund', 'redeem'])
  })
})

describe('adjustments', () => {
  it('need a reason; never take a wallet below zero; the person is told', async () => {
    const v = await w.volunteer(3)
    const none = await w.staff(ADJUST, { c: w.c, i: { volunteerId: v.id, amount: 5, reason: ' ' } })
    expect(none.code).toBe('BAD_USER_INPUT')
    expect(JSON.stringify(none.errors)).toContain('REASON_REQUIRED')
    expect(await wallet(3)).toMatchObject({ balance: 0 })
    const give = await w.staff<{ adjustPoints: { balance: number; phone: string } }>(ADJUST, {
      c: w.c,
      i: { volunteerId: v.id, amount: 5, reason: '活动表现突出' },
    })
    expect(give.data!.adjustPoints).toMatchObject({ balance: 5 })
    expect(give.data!.adjustPoints.phone).toMatch(/\*{4}/)
    const take = await w.staff(ADJUST, { c: w.c, i: { volunteerId: v.id, amount: -6, reason: '误发' } })
    expect(take.code).toBe('INSUFFICIENT_POINTS')
    expect(
      (await w.staff(ADJUST, { c: w.c, i: { volunteerId: v.id, amount: -5, reason: '误发更正' } })).errors,
    ).toBeUndefined()
    expect(await wallet(3)).toMatchObject({ balance: 0 })
    // Staff find someone without points yet by their whole phone number (and only so).
    const fresh = await w.volunteer(7)
    const HOLDERS = `query($c: ID!, $s: String) { pointsHolders(communityId: $c, search: $s) { nodes { volunteerId balance phone } } }`
    const found = await w.staff<{ pointsHolders: { nodes: { volunteerId: string; balance: number }[] } }>(HOLDERS, {
      c: w.c,
      s: fresh.phone,
    })
    expect(found.data!.pointsHolders.nodes).toEqual([expect.objectContaining({ volunteerId: fresh.id, balance: 0 })])
    const partial = await w.staff<{ pointsHolders: { nodes: unknown[] } }>(HOLDERS, {
      c: w.c,
      s: fresh.phone.slice(0, 9),
    })
    expect(partial.data!.pointsHolders.nodes).toEqual([])
    // A volunteer cannot adjust.
    expect((await w.gqlAs(v, ADJUST, { c: w.c, i: { volunteerId: v.id, amount: 5, reason: '自己加分' } })).code).toBe(
      'NOT_FOUND',
    )
  })
})

describe('expiry', () => {
  it('points earned in a year lapse at the end of the next; the oldest batch goes first, what was spent came from it', async () => {
    await w.setSetting('pointsExpiryRule', 'end_of_following_year')
    const v = await w.volunteer(4)
    // 10 in 2026, 5 in 2027; 4 spent in 2027 (taken from the 2026 batch).
    t.clock.set('2026-11-15T02:00:00.000Z')
    await w.staff(ADJUST, { c: w.c, i: { volunteerId: v.id, amount: 10, reason: '2026 年服务' } })
    t.clock.set('2027-03-01T02:00:00.000Z')
    await w.staff(ADJUST, { c: w.c, i: { volunteerId: v.id, amount: 5, reason: '2027 年服务' } })
    const pen = await reward({ name: '笔记本', price: 4, stock: 10 })
    const bought = (await redeem(4, pen.id)).data!.redeemReward
    expect((await w.staff(FULFIL, { c: w.c, k: bought.code })).errors).toBeUndefined()
    const before = await w.gqlAs<{
      myPointsWallets: { communityId: string; expiringPoints: number; expiringAt: string }[]
    }>(v, WALLETS)
    expect(before.data!.myPointsWallets.find((x) => x.communityId === w.c)).toMatchObject({
      expiringPoints: 6,
      expiringAt: '2027-12-31T16:00:00.000Z',
    })

    // The last minute of 2027 in Shanghai: nothing lapses yet.
    t.clock.set('2027-12-31T15:59:00.000Z')
    await t.app.jobs.runDue(50)
    expect(await wallet(4)).toMatchObject({ balance: 11 })
    // 2028 begins in Shanghai: the 6 left of 2026's batch lapse; 2027's 5 stay.
    t.clock.set('2027-12-31T16:00:01.000Z')
    await t.app.jobs.runDue(50)
    expect(await wallet(4)).toMatchObject({ balance: 5 })
    const [lapsed] = await lines(4)
    expect(lapsed).toMatchObject({ kind: 'expire', amount: -6, balanceAfter: 5 })
    // Running it again takes nothing more.
    await t.app.pointsService.expireBatch(w.c, new Date('2027-12-31T16:00:00.000Z'))
    expect(await wallet(4)).toMatchObject({ balance: 5 })
    await w.setSetting('pointsExpiryRule', 'never')
  })
})

describe('the report', () => {
  it('sums issued, reversed, redeemed, refunded and expired per month; outstanding is what wallets hold', async () => {
    const res = await w.staff<{
      pointsReport: {
        months: { month: string; issued: number; outstanding: number }[]
        total: Record<
          | 'issued'
          | 'reversed'
          | 'deducted'
          | 'redeemed'
          | 'refunded'
          | 'expired'
          | 'outstanding'
          | 'owed'
          | 'fulfilledCount',
          number
        >
        xlsxPath: string
      }
    }>(REPORT, { c: w.c, f: '2026-10', to: '2028-01' })
    expect(res.errors).toBeUndefined()
    const report = res.data!.pointsReport
    expect(report.months).toHaveLength(16)
    expect(report.months[0]!.month).toBe('2026-10')
    expect(report.months.at(-1)!.month).toBe('2028-01')
    const { total } = report
    // Issued − reversed − redeemed + refunded − expired (± adjustments) is what wallets hold, less what is owed.
    const balances = await t.database.db.execute(
      (await import('@linli/server/db')).sql`select coalesce(sum(balance), 0)::int as b from ledger_accounts
        where community_id = ${w.c} and kind = 'wallet'`,
    )
    expect(total.outstanding).toBe(Number(balances.rows[0]!.b))
    expect(total.issued - total.reversed - total.redeemed + total.refunded - total.expired - total.deducted).toBe(
      total.outstanding - total.owed,
    )
    expect(total.fulfilledCount).toBeGreaterThanOrEqual(2)
    // Street admins may not read another community's — a volunteer may not read it at all.
    expect((await w.gqlAs(await w.volunteer(0), REPORT, { c: w.c, f: '2026-10', to: '2026-12' })).code).toBe(
      'NOT_FOUND',
    )
  })

  it('downloads as .xlsx holding exactly the rows and columns of the report; other communities’ staff and the signed-out get nothing', async () => {
    const res = await w.staff<{
      pointsReport: { months: Record<string, string | number>[]; total: Record<string, number>; xlsxPath: string }
    }>(REPORT, { c: w.c, f: '2026-10', to: '2027-03' })
    const report = res.data!.pointsReport
    const download = await t.app.inject({
      method: 'GET',
      url: report.xlsxPath,
      headers: { authorization: `Bearer ${w.tokens.staff}` },
    })
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-type']).toContain('spreadsheetml')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(download.rawPayload as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]!
    const rows = sheet.getSheetValues().slice(1) as unknown as (string | number)[][]
    expect(rows[0]!.slice(1)).toEqual([
      '月份',
      '发放',
      '冲减',
      '扣减',
      '兑换',
      '退回',
      '过期',
      '月末余额',
      '月末待抵扣',
      '核销笔数',
    ])
    const keys = [
      'month',
      'issued',
      'reversed',
      'deducted',
      'redeemed',
      'refunded',
      'expired',
      'outstanding',
      'owed',
      'fulfilledCount',
    ]
    expect(rows.slice(1, -1).map((r) => r.slice(1))).toEqual(report.months.map((m) => keys.map((k) => m[k])))
    expect(rows.at(-1)!.slice(1)).toEqual(['合计', ...keys.slice(1).map((k) => report.total[k])])

    const elsewhere = await t.app.inject({
      method: 'GET',
      url: report.xlsxPath,
      headers: { authorization: `Bearer ${w.tokens.otherStaff}` },
    })
    expect(elsewhere.statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: report.xlsxPath })).statusCode).toBe(401)
  })
})
