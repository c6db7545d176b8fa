/** Queries of the privacy feature: everything held about a person, and their de-identification. */
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/index.ts'
import {
  auditEvents,
  communities,
  consents,
  districts,
  grids,
  needEvents,
  needs,
  notifications,
  residences,
  roleGrants,
  sessions,
  streets,
  teamMembers,
  teams,
  unitMembers,
  units,
  users,
} from '../../db/schema/index.ts'

export async function findUser(db: DbOrTx, userId: string) {
  const [row] = await db.select().from(users).where(eq(users.id, userId))
  return row
}

/** Every grant the person ever held (revoked ones too), with what each was scoped to. */
export function findAllGrants(db: DbOrTx, userId: string) {
  return db
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      scopeType: roleGrants.scopeType,
      scopeId: roleGrants.scopeId,
      scopeName: sql<
        string | null
      >`coalesce(${units.name}, ${grids.name}, ${communities.name}, ${streets.name}, ${districts.name})`,
      createdAt: roleGrants.createdAt,
      revokedAt: roleGrants.revokedAt,
    })
    .from(roleGrants)
    .leftJoin(units, and(eq(roleGrants.scopeType, 'unit'), eq(units.id, roleGrants.scopeId)))
    .leftJoin(grids, and(eq(roleGrants.scopeType, 'grid'), eq(grids.id, roleGrants.scopeId)))
    .leftJoin(communities, and(eq(roleGrants.scopeType, 'community'), eq(communities.id, roleGrants.scopeId)))
    .leftJoin(streets, and(eq(roleGrants.scopeType, 'street'), eq(streets.id, roleGrants.scopeId)))
    .leftJoin(districts, and(eq(roleGrants.scopeType, 'district'), eq(districts.id, roleGrants.scopeId)))
    .where(eq(roleGrants.userId, userId))
    .orderBy(asc(roleGrants.createdAt))
}

export function findResidences(db: DbOrTx, userId: string) {
  return db
    .select({
      communityId: residences.communityId,
      communityName: communities.name,
      gridId: residences.gridId,
      gridName: grids.name,
      addressEnc: residences.addressEnc,
      createdAt: residences.createdAt,
      updatedAt: residences.updatedAt,
    })
    .from(residences)
    .innerJoin(communities, eq(communities.id, residences.communityId))
    .leftJoin(grids, eq(grids.id, residences.gridId))
    .where(eq(residences.userId, userId))
}

/** One resident of one community, with their contact details (still sealed). */
export async function findResidentContact(db: DbOrTx, userId: string, communityId: string) {
  const [row] = await db
    .select({
      userId: users.id,
      realName: users.realName,
      phone: users.phone,
      communityId: residences.communityId,
      gridId: residences.gridId,
      gridName: grids.name,
      addressEnc: residences.addressEnc,
    })
    .from(residences)
    .innerJoin(users, eq(users.id, residences.userId))
    .leftJoin(grids, eq(grids.id, residences.gridId))
    .where(and(eq(residences.communityId, communityId), eq(residences.userId, userId), eq(users.status, 'active')))
  return row
}

export function findConsents(db: DbOrTx, userId: string) {
  return db
    .select({
      kind: consents.kind,
      version: consents.version,
      givenAt: consents.givenAt,
      withdrawnAt: consents.withdrawnAt,
    })
    .from(consents)
    .where(eq(consents.userId, userId))
    .orderBy(asc(consents.givenAt))
}

export function findUnitMemberships(db: DbOrTx, userId: string) {
  return db
    .select({
      unitId: unitMembers.unitId,
      unitName: units.name,
      status: unitMembers.status,
      isPartyMember: unitMembers.isPartyMember,
      joinedAt: unitMembers.joinedAt,
      createdAt: unitMembers.createdAt,
    })
    .from(unitMembers)
    .innerJoin(units, eq(units.id, unitMembers.unitId))
    .where(eq(unitMembers.userId, userId))
}

export function findTeamMemberships(db: DbOrTx, userId: string) {
  return db
    .select({ teamId: teamMembers.teamId, teamName: teams.name, joinedAt: teamMembers.joinedAt })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, userId))
}

export function findSessions(db: DbOrTx, userId: string) {
  return db
    .select({ createdAt: sessions.createdAt, revokedAt: sessions.revokedAt })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(asc(sessions.createdAt))
}

