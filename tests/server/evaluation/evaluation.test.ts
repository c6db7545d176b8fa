/**
 * Closing the loop through GraphQL, with the test clock: only the lead unit's report (or staff
 * with a note) completes a project; other claiming units add theirs after; only the residents
 * served (or their grid worker) rate, once each; rating every served need evaluates the project
 * and a 5-star project's bonus reaches its volunteers once; the rating window closes by a job;
 * review hides a comment from the community; the chain returns every link.
 */
import { schema } from '@linli/server/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { START } from '../projects/world.ts'
import { buildHoursWorld, type HoursWorld } from '../hours/world.ts'

let t: TestApp
let w: HoursWorld

const REPORT = `mutation($c: ID!, $p: ID!, $i: CompletionReportInput!) { submitCompletionReport(communityId: $c, projectId: $p, input: $i) {
  id kind unitId unitName summary peopleServed reviewState photoIds } }`
const COMPLETE = `mutation($c: ID!, $p: ID!, $n: String!) { completeProject(communityId: $c, projectId: $p, note: $n) { state completionNote } }`
const RATE = `mutation($c: ID!, $p: ID!, $i: RatingInput!) { rateProject(communityId: $c, projectId: $p, input: $i) {
  id score comment needId raterName recordedForResident reviewState } }`
const EVALUATION = `query($c: ID!, $p: ID!) { projectEvaluation(communityId: $c, projectId: $p) {
  state completedAt evaluatedAt ratingClosesAt averageScore ratingCount servedNeeds ratedNeeds bonusVolunteers
  reports { id kind unitName reviewState } ratings { id score comment raterName reviewState hiddenReason } } }`
const RATABLE = `{ ratableNeeds { communityId needId needTitle projectId forName closesAt } }`
const REVIEW_RATING = `mutation($c: ID!, $id: ID!, $pub: Boolean!, $r: String) { reviewRating(communityId: $c, id: $id, publish: $pub, reason: $r) { id reviewState comment hiddenReason } }`
const REVIEW_REPORT = `mutation($c: ID!, $id: ID!, $pub: Boolean!, $r: String) { reviewCompletionReport(communityId: $c, id: $id, publish: $pub, reason: $r) { id reviewState } }`
const CHAIN = `query($c: ID!, $p: ID!) { projectChain(communityId: $c, projectId: $p) {
  projectTitle projectState approvedMinutes volunteers
  needs { id title state } claims { unitName state lead } activities { id title approvedMinutes volunteers }
  reports { kind } ratings { score } events { at action actor subject } } }`
const NEED_CHAIN = `query($c: ID!, $n: ID!) { needChain(communityId: $c, needId: $n) { projectTitle events { action } } }`

interface Evaluation {
  state: string
  averageScore: number | null
  ratingCount: number
  servedNeeds: number
  ratedNeeds: number
  bonusVolunteers: number
  reports: { id: string; kind: string; unitName: string | null; reviewState: string }[]
  ratings: { id: string; score: number; comment: string; raterName: string; reviewState: string }[]
}

beforeAll(async () => {
  t = await buildTestApp({ config: { accessTokenTtlSeconds: 400 * 86_400, refreshTokenTtlDays: 400 } })
  w = await buildHoursWorld(t)
})
afterAll(() => t?.close())

const report = (unit: 'A' | 'B' | 'C', projectId: string, input: Record<string, unknown> = {}) =>
  w.asUnit(unit)<{ submitCompletionReport: { id: string; kind: string; reviewState: string } }>(REPORT, {
    c: w.c,
    p: projectId,
    i: { summary: '共服务社区老人四十余人次，测量血压血糖并建立健康档案。', peopleServed: 46, ...input },
  })

const evaluation = async (projectId: string, as: 'staff' | 'resident' = 'staff') =>
  (await w.as(as)<{ projectEvaluation: Evaluation }>(EVALUATION, { c: w.c, p: projectId })).data!.projectEvaluation

