/**
 * The district generator (issue 8): fills a migrated database with one district — 10 streets,
 * 100 communities, 300 alliance units — and, at scale 1, 200,000 volunteers, 300,000 needs with
 * their histories, 100,000 projects with 150,000 claims, 1,000,000 activities with 10,000,000
 * sign-ups and hour records, 9.6 million earn postings with their 19.2 million ledger entries,
 * ratings, completion reports, resources, no-shows, 双报到, unit and team members. `scale`
 * multiplies the people and what they do; the places and units stay (scale 0.01 is "1/100 of
 * the data" for the benchmark).
 *
 * Proportions: 10 people per activity, 10 activities per project, 3 needs per project, 96 %
 * of records approved (2 % pending, 2 % rejected), 1 in 20 people serving in a neighbouring
 * community, ~14 % party members, a quarter of volunteers in a unit, a fifth in a team, 95 % of
 * needs closed by service (60 % rated), 1 % of sign-ups no-shows. Dates from January 2024 to
 * November 2026 (Asia/Shanghai), each community's history in order.
 *
 * How: server-side `INSERT … SELECT generate_series` with ids derived from counters (so every
 * B-tree grows at its right edge), triggers and foreign-key checks off for the load
 * (`session_replication_role = replica`, so the owner — a superuser — must run it), the big
 * tables' secondary indexes dropped during the load and built after, two connections in
 * parallel; then `agg_rebuild()` computes the aggregates the triggers would have kept, ledger
 * balances are set from their entries, and everything is analysed.
 */
import pg from 'pg'

export interface GenerateOptions {
  scale: number
  /** Hash of the password of the generated staff accounts (hashPassword from @linli/server/passwords). */
  passwordHash: string
  log?: (line: string) => void
}

export interface District {
  districtId: string
  streetId: string
  communityId: string
  /** Phones of the generated staff: district admin, the first street's admin, its first community's staff. */
  phones: { district: string; street: string; community: string }
  counts: Record<string, number>
  seconds: number
}

const COMMUNITIES = 100
const STREETS = 10
const UNITS = 300
const BASE = '2023-12-31T16:00:00Z' // 2024-01-01 00:00 in Shanghai
const SPAN_MINUTES = 1_055 * 24 * 60 // to 2026-11-20

/** A counter's id: kind in the first group, the counter in the last. */
const ID_FUNCTION = `create or replace function linli_gen_id(k integer, n bigint) returns uuid language sql immutable parallel safe as
  $$ select (lpad(to_hex(k), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$`