/** Audit events the person did or that were done to them. */
export function findAuditEvents(db: DbOrTx, userId: string) {
  return db
    .select({
      at: auditEvents.at,
      action: auditEvents.action,
      actorId: auditEvents.actorId,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      communityId: auditEvents.communityId,
      before: auditEvents.before,
      after: auditEvents.after,
      reason: auditEvents.reason,
    })
    .from(auditEvents)
    .where(or(eq(auditEvents.actorId, userId), eq(auditEvents.targetId, userId)))
    .orderBy(asc(auditEvents.at))
}

/**
 * De-identify a person: name, phone and password replaced, identity, birth and guardian
 * fields nulled; the row itself stays for the records that point at it.
 */
export async function deIdentifyUser(
  tx: DbOrTx,
  userId: string,
  values: { realName: string; phone: string; passwordHash: string; at: Date },
): Promise<void> {
  await tx
    .update(users)
    .set({
      realName: values.realName,
      phone: values.phone,
      passwordHash: values.passwordHash,
      status: 'deleted',
      deletedAt: values.at,
      updatedAt: values.at,
      phoneVerifiedAt: null,
      idType: null,
      idNumberEnc: null,
      birthDate: null,
      realNameVerifiedAt: null,
      realNameVerifiedBy: null,
      guardianName: null,
      guardianPhone: null,
      guardianConsentAt: null,
      locale: null,
      elderMode: null,
    })
    .where(eq(users.id, userId))
}

export async function revokeLiveGrants(tx: DbOrTx, userId: string, at: Date): Promise<void> {
  await tx
    .update(roleGrants)
    .set({ revokedAt: at })
    .where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt)))
}

