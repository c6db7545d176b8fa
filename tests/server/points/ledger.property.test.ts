/**
 * The points ledger as a property, on a real PostgreSQL server: 8 clients at once, each playing
 * its own fast-check-drawn sequence (a fixed seed, printed, so a failure's sequences can be
 * replayed with POINTS_PROPERTY_SEED; the interleaving is the server's), more than 10,000 operations against one community, in four rounds a
 * year or more apart so batches lapse between them (the clock moves only between rounds):
 *   earn (staff approve real hour records), reverse (staff correct an approved record), bonus,
 *   redeem, cancel (by the volunteer or staff), 核销, adjust (+ and −), restock, expire (the
 *   batch jobs between rounds, then the batch once more by hand);
 * retried with the same cause (a bonus for the same project and person, the same idempotency
 * key, a second cancel, a second 核销, a second approval), every retry answering the same and
 * posting nothing; and retried on serialization failures or deadlocks, which are counted (the
 * design locks in one order, so none are expected). Expected refusals are fine; anything else
 * fails. Then SQL checks what must hold whatever the interleaving: every posting and the
 * ledger sum to zero; every account is the sum and count of its entries, each entry's stored
 * running balance and version in order; no wallet or store below zero, no debt above; stock
 * is the initial stock plus restocks minus what is held; per-person limits held; the store
 * holds the price of what is held; one posting per cause; every wallet is what is left of its
 * lots, first in first out, and nothing lapsed is left after the expiry jobs ran; a credit that
 * reached the wallet left nothing owed; a statement's running balance is the stored one.
 *
 * Beside it, one deterministic interleaving the random rounds cannot produce (their clock stands
 * still while clients run): a request that read the clock and then waited for a person's lock
 * posts with an earlier created_at than postings applied before it, and the statement, ordered
 * by created_at, shows a balance the wallet never held. And one calendar case: points a
 * redemption held when their batch lapsed, refunded when it is cancelled, must lapse too.
 */
import { randomUUID } from 'node:crypto'
import { type FastifyInstance } from '@linli/server/app'
import { schema, sql } from '@linli/server/db'
import {
  DomainError,
  lapsedPoints,
  pointsForMinutes,
  walletLots,
  type PostingKind,
  type WalletMovement,
} from '@linli/shared'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { createUser } from '../../support/factories.ts'
import { race, warmPool } from '../../support/race.ts'
import { buildHoursWorld, type HoursWorld } from '../hours/world.ts'

type Viewer = Parameters<FastifyInstance['storeService']['redeem']>[0]

const SEED = Number(process.env.POINTS_PROPERTY_SEED ?? 20_261_105)
const CLIENTS = 8
const OPERATIONS = Number(process.env.POINTS_PROPERTY_OPS ?? 10_400)
const VOLUNTEERS = 24
const ACTIVITIES = 20
/** Each round's clock: the batches of 2026, 2027 and 2028 lapse between rounds (end of the following year, Shanghai). */
const ROUNDS = [
  '2026-11-05T02:00:00.000Z',
  '2027-07-01T02:00:00.000Z',
  '2028-02-01T02:00:00.000Z',
  '2029-03-01T02:00:00.000Z',
]
const END = '2030-06-01T02:00:00.000Z'
const REWARDS = [
  { price: 3, stock: 6, perPersonLimit: null },
  { price: 5, stock: 4, perPersonLimit: 2 },
  { price: 8, stock: 10, perPersonLimit: null },
  { price: 12, stock: 3, perPersonLimit: 4 },
  { price: 20, stock: 5, perPersonLimit: 1 },
  { price: 1, stock: 2, perPersonLimit: null },
]
/** Refusals the rules give; anything else is a failure. */
const EXPECTED = new Set([
  'INSUFFICIENT_POINTS',
  'OUT_OF_STOCK',
  'REDEMPTION_LIMIT_REACHED',
  'REDEMPTION_CODE_INVALID',
  'INVALID_TRANSITION',
])

type Op =
  | { kind: 'earn'; records: number[]; retry: boolean }
  | { kind: 'reverse'; record: number; minutes: number; spentFirst: boolean }
  | { kind: 'bonus'; projectId: string; people: number[]; points: number; retry: boolean }
  | { kind: 'redeem'; person: number; reward: number; keyed: boolean; retry: boolean }
  | { kind: 'cancel'; redemption: number; byStaff: boolean; retry: boolean }
  | { kind: 'fulfil'; redemption: number; forged: string | null; retry: boolean }
  | { kind: 'adjust'; person: number; amount: number }
  | { kind: 'restock'; reward: number; change: number }

