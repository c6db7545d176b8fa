/**
 * 积分超市: rewards staff manage, redemptions volunteers make, 核销 at the service hall.
 *
 * A redemption takes the volunteer's wallet lock first (so their balance and their count against
 * the reward's per-person limit are read and written by one transaction at a time), then one unit
 * of stock by a guarded `UPDATE … WHERE stock > 0` (and a CHECK on stock ≥ 0), then posts
 * `redeem` (the wallet's CHECK refuses going below zero whatever the code does). A cancellation —
 * by the volunteer, by staff with a reason, or by the pick-up job — gives both back (`refund`).
 * Lock order everywhere: wallet → redemption → reward → the community's accounts.
 */
import {
  DomainError,
  assertTransition,
  formatRedemptionCode,
  maskPhone,
  normalizeRedemptionCode,
  reasonSchema,
  redemptionMachine,
  rewardInputSchema,
  type RedemptionState,
} from '@linli/shared'
import { randomInt } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import QRCode from 'qrcode'
import { z } from 'zod'
import { ADMIN_ROLES, isUuid, loadAncestry, requireCommunityStaff, requirePlaceRole } from '../../access/places.ts'
import { newId } from '../../db/columns.ts'
import type { DbOrTx, Tx } from '../../db/index.ts'
import { redemptions, rewards, units } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { beginIdempotent, finishIdempotent } from '../../lib/idempotency.ts'
import { parseInput } from '../../lib/input.ts'
import { decodeCursor, encodeCursor, toDate, toDateOrNull } from '../../lib/rows.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import * as ledger from './ledger.ts'

export const REWARD_PICTURE = 'reward_picture'
export const REDEMPTION_EXPIRE = 'redemption.expire'

const rewardNotFound = () => new DomainError('NOT_FOUND', 'reward not found')
const redemptionNotFound = () => new DomainError('NOT_FOUND', 'redemption not found')
/** A 核销 retried this soon after it succeeded answers the same redemption. */
const FULFIL_REPLAY_MS = 10 * 60_000

export interface RewardView {
  id: string
  communityId: string
  name: string
  description: string
  price: number
  stock: number
  perPersonLimit: number | null
  sponsor: { id: string; name: string } | null
  pictureId: string | null
  onSale: boolean
  myRedemptionCount: number
  createdAt: Date
  updatedAt: Date
}

export interface RedemptionView {
  id: string
  communityId: string
  communityName: string
  rewardId: string
  rewardName: string
  rewardPictureId: string | null
  price: number
  state: RedemptionState
  code: string | null
  qrPng: string | null
  volunteer: { id: string; realName: string; phone: string }
  reservedAt: Date
  pickUpBy: Date
  fulfilledAt: Date | null
  cancelledAt: Date | null
  cancelReason: 'volunteer' | 'expired' | 'staff' | null
}

/** A redemption as read: the view's facts, with the code and the person's own fields. */
type RedemptionRow = Omit<RedemptionView, 'code' | 'qrPng' | 'volunteer'> & {
  code: string
  volunteerId: string
  realName: string
  phone: string
}

const rewardUpdateSchema = rewardInputSchema.omit({ stock: true })
const keysetSchema = z.object({ t: z.string(), id: z.string().uuid() })

const REDEMPTION_SELECT = sql`select r.id, r.community_id as "communityId", c.name as "communityName",
  r.reward_id as "rewardId", w.name as "rewardName", w.picture_file_id as "rewardPictureId", r.price, r.state, r.code,
  r.volunteer_id as "volunteerId", u.real_name as "realName", u.phone, r.reserved_at as "reservedAt",
  r.pick_up_by as "pickUpBy", r.fulfilled_at as "fulfilledAt", r.cancelled_at as "cancelledAt",
  r.cancel_reason as "cancelReason"
  from redemptions r
  join rewards w on w.community_id = r.community_id and w.id = r.reward_id
  join communities c on c.id = r.community_id
  join users u on u.id = r.volunteer_id`