export const gid = (kind: number, n: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

const K = {
  district: 1,
  street: 2,
  community: 3,
  grid: 4,
  volunteer: 5,
  staff: 6,
  unit: 7,
  alliance: 8,
  team: 9,
  project: 10,
  claim: 11,
  need: 12,
  needEvent: 13,
  activity: 14,
  signUp: 15,
  record: 16,
  rating: 17,
  report: 18,
  resource: 19,
  noShowSignUp: 20,
  noShow: 21,
  dual: 22,
  account: 23,
  posting: 24,
  entry: 25,
  grant: 26,
} as const

const BIG_TABLES = [
  'hour_records',
  'sign_ups',
  'ledger_postings',
  'ledger_entries',
  'needs',
  'need_events',
  'activities',
  'agg_volunteers',
]

export async function generateDistrict(url: string, options: GenerateOptions): Promise<District> {
  const log = options.log ?? (() => {})
  const started = Date.now()
  const s = options.scale
  const perC = (n: number) => Math.max(1, Math.round(n * s))
  const n = {
    volunteers: perC(2_000) * COMMUNITIES,
    projects: perC(1_000) * COMMUNITIES,
    needs: perC(3_000) * COMMUNITIES,
    activities: perC(10_000) * COMMUNITIES,
    resources: perC(50) * COMMUNITIES,
    noShows: perC(1_000) * COMMUNITIES,
  }
  const vPer = n.volunteers / COMMUNITIES
  // Ten people per activity and a no-show, all different: at least 20 volunteers per community.
  if (vPer < 20) throw new Error('scale 0.01 at least (20 volunteers per community)')
  const pPer = n.projects / COMMUNITIES
  const nPer = n.needs / COMMUNITIES
  const aPer = n.activities / COMMUNITIES
  const records = n.activities * 10

  const pool = new pg.Pool({ connectionString: url, max: 2 })
  const session = async () => {
    const c = await pool.connect()
    await c.query(`set session_replication_role = replica`)
    await c.query(`set maintenance_work_mem = '512MB'`)
    await c.query(`set work_mem = '256MB'`)
    await c.query(`set synchronous_commit = off`)
    return c
  }
  const [one, two] = [await session(), await session()]
  const step = async (c: pg.PoolClient, label: string, text: string) => {
    const t0 = Date.now()
    const r = await c.query(text)
    log(`  ${label}: ${r.rowCount ?? 0} rows, ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  }
  const lanes = async (...runs: ((c: pg.PoolClient) => Promise<void>)[][]) => {
    const clients = [one, two]
    await Promise.all(
      runs.map(async (list, i) => {
        for (const run of list) await run(clients[i % 2]!)
      }),
    )
  }
  const q = (label: string, text: string) => (c: pg.PoolClient) => step(c, label, text)

  try {
    const exists = await one.query(`select 1 from districts where id = $1`, [gid(K.district, 1)])
    if (exists.rowCount) throw new Error('this database already holds the generated district')
    await one.query(ID_FUNCTION)

    // Secondary indexes of the big tables: dropped for the load, built after.
    const { rows: indexes } = await one.query<{ name: string; def: string; table: string }>(
      `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def, t.relname as table
         from pg_index i join pg_class t on t.oid = i.indrelid
        where t.relname = any($1) and not i.indisprimary`,
      [BIG_TABLES],
    )
    for (const ix of indexes) await one.query(`drop index ${ix.name}`)

    const id = (kind: number, expr: string) => `linli_gen_id(${kind}, ${expr})`
    const at = (minutesExpr: string) => `('${BASE}'::timestamptz + (${minutesExpr}) * interval '1 minute')`
    const surname = `(array['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','高','林','罗'])`
    const given = `(array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀英','霞','平','刚','桂英','建华','文','华','红','玉兰','志强','海燕','秋菊'])`
    const community = (expr: string) => id(K.community, `(${expr}) + 1`)
    const category = (expr: string) =>
      `(array['care','convenience','governance','policy_outreach','red_education'])[1 + ((${expr}) % 5)]`
    // A community's allied units: (c * 3 + j * 37) % 300 for j in 0..7.
    const allied = (c: string, j: string) => id(K.unit, `((${c}) * 3 + (${j}) * 37) % ${UNITS} + 1`)
    // Volunteer k of community c (its home): v = c + 100 k.
    const volunteerOf = (c: string, k: string) => `((${c}) + ${COMMUNITIES} * (${k}))`

    log(`generating a district at scale ${s}: ${records.toLocaleString()} hour records`)
    await lanes(
      [
        q(
          'places',
          `with d as (insert into districts (id, name, created_at) values (${id(K.district, '1')}, '鼓楼区（生成）', '${BASE}') returning id),
            st as (insert into streets (id, district_id, name, created_at)
              select ${id(K.street, 'g + 1')}, ${id(K.district, '1')}, '生成街道' || (g + 1), '${BASE}' from generate_series(0, ${STREETS - 1}) g returning id)
          insert into communities (id, street_id, name, created_at)
          select ${community('g')}, ${id(K.street, `g / ${COMMUNITIES / STREETS} + 1`)}, '生成社区' || lpad((g + 1)::text, 3, '0'), '${BASE}'
            from generate_series(0, ${COMMUNITIES - 1}) g`,
        ),
        q(
          'grids',
          `insert into grids (id, community_id, name, created_at)
           select ${id(K.grid, 'g + 1')}, ${community('g / 5')}, '第' || (g % 5 + 1) || '网格', '${BASE}' from generate_series(0, ${COMMUNITIES * 5 - 1}) g`,
        ),
        q(
          'staff',
          `insert into users (id, phone, password_hash, real_name, privacy_notice_version, privacy_consented_at, created_at, updated_at, phone_verified_at)
           select ${id(K.staff, 'g + 1')}, '160' || lpad(g::text, 8, '0'), '${options.passwordHash}',
                  case when g < ${COMMUNITIES} then '社区工作者' || (g + 1) when g < ${COMMUNITIES + STREETS} then '街道管理员' || (g - ${COMMUNITIES} + 1) else '区管理员' end,
                  '2026-11-01', '${BASE}', '${BASE}', '${BASE}', '${BASE}'
             from generate_series(0, ${COMMUNITIES + STREETS}) g`,
        ),
        q(
          'staff roles',
          `insert into role_grants (id, user_id, role, scope_type, scope_id, created_at)
           select ${id(K.grant, 'g + 1')}, ${id(K.staff, 'g + 1')},
                  case when g < ${COMMUNITIES} then 'community_staff' when g < ${COMMUNITIES + STREETS} then 'street_admin' else 'district_admin' end,
                  case when g < ${COMMUNITIES} then 'community' when g < ${COMMUNITIES + STREETS} then 'street' else 'district' end,
                  case when g < ${COMMUNITIES} then ${community('g')} when g < ${COMMUNITIES + STREETS} then ${id(K.street, `g - ${COMMUNITIES} + 1`)} else ${id(K.district, '1')} end,
                  '${BASE}'
             from generate_series(0, ${COMMUNITIES + STREETS}) g`,
        ),
        q(
          'units',
          `insert into units (id, name, kind, created_at)
           select ${id(K.unit, 'g + 1')}, '共建单位' || lpad((g + 1)::text, 3, '0'),
                  (array['government','enterprise','school','hospital','social_org','other'])[1 + g % 6], '${BASE}'
             from generate_series(0, ${UNITS - 1}) g`,
        ),
        q(
          'alliances',
          `with a as (insert into alliances (community_id, id, name, created_at)
             select ${community('g')}, ${id(K.alliance, 'g + 1')}, '党建联盟', '${BASE}' from generate_series(0, ${COMMUNITIES - 1}) g returning 1)
           insert into alliance_units (community_id, alliance_id, unit_id, joined_at, status)
           select ${community('c')}, ${id(K.alliance, 'c + 1')}, ${allied('c', 'j')}, '${BASE}', 'active'
             from generate_series(0, ${COMMUNITIES - 1}) c, generate_series(0, 7) j`,
        ),
        q(
          'teams',
          `insert into teams (id, community_id, unit_id, name, created_at)
           select ${id(K.team, 'g + 1')}, case when g < ${COMMUNITIES * 2} then ${community('g / 2')} end,
                  case when g >= ${COMMUNITIES * 2} then ${id(K.unit, `g - ${COMMUNITIES * 2} + 1`)} end,
                  case when g < ${COMMUNITIES * 2} then '社区志愿服务队' || (g + 1) else '单位志愿服务队' || (g - ${COMMUNITIES * 2} + 1) end, '${BASE}'
             from generate_series(0, ${COMMUNITIES * 2 + UNITS - 1}) g`,
        ),
        q(
          'volunteers',
          `insert into users (id, phone, password_hash, real_name, privacy_notice_version, privacy_consented_at, created_at, updated_at, phone_verified_at)
           select ${id(K.volunteer, 'v + 1')}, '17' || lpad(v::text, 9, '0'), '!', ${surname}[1 + v % 20] || ${given}[1 + (v / 20) % 30],
                  '2026-11-01', '${BASE}', '${BASE}', '${BASE}', '${BASE}'
             from generate_series(0, ${n.volunteers - 1}) v`,
        ),
        q(
          'volunteer profiles',
          `insert into volunteer_profiles (user_id, volunteer_number, volunteer_number_source, is_party_member, created_at, updated_at)
           select ${id(K.volunteer, 'v + 1')}, 'G' || lpad(v::text, 9, '0'), 'linli', v % 7 = 0, '${BASE}', '${BASE}'
             from generate_series(0, ${n.volunteers - 1}) v`,
        ),
        q(
          'volunteer roles',
          `insert into role_grants (id, user_id, role, scope_type, created_at)
           select ${id(K.grant, `v + 1000`)}, ${id(K.volunteer, 'v + 1')}, 'volunteer', 'self', '${BASE}' from generate_series(0, ${n.volunteers - 1}) v`,
        ),
        q(
          'unit members',
          `insert into unit_members (unit_id, user_id, is_party_member, status, joined_at, created_at)
           select ${allied(`v % ${COMMUNITIES}`, '(v / 4) % 8')}, ${id(K.volunteer, 'v + 1')}, v % 7 = 0, 'active', '${BASE}', '${BASE}'
             from generate_series(0, ${n.volunteers - 1}, 4) v`,
        ),
        q(
          'team members',
          `insert into team_members (team_id, user_id, joined_at)
           select ${id(K.team, `(v % ${COMMUNITIES}) * 2 + (v / ${COMMUNITIES}) % 2 + 1`)}, ${id(K.volunteer, 'v + 1')}, '${BASE}'
             from generate_series(1, ${n.volunteers - 1}, 5) v`,
        ),
        q(
          '双报到',
          `insert into dual_reports (community_id, id, user_id, unit_id, state, unit_confirmed_at, community_confirmed_at, created_at, updated_at)
           select ${community(`v % ${COMMUNITIES}`)}, ${id(K.dual, 'v + 1')}, ${id(K.volunteer, 'v + 1')}, ${allied(`v % ${COMMUNITIES}`, 'v % 8')},
                  'confirmed', '${BASE}', '${BASE}', '${BASE}', '${BASE}'
             from generate_series(0, ${n.volunteers - 1}, 21) v`,
        ),
        q(
          'resources',
          `insert into resources (community_id, id, unit_id, title, category, kind, state, offered_by, search, created_at, updated_at)
           select ${community(`g / ${n.resources / COMMUNITIES}`)}, ${id(K.resource, 'g + 1')},
                  ${allied(`g / ${n.resources / COMMUNITIES}`, 'g % 8')}, '共建资源' || g, ${category('g')},
                  (array['venue','funds','expertise','volunteers','materials','other'])[1 + g % 6],
                  (array['published','published','exhausted','offered','returned'])[1 + g % 5], ${id(K.staff, '1')},
                  array_to_tsvector(array['资源']), ${at(`(g % ${n.resources / COMMUNITIES}) * ${Math.floor(SPAN_MINUTES / (n.resources / COMMUNITIES))}`)},
                  '${BASE}'
             from generate_series(0, ${n.resources - 1}) g`,
        ),
      ],
      [
        // Projects: each community's in date order; the last 3 % still open.
        q(
          'projects',
          `insert into projects (community_id, id, title, description, category, mode, capacity, taken, volunteer_demand, state,
              created_by, published_at, search, created_at, updated_at, completed_at)
           select ${community(`p / ${pPer}`)}, ${id(K.project, 'p + 1')}, '服务项目' || p, '生成的服务项目', ${category('p')}, 'joint', 2,
                  1 + (p % 2), 10, case when p % ${pPer} >= ${Math.floor(pPer * 0.97)} then 'claimed' else 'evaluated' end,
                  ${id(K.staff, `p / ${pPer} + 1`)}, t, array_to_tsvector(array['服务']), t, t, t + interval '30 days'
             from generate_series(0, ${n.projects - 1}) p,
                  lateral (select ${at(`(p % ${pPer})::bigint * ${SPAN_MINUTES} / ${pPer}`)} as t) x`,
        ),
        q(
          'claims',
          `insert into claims (community_id, id, project_id, unit_id, state, volunteers, claimed_by, created_at)
           select ${community(`p / ${pPer}`)}, ${id(K.claim, 'p * 2 + j + 1')}, ${id(K.project, 'p + 1')},
                  ${allied(`p / ${pPer}`, `(p + j * 3) % 8`)},
                  case when p % ${pPer} >= ${Math.floor(pPer * 0.97)} then 'active' else 'completed' end, 5,
                  ${id(K.staff, `p / ${pPer} + 1`)}, ${at(`(p % ${pPer})::bigint * ${SPAN_MINUTES} / ${pPer} + 60 * (j + 1)`)}
             from generate_series(0, ${n.projects - 1}) p, generate_series(0, 1) j
            where j = 0 or p % 2 = 1`,
        ),
        q(
          'completion reports',
          `insert into completion_reports (community_id, id, project_id, kind, unit_id, author_id, summary, people_served, review_state, created_at)
           select ${community(`p / ${pPer}`)}, ${id(K.report, 'p + 1')}, ${id(K.project, 'p + 1')}, 'lead', ${allied(`p / ${pPer}`, 'p % 8')},
                  ${id(K.staff, `p / ${pPer} + 1`)}, '项目已完成', 5 + p % 20, 'published',
                  ${at(`(p % ${pPer})::bigint * ${SPAN_MINUTES} / ${pPer} + 43200`)}
             from generate_series(0, ${n.projects - 1}) p where p % ${pPer} < ${Math.floor(pPer * 0.97)}`,
        ),
        // Needs: three per project, the newest 5 % of each community's still open.
        q(
          'needs',
          `insert into needs (community_id, id, title, description, category, grid_id, channel, for_name, recorded_by, state, project_id,
              accepted_at, search, created_at, updated_at)
           select ${community(`x / ${nPer}`)}, ${id(K.need, 'x + 1')}, '居民需求' || x, '生成的需求', ${category('x / 3')},
                  ${id(K.grid, `(x / ${nPer}) * 5 + x % 5 + 1`)}, (array['online','service_hall','grid_visit','hotline'])[1 + x % 4],
                  ${surname}[1 + x % 20] || '阿姨', ${id(K.staff, `x / ${nPer} + 1`)},
                  case when r >= 0.95 then (array['submitted','accepted','planned','in_service'])[1 + x % 4]
                       when x % 5 < 3 then 'rated' else 'resolved' end,
                  case when r < 0.95 or x % 4 >= 2 then ${id(K.project, `(x / ${nPer}) * ${pPer} + (x % ${nPer}) * ${pPer} / ${nPer} + 1`)} end,
                  t + interval '2 hours', array_to_tsvector(array['需求']), t, t
             from generate_series(0, ${n.needs - 1}) x,
                  lateral (select (x % ${nPer})::float / ${nPer} as r,
                                  ${at(`(x % ${nPer})::bigint * ${SPAN_MINUTES} / ${nPer}`)} as t) y`,
        ),
        q(
          'need events',
          `insert into need_events (community_id, id, need_id, action, from_state, to_state, at)
           select n.community_id, ${id(K.needEvent, `(x * 3 + e.k)`)}, n.id, e.action, e.from_state, e.action,
                  n.created_at + e.after + case when e.k = 2 then ((x * 37) % 300) * interval '1 hour' else interval '0' end
             from generate_series(0, ${n.needs - 1}) x
             join needs n on n.community_id = ${community(`x / ${nPer}`)} and n.id = ${id(K.need, 'x + 1')}
             cross join (values (0, 'accepted', 'submitted', interval '2 hours'), (1, 'planned', 'accepted', interval '1 day'),
                                (2, 'in_service', 'planned', interval '1 day')) e(k, action, from_state, after)
            where (e.k = 0 and n.state <> 'submitted') or (e.k = 1 and n.state not in ('submitted', 'accepted'))
               or (e.k = 2 and n.state in ('in_service', 'resolved', 'rated'))`,
        ),
        q(
          'ratings',
          `insert into ratings (community_id, id, project_id, need_id, recorded_by, score, comment, review_state, created_at)
           select n.community_id, ${id(K.rating, 'x + 1')}, n.project_id, n.id, ${id(K.staff, `x / ${nPer} + 1`)}, 3 + x % 3, '服务很好',
                  'published', n.created_at + interval '20 days'
             from generate_series(0, ${n.needs - 1}) x
             join needs n on n.community_id = ${community(`x / ${nPer}`)} and n.id = ${id(K.need, 'x + 1')}
            where n.state = 'rated'`,
        ),
        q(
          'activities',
          `insert into activities (community_id, id, project_id, title, place, starts_at, ends_at, slots, confirmed, sign_up_deadline,
              leader_id, state, created_by, created_at, updated_at)
           select ${community(`a / ${aPer}`)}, ${id(K.activity, 'a + 1')},
                  ${id(K.project, `(a / ${aPer}) * ${pPer} + (a % ${aPer}) * ${pPer} / ${aPer} + 1`)}, '志愿服务活动' || a, '社区活动中心',
                  t, t + interval '3 hours', 12, 10, t, ${id(K.volunteer, `${volunteerOf(`a / ${aPer}`, `(a * 13) % ${vPer}`)} + 1`)}, 'completed',
                  ${id(K.staff, `a / ${aPer} + 1`)}, t - interval '7 days', t + interval '3 hours'
             from generate_series(0, ${n.activities - 1}) a,
                  lateral (select ${at(`(a % ${aPer})::bigint * ${SPAN_MINUTES} / ${aPer} + 540`)} as t) y`,
        ),
      ],
    )

    // Ten people per activity: the record's volunteer k = (7a + 211j) mod (volunteers per community),
    // one in twenty from the neighbouring community of the same street.
    const recordCommunity = `(r / 10) / ${aPer}`
    const recordVolunteer = `(case when r % 20 = 9 then (${recordCommunity} / 10) * 10 + (${recordCommunity} + 1) % 10 else ${recordCommunity} end
        + ${COMMUNITIES} * (((r / 10) * 7 + (r % 10) * 211) % ${vPer}))`
    const start = `('${BASE}'::timestamptz + (((r / 10) % ${aPer})::bigint * ${SPAN_MINUTES} / ${aPer} + 540) * interval '1 minute')`
    const minutes = `(60 + (r * 37) % 121)`
    const recordState = `case when r % 50 = 7 then 'pending' when r % 50 = 13 then 'rejected' else 'approved' end`
    const approved = `r % 50 not in (7, 13)`
    const points = `((${minutes} + 30) / 60)`
    const expires = `date_trunc('year', ${start} at time zone 'Asia/Shanghai' + interval '2 years') at time zone 'Asia/Shanghai'`
    const issuance = (c: string) => id(K.account, `${c} + 1`)
    const wallet = (c: string, v: string) =>
      id(K.account, `1000 + (${v}) * 2 + case when (${v}) % ${COMMUNITIES} = (${c}) then 0 else 1 end`)
    await lanes(
      [
        q(
          'sign-ups',
          `insert into sign_ups (community_id, id, activity_id, volunteer_id, state, created_at, signed_up_by)
           select ${community(recordCommunity)}, ${id(K.signUp, 'r + 1')}, ${id(K.activity, 'r / 10 + 1')}, ${id(K.volunteer, `${recordVolunteer} + 1`)},
                  'attended', ${start} - interval '3 days', ${id(K.volunteer, `${recordVolunteer} + 1`)}
             from generate_series(0, ${records - 1}) r`,
        ),
        q(
          'earn postings',
          `insert into ledger_postings (community_id, id, kind, volunteer_id, hour_record_id, batch_expires_at, actor_id, created_at, person_seq)
           select ${community(recordCommunity)}, ${id(K.posting, 'r + 1')}, 'earn', ${id(K.volunteer, `${recordVolunteer} + 1`)},
                  ${id(K.record, 'r + 1')}, ${expires}, ${id(K.staff, `${recordCommunity} + 1`)}, ${start} + interval '1 day', r
             from generate_series(0, ${records - 1}) r where ${approved}`,
        ),
        q(
          'no-shows',
          `with s as (
             insert into sign_ups (community_id, id, activity_id, volunteer_id, state, created_at)
             select ${community(`a / ${aPer}`)}, ${id(K.noShowSignUp, 'g + 1')}, ${id(K.activity, 'a + 1')},
                    ${id(K.volunteer, `${volunteerOf(`a / ${aPer}`, `(a * 7 + 10 * 211) % ${vPer}`)} + 1`)}, 'no_show', t - interval '3 days'
               from generate_series(0, ${n.noShows - 1}) g,
                    lateral (select (g::bigint * ${Math.max(1, Math.floor(n.activities / n.noShows))}) % ${n.activities} as a) x,
                    lateral (select ${at(`(a % ${aPer})::bigint * ${SPAN_MINUTES} / ${aPer} + 540`)} as t) y
             returning community_id, id, activity_id, volunteer_id, created_at)
           insert into no_show_marks (community_id, id, sign_up_id, activity_id, volunteer_id, state, marked_at, fades_at)
           select community_id, ${id(K.noShow, `('x' || right(id::text, 12))::bit(48)::bigint`)}, id, activity_id, volunteer_id,
                  case when ('x' || right(id::text, 12))::bit(48)::bigint % 10 = 0 then 'cleared' else 'active' end,
                  created_at + interval '3 days 3 hours', created_at + interval '183 days' from s`,
        ),
      ],
      [
        q(
          'hour records',
          `insert into hour_records (community_id, id, activity_id, volunteer_id, sign_up_id, state, source, check_in_at, check_out_at,
              minutes, span_minutes, reviewed_by, reviewed_at, created_by, created_at, updated_at)
           select ${community(recordCommunity)}, ${id(K.record, 'r + 1')}, ${id(K.activity, 'r / 10 + 1')}, ${id(K.volunteer, `${recordVolunteer} + 1`)},
                  ${id(K.signUp, 'r + 1')}, ${recordState}, 'check_in', ${start}, ${start} + ${minutes} * interval '1 minute', ${minutes}, ${minutes},
                  case when r % 50 <> 7 then ${id(K.staff, `${recordCommunity} + 1`)} end, case when r % 50 <> 7 then ${start} + interval '1 day' end,
                  ${id(K.volunteer, `${recordVolunteer} + 1`)}, ${start}, ${start} + interval '1 day'
             from generate_series(0, ${records - 1}) r`,
        ),
        q(
          'ledger accounts',
          `insert into ledger_accounts (community_id, id, kind, owner_id, created_at)
           select ${community('c')}, ${id(K.account, 'c + 1')}, 'issuance', null, '${BASE}'::timestamptz from generate_series(0, ${COMMUNITIES - 1}) c
           union all
           select ${community('v % 100')}, ${wallet('v % 100', 'v')}, 'wallet', ${id(K.volunteer, 'v + 1')}, '${BASE}'::timestamptz from generate_series(0, ${n.volunteers - 1}) v
           union all
           select ${community(`(v % 100 / 10) * 10 + (v % 100 + 9) % 10`)}, ${id(K.account, '1000 + v * 2 + 1')}, 'wallet', ${id(K.volunteer, 'v + 1')}, '${BASE}'
             from generate_series(0, ${n.volunteers - 1}) v`,
        ),
        q(
          'earn entries',
          `insert into ledger_entries (community_id, id, posting_id, account_id, amount, balance_after, account_version, expires_at, created_at)
           select ${community(recordCommunity)}, ${id(K.entry, 'r * 2 + e')}, ${id(K.posting, 'r + 1')},
                  case when e = 0 then ${wallet(recordCommunity, recordVolunteer)} else ${issuance(recordCommunity)} end,
                  case when e = 0 then ${points} else -${points} end, 0, r, case when e = 0 then ${expires} end, ${start} + interval '1 day'
             from generate_series(0, ${records - 1}) r, generate_series(0, 1) e where ${approved}`,
        ),
      ],
    )

    // The aggregates the triggers would have kept (agg_rebuild()'s steps, two at a time).
    log('aggregates, indexes, balances')
    await lanes(
      [q('aggregates: community months', 'select agg_rebuild_volunteer_months()')],
      [q('aggregates: points', 'select agg_rebuild_points()'), q('aggregates: needs', 'select agg_rebuild_needs()')],
    )
    await lanes(
      [q('aggregates: street months', `select agg_rebuild_volunteer_level('street')`)],
      [q('aggregates: district months', `select agg_rebuild_volunteer_level('district')`)],
    )
    await lanes(
      [
        q('aggregates: community periods', `select agg_rebuild_volunteer_periods('community')`),
        q('aggregates: dashboard months', 'select agg_rebuild_months()'),
      ],
      [
        q('aggregates: street periods', `select agg_rebuild_volunteer_periods('street')`),
        q('aggregates: district periods', `select agg_rebuild_volunteer_periods('district')`),
      ],
    )
    await lanes(
      [q('aggregates: units', 'select agg_rebuild_units()')],
      [q('aggregates: 双报到', 'select agg_rebuild_dual()'), q('aggregates: teams', 'select agg_rebuild_teams()')],
    )
    // The indexes, shared between the two connections by the rows they cover.
    const weight: Record<string, number> = {
      agg_volunteers: 23,
      ledger_entries: 19,
      hour_records: 10,
      sign_ups: 10,
      ledger_postings: 10,
    }
    const lane: [typeof indexes, typeof indexes] = [[], []]
    const load = [0, 0]
    for (const ix of [...indexes].sort((a, b) => (weight[b.table] ?? 1) - (weight[a.table] ?? 1))) {
      const i = load[0]! <= load[1]! ? 0 : 1
      lane[i].push(ix)
      load[i]! += weight[ix.table] ?? 1
    }
    await lanes(
      lane[0].map((ix) => q(`index ${ix.name}`, ix.def)),
      [
        ...lane[1].map((ix) => q(`index ${ix.name}`, ix.def)),
        q(
          'balances',
          `update ledger_accounts a set balance = x.balance, version = x.version
             from (select community_id, account_id, sum(amount)::int as balance, max(account_version) as version
                     from ledger_entries group by 1, 2) x
            where a.community_id = x.community_id and a.id = x.account_id`,
        ),
      ],
    )
    await lanes([q('analyze', 'analyze')])
    await one.query(`drop function linli_gen_id(integer, bigint)`)

    const counts: Record<string, number> = {}
    for (const table of [
      'users',
      'needs',
      'projects',
      'claims',
      'activities',
      'sign_ups',
      'hour_records',
      'ledger_postings',
      'ledger_entries',
      'ratings',
      'agg_volunteers',
    ]) {
      counts[table] = Number(
        (await one.query(`select reltuples::bigint as n from pg_class where relname = $1`, [table])).rows[0].n,
      )
    }
    return {
      districtId: gid(K.district, 1),
      streetId: gid(K.street, 1),
      communityId: gid(K.community, 1),
      phones: {
        district: `160${String(COMMUNITIES + STREETS).padStart(8, '0')}`,
        street: `160${String(COMMUNITIES).padStart(8, '0')}`,
        community: '16000000000',
      },
      counts,
      seconds: (Date.now() - started) / 1000,
    }
  } finally {
    one.release()
    two.release()
    await pool.end()
  }
}