const person = fc.nat({ max: VOLUNTEERS - 1 })
const pick = fc.nat({ max: 39 })
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('earn' as const),
      records: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      retry: fc.boolean(),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('reverse' as const),
      record: fc.nat(),
      minutes: fc.integer({ min: 0, max: 300 }),
      // Half the time the wallet is emptied first, so the reversal leaves something owed.
      spentFirst: fc.boolean(),
    }),
  },
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constant('bonus' as const),
      projectId: fc.uuid({ version: 4 }),
      people: fc.uniqueArray(person, { minLength: 1, maxLength: 3 }),
      points: fc.integer({ min: 1, max: 8 }),
      retry: fc.boolean(),
    }),
  },
  {
    weight: 30,
    arbitrary: fc.record({
      kind: fc.constant('redeem' as const),
      person,
      reward: fc.nat({ max: REWARDS.length - 1 }),
      keyed: fc.boolean(),
      retry: fc.boolean(),
    }),
  },
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('cancel' as const),
      redemption: pick,
      byStaff: fc.boolean(),
      retry: fc.boolean(),
    }),
  },
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('fulfil' as const),
      redemption: pick,
      // One in twelve scans a code nobody was given.
      forged: fc.oneof(
        { weight: 11, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.stringMatching(/^\d{8}$/) },
      ),
      retry: fc.boolean(),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({ kind: fc.constant('adjust' as const), person, amount: fc.integer({ min: 1, max: 15 }) }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('adjust' as const), person, amount: fc.integer({ min: -30, max: -1 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('restock' as const),
      reward: fc.nat({ max: REWARDS.length - 1 }),
      change: fc.integer({ min: 1, max: 4 }),
    }),
  },
)

/** The SQLSTATE behind an error (drizzle wraps the driver's error as its cause). */
function sqlState(err: unknown): string | undefined {
  let e = err as { code?: unknown; cause?: unknown } | undefined
  for (let depth = 0; e && depth < 5; depth++, e = e.cause as typeof e) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code
  }
  return undefined
}

