/**
 * The world the activities tests act in: the projects world (units A, B, C in the alliance) with
 * a published joint project unit A claimed (active), volunteers signed in, and helpers to make
 * activities and sign up through GraphQL.
 */
import type { TestApp } from '../../support/app.ts'
import { signIn } from '../../support/accounts.ts'
import { createUser, type CreatedUser } from '../../support/factories.ts'
import { buildProjectsWorld } from '../projects/world.ts'

export const ACTIVITY_FIELDS = `id communityId projectId projectTitle title place startsAt endsAt slots confirmed waitlisted
  requiredSkills leaderId leaderName signUpDeadline restrictedToUnitIds seriesId state cancelReason unitId
  mySignUp { id state position }`
export const SIGN_UP_FIELDS = `id communityId activityId state position promotedAt cancelledAt activity { id confirmed waitlisted slots }`

export const CREATE_ACTIVITY = `mutation($c: ID!, $i: ActivityInput!) { createActivity(communityId: $c, input: $i) { ${ACTIVITY_FIELDS} } }`
export const RESCHEDULE = `mutation($c: ID!, $id: ID!, $i: RescheduleInput!) { rescheduleActivity(communityId: $c, id: $id, input: $i) { ${ACTIVITY_FIELDS} } }`
export const SET_SLOTS = `mutation($c: ID!, $id: ID!, $n: Int!) { setActivitySlots(communityId: $c, id: $id, slots: $n) { ${ACTIVITY_FIELDS} } }`
export const CANCEL_ACTIVITY = `mutation($c: ID!, $id: ID!, $r: String!) { cancelActivity(communityId: $c, id: $id, reason: $r) { ${ACTIVITY_FIELDS} } }`
export const SIGN_UP = `mutation($c: ID!, $a: ID!, $k: String) { signUp(communityId: $c, activityId: $a, idempotencyKey: $k) { ${SIGN_UP_FIELDS} } }`
export const CANCEL_SIGN_UP = `mutation($c: ID!, $id: ID!, $k: String) { cancelSignUp(communityId: $c, id: $id, idempotencyKey: $k) { ${SIGN_UP_FIELDS} } }`
export const ACTIVITY = `query($c: ID!, $id: ID!) { activity(communityId: $c, id: $id) { ${ACTIVITY_FIELDS} } }`
export const ROSTER = `query($c: ID!, $a: ID!) { activitySignUps(communityId: $c, activityId: $a) { id state position volunteer { id realName phone } } }`
export const NOTICES = `{ myNotifications(first: 20) { nodes { kind params } } }`

export interface ActivityData {
  id: string
  communityId: string
  projectId: string
  title: string
  place: string
  startsAt: string
  endsAt: string
  slots: number
  confirmed: number
  waitlisted: number
  leaderId: string | null
  leaderName: string | null
  signUpDeadline: string
  restrictedToUnitIds: string[] | null
  seriesId: string | null
  state: string
  cancelReason: string | null
  unitId: string | null
  mySignUp: { id: string; state: string; position: number | null } | null
}
export interface SignUpData {
  id: string
  state: string
  position: number | null
  activity: { id: string; confirmed: number; waitlisted: number; slots: number }
}

export interface Volunteer extends CreatedUser {
  token: string
}

export async function buildActivitiesWorld(t: TestApp) {
  const w = await buildProjectsWorld(t)
  const project = await w.publishedProject({ capacity: 2, title: '助老送餐' })
  const claimed = await w.claim('A', project.id)
  if (!claimed.data) throw new Error(`claim: ${claimed.code}`)
  const routine = await w.publishedProject({ capacity: 2, title: '每周助浴', cadence: 'routine' })
  await w.claim('A', routine.id)

  const volunteers: Volunteer[] = []
  /** The i-th volunteer (made and signed in on first use). */
  async function volunteer(i: number): Promise<Volunteer> {
    while (volunteers.length <= i) {
      const user = await createUser(t.database.db, { roles: [{ role: 'resident' }, { role: 'volunteer' }] })
      volunteers.push({ ...user, token: await signIn(t, user) })
    }
    return volunteers[i]!
  }

  const activityInput = (overrides: Record<string, unknown> = {}) => ({
    projectId: project.id,
    title: '周末助老送餐',
    place: '阳光花园3号楼下',
    startsAt: '2026-11-10T01:00:00.000Z',
    endsAt: '2026-11-10T04:00:00.000Z',
    slots: 3,
    ...overrides,
  })

  async function activity(overrides: Record<string, unknown> = {}, actor: 'staff' = 'staff') {
    const res = await w.as(actor)<{ createActivity: ActivityData }>(CREATE_ACTIVITY, {
      c: w.community.id,
      i: activityInput(overrides),
    })
    if (!res.data) throw new Error(`createActivity: ${res.code} ${JSON.stringify(res.errors)}`)
    return res.data.createActivity
  }

  const gqlAs = <T = Record<string, unknown>>(v: { token: string }, query: string, vars?: Record<string, unknown>) =>
    t.gql<T>(query, vars, { token: v.token })

  const signUp = (v: { token: string }, activityId: string, k?: string) =>
    gqlAs<{ signUp: SignUpData }>(v, SIGN_UP, { c: w.community.id, a: activityId, k })
  const cancelSignUp = (v: { token: string }, id: string, k?: string) =>
    gqlAs<{ cancelSignUp: SignUpData }>(v, CANCEL_SIGN_UP, { c: w.community.id, id, k })
  const view = async (v: { token: string }, id: string) =>
    (await gqlAs<{ activity: ActivityData }>(v, ACTIVITY, { c: w.community.id, id })).data!.activity
  const kinds = async (v: { token: string }) =>
    (await gqlAs<{ myNotifications: { nodes: { kind: string; params: Record<string, unknown> }[] } }>(v, NOTICES)).data!
      .myNotifications.nodes

  return { ...w, project, routine, volunteer, activityInput, activity, signUp, cancelSignUp, view, kinds, gqlAs }
}

export type ActivitiesWorld = Awaited<ReturnType<typeof buildActivitiesWorld>>
