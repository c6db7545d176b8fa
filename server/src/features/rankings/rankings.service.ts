/**
 * Rankings and dashboards over a place (a community, a street, a district) and a period on the
 * Asia/Shanghai calendar. Each ranking is one statement for its metrics; scores and ranks follow
 * the documented formulas in @linli/shared (competition ranking: ties share a rank). Names are
 * masked unless the viewer administers the place. District scale (issue 8) will move these to
 * aggregates kept in the same transactions; the queries here are the reference they must match.
 */
import {
  DomainError,
  PIONEER_INDEX_FORMULA,
  TEAM_RANKING_FORMULA,
  UNIT_CONTRIBUTION_FORMULA,
  VOLUNTEER_RANKING_FORMULA,
  maskName,
  monthsBetween,
  periodBounds,
  pioneerIndex,
  rankBy,
  rankingPeriodSchema,
  unitContributionScore,
  type RankingPeriod,
} from '@linli/shared'
import { sql, type SQL } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ADMIN_ROLES, isUuid, loadAncestry, requirePlaceRole } from '../../access/places.ts'
import type { Viewer } from '../../graphql/context.ts'
import { parseInput } from '../../lib/input.ts'

export interface Scope {
  kind: 'community' | 'street' | 'district'
  id: string
}

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)
const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100

/** The communities of the scope, as a subquery. */
function scopeCommunities(scope: Scope): SQL {
  const where =
    scope.kind === 'community'
      ? sql`c.id = ${scope.id}`
      : scope.kind === 'street'
        ? sql`c.street_id = ${scope.id}`
        : sql`s.district_id = ${scope.id}`
  return sql`(select c.id from communities c join streets s on s.id = c.street_id where ${where})`
}

/** `column` falls in the period (null bounds: no limit). */
function inPeriod(column: SQL, p: { from: Date | null; to: Date | null }): SQL {
  return sql`${p.from ? sql`${column} >= ${p.from}` : sql`true`} and ${p.to ? sql`${column} < ${p.to}` : sql`true`}`
}

export class RankingsService {
  constructor(private readonly app: FastifyInstance) {}

  private get db() {
    return this.app.db
  }

  /** The place must exist; answers whether the viewer administers it (full names). */
  private async open(viewer: Viewer, scope: Scope, rawPeriod: unknown) {
    if (!isUuid(scope.id) || !(await loadAncestry(this.db, { kind: scope.kind, id: scope.id }))) {
      throw new DomainError('NOT_FOUND', `${scope.kind} not found`)
    }
    const period: RankingPeriod = parseInput(rankingPeriodSchema, rawPeriod)
    const admin = await requirePlaceRole(this.db, viewer, { kind: scope.kind, id: scope.id }, ADMIN_ROLES).then(
      () => true,
      () => false,
    )
    return { period: periodBounds(period), name: (n: string) => (admin ? n : maskName(n)) }
  }

  async volunteers(viewer: Viewer, scope: Scope, rawPeriod: unknown, first: number) {
    const { period, name } = await this.open(viewer, scope, rawPeriod)
    const { rows } = await this.db.execute(sql`
      select h.volunteer_id as id, u.real_name as name, sum(h.minutes)::int as minutes,
             rank() over (order by sum(h.minutes) desc)::int as rank
        from hour_records h
        join activities a on a.community_id = h.community_id and a.id = h.activity_id
        join users u on u.id = h.volunteer_id
       where h.state = 'approved' and h.community_id in ${scopeCommunities(scope)}
         and ${inPeriod(sql`a.starts_at`, period)}
       group by h.volunteer_id, u.real_name
       order by minutes desc, h.volunteer_id
       limit ${Math.min(Math.max(first, 1), 200)}`)
    return {
      formula: VOLUNTEER_RANKING_FORMULA,
      rows: rows.map((r) => ({
        rank: Number(r.rank),
        volunteerId: r.id as string,
        name: name(r.name as string),
        minutes: Number(r.minutes),
        hours: hours(Number(r.minutes)),
      })),
    }
  }

