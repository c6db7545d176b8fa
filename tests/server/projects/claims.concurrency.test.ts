/**
 * 点单 under real concurrency on PostgreSQL (PGlite is one connection: races cannot show there).
 * 64 clients on 64 open connections, released together behind one barrier, claim one project
 * for 200 different units; the project ends with exactly its capacity of live claims and every
 * other request has a clear code. The same harness run against a naive read-then-write claim
 * over-claims, so the race is real. 1,000 concurrent replays of one idempotency key make one claim.
 */
import { and, eq, inArray, schema, sql } from '@linli/server/db'
import { DomainError } from '@linli/shared'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { addToAlliance, createUnit, createUser } from '../../support/factories.ts'
import { race, warmPool } from '../../support/race.ts'
import { buildProjectsWorld, type ProjectsWorld } from './world.ts'

type Viewer = Parameters<TestApp['app']['claimsService']['claimProject']>[0]

const CLIENTS = 64
const UNITS = 200

describeOnPostgres('claimProject under concurrency on PostgreSQL', () => {
  let t: TestApp
  let w: ProjectsWorld
  const claimers: { unitId: string; viewer: Viewer }[] = []

  beforeAll(async () => {
    t = await buildTestApp({ poolSize: CLIENTS + 16 })
    w = await buildProjectsWorld(t)
    const db = t.database.db
    for (let i = 0; i < UNITS; i++) {
      const unit = await createUnit(db, { name: `并发单位${i}` })
      await addToAlliance(db, w.community.id, unit.id)
      const admin = await createUser(db, { roles: [{ role: 'unit_admin', scopeId: unit.id }] })
      claimers.push({
        unitId: unit.id,
        // The service checks what a signed-in admin's viewer holds: their unit_admin grant.
        viewer: {
          userId: admin.id,
          sessionId: admin.id,
          grants: [{ id: admin.id, role: 'unit_admin', scopeType: 'unit', scopeId: unit.id }],
        },
      })
    }
  }, 120_000)
  afterAll(() => t?.close())

  /** 64 clients, each working through its share of the 200 units, all released together. */
  async function claimAll(claim: (c: (typeof claimers)[number]) => Promise<unknown>) {
    const codes: string[] = []
    const settled = await race(
      CLIENTS,
      async (i) => {
        for (let u = i; u < UNITS; u += CLIENTS) {
          try {
            await claim(claimers[u]!)
            codes.push('OK')
          } catch (err) {
            codes.push(err instanceof DomainError ? err.code : `UNEXPECTED ${(err as Error).message}`)
          }
        }
      },
      t.database.pool,
    )
    expect(settled.every((s) => s.status === 'fulfilled')).toBe(true)
    return codes
  }

  async function liveClaims(projectId: string) {
    const rows = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.claims)
      .where(and(eq(schema.claims.projectId, projectId), inArray(schema.claims.state, ['pending', 'active'])))
    const [project] = await t.database.db.select().from(schema.projects).where(eq(schema.projects.id, projectId))
    return { live: rows[0]!.n, taken: project!.taken, state: project!.state }
  }

  for (const capacity of [1, 5]) {
    it(`ends with exactly ${capacity} live claim(s) out of ${UNITS}, every other request PROJECT_CAPACITY_REACHED`, async () => {
      const p = await w.publishedProject(capacity === 1 ? { mode: 'solo', capacity } : { capacity })
      const codes = await claimAll((c) =>
        t.app.claimsService.claimProject(c.viewer, { projectId: p.id, unitId: c.unitId, volunteers: 2 }),
      )
      expect(codes.filter((c) => c === 'OK')).toHaveLength(capacity)
      expect(new Set(codes.filter((c) => c !== 'OK'))).toEqual(new Set(['PROJECT_CAPACITY_REACHED']))
      expect(await liveClaims(p.id)).toEqual({ live: capacity, taken: capacity, state: 'claimed' })
    })
  }

  it('a naive read-then-write claim over-claims under the same harness (the race is real)', async () => {
    const capacity = 5
    /** Read the count, decide in the app, then write: what the conditional UPDATE replaces. */
    const naiveClaim = async (projectId: string, c: (typeof claimers)[number]) => {
      await t.database.db.transaction(async (tx) => {
        const [p] = await tx.select().from(schema.projects).where(eq(schema.projects.id, projectId))
        if (p!.taken >= p!.capacity) throw new DomainError('PROJECT_CAPACITY_REACHED')
        await tx.insert(schema.claims).values({
          communityId: p!.communityId,
          projectId,
          unitId: c.unitId,
          state: 'active',
          claimedBy: c.viewer.userId,
          createdAt: t.clock.now(),
        })
        await tx
          .update(schema.projects)
          .set({ taken: p!.taken + 1 })
          .where(eq(schema.projects.id, projectId))
      })
    }
    const overClaimed: number[] = []
    for (let run = 0; run < 3; run++) {
      const p = await w.publishedProject({ capacity })
      await claimAll((c) => naiveClaim(p.id, c))
      overClaimed.push((await liveClaims(p.id)).live)
    }
    // At least one run ends with more live claims than places (usually every run).
    expect(Math.max(...overClaimed)).toBeGreaterThan(capacity)
  })

  it('1,000 concurrent replays of one idempotency key make one claim and all return it', async () => {
    const p = await w.publishedProject({ capacity: 5 })
    const c = claimers[0]!
    // All 1,000 released together onto the 80 open connections (they queue for one).
    await warmPool(t.database.pool!, CLIENTS)
    const settled = await race(1000, () =>
      t.app.claimsService.claimProject(
        c.viewer,
        { projectId: p.id, unitId: c.unitId, volunteers: 4 },
        'same-key-1000-replays',
      ),
    )
    const ids = settled.map((s) => (s.status === 'fulfilled' ? s.value.id : `rejected: ${String(s.reason)}`))
    expect(new Set(ids).size).toBe(1)
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(await liveClaims(p.id)).toEqual({ live: 1, taken: 1, state: 'published' })
  })
})
