/**
 * 志愿者档案 and activity suggestions. A profile is the volunteer's own (a shared record: they
 * serve in several communities): skills, availability, the party-member flag 双报到 builds on, a
 * volunteer number (the national registry's, else one Linli issues once), and the ID document
 * on `users` (sealed; changing it needs staff's 实名核验 again). Saving one makes the person a
 * volunteer. Staff of a community where the person lives or serves, and the admins of units they
 * are an active member of, read it with phone and ID masked; a refusal is NOT_FOUND, as for a
 * person who does not exist.
 */
import {
  DomainError,
  isFieldCode,
  maskIdNumber,
  maskPhone,
  starProgress,
  verifyRealNameInputSchema,
  volunteerProfileInputSchema,
  type AvailabilitySlot,
  type IdType,
  type StarProgress,
} from '@linli/shared'
import { eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { ADMIN_ROLES, isUuid, requirePlaceRole } from '../../access/places.ts'
import { roleGrants, users, volunteerProfiles } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { parseInput } from '../../lib/input.ts'
import { everyOffsetPage } from '../../lib/xlsx-export.ts'
import { auditContactsExport, recordAudit } from '../audit/audit.recorder.ts'
import type { ActivityRow } from '../activities/activities.repository.ts'
import {
  canReadProfile,
  compareSuggestions,
  linliVolunteerNumber,
  scoreActivityForVolunteer,
  seesFullPhone,
  type SuggestionReason,
} from './volunteers.policy.ts'
import * as repo from './volunteers.repository.ts'
import type { ProfileRow } from './volunteers.repository.ts'

const profileNotFound = () => new DomainError('NOT_FOUND', 'volunteer profile not found')
const isUniqueViolation = (err: unknown) =>
  (err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505'
const SUGGESTIONS_MAX = 50
const VOLUNTEER_PAGE_MAX = 200

export interface ProfileView {
  userId: string
  realName: string
  phone: string
  idType: IdType | null
  idNumberMasked: string | null
  realNameVerified: boolean
  volunteerNumber: string
  volunteerNumberSource: 'national' | 'linli'
  skills: string[]
  availability: AvailabilitySlot[]
  isPartyMember: boolean
  gridId: string | null
  gridName: string | null
  teams: { id: string; name: string; unitName: string | null }[]
  stars: StarProgress
}

export interface SuggestionView {
  activity: ActivityRow
  score: number
  reasons: SuggestionReason[]
}

interface ParsedProfileInput {
  skills?: string[]
  availability?: AvailabilitySlot[]
  isPartyMember?: boolean
  national: string | null
  id: { idType: IdType; idNumber: string } | null
}

const given = (v: unknown) => v !== undefined && v !== null

/**
 * The profile input: the fields given (an update leaves the others as they are), a national
 * number (empty = none), and the ID document as a pair (both or neither; checked like 实名核验).
 */
function parseProfileInput(raw: unknown): ParsedProfileInput {
  const input = (raw ?? {}) as Record<string, unknown>
  const nationalRaw = typeof input.nationalVolunteerNumber === 'string' ? input.nationalVolunteerNumber.trim() : null
  const parsed = volunteerProfileInputSchema.safeParse({
    ...(given(input.skills) ? { skills: input.skills } : {}),
    ...(given(input.availability) ? { availability: input.availability } : {}),
    ...(given(input.isPartyMember) ? { isPartyMember: input.isPartyMember } : {}),
    nationalVolunteerNumber: nationalRaw ? nationalRaw : null,
  })
  if (!parsed.success) {
    const fields: Record<string, string> = {}
    for (const issue of parsed.error.issues) {
      fields[String(issue.path[0] ?? '_')] ??= isFieldCode(issue.message) ? issue.message : 'VALUE_INVALID'
    }
    throw new DomainError('BAD_USER_INPUT', 'The input is not valid', { fields })
  }
  const idNumber = typeof input.idNumber === 'string' && input.idNumber.trim() ? input.idNumber : null
  if (given(input.idType) !== !!idNumber) {
    throw new DomainError('BAD_USER_INPUT', 'The input is not valid', {
      fields: idNumber ? { idType: 'VALUE_INVALID' } : { idNumber: 'ID_NUMBER_INVALID' },
    })
  }
  const id = idNumber ? parseInput(verifyRealNameInputSchema, { idType: input.idType, idNumber }) : null
  // Skills are kept once each, in the order given.
  const skills = given(input.skills) ? [...new Set(parsed.data.skills)] : undefined
  return {
    skills,
    availability: given(input.availability) ? [...new Set(parsed.data.availability)] : undefined,
    isPartyMember: given(input.isPartyMember) ? parsed.data.isPartyMember : undefined,
    national: parsed.data.nationalVolunteerNumber ?? null,
    id,
  }
}

export class VolunteersService {
  constructor(private readonly app: FastifyInstance) {}

  private get db() {
    return this.app.db
  }
  private get clock() {
    return this.app.clock
  }

  private view(viewer: Viewer, row: ProfileRow): ProfileView {
    const { idNumberEnc, realNameVerifiedAt, approvedMinutes, phone, ...rest } = row
    return {
      ...rest,
      phone: seesFullPhone(viewer, row.userId) ? phone : maskPhone(phone),
      idNumberMasked: idNumberEnc ? maskIdNumber(this.app.sealer.open(idNumberEnc)) : null,
      realNameVerified: realNameVerifiedAt !== null,
      stars: starProgress(approvedMinutes),
    }
  }

  /** My profile (full phone, masked ID); null until I save one. */
  async myProfile(viewer: Viewer): Promise<ProfileView | null> {
    const row = await repo.findProfile(this.db, viewer.userId)
    return row ? this.view(viewer, row) : null
  }

  /**
   * A volunteer's profile for the community's staff when the person has something there (a
   * residence, a sign-up, an hour record), for the admin of a unit the person is an active
   * roster member of (the community is not consulted), and for the volunteer. Phone masked
   * except for the volunteer; ID always masked. Codes: NOT_FOUND (also: no profile yet).
   */
  async profile(viewer: Viewer, communityId: string, userId: string): Promise<ProfileView> {
    if (!isUuid(userId) || !isUuid(communityId)) throw profileNotFound()
    const presence = await repo.personPresence(this.db, userId, communityId)
    if (!presence.exists || !canReadProfile(viewer, userId, communityId, presence)) throw profileNotFound()
    const row = await repo.findProfile(this.db, userId)
    if (!row) throw profileNotFound()
    return this.view(viewer, row)
  }

  /**
   * 志愿者名册: the community's volunteers for its staff (and the admins above), phones masked, by
   * approved hours in the community then name; `search` is part of a name or a whole phone.
   * Codes: NOT_FOUND (not the viewer's community), BAD_USER_INPUT (VALUE_INVALID: first/offset).
   */
  async communityVolunteers(
    viewer: Viewer,
    communityId: string,
    options: { search?: string | null; first?: number | null; offset?: number | null } = {},
  ) {
    const page = parseInput(
      z.object({
        first: z.number().int().min(1, 'VALUE_INVALID').max(VOLUNTEER_PAGE_MAX, 'VALUE_INVALID'),
        offset: z.number().int().min(0, 'VALUE_INVALID'),
      }),
      { first: options.first ?? 50, offset: options.offset ?? 0 },
    )
    await requirePlaceRole(this.db, viewer, { kind: 'community', id: communityId }, ADMIN_ROLES)
    const search = options.search?.trim().slice(0, 40) || null
    const { total, rows } = await repo.communityVolunteerPage(this.db, {
      communityId,
      search,
      limit: page.first,
      offset: page.offset,
    })
    return { total, nodes: rows.map((r) => ({ ...r, phone: maskPhone(r.phone) })) }
  }

  /**
   * Every volunteer of the list for an export, in its order: phones whole only with a reason,
   * which one `export.contacts` audit event keeps (community staff only).
   */
  async exportCommunityVolunteers(viewer: Viewer, communityId: string, search: string | null, reason: string | null) {
    const rows = await everyOffsetPage(VOLUNTEER_PAGE_MAX, async (offset) => {
      const page = await this.communityVolunteers(viewer, communityId, { search, first: VOLUNTEER_PAGE_MAX, offset })
      return { total: page.total, rows: page.nodes }
    })
    if (!reason || rows.length === 0) return rows
    await auditContactsExport(this.db, this.clock, viewer, communityId, {
      targetType: 'volunteer',
      list: 'volunteers',
      reason,
      rows: rows.length,
    })
    const found = await this.db
      .select({ id: users.id, phone: users.phone })
      .from(users)
      .where(
        inArray(
          users.id,
          rows.map((r) => r.userId),
        ),
      )
    const whole = new Map(found.map((r) => [r.id, r.phone]))
    return rows.map((r) => ({ ...r, phone: whole.get(r.userId) ?? r.phone }))
  }

  /**
   * Create or update my profile. Fields not given keep their value (on creation: none). A
   * national number given becomes my number (source national) unless someone else holds it;
   * without one, the first save issues `LL` + the next of `volunteer_number_seq` (source linli),
   * kept afterwards. An ID document given (type and number together) is sealed onto my account;
   * a different one than before clears staff's 实名核验. The first save grants me the
   * `volunteer` role. Codes: BAD_USER_INPUT (VOLUNTEER_NUMBER_INVALID, ID_NUMBER_INVALID,
   * VALUE_INVALID), ALREADY_EXISTS (the national number is someone else's).
   */
  async saveProfile(viewer: Viewer, raw: unknown): Promise<ProfileView> {
    const input = parseProfileInput(raw)
    const taken = () => new DomainError('ALREADY_EXISTS', 'This volunteer number belongs to someone else')
    try {
      await this.db.transaction(async (tx) => {
        const now = this.clock.now()
        // The user row's lock queues a second save of the same person behind this one.
        const { person, profile } = await repo.lockPersonForProfile(tx, viewer.userId)
        if (!person) throw profileNotFound()
        let number = profile?.volunteerNumber ?? null
        let source = profile?.volunteerNumberSource ?? null
        if (input.national && input.national !== number) {
          const holder = await repo.profileWithNumber(tx, input.national)
          if (holder && holder !== viewer.userId) throw taken()
          number = input.national
          source = 'national'
        }
        if (!number || !source) {
          number = linliVolunteerNumber(await repo.nextVolunteerNumber(tx))
          source = 'linli'
        }
        const fields = {
          volunteerNumber: number,
          volunteerNumberSource: source,
          ...(input.skills ? { skills: input.skills } : {}),
          ...(input.availability ? { availability: input.availability } : {}),
          ...(input.isPartyMember !== undefined ? { isPartyMember: input.isPartyMember } : {}),
          updatedAt: now,
        }
        if (profile) {
          await tx.update(volunteerProfiles).set(fields).where(eq(volunteerProfiles.userId, viewer.userId))
        } else {
          await tx.insert(volunteerProfiles).values({ userId: viewer.userId, ...fields, createdAt: now })
        }
        if (input.id) {
          const current = person.idNumberEnc ? this.app.sealer.open(person.idNumberEnc) : null
          if (person.idType !== input.id.idType || current !== input.id.idNumber) {
            await tx
              .update(users)
              .set({
                idType: input.id.idType,
                idNumberEnc: this.app.sealer.seal(input.id.idNumber),
                realNameVerifiedAt: null,
                realNameVerifiedBy: null,
                updatedAt: now,
              })
              .where(eq(users.id, viewer.userId))
            await recordAudit(tx, this.clock, {
              actorId: viewer.userId,
              action: 'person.change_id',
              targetType: 'user',
              targetId: viewer.userId,
              before: { idType: person.idType, idNumberMasked: current ? maskIdNumber(current) : null },
              after: { idType: input.id.idType, idNumberMasked: maskIdNumber(input.id.idNumber) },
            })
          }
        }
        if (!viewer.grants.some((g) => g.role === 'volunteer')) {
          await tx
            .insert(roleGrants)
            .values({ userId: viewer.userId, role: 'volunteer', scopeType: 'self', scopeId: null, createdAt: now })
            .onConflictDoNothing()
        }
      })
    } catch (err) {
      // Two people giving the same national number at once: the unique index decides.
      if (isUniqueViolation(err)) throw taken()
      throw err
    }
    return (await this.myProfile(viewer))!
  }

  /**
   * Activities suggested to me, best first (ties: the earlier start): scheduled ones of open
   * projects in the communities I belong to, still taking sign-ups, not limited to units I am
   * not in, without a live sign-up of mine; scored by my skills, availability, grid and
   * reliability (counting no-show marks lower the score) and the places left. Two statements.
   */
  async suggestions(viewer: Viewer, first?: number | null): Promise<SuggestionView[]> {
    const n = Math.min(Math.max(first ?? 10, 1), SUGGESTIONS_MAX)
    const now = this.clock.now()
    const me = await repo.suggestionViewer(this.db, viewer.userId, now)
    const candidates = await repo.suggestionCandidates(this.db, viewer.userId, now)
    return candidates
      .map(({ sameGrid, ...activity }) => ({ activity, ...scoreActivityForVolunteer(me, { ...activity, sameGrid }) }))
      .sort((a, b) =>
        compareSuggestions(
          { score: a.score, startsAt: a.activity.startsAt, id: a.activity.id },
          { score: b.score, startsAt: b.activity.startsAt, id: b.activity.id },
        ),
      )
      .slice(0, n)
  }
}
