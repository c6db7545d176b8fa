/**
 * Points: earning from approved hours (called by the hours service inside its transaction),
 * reversal on correction, the bonus for a project rated 5 (posted by the closing-the-loop
 * feature), staff adjustments, batch expiry, and reading — wallets, statements with the running
 * balance, holders and the monthly report.
 */
import {
  DomainError,
  maskPhone,
  monthsBetween,
  periodBounds,
  nextLapse,
  pointsAdjustmentSchema,
  pointsExpireAt,
  pointsForMinutes,
  type PointsExpiryRule,
  type PostingKind,
  walletLots,
} from '@linli/shared'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ADMIN_ROLES, isUuid, loadAncestry, requireCommunityStaff, requirePlaceRole } from '../../access/places.ts'
import type { DbOrTx, Tx } from '../../db/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { parseInput } from '../../lib/input.ts'
import { decodeCursor, encodeCursor, toDate, toDateOrNull } from '../../lib/rows.ts'
import { everyPage } from '../../lib/xlsx-export.ts'
import { auditContactsExport, recordAudit } from '../audit/audit.recorder.ts'
import * as ledger from './ledger.ts'

export const POINTS_EXPIRE = 'points.expire'

export interface WalletView {
  communityId: string
  communityName: string
  balance: number
  owed: number
  reserved: number
  expiringPoints: number
  expiringAt: Date | null
}

export interface StatementLine {
  id: string
  kind: PostingKind
  amount: number
  owedChange: number
  balanceAfter: number
  owedAfter: number
  subject: string | null
  reason: string | null
  batchExpiresAt: Date | null
  expiresAt: Date | null
  createdAt: Date
}

export interface ReportMonth {
  month: string
  issued: number
  reversed: number
  deducted: number
  redeemed: number
  refunded: number
  expired: number
  outstanding: number
  owed: number
  fulfilledCount: number
}

interface PageInfo {
  endCursor: string | null
  hasNextPage: boolean
}

/** The hour record facts earning needs. */
export interface EarningRecord {
  id: string
  volunteerId: string
  activityId: string
  minutes: number | null
  pointsEligible: boolean
}

const statementCursor = z.object({ s: z.number().int() })
const holderCursor = z.object({ b: z.number().int(), id: z.string().uuid() })
const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)

export class PointsService {
  constructor(private readonly app: FastifyInstance) {}

  private get db() {
    return this.app.db
  }
  private get clock() {
    return this.app.clock
  }

  // ── Posting (inside other features' transactions) ──────────────────────────

  /**
   * Approved hours earn: minutes × the category's coefficient for points-eligible records
   * (back-filled ones are not). Every person is locked first, in one order.
   */
  async earnForApproved(tx: Tx, communityId: string, records: readonly EarningRecord[], actorId: string) {
    const eligible = records.filter((r) => r.pointsEligible && (r.minutes ?? 0) > 0)
    if (eligible.length === 0) return
    const now = this.clock.now()
    const settings = await this.app.settingsService.effective(tx, communityId)
    const coefficient = new Map(settings.categories.map((c) => [c.code, c.coefficient]))
    const { rows } = await tx.execute(sql`select a.id, p.category from activities a
      join projects p on p.community_id = a.community_id and p.id = a.project_id
      where a.community_id = ${communityId} and a.id in ${[...new Set(eligible.map((r) => r.activityId))]}`)
    const categoryOf = new Map(rows.map((r) => [r.id as string, r.category as string]))
    await ledger.lockPeople(
      tx,
      communityId,
      eligible.map((r) => r.volunteerId),
      now,
    )
    for (const r of eligible) {
      const points = pointsForMinutes(r.minutes!, coefficient.get(categoryOf.get(r.activityId) ?? '') ?? 1)
      await ledger.credit(
        tx,
        'earn',
        { communityId, volunteerId: r.volunteerId, actorId, now, hourRecordId: r.id },
        points,
        settings.pointsExpiryRule,
      )
      await this.scheduleExpiry(tx, communityId, settings.pointsExpiryRule, now)
    }
  }

