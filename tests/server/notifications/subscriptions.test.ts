/**
 * Live notifications over GraphQL subscriptions (WebSocket, graphql-transport-ws), on PGlite
 * and on PostgreSQL: authenticated in connection_init, scoped to what the subscriber may see,
 * and delivered from whichever instance raised the event (LISTEN/NOTIFY).
 *
 * Nothing here waits for time. A subscriber that must not receive event A is sent A first and
 * then its own event B on the same subscription: events are delivered one after another in
 * commit order, so when B arrives A has been dealt with — it is the first message or it leaked.
 */
import { buildTestAppInstance, testConfig, type TestApp, buildTestApp } from '../../support/app.ts'
import { openDatabase, type Database } from '@linli/server/db'
import type { FastifyInstance } from '@linli/server/app'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { bearer, connectLive, type LiveConnection } from '../../support/live.ts'
import { buildWorld, type World } from '../../support/world.ts'
import { onPostgres } from '../../support/env.ts'
import { LOGIN, type LoginData } from '../../support/gql.ts'

const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`
const COMMUNITY_EVENTS = `subscription($c: ID!) { communityEvents(communityId: $c) { eventId kind communityId subjectType occurredAt } }`
const MY_NOTIFICATIONS = `subscription { notificationReceived { id kind communityId params read createdAt } }`

interface CommunityEventData {
  communityEvents: { kind: string; communityId: string; subjectType: string; occurredAt: string }
}
interface NotificationData {
  notificationReceived: { id: string; kind: string; params: Record<string, string>; read: boolean }
}

let t: TestApp
let w: World
let url: string
/** A second instance on the same database (its own pool on PostgreSQL). */
let second: { app: FastifyInstance; url: string; database?: Database }
const open: LiveConnection[] = []

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
}

async function tokenOf(user: { phone: string; password: string }) {
  const res = await t.gql<LoginData>(LOGIN, { phone: user.phone, password: user.password })
  return res.data!.login.accessToken
}

function connect(serverUrl: string, token?: string) {
  const c = connectLive(serverUrl, token ? bearer(token) : undefined)
  open.push(c)
  return c
}

/** Staff of a community grant a grid role there: an event in that community, told to `to`. */
const grantGridWorker = (actor: 'staff' | 'otherStaff', gridId: string, phone: string) =>
  w.as(actor)(GRANT, { input: { phone, role: 'grid_worker', scopeId: gridId } })

beforeAll(async () => {
  t = await buildTestApp()
  w = await buildWorld(t)
  url = await listen(t.app)
  const database = onPostgres ? await openDatabase({ databaseUrl: t.database.url }) : undefined
  const app = await buildTestAppInstance(testConfig(), t.clock, database ?? t.database)
  second = { app, url: await listen(app), database }
})
// Each test starts with no subscription open on either instance.
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()))
  await vi.waitFor(() => expect(t.app.notifications.local.size() + second.app.notifications.local.size()).toBe(0))
})
afterAll(async () => {
  await second?.app.close()
  await second?.database?.close()
  await t?.close()
})

describe('connecting', () => {
  it('refuses a connection without a token, and one with a bad token', async () => {
    for (const c of [connect(url), connect(url, 'not-a-token')]) {
      expect(await c.handshake).toMatchObject({ type: 'connection_error' })
      await c.closed
    }
  })

  it('refuses a token whose session has ended', async () => {
    const login = await t.gql<LoginData>(LOGIN, { phone: w.spare[5]!.phone, password: w.spare[5]!.password })
    const { accessToken, refreshToken } = login.data!.login
    await t.gql(`mutation($r: String) { logout(refreshToken: $r) }`, { r: refreshToken }, { token: accessToken })
    const c = connect(url, accessToken)
    expect(await c.handshake).toMatchObject({ type: 'connection_error' })
  })

  it('accepts a signed-in person', async () => {
    const c = connect(url, await tokenOf(w.people.resident))
    expect(await c.handshake).toMatchObject({ type: 'connection_ack' })
  })
})

describe('a community feed', () => {
  it('reaches its staff with their community’s event and not another community’s', async () => {
    const c = connect(url, await tokenOf(w.people.staff))
    const feed = c.subscribe<CommunityEventData>(COMMUNITY_EVENTS, { c: w.community.id })
    await t.app.notifications.local.opened(`community:${w.community.id}`)
    // First the neighbouring community's event, then our own: only ours may arrive.
    expect((await grantGridWorker('otherStaff', w.neighbourGrid.id, w.spare[0]!.phone)).errors).toBeUndefined()
    expect((await grantGridWorker('staff', w.grid.id, w.spare[1]!.phone)).errors).toBeUndefined()
    const first = await feed.next()
    expect(first).toMatchObject({
      type: 'next',
      result: {
        data: { communityEvents: { kind: 'role.granted', communityId: w.community.id, subjectType: 'role_grant' } },
      },
    })
    expect(first.type === 'next' && first.result.data!.communityEvents.occurredAt).toBe(t.clock.now().toISOString())
  })

  it('is refused, NOT_FOUND, for a community the subscriber does not administer', async () => {
    const c = connect(url, await tokenOf(w.people.staff))
    for (const community of [w.neighbourCommunity.id, w.farCommunity.id, 'not-a-uuid']) {
      const sub = c.subscribe(COMMUNITY_EVENTS, { c: community })
      const msg = await sub.next()
      expect(msg.type).toBe('error')
      expect(msg.type === 'error' && msg.errors![0]!.extensions?.code).toBe('NOT_FOUND')
    }
    // A resident or a unit admin watches no community feed.
    for (const actor of ['resident', 'unitAdmin'] as const) {
      const other = connect(url, await tokenOf(w.people[actor]))
      const msg = await other.subscribe(COMMUNITY_EVENTS, { c: w.community.id }).next()
      expect(msg.type === 'error' && msg.errors![0]!.extensions?.code).toBe('NOT_FOUND')
    }
  })

  it('reaches the street admin above the community', async () => {
    const c = connect(url, await tokenOf(w.people.streetAdmin))
    const feed = c.subscribe<CommunityEventData>(COMMUNITY_EVENTS, { c: w.community.id })
    await t.app.notifications.local.opened(`community:${w.community.id}`)
    await grantGridWorker('staff', w.grid.id, w.spare[2]!.phone)
    expect(await feed.next()).toMatchObject({ result: { data: { communityEvents: { communityId: w.community.id } } } })
  })
})

describe('one’s own notifications', () => {
  it('arrive live for their recipient only', async () => {
    const me = w.spare[3]!
    const c = connect(url, await tokenOf(me))
    const mine = c.subscribe<NotificationData>(MY_NOTIFICATIONS)
    await t.app.notifications.local.opened(`notifications:${me.id}`)
    // Someone else's first, then mine.
    await w.as('otherStaff')(GRANT, {
      input: { phone: w.spare[4]!.phone, role: 'grid_worker', scopeId: w.neighbourGrid.id },
    })
    await grantGridWorker('staff', w.grid.id, me.phone)
    const first = await mine.next()
    expect(first).toMatchObject({
      type: 'next',
      result: {
        data: { notificationReceived: { kind: 'role.granted', read: false, params: { role: 'grid_worker' } } },
      },
    })
    // The same notification is in the list, unread.
    const list = await t.gql<{ myNotifications: { nodes: { id: string }[]; unreadCount: number } }>(
      `{ myNotifications { nodes { id } unreadCount } }`,
      {},
      { token: await tokenOf(me) },
    )
    expect(first.type === 'next' && list.data!.myNotifications.nodes[0]!.id).toBe(
      first.type === 'next' && first.result.data!.notificationReceived.id,
    )
  })

  it('are not pushed once the session has ended', async () => {
    const me = w.spare[0]!
    const login = await t.gql<LoginData>(LOGIN, { phone: me.phone, password: me.password })
    const viewer = await t.app.authService.viewerFromToken(login.data!.login.accessToken)
    await grantGridWorker('staff', w.grid.id, me.phone)
    const [latest] = (await t.app.notifications.service.list(viewer, { first: 1 })).nodes
    expect(await t.app.notifications.service.forLiveDelivery(viewer, latest!.id)).not.toBeNull()
    await t.gql(
      `mutation($r: String) { logout(refreshToken: $r) }`,
      { r: login.data!.login.refreshToken },
      {
        token: login.data!.login.accessToken,
      },
    )
    expect(await t.app.notifications.service.forLiveDelivery(viewer, latest!.id)).toBeNull()
    expect(await t.app.notifications.service.sessionOpen(viewer)).toBe(false)
  })

  it('stop when the client stops the subscription (nothing left behind on the server)', async () => {
    const me = w.people.volunteer
    const c = connect(url, await tokenOf(me))
    const sub = c.subscribe(MY_NOTIFICATIONS)
    await t.app.notifications.local.opened(`notifications:${me.id}`)
    expect(t.app.notifications.local.people()).toContain(me.id)
    sub.stop()
    await vi.waitFor(() => expect(t.app.notifications.local.people()).not.toContain(me.id))
    const c2 = connect(url, await tokenOf(me))
    c2.subscribe(MY_NOTIFICATIONS)
    await t.app.notifications.local.opened(`notifications:${me.id}`)
    await c2.close()
    await vi.waitFor(() => expect(t.app.notifications.local.people()).not.toContain(me.id))
  })
})

describe('across two instances on one database', () => {
  it('an event raised on one reaches a subscriber on the other, in its community only', async () => {
    const c = connect(second.url, await tokenOf(w.people.staff))
    const feed = c.subscribe<CommunityEventData>(COMMUNITY_EVENTS, { c: w.community.id })
    await second.app.notifications.local.opened(`community:${w.community.id}`)
    await grantGridWorker('otherStaff', w.neighbourGrid.id, w.spare[3]!.phone)
    await grantGridWorker('staff', w.grid.id, w.spare[4]!.phone)
    expect(await feed.next()).toMatchObject({
      type: 'next',
      result: { data: { communityEvents: { kind: 'role.granted', communityId: w.community.id } } },
    })
  })

  it('a person’s notification raised on one instance is pushed by the other', async () => {
    const me = w.spare[5]!
    const c = connect(second.url, await tokenOf(me))
    const mine = c.subscribe<NotificationData>(MY_NOTIFICATIONS)
    await second.app.notifications.local.opened(`notifications:${me.id}`)
    await w.as('otherStaff')(GRANT, {
      input: { phone: w.spare[1]!.phone, role: 'grid_worker', scopeId: w.neighbourGrid.id },
    })
    await grantGridWorker('staff', w.grid.id, me.phone)
    expect(await mine.next()).toMatchObject({
      type: 'next',
      result: { data: { notificationReceived: { kind: 'role.granted', params: { placeName: w.grid.name } } } },
    })
    // The instance that raised it had no subscriber for this person: nothing is kept there.
    expect(t.app.notifications.local.people()).not.toContain(me.id)
  })
})

describe('the same rules as over HTTP', () => {
  it('refuses an invalid or too deep subscription document with its code', async () => {
    const c = connect(url, await tokenOf(w.people.staff))
    const bad = await c.subscribe(`subscription { notificationReceived { nope } }`).next()
    expect(bad.type === 'error' && bad.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED')
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: id`).join(' ')
    const many = await c.subscribe(`subscription { notificationReceived { ${aliases} } }`).next()
    expect(many.type === 'error' && many.errors![0]!.extensions?.code).toBe('TOO_MANY_ALIASES')
  })
})
