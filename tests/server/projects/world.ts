/**
 * The world the projects tests act in: buildWorld's community (staff, grid, unit in its alliance)
 * plus three more units A, B, C active in the alliance, each with a signed-in admin, and helpers
 * to make accepted needs and drafts without going through the needs pages.
 */
import { schema } from '@linli/server/db'
import { searchVector } from '@linli/server/search'
import type { TestApp } from '../../support/app.ts'
import { addToAlliance, createUnit, createUser, type CreatedUser } from '../../support/factories.ts'
import { signIn } from '../../support/accounts.ts'
import { buildWorld } from '../../support/world.ts'

export const PROJECT_FIELDS = `id communityId title state mode capacity taken category
  claims { id state lead volunteers unit { id name } }
  needs { id title state }
  suggestedResources { id title }`
export const CLAIM_FIELDS = `id communityId projectId state lead volunteers reason unit { id name } project { id state taken capacity }`

export const CREATE = `mutation($c: ID!, $i: ProjectInput!) { createProject(communityId: $c, input: $i) { ${PROJECT_FIELDS} } }`
export const PUBLISH = `mutation($c: ID!, $id: ID!) { publishProject(communityId: $c, id: $id) { ${PROJECT_FIELDS} } }`
export const START = `mutation($c: ID!, $id: ID!) { startProject(communityId: $c, id: $id) { ${PROJECT_FIELDS} } }`
export const CANCEL = `mutation($c: ID!, $id: ID!, $r: String!) { cancelProject(communityId: $c, id: $id, reason: $r) { ${PROJECT_FIELDS} } }`
export const CLAIM = `mutation($i: ClaimInput!, $k: String) { claimProject(input: $i, idempotencyKey: $k) { ${CLAIM_FIELDS} } }`
export const WITHDRAW = `mutation($c: ID!, $id: ID!, $k: String) { withdrawClaim(communityId: $c, id: $id, idempotencyKey: $k) { ${CLAIM_FIELDS} } }`
export const PROJECT = `query($c: ID!, $id: ID!) { project(communityId: $c, id: $id) { ${PROJECT_FIELDS} } }`

export interface ProjectData {
  id: string
  communityId: string
  title: string
  state: string
  taken: number
  capacity: number
  claims: { id: string; state: string; lead: boolean; unit: { id: string; name: string } }[]
  needs: { id: string; title: string; state: string }[]
}
export interface ClaimData {
  id: string
  state: string
  lead: boolean
  unit: { id: string; name: string }
  project: { state: string; taken: number }
}

const at = new Date('2026-11-01T00:00:00Z')

export async function buildProjectsWorld(t: TestApp) {
  const w = await buildWorld(t)
  const db = t.database.db
  const admins: Record<'A' | 'B' | 'C', { unitId: string; unitName: string; admin: CreatedUser; token: string }> =
    {} as never
  for (const key of ['A', 'B', 'C'] as const) {
    const unit = await createUnit(db, { name: `单位${key}` })
    await addToAlliance(db, w.community.id, unit.id)
    const admin = await createUser(db, { roles: [{ role: 'unit_admin', scopeId: unit.id }] })
    admins[key] = { unitId: unit.id, unitName: unit.name, admin, token: await signIn(t, admin) }
  }
  const asUnit =
    (key: 'A' | 'B' | 'C') =>
    <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) =>
      t.gql<T>(query, variables, { token: admins[key].token })

  /** An accepted need of the community, for a resident, in no project. */
  async function acceptedNeed(title = '独居老人助餐', communityId = w.community.id, person = w.people.resident) {
    const [row] = await db
      .insert(schema.needs)
      .values({
        communityId,
        title,
        description: `${title}：需要志愿者帮助`,
        category: 'care',
        channel: 'online',
        forUserId: person.id,
        recordedBy: person.id,
        state: 'accepted',
        acceptedAt: at,
        search: searchVector(title),
        createdAt: at,
        updatedAt: at,
      })
      .returning()
    return row!
  }

  const projectInput = (overrides: Record<string, unknown> = {}) => ({
    title: '助老送餐',
    description: '为社区独居老人每日送餐',
    category: 'care',
    mode: 'joint',
    capacity: 2,
    volunteerDemand: 6,
    ...overrides,
  })

  /** A published project of the community (staff make and publish it). */
  async function publishedProject(overrides: Record<string, unknown> = {}, communityId = w.community.id) {
    const created = await w.as('staff')<{ createProject: ProjectData }>(CREATE, {
      c: communityId,
      i: projectInput(overrides),
    })
    if (!created.data) throw new Error(`createProject: ${created.code}`)
    const published = await w.as('staff')<{ publishProject: ProjectData }>(PUBLISH, {
      c: communityId,
      id: created.data.createProject.id,
    })
    if (!published.data) throw new Error(`publishProject: ${published.code}`)
    return published.data.publishProject
  }

  const claim = (key: 'A' | 'B' | 'C', projectId: string, extra: Record<string, unknown> = {}) =>
    asUnit(key)<{ claimProject: ClaimData }>(CLAIM, {
      i: { projectId, unitId: admins[key].unitId, volunteers: 3 },
      ...extra,
    })

  return { ...w, admins, asUnit, acceptedNeed, projectInput, publishedProject, claim, at }
}

export type ProjectsWorld = Awaited<ReturnType<typeof buildProjectsWorld>>