describeOnPostgres('the points ledger holds under random concurrent operations on PostgreSQL', () => {
  let t: TestApp
  let w: HoursWorld
  let c: string
  let staff: Viewer
  const volunteers: Viewer[] = []
  const rewardIds: string[] = []

  interface RecordRef {
    id: string
    volunteer: number
  }
  /** Pending records per round (the hours approved in that round's year). */
  const pendingByRound: RecordRef[][] = []
  /** Approved records, live (a correction replaces its original here). */
  const approved: RecordRef[] = []
  interface Held {
    id: string
    code: string
    owner: number
  }
  const redemptionsMade: Held[] = []

  const stats = new Map<string, { ops: number; ok: number; retries: number; refused: Map<string, number> }>()
  const stat = (kind: string) => {
    let s = stats.get(kind)
    if (!s) stats.set(kind, (s = { ops: 0, ok: 0, retries: 0, refused: new Map() }))
    return s
  }
  let serializationRetries = 0
  let deadlockRetries = 0
  const failures: string[] = []
  /** What the model expects to find posted. */
  const model = { bonusCredited: 0, adjusted: 0, restocked: new Map<string, number>() }

  const volunteerViewer = (id: string): Viewer => ({
    userId: id,
    sessionId: id,
    grants: [{ id, role: 'volunteer', scopeType: 'self', scopeId: null }],
  })

  beforeAll(async () => {
    t = await buildTestApp({ poolSize: CLIENTS + 8, config: { accessTokenTtlSeconds: 10 * 366 * 86_400 } })
    w = await buildHoursWorld(t)
    c = w.c
    staff = {
      userId: w.people.staff.id,
      sessionId: 'staff',
      grants: [{ id: 'staff', role: 'community_staff', scopeType: 'community', scopeId: c }],
    }
    await w.setSetting('pointsExpiryRule', 'end_of_following_year')
    await w.setSetting('redemptionPickupHours', 24 * 30)
    for (let i = 0; i < VOLUNTEERS; i += 12) {
      const made = await Promise.all(
        Array.from({ length: 12 }, () => createUser(t.database.db, { roles: [{ role: 'volunteer' }] })),
      )
      volunteers.push(...made.map((u) => volunteerViewer(u.id)))
    }
    for (const r of REWARDS) {
      const made = await t.app.storeService.createReward(staff, c, { name: `奖品 ${r.price} 分`, ...r })
      rewardIds.push(made.id)
    }
    // Hour records, pending, one per activity and volunteer (one live record each): a quarter
    // for each round. One in ten is back-filled (points-ineligible: it earns nothing).
    const activities: string[] = []
    for (let i = 0; i < ACTIVITIES; i++) activities.push((await w.activity({ slots: 3 })).id)
    const draw = fc.sample(fc.tuple(fc.integer({ min: 30, max: 600 }), fc.nat({ max: 9 })), {
      seed: SEED,
      numRuns: ACTIVITIES * VOLUNTEERS,
    })
    const rows: (typeof schema.hourRecords.$inferInsert)[] = []
    activities.forEach((activityId, a) =>
      volunteers.forEach((v, i) => {
        const [minutes, tenth] = draw[a * VOLUNTEERS + i]!
        const at = new Date('2026-11-10T01:00:00.000Z')
        rows.push({
          communityId: c,
          activityId,
          volunteerId: v.userId,
          state: 'pending',
          source: tenth === 0 ? 'back_fill' : 'check_in',
          checkInAt: at,
          checkOutAt: new Date(at.getTime() + minutes * 60_000),
          minutes,
          spanMinutes: minutes,
          pointsEligible: tenth !== 0,
          createdBy: v.userId,
          createdAt: at,
          updatedAt: at,
        })
      }),
    )
    const inserted = await t.database.db
      .insert(schema.hourRecords)
      .values(rows)
      .returning({ id: schema.hourRecords.id, volunteerId: schema.hourRecords.volunteerId })
    const index = new Map(volunteers.map((v, i) => [v.userId, i]))
    const refs = inserted.map((r) => ({ id: r.id, volunteer: index.get(r.volunteerId)! }))
    const shuffled = fc.sample(fc.shuffledSubarray(refs, { minLength: refs.length, maxLength: refs.length }), {
      seed: SEED,
      numRuns: 1,
    })[0]!
    for (let r = 0; r < ROUNDS.length; r++) {
      pendingByRound.push(shuffled.filter((_, i) => i % ROUNDS.length === r))
    }
  }, 180_000)
  afterAll(() => t?.close())

  const codeOf = (err: unknown) => (err instanceof DomainError ? err.code : undefined)

  /** One call, retried while PostgreSQL answers a serialization failure or a deadlock. */
  async function attempt<T>(call: () => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await call()
      } catch (err) {
        const state = sqlState(err)
        if ((state === '40001' || state === '40P01') && tries < 10) {
          if (state === '40001') serializationRetries++
          else deadlockRetries++
          continue
        }
        throw err
      }
    }
  }

  /** Play one op; refusals the rules give are counted, anything else is a failure. */
  async function play(op: Op, round: number, where: string, opId: string) {
    const s = stat(op.kind === 'adjust' ? (op.amount > 0 ? 'adjust +' : 'adjust −') : op.kind)
    s.ops++
    const fail = (what: string) => failures.push(`${where} ${JSON.stringify(op)}: ${what}`)
    try {
      await run(op, round, s, fail, opId)
      s.ok++
    } catch (err) {
      const code = codeOf(err)
      if (code && EXPECTED.has(code)) s.refused.set(code, (s.refused.get(code) ?? 0) + 1)
      else fail(`${code ?? sqlState(err) ?? ''} ${(err as Error).stack}`)
    }
  }

  async function run(op: Op, round: number, s: ReturnType<typeof stat>, fail: (what: string) => void, opId: string) {
    const stores = t.app.storeService
    const points = t.app.pointsService
    switch (op.kind) {
      case 'earn': {
        const pending = pendingByRound[round]!
        const refs = [...new Set(op.records.map((i) => pending[i % pending.length]!))]
        const ids = refs.map((r) => r.id)
        const answered = await attempt(() => t.app.hoursService.approveHourRecords(staff, c, ids))
        for (const r of refs) if (!approved.includes(r)) approved.push(r)
        if (answered.some((r) => r.state !== 'approved')) fail('approved records answered in another state')
        if (op.retry) {
          s.retries++
          // Approved already: a retry answers them as they are (a concurrent correction may
          // have voided one meanwhile: INVALID_TRANSITION, a refusal).
          const again = await attempt(() => t.app.hoursService.approveHourRecords(staff, c, ids))
          if (again.some((r) => r.state !== 'approved')) fail('a retried approval answered another state')
        }
        return
      }
      case 'reverse': {
        if (approved.length === 0) return
        const at = op.record % approved.length
        const ref = approved[at]!
        if (op.spentFirst) await spendAll(volunteers[ref.volunteer]!.userId)
        const made = await attempt(() =>
          t.app.hoursService.correctHourRecord(staff, c, ref.id, { minutes: op.minutes, reason: '核实后更正时长' }),
        )
        const still = approved.indexOf(ref)
        if (still >= 0) approved.splice(still, 1, { id: made.id, volunteer: ref.volunteer })
        return
      }
      case 'bonus': {
        const args = {
          communityId: c,
          projectId: op.projectId,
          volunteerIds: op.people.map((i) => volunteers[i]!.userId),
          actorId: staff.userId,
          points: op.points,
        }
        const credited = await attempt(() => t.database.db.transaction((tx) => points.postBonus(tx, args)))
        if (credited !== op.people.length) fail(`bonus credited ${credited} of ${op.people.length}`)
        model.bonusCredited += credited
        if (op.retry) {
          s.retries++
          const again = await attempt(() => t.database.db.transaction((tx) => points.postBonus(tx, args)))
          if (again !== 0) fail(`a retried bonus credited ${again}`)
        }
        return
      }
      case 'redeem': {
        const v = volunteers[op.person]!
        const rewardId = rewardIds[op.reward]!
        // A key of its own per operation (a key reused for another reward is refused: IDEMPOTENCY_KEY_REUSED).
        const key = op.keyed ? `redeem-${opId}` : null
        const redeem = () => attempt(() => stores.redeem(v, c, rewardId, key))
        let first: Awaited<ReturnType<typeof redeem>>
        try {
          first = await redeem()
        } catch (err) {
          const code = codeOf(err)
          if (!op.retry || !key || !code || !EXPECTED.has(code)) throw err
          // A refused request rolled its key back: the retry is a fresh request.
          s.retries++
          s.refused.set(code, (s.refused.get(code) ?? 0) + 1)
          const fresh = await redeem()
          redemptionsMade.push({ id: fresh.id, code: fresh.code!, owner: op.person })
          return
        }
        if (first.state !== 'reserved' || !first.code) fail(`redeemed as ${first.state}`)
        redemptionsMade.push({ id: first.id, code: first.code!, owner: op.person })
        if (op.retry && key) {
          s.retries++
          const again = await redeem()
          if (again.id !== first.id) fail(`a retried key answered ${again.id}, not ${first.id}`)
        }
        return
      }
      case 'cancel': {
        const held = chooseRedemption(op.redemption)
        if (!held) return
        const by = op.byStaff ? staff : volunteers[held.owner]!
        const cancel = () => attempt(() => stores.cancel(by, c, held.id, op.byStaff ? '库存盘点有误' : null))
        const first = await cancel()
        if (first.state !== 'cancelled') fail(`cancel answered ${first.state}`)
        if (op.retry) {
          s.retries++
          const again = await cancel()
          if (again.state !== 'cancelled' || again.cancelledAt?.getTime() !== first.cancelledAt?.getTime()) {
            fail(`a retried cancel answered ${again.state} at ${again.cancelledAt?.toISOString()}`)
          }
        }
        return
      }
      case 'fulfil': {
        const held = chooseRedemption(op.redemption)
        const code = op.forged ?? held?.code
        if (!code) return
        const first = await attempt(() => stores.fulfil(staff, c, code))
        if (first.state !== 'fulfilled') fail(`核销 answered ${first.state}`)
        // A forged code that happened to be live, or a code a later reservation drew again
        // after this one was done: the answer is that redemption.
        if (!op.forged && first.id !== held!.id) stat('fulfil: code drawn again').ops++
        if (op.retry) {
          s.retries++
          const again = await attempt(() => stores.fulfil(staff, c, code))
          if (again.id !== first.id || again.state !== 'fulfilled')
            fail(`a retried 核销 answered ${again.id} ${again.state}`)
        }
        return
      }
      case 'adjust': {
        await attempt(() =>
          points.adjust(staff, c, {
            volunteerId: volunteers[op.person]!.userId,
            amount: op.amount,
            reason: '测试发放',
          }),
        )
        model.adjusted++
        return
      }
      case 'restock': {
        const rewardId = rewardIds[op.reward]!
        await attempt(() => stores.restockReward(staff, c, rewardId, op.change))
        model.restocked.set(rewardId, (model.restocked.get(rewardId) ?? 0) + op.change)
        return
      }
    }
  }

  /** Take what the wallet holds (a staff adjustment); a concurrent change may make it refused, which is fine here. */
  async function spendAll(volunteerId: string) {
    const [w] = await rows<{ balance: number }>(sql`select balance from ledger_accounts
      where community_id = ${c} and owner_id = ${volunteerId} and kind = 'wallet'`)
    if (!w || w.balance <= 0) return
    try {
      await attempt(() => t.app.pointsService.adjust(staff, c, { volunteerId, amount: -w.balance, reason: '测试清零' }))
      model.adjusted++
    } catch (err) {
      if (codeOf(err) !== 'INSUFFICIENT_POINTS') throw err
    }
  }

  /** Half the picks among the 20 latest redemptions (likely still reserved), half among all. */
  function chooseRedemption(pickIndex: number): Held | undefined {
    const n = redemptionsMade.length
    if (n === 0) return undefined
    return pickIndex < 20 ? redemptionsMade[n - 1 - (pickIndex % Math.min(n, 20))] : redemptionsMade[pickIndex % n]
  }

  /** Run every due job (pick-up deadlines, lapsed batches) until none is left. */
  async function runJobs() {
    let claimed = 0
    for (;;) {
      const r = await t.app.jobs.runDue(500)
      claimed += r.claimed
      if (r.claimed === 0) return claimed
    }
  }

  async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
    return (await t.database.db.execute(query)).rows as T[]
  }

  /** Each wallet's movements in the order they were applied (ledger.ts's walletMovements is not exported: the same SQL). */
  async function walletsWithLots() {
    const wallets = await rows<{
      id: string
      ownerId: string
      balance: number
    }>(sql`select id, owner_id as "ownerId", balance
      from ledger_accounts where community_id = ${c} and kind = 'wallet'`)
    const out = []
    for (const wallet of wallets) {
      const moves = await rows<Record<string, unknown>>(sql`
        select p.kind, e.amount, e.expires_at as "expiresAt", p.redemption_id as "redemptionId",
               p.batch_expires_at as "batchExpiresAt"
          from ledger_entries e join ledger_postings p on p.community_id = e.community_id and p.id = e.posting_id
         where e.community_id = ${c} and e.account_id = ${wallet.id} order by e.account_version`)
      const at = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string))
      const movements: WalletMovement[] = moves.map((m) => ({
        kind: m.kind as PostingKind,
        amount: Number(m.amount),
        expiresAt: at(m.expiresAt),
        redemptionId: (m.redemptionId as string | null) ?? null,
        batchExpiresAt: at(m.batchExpiresAt),
      }))
      out.push({ ...wallet, lots: walletLots(movements) })
    }
    return out
  }

  /** After the expiry jobs: nothing lapsed left in any wallet. */
  async function nothingLapsed(now: Date) {
    const left = (await walletsWithLots())
      .map((wl) => ({ owner: wl.ownerId, lapsed: lapsedPoints(wl.lots, now) }))
      .filter((x) => x.lapsed > 0)
    expect(left, 'lapsed points left in wallets after the expiry jobs ran').toEqual([])
  }

  it(`${OPERATIONS} random operations from ${CLIENTS} concurrent clients keep every ledger invariant (seed ${SEED})`, async () => {
    console.info(`points ledger property: seed ${SEED} (replay with POINTS_PROPERTY_SEED=${SEED})`)
    const started = Date.now()
    const perClient = Math.ceil(OPERATIONS / ROUNDS.length / CLIENTS)
    const expiredByRound: number[] = []
    let jobsRun = 0
    try {
      for (const [round, at] of ROUNDS.entries()) {
        // Between rounds, never while clients run: move the clock, let the due jobs run — pick-up
        // deadlines and lapsed batches — and run the lapsed batch once more by hand: nothing more.
        t.clock.set(at)
        const before = Number(
          (
            await rows<{ n: number }>(
              sql`select count(*)::int as n from ledger_postings where community_id = ${c} and kind = 'expire'`,
            )
          )[0]!.n,
        )
        jobsRun += await runJobs()
        const batch = new Date(Date.UTC(new Date(at).getUTCFullYear(), 0, 1) - 8 * 3_600_000)
        const again = await t.app.pointsService.expireBatch(c, batch)
        if (again !== 0) failures.push(`round ${round}: expiring the lapsed batch again expired ${again}`)
        const after = Number(
          (
            await rows<{ n: number }>(
              sql`select count(*)::int as n from ledger_postings where community_id = ${c} and kind = 'expire'`,
            )
          )[0]!.n,
        )
        expiredByRound.push(after - before)
        stat('expire').ops += after - before
        stat('expire').ok += after - before
        await nothingLapsed(t.clock.now())

        const plans = Array.from({ length: CLIENTS }, (_, client) =>
          fc.sample(opArbitrary, { seed: SEED + 1000 * round + client, numRuns: perClient }),
        )
        await warmPool(t.database.pool!, CLIENTS)
        const settled = await race(CLIENTS, async (client) => {
          for (const [i, op] of plans[client]!.entries()) {
            await play(op, round, `round ${round} client ${client} op ${i}`, `${SEED}-${round}-${client}-${i}`)
            if (failures.length > 50) throw new Error('too many failures')
          }
        })
        for (const s of settled) if (s.status === 'rejected') failures.push(String(s.reason))
        expect(failures, `seed ${SEED}`).toEqual([])
      }
      t.clock.set(END)
      jobsRun += await runJobs()
      await nothingLapsed(t.clock.now())
    } finally {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      const lines = [...stats].map(
        ([kind, s]) =>
          `  ${kind.padEnd(26)} ${String(s.ops).padStart(5)} ops, ${String(s.ok).padStart(5)} ok, ${String(s.retries).padStart(4)} retried` +
          (s.refused.size ? `; refused: ${[...s.refused].map(([code, n]) => `${code} ${n}`).join(', ')}` : ''),
      )
      console.info(
        `points ledger property (seed ${SEED}) in ${seconds} s, ${jobsRun} jobs run, expire postings by round ${expiredByRound.join('/')}:\n` +
          `${lines.join('\n')}\n  serialization failures retried: ${serializationRetries}, deadlocks retried: ${deadlockRetries}`,
      )
    }
    expect(failures, `seed ${SEED}`).toEqual([])
    const kinds = [...stats].filter(([, s]) => s.ok > 0).map(([k]) => k)
    for (const k of ['earn', 'reverse', 'bonus', 'redeem', 'cancel', 'fulfil', 'adjust +', 'adjust −', 'restock']) {
      expect(kinds, `no ${k} succeeded`).toContain(k)
    }
    expect(stat('expire').ops, 'no batch expired').toBeGreaterThan(0)
    await checkInvariants()
  }, 600_000)

  it('a statement’s running balance is the order the wallet’s entries were applied, not the clock each request read', async () => {
    // A bonus for two people reads the clock, then waits for the first one's lock; meanwhile the
    // second one's wallet is emptied (later by the clock) and only then gets the bonus. Their
    // statement is ordered by created_at, so it lists the bonus before the deduction and shows a
    // balance the wallet never held.
    t.clock.set('2031-03-01T02:00:00.000Z')
    const [first, second] = (
      await Promise.all([0, 1].map(() => createUser(t.database.db, { roles: [{ role: 'volunteer' }] })))
    )
      .map((u) => u.id)
      .sort()
    for (const id of [first!, second!]) {
      await t.app.pointsService.adjust(staff, c, { volunteerId: id, amount: 10, reason: '测试发放' })
    }
    const blocker = await t.database.pool!.connect()
    let bonus: Promise<number> | undefined
    try {
      await blocker.query('begin')
      await blocker.query(`select 1 from ledger_accounts where community_id = $1 and owner_id = $2 for update`, [
        c,
        first,
      ])
      t.clock.set('2031-03-01T03:00:00.000Z')
      bonus = t.database.db.transaction((tx) =>
        t.app.pointsService.postBonus(tx, {
          communityId: c,
          projectId: randomUUID(),
          volunteerIds: [first!, second!],
          actorId: staff.userId,
          points: 5,
        }),
      )
      // Until the bonus waits on the first person's lock (a condition, not a time).
      let done = false
      void bonus.then(
        () => (done = true),
        () => (done = true),
      )
      for (;;) {
        const { rows: waiting } = await blocker.query(
          `select 1 from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))`,
        )
        if (waiting.length > 0) break
        if (done) throw new Error(`the bonus did not wait for the lock: it ended with ${await bonus.catch(String)}`)
      }
      t.clock.set('2031-03-01T04:00:00.000Z')
      await t.app.pointsService.adjust(staff, c, { volunteerId: second!, amount: -10, reason: '测试扣除' })
      await blocker.query('commit')
    } finally {
      await blocker.query('rollback') // after the commit, a no-op; after a failure, lets the bonus go
      blocker.release()
    }
    expect(await bonus).toBe(2)

    const applied = await rows<{ kind: string; amount: number; balanceAfter: number }>(sql`
      select p.kind, e.amount, e.balance_after as "balanceAfter"
        from ledger_entries e join ledger_accounts a on a.community_id = e.community_id and a.id = e.account_id
        join ledger_postings p on p.community_id = e.community_id and p.id = e.posting_id
       where e.community_id = ${c} and a.owner_id = ${second} and a.kind = 'wallet' order by e.account_version`)
    expect(applied).toEqual([
      { kind: 'adjust', amount: 10, balanceAfter: 10 },
      { kind: 'adjust', amount: -10, balanceAfter: 0 },
      { kind: 'bonus', amount: 5, balanceAfter: 5 },
    ])
    const { lines } = await t.app.pointsService.volunteerStatement(staff, c, second!, 10, null)
    // Newest first, as the person lived it: the bonus (5), the deduction (0), the first credit (10).
    expect(lines.map((l) => [l.kind, l.amount, l.balanceAfter])).toEqual([
      ['bonus', 5, 5],
      ['adjust', -10, 0],
      ['adjust', 10, 10],
    ])
  })

  it('points held by a redemption when their batch lapsed lapse when the redemption is cancelled and refunds them', async () => {
    // Earned in 2032 (lapsing at the end of 2033), spent on a reservation on 31 December 2033,
    // not collected: the pick-up job cancels it in 2034 and refunds the points into their 2032
    // lot — which has lapsed, and whose batch job ran while the points were held. Nothing
    // lapsed may stay in a wallet once the jobs due have run.
    const v = volunteerViewer((await createUser(t.database.db, { roles: [{ role: 'volunteer' }] })).id)
    t.clock.set('2032-12-30T02:00:00.000Z')
    await t.app.pointsService.adjust(staff, c, { volunteerId: v.userId, amount: 10, reason: '测试发放' })
    const reward = await t.app.storeService.createReward(staff, c, { name: '跨年兑换', price: 10, stock: 1 })
    t.clock.set('2033-12-31T10:00:00.000Z')
    await t.app.storeService.redeem(v, c, reward.id)
    t.clock.set('2034-01-01T00:00:00.000Z') // the 2032 batch lapsed at 16:00 UTC on 31 December 2033
    await runJobs()
    t.clock.set('2034-02-15T00:00:00.000Z') // past the 30-day pick-up deadline
    await runJobs()
    const [redemption] = await t.app.storeService.myRedemptions(v, null)
    expect(redemption).toMatchObject({ state: 'cancelled', cancelReason: 'expired' })
    const mine = (await walletsWithLots()).find((wl) => wl.ownerId === v.userId)!
    const [wallet] = await t.app.pointsService.myWallets(v)
    expect({
      lapsedLeft: lapsedPoints(mine.lots, t.clock.now()),
      balance: mine.balance,
      shown: { balance: wallet!.balance, expiringPoints: wallet!.expiringPoints },
    }).toEqual({ lapsedLeft: 0, balance: 0, shown: { balance: 0, expiringPoints: 0 } })
  })

  async function checkInvariants() {
    // The ledger and every posting sum to zero; no posting without entries.
    expect(
      await rows(sql`select coalesce(sum(amount), 0)::int as total from ledger_entries where community_id = ${c}`),
    ).toEqual([{ total: 0 }])
    expect(
      await rows(sql`select p.id, p.kind, coalesce(sum(e.amount), 0)::int as total, count(e.id)::int as n
        from ledger_postings p left join ledger_entries e on e.community_id = p.community_id and e.posting_id = p.id
        where p.community_id = ${c} group by p.id, p.kind having coalesce(sum(e.amount), 0) <> 0 or count(e.id) = 0`),
    ).toEqual([])

    // Every account: balance and version are the sum and count of its entries; the entries'
    // versions run 1…n and each stored running balance is the sum so far.
    expect(
      await rows(sql`select a.id, a.kind, a.balance, a.version, coalesce(sum(e.amount), 0)::int as total, count(e.id)::int as n
        from ledger_accounts a left join ledger_entries e on e.community_id = a.community_id and e.account_id = a.id
        where a.community_id = ${c} group by a.community_id, a.id having a.balance <> coalesce(sum(e.amount), 0) or a.version <> count(e.id)`),
    ).toEqual([])
    expect(
      await rows(sql`select account_id, account_version, balance_after, running, position from (
          select e.account_id, e.account_version, e.balance_after,
                 sum(e.amount) over w as running, row_number() over w as position
            from ledger_entries e where e.community_id = ${c}
          window w as (partition by e.account_id order by e.account_version rows unbounded preceding)) x
        where balance_after <> running or account_version <> position limit 5`),
    ).toEqual([])
    expect(
      await rows(sql`select id, kind, balance from ledger_accounts where community_id = ${c}
        and ((kind in ('wallet', 'store') and balance < 0) or (kind = 'debt' and balance > 0))`),
    ).toEqual([])

    // What is owed is settled first: a credit that reached the wallet left nothing owed; a
    // reversal that left something owed took the wallet to zero.
    expect(
      await rows(sql`select p.id, p.kind, w.amount as "toWallet", w.balance_after as "walletAfter", d.amount as "toDebt", d.balance_after as "owedAfter"
        from ledger_postings p
        join ledger_entries w on w.community_id = p.community_id and w.posting_id = p.id
        join ledger_accounts wa on wa.community_id = w.community_id and wa.id = w.account_id and wa.kind = 'wallet'
        join ledger_entries d on d.community_id = p.community_id and d.posting_id = p.id
        join ledger_accounts da on da.community_id = d.community_id and da.id = d.account_id and da.kind = 'debt'
        where p.community_id = ${c}
          and ((p.kind in ('earn', 'bonus', 'adjust') and d.balance_after <> 0)
            or (p.kind = 'reverse' and w.balance_after <> 0))
        limit 5`),
    ).toEqual([])

    // Stock: the initial stock plus restocks minus what is held (reserved or collected), never below zero.
    const stock = await rows<{ id: string; stock: number; held: number; perPersonMax: number }>(sql`
      select w.id, w.stock,
             (select count(*) from redemptions r where r.community_id = w.community_id and r.reward_id = w.id
                and r.state in ('reserved', 'fulfilled'))::int as held
        from rewards w where w.community_id = ${c}`)
    for (const [i, id] of rewardIds.entries()) {
      const r = stock.find((x) => x.id === id)!
      expect(r.stock, `stock of reward ${i}`).toBeGreaterThanOrEqual(0)
      expect(r.stock, `stock of reward ${i}`).toBe(REWARDS[i]!.stock + (model.restocked.get(id) ?? 0) - r.held)
    }
    // Restocks as the audit saw them agree with the model.
    const audited = await rows<{
      id: string
      change: number
    }>(sql`select target_id as id, sum((after->>'change')::int)::int as change
      from audit_events where action = 'reward.restock' group by target_id`)
    expect(new Map(audited.map((a) => [a.id, a.change]))).toEqual(model.restocked)

    // Per-person limits held.
    expect(
      await rows(sql`select r.reward_id, r.volunteer_id, count(*)::int as n, w.per_person_limit as "limit"
        from redemptions r join rewards w on w.community_id = r.community_id and w.id = r.reward_id
        where r.community_id = ${c} and r.state in ('reserved', 'fulfilled') and w.per_person_limit is not null
        group by r.reward_id, r.volunteer_id, w.per_person_limit having count(*) > w.per_person_limit`),
    ).toEqual([])

    // The store holds the price of every redemption held.
    const [store] = await rows<{ store: number; held: number }>(sql`select
        (select coalesce(sum(balance), 0) from ledger_accounts where community_id = ${c} and kind = 'store')::int as store,
        (select coalesce(sum(price), 0) from redemptions where community_id = ${c} and state in ('reserved', 'fulfilled'))::int as held`)
    expect(store!.store).toBe(store!.held)

    // One redeem posting per redemption (its price, wallet → store); one refund per cancelled one, none otherwise.
    expect(
      await rows(sql`select r.id, r.state,
          (select count(*) from ledger_postings p where p.community_id = r.community_id and p.redemption_id = r.id and p.kind = 'redeem')::int as redeems,
          (select count(*) from ledger_postings p where p.community_id = r.community_id and p.redemption_id = r.id and p.kind = 'refund')::int as refunds,
          (select coalesce(sum(e.amount), 0) from ledger_postings p join ledger_entries e on e.community_id = p.community_id and e.posting_id = p.id
             join ledger_accounts a on a.community_id = e.community_id and a.id = e.account_id
            where p.community_id = r.community_id and p.redemption_id = r.id and p.kind = 'redeem' and a.kind = 'store')::int as paid,
          r.price
        from redemptions r where r.community_id = ${c}
        and not ((select count(*) from ledger_postings p where p.community_id = r.community_id and p.redemption_id = r.id and p.kind = 'redeem') = 1
             and (select count(*) from ledger_postings p where p.community_id = r.community_id and p.redemption_id = r.id and p.kind = 'refund')
                 = (case when r.state = 'cancelled' then 1 else 0 end)
             and (select coalesce(sum(e.amount), 0) from ledger_postings p join ledger_entries e on e.community_id = p.community_id and e.posting_id = p.id
                    join ledger_accounts a on a.community_id = e.community_id and a.id = e.account_id
                   where p.community_id = r.community_id and p.redemption_id = r.id and p.kind = 'redeem' and a.kind = 'store') = r.price)`),
    ).toEqual([])
    // Every redemption is one the clients made (a retried key made none of its own).
    const [{ n: redemptionCount }] = (await rows<{ n: number }>(
      sql`select count(*)::int as n from redemptions where community_id = ${c}`,
    )) as [{ n: number }]
    expect(redemptionCount).toBe(new Set(redemptionsMade.map((r) => r.id)).size)

    // Earn and reverse: one per record that earned (eligible, points > 0), what the minutes earn at coefficient 1.
    const records = await rows<{
      id: string
      state: string
      minutes: number
      eligible: boolean
      earned: number
      earns: number
      reverses: number
      taken: number
    }>(sql`
      select h.id, h.state, h.minutes, h.points_eligible as eligible,
             (select count(*) from ledger_postings p where p.community_id = h.community_id and p.hour_record_id = h.id and p.kind = 'earn')::int as earns,
             (select count(*) from ledger_postings p where p.community_id = h.community_id and p.hour_record_id = h.id and p.kind = 'reverse')::int as reverses,
             (select coalesce(-sum(e.amount), 0) from ledger_postings p join ledger_entries e on e.community_id = p.community_id and e.posting_id = p.id
                join ledger_accounts a on a.community_id = e.community_id and a.id = e.account_id
               where p.community_id = h.community_id and p.hour_record_id = h.id and p.kind = 'earn' and a.kind = 'issuance')::int as earned,
             (select coalesce(sum(e.amount), 0) from ledger_postings p join ledger_entries e on e.community_id = p.community_id and e.posting_id = p.id
                join ledger_accounts a on a.community_id = e.community_id and a.id = e.account_id
               where p.community_id = h.community_id and p.hour_record_id = h.id and p.kind = 'reverse' and a.kind = 'issuance')::int as taken
        from hour_records h where h.community_id = ${c}`)
    const wrongRecords = records.filter((r) => {
      const worth = r.state === 'pending' || !r.eligible ? 0 : pointsForMinutes(r.minutes, 1)
      const earns = worth > 0 ? 1 : 0
      const reverses = r.state === 'voided' && worth > 0 ? 1 : 0
      return r.earns !== earns || r.earned !== worth || r.reverses !== reverses || r.taken !== (reverses ? worth : 0)
    })
    expect(wrongRecords.slice(0, 5)).toEqual([])
    const counts = Object.fromEntries(
      (
        await rows<{ kind: string; n: number }>(
          sql`select kind, count(*)::int as n from ledger_postings where community_id = ${c} group by kind`,
        )
      ).map((r) => [r.kind, r.n]),
    )
    expect({ bonus: counts.bonus ?? 0, adjust: counts.adjust ?? 0 }).toEqual({
      bonus: model.bonusCredited,
      adjust: model.adjusted,
    })
    const [debt] = await rows<{ owing: number; settling: number; people: number }>(sql`select
        count(distinct p.id) filter (where p.kind = 'reverse' and e.amount < 0)::int as owing,
        count(distinct p.id) filter (where p.kind in ('earn', 'bonus', 'adjust') and e.amount > 0)::int as settling,
        (select count(*) from ledger_accounts where community_id = ${c} and kind = 'debt' and balance < 0)::int as people
      from ledger_postings p join ledger_entries e on e.community_id = p.community_id and e.posting_id = p.id
      join ledger_accounts a on a.community_id = e.community_id and a.id = e.account_id and a.kind = 'debt'
      where p.community_id = ${c}`)
    console.info(
      `debt: ${debt!.owing} reversals left something owed, ${debt!.settling} credits settled some, ${debt!.people} people still owe`,
    )
    console.info(
      `postings by kind: ${JSON.stringify(counts)}; hour records approved ${records.filter((r) => r.state === 'approved').length}, voided ${records.filter((r) => r.state === 'voided').length}`,
    )

    // Every wallet is what is left of its lots, first in first out.
    const wallets = await walletsWithLots()
    expect(
      wallets.filter((wl) => wl.balance !== wl.lots.reduce((sum, l) => sum + l.remaining, 0)).map((wl) => wl.ownerId),
    ).toEqual([])

    // A statement's running balance is the stored one: each line's balance after is the wallet
    // entry's balance_after (lines with no wallet entry carry the one before), the newest line
    // the wallet's balance and what is owed.
    for (const v of volunteers) {
      const stored = new Map(
        (
          await rows<{
            postingId: string
            balanceAfter: number
          }>(sql`select e.posting_id as "postingId", e.balance_after as "balanceAfter"
            from ledger_entries e join ledger_accounts a on a.community_id = e.community_id and a.id = e.account_id
            where e.community_id = ${c} and a.owner_id = ${v.userId} and a.kind = 'wallet'`)
        ).map((r) => [r.postingId, r.balanceAfter]),
      )
      const lines = []
      let after: string | null = null
      for (;;) {
        const page = await t.app.pointsService.volunteerStatement(staff, c, v.userId, 100, after)
        lines.push(...page.lines)
        if (!page.pageInfo.hasNextPage) break
        after = page.pageInfo.endCursor
      }
      const wallet = wallets.find((wl) => wl.ownerId === v.userId)
      expect(lines[0]?.balanceAfter ?? 0).toBe(wallet?.balance ?? 0)
      const mismatched = lines.filter((l) => stored.has(l.id) && stored.get(l.id) !== l.balanceAfter)
      expect(
        mismatched.map((l) => `${l.kind} ${l.amount}: ${l.balanceAfter} ≠ ${stored.get(l.id)}`).slice(0, 5),
      ).toEqual([])
    }

    // The points jobs all succeeded.
    expect(
      await rows(
        sql`select kind, last_error from jobs where status = 'failed' and kind in ('points.expire', 'redemption.expire', 'redemptions.expire_due')`,
      ),
    ).toEqual([])
  }
})
