/**
 * The district generator (tests/bench/district.ts) at a hundredth of the district, on PostgreSQL:
 * what it loads with triggers off must be what the platform would have written — every posting
 * balanced, balances equal to their entries, the unique indexes rebuilt over it — and the rankings
 * the aggregates answer must equal the reference scans of the records. Then the platform works on
 * it: an approval through the service keeps the aggregates equal to the records.
 */
import { sql } from '@linli/server/db'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { generateDistrict, type District } from '../../bench/district.ts'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { aggregateDifferences } from './aggregates-check.ts'

describeOnPostgres('the district generator', () => {
  let t: TestApp
  let d: District
  const q = async (query: ReturnType<typeof sql>) => (await t.database.db.execute(query)).rows

  beforeAll(async () => {
    t = await buildTestApp({ config: { accessTokenTtlSeconds: 400 * 86_400 } })
    d = await generateDistrict(t.database.url!, { scale: 0.01, passwordHash: '!' })
  }, 120_000)
  afterAll(() => t?.close())

  it('loads a hundredth of the district whose ledger and indexes hold', async () => {
    expect(d.counts.hour_records).toBe(100_000)
    const [ledger] = await q(sql`select
      (select count(*)::int from (select 1 from ledger_entries group by community_id, posting_id having sum(amount) <> 0) x) as unbalanced,
      (select count(*)::int from ledger_accounts a where a.balance <> coalesce((select sum(e.amount) from ledger_entries e
          where e.community_id = a.community_id and e.account_id = a.id), 0)) as drifted,
      (select count(*)::int from ledger_accounts where kind = 'wallet' and balance < 0) as negative,
      (select count(*)::int from pg_indexes where indexname in ('hour_records_one_live', 'sign_ups_one_live', 'ledger_postings_earn_once')) as unique_indexes`)
    expect(ledger).toEqual({ unbalanced: 0, drifted: 0, negative: 0, unique_indexes: 3 })
  })

  it('answers rankings from the aggregates exactly as the records say', async () => {
    const inDistrict = sql`(select c.id from communities c join streets s on s.id = c.street_id where s.district_id = ${d.districtId})`
    const reference = await q(sql`select h.volunteer_id as id, sum(h.minutes)::int as minutes
        from hour_records h join activities a on a.community_id = h.community_id and a.id = h.activity_id
       where h.state = 'approved' and h.community_id in ${inDistrict}
         and a.starts_at >= '2025-12-31T16:00:00Z' and a.starts_at < '2026-12-31T16:00:00Z'
       group by 1 order by 2 desc, 1 limit 20`)
    const kept = await q(sql`select volunteer_id as id, minutes from agg_volunteers
      where scope_id = ${d.districtId} and period = '2026' and minutes > 0 order by minutes desc, volunteer_id limit 20`)
    expect(kept).toEqual(reference)
    expect(reference).toHaveLength(20)

    const [unit] = await q(sql`select unit_id from alliance_units where community_id = ${d.communityId} limit 1`)
    const [unitReference] =
      await q(sql`select coalesce(sum(h.minutes), 0)::int as minutes, count(distinct h.volunteer_id)::int as volunteers
        from unit_members m join hour_records h on h.volunteer_id = m.user_id and h.state = 'approved'
       where m.unit_id = ${unit!.unit_id} and m.status = 'active' and h.community_id in ${inDistrict}`)
    const [unitKept] = await q(sql`select minutes, volunteers from agg_units
      where scope_id = ${d.districtId} and period = 'all' and unit_id = ${unit!.unit_id}`)
    expect(unitKept).toEqual(unitReference)
  })

  it('keeps the aggregates true when the platform approves hours on it', async () => {
    const pending = await q(
      sql`select id from hour_records where community_id = ${d.communityId} and state = 'pending' limit 20`,
    )
    expect(pending.length).toBeGreaterThan(0)
    const [staffUser] = await q(
      sql`select user_id from role_grants where role = 'community_staff' and scope_id = ${d.communityId}`,
    )
    const viewer = {
      userId: staffUser!.user_id as string,
      sessionId: 's',
      grants: [{ id: 'g', role: 'community_staff' as const, scopeType: 'community' as const, scopeId: d.communityId }],
    }
    await t.app.hoursService.approveHourRecords(
      viewer,
      d.communityId,
      pending.map((r) => r.id as string),
    )
    expect((await aggregateDifferences(t.database.db)).diff).toEqual([])
  })
})
