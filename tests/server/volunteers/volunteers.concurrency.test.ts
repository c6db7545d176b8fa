/**
 * Profiles and 双报到 under real concurrency on PostgreSQL (PGlite is one connection: races
 * cannot show there). 32 people giving one national number at once: one holds it, the rest
 * hear ALREADY_EXISTS. 32 first saves at once: 32 different Linli numbers. One member's 32
 * simultaneous requests: one live report. The unit's admin and the community's staff confirming
 * the same reports at the same moment: every report ends confirmed with both sides, the member
 * told once.
 */
import { and, eq, schema } from '@linli/server/db'
import { DomainError } from '@linli/shared'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { describeOnPostgres } from '../../support/env.ts'
import { addUnitMember, createUser } from '../../support/factories.ts'
import { race, warmPool } from '../../support/race.ts'
import { buildVolunteersWorld, type VolunteersWorld } from './world.ts'

type Viewer = Parameters<TestApp['app']['volunteersService']['saveProfile']>[0]

const CLIENTS = 32

describeOnPostgres('volunteer profiles and 双报到 under concurrency on PostgreSQL', () => {
  let t: TestApp
  let w: VolunteersWorld

  beforeAll(async () => {
    t = await buildTestApp({ poolSize: CLIENTS + 8 })
    w = await buildVolunteersWorld(t)
  }, 120_000)
  afterAll(() => t?.close())

  const codeOf = (err: unknown) => (err instanceof DomainError ? err.code : `UNEXPECTED ${(err as Error).message}`)
  async function together(tasks: (() => Promise<unknown>)[]) {
    await warmPool(t.database.pool!, Math.min(tasks.length, CLIENTS))
    const settled = await race(tasks.length, (i) => tasks[i]!())
    return settled.map((s) => (s.status === 'fulfilled' ? 'OK' : codeOf(s.reason)))
  }
  const viewerOf = (id: string, grants: Viewer['grants'] = []): Viewer => ({ userId: id, sessionId: id, grants })
  async function people(n: number) {
    return Promise.all(Array.from({ length: n }, () => createUser(t.database.db)))
  }

  it('one national number, 32 people at once: one holds it', async () => {
    const users = await people(CLIENTS)
    const codes = await together(
      users.map(
        (u) => () => t.app.volunteersService.saveProfile(viewerOf(u.id), { nationalVolunteerNumber: 'RACE2026001' }),
      ),
    )
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1)
    expect(codes.filter((c) => c === 'ALREADY_EXISTS')).toHaveLength(CLIENTS - 1)
    const holders = await t.database.db
      .select()
      .from(schema.volunteerProfiles)
      .where(eq(schema.volunteerProfiles.volunteerNumber, 'RACE2026001'))
    expect(holders).toHaveLength(1)
  })

  it('32 first saves at once get 32 different Linli numbers', async () => {
    const users = await people(CLIENTS)
    const codes = await together(users.map((u) => () => t.app.volunteersService.saveProfile(viewerOf(u.id), {})))
    expect(codes.every((c) => c === 'OK')).toBe(true)
    const rows = await t.database.db.select().from(schema.volunteerProfiles)
    const mine = rows.filter((r) => users.some((u) => u.id === r.userId))
    expect(new Set(mine.map((r) => r.volunteerNumber)).size).toBe(CLIENTS)
    expect(mine.every((r) => /^LL\d{8}$/.test(r.volunteerNumber))).toBe(true)
  })

  it('one member asking 32 times at once holds one live report', async () => {
    const [member] = await people(1)
    await addUnitMember(t.database.db, w.unit.id, member!.id, { isPartyMember: true })
    const codes = await together(
      Array.from(
        { length: CLIENTS },
        () => () => t.app.dualReportsService.request(viewerOf(member!.id), w.community.id, w.unit.id),
      ),
    )
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1)
    expect(codes.filter((c) => c === 'ALREADY_EXISTS')).toHaveLength(CLIENTS - 1)
    const rows = await t.database.db.select().from(schema.dualReports).where(eq(schema.dualReports.userId, member!.id))
    expect(rows).toHaveLength(1)
  })

  it('both sides confirming at the same moment: every report confirmed with both, the member told once', async () => {
    const n = CLIENTS / 2
    const members = await people(n)
    const ids: string[] = []
    for (const m of members) {
      await addUnitMember(t.database.db, w.unit.id, m.id, { isPartyMember: true })
      ids.push((await t.app.dualReportsService.request(viewerOf(m.id), w.community.id, w.unit.id)).id)
    }
    const staff = viewerOf(w.people.staff.id, [
      { id: 's', role: 'community_staff', scopeType: 'community', scopeId: w.community.id },
    ])
    const admin = viewerOf(w.people.unitAdmin.id, [
      { id: 'a', role: 'unit_admin', scopeType: 'unit', scopeId: w.unit.id },
    ])
    const codes = await together(
      ids.flatMap((id) => [
        () => t.app.dualReportsService.confirm(staff, w.community.id, id),
        () => t.app.dualReportsService.confirm(admin, w.community.id, id),
      ]),
    )
    expect(codes.every((c) => c === 'OK')).toBe(true)
    for (const [i, id] of ids.entries()) {
      const [row] = await t.database.db
        .select()
        .from(schema.dualReports)
        .where(and(eq(schema.dualReports.communityId, w.community.id), eq(schema.dualReports.id, id)))
      expect(row).toMatchObject({
        state: 'confirmed',
        unitConfirmedBy: admin.userId,
        communityConfirmedBy: staff.userId,
      })
      const told = await t.database.db
        .select()
        .from(schema.notifications)
        .where(
          and(
            eq(schema.notifications.recipientId, members[i]!.id),
            eq(schema.notifications.kind, 'dual_report.decided'),
          ),
        )
      expect(told).toHaveLength(1)
    }
  })
})
