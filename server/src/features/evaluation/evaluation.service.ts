/**
 * Closing the loop: 晒单 and 评单 (PRODUCT.md, Projects and Evaluation).
 * - The lead unit's completion report completes an in-progress project: its live claims end
 *   `completed`, its needs in service become `resolved`, the residents served are asked to rate,
 *   and the evaluation is scheduled at the end of the community's rating window. Other claiming
 *   units add theirs after; staff may complete a project with a note when no report comes.
 * - Each need served is rated once (by its resident, or the grid worker of its grid for them);
 *   a project without needs is rated once by each person who attended one of its activities.
 *   A rated need becomes `rated`. When every served need is rated, or the window passed (a job),
 *   or staff evaluate it, the project is `evaluated`; if it was rated 5 (ratings given, all 5),
 *   the community's bonus goes to every volunteer with approved hours on it — once.
 * - Reports and ratings show in the community after staff review; staff may hide one with a
 *   reason (its author is told).
 * Everything that changes a project takes the project's row lock first.
 */
import {
  DomainError,
  assertTransition,
  averageScore,
  completionReportInputSchema,
  maskName,
  projectMachine,
  ratedFive,
  ratingInputSchema,
  reasonSchema,
  reviewMachine,
  type CompletionReportKind,
  type ReviewState,
} from '@linli/shared'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ADMIN_ROLES, isUuid, loadAncestry, requireCommunityStaff, requirePlaceRole } from '../../access/places.ts'
import { newId } from '../../db/columns.ts'
import type { DbOrTx, Tx } from '../../db/index.ts'
import { claims, completionReports, needs, projects, ratings } from '../../db/schema/index.ts'
import type { Viewer } from '../../graphql/context.ts'
import { parseInput } from '../../lib/input.ts'
import { toDate, toDateOrNull } from '../../lib/rows.ts'
import { recordAudit } from '../audit/audit.recorder.ts'
import { moveNeedsOfProject, recordNeedEvents } from '../needs/need-events.ts'
import * as projectsRepo from '../projects/projects.repository.ts'
import { isUnitAdmin } from '../units/units.policy.ts'
import { loadChain } from './chain.ts'

export const REPORT_PHOTO = 'report_photo'
export const PROJECT_EVALUATE = 'project.evaluate'
const DAY_MS = 86_400_000

const projectNotFound = () => new DomainError('NOT_FOUND', 'project not found')

export interface ReportView {
  id: string
  communityId: string
  projectId: string
  projectTitle: string
  kind: CompletionReportKind
  unitId: string | null
  unitName: string | null
  authorName: string
  summary: string
  peopleServed: number
  photoIds: string[]
  photoConsent: boolean
  reviewState: ReviewState
  hiddenReason: string | null
  reviewedAt: Date | null
  createdAt: Date
}

export interface RatingView {
  id: string
  communityId: string
  projectId: string
  projectTitle: string
  needId: string | null
  needTitle: string | null
  raterName: string
  recordedForResident: boolean
  score: number
  comment: string
  reviewState: ReviewState
  hiddenReason: string | null
  createdAt: Date
}

type ProjectRow = typeof projects.$inferSelect

export class EvaluationService {
  constructor(private readonly app: FastifyInstance) {}

  private get db() {
    return this.app.db
  }
  private get clock() {
    return this.app.clock
  }

  private async isStaffReader(db: DbOrTx, viewer: Viewer, communityId: string): Promise<boolean> {
    return requirePlaceRole(db, viewer, { kind: 'community', id: communityId }, ADMIN_ROLES).then(
      () => true,
      () => false,
    )
  }

  private async lockProject(tx: Tx, communityId: string, projectId: string): Promise<ProjectRow> {
    const row =
      isUuid(communityId) && isUuid(projectId) ? await projectsRepo.lockProject(tx, communityId, projectId) : null
    if (!row) throw projectNotFound()
    return row
  }

  // ── 晒单 ───────────────────────────────────────────────────────────────────

