import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../support/app.ts'
import { buildWorld, type World } from '../../support/world.ts'

let t: TestApp
let w: World
beforeAll(async () => {
  t = await buildTestApp()
  w = await buildWorld(t)
})
afterAll(() => t.close())

type Page = {
  auditEvents: {
    items: {
      action: string
      actor: { realName: string; phoneMasked: string } | null
      before: unknown
      after: unknown
    }[]
    nextCursor: string | null
  }
}
const AUDIT = `query($s: AuditScope!, $id: ID!, $first: Int, $after: String) {
  auditEvents(scope: $s, scopeId: $id, first: $first, after: $after) {
    items { action at actor { realName phoneMasked } before after }
    nextCursor
  }
}`

describe('auditEvents', () => {
  it('records who changed what, with before and after, visible up the chain and not sideways', async () => {
    t.clock.advanceMinutes(1)
    await w.as('streetAdmin')(`mutation($c: ID!) { createGrid(communityId: $c, name: "审计网格") { id } }`, {
      c: w.community.id,
    })
    t.clock.advanceMinutes(1)
    await w.as('staff')(
      `mutation($c: ID!) { setCommunitySetting(communityId: $c, key: "claimApprovalRequired", value: true) { value } }`,
      { c: w.community.id },
    )
    const staffView = await w.as('staff')<Page>(AUDIT, { s: 'community', id: w.community.id })
    const [latest, earlier] = staffView.data!.auditEvents.items
    expect(latest).toMatchObject({
      action: 'setting.set',
      actor: { realName: w.people.staff.realName },
      before: { key: 'claimApprovalRequired' },
      after: { key: 'claimApprovalRequired', value: true },
    })
    expect(earlier).toMatchObject({ action: 'grid.create', after: { name: '审计网格' } })
    expect(latest!.actor!.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/)

    for (const [actor, scope, id] of [
      ['streetAdmin', 'street', w.street.id],
      ['districtAdmin', 'district', w.district.id],
    ] as const) {
      const actions = (await w.as(actor)<Page>(AUDIT, { s: scope, id })).data!.auditEvents.items.map((e) => e.action)
      expect(actions.slice(0, 2)).toEqual(['setting.set', 'grid.create'])
    }
    expect((await w.as('otherStaff')(AUDIT, { s: 'community', id: w.community.id })).code).toBe('NOT_FOUND')
    expect((await w.as('otherStreetAdmin')(AUDIT, { s: 'street', id: w.street.id })).code).toBe('NOT_FOUND')
    expect((await w.as('unitAdmin')(AUDIT, { s: 'community', id: w.community.id })).code).toBe('NOT_FOUND')
  })

  it('names the person a grant was about, at read time', async () => {
    const spare = w.spare[4]!
    await w.as('staff')(`mutation($i: GrantRoleInput!) { grantRole(input: $i) { id } }`, {
      i: { phone: spare.phone, role: 'grid_worker', scopeId: w.grid.id },
    })
    const res = await w.as('staff')<{
      auditEvents: { items: { action: string; subject: { realName: string } | null }[] }
    }>(
      `query($id: ID!) { auditEvents(scope: community, scopeId: $id, first: 1) { items { action subject { realName } } } }`,
      { id: w.community.id },
    )
    expect(res.data!.auditEvents.items[0]).toEqual({ action: 'role.grant', subject: { realName: spare.realName } })
  })

  it('pages newest first with a cursor, without gaps or repeats', async () => {
    for (let i = 0; i < 5; i++) {
      t.clock.advanceSeconds(1)
      await w.as('staff')(
        `mutation($c: ID!, $v: JSON!) { setCommunitySetting(communityId: $c, key: "waitingTooLongDays", value: $v) { value } }`,
        { c: w.community.id, v: i + 1 },
      )
    }
    const all = (await w.as('staff')<Page>(AUDIT, { s: 'community', id: w.community.id, first: 200 })).data!.auditEvents
    const seen: unknown[] = []
    let after: string | null = null
    do {
      const page: Page['auditEvents'] = (
        await w.as('staff')<Page>(AUDIT, { s: 'community', id: w.community.id, first: 2, after })
      ).data!.auditEvents
      seen.push(...page.items)
      after = page.nextCursor
    } while (after)
    expect(seen).toEqual(all.items)
    expect((await w.as('staff')(AUDIT, { s: 'community', id: w.community.id, after: 'garbage' })).code).toBe(
      'BAD_USER_INPUT',
    )
  })
})
