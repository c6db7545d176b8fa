import { DEMO_PASSWORD, seedDemo } from '@linli/server/demo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn } from '../../support/accounts.ts'
import { buildTestApp, type TestApp } from '../../support/app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
  await seedDemo(t.database.db, t.clock, undefined, t.app.sealer)
})
afterAll(() => t.close())

const as = (phone: string) => signIn(t, { phone, password: DEMO_PASSWORD })

describe('demo accounts data', () => {
  it('gives the volunteer a verified real name and a residence in 阳光社区 第一网格', async () => {
    const token = await as('13900000002')
    const res = await t.gql(
      `{ me { user { idNumberMasked realNameVerified } } myResidence { communityName gridName address } }`,
      {},
      { token },
    )
    expect(res.errors).toBeUndefined()
    expect(res.data).toEqual({
      me: { user: { idNumberMasked: '350102********0319', realNameVerified: true } },
      myResidence: { communityName: '阳光社区', gridName: '第一网格（阳光花园）', address: '阳光花园5栋101室' },
    })
  })

  it('lets 阳光社区 staff see the demo resident’s contact details, and not 和平社区 staff', async () => {
    const resident = await t.gql<{ me: { user: { id: string } } }>(
      `{ me { user { id } } }`,
      {},
      { token: await as('13900000001') },
    )
    const userId = resident.data!.me.user.id
    const staff = await t.gql<{ me: { roles: { role: string; scopeId: string }[] } }>(
      `{ me { roles { role scopeId } } }`,
      {},
      { token: await as('13900000005') },
    )
    const communityId = staff.data!.me.roles.find((r) => r.role === 'community_staff')!.scopeId
    const query = `query ($u: ID!, $c: ID!) { residentContact(userId: $u, communityId: $c) { phone address } }`
    const seen = await t.gql(query, { u: userId, c: communityId }, { token: await as('13900000005') })
    expect(seen.data).toEqual({ residentContact: { phone: '13900000001', address: '阳光花园1栋302室' } })
    const other = await t.gql(query, { u: userId, c: communityId }, { token: await as('13900000008') })
    expect(other.code).toBe('NOT_FOUND')
  })
})