  /** A correction voided `voided` and approved `replacement`: take back what the first earned, earn the second. */
  async correctEarning(
    tx: Tx,
    communityId: string,
    voided: EarningRecord,
    replacement: EarningRecord,
    actorId: string,
    reason: string,
  ) {
    const now = this.clock.now()
    await ledger.lockPeople(tx, communityId, [voided.volunteerId], now)
    await ledger.reverse(tx, {
      communityId,
      volunteerId: voided.volunteerId,
      actorId,
      now,
      hourRecordId: voided.id,
      reason,
    })
    await this.earnForApproved(tx, communityId, [replacement], actorId)
  }

  /**
   * The bonus for a project rated 5 (the closing-the-loop feature calls it in its transaction):
   * `points` (default: the community's ratingBonusPoints) to each volunteer, once per project and
   * person — a second call posts nothing. Answers how many were credited.
   */
  async postBonus(
    tx: Tx,
    args: {
      communityId: string
      projectId: string
      volunteerIds: readonly string[]
      actorId: string | null
      points?: number
    },
  ): Promise<number> {
    const settings = await this.app.settingsService.effective(tx, args.communityId)
    const points = args.points ?? settings.ratingBonusPoints
    if (points <= 0 || args.volunteerIds.length === 0) return 0
    const now = this.clock.now()
    await ledger.lockPeople(tx, args.communityId, args.volunteerIds, now)
    let credited = 0
    for (const volunteerId of [...new Set(args.volunteerIds)].sort()) {
      const posted = await ledger.credit(
        tx,
        'bonus',
        { communityId: args.communityId, volunteerId, actorId: args.actorId, now, projectId: args.projectId },
        points,
        settings.pointsExpiryRule,
      )
      if (posted) credited++
    }
    if (credited > 0) await this.scheduleExpiry(tx, args.communityId, settings.pointsExpiryRule, now)
    return credited
  }

  /** Credits carry their batch; the batch's expiry job is scheduled once per community and batch. */
  private async scheduleExpiry(tx: Tx, communityId: string, rule: PointsExpiryRule, now: Date) {
    const at = pointsExpireAt(rule, now)
    if (!at) return
    await this.app.jobs.schedule(
      POINTS_EXPIRE,
      { communityId, batch: at.toISOString() },
      { runAt: at, dedupeKey: `${POINTS_EXPIRE}:${communityId}:${at.toISOString()}`, communityId },
      tx,
    )
  }

