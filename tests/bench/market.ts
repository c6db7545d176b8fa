/**
 * The project market on real PostgreSQL with 20,000 projects (each with two live claims and a
 * need): its GraphQL rate against a bare Fastify route that runs the same service — the same
 * access check and the same one page statement through the same pool — measured alternately in
 * one run, so the ratio is the cost of GraphQL itself (ARCHITECTURE.md example 5).
 *
 *   pnpm bench                      # run.ts, then this
 *   node --import tsx bench/market.ts
 *
 * Writes its section of docs/benchmarks.md (between the market markers).
 */
import { cpus, totalmem } from 'node:os'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { buildApp } from '@linli/server/app'
import { systemClock } from '@linli/server/clock'
import { openDatabase, sql } from '@linli/server/db'
import { DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import { testConfig } from '../support/app.ts'
import { LOGIN } from '../support/gql.ts'
import { findPgBin, startPostgres } from '../support/pg-cluster.mjs'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const PROJECTS = 20_000
const CONNECTIONS = 20
const out = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url))
const BEGIN = '<!-- market:begin -->'
const END = '<!-- market:end -->'

const MARKET = `query Market($u: ID!) {
  projectMarket(unitId: $u, first: 20) {
    nodes {
      id title state capacity taken communityName startsAt
      claims { id state lead volunteers unit { id name kind } }
      needs { id title state }
    }
    pageInfo { endCursor hasNextPage }
  }
}`

