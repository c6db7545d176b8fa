/**
 * The notification list and the SMS copy, on PGlite and PostgreSQL: features publish inside
 * their transactions; each recipient sees their own notifications, unread first until read;
 * people without a smartphone (or who asked) get an SMS through the gateway, sent by a
 * durable job that retries without sending twice.
 */
import { NOTIFICATION_SMS_JOB } from '@linli/server/notifications'
import { eq, schema } from '@linli/server/db'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { addResidence, createUnit, createUser, type CreatedUser } from '../../support/factories.ts'
import { signIn } from '../../support/accounts.ts'
import { buildWorld, type World } from '../../support/world.ts'

const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`
const LIST = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    nodes { id kind communityId subjectType subjectId params smsStatus read readAt createdAt }
    pageInfo { endCursor hasNextPage }
    unreadCount
  }
}`
const UNREAD = `{ unreadNotificationCount }`
const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`
const MARK_ALL = `mutation { markAllNotificationsRead }`
const PREFS = `mutation($s: Boolean!) { setMyNotificationPreferences(bySms: $s) { hasSmartphone bySms } }`
const NO_PHONE = `mutation($u: ID!, $h: Boolean!) { staffSetHasSmartphone(userId: $u, hasSmartphone: $h) }`

interface Node {
  id: string
  kind: string
  communityId: string | null
  subjectType: string | null
  subjectId: string | null
  params: Record<string, string>
  smsStatus: string
  read: boolean
  readAt: string | null
  createdAt: string
}
interface ListData {
  myNotifications: { nodes: Node[]; pageInfo: { endCursor: string | null; hasNextPage: boolean }; unreadCount: number }
}

let t: TestApp
let w: World
const tokens = new Map<string, string>()
const tokenOf = async (u: CreatedUser) => {
  if (!tokens.has(u.id)) tokens.set(u.id, await signIn(t, u))
  return tokens.get(u.id)!
}
async function listOf(u: CreatedUser, vars: Record<string, unknown> = {}) {
  const res = await t.gql<ListData>(LIST, vars, { token: await tokenOf(u) })
  expect(res.errors).toBeUndefined()
  return res.data!.myNotifications
}
const grantGridWorker = (u: CreatedUser) =>
  w.as('staff')(GRANT, { input: { phone: u.phone, role: 'grid_worker', scopeId: w.grid.id } })
/** A fresh person with nothing in their list. */
const person = () => createUser(t.database.db)

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildWorld(t)
})
afterAll(() => t?.close())

describe('the list', () => {
  it('shows a granted role to its holder, unread, with what a page needs to say it', async () => {
    const p = await person()
    expect((await grantGridWorker(p)).errors).toBeUndefined()
    const list = await listOf(p)
    expect(list.unreadCount).toBe(1)
    expect(list.nodes).toEqual([
      expect.objectContaining({
        kind: 'role.granted',
        communityId: w.community.id,
        subjectType: 'role_grant',
        params: { role: 'grid_worker', placeName: w.grid.name },
        smsStatus: 'none',
        read: false,
        readAt: null,
        createdAt: t.clock.now().toISOString(),
      }),
    ])
    // The one who acted is not told what they did.
    expect((await w.as('staff')<ListData>(LIST)).data!.myNotifications.nodes.map((n) => n.kind)).not.toContain(
      'role.granted',
    )
  })

  it('marks one’s own notifications read, and nobody else’s', async () => {
    const p = await person()
    const other = await person()
    await grantGridWorker(p)
    const [n] = (await listOf(p)).nodes
    // Someone else marking it changes nothing.
    expect((await t.gql(MARK, { ids: [n!.id] }, { token: await tokenOf(other) })).data).toEqual({
      markNotificationsRead: 0,
    })
    expect((await listOf(p)).unreadCount).toBe(1)
    expect((await listOf(other)).nodes).toEqual([])
    // Its holder does; a second time changes nothing; malformed ids are ignored.
    expect((await t.gql(MARK, { ids: [n!.id, 'nope'] }, { token: await tokenOf(p) })).data).toEqual({
      markNotificationsRead: 1,
    })
    expect((await t.gql(MARK, { ids: [n!.id] }, { token: await tokenOf(p) })).data).toEqual({
      markNotificationsRead: 0,
    })
    expect((await listOf(p)).nodes[0]).toMatchObject({ read: true, readAt: t.clock.now().toISOString() })
    expect((await t.gql(UNREAD, {}, { token: await tokenOf(p) })).data).toEqual({ unreadNotificationCount: 0 })
  })

  it('pages newest first without gaps or repeats, filters unread, and marks all read', async () => {
    const p = await person()
    for (let i = 0; i < 23; i++) {
      t.clock.advanceSeconds(1)
      await t.database.db.transaction((tx) =>
        t.app.notifications.bus.publish(tx, {
          kind: 'unit.joined',
          communityId: null,
          params: { unitName: `单位${i}` },
          to: { people: [p.id] },
        }),
      )
    }
    const seen: string[] = []
    let after: string | null = null
    for (;;) {
      const page: ListData['myNotifications'] = await listOf(p, { first: 10, after })
      seen.push(...page.nodes.map((n) => n.params.unitName!))
      if (!page.pageInfo.hasNextPage) break
      after = page.pageInfo.endCursor
    }
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `单位${22 - i}`))
    const firstTwo = (await listOf(p, { first: 2 })).nodes.map((n) => n.id)
    await t.gql(MARK, { ids: firstTwo }, { token: await tokenOf(p) })
    const unread = await listOf(p, { first: 50, unreadOnly: true })
    expect(unread.nodes).toHaveLength(21)
    expect(unread.unreadCount).toBe(21)
    expect((await t.gql(MARK_ALL, {}, { token: await tokenOf(p) })).data).toEqual({ markAllNotificationsRead: 21 })
    expect((await listOf(p)).unreadCount).toBe(0)
    // At most 50 a page, whatever is asked.
    expect((await listOf(p, { first: 1000 })).nodes).toHaveLength(23)
  })

  it('asks a signed-in person', async () => {
    for (const q of [LIST, UNREAD, MARK_ALL]) expect((await t.gql(q, { ids: [] })).code).toBe('UNAUTHENTICATED')
  })

  it('keeps nothing of an event whose change rolled back: no notification, no SMS job', async () => {
    const p = await person()
    await expect(
      t.database.db.transaction(async (tx) => {
        await t.app.notifications.bus.publish(tx, {
          kind: 'unit.joined',
          communityId: null,
          params: { unitName: '回滚' },
          to: { people: [p.id] },
        })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect((await listOf(p)).nodes).toEqual([])
    // A grant refused (already held) tells nobody either.
    await grantGridWorker(p)
    expect((await grantGridWorker(p)).code).toBe('ALREADY_EXISTS')
    expect((await listOf(p)).nodes).toHaveLength(1)
  })
})

describe('who is told, by feature', () => {
  it('a unit admin’s roster invitation tells the invitee; their request tells the unit’s admins; approval tells them', async () => {
    const p = await person()
    const invite = await w.as('unitAdmin')(
      `mutation($u: ID!, $p: String!) { inviteUnitMember(unitId: $u, phone: $p) { status } }`,
      { u: w.unit.id, p: p.phone },
    )
    expect(invite.errors).toBeUndefined()
    expect((await listOf(p)).nodes[0]).toMatchObject({
      kind: 'unit.member_invited',
      subjectType: 'unit',
      subjectId: w.unit.id,
      params: { unitName: w.unit.name },
    })

    const q = await person()
    const token = await tokenOf(q)
    await t.gql(`mutation($u: ID!) { requestToJoinUnit(unitId: $u) { status } }`, { u: w.unit.id }, { token })
    const adminList = (await w.as('unitAdmin')<ListData>(LIST)).data!.myNotifications
    expect(adminList.nodes[0]).toMatchObject({ kind: 'unit.join_requested', params: { unitName: w.unit.name } })
    await w.as('unitAdmin')(`mutation($u: ID!, $p: ID!) { approveUnitMember(unitId: $u, userId: $p) { status } }`, {
      u: w.unit.id,
      p: q.id,
    })
    expect((await listOf(q)).nodes[0]).toMatchObject({ kind: 'unit.joined', params: { unitName: w.unit.name } })
  })

  it('an alliance invitation tells the unit’s admins; their answer tells the community’s staff', async () => {
    const unit = await createUnit(t.database.db, { name: '新来的超市' })
    const admin = await createUser(t.database.db, { roles: [{ role: 'unit_admin', scopeId: unit.id }] })
    await w.as('staff')(`mutation($c: ID!, $u: ID!) { inviteUnitToAlliance(communityId: $c, unitId: $u) { status } }`, {
      c: w.community.id,
      u: unit.id,
    })
    expect((await listOf(admin)).nodes[0]).toMatchObject({
      kind: 'alliance.invited',
      communityId: w.community.id,
      params: { unitName: '新来的超市', communityName: w.community.name },
    })
    await t.gql(
      `mutation($c: ID!, $u: ID!) { acceptAllianceInvitation(communityId: $c, unitId: $u) { status } }`,
      { c: w.community.id, u: unit.id },
      { token: await tokenOf(admin) },
    )
    const staffList = (await w.as('staff')<ListData>(LIST)).data!.myNotifications
    expect(staffList.nodes[0]).toMatchObject({ kind: 'alliance.answered', params: { answer: 'accepted' } })
    // Staff of another community hear nothing of it.
    const other = (await w.as('otherStaff')<ListData>(LIST)).data!.myNotifications
    expect(other.nodes.map((n) => n.kind)).not.toContain('alliance.answered')
  })

  it('a job for a community that fails its last try tells that community’s staff only', async () => {
    t.app.jobs.register(
      'test.always_fails',
      async () => {
        throw new Error('broken')
      },
      { maxAttempts: 1 },
    )
    await t.app.jobs.schedule('test.always_fails', {}, { communityId: w.community.id })
    await t.app.jobs.runDue()
    const staff = (await w.as('staff')<ListData>(LIST)).data!.myNotifications
    expect(staff.nodes[0]).toMatchObject({ kind: 'job.failed', params: { jobKind: 'test.always_fails' } })
    const far = (await w.as('farStaff')<ListData>(LIST)).data!.myNotifications
    expect(far.nodes.map((n) => n.kind)).not.toContain('job.failed')
  })
})

describe('the SMS copy', () => {
  async function smsJobs() {
    return t.database.db.select().from(schema.jobs).where(eq(schema.jobs.kind, NOTIFICATION_SMS_JOB))
  }
  beforeEach(async () => {
    await t.app.jobs.runDue() // nothing left over from earlier tests
  })

  it('goes to a resident staff marked as having no smartphone, and to one who asked, not to others', async () => {
    const elder = await person()
    const asked = await person()
    const plain = await person()
    await addResidence(t.database.db, w.community.id, elder.id)
    expect((await w.as('staff')(NO_PHONE, { u: elder.id, h: false })).data).toEqual({ staffSetHasSmartphone: true })
    expect((await t.gql(PREFS, { s: true }, { token: await tokenOf(asked) })).data).toEqual({
      setMyNotificationPreferences: { hasSmartphone: true, bySms: true },
    })
    const before = t.sms.count()
    for (const p of [elder, asked, plain]) await grantGridWorker(p)
    expect((await listOf(elder)).nodes[0]!.smsStatus).toBe('pending')
    expect(await t.app.jobs.runDue()).toMatchObject({ succeeded: 2, failed: 0 })
    expect(t.sms.count()).toBe(before + 2)
    expect(t.sms.last(elder.phone)?.text).toBe(`【邻里】您已被授予${w.grid.name}的网格员角色。`)
    expect(t.sms.count(asked.phone)).toBe(1)
    expect(t.sms.count(plain.phone)).toBe(0)
    expect((await listOf(elder)).nodes[0]).toMatchObject({ smsStatus: 'sent' })
    expect((await listOf(plain)).nodes[0]).toMatchObject({ smsStatus: 'none' })
    // The job ran once; running again sends nothing more.
    await t.app.jobs.runDue()
    expect(t.sms.count()).toBe(before + 2)
  })

  it('is retried with backoff when the gateway fails, and nobody gets it twice', async () => {
    const a = await person()
    const b = await person()
    for (const p of [a, b]) await t.gql(PREFS, { s: true }, { token: await tokenOf(p) })
    const real = t.app.sms
    let failuresLeft = 1
    // The carrier refuses b's message once (the gateway is the outside world; the log adapter stays underneath).
    t.app.sms = {
      send: async (to, text) => {
        if (to === b.phone && failuresLeft-- > 0) throw new Error('carrier timeout')
        return real.send(to, text)
      },
    }
    try {
      await t.database.db.transaction((tx) =>
        t.app.notifications.bus.publish(tx, {
          kind: 'unit.joined',
          communityId: w.community.id,
          params: { unitName: '测试医院' },
          to: { people: [a.id, b.id] },
        }),
      )
      expect(await t.app.jobs.runDue()).toMatchObject({ retried: 1 })
      expect([t.sms.count(a.phone), t.sms.count(b.phone)]).toEqual([1, 0])
      t.clock.advanceSeconds(59)
      expect(await t.app.jobs.runDue()).toMatchObject({ claimed: 0 })
      t.clock.advanceSeconds(1)
      expect(await t.app.jobs.runDue()).toMatchObject({ succeeded: 1 })
      expect([t.sms.count(a.phone), t.sms.count(b.phone)]).toEqual([1, 1])
      expect(t.sms.last(b.phone)?.text).toBe('【邻里】您已加入测试医院。')
    } finally {
      t.app.sms = real
    }
  })

  it('is marked failed after the last try, and the job shows as failed to the community’s staff', async () => {
    const a = await person()
    await t.gql(PREFS, { s: true }, { token: await tokenOf(a) })
    const real = t.app.sms
    const start = t.clock.now()
    t.app.sms = { send: () => Promise.reject(new Error('carrier down')) }
    try {
      await t.database.db.transaction((tx) =>
        t.app.notifications.bus.publish(tx, {
          kind: 'unit.joined',
          communityId: w.community.id,
          params: { unitName: '测试医院' },
          to: { people: [a.id] },
        }),
      )
      for (let i = 0; i < 5; i++) {
        await t.app.jobs.runDue()
        t.clock.advanceSeconds(3600)
      }
      t.clock.set(start) // back, so the world's sign-ins stay valid
      expect((await listOf(a)).nodes[0]).toMatchObject({ smsStatus: 'failed' })
      const jobs = await smsJobs()
      expect(jobs.filter((j) => j.status === 'failed')).toEqual([
        expect.objectContaining({ attempts: 5, lastError: 'Error: carrier down' }),
      ])
      const failed = await w.as('staff')<{ failedJobs: { kind: string }[] }>(
        `query($c: ID!) { failedJobs(communityId: $c) { kind } }`,
        { c: w.community.id },
      )
      expect(failed.data!.failedJobs.map((j) => j.kind)).toContain(NOTIFICATION_SMS_JOB)
    } finally {
      t.app.sms = real
      t.clock.set(start)
    }
  })

  it('is switched by staff only for residents of their own community', async () => {
    const elder = await person()
    await addResidence(t.database.db, w.community.id, elder.id)
    for (const actor of ['otherStaff', 'farStaff', 'resident', 'gridWorker', 'unitAdmin', 'anonymous'] as const) {
      const res = await w.as(actor)(NO_PHONE, { u: elder.id, h: false })
      expect(res.code, actor).toBe(actor === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND')
    }
    const [row] = await t.database.db.select().from(schema.users).where(eq(schema.users.id, elder.id))
    expect(row!.hasSmartphone).toBe(true)
    await w.as('staff')(NO_PHONE, { u: elder.id, h: false })
    const audit = await t.database.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.action, 'account.set_has_smartphone'))
    expect(audit.at(-1)).toMatchObject({ targetId: elder.id, after: { hasSmartphone: false } })
  })
})
