/**
 * Rankings and dashboards over a place (a community, a street, a district) and a period on the
 * Asia/Shanghai calendar. They read the aggregates (server/src/db/schema/aggregates.ts) that
 * triggers keep in the same transaction as each change, so a district's ranking reads its top
 * rows from an index rather than ten million hour records. Scores and ranks follow the documented
 * formulas in @linli/shared (competition ranking: ties share a rank). Names are masked unless the
 * viewer administers the place.
 */
import {
  DomainError,
  PIONEER_INDEX_FORMULA,
  TEAM_RANKING_FORMULA,
  UNIT_CONTRIBUTION_FORMULA,
  VOLUNTEER_RANKING_FORMULA,
  maskName,
  medianFromHistogram,
  monthsBetween,
  periodKey,
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

const limit = (first: number) => Math.min(Math.max(first, 1), 200)

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
    return { period: periodKey(period), name: (n: string) => (admin ? n : maskName(n)) }
  }

  async volunteers(viewer: Viewer, scope: Scope, rawPeriod: unknown, first: number) {
    const { period, name } = await this.open(viewer, scope, rawPeriod)
    // The top rows straight from agg_volunteers_hours_idx (its order, nulls last included, so
    // no sort): rank() streams over the index order and the limit stops the scan.
    const { rows } = await this.db.execute(sql`
      select t.volunteer_id as id, u.real_name as name, t.minutes, t.rank
        from (select a.volunteer_id, a.minutes, rank() over (order by a.minutes desc nulls last)::int as rank
                from agg_volunteers a
               where a.scope_id = ${scope.id} and a.period = ${period} and a.minutes > 0
               order by a.minutes desc nulls last, a.volunteer_id
               limit ${limit(first)}) t
        join users u on u.id = t.volunteer_id
       order by t.minutes desc, t.volunteer_id`)
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
    const { rows } = await this.db.execute(sql`
      with units_in as (
        select distinct au.unit_id from alliance_units au
         where au.community_id in ${scopeCommunities(scope)} and au.status = 'active'
      )
      select u.id, u.name, coalesce(a.claims, 0) as claims, coalesce(a.volunteers, 0) as volunteers,
             coalesce(a.minutes, 0) as minutes, coalesce(a.people, 0) as people,
             case when a.rating_count > 0 then a.rating_sum::float / a.rating_count end as average,
             coalesce(a.resources, 0) as resources
        from units u join units_in ui on ui.unit_id = u.id
        left join agg_units a on a.scope_id = ${scope.id} and a.period = ${period} and a.unit_id = u.id`)
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
      ).slice(0, limit(first)),
    }
  }

  async teams(viewer: Viewer, scope: Scope, rawPeriod: unknown, first: number) {
    const { period } = await this.open(viewer, scope, rawPeriod)
    const communitiesIn = scopeCommunities(scope)
    const { rows } = await this.db.execute(sql`
      select t.id, t.name, coalesce(un.name, co.name) as owner, coalesce(z.members, 0) as members,
             coalesce(a.served, 0) as served, coalesce(a.minutes, 0) as minutes
        from teams t
        left join units un on un.id = t.unit_id
        left join communities co on co.id = t.community_id
        left join agg_team_sizes z on z.team_id = t.id
        left join agg_teams a on a.scope_id = ${scope.id} and a.period = ${period} and a.team_id = t.id
       where t.archived_at is null and (
         t.community_id in ${communitiesIn}
         or t.unit_id in (select au.unit_id from alliance_units au where au.community_id in ${communitiesIn} and au.status = 'active'))`)
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
      ).slice(0, limit(first)),
    }
  }

  /** Party members active in the period (hours, activities led or no-shows), by 先锋指数. */
  async pioneers(viewer: Viewer, scope: Scope, rawPeriod: unknown, first: number) {
    const { period, name } = await this.open(viewer, scope, rawPeriod)
    const { rows } = await this.db.execute(sql`
      select a.volunteer_id as id, u.real_name as name, a.minutes, a.dual, a.led, a.no_shows
        from agg_volunteers a join users u on u.id = a.volunteer_id
       where a.scope_id = ${scope.id} and a.period = ${period} and a.party
         and (a.minutes > 0 or a.led > 0 or a.no_shows > 0) and u.deleted_at is null
       order by a.pioneer_score desc nulls last, a.volunteer_id
       limit ${limit(first)}`)
    const list = rows.map((r) => {
      const inputs = {
        hours: hours(Number(r.minutes)),
        dualReports: r.dual ? 1 : 0,
        led: Number(r.led),
        noShows: Number(r.no_shows),
      }
      return {
        volunteerId: r.id as string,
        name: name(r.name as string),
        index: pioneerIndex(inputs),
        hours: inputs.hours,
        dualReport: inputs.dualReports > 0,
        led: inputs.led,
        noShows: inputs.noShows,
      }
    })
    return {
      formula: PIONEER_INDEX_FORMULA,
      rows: rankBy(
        list,
        (r) => r.index,
        (r) => r.volunteerId,
      ),
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
    const series = (values: Map<string, number>) => months.map((m) => ({ month: m, value: values.get(m) ?? 0 }))
    const communitiesIn = scopeCommunities(scope)
    const now = this.app.clock.now()
    const [byState, byAge, monthsRows, pointsRows, categories] = await Promise.all([
      this.db.execute(sql`select state as key, sum(count)::int as count from agg_need_states
        where community_id in ${communitiesIn} group by state having sum(count) > 0 order by state`),
      this.db.execute(sql`select case
          when ${now}::timestamptz - created_at < interval '3 days' then 'lt3d'
          when ${now}::timestamptz - created_at < interval '7 days' then '3to7d'
          when ${now}::timestamptz - created_at < interval '30 days' then '7to30d'
          else 'gt30d' end as key, count(*)::int as count
        from needs where community_id in ${communitiesIn} and state in ('submitted', 'accepted', 'planned', 'in_service')
        group by 1`),
      this.db.execute(sql`select month, minutes, accepted, planned, to_service from agg_community_months
        where community_id in ${communitiesIn} and month >= ${from} and month <= ${to}`),
      this.db
        .execute(sql`select month, sum(issued)::int as issued, sum(redeemed)::int as redeemed from agg_points_months
        where community_id in ${communitiesIn} and month >= ${from} and month <= ${to} group by month`),
      this.db.execute(sql`select category as key, sum(count)::int as count from agg_need_categories
        where community_id in ${communitiesIn} and month >= ${from} and month <= ${to}
        group by category having sum(count) > 0 order by sum(count) desc, category limit 8`),
    ])
    const minutesBy = new Map<string, number>()
    const histogram: number[] = []
    let accepted = 0
    let planned = 0
    for (const r of monthsRows.rows) {
      const m = r.month as string
      minutesBy.set(m, (minutesBy.get(m) ?? 0) + Number(r.minutes))
      accepted += Number(r.accepted)
      planned += Number(r.planned)
      ;(r.to_service as number[]).forEach((n, i) => (histogram[i] = (histogram[i] ?? 0) + Number(n)))
    }
    const hoursBy = new Map([...minutesBy].map(([m, minutes]) => [m, hours(minutes)]))
    const issued = new Map(pointsRows.rows.map((r) => [r.month as string, Number(r.issued)]))
    const redeemed = new Map(pointsRows.rows.map((r) => [r.month as string, Number(r.redeemed)]))
    const ages = new Map(byAge.rows.map((r) => [r.key as string, Number(r.count)]))
    const medianHours = medianFromHistogram(histogram)
    return {
      needsByState: byState.rows.map((r) => ({ key: r.key as string, count: Number(r.count) })),
      openNeedsByAge: ['lt3d', '3to7d', '7to30d', 'gt30d'].map((key) => ({ key, count: ages.get(key) ?? 0 })),
      matchRate: accepted === 0 ? null : Math.round((planned / accepted) * 1000) / 1000,
      medianHoursToService: medianHours === null ? null : Math.round(medianHours * 10) / 10,
      hoursByMonth: series(hoursBy),
      pointsIssuedByMonth: series(issued),
      pointsRedeemedByMonth: series(redeemed),
      topCategories: categories.rows.map((r) => ({ key: r.key as string, count: Number(r.count) })),
    }
  }
}