  /**
   * A claiming unit's admin reports. Codes: NOT_FOUND (no such project, or the viewer admins no
   * unit that claimed it), NOT_LEAD_UNIT, ALREADY_EXISTS, INVALID_TRANSITION, BAD_USER_INPUT.
   */
  async submitReport(viewer: Viewer, communityId: string, projectId: string, raw: unknown): Promise<ReportView> {
    const input = parseInput(completionReportInputSchema, raw)
    const id = newId()
    await this.db.transaction(async (tx) => {
      const project = await this.lockProject(tx, communityId, projectId)
      const mine = await tx
        .select()
        .from(claims)
        .where(
          and(
            eq(claims.communityId, communityId),
            eq(claims.projectId, projectId),
            inArray(claims.state, ['active', 'completed']),
          ),
        )
        .orderBy(claims.createdAt, claims.id)
      const claim = mine.find((c) => isUnitAdmin(viewer, c.unitId))
      if (!claim) throw projectNotFound()
      const now = this.clock.now()
      let kind: CompletionReportKind
      if (project.state === 'in_progress') {
        const lead = await projectsRepo.leadClaim(tx, communityId, projectId)
        if (lead?.unitId !== claim.unitId) {
          throw new DomainError('NOT_LEAD_UNIT', 'The lead unit reports first: its report completes the project')
        }
        kind = 'lead'
        await this.complete(tx, viewer, project, now, null)
      } else if (project.state === 'completed' || project.state === 'evaluated') {
        kind = 'unit'
      } else {
        throw new DomainError('INVALID_TRANSITION', 'The project is not in progress or completed', {
          from: project.state,
          to: 'completed',
        })
      }
      const [inserted] = await tx
        .insert(completionReports)
        .values({
          communityId,
          id,
          projectId,
          kind,
          unitId: claim.unitId,
          authorId: viewer.userId,
          summary: input.summary,
          peopleServed: input.peopleServed,
          photoConsent: input.photoConsent,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: completionReports.id })
      if (!inserted) throw new DomainError('ALREADY_EXISTS', 'Your unit has reported on this project')
      await this.app.files.attach(tx, input.photoIds, REPORT_PHOTO, id, viewer, communityId)
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'report.submit',
        targetType: 'completion_report',
        targetId: id,
        unitId: claim.unitId,
        after: { projectId, kind, peopleServed: input.peopleServed, photos: input.photoIds.length },
      })
    })
    return (await this.reports(this.db, sql`r.community_id = ${communityId} and r.id = ${id}`))[0]!
  }

  /** Staff complete an in-progress project with a note (no report came). */
  async completeByStaff(viewer: Viewer, communityId: string, projectId: string, rawNote: string) {
    const note = parseInput(reasonSchema, rawNote)
    await this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      const project = await this.lockProject(tx, communityId, projectId)
      const now = this.clock.now()
      await this.complete(tx, viewer, project, now, note)
      await tx.insert(completionReports).values({
        communityId,
        id: newId(),
        projectId,
        kind: 'staff',
        unitId: null,
        authorId: viewer.userId,
        summary: note,
        peopleServed: 0,
        reviewState: 'published',
        reviewedBy: viewer.userId,
        reviewedAt: now,
        createdAt: now,
      })
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: 'project.complete',
        targetType: 'project',
        targetId: projectId,
        place,
        before: { state: project.state },
        after: { state: 'completed' },
        reason: note,
      })
    })
    return this.evaluation(viewer, communityId, projectId)
  }

  /** in_progress → completed, under the project's lock: claims completed, needs resolved, residents asked to rate, evaluation scheduled. */
  private async complete(tx: Tx, viewer: Viewer, project: ProjectRow, now: Date, note: string | null) {
    assertTransition(projectMachine, project.state, 'completed')
    const { communityId, id } = project
    await tx
      .update(projects)
      .set({ state: 'completed', completedAt: now, completionNote: note, updatedAt: now })
      .where(and(eq(projects.communityId, communityId), eq(projects.id, id)))
    await tx
      .update(claims)
      .set({ state: 'completed', endedAt: now })
      .where(and(eq(claims.communityId, communityId), eq(claims.projectId, id), eq(claims.state, 'active')))
    const resolved = await moveNeedsOfProject(tx, {
      communityId,
      projectId: id,
      from: 'in_service',
      to: 'resolved',
      actorId: viewer.userId,
      action: 'resolved',
      detail: { projectTitle: project.title },
      at: now,
    })
    const { ratingWindowDays } = await this.app.settingsService.effective(tx, communityId)
    const people = [...new Set(resolved.flatMap((n) => [n.forUserId, n.recordedBy]).filter((p): p is string => !!p))]
    if (people.length > 0) {
      await this.app.notifications.bus.publish(tx, {
        kind: 'project.completed',
        communityId,
        subject: { type: 'project', id },
        params: { projectTitle: project.title, days: ratingWindowDays },
        to: { people },
        except: viewer.userId,
      })
    }
    await this.app.jobs.schedule(
      PROJECT_EVALUATE,
      { communityId, projectId: id },
      {
        runAt: new Date(now.getTime() + ratingWindowDays * DAY_MS),
        dedupeKey: `${PROJECT_EVALUATE}:${id}`,
        communityId,
      },
      tx,
    )
  }

  // ── 评单 ───────────────────────────────────────────────────────────────────

  /**
   * Rate once. With a need: its resident, or the grid worker of its grid (for them). Without:
   * someone who attended one of its activities. Codes: NOT_FOUND, NOT_SERVED, ALREADY_RATED,
   * RATING_CLOSED, INVALID_TRANSITION (not completed yet), BAD_USER_INPUT.
   */
  async rate(viewer: Viewer, communityId: string, projectId: string, raw: unknown): Promise<RatingView> {
    const input = parseInput(ratingInputSchema, raw)
    const id = newId()
    await this.db.transaction(async (tx) => {
      const project = await this.lockProject(tx, communityId, projectId)
      const now = this.clock.now()
      let raterId: string | null = viewer.userId
      if (input.needId) {
        const [need] = await tx
          .select()
          .from(needs)
          .where(and(eq(needs.communityId, communityId), eq(needs.id, input.needId)))
        if (!need || need.projectId !== projectId) throw new DomainError('NOT_FOUND', 'need not found')
        const own = need.forUserId === viewer.userId
        const gridWorker = viewer.grants.some((g) => g.role === 'grid_worker' && g.scopeId === need.gridId)
        if (!own && !gridWorker)
          throw new DomainError('NOT_SERVED', 'Only the resident served (or their grid worker) rates')
        raterId = need.forUserId
        this.requireOpen(project)
        if (need.state !== 'resolved') {
          throw new DomainError('ALREADY_RATED', 'This need has been rated', { state: need.state })
        }
      } else {
        const [served] = (
          await tx.execute(sql`select 1 from sign_ups s join activities a on a.community_id = s.community_id and a.id = s.activity_id
            where s.community_id = ${communityId} and a.project_id = ${projectId} and s.volunteer_id = ${viewer.userId}
              and s.state = 'attended' limit 1`)
        ).rows
        const hasNeeds = (
          await tx.execute(
            sql`select 1 from needs where community_id = ${communityId} and project_id = ${projectId} limit 1`,
          )
        ).rows.length
        if (!served || hasNeeds)
          throw new DomainError('NOT_SERVED', 'Only those who took part rate a project without needs')
        this.requireOpen(project)
      }
      const [inserted] = await tx
        .insert(ratings)
        .values({
          communityId,
          id,
          projectId,
          needId: input.needId,
          raterId,
          recordedBy: viewer.userId,
          score: input.score,
          comment: input.comment,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: ratings.id })
      if (!inserted) throw new DomainError('ALREADY_RATED', 'Already rated')
      if (input.needId) {
        await tx
          .update(needs)
          .set({ state: 'rated', updatedAt: now })
          .where(and(eq(needs.communityId, communityId), eq(needs.id, input.needId)))
        await recordNeedEvents(tx, [
          {
            communityId,
            needId: input.needId,
            actorId: viewer.userId,
            action: 'rated',
            fromState: 'resolved',
            toState: 'rated',
            detail: { projectTitle: project.title, score: String(input.score) },
            at: now,
          },
        ])
        // Every served need rated: the project is evaluated now.
        const [left] = (
          await tx.execute(sql`select count(*)::int as n from needs
            where community_id = ${communityId} and project_id = ${projectId} and state = 'resolved'`)
        ).rows as [{ n: number }]
        if (Number(left.n) === 0) await this.evaluate(tx, project, viewer.userId, now)
      }
    })
    return (await this.ratingViews(this.db, viewer, sql`r.community_id = ${communityId} and r.id = ${id}`))[0]!
  }

  private requireOpen(project: ProjectRow) {
    if (project.state === 'evaluated' || project.state === 'closed') {
      throw new DomainError('RATING_CLOSED', 'Ratings for this project are closed')
    }
    if (project.state !== 'completed') {
      throw new DomainError('INVALID_TRANSITION', 'The project is not completed yet', {
        from: project.state,
        to: 'rated',
      })
    }
  }

  /** completed → evaluated, under the project's lock; a project rated 5 earns its volunteers the bonus (once). */
  private async evaluate(tx: Tx, project: ProjectRow, actorId: string | null, now: Date): Promise<boolean> {
    if (project.state !== 'completed') return false
    await tx
      .update(projects)
      .set({ state: 'evaluated', evaluatedAt: now, updatedAt: now })
      .where(and(eq(projects.communityId, project.communityId), eq(projects.id, project.id)))
    const scores = (
      await tx
        .select({ score: ratings.score })
        .from(ratings)
        .where(and(eq(ratings.communityId, project.communityId), eq(ratings.projectId, project.id)))
    ).map((r) => r.score)
    await recordAudit(tx, this.clock, {
      actorId,
      action: 'project.evaluate',
      targetType: 'project',
      targetId: project.id,
      place: (await loadAncestry(tx, { kind: 'community', id: project.communityId })) ?? undefined,
      after: { state: 'evaluated', ratings: scores.length, average: averageScore(scores) },
    })
    if (!ratedFive(scores)) return true
    const volunteerIds = (
      await tx.execute(sql`select distinct h.volunteer_id as id from hour_records h
        join activities a on a.community_id = h.community_id and a.id = h.activity_id
        where h.community_id = ${project.communityId} and a.project_id = ${project.id} and h.state = 'approved'`)
    ).rows.map((r) => r.id as string)
    const { ratingBonusPoints } = await this.app.settingsService.effective(tx, project.communityId)
    const credited = await this.app.pointsService.postBonus(tx, {
      communityId: project.communityId,
      projectId: project.id,
      volunteerIds,
      actorId,
    })
    if (credited > 0) {
      await this.app.notifications.bus.publish(tx, {
        kind: 'points.bonus',
        communityId: project.communityId,
        subject: { type: 'project', id: project.id },
        params: { projectTitle: project.title, points: ratingBonusPoints },
        to: { people: volunteerIds },
      })
    }
    return true
  }

  /** The rating window's job (and staff): evaluate a completed project once. */
  async evaluateDue(communityId: string, projectId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const project = await this.lockProject(tx, communityId, projectId)
      if (project.state !== 'completed') return false
      const { ratingWindowDays } = await this.app.settingsService.effective(tx, communityId)
      const now = this.clock.now()
      if (project.completedAt && now.getTime() < project.completedAt.getTime() + ratingWindowDays * DAY_MS) return false
      return this.evaluate(tx, project, null, now)
    })
  }

  /** Staff evaluate a completed project now (one without needs, once reviewed). */
  async evaluateByStaff(viewer: Viewer, communityId: string, projectId: string) {
    await this.db.transaction(async (tx) => {
      await requireCommunityStaff(tx, viewer, communityId)
      const project = await this.lockProject(tx, communityId, projectId)
      assertTransition(projectMachine, project.state, 'evaluated')
      await this.evaluate(tx, project, viewer.userId, this.clock.now())
    })
    return this.evaluation(viewer, communityId, projectId)
  }

  // ── Review ─────────────────────────────────────────────────────────────────

  private async review(
    viewer: Viewer,
    communityId: string,
    table: typeof completionReports | typeof ratings,
    id: string,
    publish: boolean,
    rawReason: string | null | undefined,
  ) {
    const reason = publish ? null : parseInput(z.object({ reason: reasonSchema }), { reason: rawReason ?? '' }).reason
    return this.db.transaction(async (tx) => {
      const place = await requireCommunityStaff(tx, viewer, communityId)
      if (!isUuid(id)) throw new DomainError('NOT_FOUND', 'not found')
      const [row] = await tx
        .select({ state: table.reviewState, projectId: table.projectId })
        .from(table)
        .where(and(eq(table.communityId, communityId), eq(table.id, id)))
        .for('update')
      if (!row) throw new DomainError('NOT_FOUND', 'not found')
      const to: ReviewState = publish ? 'published' : 'hidden'
      if (row.state === to) return row
      assertTransition(reviewMachine, row.state, to)
      const now = this.clock.now()
      await tx
        .update(table)
        .set({ reviewState: to, hiddenReason: reason, reviewedBy: viewer.userId, reviewedAt: now })
        .where(and(eq(table.communityId, communityId), eq(table.id, id)))
      await recordAudit(tx, this.clock, {
        actorId: viewer.userId,
        action: `${table === ratings ? 'rating' : 'report'}.${publish ? 'publish' : 'hide'}`,
        targetType: table === ratings ? 'rating' : 'completion_report',
        targetId: id,
        place,
        before: { reviewState: row.state },
        after: { reviewState: to },
        reason,
      })
      return { ...row, reason }
    })
  }

  async reviewReport(viewer: Viewer, communityId: string, id: string, publish: boolean, reason?: string | null) {
    const done = await this.review(viewer, communityId, completionReports, id, publish, reason)
    const [report] = await this.reports(this.db, sql`r.community_id = ${communityId} and r.id = ${id}`)
    if (!publish && report?.unitId && 'reason' in done) {
      await this.app.notifications.bus.publish(this.db, {
        kind: 'review.hidden',
        communityId,
        subject: { type: 'project', id: report.projectId },
        params: { projectTitle: report.projectTitle, reason: String(done.reason) },
        to: [{ unitAdmins: report.unitId }],
        except: viewer.userId,
      })
    }
    return report!
  }

  async reviewRating(viewer: Viewer, communityId: string, id: string, publish: boolean, reason?: string | null) {
    const done = await this.review(viewer, communityId, ratings, id, publish, reason)
    const [row] = await this.db
      .select({ recordedBy: ratings.recordedBy, raterId: ratings.raterId })
      .from(ratings)
      .where(and(eq(ratings.communityId, communityId), eq(ratings.id, id)))
    const [rating] = await this.ratingViews(this.db, viewer, sql`r.community_id = ${communityId} and r.id = ${id}`)
    if (!publish && row && 'reason' in done) {
      await this.app.notifications.bus.publish(this.db, {
        kind: 'review.hidden',
        communityId,
        subject: { type: 'project', id: rating!.projectId },
        params: { projectTitle: rating!.projectTitle, reason: String(done.reason) },
        to: { people: [...new Set([row.raterId ?? row.recordedBy, row.recordedBy])] },
        except: viewer.userId,
      })
    }
    return rating!
  }

  // ── Reading ────────────────────────────────────────────────────────────────

  async reports(db: DbOrTx, where: ReturnType<typeof sql>): Promise<ReportView[]> {
    const { rows } = await db.execute(sql`
      select r.id, r.community_id as "communityId", r.project_id as "projectId", p.title as "projectTitle", r.kind,
             r.unit_id as "unitId", u.name as "unitName", a.real_name as "authorName", r.summary,
             r.people_served as "peopleServed", r.photo_consent as "photoConsent", r.review_state as "reviewState",
             r.hidden_reason as "hiddenReason", r.reviewed_at as "reviewedAt", r.created_at as "createdAt",
             coalesce((select array_agg(f.id order by f.created_at, f.id) from files f
                where f.owner_type = ${REPORT_PHOTO} and f.owner_id = r.id and f.deleted_at is null), '{}') as "photoIds"
        from completion_reports r
        join projects p on p.community_id = r.community_id and p.id = r.project_id
        join users a on a.id = r.author_id
        left join units u on u.id = r.unit_id
       where ${where}
       order by r.created_at, r.id`)
    return rows.map((r) => ({
      ...(r as unknown as ReportView),
      peopleServed: Number(r.peopleServed),
      photoIds: (r.photoIds as string[]) ?? [],
      reviewedAt: toDateOrNull(r.reviewedAt),
      createdAt: toDate(r.createdAt),
    }))
  }

  private async ratingViews(db: DbOrTx, viewer: Viewer, where: ReturnType<typeof sql>): Promise<RatingView[]> {
    const { rows } = await db.execute(sql`
      select r.id, r.community_id as "communityId", r.project_id as "projectId", p.title as "projectTitle",
             r.need_id as "needId", n.title as "needTitle", r.rater_id as "raterId", r.recorded_by as "recordedBy",
             coalesce(u.real_name, n.for_name, '') as "raterName", r.score, r.comment, r.review_state as "reviewState",
             r.hidden_reason as "hiddenReason", r.created_at as "createdAt"
        from ratings r
        join projects p on p.community_id = r.community_id and p.id = r.project_id
        left join needs n on n.community_id = r.community_id and n.id = r.need_id
        left join users u on u.id = r.rater_id
       where ${where}
       order by r.created_at, r.id`)
    const staffOf = new Map<string, boolean>()
    const views: RatingView[] = []
    for (const r of rows) {
      const communityId = r.communityId as string
      if (!staffOf.has(communityId)) staffOf.set(communityId, await this.isStaffReader(db, viewer, communityId))
      const privileged = staffOf.get(communityId) || r.raterId === viewer.userId || r.recordedBy === viewer.userId
      const hidden = r.reviewState === 'hidden'
      views.push({
        id: r.id as string,
        communityId,
        projectId: r.projectId as string,
        projectTitle: r.projectTitle as string,
        needId: (r.needId as string | null) ?? null,
        needTitle: (r.needTitle as string | null) ?? null,
        raterName: privileged ? (r.raterName as string) : maskName(r.raterName as string),
        recordedForResident: r.recordedBy !== r.raterId,
        score: Number(r.score),
        comment: hidden && !privileged ? '' : (r.comment as string),
        reviewState: r.reviewState as ReviewState,
        hiddenReason: privileged ? ((r.hiddenReason as string | null) ?? null) : null,
        createdAt: toDate(r.createdAt),
      })
    }
    return views
  }

  /** Reports and ratings of a project as the viewer may see them. */
  /**
   * Who may read a project's evaluation and chain: whoever may see the project, and the
   * residents it served (their needs) or took part in it, and the grid workers of its needs'
   * grids. NOT_FOUND otherwise.
   */
  private async readableProject(
    viewer: Viewer,
    communityId: string,
    projectId: string,
  ): Promise<{ state: ProjectRow['state'] }> {
    const seen = await this.app.projectsService.project(viewer, communityId, projectId).catch(() => null)
    if (seen) return seen
    if (!isUuid(communityId) || !isUuid(projectId)) throw projectNotFound()
    const grids = viewer.grants.filter((g) => g.role === 'grid_worker' && g.scopeId).map((g) => g.scopeId!)
    const [row] = (
      await this.db.execute(sql`select p.state from projects p
        where p.community_id = ${communityId} and p.id = ${projectId} and p.state <> 'draft' and (
          exists (select 1 from needs n where n.community_id = p.community_id and n.project_id = p.id
                    and (n.for_user_id = ${viewer.userId} or n.recorded_by = ${viewer.userId}
                         ${grids.length ? sql`or n.grid_id in ${grids}` : sql``}))
          or exists (select 1 from sign_ups s join activities a on a.community_id = s.community_id and a.id = s.activity_id
                    where s.community_id = p.community_id and a.project_id = p.id and s.volunteer_id = ${viewer.userId}))`)
    ).rows
    if (!row) throw projectNotFound()
    return row as { state: ProjectRow['state'] }
  }

  async evaluation(viewer: Viewer, communityId: string, projectId: string) {
    const project = await this.readableProject(viewer, communityId, projectId)
    const staff = await this.isStaffReader(this.db, viewer, communityId)
    const visible = staff ? sql`true` : sql`(r.review_state = 'published' or r.author_id = ${viewer.userId})`
    const reports = (
      await this.reports(this.db, sql`r.community_id = ${communityId} and r.project_id = ${projectId} and ${visible}`)
    ).map((r) => (staff || r.reviewState !== 'hidden' ? r : { ...r, hiddenReason: null }))
    const ratingVisible = staff
      ? sql`true`
      : sql`(r.review_state = 'published' or r.recorded_by = ${viewer.userId} or r.rater_id = ${viewer.userId})`
    const ratingList = await this.ratingViews(
      this.db,
      viewer,
      sql`r.community_id = ${communityId} and r.project_id = ${projectId} and ${ratingVisible}`,
    )
    const [counts] = (
      await this.db.execute(sql`select count(*) filter (where state in ('resolved', 'rated'))::int as served,
          count(*) filter (where state = 'rated')::int as rated from needs
          where community_id = ${communityId} and project_id = ${projectId}`)
    ).rows as [{ served: number; rated: number }]
    const [bonus] = (
      await this.db.execute(sql`select count(*)::int as n from ledger_postings
          where community_id = ${communityId} and project_id = ${projectId} and kind = 'bonus'`)
    ).rows as [{ n: number }]
    const [row] = await this.db
      .select({
        completedAt: projects.completedAt,
        completionNote: projects.completionNote,
        evaluatedAt: projects.evaluatedAt,
      })
      .from(projects)
      .where(and(eq(projects.communityId, communityId), eq(projects.id, projectId)))
    const { ratingWindowDays } = await this.app.settingsService.effective(this.db, communityId)
    const counted = ratingList.filter((r) => r.reviewState !== 'hidden' || staff).map((r) => r.score)
    return {
      projectId,
      state: project.state,
      completedAt: row?.completedAt ?? null,
      completionNote: row?.completionNote ?? null,
      evaluatedAt: row?.evaluatedAt ?? null,
      ratingClosesAt: row?.completedAt ? new Date(row.completedAt.getTime() + ratingWindowDays * DAY_MS) : null,
      reports,
      ratings: ratingList,
      averageScore: averageScore(counted),
      ratingCount: counted.length,
      servedNeeds: Number(counts.served),
      ratedNeeds: Number(counts.rated),
      bonusVolunteers: Number(bonus.n),
    }
  }

  /** Needs the viewer may rate now: theirs, or those of grids they work as grid worker. */
  async ratableNeeds(viewer: Viewer) {
    const grids = viewer.grants.filter((g) => g.role === 'grid_worker' && g.scopeId).map((g) => g.scopeId!)
    const { rows } = await this.db.execute(sql`
      select n.id as "needId", n.title as "needTitle", p.id as "projectId", p.title as "projectTitle",
             n.for_user_id as "forUserId", coalesce(u.real_name, n.for_name, '') as "forName", p.completed_at as "completedAt",
             n.community_id as "communityId"
        from needs n
        join projects p on p.community_id = n.community_id and p.id = n.project_id
        left join users u on u.id = n.for_user_id
       where n.state = 'resolved' and p.state = 'completed'
         and (n.for_user_id = ${viewer.userId}
              ${grids.length ? sql`or n.grid_id in ${grids}` : sql``})
       order by p.completed_at, n.id
       limit 200`)
    const windows = new Map<string, number>()
    const out = []
    for (const r of rows) {
      const communityId = r.communityId as string
      if (!windows.has(communityId)) {
        windows.set(communityId, (await this.app.settingsService.effective(this.db, communityId)).ratingWindowDays)
      }
      const completedAt = toDate(r.completedAt)
      out.push({
        needId: r.needId as string,
        needTitle: r.needTitle as string,
        projectId: r.projectId as string,
        projectTitle: r.projectTitle as string,
        communityId,
        forName: r.forUserId === viewer.userId ? (r.forName as string) : maskName(r.forName as string),
        completedAt,
        closesAt: new Date(completedAt.getTime() + windows.get(communityId)! * DAY_MS),
      })
    }
    return out
  }

  /** Staff: reports and ratings waiting for review. */
  async pendingReviews(viewer: Viewer, communityId: string) {
    await requireCommunityStaff(this.db, viewer, communityId)
    return {
      reports: await this.reports(this.db, sql`r.community_id = ${communityId} and r.review_state = 'pending_review'`),
      ratings: await this.ratingViews(
        this.db,
        viewer,
        sql`r.community_id = ${communityId} and r.review_state = 'pending_review'`,
      ),
    }
  }

  /** The traceable chain of a project, for those who may read its evaluation. */
  async projectChain(viewer: Viewer, communityId: string, projectId: string) {
    const evaluation = await this.evaluation(viewer, communityId, projectId)
    const fullNames = await this.isStaffReader(this.db, viewer, communityId)
    const chain = await loadChain(this.db, communityId, projectId, {
      fullNames,
      reports: evaluation.reports,
      ratings: evaluation.ratings,
    })
    if (!chain) throw projectNotFound()
    return chain
  }

  /**
   * A need's chain: its project's (null while it has none), for those who may see the need. Only
   * staff (and the admins above) see the project's other needs: anyone else sees this need's own
   * links, not other residents' needs or ratings.
   */
  async needChain(viewer: Viewer, communityId: string, needId: string) {
    const need = await this.app.needsService.need(viewer, communityId, needId)
    if (!need.projectId) return null
    const chain = await this.projectChain(viewer, communityId, need.projectId)
    if (await this.isStaffReader(this.db, viewer, communityId)) return chain
    const otherNeeds = new Set(chain.needs.filter((n) => n.id !== needId).map((n) => n.id))
    const otherRatings = new Set(chain.ratings.filter((r) => r.needId !== needId).map((r) => r.id))
    return {
      ...chain,
      needs: chain.needs.filter((n) => n.id === needId),
      ratings: chain.ratings.filter((r) => r.needId === needId),
      events: chain.events.filter((e) => !(e.refId && (otherNeeds.has(e.refId) || otherRatings.has(e.refId)))),
    }
  }

  /** For the files plugin: a report's photos are seen by whoever may see the report. */
  async canViewPhoto(viewer: Viewer, file: { ownerId: string | null; communityId: string | null }): Promise<boolean> {
    if (!file.ownerId || !file.communityId) return false
    const [r] = await this.db
      .select({
        projectId: completionReports.projectId,
        state: completionReports.reviewState,
        authorId: completionReports.authorId,
      })
      .from(completionReports)
      .where(and(eq(completionReports.communityId, file.communityId), eq(completionReports.id, file.ownerId)))
    if (!r) return false
    if (r.authorId === viewer.userId || (await this.isStaffReader(this.db, viewer, file.communityId))) return true
    if (r.state !== 'published') return false
    // Whoever may read the project's evaluation: those who see the project, and those it served.
    return this.readableProject(viewer, file.communityId, r.projectId).then(
      () => true,
      () => false,
    )
  }
}