/** A joint project for two needs (the resident's; a neighbour's without an account, in the grid), claimed by A then B, started. */
async function startedProject(title: string) {
  t.clock.set('2026-11-01T02:00:00.000Z')
  const mine = await w.acceptedNeed(`${title}：我的需求`)
  const [neighbour] = await t.database.db
    .insert(schema.needs)
    .values({
      communityId: w.c,
      title: `${title}：邻居的需求`,
      description: '网格员走访时登记',
      category: 'care',
      channel: 'grid_visit',
      gridId: w.grid.id,
      forName: '张阿姨',
      recordedBy: w.people.gridWorker.id,
      state: 'accepted',
      acceptedAt: new Date('2026-11-01T00:00:00Z'),
      search: '',
      createdAt: new Date('2026-11-01T00:00:00Z'),
      updatedAt: new Date('2026-11-01T00:00:00Z'),
    } as typeof schema.needs.$inferInsert)
    .returning()
  const project = await w.publishedProject({ title, capacity: 2, needIds: [mine.id, neighbour!.id] })
  expect((await w.claim('A', project.id)).errors).toBeUndefined()
  t.clock.set('2026-11-01T03:00:00.000Z')
  expect((await w.claim('B', project.id)).errors).toBeUndefined()
  const started = await w.staff(START, { c: w.c, id: project.id })
  expect(started.errors).toBeUndefined()
  return { project, mine, neighbour: neighbour! }
}

describe('晒单: completing a project', () => {
  it('the lead unit’s report completes it, another unit adds theirs after, nobody reports twice', async () => {
    const { project } = await startedProject('义诊进小区')
    // B claimed later: it does not lead.
    expect((await report('B', project.id)).code).toBe('NOT_LEAD_UNIT')
    expect((await evaluation(project.id)).state).toBe('in_progress')
    // With photos, consent is required.
    const noConsent = await report('A', project.id, { photoIds: [crypto.randomUUID()], photoConsent: false })
    expect(noConsent.code).toBe('BAD_USER_INPUT')
    expect(JSON.stringify(noConsent.errors)).toContain('PHOTO_CONSENT_REQUIRED')

    t.clock.set('2026-11-20T08:00:00.000Z')
    const lead = await report('A', project.id)
    expect(lead.errors).toBeUndefined()
    expect(lead.data!.submitCompletionReport).toMatchObject({ kind: 'lead', reviewState: 'pending_review' })
    const after = await evaluation(project.id)
    expect(after).toMatchObject({ state: 'completed', servedNeeds: 2, ratedNeeds: 0 })
    expect((await report('A', project.id)).code).toBe('ALREADY_EXISTS')
    const other = await report('B', project.id)
    expect(other.data!.submitCompletionReport.kind).toBe('unit')
    // A unit that did not claim it sees nothing of it.
    expect((await report('C', project.id)).code).toBe('NOT_FOUND')
    // Staff cannot complete it a second time.
    expect((await w.staff(COMPLETE, { c: w.c, p: project.id, n: '已完成' })).code).toBe('INVALID_TRANSITION')
  })
})

