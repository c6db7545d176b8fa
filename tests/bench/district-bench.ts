/**
 * Rankings and dashboards at district scale (issue 8). On a throwaway PostgreSQL cluster it
 * generates the district twice — in full (scale 1: 200,000 volunteers, 10,000,000 hour records)
 * and a hundredth of it (scale 0.01) — then asks both, over GraphQL as their staff, the same
 * ranking and dashboard queries, one request at a time, in alternating rounds, and compares each
 * query's p95 on the full district with its p95 on the hundredth (the bar: at most 2×). For
 * contrast it also times, once, the raw scan the aggregates replace.
 *
 *   node --import tsx bench/district-bench.ts        (in tests/; BENCH_REQUESTS per round, default 50)
 *
 * Writes its section of docs/benchmarks.md (between the district markers).
 */
import { cpus, totalmem } from 'node:os'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildApp } from '@linli/server/app'
import { openDatabase, type Database } from '@linli/server/db'
import { DEMO_PASSWORD } from '@linli/server/demo'
import { hashPassword } from '@linli/server/passwords'
import pg from 'pg'
import { testConfig } from '../support/app.ts'
import { LOGIN } from '../support/gql.ts'
import { findPgBin, startPostgres } from '../support/pg-cluster.mjs'
import { generateDistrict, type District } from './district.ts'

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4)
const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const out = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url))
const BEGIN = '<!-- district:begin -->'
const END = '<!-- district:end -->'

const RANKING = (field: string, rowFields: string) =>
  `query($s: RankingScope!, $p: RankingPeriodInput!) { ${field}(scope: $s, period: $p, first: 20) { formula rows { rank ${rowFields} } } }`
const DASHBOARD = `query($s: RankingScope!, $f: String!, $t: String!) { dashboard(scope: $s, from: $f, to: $t) {
  needsByState { key count } openNeedsByAge { key count } matchRate medianHoursToService
  hoursByMonth { month value } pointsIssuedByMonth { month value } pointsRedeemedByMonth { month value } topCategories { key count } } }`

interface Case {
  name: string
  as: 'district' | 'street' | 'community'
  query: string
  variables: (d: District) => Record<string, unknown>
}

const scope = (kind: 'district' | 'street' | 'community', d: District) => ({
  kind,
  id: kind === 'district' ? d.districtId : kind === 'street' ? d.streetId : d.communityId,
})

const CASES: Case[] = [
  {
    name: 'volunteer ranking · district · all time',
    as: 'district',
    query: RANKING('volunteerRanking', 'volunteerId name hours'),
    variables: (d) => ({ s: scope('district', d), p: { kind: 'all' } }),
  },
  {
    name: 'volunteer ranking · street · 2026',
    as: 'street',
    query: RANKING('volunteerRanking', 'volunteerId name hours'),
    variables: (d) => ({ s: scope('street', d), p: { kind: 'year', value: '2026' } }),
  },
  {
    name: 'volunteer ranking · community · 2026-10',
    as: 'community',
    query: RANKING('volunteerRanking', 'volunteerId name hours'),
    variables: (d) => ({ s: scope('community', d), p: { kind: 'month', value: '2026-10' } }),
  },
  {
    name: 'unit ranking · district · 2026',
    as: 'district',
    query: RANKING('unitRanking', 'unitId unitName score claims volunteers hours peopleServed averageRating resources'),
    variables: (d) => ({ s: scope('district', d), p: { kind: 'year', value: '2026' } }),
  },
  {
    name: 'team ranking · district · all time',
    as: 'district',
    query: RANKING('teamRanking', 'teamName hours'),
    variables: (d) => ({ s: scope('district', d), p: { kind: 'all' } }),
  },
  {
    name: '先锋指数 · district · all time',
    as: 'district',
    query: RANKING('pioneerRanking', 'volunteerId name index hours dualReport led noShows'),
    variables: (d) => ({ s: scope('district', d), p: { kind: 'all' } }),
  },
  {
    name: 'dashboard · street · 12 months',
    as: 'street',
    query: DASHBOARD,
    variables: (d) => ({ s: scope('street', d), f: '2025-12', t: '2026-11' }),
  },
  {
    name: 'dashboard · community · 12 months',
    as: 'community',
    query: DASHBOARD,
    variables: (d) => ({ s: scope('community', d), f: '2025-12', t: '2026-11' }),
  },
]

/** The reference the aggregates replace: the district's all-time volunteer ranking from the records. */
const RAW_VOLUNTEERS = `
  select h.volunteer_id, sum(h.minutes)::int as minutes, rank() over (order by sum(h.minutes) desc)::int as rank
    from hour_records h join activities a on a.community_id = h.community_id and a.id = h.activity_id
   where h.state = 'approved' and h.community_id in (select c.id from communities c join streets s on s.id = c.street_id where s.district_id = $1)
   group by h.volunteer_id order by minutes desc, h.volunteer_id limit 20`

interface Target {
  label: string
  district: District
  database: Database
  url: string
  tokens: Record<Case['as'], string>
  times: Map<string, number[]>
  close: () => Promise<void>
}

async function open(label: string, dbUrl: string, district: District): Promise<Target> {
  const database = await openDatabase({ databaseUrl: dbUrl, poolSize: 10 })
  const app = await buildApp({ config: testConfig({ env: 'production' }), database, logger: false })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const tokens = {} as Record<Case['as'], string>
  for (const as of ['district', 'street', 'community'] as const) {
    const res = (await post(url, LOGIN, { phone: district.phones[as], password: DEMO_PASSWORD })) as {
      data?: { login: { accessToken: string } }
    }
    if (!res.data) throw new Error(`${label}: ${as} could not sign in: ${JSON.stringify(res)}`)
    tokens[as] = res.data.login.accessToken
  }
  return {
    label,
    district,
    database,
    url,
    tokens,
    times: new Map(),
    close: async () => {
      await app.close()
      await database.close()
    },
  }
}