  /**
   * Staff give (positive) or take (negative, never below zero) points with a reason; audited,
   * the person told. Codes: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT (REASON_REQUIRED, AMOUNT_INVALID),
   * INSUFFICIENT_POINTS.
   */
  async adjust(viewer: Viewer, communityId: string, raw: unknown) {
    const input = parseInput(pointsAdjustmentSchema, raw)
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const [person] = (
        await tx.execute(sql`select u.id from users u where u.id = ${input.volunteerId} and u.deleted_at is null`)
      ).rows
      if (!person) throw new DomainError('NOT_FOUND', 'person not found')
      const now = this.clock.now()
      const cause = { communityId, volunteerId: input.volunteerId, actorId: viewer.userId, now, reason: input.reason }
      await ledger.lockPeople(tx, communityId, [input.volunteerId], now)
      if (input.amount > 0) {
        const { pointsExpiryRule } = await this.app.settingsService.effective(tx, communityId)
        await ledger.credit(tx, 'adjust', cause, input.amount, pointsExpiryRule)
        await this.scheduleExpiry(tx, communityId, pointsExpiryRule, now)
      } else {
        await ledger.deduct(tx, cause, -input.amount)
      }
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'points.adjust',
        targetType: 'user',
        targetId: input.volunteerId,
        place,
        after: { amount: input.amount },
        reason: input.reason,
      })
      const [community] = (await tx.execute(sql`select name from communities where id = ${communityId}`)).rows
      await this.app.notifications.bus.publish(tx, {
        kind: 'points.adjusted',
        communityId,
        subject: { type: 'user', id: input.volunteerId },
        params: { communityName: String(community?.name ?? ''), amount: input.amount, reason: input.reason },
        to: { people: [input.volunteerId] },
        except: viewer.userId,
      })
    })
    const { nodes } = await this.holders(viewer, communityId, { volunteerId: input.volunteerId }, 1, null)
    return nodes[0]!
  }

  /** The expiry job for one batch: each wallet with credits in it, in its own transaction. */
  async expireBatch(communityId: string, batch: Date): Promise<number> {
    const { rows } = await this.db.execute(sql`select distinct a.owner_id as "ownerId"
      from ledger_entries e join ledger_accounts a on a.community_id = e.community_id and a.id = e.account_id
      where e.community_id = ${communityId} and e.expires_at is not null and e.expires_at <= ${batch}
        and a.kind = 'wallet'`)
    let expired = 0
    for (const r of rows) {
      expired += await this.db.transaction((tx) =>
        ledger.expire(tx, { communityId, volunteerId: r.ownerId as string, now: this.clock.now() }),
      )
    }
    return expired
  }

  // ── Reading ────────────────────────────────────────────────────────────────

  private async walletViews(db: DbOrTx, volunteerId: string, communityId: string | null): Promise<WalletView[]> {
    const now = this.clock.now()
    const { rows } = await db.execute(sql`
      select c.id as "communityId", c.name as "communityName",
             max(case when a.kind = 'wallet' then a.id::text end) as "walletId",
             coalesce(max(a.balance) filter (where a.kind = 'wallet'), 0)::int as balance,
             coalesce(-min(a.balance) filter (where a.kind = 'debt'), 0)::int as owed,
             (select coalesce(sum(r.price), 0) from redemptions r
               where r.community_id = c.id and r.volunteer_id = ${volunteerId} and r.state = 'reserved')::int as reserved
        from ledger_accounts a join communities c on c.id = a.community_id
       where a.owner_id = ${volunteerId} ${communityId ? sql`and a.community_id = ${communityId}` : sql``}
       group by c.id, c.name order by c.name`)
    const views: WalletView[] = []
    for (const r of rows) {
      const lapse = nextLapse(
        walletLots(await ledger.walletMovements(db, r.communityId as string, r.walletId as string)),
        now,
      )
      const expiring = Math.min(lapse?.points ?? 0, Number(r.balance))
      const at = lapse?.at ?? null
      views.push({
        communityId: r.communityId as string,
        communityName: r.communityName as string,
        balance: Number(r.balance),
        owed: Number(r.owed),
        reserved: Number(r.reserved),
        expiringPoints: expiring,
        expiringAt: expiring > 0 ? at : null,
      })
    }
    return views
  }

  async myWallets(viewer: Viewer): Promise<WalletView[]> {
    return this.walletViews(this.db, viewer.userId, null)
  }

  private async wallet(volunteerId: string, communityId: string): Promise<WalletView> {
    const [found] = await this.walletViews(this.db, volunteerId, communityId)
    if (found) return found
    const [c] = (await this.db.execute(sql`select name from communities where id = ${communityId}`)).rows
    return {
      communityId,
      communityName: String(c?.name ?? ''),
      balance: 0,
      owed: 0,
      reserved: 0,
      expiringPoints: 0,
      expiringAt: null,
    }
  }

  /** A statement, newest first: one line per posting that concerned the person, with running balances. */
  private async statement(communityId: string, volunteerId: string, first: number, after: string | null) {
    const limit = Math.min(Math.max(first, 1), 100)
    const cursor = decodeCursor(statementCursor, after)
    const { rows } = await this.db.execute(sql`
      with lines as (
        select p.id, p.kind, p.reason, p.batch_expires_at, p.created_at, p.person_seq, p.hour_record_id, p.redemption_id, p.project_id,
               coalesce(sum(e.amount) filter (where a.kind = 'wallet'), 0)::int as amount,
               coalesce(-sum(e.amount) filter (where a.kind = 'debt'), 0)::int as owed_change,
               max(e.expires_at) filter (where a.kind = 'wallet') as expires_at
          from ledger_postings p
          join ledger_entries e on e.community_id = p.community_id and e.posting_id = p.id
          join ledger_accounts a on a.community_id = e.community_id and a.id = e.account_id and a.owner_id = ${volunteerId}
         where p.community_id = ${communityId} and p.volunteer_id = ${volunteerId}
         group by p.community_id, p.id
      ), running as (
        select l.*, sum(amount) over w as balance_after, sum(owed_change) over w as owed_after
          from lines l window w as (order by person_seq rows unbounded preceding)
      )
      select r.id, r.person_seq as "personSeq", r.kind, r.reason, r.batch_expires_at as "batchExpiresAt", r.created_at as "createdAt",
             r.amount, r.owed_change as "owedChange", r.balance_after::int as "balanceAfter", r.owed_after::int as "owedAfter",
             r.expires_at as "expiresAt",
             coalesce(act.title, w.name, pr.title) as subject
        from running r
        left join hour_records h on h.community_id = ${communityId} and h.id = r.hour_record_id
        left join activities act on act.community_id = h.community_id and act.id = h.activity_id
        left join redemptions rd on rd.community_id = ${communityId} and rd.id = r.redemption_id
        left join rewards w on w.community_id = rd.community_id and w.id = rd.reward_id
        left join projects pr on pr.community_id = ${communityId} and pr.id = r.project_id
       ${cursor ? sql`where r.person_seq < ${cursor.s}` : sql``}
       order by r.person_seq desc
       limit ${limit + 1}`)
    const lines = rows.slice(0, limit).map((r): StatementLine => ({
      id: r.id as string,
      kind: r.kind as PostingKind,
      amount: Number(r.amount),
      owedChange: Number(r.owedChange),
      balanceAfter: Number(r.balanceAfter),
      owedAfter: Number(r.owedAfter),
      subject: (r.subject as string | null) ?? null,
      reason: (r.reason as string | null) ?? null,
      batchExpiresAt: toDateOrNull(r.batchExpiresAt),
      expiresAt: toDateOrNull(r.expiresAt),
      createdAt: toDate(r.createdAt),
    }))
    const lastSeq = rows[Math.min(rows.length, limit) - 1]?.personSeq
    const pageInfo: PageInfo = {
      endCursor: lastSeq === undefined ? null : encodeCursor({ s: Number(lastSeq) }),
      hasNextPage: rows.length > limit,
    }
    return { wallet: await this.wallet(volunteerId, communityId), lines, pageInfo }
  }

  async myStatement(viewer: Viewer, communityId: string, first: number, after: string | null) {
    if (!(await loadAncestry(this.db, { kind: 'community', id: communityId }))) {
      throw new DomainError('NOT_FOUND', 'community not found')
    }
    return this.statement(communityId, viewer.userId, first, after)
  }

  async volunteerStatement(
    viewer: Viewer,
    communityId: string,
    volunteerId: string,
    first: number,
    after: string | null,
  ) {
    await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, ADMIN_ROLES)
    if (!isUuid(volunteerId)) throw new DomainError('NOT_FOUND', 'person not found')
    return this.statement(communityId, volunteerId, first, after)
  }

  /** Staff: people with a wallet in the community, by balance (phone masked). */
  async holders(
    viewer: Viewer,
    communityId: string,
    filter: { search?: string | null; volunteerId?: string },
    first: number,
    after: string | null,
  ) {
    await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, ADMIN_ROLES)
    const limit = Math.min(Math.max(first, 1), 100)
    const cursor = decodeCursor(holderCursor, after)
    const search = filter.search?.trim()
    // A whole phone number also finds someone without a wallet here yet (balance 0).
    const wholePhone = search && /^1\d{10}$/.test(search) ? search : null
    const { rows } = await this.db.execute(sql`
      select u.id as "volunteerId", u.real_name as "realName", u.phone,
             coalesce(w.balance, 0) as balance, coalesce(-d.balance, 0) as owed,
             (select coalesce(sum(r.price), 0) from redemptions r where r.community_id = ${communityId}
                and r.volunteer_id = u.id and r.state = 'reserved')::int as reserved
        from users u
        left join ledger_accounts w on w.community_id = ${communityId} and w.owner_id = u.id and w.kind = 'wallet'
        left join ledger_accounts d on d.community_id = ${communityId} and d.owner_id = u.id and d.kind = 'debt'
       where u.deleted_at is null
         and ${wholePhone ? sql`u.phone = ${wholePhone}` : sql`w.id is not null`}
         ${filter.volunteerId ? sql`and u.id = ${filter.volunteerId}` : sql``}
         ${search && !wholePhone ? sql`and (u.real_name like ${'%' + search + '%'} or u.phone like ${'%' + search + '%'})` : sql``}
         ${cursor ? sql`and (coalesce(w.balance, 0), u.id) < (${cursor.b}, ${cursor.id})` : sql``}
       order by coalesce(w.balance, 0) desc, u.id desc
       limit ${limit + 1}`)
    const nodes = rows.slice(0, limit).map((r) => ({
      volunteerId: r.volunteerId as string,
      realName: r.realName as string,
      phone: maskPhone(r.phone as string),
      balance: Number(r.balance),
      owed: Number(r.owed),
      reserved: Number(r.reserved),
    }))
    const last = nodes.at(-1)
    return {
      nodes,
      pageInfo: {
        endCursor: last ? encodeCursor({ b: last.balance, id: last.volunteerId }) : null,
        hasNextPage: rows.length > limit,
      },
    }
  }

  /**
   * 积分管理's holders for the Excel export (every page, the search on screen): phones masked
   * unless a reason is given, which one audit event keeps.
   */
  async exportHolders(viewer: Viewer, communityId: string, search: string | null, reason: string | null) {
    const rows = await everyPage((after) => this.holders(viewer, communityId, { search }, 100, after))
    if (!reason || rows.length === 0) return rows
    const phones = new Map<string, string>()
    for (let i = 0; i < rows.length; i += 500) {
      const ids = rows.slice(i, i + 500).map((r) => r.volunteerId)
      const found = await this.db.execute(sql`select id, phone from users where id in ${ids}`)
      for (const r of found.rows) phones.set(r.id as string, r.phone as string)
    }
    await auditContactsExport(this.db, this.clock, viewer, communityId, {
      targetType: 'ledger',
      list: 'points',
      reason,
      rows: rows.length,
    })
    return rows.map((r) => ({ ...r, phone: phones.get(r.volunteerId) ?? r.phone }))
  }

  /**
   * Staff (and the admins above): per month in Shanghai, from and to `YYYY-MM` (at most 36
   * months), what was issued, reversed, deducted, redeemed, refunded and expired, and what wallets
   * held and people owed at each month's end.
   */
  async report(viewer: Viewer, communityId: string, rawFrom: string, rawTo: string) {
    await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, ADMIN_ROLES)
    const from = parseInput(monthSchema, rawFrom)
    const to = parseInput(monthSchema, rawTo)
    const months = monthsBetween(from, to)
    if (months.length === 0) {
      throw new DomainError('BAD_USER_INPUT', 'From must not be after to, at most 36 months', { field: 'to' })
    }
    const start = periodBounds({ kind: 'month', value: from }).from!
    const end = periodBounds({ kind: 'month', value: to }).to!
    const monthOf = sql`to_char(e.created_at at time zone 'Asia/Shanghai', 'YYYY-MM')`
    const { rows } = await this.db.execute(sql`
      select ${monthOf} as month, p.kind, a.kind as account,
             coalesce(sum(e.amount) filter (where e.amount > 0), 0)::int as plus,
             coalesce(-sum(e.amount) filter (where e.amount < 0), 0)::int as minus
        from ledger_entries e
        join ledger_postings p on p.community_id = e.community_id and p.id = e.posting_id
        join ledger_accounts a on a.community_id = e.community_id and a.id = e.account_id
       where e.community_id = ${communityId} and e.created_at >= ${start} and e.created_at < ${end}
       group by 1, 2, 3`)
    const [opening] = (
      await this.db.execute(sql`select
          coalesce(sum(e.amount) filter (where a.kind = 'wallet'), 0)::int as wallets,
          coalesce(-sum(e.amount) filter (where a.kind = 'debt'), 0)::int as owed
        from ledger_entries e join ledger_accounts a on a.community_id = e.community_id and a.id = e.account_id
        where e.community_id = ${communityId} and e.created_at < ${start}`)
    ).rows
    const { rows: fulfilled } = await this.db.execute(sql`
      select to_char(r.fulfilled_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*)::int as n
        from redemptions r
       where r.community_id = ${communityId} and r.fulfilled_at >= ${start} and r.fulfilled_at < ${end}
       group by 1`)
    const byMonth = new Map<string, ReportMonth>(
      months.map((month) => [
        month,
        {
          month,
          issued: 0,
          reversed: 0,
          deducted: 0,
          redeemed: 0,
          refunded: 0,
          expired: 0,
          outstanding: 0,
          owed: 0,
          fulfilledCount: 0,
        },
      ]),
    )
    const flow = new Map<string, { wallets: number; owed: number }>()
    for (const r of rows) {
      const m = byMonth.get(r.month as string)
      if (!m) continue
      const plus = Number(r.plus)
      const minus = Number(r.minus)
      const f = flow.get(m.month) ?? { wallets: 0, owed: 0 }
      if (r.account === 'wallet') f.wallets += plus - minus
      if (r.account === 'debt') f.owed += minus - plus
      flow.set(m.month, f)
      if (r.account === 'issuance') {
        if (r.kind === 'earn' || r.kind === 'bonus' || r.kind === 'adjust') m.issued += minus
        if (r.kind === 'adjust') m.deducted += plus
        if (r.kind === 'reverse') m.reversed += plus
        if (r.kind === 'expire') m.expired += plus
      }
      if (r.account === 'store') {
        if (r.kind === 'redeem') m.redeemed += plus
        if (r.kind === 'refund') m.refunded += minus
      }
    }
    for (const f of fulfilled) {
      const m = byMonth.get(f.month as string)
      if (m) m.fulfilledCount = Number(f.n)
    }
    let wallets = Number(opening?.wallets ?? 0)
    let owed = Number(opening?.owed ?? 0)
    for (const m of byMonth.values()) {
      const f = flow.get(m.month) ?? { wallets: 0, owed: 0 }
      wallets += f.wallets
      owed += f.owed
      m.outstanding = wallets
      m.owed = owed
    }
    const list = [...byMonth.values()]
    const sum = (k: keyof ReportMonth) => list.reduce((s, m) => s + (m[k] as number), 0)
    const total: ReportMonth = {
      month: `${from}–${to}`,
      issued: sum('issued'),
      reversed: sum('reversed'),
      deducted: sum('deducted'),
      redeemed: sum('redeemed'),
      refunded: sum('refunded'),
      expired: sum('expired'),
      outstanding: list.at(-1)!.outstanding,
      owed: list.at(-1)!.owed,
      fulfilledCount: sum('fulfilledCount'),
    }
    const query = new URLSearchParams({ communityId, from, to })
    return { communityId, from, to, months: list, total, xlsxPath: `/exports/points-report.xlsx?${query}` }
  }
}