function toRedemption(r: Record<string, unknown>): RedemptionRow {
  return {
    ...(r as unknown as RedemptionRow),
    price: Number(r.price),
    reservedAt: toDate(r.reservedAt),
    pickUpBy: toDate(r.pickUpBy),
    fulfilledAt: toDateOrNull(r.fulfilledAt),
    cancelledAt: toDateOrNull(r.cancelledAt),
  }
}

export class StoreService {
  constructor(private readonly app: FastifyInstance) {}

  private get db() {
    return this.app.db
  }
  private get clock() {
    return this.app.clock
  }

  // ── Rewards ────────────────────────────────────────────────────────────────

  private async rewardViews(db: DbOrTx, viewer: Viewer, communityId: string, where: ReturnType<typeof sql>) {
    const { rows } = await db.execute(sql`
      select w.id, w.community_id as "communityId", w.name, w.description, w.price, w.stock,
             w.per_person_limit as "perPersonLimit", w.sponsor_unit_id as "sponsorId", un.name as "sponsorName",
             w.picture_file_id as "pictureId", w.on_sale as "onSale", w.created_at as "createdAt", w.updated_at as "updatedAt",
             (select count(*) from redemptions r where r.community_id = w.community_id and r.reward_id = w.id
                and r.volunteer_id = ${viewer.userId} and r.state in ('reserved', 'fulfilled'))::int as "mine"
        from rewards w left join units un on un.id = w.sponsor_unit_id
       where w.community_id = ${communityId} and ${where}
       order by w.on_sale desc, w.price, w.created_at, w.id`)
    return rows.map((r): RewardView => ({
      id: r.id as string,
      communityId: r.communityId as string,
      name: r.name as string,
      description: r.description as string,
      price: Number(r.price),
      stock: Number(r.stock),
      perPersonLimit: r.perPersonLimit === null ? null : Number(r.perPersonLimit),
      sponsor: r.sponsorId ? { id: r.sponsorId as string, name: r.sponsorName as string } : null,
      pictureId: (r.pictureId as string | null) ?? null,
      onSale: r.onSale as boolean,
      myRedemptionCount: Number(r.mine),
      createdAt: toDate(r.createdAt),
      updatedAt: toDate(r.updatedAt),
    }))
  }

  private async isStaffReader(db: DbOrTx, viewer: Viewer, communityId: string): Promise<boolean> {
    try {
      await requirePlaceRole(db, viewer, { kind: 'community', id: communityId }, ADMIN_ROLES)
      return true
    } catch {
      return false
    }
  }

  /** On-sale rewards for anyone signed in; staff (and admins above) may include those off sale. */
  async rewards(viewer: Viewer, communityId: string, includeOffSale: boolean): Promise<RewardView[]> {
    if (!(await loadAncestry(this.db, { kind: 'community', id: communityId }))) return []
    const all = includeOffSale && (await this.isStaffReader(this.db, viewer, communityId))
    return this.rewardViews(this.db, viewer, communityId, all ? sql`true` : sql`w.on_sale`)
  }

  async reward(viewer: Viewer, communityId: string, id: string): Promise<RewardView | null> {
    if (!isUuid(communityId) || !isUuid(id)) return null
    const [row] = await this.rewardViews(this.db, viewer, communityId, sql`w.id = ${id}`)
    if (!row) return null
    return row.onSale || (await this.isStaffReader(this.db, viewer, communityId)) ? row : null
  }

  private async requireReward(tx: DbOrTx, viewer: Viewer, communityId: string, id: string): Promise<RewardView> {
    if (!isUuid(id)) throw rewardNotFound()
    const [row] = await this.rewardViews(tx, viewer, communityId, sql`w.id = ${id}`)
    if (!row) throw rewardNotFound()
    return row
  }

  private async checkSponsor(tx: DbOrTx, sponsorUnitId: string | null) {
    if (!sponsorUnitId) return
    const [u] = await tx.select({ id: units.id }).from(units).where(eq(units.id, sponsorUnitId))
    if (!u) throw new DomainError('NOT_FOUND', 'unit not found', { field: 'sponsorUnitId' })
  }

