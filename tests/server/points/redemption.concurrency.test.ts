/**
 * Redemption under real concurrency on PostgreSQL (PGlite is one connection: races cannot show
 * there), clients released together behind one barrier onto a warmed pool of 120 connections:
 * - 100 volunteers who can all afford it redeem a reward with 10 in stock at once: exactly 10
 *   reserved, 90 OUT_OF_STOCK, stock 0, the store holds 10 prices, the 10 wallets paid once;
 * - one volunteer fires 20 redemptions at once with a balance for 3: exactly 3, 17
 *   INSUFFICIENT_POINTS, wallet 0; the same 20 with one idempotency key make one redemption
 *   and every answer names it;
 * - a naive redeem (plain SELECTs, then write back what was read minus one) under the same
 *   harness oversells the stock and overspends the balance, so the race is real;
 * - 50 concurrent 核销 of one code fulfil it once; cancel (by the volunteer and by staff) racing
 *   核销 on the same redemption: one of them wins, points and stock follow the winner.
 */
import { type FastifyInstance } from '@linli/server/app'
import { sql } from '@linli/server/db'
import { DomainError } from '@linli/shared'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { createPlaces, createUser } from '../../support/factories.ts'
import { race, warmPool } from '../../support/race.ts'

type Viewer = Parameters<FastifyInstance['storeService']['redeem']>[0]

const VOLUNTEERS = 100
const CLIENTS = 110

