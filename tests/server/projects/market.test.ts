/**
 * The pages opened most fetch a whole page in one SQL statement, whatever its size and however
 * much of each project it shows (ARCHITECTURE.md example 5): the project market, a community's
 * projects, a unit's claims. A second statement only when the total count is asked for.
 */
import { sql } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { buildProjectsWorld, CREATE, type ProjectData, type ProjectsWorld } from './world.ts'

let t: TestApp
let w: ProjectsWorld
const MARKET = (fields: string) => `query($u: ID!, $first: Int, $after: String, $f: ProjectFilter) {
  projectMarket(unitId: $u, first: $first, after: $after, filter: $f) { ${fields} } }`
const FULL = `nodes { id title state taken capacity communityName
    claims { id state lead volunteers unit { id name kind logoFileId } }
    needs { id title state } suggestedResources { id title unitName } }
  pageInfo { endCursor hasNextPage }`

interface MarketData {
  projectMarket: {
    nodes: (ProjectData & { communityName: string })[]
    pageInfo: { endCursor: string | null; hasNextPage: boolean }
    totalCount?: number
  }
}

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildProjectsWorld(t)
  for (let i = 0; i < 25; i++) {
    const need = await w.acceptedNeed(`第${i}号需求：助老送餐`)
    const p = await w.publishedProject({ title: `项目${i}：助老送餐`, capacity: 3, needIds: [need.id] })
    await w.claim('B', p.id)
    if (i % 2 === 0) await w.claim('C', p.id)
  }
  // A draft is nobody's market.
  await w.as('staff')(CREATE, { c: w.community.id, i: w.projectInput({ title: '草稿项目' }) })
})
afterAll(() => t?.close())

/** Statements that read projects (the viewer's session check is the request's, not the page's). */
async function pageStatements(run: () => Promise<unknown>) {
  const { statements } = await t.sql.measure(run)
  return statements.filter((s) => / from "?projects"? p\b/i.test(s) || /from projects p/i.test(s))
}

describe('projectMarket', () => {
  it('shows the published projects of the unit’s alliances, 20 a page, with claims, units, needs and resources', async () => {
    const res = await w.asUnit('A')<MarketData>(MARKET(`${FULL} totalCount`), { u: w.admins.A.unitId, first: 20 })
    expect(res.errors).toBeUndefined()
    const page = res.data!.projectMarket
    expect(page.nodes).toHaveLength(20)
    expect(page.totalCount).toBe(25)
    expect(page.pageInfo.hasNextPage).toBe(true)
    expect(page.nodes[0]).toMatchObject({
      title: '项目24：助老送餐',
      state: 'published',
      communityName: w.community.name,
    })
    expect(page.nodes[0]!.claims.map((c) => [c.unit.name, c.lead])).toEqual([
      ['单位B', true],
      ['单位C', false],
    ])
    expect(page.nodes[0]!.needs).toEqual([expect.objectContaining({ title: '第24号需求：助老送餐', state: 'planned' })])
    const rest = await w.asUnit('A')<MarketData>(MARKET(FULL), {
      u: w.admins.A.unitId,
      first: 20,
      after: page.pageInfo.endCursor,
    })
    expect(rest.data!.projectMarket.nodes.map((n) => n.title)).toEqual(
      ['项目4', '项目3', '项目2', '项目1', '项目0'].map((p) => `${p}：助老送餐`),
    )
    expect(rest.data!.projectMarket.pageInfo.hasNextPage).toBe(false)
  })

  it('fetches the page in one statement whatever its size or depth, plus one for the total count', async () => {
    for (const first of [1, 5, 20, 50]) {
      for (const fields of [FULL, 'nodes { id }', 'nodes { id claims { unit { name } } }']) {
        const statements = await pageStatements(() => w.asUnit('A')(MARKET(fields), { u: w.admins.A.unitId, first }))
        expect(statements, `${first} ${fields}`).toHaveLength(1)
      }
    }
    const counted = await pageStatements(() =>
      w.asUnit('A')(MARKET(`${FULL} totalCount`), { u: w.admins.A.unitId, first: 20 }),
    )
    expect(counted).toHaveLength(2)
    // Nested parts not asked for are not joined.
    const [bare] = await pageStatements(() => w.asUnit('A')(MARKET('nodes { id title }'), { u: w.admins.A.unitId }))
    expect(bare).not.toMatch(/from claims/)
    expect(bare).not.toMatch(/from needs/)
  })

  it('filters by text (a Chinese substring) and category', async () => {
    const res = await w.asUnit('A')<MarketData>(MARKET('nodes { title } totalCount'), {
      u: w.admins.A.unitId,
      f: { search: '项目2' },
    })
    expect(res.data!.projectMarket.nodes.map((n) => n.title).sort()).toEqual(
      ['项目2：助老送餐', ...Array.from({ length: 5 }, (_, i) => `项目2${i}：助老送餐`)].sort(),
    )
    const none = await w.asUnit('A')<MarketData>(MARKET('totalCount'), {
      u: w.admins.A.unitId,
      f: { category: 'red_education' },
    })
    expect(none.data!.projectMarket.totalCount).toBe(0)
  })

  it('is NOT_FOUND for anyone but the unit’s admins', async () => {
    for (const actor of ['resident', 'staff', 'streetAdmin', 'unitAdmin'] as const) {
      const res = await w.as(actor)(MARKET('nodes { id }'), { u: w.admins.A.unitId })
      expect(res.code, actor).toBe('NOT_FOUND')
    }
    expect((await w.asUnit('B')(MARKET('nodes { id }'), { u: w.admins.A.unitId })).code).toBe('NOT_FOUND')
  })
})