  /** Staff: a new reward. Codes: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT. */
  async createReward(viewer: Viewer, communityId: string, raw: unknown): Promise<RewardView> {
    const input = parseInput(rewardInputSchema, raw)
    const id = newId()
    return this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      await this.checkSponsor(tx, input.sponsorUnitId)
      const now = this.clock.now()
      await tx.insert(rewards).values({
        communityId,
        id,
        name: input.name,
        description: input.description,
        price: input.price,
        stock: input.stock,
        perPersonLimit: input.perPersonLimit,
        sponsorUnitId: input.sponsorUnitId,
        pictureFileId: input.pictureFileId,
        createdBy: viewer.userId,
        createdAt: now,
        updatedAt: now,
      })
      if (input.pictureFileId)
        await this.app.files.attach(tx, [input.pictureFileId], REWARD_PICTURE, id, viewer, communityId)
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'reward.create',
        targetType: 'reward',
        targetId: id,
        place,
        after: { ...input },
      })
      return this.requireReward(tx, viewer, communityId, id)
    })
  }

  /** Staff: name, description, price, limit, sponsor, a new picture; stock moves by restock only. */
  async updateReward(viewer: Viewer, communityId: string, id: string, raw: unknown): Promise<RewardView> {
    const input = parseInput(rewardUpdateSchema, raw)
    return this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const before = await this.requireReward(tx, viewer, communityId, id)
      await this.checkSponsor(tx, input.sponsorUnitId)
      const picture = input.pictureFileId ?? before.pictureId
      if (input.pictureFileId && input.pictureFileId !== before.pictureId) {
        await this.app.files.attach(tx, [input.pictureFileId], REWARD_PICTURE, id, viewer, communityId)
        if (before.pictureId) await this.app.files.markDeleted(tx, [before.pictureId])
      }
      await tx
        .update(rewards)
        .set({
          name: input.name,
          description: input.description,
          price: input.price,
          perPersonLimit: input.perPersonLimit,
          sponsorUnitId: input.sponsorUnitId,
          pictureFileId: picture,
          updatedAt: this.clock.now(),
        })
        .where(and(eq(rewards.communityId, communityId), eq(rewards.id, id)))
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'reward.update',
        targetType: 'reward',
        targetId: id,
        place,
        before: { name: before.name, price: before.price, perPersonLimit: before.perPersonLimit },
        after: { name: input.name, price: input.price, perPersonLimit: input.perPersonLimit },
      })
      return this.requireReward(tx, viewer, communityId, id)
    })
  }

  /** Staff: stock + change in one guarded statement (concurrent redemptions keep their units). */
  async restockReward(viewer: Viewer, communityId: string, id: string, change: number): Promise<RewardView> {
    if (!Number.isInteger(change) || change === 0 || Math.abs(change) > 100_000) {
      throw new DomainError('BAD_USER_INPUT', 'Invalid stock change', { field: 'change', code: 'STOCK_INVALID' })
    }
    return this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      await this.requireReward(tx, viewer, communityId, id)
      const [row] = await tx
        .update(rewards)
        .set({ stock: sql`${rewards.stock} + ${change}`, updatedAt: this.clock.now() })
        .where(and(eq(rewards.communityId, communityId), eq(rewards.id, id), sql`${rewards.stock} + ${change} >= 0`))
        .returning({ stock: rewards.stock })
      if (!row)
        throw new DomainError('BAD_USER_INPUT', 'Stock cannot go below zero', {
          field: 'change',
          code: 'STOCK_INVALID',
        })
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'reward.restock',
        targetType: 'reward',
        targetId: id,
        place,
        after: { change, stock: row.stock },
      })
      return this.requireReward(tx, viewer, communityId, id)
    })
  }

  async setRewardOnSale(viewer: Viewer, communityId: string, id: string, onSale: boolean): Promise<RewardView> {
    return this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      await this.requireReward(tx, viewer, communityId, id)
      await tx
        .update(rewards)
        .set({ onSale, updatedAt: this.clock.now() })
        .where(and(eq(rewards.communityId, communityId), eq(rewards.id, id)))
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: onSale ? 'reward.on_sale' : 'reward.off_sale',
        targetType: 'reward',
        targetId: id,
        place,
      })
      return this.requireReward(tx, viewer, communityId, id)
    })
  }

  // ── Redemptions ────────────────────────────────────────────────────────────

  private async findRedemption(db: DbOrTx, communityId: string, id: string): Promise<RedemptionRow | null> {
    if (!isUuid(communityId) || !isUuid(id)) return null
    const { rows } = await db.execute(sql`${REDEMPTION_SELECT} where r.community_id = ${communityId} and r.id = ${id}`)
    return rows[0] ? toRedemption(rows[0]) : null
  }

  private async view(viewer: Viewer, r: RedemptionRow): Promise<RedemptionView> {
    const own = r.volunteerId === viewer.userId
    const live = own && r.state === 'reserved'
    return {
      id: r.id,
      communityId: r.communityId,
      communityName: r.communityName,
      rewardId: r.rewardId,
      rewardName: r.rewardName,
      rewardPictureId: r.rewardPictureId,
      price: r.price,
      state: r.state,
      code: live ? r.code : null,
      qrPng: live ? await QRCode.toDataURL(r.code, { errorCorrectionLevel: 'M', margin: 2, scale: 8 }) : null,
      volunteer: { id: r.volunteerId, realName: r.realName, phone: own ? r.phone : maskPhone(r.phone) },
      reservedAt: r.reservedAt,
      pickUpBy: r.pickUpBy,
      fulfilledAt: r.fulfilledAt,
      cancelledAt: r.cancelledAt,
      cancelReason: r.cancelReason,
    }
  }

  private async reload(viewer: Viewer, communityId: string, id: string): Promise<RedemptionView> {
    return this.view(viewer, (await this.findRedemption(this.db, communityId, id))!)
  }

  /**
   * Redeem: points and one unit of stock held at once, a code issued, the pick-up deadline
   * scheduled. A retry with the same idempotency key answers the first redemption.
   * Codes: NOT_FOUND (no such reward on sale), INSUFFICIENT_POINTS, OUT_OF_STOCK,
   * REDEMPTION_LIMIT_REACHED, IDEMPOTENCY_KEY_REUSED.
   */
  async redeem(
    viewer: Viewer,
    communityId: string,
    rewardId: string,
    idempotencyKey?: string | null,
  ): Promise<RedemptionView> {
    const result = await this.db.transaction(async (tx) => {
      const begun = await beginIdempotent<{ redemptionId: string }>(tx, this.clock, {
        actorId: viewer.userId,
        operation: 'redeemReward',
        key: idempotencyKey,
        input: { communityId, rewardId },
      })
      if (begun.replay) return begun.replay
      if (!isUuid(communityId) || !isUuid(rewardId)) throw rewardNotFound()
      const [reward] = await tx
        .select()
        .from(rewards)
        .where(and(eq(rewards.communityId, communityId), eq(rewards.id, rewardId), eq(rewards.onSale, true)))
      if (!reward) throw rewardNotFound()
      const now = this.clock.now()
      const person = (await ledger.lockPeople(tx, communityId, [viewer.userId], now)).get(viewer.userId)!
      if (person.wallet.balance < reward.price) {
        throw new DomainError('INSUFFICIENT_POINTS', 'Not enough points', {
          balance: person.wallet.balance,
          needed: reward.price,
        })
      }
      if (reward.perPersonLimit !== null) {
        const [{ n }] = (
          await tx.execute(sql`select count(*)::int as n from redemptions
          where community_id = ${communityId} and reward_id = ${rewardId} and volunteer_id = ${viewer.userId}
            and state in ('reserved', 'fulfilled')`)
        ).rows as [{ n: number }]
        if (Number(n) >= reward.perPersonLimit) {
          throw new DomainError('REDEMPTION_LIMIT_REACHED', 'This reward allows no more redemptions for you', {
            limit: reward.perPersonLimit,
          })
        }
      }
      const [taken] = await tx
        .update(rewards)
        .set({ stock: sql`${rewards.stock} - 1` })
        .where(and(eq(rewards.communityId, communityId), eq(rewards.id, rewardId), sql`${rewards.stock} > 0`))
        .returning({ stock: rewards.stock })
      if (!taken) throw new DomainError('OUT_OF_STOCK', 'The reward is out of stock')
      const { redemptionPickupHours } = await this.app.settingsService.effective(tx, communityId)
      const pickUpBy = new Date(now.getTime() + redemptionPickupHours * 3_600_000)
      const id = newId()
      await this.insertWithCode(tx, {
        communityId,
        id,
        rewardId,
        volunteerId: viewer.userId,
        price: reward.price,
        reservedAt: now,
        pickUpBy,
      })
      await ledger.settleRedemption(
        tx,
        'redeem',
        { communityId, volunteerId: viewer.userId, actorId: viewer.userId, now, redemptionId: id },
        reward.price,
      )
      await this.app.jobs.schedule(
        REDEMPTION_EXPIRE,
        { communityId, redemptionId: id },
        { runAt: pickUpBy, dedupeKey: `${REDEMPTION_EXPIRE}:${id}`, communityId },
        tx,
      )
      const out = { redemptionId: id }
      await finishIdempotent(tx, begun.ticket, out)
      return out
    })
    return this.reload(viewer, communityId, result.redemptionId)
  }

  /** A fresh 8-digit code, unique among the community's reserved redemptions (a clash draws again). */
  private async insertWithCode(tx: Tx, row: Omit<typeof redemptions.$inferInsert, 'code' | 'state'>) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const code = String(randomInt(0, 100_000_000)).padStart(8, '0')
      const [inserted] = await tx
        .insert(redemptions)
        .values({ ...row, code, state: 'reserved' })
        .onConflictDoNothing()
        .returning({ id: redemptions.id })
      if (inserted) return
    }
    throw new Error('no free redemption code after 20 draws')
  }

  /**
   * Cancel a reserved redemption: the volunteer their own, staff any of the community's with a
   * reason (the volunteer is told), the pick-up job when it was not collected. Points and stock
   * come back. A cancelled one answers as it is (a retry). Codes: NOT_FOUND, INVALID_TRANSITION
   * (already collected), BAD_USER_INPUT (staff without a reason).
   */
  async cancel(viewer: Viewer, communityId: string, id: string, rawReason?: string | null): Promise<RedemptionView> {
    const seen = await this.findRedemption(this.db, communityId, id)
    if (!seen) throw redemptionNotFound()
    const own = seen.volunteerId === viewer.userId
    if (!own) {
      const reason = parseInput(z.object({ reason: reasonSchema }), { reason: rawReason ?? '' }).reason
      await this.db.transaction(async (tx) => {
        const place = await requireCommunityStaff(tx, viewer, communityId).catch((e: unknown) => {
          throw e instanceof DomainError && e.code === 'FORBIDDEN' ? e : redemptionNotFound()
        })
        const changed = await this.cancelLocked(tx, seen, 'staff', viewer.userId)
        if (!changed) return
        await recordAudit(tx, this.clock, {
          actorId: viewer.userId,
          action: 'redemption.cancel',
          targetType: 'redemption',
          targetId: id,
          place,
          before: { state: 'reserved' },
          after: { state: 'cancelled' },
          reason,
        })
        await this.app.notifications.bus.publish(tx, {
          kind: 'redemption.cancelled',
          communityId,
          subject: { type: 'redemption', id },
          params: { rewardName: seen.rewardName, reason: 'staff' },
          to: { people: [seen.volunteerId] },
          except: viewer.userId,
        })
      })
    } else {
      await this.db.transaction((tx) => this.cancelLocked(tx, seen, 'volunteer', viewer.userId))
    }
    return this.reload(viewer, communityId, id)
  }

  /** Under the wallet's and then the redemption's lock: cancel and refund. False when it was cancelled already. */
  private async cancelLocked(
    tx: Tx,
    seen: RedemptionRow,
    why: 'volunteer' | 'staff' | 'expired',
    actorId: string | null,
  ): Promise<boolean> {
    const now = this.clock.now()
    await ledger.lockPeople(tx, seen.communityId, [seen.volunteerId], now)
    const [row] = await tx
      .select({ state: redemptions.state, pickUpBy: redemptions.pickUpBy })
      .from(redemptions)
      .where(and(eq(redemptions.communityId, seen.communityId), eq(redemptions.id, seen.id)))
      .for('update')
    if (row!.state === 'cancelled') return false
    if (why === 'expired' && (row!.state !== 'reserved' || row!.pickUpBy > now)) return false
    assertTransition(redemptionMachine, row!.state, 'cancelled')
    await tx
      .update(redemptions)
      .set({ state: 'cancelled', cancelledAt: now, cancelReason: why, cancelledBy: actorId })
      .where(and(eq(redemptions.communityId, seen.communityId), eq(redemptions.id, seen.id)))
    await tx
      .update(rewards)
      .set({ stock: sql`${rewards.stock} + 1` })
      .where(and(eq(rewards.communityId, seen.communityId), eq(rewards.id, seen.rewardId)))
    await ledger.settleRedemption(
      tx,
      'refund',
      { communityId: seen.communityId, volunteerId: seen.volunteerId, actorId, now, redemptionId: seen.id },
      seen.price,
    )
    // Points that came back into a batch which lapsed while they were held lapse now.
    await ledger.expire(tx, { communityId: seen.communityId, volunteerId: seen.volunteerId, now })
    return true
  }

  /** Account deletion: every reserved redemption of the person is cancelled and refunded. */
  async cancelAllOf(tx: Tx, volunteerId: string): Promise<void> {
    const { rows } =
      await tx.execute(sql`${REDEMPTION_SELECT} where r.volunteer_id = ${volunteerId} and r.state = 'reserved'
      order by r.community_id, r.id`)
    for (const r of rows) await this.cancelLocked(tx, toRedemption(r), 'volunteer', volunteerId)
  }

  /** The pick-up job: cancel a redemption not collected by its deadline (once; the volunteer is told). */
  async expireRedemption(communityId: string, id: string): Promise<boolean> {
    const seen = await this.findRedemption(this.db, communityId, id)
    if (!seen || seen.state !== 'reserved') return false
    return this.db.transaction(async (tx) => {
      const changed = await this.cancelLocked(tx, seen, 'expired', null)
      if (changed) {
        await this.app.notifications.bus.publish(tx, {
          kind: 'redemption.cancelled',
          communityId,
          subject: { type: 'redemption', id },
          params: { rewardName: seen.rewardName, reason: 'expired' },
          to: { people: [seen.volunteerId] },
        })
      }
      return changed
    })
  }

  /** Reserved redemptions past their pick-up time (for the daily sweep). */
  async overdue(limit: number): Promise<{ communityId: string; id: string }[]> {
    const { rows } = await this.db.execute(sql`select community_id as "communityId", id from redemptions
      where state = 'reserved' and pick_up_by <= ${this.clock.now()} order by pick_up_by limit ${limit}`)
    return rows as { communityId: string; id: string }[]
  }

  private parseCode(rawCode: string): string {
    const code = normalizeRedemptionCode(rawCode)
    if (!code) {
      throw new DomainError('BAD_USER_INPUT', 'A redemption code is 8 digits', {
        field: 'code',
        code: 'REDEMPTION_CODE_FORMAT',
      })
    }
    return code
  }

  /** Staff: the reserved redemption with this code, to check before 核销; null when none. */
  async byCode(viewer: Viewer, communityId: string, rawCode: string): Promise<RedemptionView | null> {
    await requireCommunityStaff(this.db, viewer, communityId)
    const code = this.parseCode(rawCode)
    const { rows } = await this.db.execute(
      sql`${REDEMPTION_SELECT} where r.community_id = ${communityId} and r.code = ${code} and r.state = 'reserved'`,
    )
    return rows[0] ? this.view(viewer, toRedemption(rows[0])) : null
  }

  /**
   * 核销: staff collect the reserved redemption with this code. A retry just after it succeeded
   * answers the same redemption. Codes: REDEMPTION_CODE_INVALID, BAD_USER_INPUT, NOT_FOUND, FORBIDDEN.
   */
  async fulfil(viewer: Viewer, communityId: string, rawCode: string): Promise<RedemptionView> {
    const code = this.parseCode(rawCode)
    const id = await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const now = this.clock.now()
      const [row] = await tx
        .select({ id: redemptions.id, state: redemptions.state })
        .from(redemptions)
        .where(
          and(eq(redemptions.communityId, communityId), eq(redemptions.code, code), eq(redemptions.state, 'reserved')),
        )
        .for('update')
      if (!row) {
        const [done] = await tx
          .select({ id: redemptions.id })
          .from(redemptions)
          .where(
            and(
              eq(redemptions.communityId, communityId),
              eq(redemptions.code, code),
              eq(redemptions.state, 'fulfilled'),
              eq(redemptions.fulfilledBy, viewer.userId),
              sql`${redemptions.fulfilledAt} > ${new Date(now.getTime() - FULFIL_REPLAY_MS)}`,
            ),
          )
        if (done) return done.id
        throw new DomainError('REDEMPTION_CODE_INVALID', 'No reserved redemption has this code')
      }
      assertTransition(redemptionMachine, row.state, 'fulfilled')
      await tx
        .update(redemptions)
        .set({ state: 'fulfilled', fulfilledAt: now, fulfilledBy: viewer.userId })
        .where(and(eq(redemptions.communityId, communityId), eq(redemptions.id, row.id)))
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'redemption.fulfil',
        targetType: 'redemption',
        targetId: row.id,
        place,
        after: { state: 'fulfilled', code: formatRedemptionCode(code) },
      })
      return row.id
    })
    return this.reload(viewer, communityId, id)
  }

  async myRedemptions(viewer: Viewer, state: RedemptionState | null): Promise<RedemptionView[]> {
    const { rows } = await this.db.execute(sql`${REDEMPTION_SELECT}
      where r.volunteer_id = ${viewer.userId} ${state ? sql`and r.state = ${state}` : sql``}
      order by (r.state = 'reserved') desc, r.reserved_at desc, r.id desc limit 200`)
    return Promise.all(rows.map((r) => this.view(viewer, toRedemption(r))))
  }

  /** Staff (and the admins above, reading): the community's redemptions, newest first. */
  async redemptions(
    viewer: Viewer,
    communityId: string,
    state: RedemptionState | null,
    first: number,
    after: string | null,
  ): Promise<{ nodes: RedemptionView[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } }> {
    await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, ADMIN_ROLES)
    const limit = Math.min(Math.max(first, 1), 100)
    const cursor = decodeCursor(keysetSchema, after)
    const { rows } = await this.db.execute(sql`${REDEMPTION_SELECT}
      where r.community_id = ${communityId} ${state ? sql`and r.state = ${state}` : sql``}
      ${cursor ? sql`and (r.reserved_at, r.id) < (${new Date(cursor.t)}, ${cursor.id})` : sql``}
      order by r.reserved_at desc, r.id desc limit ${limit + 1}`)
    const page = rows.slice(0, limit).map(toRedemption)
    const last = page.at(-1)
    return {
      nodes: await Promise.all(page.map((r) => this.view(viewer, r))),
      pageInfo: {
        endCursor: last ? encodeCursor({ t: last.reservedAt.toISOString(), id: last.id }) : null,
        hasNextPage: rows.length > limit,
      },
    }
  }

  /** For the plugin: may this viewer see a reward's picture? Anyone signed in may see the store. */
  static canViewPicture = async () => true
}