  async units(viewer: Viewer, scope: Scope, rawPeriod: unknown, first: number) {
    const { period } = await this.open(viewer, scope, rawPeriod)
    const communitiesIn = scopeCommunities(scope)
    const { rows } = await this.db.execute(sql`
      with units_in as (
        select distinct au.unit_id from alliance_units au
         where au.community_id in ${communitiesIn} and au.status = 'active'
      ),
      claims_n as (
        select c.unit_id, count(*)::int as n from claims c
         where c.community_id in ${communitiesIn} and c.state in ('active', 'completed')
           and ${inPeriod(sql`c.created_at`, period)}
         group by c.unit_id
      ),
      served as (
        select m.unit_id, count(distinct h.volunteer_id)::int as volunteers, coalesce(sum(h.minutes), 0)::int as minutes
          from unit_members m
          join hour_records h on h.volunteer_id = m.user_id and h.state = 'approved'
          join activities a on a.community_id = h.community_id and a.id = h.activity_id
         where m.status = 'active' and h.community_id in ${communitiesIn} and ${inPeriod(sql`a.starts_at`, period)}
         group by m.unit_id
      ),
      reported as (
        select r.unit_id, sum(r.people_served)::int as people from completion_reports r
         where r.unit_id is not null and r.community_id in ${communitiesIn} and ${inPeriod(sql`r.created_at`, period)}
         group by r.unit_id
      ),
      rated as (
        select c.unit_id, avg(g.score)::float as average from ratings g
          join claims c on c.community_id = g.community_id and c.project_id = g.project_id and c.state in ('active', 'completed')
         where g.community_id in ${communitiesIn} and g.review_state <> 'hidden' and ${inPeriod(sql`g.created_at`, period)}
         group by c.unit_id
      ),
      given as (
        select r.unit_id, count(*)::int as n from resources r
         where r.community_id in ${communitiesIn} and r.state in ('published', 'exhausted')
           and ${inPeriod(sql`r.created_at`, period)}
         group by r.unit_id
      )
      select u.id, u.name, coalesce(cl.n, 0) as claims, coalesce(sv.volunteers, 0) as volunteers,
             coalesce(sv.minutes, 0) as minutes, coalesce(rp.people, 0) as people, rt.average,
             coalesce(gv.n, 0) as resources
        from units u join units_in ui on ui.unit_id = u.id
        left join claims_n cl on cl.unit_id = u.id
        left join served sv on sv.unit_id = u.id
        left join reported rp on rp.unit_id = u.id
        left join rated rt on rt.unit_id = u.id
        left join given gv on gv.unit_id = u.id`)
    const scored = rows.map((r) => {
      const c = {
        claims: Number(r.claims),
        volunteers: Number(r.volunteers),
        hours: hours(Number(r.minutes)),
        peopleServed: Number(r.people),
        averageRating: r.average === null ? null : Math.round(Number(r.average) * 10) / 10,
        resources: Number(r.resources),
      }
      return { unitId: r.id as string, unitName: r.name as string, ...c, score: unitContributionScore(c) }
    })
    return {
      formula: UNIT_CONTRIBUTION_FORMULA,
      rows: rankBy(
        scored,
        (r) => r.score,
        (r) => r.unitName,
      ).slice(0, Math.min(Math.max(first, 1), 200)),
    }
  }

  async teams(viewer: Viewer, scope: Scope, rawPeriod: unknown, first: number) {
    const { period } = await this.open(viewer, scope, rawPeriod)
    const communitiesIn = scopeCommunities(scope)
    const { rows } = await this.db.execute(sql`
      with teams_in as (
        select t.id, t.name, coalesce(un.name, co.name) as owner from teams t
          left join units un on un.id = t.unit_id
          left join communities co on co.id = t.community_id
         where t.archived_at is null and (
           t.community_id in ${communitiesIn}
           or t.unit_id in (select au.unit_id from alliance_units au where au.community_id in ${communitiesIn} and au.status = 'active'))
      )
      select ti.id, ti.name, ti.owner,
             (select count(*) from team_members tm where tm.team_id = ti.id)::int as members,
             count(distinct h.volunteer_id)::int as served, coalesce(sum(h.minutes), 0)::int as minutes
        from teams_in ti
        left join team_members tm on tm.team_id = ti.id
        left join hour_records h on h.volunteer_id = tm.user_id and h.state = 'approved' and h.community_id in ${communitiesIn}
          and exists (select 1 from activities a where a.community_id = h.community_id and a.id = h.activity_id
                        and ${inPeriod(sql`a.starts_at`, period)})
       group by ti.id, ti.name, ti.owner`)
    const list = rows.map((r) => ({
      teamId: r.id as string,
      teamName: r.name as string,
      ownerName: r.owner as string,
      hours: hours(Number(r.minutes)),
      membersServed: Number(r.served),
      members: Number(r.members),
    }))
    return {
      formula: TEAM_RANKING_FORMULA,
      rows: rankBy(
        list,
        (r) => r.hours * 1000 + r.membersServed,
        (r) => r.teamName,
      ).slice(0, Math.min(Math.max(first, 1), 200)),
    }
  }