describe('评单: rating, once, by those served', () => {
  it('the resident and the grid worker (for a neighbour) rate once each; all rated → evaluated; rated 5 → the bonus reaches the volunteers once', async () => {
    await w.setSetting('ratingBonusPoints', 10)
    const { project, mine, neighbour } = await startedProject('助浴服务')
    // A volunteer served it: approved hours on one of its activities.
    t.clock.set('2026-11-02T02:00:00.000Z')
    const startsAt = Date.parse('2026-11-05T01:00:00.000Z')
    const a = await w.activity({
      projectId: project.id,
      leaderId: w.leader.id,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 2 * 3_600_000).toISOString(),
    })
    const v = await w.volunteer(0)
    expect((await w.signUp(v, a.id)).errors).toBeUndefined()
    t.clock.set(new Date(startsAt))
    await w.checkIn(v, a.id, (await w.code(a.id)).digits)
    t.clock.set(new Date(startsAt + 2 * 3_600_000))
    const out = await w.checkOut(v, a.id, (await w.code(a.id)).digits)
    expect((await w.approve([out.data!.checkOut.id])).errors).toBeUndefined()

    // Not completed yet: no rating.
    const early = await w.as('resident')(RATE, { c: w.c, p: project.id, i: { needId: mine.id, score: 5 } })
    expect(early.code).toBe('INVALID_TRANSITION')
    t.clock.set('2026-11-06T02:00:00.000Z')
    expect((await report('A', project.id)).errors).toBeUndefined()

    // The resident sees it to rate; someone else may not rate her need.
    const ratable = await w.as('resident')<{ ratableNeeds: { needId: string; projectId: string }[] }>(RATABLE)
    expect(ratable.data!.ratableNeeds.map((r) => r.needId)).toContain(mine.id)
    expect((await w.as('volunteer')(RATE, { c: w.c, p: project.id, i: { needId: mine.id, score: 1 } })).code).toBe(
      'NOT_SERVED',
    )
    const rated = await w.as('resident')<{ rateProject: { score: number; reviewState: string } }>(RATE, {
      c: w.c,
      p: project.id,
      i: { needId: mine.id, score: 5, comment: '医生很耐心，谢谢！' },
    })
    expect(rated.errors).toBeUndefined()
    expect(rated.data!.rateProject).toMatchObject({ score: 5, reviewState: 'pending_review' })
    expect((await w.as('resident')(RATE, { c: w.c, p: project.id, i: { needId: mine.id, score: 4 } })).code).toBe(
      'ALREADY_RATED',
    )
    expect(await evaluation(project.id)).toMatchObject({ state: 'completed', ratedNeeds: 1 })

    // The grid worker records the neighbour's rating for her (she has no account).
    const gridList = await w.as('gridWorker')<{ ratableNeeds: { needId: string; forName: string }[] }>(RATABLE)
    expect(gridList.data!.ratableNeeds.find((r) => r.needId === neighbour.id)?.forName).toBe('张*姨')
    const forHer = await w.as('gridWorker')<{ rateProject: { recordedForResident: boolean } }>(RATE, {
      c: w.c,
      p: project.id,
      i: { needId: neighbour.id, score: 5, comment: '' },
    })
    expect(forHer.errors).toBeUndefined()
    expect(forHer.data!.rateProject.recordedForResident).toBe(true)

    // Every served need rated: evaluated at once; rated 5 → the bonus, once.
    const done = await evaluation(project.id)
    expect(done).toMatchObject({ state: 'evaluated', ratedNeeds: 2, averageScore: 5, bonusVolunteers: 1 })
    const wallet = await w.gqlAs<{ myPointsWallets: { communityId: string; balance: number }[] }>(
      v,
      `{ myPointsWallets { communityId balance } }`,
    )
    // 2 h at coefficient 1 earn 2; the bonus 10.
    expect(wallet.data!.myPointsWallets.find((x) => x.communityId === w.c)!.balance).toBe(12)
    // The window's job later finds it evaluated and posts nothing more.
    t.clock.set('2026-12-30T02:00:00.000Z')
    await t.app.jobs.runDue(50)
    expect((await evaluation(project.id)).bonusVolunteers).toBe(1)
    const again = await w.gqlAs<{ myPointsWallets: { communityId: string; balance: number }[] }>(
      v,
      `{ myPointsWallets { communityId balance } }`,
    )
    expect(again.data!.myPointsWallets.find((x) => x.communityId === w.c)!.balance).toBe(12)
    await w.setSetting('ratingBonusPoints', 0)
  })

  it('staff complete with a note; the rating window closes by a job: unrated needs stay resolved, a late rating is refused; staff hide a comment', async () => {
    const { project, mine, neighbour } = await startedProject('理发服务')
    t.clock.set('2026-11-10T02:00:00.000Z')
    const completed = await w.staff<{ completeProject: { state: string; completionNote: string } }>(COMPLETE, {
      c: w.c,
      p: project.id,
      n: '单位未按时提交报告，社区代为完成',
    })
    expect(completed.data!.completeProject).toMatchObject({ state: 'completed', completionNote: expect.any(String) })
    const rated = await w.as('resident')<{ rateProject: { id: string } }>(RATE, {
      c: w.c,
      p: project.id,
      i: { needId: mine.id, score: 2, comment: '师傅迟到了一个小时' },
    })
    expect(rated.errors).toBeUndefined()

    // Published, then hidden with a reason: others see the score but not the comment.
    const id = rated.data!.rateProject.id
    expect((await w.staff(REVIEW_RATING, { c: w.c, id, pub: true })).errors).toBeUndefined()
    expect((await w.staff(REVIEW_RATING, { c: w.c, id, pub: false, r: ' ' })).code).toBe('BAD_USER_INPUT')
    const hidden = await w.staff<{ reviewRating: { reviewState: string } }>(REVIEW_RATING, {
      c: w.c,
      id,
      pub: false,
      r: '评论涉及他人隐私',
    })
    expect(hidden.data!.reviewRating.reviewState).toBe('hidden')
    const asUnit = await w.asUnit('A')<{ projectEvaluation: Evaluation }>(EVALUATION, { c: w.c, p: project.id })
    expect(asUnit.data!.projectEvaluation.ratings).toEqual([])
    const asRater = await evaluation(project.id, 'resident')
    expect(asRater.ratings[0]).toMatchObject({ comment: '师傅迟到了一个小时', hiddenReason: '评论涉及他人隐私' })

    // Ratings window: 14 days by default. A day before it ends, nothing happens.
    t.clock.set('2026-11-23T02:00:00.000Z')
    await t.app.jobs.runDue(50)
    expect((await evaluation(project.id)).state).toBe('completed')
    t.clock.set('2026-11-24T02:00:01.000Z')
    await t.app.jobs.runDue(50)
    const closed = await evaluation(project.id)
    expect(closed).toMatchObject({ state: 'evaluated', servedNeeds: 2, ratedNeeds: 1, bonusVolunteers: 0 })
    const late = await w.as('gridWorker')(RATE, { c: w.c, p: project.id, i: { needId: neighbour.id, score: 5 } })
    expect(late.code).toBe('RATING_CLOSED')
    const states = await t.database.db.select({ id: schema.needs.id, state: schema.needs.state }).from(schema.needs)
    expect(states.find((n) => n.id === neighbour.id)!.state).toBe('resolved')
    expect(states.find((n) => n.id === mine.id)!.state).toBe('rated')
  })
})