async function post(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] }
}

async function measure(target: Target, c: Case, n: number) {
  const variables = c.variables(target.district)
  const list = target.times.get(c.name) ?? []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    const res = await post(target.url, c.query, variables, target.tokens[c.as])
    const ms = performance.now() - t0
    if (res.errors || !res.data) throw new Error(`${target.label} ${c.name}: ${JSON.stringify(res.errors)}`)
    list.push(ms)
  }
  target.times.set(c.name, list)
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

const bin = findPgBin()
if (!bin) throw new Error('the district benchmark needs PostgreSQL (apt-get install postgresql)')
const cluster = await startPostgres(bin)
try {
  const admin = new pg.Client({ connectionString: cluster.url })
  await admin.connect()
  const urls: Record<string, string> = {}
  for (const name of ['district_small', 'district_full']) {
    await admin.query(`create database ${name}`)
    const u = new URL(cluster.url)
    u.pathname = `/${name}`
    urls[name] = u.toString()
    const database = await openDatabase({ databaseUrl: urls[name] })
    await database.migrate()
    await database.close()
  }
  await admin.end()
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const log = (line: string) => console.log(line)
  const small = await generateDistrict(urls.district_small!, { scale: SCALE / 100, passwordHash, log })
  const full = await generateDistrict(urls.district_full!, { scale: SCALE, passwordHash, log })
  console.log(`generated: full ${full.seconds.toFixed(0)} s, hundredth ${small.seconds.toFixed(0)} s`)

  const targets = [await open('1/100', urls.district_small!, small), await open('full', urls.district_full!, full)]
  // Both answer every query before anything is measured (and warm their caches).
  for (const t of targets) for (const c of CASES) await measure(t, c, 10)
  for (const t of targets) t.times.clear()
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse()
    for (const c of CASES) for (const t of order) await measure(t, c, REQUESTS)
    console.log(`round ${round + 1} of ${ROUNDS}`)
  }

  // The raw scan, for contrast (three runs on the full district, the median).
  const raw = new pg.Client({ connectionString: urls.district_full })
  await raw.connect()
  const rawTimes: number[] = []
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now()
    await raw.query(RAW_VOLUNTEERS, [full.districtId])
    rawTimes.push(performance.now() - t0)
  }
  await raw.end()
  const rawMs = percentile(rawTimes, 50)

  const lines: string[] = []
  let worst = 0
  for (const c of CASES) {
    const [s, f] = targets.map((t) => t.times.get(c.name)!)
    const ratio = percentile(f!, 95) / percentile(s!, 95)
    worst = Math.max(worst, ratio)
    lines.push(
      `| ${c.name} | ${percentile(s!, 50).toFixed(1)} / ${percentile(s!, 95).toFixed(1)} | ${percentile(f!, 50).toFixed(1)} / ${percentile(f!, 95).toFixed(1)} | ${ratio.toFixed(2)} |`,
    )
  }
  for (const t of targets) await t.close()

  const f = full.counts
  const section = `${BEGIN}
## Rankings and dashboards at district scale (issue 8)

Generated by \`node --import tsx bench/district-bench.ts\` (in \`tests/\`) on ${new Date().toISOString().slice(0, 10)};
${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; PostgreSQL
(throwaway cluster, shared_buffers 128 MB), the app and the client in one process on the same cores.

Two databases in one cluster, generated by \`bench/district.ts\` in this run: **the district** — 100 communities,
${f.users?.toLocaleString('en')} users, ${f.needs?.toLocaleString('en')} needs, ${f.projects?.toLocaleString('en')} projects,
${f.claims?.toLocaleString('en')} claims, ${f.activities?.toLocaleString('en')} activities, ${f.sign_ups?.toLocaleString('en')} sign-ups,
**${f.hour_records?.toLocaleString('en')} hour records**, ${f.ledger_postings?.toLocaleString('en')} postings with
${f.ledger_entries?.toLocaleString('en')} ledger entries, ${f.ratings?.toLocaleString('en')} ratings
(${f.agg_volunteers?.toLocaleString('en')} aggregate rows per volunteer, scope and period) — generated in
**${full.seconds.toFixed(0)} s**; and **a hundredth of it** (the same places and units, a hundredth of the people and
what they did) in ${small.seconds.toFixed(0)} s.

Each query over GraphQL as the place's staff (district admin, street admin, community staff), one
request at a time, ${ROUNDS} rounds × ${REQUESTS} requests per query and database, the two databases alternating;
milliseconds per request, p50 / p95:

| query | 1/100 p50 / p95 ms | full p50 / p95 ms | full p95 ÷ 1/100 p95 |
|---|---|---|---|
${lines.join('\n')}

**Worst ratio: ${worst.toFixed(2)}** (the bar is 2). How: rankings and dashboards read aggregates
(\`agg_*\`, server/src/db/schema/aggregates.ts) that triggers keep in the same transaction as each approval,
claim, rating or ledger entry; a ranking is the top rows of one index, a dashboard sums at most one row per
community and month. For contrast, the raw scan they replace (the district's all-time volunteer ranking
from hour_records) took **${(rawMs / 1000).toFixed(1)} s** on the full district.
${END}`
  const doc = readFileSync(out, 'utf8')
  const next = doc.includes(BEGIN)
    ? doc.slice(0, doc.indexOf(BEGIN)) + section + doc.slice(doc.indexOf(END) + END.length)
    : `${doc.trimEnd()}\n\n${section}\n`
  writeFileSync(out, next)
  console.log(section)
} finally {
  cluster.stop()
}