const bin = findPgBin()
if (!bin) throw new Error('the market benchmark needs PostgreSQL (apt-get install postgresql)')
const pg = await startPostgres(bin)
try {
  const database = await openDatabase({ databaseUrl: pg.url, poolSize: CONNECTIONS })
  await database.migrate()
  await seedDemo(database.db, systemClock)
  const ids = (
    await database.db.execute(sql`select
      (select id from communities where name = '阳光社区') as community,
      (select id from units where name = '鼓楼区人民医院') as hospital,
      (select id from units where name = '鼓楼区税务局') as tax,
      (select id from units where name = '华林实验小学') as school,
      (select id from users where phone = '13900000005') as staff`)
  ).rows[0] as Record<string, string>
  console.log(`seeding ${PROJECTS} projects…`)
  await database.db.execute(sql`insert into projects (community_id, id, title, description, category, mode, capacity,
      taken, volunteer_demand, state, created_by, published_at, search, created_at, updated_at)
    select ${ids.community}, gen_random_uuid(), '助老服务项目' || g, '为社区老人提供服务 ' || g, 'care', 'joint', 3, 2, 6,
      'published', ${ids.staff}, now(), array_to_tsvector(array['助','老','助老']), now(), now()
    from generate_series(1, ${PROJECTS}) g`)
  for (const [unit, offset] of [
    [ids.tax, 0],
    [ids.school, 1],
  ] as const) {
    await database.db
      .execute(sql`insert into claims (community_id, id, project_id, unit_id, state, volunteers, claimed_by, created_at)
      select community_id, gen_random_uuid(), id, ${unit}, 'active', 3, ${ids.staff}, now() + ${offset} * interval '1 second'
      from projects where community_id = ${ids.community} and title like '助老服务项目%'`)
  }
  await database.db.execute(sql`insert into needs (community_id, id, title, description, category, channel, for_name,
      recorded_by, state, project_id, search, created_at, updated_at)
    select community_id, gen_random_uuid(), '老人助餐需求', '需要送餐', 'care', 'hotline', '某居民', ${ids.staff}, 'planned', id,
      array_to_tsvector(array['老','人']), now(), now()
    from projects where community_id = ${ids.community} and title like '助老服务项目%'`)
  await database.db.execute(sql`vacuum analyze`)

  const app = await buildApp({ config: testConfig({ env: 'production' }), database, logger: false })
  // The bare route: the same service call (access check + the one page statement), no GraphQL.
  app.get<{ Querystring: { u: string } }>('/bare/market', async (request) => {
    const token = (request.headers.authorization ?? '').slice('Bearer '.length)
    const viewer = await app.authService.viewerFromToken(token)
    const page = await app.projectsService.market(
      viewer,
      request.query.u,
      { first: 20 },
      { claims: true, needs: true, resources: false },
      false,
    )
    return {
      data: {
        projectMarket: {
          nodes: page.nodes.map((p) => ({
            id: p.id,
            title: p.title,
            state: p.state,
            capacity: p.capacity,
            taken: p.taken,
            communityName: p.communityName,
            startsAt: p.startsAt,
            claims: (p.liveClaims ?? []).map((c, i) => ({
              id: c.id,
              state: c.state,
              lead: i === 0,
              volunteers: c.volunteers,
              unit: { id: c.unit.id, name: c.unit.name, kind: c.unit.kind },
            })),
            needs: (p.needList ?? []).map((n) => ({ id: n.id, title: n.title, state: n.state })),
          })),
          pageInfo: page.pageInfo,
        },
      },
    }
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const login = (await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN, variables: { phone: '13900000003', password: DEMO_PASSWORD } }),
  }).then((r) => r.json())) as { data: { login: { accessToken: string } } }
  const auth = { authorization: `Bearer ${login.data.login.accessToken}` }

  // Both answer the same page before anything is measured.
  const viaGraphql = (await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ query: MARKET, variables: { u: ids.hospital } }),
  }).then((r) => r.json())) as { data: { projectMarket: { nodes: { id: string; claims: unknown[] }[] } } }
  const viaBare = (await fetch(`${url}/bare/market?u=${ids.hospital}`, { headers: auth }).then((r) => r.json())) as {
    data: { projectMarket: { nodes: { id: string }[] } }
  }
  const gqlIds = viaGraphql.data.projectMarket.nodes.map((n) => n.id)
  if (gqlIds.length !== 20 || gqlIds.join() !== viaBare.data.projectMarket.nodes.map((n) => n.id).join()) {
    throw new Error('the two routes answer different pages')
  }
  if (viaGraphql.data.projectMarket.nodes.some((n) => n.claims.length !== 2)) throw new Error('claims missing')

  const fire = async (kind: 'graphql' | 'bare') => {
    const r = await autocannon(
      kind === 'graphql'
        ? {
            url: `${url}/graphql`,
            method: 'POST',
            headers: { 'content-type': 'application/json', ...auth },
            body: JSON.stringify({ query: MARKET, variables: { u: ids.hospital } }),
            connections: CONNECTIONS,
            duration: SECONDS,
          }
        : { url: `${url}/bare/market?u=${ids.hospital}`, headers: auth, connections: CONNECTIONS, duration: SECONDS },
    )
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`${kind}: ${r.non2xx} non-2xx, ${r.errors} errors`)
    return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 }
  }
  const rounds: { bare: Awaited<ReturnType<typeof fire>>; graphql: Awaited<ReturnType<typeof fire>> }[] = []
  for (let i = 0; i < ROUNDS; i++) {
    const bare = await fire('bare')
    const graphql = await fire('graphql')
    rounds.push({ bare, graphql })
    console.log(`round ${i + 1}: bare ${Math.round(bare.rps)} req/s, GraphQL ${Math.round(graphql.rps)} req/s`)
  }
  await app.close()
  await database.close()

  const sum = (k: 'bare' | 'graphql') => rounds.reduce((s, r) => s + r[k].rps, 0)
  const ratio = sum('graphql') / sum('bare')
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
  const section = `${BEGIN}
## The project market (issue 5)

Generated by \`pnpm bench\` (tests/bench/market.ts) on ${new Date().toISOString().slice(0, 10)}; ${machine}.
PostgreSQL 15 (throwaway cluster), ${PROJECTS.toLocaleString('en')} published projects in 阳光社区, each with two live claims
and a need; a unit admin's page of 20 with claims, their units and needs. ${CONNECTIONS} connections, pool of
${CONNECTIONS}, ${SECONDS} s per measurement, the two measured alternately, ${ROUNDS} rounds.
"bare" is a plain Fastify route calling the same service (token check + the one page statement).

| round | bare req/s | bare p50/p99 ms | GraphQL req/s | GraphQL p50/p99 ms | GraphQL ÷ bare |
|---|---|---|---|---|---|
${rounds
  .map(
    (r, i) =>
      `| ${i + 1} | ${Math.round(r.bare.rps)} | ${r.bare.p50}/${r.bare.p99} | ${Math.round(r.graphql.rps)} | ${r.graphql.p50}/${r.graphql.p99} | ${(r.graphql.rps / r.bare.rps).toFixed(3)} |`,
  )
  .join('\n')}

**GraphQL ÷ bare over all rounds: ${ratio.toFixed(3)}** (the bar is 0.85). Each request is two statements in
both routes: the session check and the page (tests/server/projects/market.test.ts holds the page to one).
${END}`
  let doc = ''
  try {
    doc = readFileSync(out, 'utf8')
  } catch {
    doc = '# Benchmarks\n'
  }
  doc = doc.includes(BEGIN)
    ? doc.slice(0, doc.indexOf(BEGIN)) + section + doc.slice(doc.indexOf(END) + END.length)
    : `${doc.trimEnd()}\n\n${section}\n`
  writeFileSync(out, doc)
  console.log(section)
  if (ratio < 0.85) process.exitCode = 1
} finally {
  pg.stop()
}