describe('a community’s projects and a unit’s claims', () => {
  it('each page is one statement', async () => {
    const staff = await pageStatements(() =>
      w.as('staff')(`query($c: ID!) { projects(communityId: $c, first: 20) { ${FULL} } }`, { c: w.community.id }),
    )
    expect(staff).toHaveLength(1)
    const { statements } = await t.sql.measure(() =>
      w.asUnit('B')(
        `query($u: ID!) { unitClaims(unitId: $u, first: 20) { nodes { id state lead project { title taken } unit { name } } } }`,
        { u: w.admins.B.unitId },
      ),
    )
    expect(statements.filter((s) => /from claims k/i.test(s))).toHaveLength(1)
  })

  it('staff of another community get NOT_FOUND, as for a community that does not exist', async () => {
    for (const c of [w.community.id, '0190f000-0000-7000-8000-000000000000']) {
      const res = await w.as('otherStaff')(`query($c: ID!) { projects(communityId: $c) { nodes { id } } }`, { c })
      expect(res.code).toBe('NOT_FOUND')
    }
  })
})

describe('filters by unit and grid', () => {
  it('finds the projects a unit claimed, and those answering a need of a grid', async () => {
    const list = (f: Record<string, unknown>) =>
      w.as('staff')<{ projects: { totalCount: number } }>(
        `query($c: ID!, $f: ProjectFilter) { projects(communityId: $c, filter: $f) { totalCount } }`,
        { c: w.community.id, f },
      )
    expect((await list({ unitId: w.admins.B.unitId })).data!.projects.totalCount).toBe(25)
    expect((await list({ unitId: w.admins.C.unitId })).data!.projects.totalCount).toBe(13)
    expect((await list({ unitId: w.admins.A.unitId })).data!.projects.totalCount).toBe(0)
    expect((await list({ unitId: 'x' })).data!.projects.totalCount).toBe(0)
    expect((await list({ gridId: w.grid.id })).data!.projects.totalCount).toBe(0)
    // One need of 第N网格: its project is found by the grid.
    await t.database.db.execute(sql`update needs set grid_id = ${w.grid.id} where title = '第7号需求：助老送餐'`)
    const found = await w.as('staff')<{ projects: { nodes: { title: string }[] } }>(
      `query($c: ID!, $f: ProjectFilter) { projects(communityId: $c, filter: $f) { nodes { title } } }`,
      { c: w.community.id, f: { gridId: w.grid.id } },
    )
    expect(found.data!.projects.nodes.map((n) => n.title)).toEqual(['项目7：助老送餐'])
  })
})
