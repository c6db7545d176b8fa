/**
 * 志愿服务记录证明 (民政部《志愿服务记录与证明出具办法》: 谁记录谁证明). A community's staff
 * issue a certificate for a volunteer's approved hours there; the holder and the issuing
 * community's staff read it in full (the print page); anyone with its serial verifies it without
 * signing in and sees the masked name, hours, issuer, date and validity — nothing more. Staff
 * revoke with a reason. Issuing and revoking are audited and tell the volunteer.
 */
import {
  DomainError,
  assertTransition,
  certificateInputSchema,
  certificateMachine,
  maskIdNumber,
  maskPhone,
  phoneSchema,
  reasonSchema,
  type CertificateState,
  type IdType,
} from '@linli/shared'
import { and, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { isUuid, requireCommunityStaff, requirePlaceRole } from '../../access/places.ts'
import { newId } from '../../db/columns.ts'
import { certificates, communities } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { parseInput } from '../../lib/input.ts'
import { openNullable } from '../../lib/crypto.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import { canReadCertificate, defaultServiceContent, hoursText, publicView } from './certificates.policy.ts'
import * as repo from './certificates.repository.ts'
import type { CertificateRecord } from './certificates.repository.ts'
import { communitySealSvg } from './seal.ts'
import { newCertificateSerial, normaliseSerial } from './serial.ts'

const notFound = () => new DomainError('NOT_FOUND', 'certificate not found')

/** A certificate as the GraphQL type `Certificate` shows it. */
export interface CertificateView {
  id: string
  communityId: string
  communityName: string
  serial: string
  volunteerId: string
  realName: string
  idType: IdType | null
  idNumberMasked: string | null
  volunteerNumber: string | null
  minutes: number
  serviceContent: string
  periodFrom: Date
  periodTo: Date
  personInCharge: string
  handlerName: string
  contactPhone: string
  issuedAt: Date
  state: CertificateState
  revokeReason: string | null
  revokedAt: Date | null
  sealSvg: string
}

export type CertificateVerification = ReturnType<typeof publicView>

export interface CertificateCandidate {
  volunteerId: string
  realName: string
  phone: string
  minutes: number
  firstServedAt: Date
  lastServedAt: Date
}

export class CertificatesService {
  /** Seals by community name: the same name draws the same seal. */
  private readonly seals = new Map<string, string>()

  constructor(private readonly app: FastifyInstance) {}

  private get db() {
    return this.app.db
  }
  private get clock() {
    return this.app.clock
  }

  private seal(communityName: string): string {
    let svg = this.seals.get(communityName)
    if (!svg) {
      svg = communitySealSvg(communityName)
      if (this.seals.size > 1000) this.seals.clear()
      this.seals.set(communityName, svg)
    }
    return svg
  }

  private view(r: CertificateRecord): CertificateView {
    const idNumber = openNullable(this.app.sealer, r.idNumberEnc)
    return {
      id: r.id,
      communityId: r.communityId,
      communityName: r.communityName,
      serial: r.serial,
      volunteerId: r.volunteerId,
      realName: r.realName,
      idType: r.idType,
      idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
      volunteerNumber: r.volunteerNumber,
      minutes: r.minutes,
      serviceContent: r.serviceContent,
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      personInCharge: r.personInCharge,
      handlerName: r.handlerName,
      contactPhone: r.contactPhone,
      issuedAt: r.issuedAt,
      state: r.state,
      revokeReason: r.revokeReason,
      revokedAt: r.revokedAt,
      sealSvg: this.seal(r.communityName),
    }
  }

  // ── Reading ────────────────────────────────────────────────────────────────

  /** One certificate, for its holder or the issuing community's staff. Codes: NOT_FOUND (anyone else too). */
  async certificate(viewer: Viewer, communityId: string, id: string): Promise<CertificateView> {
    const row = isUuid(communityId) && isUuid(id) ? await repo.findCertificate(this.db, communityId, id) : null
    if (!row || !canReadCertificate(viewer, row)) throw notFound()
    return this.view(row)
  }

  /** 我的证明: the viewer's certificates from every community, newest first. */
  async myCertificates(viewer: Viewer): Promise<CertificateView[]> {
    return (await repo.volunteerCertificates(this.db, viewer.userId)).map((r) => this.view(r))
  }

  /** A community's certificates (optionally one volunteer's), for its staff. Codes: NOT_FOUND. */
  async certificates(viewer: Viewer, communityId: string, volunteerId: string | null): Promise<CertificateView[]> {
    await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, ['community_staff'])
    if (volunteerId !== null && !isUuid(volunteerId)) return []
    return (await repo.communityCertificates(this.db, communityId, volunteerId)).map((r) => this.view(r))
  }

  /**
   * Volunteers with approved hours in the community, for the staff's issue dialog: phones
   * masked; `phone` (a full number) finds one person. Codes: NOT_FOUND, BAD_USER_INPUT.
   */
  async candidates(
    viewer: Viewer,
    communityId: string,
    args: { phone?: string | null; from?: Date | null; to?: Date | null },
  ): Promise<CertificateCandidate[]> {
    await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, ['community_staff'])
    const phone = args.phone ? parseInput(phoneSchema, args.phone) : null
    const rows = await repo.candidates(this.db, communityId, {
      phone,
      from: args.from ?? null,
      to: args.to ?? null,
    })
    return rows.map((r) => ({ ...r, phone: maskPhone(r.phone) }))
  }

  /**
   * Public: what anyone with the serial may see, or null when no certificate has it (a
   * malformed serial too — nothing tells a near miss from a wild guess).
   */
  async verify(serial: string): Promise<CertificateVerification | null> {
    const canonical = normaliseSerial(serial)
    if (!canonical) return null
    const row = await repo.findBySerial(this.db, canonical)
    return row ? publicView(row) : null
  }

  // ── Changing ───────────────────────────────────────────────────────────────

  /**
   * Issue a certificate for the volunteer's approved hours in the community, for activities
   * that started in [from, to]: minutes = their sum; 服务内容 defaults to the activities' titles;
   * 经办人 = the staff member issuing it. Audited; the volunteer is told.
   * Codes: NOT_FOUND (not this community's staff), FORBIDDEN (the admins above),
   * BAD_USER_INPUT (incl. ENDS_BEFORE_START), INVALID_TRANSITION (reason NO_APPROVED_HOURS).
   */
  async issueCertificate(viewer: Viewer, communityId: string, raw: unknown): Promise<CertificateView> {
    const input = parseInput(certificateInputSchema, raw)
    const from = new Date(input.from)
    const to = new Date(input.to)
    const id = newId()
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      if (from > to) {
        throw new DomainError('BAD_USER_INPUT', 'The input is not valid', { fields: { to: 'ENDS_BEFORE_START' } })
      }
      const service = isUuid(input.volunteerId)
        ? await repo.approvedService(tx, communityId, input.volunteerId, from, to)
        : { minutes: 0, titles: [] }
      if (service.minutes <= 0) {
        throw new DomainError('INVALID_TRANSITION', 'No approved hours in this community in the period', {
          reason: 'NO_APPROVED_HOURS',
        })
      }
      const [community] = await tx
        .select({ name: communities.name })
        .from(communities)
        .where(eq(communities.id, communityId))
      const serial = newCertificateSerial()
      const serviceContent = input.serviceContent || defaultServiceContent(service.titles)
      const now = this.clock.now()
      await tx.insert(certificates).values({
        communityId,
        id,
        serial,
        volunteerId: input.volunteerId,
        minutes: service.minutes,
        serviceContent,
        periodFrom: from,
        periodTo: to,
        personInCharge: input.personInCharge,
        contactPhone: input.contactPhone,
        issuedBy: viewer.userId,
        issuedAt: now,
        state: 'valid',
      })
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'certificate.issue',
        targetType: 'certificate',
        targetId: id,
        place,
        after: {
          volunteerId: input.volunteerId,
          minutes: service.minutes,
          periodFrom: input.from,
          periodTo: input.to,
        },
      })
      await this.app.notifications.bus.publish(tx, {
        kind: 'certificate.issued',
        communityId,
        subject: { type: 'certificate', id },
        params: { communityName: community!.name, hours: hoursText(service.minutes) },
        to: { people: [input.volunteerId] },
        except: viewer.userId,
      })
    })
    return this.view((await repo.findCertificate(this.db, communityId, id))!)
  }

  /**
   * Revoke a valid certificate with a reason: the public page then shows it revoked. By the
   * issuing community's staff; audited; the volunteer is told. Codes: NOT_FOUND, FORBIDDEN (the
   * admins above), INVALID_TRANSITION (already revoked), BAD_USER_INPUT (REASON_REQUIRED …).
   */
  async revokeCertificate(
    viewer: Viewer,
    communityId: string,
    id: string,
    rawReason: unknown,
  ): Promise<CertificateView> {
    const reason = parseInput(reasonSchema, rawReason)
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const row = isUuid(id) ? await repo.lockCertificate(tx, communityId, id) : null
      if (!row) throw notFound()
      assertTransition(certificateMachine, row.state, 'revoked')
      const now = this.clock.now()
      await tx
        .update(certificates)
        .set({ state: 'revoked', revokeReason: reason, revokedAt: now, revokedBy: viewer.userId })
        .where(and(eq(certificates.communityId, communityId), eq(certificates.id, id)))
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'certificate.revoke',
        targetType: 'certificate',
        targetId: id,
        place,
        before: { state: row.state },
        after: { state: 'revoked' },
        reason,
      })
      const [community] = await tx
        .select({ name: communities.name })
        .from(communities)
        .where(eq(communities.id, communityId))
      await this.app.notifications.bus.publish(tx, {
        kind: 'certificate.revoked',
        communityId,
        subject: { type: 'certificate', id },
        params: { communityName: community!.name, reason },
        to: { people: [row.volunteerId] },
        except: viewer.userId,
      })
    })
    return this.view((await repo.findCertificate(this.db, communityId, id))!)
  }
}
