/**
 * Excel in (issue 9, Done-when 2): 刘芳 imports residents and volunteers into 阳光社区 from the
 * template. A file of 1,000 good rows and 3 bad ones reports exactly the 3 bad rows (row, column,
 * reason in Chinese); all or nothing imports nobody; valid rows only imports the 1,000 (with
 * roles, residences, grids, volunteer numbers, consent); the same file again adds nobody. Over
 * HTTP: the template opens with exceljs, an upload answers 202 and peopleImport follows it to the
 * end; a signed-out caller gets 401 and 吴刚 (和平社区) cannot import into 阳光社区. On PostgreSQL two
 * simultaneous imports of one file add each person once.
 */
import { sql } from '@linli/server/db'
import { DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import { PEOPLE_IMPORT_COLUMNS } from '@linli/shared'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'

let t: TestApp
let sunshine: string
const tokens: Record<string, string> = {}
type Viewer = Parameters<TestApp['app']['importsService']['start']>[0]
let liuFang: Viewer

const GRID = '第一网格（阳光花园）'

/** A workbook in the template's columns; `rows` are cell values by header. */
async function workbook(rows: Record<string, string>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('居民与志愿者')
  sheet.addRow(PEOPLE_IMPORT_COLUMNS.map((c) => c.header))
  for (const r of rows) sheet.addRow(PEOPLE_IMPORT_COLUMNS.map((c) => r[c.header] ?? ''))
  return Buffer.from(await book.xlsx.writeBuffer())
}

const person = (i: number, prefix = '1370000') => ({
  姓名: `导入居民${i}`,
  手机号: `${prefix}${String(i).padStart(4, '0')}`,
  身份: i % 3 === 0 ? '志愿者' : '居民',
  所在网格: i % 2 === 0 ? GRID : '',
  是否党员: i % 9 === 0 ? '是' : '否',
  已签署个人信息授权书: '是',
})

/** 1,000 good rows with 3 bad ones among them (rows 12, 503 and 1,003 of the sheet). */
async function fileWithThreeBad() {
  const rows: Record<string, string>[] = []
  for (let i = 0; i < 1000; i++) rows.push(person(i))
  rows.splice(10, 0, { ...person(5000), 手机号: '1234' })
  rows.splice(501, 0, { ...person(5001), 身份: '党员' })
  rows.push({ ...person(5002), 已签署个人信息授权书: '' })
  return workbook(rows)
}

async function imported(prefix = '1370000') {
  const { rows } = await t.database.db.execute(
    sql`select count(*)::int as n from users where phone like ${`${prefix}%`}`,
  )
  return Number(rows[0]!.n)
}

async function importNow(bytes: Buffer, mode: string) {
  const started = await t.app.importsService.start(liuFang, sunshine, 'people.xlsx', bytes, mode)
  return started.run()
}

beforeAll(async () => {
  t = await buildTestApp()
  await seedDemo(t.database.db, t.clock)
  for (const phone of ['13900000005', '13900000008']) {
    tokens[phone] = (await t.gql<LoginData>(LOGIN, { phone, password: DEMO_PASSWORD })).data!.login.accessToken
  }
  const [ids] = (
    await t.database.db.execute(sql`select (select id from communities where name = '阳光社区') as community,
      (select id from users where phone = '13900000005') as staff`)
  ).rows
  sunshine = ids!.community as string
  liuFang = {
    userId: ids!.staff as string,
    sessionId: 's',
    grants: [{ id: 'g', role: 'community_staff', scopeType: 'community', scopeId: sunshine }],
  } as Viewer
}, 60_000)
afterAll(() => t?.close())

describe('importing residents and volunteers', () => {
  it('reports exactly the 3 bad rows of 1,003, and all or nothing imports nobody', async () => {
    const result = await importNow(await fileWithThreeBad(), 'all_or_nothing')
    expect(result).toMatchObject({ state: 'rejected', total: 1003, invalid: 3, created: 0 })
    expect(result.errors).toEqual([
      { row: 12, column: '手机号', reason: '手机号格式不正确：1234（应为 11 位，以 1 开头）' },
      { row: 503, column: '身份', reason: '身份只能是"居民"或"志愿者"，不能是"党员"' },
      { row: 1004, column: '已签署个人信息授权书', reason: '须已签署个人信息授权书（填"是"），否则不能导入' },
    ])
    expect(await imported()).toBe(0)
    expect(await imported('13700005')).toBe(0)
  })

  it('valid rows only imports the 1,000, each a resident of 阳光社区 (volunteers with a number)', async () => {
    const result = await importNow(await fileWithThreeBad(), 'valid_only')
    expect(result).toMatchObject({ state: 'done', total: 1003, invalid: 3, created: 1000, existing: 0 })
    expect(result.errors).toHaveLength(3)
    expect(await imported()).toBe(1000)
    const [shape] = (
      await t.database.db.execute(sql`select
        (select count(*)::int from residences r join users u on u.id = r.user_id where u.phone like '1370000%' and r.community_id = ${sunshine}) as residents,
        (select count(*)::int from residences r join users u on u.id = r.user_id join grids g on g.id = r.grid_id
          where u.phone like '1370000%' and g.name = ${GRID}) as in_grid,
        (select count(*)::int from role_grants g join users u on u.id = g.user_id where u.phone like '1370000%' and g.role = 'volunteer') as volunteers,
        (select count(*)::int from volunteer_profiles p join users u on u.id = p.user_id where u.phone like '1370000%' and p.volunteer_number ~ '^LL[0-9]{8}$') as numbered,
        (select count(*)::int from volunteer_profiles p join users u on u.id = p.user_id where u.phone like '1370000%' and p.is_party_member) as party,
        (select count(*)::int from consents c join users u on u.id = c.user_id where u.phone like '1370000%' and c.kind = 'privacy_notice') as consented`)
    ).rows
    expect(shape).toEqual({
      residents: 1000,
      in_grid: 500,
      volunteers: 334,
      numbered: 334,
      party: 112,
      consented: 1000,
    })
  })

  it('importing the same file again adds nobody', async () => {
    const result = await importNow(await fileWithThreeBad(), 'valid_only')
    expect(result).toMatchObject({ state: 'done', created: 0, existing: 1000, invalid: 3 })
    expect(await imported()).toBe(1000)
  })

  it('refuses a file that is not the template, a grid not of the community, a phone twice in one file', async () => {
    await expect(
      t.app.importsService.start(liuFang, sunshine, 'x.xlsx', Buffer.from('not a spreadsheet'), 'valid_only'),
    ).rejects.toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' })
    const book = new ExcelJS.Workbook()
    book.addWorksheet('x').addRow(['名字', '电话'])
    await expect(
      t.app.importsService.start(liuFang, sunshine, 'x.xlsx', Buffer.from(await book.xlsx.writeBuffer()), 'valid_only'),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { reason: 'HEADER_MISSING' } })
    const result = await importNow(
      await workbook([
        person(1, '1371111'),
        { ...person(2, '1371111'), 所在网格: '不存在的网格' },
        person(1, '1371111'),
      ]),
      'all_or_nothing',
    )
    expect(result.errors).toEqual([
      { row: 3, column: '所在网格', reason: '本社区没有"不存在的网格"这个网格' },
      { row: 4, column: '手机号', reason: '与第 2 行的手机号重复' },
    ])
    expect(await imported('1371111')).toBe(0)
  })
})

