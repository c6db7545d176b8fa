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

const PLACES = `{ administeredPlaces { id kind name parentId } }`
type Places = { administeredPlaces: { id: string; kind: string; name: string; parentId: string | null }[] }

describe('administeredPlaces', () => {
  it('gives a district admin the whole district, parents first', async () => {
    const res = await w.as('districtAdmin')<Places>(PLACES)
    const list = res.data!.administeredPlaces
    expect(list[0]).toMatchObject({ kind: 'district', id: w.district.id, parentId: null })
    const ids = list.map((p) => p.id)
    for (const id of [
      w.street.id,
      w.otherStreet.id,
      w.community.id,
      w.neighbourCommunity.id,
      w.farCommunity.id,
      w.grid.id,
    ]) {
      expect(ids).toContain(id)
    }
    const kinds = list.map((p) => p.kind)
    expect(kinds).toEqual([...kinds].sort((a, b) => order(a) - order(b)))
  })

  it('shows a street admin their street only: another street’s communities do not exist for them', async () => {
    const list = (await w.as('streetAdmin')<Places>(PLACES)).data!.administeredPlaces
    const ids = list.map((p) => p.id)
    expect(ids).toContain(w.community.id)
    expect(ids).toContain(w.neighbourCommunity.id)
    expect(ids).not.toContain(w.farCommunity.id)
    expect(ids).not.toContain(w.district.id)
    const far = await w.as('streetAdmin')(`query($id: ID!) { place(kind: community, id: $id) { id } }`, {
      id: w.farCommunity.id,
    })
    expect(far.code).toBe('NOT_FOUND')
    const missing = await w.as('streetAdmin')(`query($id: ID!) { place(kind: community, id: $id) { id } }`, {
      id: '01234567-89ab-7def-8123-456789abcdef',
    })
    expect(missing.code).toBe('NOT_FOUND')
    expect(missing.errors![0]!.message).toBe(far.errors![0]!.message)
  })

  it('gives community staff their community and its grids, a grid worker the grid', async () => {
    const staff = (await w.as('staff')<Places>(PLACES)).data!.administeredPlaces
    expect(staff.map((p) => p.kind)).toEqual(['community', 'grid'])
    const grid = (await w.as('gridWorker')<Places>(PLACES)).data!.administeredPlaces
    expect(grid).toEqual([{ id: w.grid.id, kind: 'grid', name: w.grid.name, parentId: w.community.id }])
    expect((await w.as('resident')<Places>(PLACES)).data!.administeredPlaces).toEqual([])
  })

  it('answers place() with the chain from the district down', async () => {
    const res = await w.as('staff')<{ place: { kind: string; id: string }[] }>(
      `query($id: ID!) { place(kind: grid, id: $id) { kind id } }`,
      { id: w.grid.id },
    )
    expect(res.data!.place.map((p) => p.kind)).toEqual(['district', 'street', 'community', 'grid'])
  })
})

describe('createCommunity and createGrid', () => {
  it('adds a community and a grid the creator then administers, and refuses a blank name', async () => {
    const c = await w.as('streetAdmin')<{ createCommunity: { id: string; parentId: string } }>(
      `mutation($s: ID!) { createCommunity(streetId: $s, name: " 新桥社区 ") { id name parentId } }`,
      { s: w.street.id },
    )
    expect(c.data!.createCommunity).toMatchObject({ name: '新桥社区', parentId: w.street.id })
    const g = await w.as('streetAdmin')(`mutation($c: ID!) { createGrid(communityId: $c, name: "一网格") { id } }`, {
      c: c.data!.createCommunity.id,
    })
    expect(g.errors).toBeUndefined()
    const ids = (await w.as('streetAdmin')<Places>(PLACES)).data!.administeredPlaces.map((p) => p.id)
    expect(ids).toContain(c.data!.createCommunity.id)
    const blank = await w.as('streetAdmin')(`mutation($s: ID!) { createCommunity(streetId: $s, name: "  ") { id } }`, {
      s: w.street.id,
    })
    expect(blank.code).toBe('BAD_USER_INPUT')
    expect(blank.errors![0]!.extensions!.fields).toEqual({ _: 'NAME_REQUIRED' })
  })
})

function order(kind: string) {
  return ['district', 'street', 'community', 'grid'].indexOf(kind)
}
