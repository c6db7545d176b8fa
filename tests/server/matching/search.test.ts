/**
 * Chinese search proof (STACK.md: no Chinese parser, pg_trgm ignores CJK): 10,000 needs and
 * 10,000 projects with realistic titles and descriptions; a search built with `searchCondition`
 * returns exactly the rows a plain ILIKE over every row finds, for a two-character word, one
 * character, a longer phrase and a Latin word; on PostgreSQL the plan uses the GIN indexes.
 */
import { and, eq, schema, sql, type DbOrTx } from '@linli/server/db'
import { searchCondition } from '@linli/server/search'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { createPlaces, createUser } from '../../support/factories.ts'
import { needValues, projectValues } from '../../support/list-factories.ts'

const ROWS = 10_000
/** Rows per multi-row insert: every lexeme is a parameter, and PostgreSQL takes at most 65,535. */
const BATCH = 200

let t: TestApp
let communityId: string

// A small deterministic generator (no Math.random: the same rows on every run and database).
let state = 20261101
function pick<T>(items: readonly T[]): T {
  // mulberry32
  state = (state + 0x6d2b79f5) | 0
  let x = Math.imul(state ^ (state >>> 15), 1 | state)
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
  const r = ((x ^ (x >>> 14)) >>> 0) / 4294967296
  return items[Math.floor(r * items.length)]!
}

const PLACES = ['第一网格', '第二网格', '幸福里小区', '和平路12号', '3号楼2单元', '光明新村', '滨江花园', '老街坊']
const WHO = ['独居老人', '高龄老人', '残疾人家庭', '留守儿童', '双职工家庭', '外来务工人员', '退役军人', '新市民']
const SERVICES = [
  '助餐服务',
  '送餐上门',
  '上门理发',
  '义诊体检',
  '家电维修',
  '反诈宣传',
  '垃圾分类指导',
  '党史学习',
  '法律咨询',
  '心理疏导',
  '课后托管',
  '智能手机教学',
  'WiFi 设置',
  '楼道清理',
  '代购药品',
  '陪同就医',
  '政策宣讲',
  '邻里调解',
  'App 使用培训',
  '安装扶手',
]
const WHEN = ['每周三上午', '周末', '工作日下午', '本月内', '尽快', '每天中午', '节假日', '晚上七点后']
const DETAILS = [
  '希望有志愿者帮忙',
  '家中无人照顾',
  '行动不便，需要上门',
  '社区网格员走访时记录',
  '居民在服务大厅反映',
  '通过热线电话提出',
  '多户居民有同样需求',
  '需要专业人员',
]

function text() {
  const service = pick(SERVICES)
  const title = `${pick(WHO)}${service}`
  const description = `${pick(PLACES)}的${pick(WHO)}需要${service}，${pick(WHEN)}，${pick(DETAILS)}。`
  return { title, description }
}

async function insertNeeds(db: DbOrTx, recordedBy: string, gridId: string) {
  for (let done = 0; done < ROWS; done += BATCH) {
    const rows = Array.from({ length: BATCH }, () =>
      needValues({ communityId, recordedBy, gridId, state: 'accepted', category: 'care', ...text() }),
    )
    await db.insert(schema.needs).values(rows)
  }
}

async function insertProjects(db: DbOrTx, createdBy: string) {
  for (let done = 0; done < ROWS; done += BATCH) {
    const rows = Array.from({ length: BATCH }, () =>
      projectValues({ communityId, createdBy, category: 'convenience', ...text() }),
    )
    await db.insert(schema.projects).values(rows)
  }
}

beforeAll(async () => {
  t = await buildTestApp()
  const db = t.database.db
  const places = await createPlaces(db)
  communityId = places.community.id
  const user = await createUser(db)
  await insertNeeds(db, user.id, places.grid.id)
  await insertProjects(db, user.id)
}, 300_000)
afterAll(() => t.close())

const needSearch = (q: string) =>
  t.database.db
    .select({ id: schema.needs.id })
    .from(schema.needs)
    .where(
      and(
        eq(schema.needs.communityId, communityId),
        searchCondition(schema.needs.search, [schema.needs.title, schema.needs.description], q),
      ),
    )

const projectSearch = (q: string) =>
  t.database.db
    .select({ id: schema.projects.id })
    .from(schema.projects)
    .where(
      and(
        eq(schema.projects.communityId, communityId),
        searchCondition(schema.projects.search, [schema.projects.title, schema.projects.description], q),
      ),
    )

/** The plain answer: every row whose text contains the word (no index can help it). */
async function ilike(table: 'needs' | 'projects', word: string): Promise<string[]> {
  const { rows } = await t.database.db.execute(
    sql`select id from ${sql.identifier(table)} where community_id = ${communityId}
        and (title || ' ' || description) ilike ${`%${word}%`}`,
  )
  return (rows as { id: string }[]).map((r) => r.id).sort()
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort()

describe('search over 10,000 needs and 10,000 projects', () => {
  it('holds the rows', async () => {
    const { rows } = await t.database.db.execute(
      sql`select (select count(*) from needs)::int as needs, (select count(*) from projects)::int as projects`,
    )
    expect(rows[0]).toEqual({ needs: ROWS, projects: ROWS })
  })

  it.each([
    ['a two-character word', '助餐'],
    ['one character', '餐'],
    ['a four-character phrase', '独居老人'],
    ['a word of a longer service name', '理发'],
    ['a Latin word, any case', 'wifi'],
    ['a Latin word in capitals', 'APP'],
  ])('%s (%s) finds exactly the rows a plain ILIKE finds', async (_label, word) => {
    const [needs, projects, needsPlain, projectsPlain] = await Promise.all([
      needSearch(word),
      projectSearch(word),
      ilike('needs', word),
      ilike('projects', word),
    ])
    expect(needsPlain.length).toBeGreaterThan(0)
    expect(needsPlain.length).toBeLessThan(ROWS)
    expect(ids(needs)).toEqual(needsPlain)
    expect(ids(projects)).toEqual(projectsPlain)
  })

  it('rechecks the order of the characters: 服务助餐 is not 助餐服务', async () => {
    expect(await needSearch('服务助餐')).toEqual([])
    expect((await needSearch('助餐服务')).length).toBeGreaterThan(0)
  })

  it('finds nothing for a word no row holds', async () => {
    expect(await needSearch('火箭发射')).toEqual([])
    expect(await projectSearch('rocket')).toEqual([])
  })
})

describeOnPostgres('search plans on PostgreSQL', () => {
  beforeAll(async () => {
    // ANALYZE for the statistics; VACUUM moves the bulk-inserted rows out of the GIN indexes'
    // pending list (as autovacuum would), else the planner prices an index scan over it too high.
    await t.database.db.execute(sql`vacuum analyze needs`)
    await t.database.db.execute(sql`vacuum analyze projects`)
  })

  async function plan(query: ReturnType<typeof needSearch>): Promise<string> {
    const { rows } = await t.database.db.execute(sql`explain ${query}`)
    return (rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n')
  }

  it.each(['助餐', '餐', 'wifi'])('a search for %s uses needs_search_idx and projects_search_idx', async (word) => {
    const needsPlan = await plan(needSearch(word))
    const projectsPlan = await plan(projectSearch(word) as unknown as ReturnType<typeof needSearch>)
    console.log(`EXPLAIN needs (${word}):\n${needsPlan}\nEXPLAIN projects (${word}):\n${projectsPlan}`)
    expect(needsPlan).toContain('Bitmap Index Scan on needs_search_idx')
    expect(projectsPlan).toContain('Bitmap Index Scan on projects_search_idx')
  })
})
