/**
 * The aggregates rankings and dashboards read are kept by triggers in the same transaction as
 * each change. Here they are checked against `agg_rebuild()` — every aggregate recomputed from
 * the records — after the demo is seeded through the services, and again after each kind of
 * change that moves them: hours approved, amended, voided; a member leaving and rejoining a unit;
 * team members joining and leaving; a 双报到 confirmed and ended; a volunteer's party flag; a rating
 * hidden; a claim withdrawn; an activity moved to another month; no-shows cleared; resources
 * published; needs going through their states. A change the triggers missed shows as a
 * difference, named by table and key.
 */
import { sql } from '@linli/server/db'
import { seedDemo } from '@linli/server/demo'
import { SERVICE_HOURS_EDGES } from '@linli/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { aggregateDifferences } from './aggregates-check.ts'

let t: TestApp
const q = async (query: ReturnType<typeof sql>) => (await t.database.db.execute(query)).rows

/** What the triggers kept equals what the records say (and then it is rebuilt). */
async function expectTrue() {
  const { diff, rows } = await aggregateDifferences(t.database.db)
  expect(diff).toEqual([])
  return rows
}

beforeAll(async () => {
  t = await buildTestApp()
  await seedDemo(t.database.db, t.clock)
})
afterAll(() => t?.close())

describe('aggregates kept in the same transaction', () => {
  it('hold the seeded demo exactly as the records do', async () => {
    expect(await expectTrue()).toBeGreaterThan(100)
    const [hours] = await q(sql`select
      (select coalesce(sum(h.minutes), 0)::int from hour_records h where h.state = 'approved') as records,
      (select coalesce(sum(a.minutes), 0)::int from agg_volunteers a join districts d on d.id = a.scope_id where a.period = 'all') as kept`)
    expect(Number(hours!.kept)).toBe(Number(hours!.records))
    expect(Number(hours!.kept)).toBeGreaterThan(0)
  })

  it('follow hours approved, amended and voided, and activities moved to another month', async () => {
    await q(sql`update hour_records set minutes = minutes + 30
      where id in (select id from hour_records where state = 'approved' order by id limit 5)`)
    await q(sql`update hour_records set state = 'voided'
      where id in (select id from hour_records where state = 'approved' order by id desc limit 2)`)
    await q(sql`update hour_records set state = 'approved', minutes = coalesce(minutes, 60), reviewed_at = now()
      where state = 'pending' and minutes is not null`)
    await q(sql`update activities set starts_at = starts_at + interval '40 days', ends_at = ends_at + interval '40 days'
      where id in (select activity_id from hour_records where state = 'approved' order by activity_id limit 1)`)
    await q(sql`update activities set state = 'completed' where state = 'scheduled' and leader_id is not null`)
    await expectTrue()
  })

  it('follow unit and team membership, 双报到, the party flag and no-shows', async () => {
    const [member] = await q(sql`select m.unit_id, m.user_id from unit_members m
      join hour_records h on h.volunteer_id = m.user_id and h.state = 'approved' where m.status = 'active' limit 1`)
    expect(member).toBeDefined()
    await q(
      sql`update unit_members set status = 'left' where unit_id = ${member!.unit_id} and user_id = ${member!.user_id}`,
    )
    await expectTrue()
    await q(
      sql`update unit_members set status = 'active' where unit_id = ${member!.unit_id} and user_id = ${member!.user_id}`,
    )
    const [team] = await q(sql`select id from teams order by id limit 1`)
    await q(sql`insert into team_members (team_id, user_id, joined_at)
      select ${team!.id}, h.volunteer_id, now() from hour_records h where h.state = 'approved'
      group by h.volunteer_id on conflict do nothing`)
    await q(
      sql`delete from team_members where (team_id, user_id) in (select team_id, user_id from team_members order by user_id limit 1)`,
    )
    await q(sql`update dual_reports set state = case when state = 'confirmed' then 'ended' else 'confirmed' end
      where state in ('requested', 'confirmed')`)
    await q(sql`update volunteer_profiles set is_party_member = not is_party_member
      where user_id in (select volunteer_id from hour_records where state = 'approved')`)
    await q(sql`update no_show_marks set state = case when state = 'active' then 'cleared' else 'upheld' end`)
    await expectTrue()
  })

  it('follow ratings hidden, claims withdrawn, reports, resources and needs', async () => {
    await q(sql`update ratings set review_state = 'hidden', hidden_reason = '测试隐藏'
      where id in (select id from ratings order by id limit 1)`)
    await q(sql`update claims set state = 'withdrawn', ended_at = now()
      where id in (select c.id from claims c join ratings g on g.community_id = c.community_id and g.project_id = c.project_id
                    where c.state in ('active', 'completed') limit 1)`)
    await q(sql`update completion_reports set people_served = people_served + 7`)
    await q(sql`update resources set state = 'published' where state = 'offered'`)
    await q(sql`update needs set state = 'closed', category = 'other' where state = 'submitted'`)
    const [need] = await q(sql`select community_id, id from needs where state = 'accepted' limit 1`)
    if (need) {
      await q(sql`insert into need_events (community_id, id, need_id, action, from_state, to_state, at)
        values (${need.community_id}, gen_random_uuid(), ${need.id}, 'in_service', 'planned', 'in_service', now())`)
    }
    await expectTrue()
  })

  it('the histogram edges are one list in the database and in @linli/shared', async () => {
    const [row] =
      await q(sql`select agg_service_edges() as edges, agg_service_bucket(0.2) as b0, agg_service_bucket(0.5) as b1,
      agg_service_bucket(100000) as last`)
    expect((row!.edges as number[]).map(Number)).toEqual([...SERVICE_HOURS_EDGES])
    expect([row!.b0, row!.b1, row!.last].map(Number)).toEqual([1, 2, SERVICE_HOURS_EDGES.length + 1])
  })
})
