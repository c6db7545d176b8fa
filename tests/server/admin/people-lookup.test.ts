/**
 * Finding people to serve: the community directory residents choose from, the phone lookup
 * administrators confirm a person with (name masked), and staff registering a resident's
 * residence at the service hall — tried by every actor.
 */
import { maskName } from '@linli/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { ACTORS, adminFingerprint, buildWorld, type World } from '../../support/world.ts'

let t: TestApp
let w: World
beforeAll(async () => {
  t = await buildTestApp()
  w = await buildWorld(t)
})
afterAll(() => t.close())

describe('communityDirectory', () => {
  it('lets anyone signed in find a community by its or its street’s name, with grids', async () => {
    type Dir = { communityDirectory: { id: string; name: string; streetName: string; grids: { id: string }[] }[] }
    const res = await w.as('resident')<Dir>(
      `query($s: String) { communityDirectory(search: $s) { id name streetName grids { id } } }`,
      {
        s: w.community.name,
      },
    )
    expect(res.data!.communityDirectory).toEqual([
      { id: w.community.id, name: w.community.name, streetName: w.street.name, grids: [{ id: w.grid.id }] },
    ])
    const byStreet = await w.as('volunteer')<Dir>(`query($s: String) { communityDirectory(search: $s) { id } }`, {
      s: w.street.name,
    })
    expect(byStreet.data!.communityDirectory.map((c) => c.id)).toEqual(
      expect.arrayContaining([w.community.id, w.neighbourCommunity.id]),
    )
    expect((await w.as('anonymous')(`{ communityDirectory { id } }`)).code).toBe('UNAUTHENTICATED')
    const wild = await w.as('resident')<Dir>(`query { communityDirectory(search: "%") { id } }`)
    expect(wild.data!.communityDirectory).toEqual([])
  })
})

describe('findPersonByPhone', () => {
  it('confirms who a phone belongs to with the name masked, for administrators only', async () => {
    const target = w.people.resident
    const res = await w.as('staff')<{ findPersonByPhone: { id: string; realName: string; phoneMasked: string } }>(
      `query($p: String!) { findPersonByPhone(phone: $p) { id realName phoneMasked } }`,
      { p: target.phone },
    )
    expect(res.data!.findPersonByPhone).toEqual({
      id: target.id,
      realName: maskName(target.realName),
      phoneMasked: `${target.phone.slice(0, 3)}****${target.phone.slice(-4)}`,
    })
    expect(res.data!.findPersonByPhone.realName).not.toBe(target.realName)
    for (const actor of ['resident', 'volunteer', 'gridWorker'] as const) {
      const denied = await w.as(actor)(`query($p: String!) { findPersonByPhone(phone: $p) { id } }`, {
        p: target.phone,
      })
      expect(denied.code).toBe('FORBIDDEN')
    }
  })
})

describe('staffSetResidence', () => {
  const SET = `mutation($u: ID!, $c: ID!, $g: ID, $a: String) { staffSetResidence(userId: $u, communityId: $c, gridId: $g, address: $a) }`

  it('only the community’s staff register a resident there; everyone else changes nothing', async () => {
    const person = w.spare[3]!
    const vars = { u: person.id, c: w.community.id, g: w.grid.id, a: '阳光花园3栋2单元501' }
    for (const actor of ACTORS.filter((a) => a !== 'staff')) {
      const before = await adminFingerprint(t)
      const res = await w.as(actor)(SET, vars)
      expect(actor === 'anonymous' ? ['UNAUTHENTICATED'] : ['NOT_FOUND', 'FORBIDDEN'], actor).toContain(res.code)
      expect(await adminFingerprint(t), actor).toBe(before)
    }
    const ok = await w.as('staff')(SET, vars)
    expect(ok.errors).toBeUndefined()
    // Now the person lives there: the staff member can reset their password in person.
    const reset = await w.as('staff')(
      `mutation($u: ID!) { staffResetPassword(userId: $u, newPassword: "Counter123") }`,
      {
        u: person.id,
      },
    )
    expect(reset.errors).toBeUndefined()
    const audit = await w.as('staff')<{ auditEvents: { items: { action: string; after: unknown }[] } }>(
      `query($c: ID!) { auditEvents(scope: community, scopeId: $c, first: 5) { items { action after } } }`,
      { c: w.community.id },
    )
    const set = audit.data!.auditEvents.items.find((e) => e.action === 'residence.staff_set')!
    expect(JSON.stringify(set.after)).not.toContain('阳光花园')
  })

  it('refuses a grid of another community and an unknown person', async () => {
    const person = w.spare[3]!
    const wrongGrid = await w.as('staff')(SET, { u: person.id, c: w.community.id, g: w.neighbourGrid.id })
    expect(wrongGrid.code).toBe('NOT_FOUND')
    const nobody = await w.as('staff')(SET, { u: '01234567-89ab-7def-8123-456789abcdef', c: w.community.id })
    expect(nobody.code).toBe('NOT_FOUND')
  })
})

describe('grantRole unit_admin', () => {
  it('puts the appointed admin on the unit’s roster', async () => {
    const person = w.spare[2]!
    const res = await w.as('staff')(`mutation($i: GrantRoleInput!) { grantRole(input: $i) { id } }`, {
      i: { phone: person.phone, role: 'unit_admin', scopeId: w.unit.id },
    })
    expect(res.errors).toBeUndefined()
    const roster = await w.as('unitAdmin')<{ unitRoster: { members: { user: { id: string }; status: string }[] } }>(
      `query($u: ID!) { unitRoster(unitId: $u) { members { user { id } status } } }`,
      { u: w.unit.id },
    )
    expect(roster.data!.unitRoster.members).toContainEqual({ user: { id: person.id }, status: 'active' })
  })
})