describe('over HTTP', () => {
  async function upload(token: string | undefined, bytes: Buffer, communityId: string, mode = 'valid_only') {
    const form = new FormData()
    form.append('communityId', communityId)
    form.append('mode', mode)
    form.append('file', new Blob([new Uint8Array(bytes)]), '居民名单.xlsx')
    const request = new Request('http://linli.test/imports/people', { method: 'POST', body: form })
    const headers: Record<string, string> = { 'content-type': request.headers.get('content-type')! }
    if (token) headers.authorization = `Bearer ${token}`
    return t.app.inject({
      method: 'POST',
      url: '/imports/people',
      headers,
      payload: Buffer.from(await request.arrayBuffer()),
    })
  }

  it('downloads the template, uploads a file and follows it to the end', async () => {
    const template = await t.app.inject({
      method: 'GET',
      url: '/imports/people-template.xlsx',
      headers: { authorization: `Bearer ${tokens['13900000005']}` },
    })
    expect(template.statusCode).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer)
    const headerRow = book.worksheets[0]!.getRow(1).values as unknown[]
    expect(headerRow.slice(1)).toEqual(PEOPLE_IMPORT_COLUMNS.map((c) => c.header))

    const rows = Array.from({ length: 30 }, (_, i) => person(i, '1372222'))
    const res = await upload(tokens['13900000005'], await workbook(rows), sunshine)
    expect(res.statusCode).toBe(202)
    const id = (res.json() as { id: string }).id
    let state = 'running'
    let last: { state: string; created: number; fileName: string } | undefined
    for (let i = 0; i < 100 && state === 'running'; i++) {
      const q = await t.gql<{ peopleImport: { state: string; created: number; fileName: string } }>(
        `query($c: ID!, $id: ID!) { peopleImport(communityId: $c, id: $id) { state created fileName progress { phase processed total } } }`,
        { c: sunshine, id },
        { token: tokens['13900000005'] },
      )
      last = q.data!.peopleImport
      state = last.state
      if (state === 'running') await new Promise((r) => setImmediate(r))
    }
    expect(last).toMatchObject({ state: 'done', created: 30, fileName: '居民名单.xlsx' })
    const list = await t.gql<{ peopleImports: { id: string }[] }>(
      `query($c: ID!) { peopleImports(communityId: $c) { id } }`,
      { c: sunshine },
      { token: tokens['13900000005'] },
    )
    expect(list.data!.peopleImports.map((x) => x.id)).toContain(id)
  })

  it('refuses the signed out (401) and another community’s staff (404)', async () => {
    const bytes = await workbook([person(1, '1373333')])
    expect((await upload(undefined, bytes, sunshine)).statusCode).toBe(401)
    const other = await upload(tokens['13900000008'], bytes, sunshine)
    expect([403, 404]).toContain(other.statusCode)
    expect(await imported('1373333')).toBe(0)
  })
})

describeOnPostgres('two imports of one file at once', () => {
  it('add each person once', async () => {
    const bytes = await workbook(Array.from({ length: 300 }, (_, i) => person(i, '1374444')))
    const [a, b] = await Promise.all([
      t.app.importsService.start(liuFang, sunshine, 'a.xlsx', bytes, 'valid_only'),
      t.app.importsService.start(liuFang, sunshine, 'b.xlsx', bytes, 'valid_only'),
    ])
    const results = await Promise.all([a.run(), b.run()])
    expect(results.map((r) => r.state)).toEqual(['done', 'done'])
    expect(results[0]!.created + results[1]!.created).toBe(300)
    expect(await imported('1374444')).toBe(300)
  })
})