describeOnPostgres('redeem, cancel and 核销 under concurrency on PostgreSQL', () => {
  let t: TestApp
  let c: string
  let staff: Viewer
  let otherStaff: Viewer
  const volunteers: Viewer[] = []

  const codeOf = (err: unknown) => (err instanceof DomainError ? err.code : `UNEXPECTED ${(err as Error).message}`)
  const count = (codes: string[], code: string) => codes.filter((x) => x === code).length

  /** Release the tasks together behind one barrier onto the warmed pool: each one's value or code. */
  async function together<T>(tasks: (() => Promise<T>)[]) {
    await warmPool(t.database.pool!, CLIENTS)
    const settled = await race(tasks.length, (i) => tasks[i]!())
    return settled.map((s) =>
      s.status === 'fulfilled' ? { ok: s.value, code: 'OK' } : { ok: null, code: codeOf(s.reason) },
    )
  }

  const volunteerViewer = (id: string): Viewer => ({
    userId: id,
    sessionId: id,
    grants: [{ id, role: 'volunteer', scopeType: 'self', scopeId: null }],
  })

  async function newVolunteer(points: number) {
    const v = volunteerViewer((await createUser(t.database.db, { roles: [{ role: 'volunteer' }] })).id)
    if (points > 0) await give(v, points)
    return v
  }
  const give = (v: Viewer, amount: number) =>
    t.app.pointsService.adjust(staff, c, { volunteerId: v.userId, amount, reason: '测试发放' })

  const reward = (input: { price: number; stock: number; perPersonLimit?: number | null }) =>
    t.app.storeService.createReward(staff, c, { name: `奖品${input.price}-${input.stock}`, ...input })

  async function one<T extends Record<string, unknown>>(query: ReturnType<typeof sql>) {
    const { rows } = await t.database.db.execute(query)
    return rows[0] as T
  }
  const balanceOf = async (v: Viewer) =>
    Number(
      (
        await one<{ b: number | null }>(sql`select balance as b from ledger_accounts
          where community_id = ${c} and owner_id = ${v.userId} and kind = 'wallet'`)
      )?.b ?? 0,
    )
  const storeBalance = async () =>
    Number(
      (
        await one<{ b: number }>(sql`select coalesce(max(balance), 0)::int as b from ledger_accounts
        where community_id = ${c} and kind = 'store'`)
      ).b,
    )
  const stockOf = async (rewardId: string) =>
    Number(
      (await one<{ s: number }>(sql`select stock as s from rewards where community_id = ${c} and id = ${rewardId}`)).s,
    )
  const redemptionsOf = async (rewardId: string) =>
    (
      await t.database.db.execute(sql`select r.id, r.volunteer_id as "volunteerId", r.state,
          (select count(*) from ledger_postings p where p.community_id = r.community_id and p.redemption_id = r.id and p.kind = 'redeem')::int as redeems,
          (select count(*) from ledger_postings p where p.community_id = r.community_id and p.redemption_id = r.id and p.kind = 'refund')::int as refunds
        from redemptions r where r.community_id = ${c} and r.reward_id = ${rewardId}`)
    ).rows as { id: string; volunteerId: string; state: string; redeems: number; refunds: number }[]

  beforeAll(async () => {
    t = await buildTestApp({ poolSize: CLIENTS + 10 })
    const { community } = await createPlaces(t.database.db)
    c = community.id
    const staffViewer = async () => {
      const u = await createUser(t.database.db, { roles: [{ role: 'community_staff', scopeId: c }] })
      return {
        userId: u.id,
        sessionId: u.id,
        grants: [{ id: u.id, role: 'community_staff' as const, scopeType: 'community' as const, scopeId: c }],
      }
    }
    staff = await staffViewer()
    otherStaff = await staffViewer()
    for (let i = 0; i < VOLUNTEERS; i += 20) {
      const made = await Promise.all(Array.from({ length: 20 }, () => newVolunteer(0)))
      volunteers.push(...made)
    }
  }, 180_000)
  afterAll(() => t?.close())

  it('100 volunteers redeem a reward with 10 in stock at once: 10 reserved, 90 OUT_OF_STOCK, stock 0, each winner paid once', async () => {
    const PRICE = 30
    for (const v of volunteers) await give(v, 50)
    const r = await reward({ price: PRICE, stock: 10 })
    const storeBefore = await storeBalance()
    const started = Date.now()
    const answers = await together(volunteers.map((v) => () => t.app.storeService.redeem(v, c, r.id)))
    const seconds = (Date.now() - started) / 1000
    const codes = answers.map((a) => a.code)
    expect({
      ok: count(codes, 'OK'),
      outOfStock: count(codes, 'OUT_OF_STOCK'),
      other: codes.length - count(codes, 'OK') - count(codes, 'OUT_OF_STOCK'),
    }).toEqual({ ok: 10, outOfStock: 90, other: 0 })
    expect(await stockOf(r.id)).toBe(0)
    expect((await storeBalance()) - storeBefore).toBe(10 * PRICE)
    const rows = await redemptionsOf(r.id)
    expect(rows).toHaveLength(10)
    expect(rows.every((x) => x.state === 'reserved' && x.redeems === 1 && x.refunds === 0)).toBe(true)
    const winners = new Set(rows.map((x) => x.volunteerId))
    expect(winners.size).toBe(10)
    expect(new Set(answers.filter((a) => a.ok).map((a) => a.ok!.volunteer.id))).toEqual(winners)
    const balances = await Promise.all(volunteers.map(balanceOf))
    volunteers.forEach((v, i) => expect(balances[i]).toBe(winners.has(v.userId) ? 50 - PRICE : 50))
    console.info(`100 concurrent redemptions of 10 in stock in ${seconds.toFixed(2)} s: ${count(codes, 'OK')} reserved`)
  }, 120_000)

  it('one volunteer fires 20 redemptions at once with a balance for exactly 3: 3 reserved, 17 INSUFFICIENT_POINTS, wallet 0', async () => {
    const PRICE = 7
    const v = await newVolunteer(3 * PRICE)
    const r = await reward({ price: PRICE, stock: 100 })
    const answers = await together(
      Array.from({ length: 20 }, (_, i) => () => t.app.storeService.redeem(v, c, r.id, `burst-${r.id}-${i}`)),
    )
    const codes = answers.map((a) => a.code)
    expect({ ok: count(codes, 'OK'), insufficient: count(codes, 'INSUFFICIENT_POINTS') }).toEqual({
      ok: 3,
      insufficient: 17,
    })
    expect(await balanceOf(v)).toBe(0)
    expect(await stockOf(r.id)).toBe(97)
    const rows = await redemptionsOf(r.id)
    expect(rows.map((x) => [x.state, x.redeems])).toEqual([
      ['reserved', 1],
      ['reserved', 1],
      ['reserved', 1],
    ])
  }, 60_000)

  it('the same 20 with one idempotency key make one redemption, and all 20 answers name it', async () => {
    const PRICE = 7
    const v = await newVolunteer(20 * PRICE)
    const r = await reward({ price: PRICE, stock: 100 })
    const key = `one-key-${r.id}`
    const answers = await together(Array.from({ length: 20 }, () => () => t.app.storeService.redeem(v, c, r.id, key)))
    expect(answers.filter((a) => a.code !== 'OK').map((a) => a.code)).toEqual([])
    const ids = new Set(answers.map((a) => a.ok!.id))
    expect(ids.size).toBe(1)
    const rows = await redemptionsOf(r.id)
    expect(rows.map((x) => x.id)).toEqual([...ids])
    expect(rows[0]!.redeems).toBe(1)
    expect(await balanceOf(v)).toBe(19 * PRICE)
    expect(await stockOf(r.id)).toBe(99)
  }, 60_000)

  it('a naive redeem (plain SELECTs, then write back what was read) oversells and overspends under the same harness', async () => {
    // What the row locks and guarded updates replace: read the stock and the balance, decide in
    // the app, write back the value read minus one / minus the price. The stock is the real
    // rewards table's; the naive wallet and its reservations are plain tables of the test's own
    // (a naive write to a real wallet would be stopped by the ledger's CHECK, hiding the race).
    await t.database.db.execute(
      sql`create table if not exists naive_wallets (volunteer_id uuid primary key, balance int not null)`,
    )
    await t.database.db.execute(
      sql`create table if not exists naive_reservations (id serial primary key, reward_id uuid not null, volunteer_id uuid not null, price int not null)`,
    )
    const naiveRedeem = (v: Viewer, rewardId: string) =>
      t.database.db.transaction(async (tx) => {
        const { rows: w } = await tx.execute(
          sql`select price, stock from rewards where community_id = ${c} and id = ${rewardId}`,
        )
        const { price, stock } = w[0] as { price: number; stock: number }
        const { rows: b } = await tx.execute(sql`select balance from naive_wallets where volunteer_id = ${v.userId}`)
        const balance = Number((b[0] as { balance: number }).balance)
        if (balance < price) throw new DomainError('INSUFFICIENT_POINTS')
        if (stock <= 0) throw new DomainError('OUT_OF_STOCK')
        await tx.execute(sql`update rewards set stock = ${stock - 1} where community_id = ${c} and id = ${rewardId}`)
        await tx.execute(sql`update naive_wallets set balance = ${balance - price} where volunteer_id = ${v.userId}`)
        await tx.execute(
          sql`insert into naive_reservations (reward_id, volunteer_id, price) values (${rewardId}, ${v.userId}, ${price})`,
        )
      })
    const reservations = async (rewardId: string) =>
      Number(
        (await one<{ n: number }>(sql`select count(*)::int as n from naive_reservations where reward_id = ${rewardId}`))
          .n,
      )

    const wrong: string[] = []
    for (let run = 0; run < 3 && wrong.length === 0; run++) {
      // The 100 volunteers, each able to afford it, for a reward with 10 in stock.
      const r = await reward({ price: 30, stock: 10 })
      for (const v of volunteers) {
        await t.database.db.execute(sql`insert into naive_wallets values (${v.userId}, 50)
          on conflict (volunteer_id) do update set balance = 50`)
      }
      await together(volunteers.map((v) => () => naiveRedeem(v, r.id)))
      const made = await reservations(r.id)
      const stock = await stockOf(r.id)
      if (made > 10) wrong.push(`oversold: ${made} reservations of 10 in stock`)
      if (stock !== Math.max(0, 10 - made)) wrong.push(`stock left at ${stock} though ${made} units were taken from 10`)

      // One volunteer, 20 at once, with a balance for 3.
      const cheap = await reward({ price: 7, stock: 100 })
      const v = volunteers[0]!
      await t.database.db.execute(sql`update naive_wallets set balance = 21 where volunteer_id = ${v.userId}`)
      await together(Array.from({ length: 20 }, () => () => naiveRedeem(v, cheap.id)))
      const spent = await reservations(cheap.id)
      if (spent > 3) wrong.push(`overspent: ${spent} redemptions of 7 points on a balance of 21`)
    }
    console.info(`naive redeem: ${wrong.join('; ')}`)
    expect(wrong.length).toBeGreaterThan(0)
  }, 180_000)

  it('50 concurrent 核销 of one code by two staff fulfil it once: the fulfiller’s retries answer it, the other staff’s REDEMPTION_CODE_INVALID', async () => {
    const PRICE = 9
    const v = await newVolunteer(PRICE)
    const r = await reward({ price: PRICE, stock: 5 })
    const redemption = await t.app.storeService.redeem(v, c, r.id)
    const code = redemption.code!
    expect(code).toMatch(/^\d{8}$/)
    const answers = await together(
      Array.from({ length: 50 }, (_, i) => () => t.app.storeService.fulfil(i % 2 ? staff : otherStaff, c, code)),
    )
    const byStaff = (odd: number) => answers.filter((_, i) => i % 2 === odd)
    const audits = await one<{
      n: number
      by: string
    }>(sql`select count(*)::int as n, min(actor_id::text) as by from audit_events
      where action = 'redemption.fulfil' and target_id = ${redemption.id}`)
    expect(audits.n).toBe(1)
    const fulfiller = audits.by === staff.userId ? 1 : 0
    expect(
      byStaff(fulfiller).every((a) => a.code === 'OK' && a.ok!.id === redemption.id && a.ok!.state === 'fulfilled'),
    ).toBe(true)
    expect(byStaff(1 - fulfiller).map((a) => a.code)).toEqual(Array(25).fill('REDEMPTION_CODE_INVALID'))
    const [row] = await redemptionsOf(r.id)
    expect(row).toMatchObject({ state: 'fulfilled', redeems: 1, refunds: 0 })
    expect(await stockOf(r.id)).toBe(4)
    expect(await balanceOf(v)).toBe(0)
  }, 60_000)

  it('cancel (by the volunteer and by staff) racing 核销 on the same redemption: one side wins, points and stock follow it', async () => {
    const PRICE = 4
    const PAIRS = 30
    const people = await Promise.all(Array.from({ length: PAIRS }, () => newVolunteer(PRICE)))
    const r = await reward({ price: PRICE, stock: PAIRS })
    const made: Awaited<ReturnType<FastifyInstance['storeService']['redeem']>>[] = []
    for (const v of people) made.push(await t.app.storeService.redeem(v, c, r.id))
    const storeBefore = await storeBalance()
    // Per redemption: the volunteer cancels, staff cancel with a reason, other staff scan it —
    // started in a different order for every other redemption, so either side can be first.
    const kinds = ['volunteer', 'staff', 'scan'] as const
    const tasks = made.flatMap((m, i) =>
      (i % 2 ? [...kinds].reverse() : kinds).map((kind) => ({
        i,
        kind,
        run: () =>
          kind === 'volunteer'
            ? t.app.storeService.cancel(people[i]!, c, m.id)
            : kind === 'staff'
              ? t.app.storeService.cancel(staff, c, m.id, '库存盘点有误')
              : t.app.storeService.fulfil(otherStaff, c, m.code!),
      })),
    )
    const settled = await together(tasks.map((x) => x.run))
    const answer = (i: number, kind: (typeof kinds)[number]) =>
      settled[tasks.findIndex((x) => x.i === i && x.kind === kind)]!.code
    const rows = new Map((await redemptionsOf(r.id)).map((x) => [x.id, x]))
    let fulfilled = 0
    const outcomes = new Map<string, number>()
    made.forEach((m, i) => {
      const [byVolunteer, byStaff, scan] = kinds.map((kind) => answer(i, kind))
      const row = rows.get(m.id)!
      const seen = `${row.state}: cancel ${byVolunteer}, staff cancel ${byStaff}, 核销 ${scan}`
      outcomes.set(seen, (outcomes.get(seen) ?? 0) + 1)
      if (row.state === 'fulfilled') {
        fulfilled++
        expect([byVolunteer, byStaff, scan, row.refunds]).toEqual(['INVALID_TRANSITION', 'INVALID_TRANSITION', 'OK', 0])
      } else {
        expect(row.state).toBe('cancelled')
        expect([byVolunteer, byStaff, scan, row.refunds]).toEqual(['OK', 'OK', 'REDEMPTION_CODE_INVALID', 1])
      }
      expect(row.redeems).toBe(1)
    })
    const balances = await Promise.all(people.map(balanceOf))
    people.forEach((v, i) => expect(balances[i]).toBe(rows.get(made[i]!.id)!.state === 'fulfilled' ? 0 : PRICE))
    expect(await stockOf(r.id)).toBe(PAIRS - fulfilled)
    expect(storeBefore - (await storeBalance())).toBe((PAIRS - fulfilled) * PRICE)
    console.info(
      `cancel racing 核销 on ${PAIRS} redemptions: ${[...outcomes].map(([k, n]) => `${n}× ${k}`).join('; ')}`,
    )
  }, 60_000)
})