/** The person's notifications, oldest first (what they were told, and whether by SMS). */
export function findNotifications(db: DbOrTx, userId: string) {
  return db
    .select({
      kind: notifications.kind,
      communityId: notifications.communityId,
      subjectType: notifications.subjectType,
      subjectId: notifications.subjectId,
      params: notifications.params,
      smsStatus: notifications.smsStatus,
      smsSentAt: notifications.smsSentAt,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(eq(notifications.recipientId, userId))
    .orderBy(asc(notifications.id))
}

/** Notifications are the person's alone: deleted with the account. */
export async function deleteNotifications(tx: DbOrTx, userId: string): Promise<void> {
  await tx.delete(notifications).where(eq(notifications.recipientId, userId))
}

export async function clearResidenceAddresses(tx: DbOrTx, userId: string, at: Date): Promise<void> {
  await tx.update(residences).set({ addressEnc: null, updatedAt: at }).where(eq(residences.userId, userId))
}

export async function withdrawConsents(tx: DbOrTx, userId: string, at: Date): Promise<void> {
  await tx
    .update(consents)
    .set({ withdrawnAt: at })
    .where(and(eq(consents.userId, userId), isNull(consents.withdrawnAt)))
}

/** Needs for the person or recorded by them, oldest first, each with its timeline. */
export async function findNeeds(db: DbOrTx, userId: string) {
  const rows = await db
    .select()
    .from(needs)
    .where(or(eq(needs.forUserId, userId), eq(needs.recordedBy, userId)))
    .orderBy(asc(needs.id))
  const events = rows.length
    ? await db
        .select()
        .from(needEvents)
        .where(or(...rows.map((n) => and(eq(needEvents.communityId, n.communityId), eq(needEvents.needId, n.id)))))
        .orderBy(asc(needEvents.at), asc(needEvents.id))
    : []
  return rows.map((n) => ({ need: n, events: events.filter((e) => e.needId === n.id) }))
}

/** Needs for the person stay (the community's record) without the person's contact and name. */
export async function clearNeedContacts(tx: DbOrTx, userId: string, at: Date): Promise<void> {
  await tx
    .update(needs)
    .set({ contactPhoneEnc: null, addressEnc: null, forName: null, updatedAt: at })
    .where(eq(needs.forUserId, userId))
}

/** Claims the person made for a unit (点单) and projects they created as staff: what they did. */
export async function findClaimsAndProjectsMade(db: DbOrTx, userId: string) {
  const claimsMade = await db.execute(sql`select k.id, k.community_id as "communityId", k.state, k.volunteers,
      k.created_at as "createdAt", p.title as "projectTitle", u.name as "unitName"
    from claims k join projects p on p.community_id = k.community_id and p.id = k.project_id
    join units u on u.id = k.unit_id where k.claimed_by = ${userId} order by k.id`)
  const projectsCreated = await db.execute(sql`select id, community_id as "communityId", title, state,
      created_at as "createdAt" from projects where created_by = ${userId} order by id`)
  return { claimsMade: claimsMade.rows, projectsCreated: projectsCreated.rows }
}

/** The person's sign-ups for activities (every state), with the activity as they saw it. */
export async function findSignUps(db: DbOrTx, userId: string) {
  const rows = await db.execute(sql`select s.id, s.community_id as "communityId", s.activity_id as "activityId",
      s.state, s.position, s.created_at as "createdAt", s.promoted_at as "promotedAt",
      s.cancelled_at as "cancelledAt", a.title as "activityTitle", a.place, a.starts_at as "startsAt",
      a.ends_at as "endsAt", p.title as "projectTitle"
    from sign_ups s join activities a on a.community_id = s.community_id and a.id = s.activity_id
    join projects p on p.community_id = a.community_id and p.id = a.project_id
    where s.volunteer_id = ${userId} order by s.created_at, s.id`)
  return rows.rows
}

/**
 * The person's volunteering (issue 6): their profile, 双报到 reports, hour records (every state,
 * with the activity), no-show marks and certificates — one statement each.
 */
export async function findVolunteering(db: DbOrTx, userId: string) {
  const [profile, dualReports, hourRecords, noShowMarks, certificates] = await Promise.all([
    db.execute(sql`select volunteer_number as "volunteerNumber", volunteer_number_source as "volunteerNumberSource",
        skills, availability, is_party_member as "isPartyMember", created_at as "createdAt", updated_at as "updatedAt"
      from volunteer_profiles where user_id = ${userId}`),
    db.execute(sql`select d.id, d.community_id as "communityId", c.name as "communityName", d.unit_id as "unitId",
        u.name as "unitName", d.state, d.unit_confirmed_at as "unitConfirmedAt",
        d.community_confirmed_at as "communityConfirmedAt", d.reject_reason as "rejectReason", d.ended_at as "endedAt",
        d.created_at as "createdAt"
      from dual_reports d join communities c on c.id = d.community_id join units u on u.id = d.unit_id
      where d.user_id = ${userId} order by d.created_at, d.id`),
    db.execute(sql`select h.id, h.community_id as "communityId", h.activity_id as "activityId", a.title as "activityTitle",
        a.starts_at as "activityStartsAt", h.state, h.source, h.check_in_at as "checkInAt", h.check_out_at as "checkOutAt",
        h.minutes, h.auto_closed as "autoClosed", h.points_eligible as "pointsEligible", h.reason,
        h.reject_reason as "rejectReason", h.replaces_id as "replacesId", h.reviewed_at as "reviewedAt",
        h.created_at as "createdAt"
      from hour_records h join activities a on a.community_id = h.community_id and a.id = h.activity_id
      where h.volunteer_id = ${userId} order by h.created_at, h.id`),
    db.execute(sql`select m.id, m.community_id as "communityId", m.activity_id as "activityId", a.title as "activityTitle",
        m.state, m.marked_at as "markedAt", m.fades_at as "fadesAt", m.contest_reason as "contestReason",
        m.contested_at as "contestedAt", m.resolved_at as "resolvedAt", m.resolution_note as "resolutionNote"
      from no_show_marks m join activities a on a.community_id = m.community_id and a.id = m.activity_id
      where m.volunteer_id = ${userId} order by m.marked_at, m.id`),
    db.execute(sql`select k.id, k.community_id as "communityId", c.name as "communityName", k.serial, k.minutes,
        k.service_content as "serviceContent", k.period_from as "periodFrom", k.period_to as "periodTo",
        k.issued_at as "issuedAt", k.state, k.revoke_reason as "revokeReason", k.revoked_at as "revokedAt"
      from certificates k join communities c on c.id = k.community_id
      where k.volunteer_id = ${userId} order by k.issued_at, k.id`),
  ])
  return {
    volunteerProfile: profile.rows[0] ?? null,
    dualReports: dualReports.rows,
    hourRecords: hourRecords.rows,
    noShowMarks: noShowMarks.rows,
    certificates: certificates.rows,
  }
}

/**
 * De-identify the person's volunteering: the profile keeps only a placeholder number (the
 * registry number is theirs), live 双报到 reports end, contest reasons (their words) are cleared.
 * Hour records, marks and certificates stay as the communities' records (the person's name on
 * them is already de-identified).
 */
export async function deIdentifyVolunteering(db: DbOrTx, userId: string, at: Date) {
  await db.execute(sql`update volunteer_profiles set volunteer_number = ${`deleted-${userId}`},
      volunteer_number_source = 'linli', skills = '{}', availability = '{}', is_party_member = false, updated_at = ${at.toISOString()}::timestamptz
    where user_id = ${userId}`)
  await db.execute(sql`update dual_reports set state = 'ended', ended_at = ${at.toISOString()}::timestamptz,
      updated_at = ${at.toISOString()}::timestamptz
    where user_id = ${userId} and state in ('requested', 'confirmed')`)
  await db.execute(sql`update no_show_marks set contest_reason = null where volunteer_id = ${userId}`)
}

/**
 * The person's points (issue 7): wallets and what they owe per community, every posting that
 * concerned them (its effect on their own accounts), and their redemptions — one statement each.
 */
export async function findPoints(db: DbOrTx, userId: string) {
  const [wallets, postings, redemptions] = await Promise.all([
    db.execute(sql`select a.community_id as "communityId", c.name as "communityName",
        coalesce(max(a.balance) filter (where a.kind = 'wallet'), 0)::int as balance,
        coalesce(-min(a.balance) filter (where a.kind = 'debt'), 0)::int as owed
      from ledger_accounts a join communities c on c.id = a.community_id
      where a.owner_id = ${userId} group by a.community_id, c.name order by c.name`),
    db.execute(sql`select p.id, p.community_id as "communityId", p.kind, p.reason, p.created_at as "createdAt",
        coalesce(sum(e.amount) filter (where a.kind = 'wallet'), 0)::int as amount,
        coalesce(-sum(e.amount) filter (where a.kind = 'debt'), 0)::int as "owedChange"
      from ledger_postings p
      join ledger_entries e on e.community_id = p.community_id and e.posting_id = p.id
      join ledger_accounts a on a.community_id = e.community_id and a.id = e.account_id and a.owner_id = ${userId}
      where p.volunteer_id = ${userId}
      group by p.community_id, p.id order by p.created_at, p.id`),
    db.execute(sql`select r.id, r.community_id as "communityId", w.name as "rewardName", r.price, r.state,
        r.reserved_at as "reservedAt", r.fulfilled_at as "fulfilledAt", r.cancelled_at as "cancelledAt",
        r.cancel_reason as "cancelReason"
      from redemptions r join rewards w on w.community_id = r.community_id and w.id = r.reward_id
      where r.volunteer_id = ${userId} order by r.reserved_at, r.id`),
  ])
  return { pointsWallets: wallets.rows, pointsPostings: postings.rows, redemptions: redemptions.rows }
}

/** The person's 评单 (ratings they gave or recorded) and 晒单 (reports they wrote) — issue 8. */
export async function findEvaluations(db: DbOrTx, userId: string) {
  const [given, written] = await Promise.all([
    db.execute(sql`select r.id, r.community_id as "communityId", p.title as "projectTitle", r.need_id as "needId",
        r.score, r.comment, r.review_state as "reviewState", (r.rater_id = ${userId}) as "mine", r.created_at as "createdAt"
      from ratings r join projects p on p.community_id = r.community_id and p.id = r.project_id
      where r.rater_id = ${userId} or r.recorded_by = ${userId} order by r.created_at, r.id`),
    db.execute(sql`select r.id, r.community_id as "communityId", p.title as "projectTitle", r.kind, r.summary,
        r.people_served as "peopleServed", r.review_state as "reviewState", r.created_at as "createdAt"
      from completion_reports r join projects p on p.community_id = r.community_id and p.id = r.project_id
      where r.author_id = ${userId} order by r.created_at, r.id`),
  ])
  const offices =
    await db.execute(sql`select o.community_id as "communityId", o.role, o.name, o.title, o.created_at as "createdAt"
      from alliance_officers o where o.user_id = ${userId} order by o.created_at`)
  return { ratings: given.rows, completionReports: written.rows, allianceOffices: offices.rows }
}

/** Deletion: the alliance's record of an officer keeps the office, not the person's name. */
export async function deIdentifyOffices(db: DbOrTx, userId: string) {
  await db.execute(sql`update alliance_officers set name = '已注销用户' where user_id = ${userId}`)
}

/** Deletion: the comments of ratings about the person's own needs are their words — cleared; scores stay. */
export async function clearRatingComments(db: DbOrTx, userId: string) {
  await db.execute(sql`update ratings set comment = '' where rater_id = ${userId}`)
}