  async pioneers(viewer: Viewer, scope: Scope, rawPeriod: unknown, first: number) {
    const { period, name } = await this.open(viewer, scope, rawPeriod)
    const communitiesIn = scopeCommunities(scope)
    const { rows } = await this.db.execute(sql`
      with members as (
        select p.user_id from volunteer_profiles p where p.is_party_member
      )
      select m.user_id as id, u.real_name as name,
             (select coalesce(sum(h.minutes), 0) from hour_records h
                join activities a on a.community_id = h.community_id and a.id = h.activity_id
               where h.volunteer_id = m.user_id and h.state = 'approved' and h.community_id in ${communitiesIn}
                 and ${inPeriod(sql`a.starts_at`, period)})::int as minutes,
             (select count(*) from dual_reports d where d.user_id = m.user_id and d.state = 'confirmed'
                and d.community_id in ${communitiesIn})::int as reports,
             (select count(*) from activities a where a.leader_id = m.user_id and a.state = 'completed'
                and a.community_id in ${communitiesIn} and ${inPeriod(sql`a.starts_at`, period)})::int as led,
             (select count(*) from no_show_marks k where k.volunteer_id = m.user_id and k.state in ('active', 'upheld')
                and k.community_id in ${communitiesIn} and ${inPeriod(sql`k.marked_at`, period)})::int as no_shows
        from members m join users u on u.id = m.user_id
       where u.deleted_at is null`)
    const list = rows
      .map((r) => {
        const inputs = {
          hours: hours(Number(r.minutes)),
          dualReports: Number(r.reports),
          led: Number(r.led),
          noShows: Number(r.no_shows),
        }
        return {
          volunteerId: r.id as string,
          rawName: r.name as string,
          name: name(r.name as string),
          index: pioneerIndex(inputs),
          hours: inputs.hours,
          dualReport: inputs.dualReports > 0,
          led: inputs.led,
          noShows: inputs.noShows,
          active: inputs.hours > 0 || inputs.dualReports > 0 || inputs.led > 0 || inputs.noShows > 0,
        }
      })
      .filter((r) => r.active)
    return {
      formula: PIONEER_INDEX_FORMULA,
      rows: rankBy(
        list,
        (r) => r.index,
        (r) => r.volunteerId,
      )
        .slice(0, Math.min(Math.max(first, 1), 200))
        .map(({ rawName: _raw, active: _active, ...r }) => r),
    }
  }