describe('the traceable chain', () => {
  it('returns every link of a project, in time order, to staff — and to the resident through her need', async () => {
    const { project, mine } = await startedProject('陪伴聊天')
    t.clock.set('2026-11-02T02:00:00.000Z')
    const a = await w.activity({ projectId: project.id, leaderId: w.leader.id })
    t.clock.set('2026-11-12T02:00:00.000Z')
    const lead = await report('A', project.id)
    await w.staff(REVIEW_REPORT, { c: w.c, id: lead.data!.submitCompletionReport.id, pub: true })
    await w.as('resident')(RATE, { c: w.c, p: project.id, i: { needId: mine.id, score: 4, comment: '很好' } })

    const res = await w.staff<{
      projectChain: {
        projectState: string
        needs: { id: string }[]
        claims: { unitName: string; state: string; lead: boolean }[]
        activities: { id: string }[]
        reports: { kind: string }[]
        ratings: { score: number }[]
        events: { at: string; action: string; actor: string | null }[]
      }
    }>(CHAIN, { c: w.c, p: project.id })
    expect(res.errors).toBeUndefined()
    const chain = res.data!.projectChain
    expect(chain.projectState).toBe('completed')
    expect(chain.needs).toHaveLength(2)
    expect(chain.claims.map((c) => [c.unitName, c.state, c.lead])).toEqual([
      [w.admins.A.unitName, 'completed', true],
      [w.admins.B.unitName, 'completed', false],
    ])
    expect(chain.activities.map((x) => x.id)).toEqual([a.id])
    expect(chain.reports.map((r) => r.kind)).toEqual(['lead'])
    expect(chain.ratings.map((r) => r.score)).toEqual([4])
    const actions = chain.events.map((e) => e.action)
    // (The factory's needs have no submission events; resolved and rated are the chain's.)
    for (const link of [
      'project.created',
      'project.published',
      'claim.made',
      'project.started',
      'activity.scheduled',
      'project.completed',
      'report.posted',
      'need.resolved',
      'rating.given',
      'need.rated',
    ]) {
      expect(actions).toContain(link)
    }
    const times = chain.events.map((e) => Date.parse(e.at))
    expect([...times].sort((x, y) => x - y)).toEqual(times)

    const mineChain = await w.as('resident')<{ needChain: { projectTitle: string } | null }>(NEED_CHAIN, {
      c: w.c,
      n: mine.id,
    })
    expect(mineChain.data!.needChain!.projectTitle).toBe('陪伴聊天')
    // Hers only: not the neighbour's need (another resident's), its events or rating.
    const own = await w.as('resident')<{
      needChain: { needs: { id: string }[]; ratings: unknown[]; events: { action: string; subject: string | null }[] }
    }>(
      `query($c: ID!, $n: ID!) { needChain(communityId: $c, needId: $n) { needs { id } ratings { score } events { action subject } } }`,
      {
        c: w.c,
        n: mine.id,
      },
    )
    expect(own.data!.needChain.needs.map((n) => n.id)).toEqual([mine.id])
    expect(own.data!.needChain.ratings).toHaveLength(1)
    expect(own.data!.needChain.events.some((e) => e.subject?.includes('邻居的需求'))).toBe(false)
    // Someone the project did not serve, and who cannot see it, gets nothing.
    expect((await w.as('volunteer')(CHAIN, { c: w.c, p: project.id })).code).toBe('NOT_FOUND')
  })
})
