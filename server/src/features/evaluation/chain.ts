/**
 * The traceable chain (可追溯): need → project → claims → activities → hours → reports and
 * ratings, with who did what and when — a handful of statements whatever the project's size.
 * People's names are masked (李*强) unless the viewer is staff of the community (or above);
 * units are named.
 */
import { maskName } from '@linli/shared'
import { sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/index.ts'
import { toDate } from '../../lib/rows.ts'
import type { ReportView, RatingView } from './evaluation.service.ts'

export interface ChainEvent {
  at: Date
  action: string
  actor: string | null
  subject: string | null
  refId: string | null
}

export async function loadChain(
  db: DbOrTx,
  communityId: string,
  projectId: string,
  opts: { fullNames: boolean; reports: ReportView[]; ratings: RatingView[] },
) {
  /** The first `max` characters, with … when there was more. */
  const excerpt = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text)
  const name = (n: unknown) => (typeof n === 'string' && n ? (opts.fullNames ? n : maskName(n)) : null)
  const [project] = (
    await db.execute(sql`select p.id, p.title, p.state, p.created_at as "createdAt", p.published_at as "publishedAt",
        p.started_at as "startedAt", p.completed_at as "completedAt", p.evaluated_at as "evaluatedAt", u.real_name as "createdBy"
      from projects p join users u on u.id = p.created_by
      where p.community_id = ${communityId} and p.id = ${projectId}`)
  ).rows
  if (!project) return null
  const [needRows, needEvents, claimRows, activityRows, hourRows, bonusRows] = await Promise.all([
    db.execute(sql`select id, title, state, created_at as "createdAt" from needs
      where community_id = ${communityId} and project_id = ${projectId} order by created_at, id`),
    db.execute(sql`select e.need_id as "needId", n.title, e.action, e.at, u.real_name as "actor" from need_events e
      join needs n on n.community_id = e.community_id and n.id = e.need_id
      left join users u on u.id = e.actor_id
      where e.community_id = ${communityId} and n.project_id = ${projectId}
        and e.action in ('submitted', 'recorded', 'accepted', 'resolved', 'rated')`),
    db.execute(sql`select c.id, c.unit_id as "unitId", un.name as "unitName", c.state, c.created_at as "createdAt"
      from claims c join units un on un.id = c.unit_id
      where c.community_id = ${communityId} and c.project_id = ${projectId} order by c.created_at, c.id`),
    db.execute(sql`select a.id, a.title, a.starts_at as "startsAt", a.ends_at as "endsAt", a.state, a.created_at as "createdAt",
        coalesce(sum(h.minutes) filter (where h.state = 'approved'), 0)::int as "approvedMinutes",
        count(distinct h.volunteer_id) filter (where h.state = 'approved')::int as volunteers
      from activities a left join hour_records h on h.community_id = a.community_id and h.activity_id = a.id
      where a.community_id = ${communityId} and a.project_id = ${projectId}
      group by a.community_id, a.id order by a.starts_at, a.id`),
    db.execute(sql`select a.id as "activityId", a.title, max(h.reviewed_at) as at, count(*)::int as n,
        sum(h.minutes)::int as minutes, (array_agg(u.real_name order by h.reviewed_at desc))[1] as actor,
        count(distinct h.volunteer_id)::int as volunteers
      from hour_records h join activities a on a.community_id = h.community_id and a.id = h.activity_id
      left join users u on u.id = h.reviewed_by
      where h.community_id = ${communityId} and a.project_id = ${projectId} and h.state = 'approved'
      group by a.community_id, a.id`),
    db.execute(sql`select min(created_at) as at, count(*)::int as n from ledger_postings
      where community_id = ${communityId} and project_id = ${projectId} and kind = 'bonus'`),
  ])
  const claimList = claimRows.rows.map((c) => ({
    id: c.id as string,
    unitId: c.unitId as string,
    unitName: c.unitName as string,
    state: c.state as string,
    createdAt: toDate(c.createdAt),
    lead: false,
  }))
  // The lead: the earliest claim still standing (live or completed).
  const lead = claimList.find((c) => ['pending', 'active', 'completed'].includes(c.state))
  if (lead) lead.lead = true
  const activities = activityRows.rows.map((a) => ({
    id: a.id as string,
    title: a.title as string,
    startsAt: toDate(a.startsAt),
    endsAt: toDate(a.endsAt),
    state: a.state as string,
    approvedMinutes: Number(a.approvedMinutes),
    volunteers: Number(a.volunteers),
    createdAt: toDate(a.createdAt),
  }))

  const events: ChainEvent[] = []
  const push = (at: unknown, action: string, actor: string | null, subject: string | null, refId: string | null) => {
    if (at) events.push({ at: toDate(at), action, actor, subject, refId })
  }
  for (const e of needEvents.rows) {
    push(e.at, `need.${e.action as string}`, name(e.actor), e.title as string, e.needId as string)
  }
  push(project.createdAt, 'project.created', name(project.createdBy), project.title as string, projectId)
  push(project.publishedAt, 'project.published', null, project.title as string, projectId)
  for (const c of claimList) push(c.createdAt, 'claim.made', c.unitName, c.unitName, c.id)
  push(project.startedAt, 'project.started', null, project.title as string, projectId)
  for (const a of activities) push(a.createdAt, 'activity.scheduled', null, a.title, a.id)
  for (const h of hourRows.rows) {
    push(
      h.at,
      'hours.approved',
      name(h.actor),
      `${h.title as string} · ${Number(h.minutes)} min · ${Number(h.volunteers)}`,
      h.activityId as string,
    )
  }
  push(project.completedAt, 'project.completed', null, project.title as string, projectId)
  for (const r of opts.reports)
    push(r.createdAt, 'report.posted', r.unitName ?? name(r.authorName), excerpt(r.summary, 40), r.id)
  for (const r of opts.ratings)
    push(r.createdAt, 'rating.given', name(r.raterName), `${r.score}★ ${r.needTitle ?? ''}`.trim(), r.id)
  push(project.evaluatedAt, 'project.evaluated', null, project.title as string, projectId)
  const bonus = bonusRows.rows[0]
  if (bonus && Number(bonus.n) > 0) push(bonus.at, 'points.bonus', null, String(bonus.n), projectId)
  events.sort((a, b) => a.at.getTime() - b.at.getTime())

  return {
    projectId,
    projectTitle: project.title as string,
    projectState: project.state as string,
    needs: needRows.rows.map((n) => ({
      id: n.id as string,
      title: n.title as string,
      state: n.state as string,
      createdAt: toDate(n.createdAt),
    })),
    claims: claimList,
    activities,
    approvedMinutes: activities.reduce((s, a) => s + a.approvedMinutes, 0),
    volunteers: Number(
      (
        await db.execute(sql`select count(distinct h.volunteer_id)::int as n from hour_records h
          join activities a on a.community_id = h.community_id and a.id = h.activity_id
          where h.community_id = ${communityId} and a.project_id = ${projectId} and h.state = 'approved'`)
      ).rows[0]?.n ?? 0,
    ),
    reports: opts.reports,
    ratings: opts.ratings,
    events,
  }
}
