/**
 * The demo's loop: 赵明 (the hospital leads 社区义诊进小区) posts the report that completes it;
 * 王秀英 finds her need to rate and rates it; 陈静, the grid worker, records 郑秋菊's; the project
 * is then evaluated; 刘芳 reviews; the chain holds every link. And 和平社区's canteen is evaluated.
 */
import { sql } from '@linli/server/db'
import { DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'

let t: TestApp
const tokenOf = async (phone: string) =>
  (await t.gql<LoginData>(LOGIN, { phone, password: DEMO_PASSWORD })).data!.login.accessToken

beforeAll(async () => {
  t = await buildTestApp()
  await seedDemo(t.database.db, t.clock)
})
afterAll(() => t?.close())

const RATABLE = `{ ratableNeeds { communityId needId needTitle projectId projectTitle forName } }`

describe('the demo closes the loop', () => {
  it('赵明 reports, 王秀英 and 陈静 (for 郑秋菊) rate, the project is evaluated, the chain shows it all', async () => {
    const zhao = await tokenOf('13900000003')
    const me = await t.gql<{ me: { roles: { role: string; scopeId: string }[] } }>(
      `{ me { roles { role scopeId } } }`,
      {},
      { token: zhao },
    )
    const unitId = me.data!.me.roles.find((r) => r.role === 'unit_admin')!.scopeId
    const claims = await t.gql<{ unitClaims: { nodes: { projectId: string; communityId: string; lead: boolean }[] } }>(
      `query($u: ID!) { unitClaims(unitId: $u, states: [active]) { nodes { projectId communityId lead } } }`,
      { u: unitId },
      { token: zhao },
    )
    const titles = await t.database.db.execute(sql`select id, title from projects`)
    const titleOf = new Map(titles.rows.map((r) => [r.id as string, r.title as string]))
    const clinic = claims.data?.unitClaims.nodes.find((x) => titleOf.get(x.projectId) === '社区义诊进小区')
    expect(clinic, JSON.stringify(claims.errors)).toMatchObject({ lead: true })
    const c = clinic!.communityId
    const reported = await t.gql(
      `mutation($c: ID!, $p: ID!, $i: CompletionReportInput!) { submitCompletionReport(communityId: $c, projectId: $p, input: $i) { kind } }`,
      {
        c,
        p: clinic!.projectId,
        i: { summary: '两场义诊共为 46 位居民测量血压血糖，建立健康档案 12 份。', peopleServed: 46 },
      },
      { token: zhao },
    )
    expect(reported.errors).toBeUndefined()

    const wang = await tokenOf('13900000001')
    const mine = await t.gql<{ ratableNeeds: { needId: string; needTitle: string; projectId: string }[] }>(
      RATABLE,
      {},
      { token: wang },
    )
    expect(mine.data!.ratableNeeds.map((n) => n.needTitle)).toEqual(['想测血压血糖'])
    const rate = `mutation($c: ID!, $p: ID!, $i: RatingInput!) { rateProject(communityId: $c, projectId: $p, input: $i) { score } }`
    const first = mine.data!.ratableNeeds[0]!
    expect(
      (
        await t.gql(
          rate,
          { c, p: first.projectId, i: { needId: first.needId, score: 5, comment: '医生很耐心' } },
          { token: wang },
        )
      ).errors,
    ).toBeUndefined()

    const chen = await tokenOf('13900000004')
    const hers = await t.gql<{ ratableNeeds: { needId: string; forName: string; projectId: string }[] }>(
      RATABLE,
      {},
      { token: chen },
    )
    const forZheng = hers.data!.ratableNeeds.find((n) => n.forName === '郑*菊')!
    expect(forZheng).toBeDefined()
    expect(
      (await t.gql(rate, { c, p: forZheng.projectId, i: { needId: forZheng.needId, score: 4 } }, { token: chen }))
        .errors,
    ).toBeUndefined()

    const liu = await tokenOf('13900000005')
    const evaluation = await t.gql<{ projectEvaluation: { state: string; ratedNeeds: number; averageScore: number } }>(
      `query($c: ID!, $p: ID!) { projectEvaluation(communityId: $c, projectId: $p) { state ratedNeeds averageScore } }`,
      { c, p: first.projectId },
      { token: liu },
    )
    expect(evaluation.data!.projectEvaluation).toEqual({ state: 'evaluated', ratedNeeds: 2, averageScore: 4.5 })
    const queue = await t.gql<{ pendingReviews: { reports: unknown[]; ratings: unknown[] } }>(
      `query($c: ID!) { pendingReviews(communityId: $c) { reports { id } ratings { id } } }`,
      { c },
      { token: liu },
    )
    expect([queue.data!.pendingReviews.reports.length, queue.data!.pendingReviews.ratings.length]).toEqual([1, 2])
    const chain = await t.gql<{
      projectChain: {
        needs: unknown[]
        claims: { lead: boolean; unitName: string }[]
        activities: unknown[]
        approvedMinutes: number
        events: { action: string }[]
      }
    }>(
      `query($c: ID!, $p: ID!) { projectChain(communityId: $c, projectId: $p) { needs { id } claims { lead unitName } activities { id } approvedMinutes events { action } } }`,
      { c, p: first.projectId },
      { token: liu },
    )
    const links = chain.data!.projectChain
    expect(links.needs).toHaveLength(2)
    expect(links.claims.find((x) => x.lead)!.unitName).toBe('鼓楼区人民医院')
    expect(links.activities.length).toBeGreaterThanOrEqual(2)
    expect(links.approvedMinutes).toBeGreaterThan(0)
    expect(links.events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'need.submitted',
        'need.recorded',
        'hours.approved',
        'report.posted',
        'rating.given',
        'project.evaluated',
      ]),
    )
  })

  it('王秀英’s export holds her rating; deleting her account clears its comment and keeps the score', async () => {
    const wang = await tokenOf('13900000001')
    const data = await t.gql<{ myData: { ratings: { score: number; comment: string }[] } }>(
      `{ myData }`,
      {},
      { token: wang },
    )
    expect(data.data!.myData.ratings).toEqual([expect.objectContaining({ score: 5, comment: '医生很耐心' })])
    const hers = await t.database.db.execute(sql`select id from ratings where comment = '医生很耐心'`)
    expect(hers.rows).toHaveLength(1)
    expect(
      (await t.gql(`mutation($p: String) { deleteMyAccount(password: $p) }`, { p: DEMO_PASSWORD }, { token: wang }))
        .errors,
    ).toBeUndefined()
    const left = await t.database.db.execute(sql`select score, comment from ratings where id = ${hers.rows[0]!.id}`)
    expect(left.rows).toEqual([{ score: 5, comment: '' }])
  })
})