  /** Staff of the community, or the street/district admins above: the dashboard for months from–to. */
  async dashboard(viewer: Viewer, scope: Scope, rawFrom: string, rawTo: string) {
    if (scope.kind === 'district')
      throw new DomainError('BAD_USER_INPUT', 'A community or a street', { field: 'scope' })
    await requirePlaceRole(this.db, viewer, { kind: scope.kind, id: scope.id }, ADMIN_ROLES)
    const from = parseInput(monthSchema, rawFrom)
    const to = parseInput(monthSchema, rawTo)
    const months = monthsBetween(from, to)
    if (months.length === 0) {
      throw new DomainError('BAD_USER_INPUT', 'From must not be after to, at most 36 months', { field: 'to' })
    }
    const start = periodBounds({ kind: 'month', value: from }).from!
    const end = periodBounds({ kind: 'month', value: to }).to!
    const span = { from: start, to: end }
    const communitiesIn = scopeCommunities(scope)
    const now = this.app.clock.now()
    const month = (column: SQL) => sql`to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM')`
    const [byState, byAge, match, median, hoursRows, pointsRows, categories] = await Promise.all([
      this.db.execute(sql`select state as key, count(*)::int as count from needs
        where community_id in ${communitiesIn} group by state order by state`),
      this.db.execute(sql`select case
          when ${now}::timestamptz - created_at < interval '3 days' then 'lt3d'
          when ${now}::timestamptz - created_at < interval '7 days' then '3to7d'
          when ${now}::timestamptz - created_at < interval '30 days' then '7to30d'
          else 'gt30d' end as key, count(*)::int as count
        from needs where community_id in ${communitiesIn} and state in ('submitted', 'accepted', 'planned', 'in_service')
        group by 1`),
      this.db.execute(sql`select
          count(*) filter (where e.action = 'accepted')::int as accepted,
          count(*) filter (where e.action = 'planned')::int as planned
        from need_events e where e.community_id in ${communitiesIn} and ${inPeriod(sql`e.at`, span)}`),
      this.db
        .execute(sql`select percentile_cont(0.5) within group (order by extract(epoch from e.at - n.created_at) / 3600)::float as hours
        from need_events e join needs n on n.community_id = e.community_id and n.id = e.need_id
        where e.action = 'in_service' and e.community_id in ${communitiesIn} and ${inPeriod(sql`e.at`, span)}`),
      this.db.execute(sql`select ${month(sql`a.starts_at`)} as month, sum(h.minutes)::int as minutes
        from hour_records h join activities a on a.community_id = h.community_id and a.id = h.activity_id
        where h.state = 'approved' and h.community_id in ${communitiesIn} and ${inPeriod(sql`a.starts_at`, span)}
        group by 1`),
      this.db.execute(sql`select ${month(sql`e.created_at`)} as month, p.kind, a.kind as account,
          coalesce(-sum(e.amount) filter (where e.amount < 0), 0)::int as minus, coalesce(sum(e.amount) filter (where e.amount > 0), 0)::int as plus
        from ledger_entries e
        join ledger_postings p on p.community_id = e.community_id and p.id = e.posting_id
        join ledger_accounts a on a.community_id = e.community_id and a.id = e.account_id
        where e.community_id in ${communitiesIn} and a.kind in ('issuance', 'store') and ${inPeriod(sql`e.created_at`, span)}
        group by 1, 2, 3`),
      this.db.execute(sql`select category as key, count(*)::int as count from needs
        where community_id in ${communitiesIn} and ${inPeriod(sql`created_at`, span)}
        group by category order by count(*) desc, category limit 8`),
    ])
    const series = (values: Map<string, number>) => months.map((m) => ({ month: m, value: values.get(m) ?? 0 }))
    const hoursBy = new Map(hoursRows.rows.map((r) => [r.month as string, hours(Number(r.minutes))]))
    const issued = new Map<string, number>()
    const redeemed = new Map<string, number>()
    for (const r of pointsRows.rows) {
      const m = r.month as string
      if (r.account === 'issuance' && ['earn', 'bonus', 'adjust'].includes(r.kind as string)) {
        issued.set(m, (issued.get(m) ?? 0) + Number(r.minus))
      }
      if (r.account === 'store' && r.kind === 'redeem') redeemed.set(m, (redeemed.get(m) ?? 0) + Number(r.plus))
      if (r.account === 'store' && r.kind === 'refund') redeemed.set(m, (redeemed.get(m) ?? 0) - Number(r.minus))
    }
    const m0 = match.rows[0] as { accepted: number; planned: number } | undefined
    const accepted = Number(m0?.accepted ?? 0)
    const ages = new Map(byAge.rows.map((r) => [r.key as string, Number(r.count)]))
    const medianHours = median.rows[0]?.hours
    return {
      needsByState: byState.rows.map((r) => ({ key: r.key as string, count: Number(r.count) })),
      openNeedsByAge: ['lt3d', '3to7d', '7to30d', 'gt30d'].map((key) => ({ key, count: ages.get(key) ?? 0 })),
      matchRate: accepted === 0 ? null : Math.round((Number(m0!.planned) / accepted) * 1000) / 1000,
      medianHoursToService:
        medianHours === null || medianHours === undefined ? null : Math.round(Number(medianHours) * 10) / 10,
      hoursByMonth: series(hoursBy),
      pointsIssuedByMonth: series(issued),
      pointsRedeemedByMonth: series(redeemed),
      topCategories: categories.rows.map((r) => ({ key: r.key as string, count: Number(r.count) })),
    }
  }
}
