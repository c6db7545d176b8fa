/**
 * The 志愿服务队 of one owner (a unit or a community), for the page that manages them. Not a
 * store: the unit's and the community's team pages each keep their own list.
 */
import { ref } from 'vue'
import { useApi } from '../../graphql/client.ts'
import {
  ActiveMembersQuery,
  AddTeamMemberMutation,
  ArchiveTeamMutation,
  CreateTeamMutation,
  RemoveTeamMemberMutation,
  RenameTeamMutation,
  SetTeamLeaderMutation,
  TeamsQuery,
  type Person,
  type Team,
  type TeamOwner,
} from './operations.ts'

/** The roster's largest page. */
const ROSTER_MAX_PAGE = 200

export function useTeams(owner: () => TeamOwner | null) {
  const teams = ref<Team[]>([])
  const includeArchived = ref(false)
  const loading = ref(false)
  /** The failure of the last load, if it failed. */
  const error = ref<unknown>(null)

  /** Throws nothing: `error` holds a failure. */
  async function load(): Promise<void> {
    const o = owner()
    if (!o) return
    loading.value = true
    try {
      teams.value = (await useApi().query(TeamsQuery, { owner: o, includeArchived: includeArchived.value })).teams
      error.value = null
    } catch (err) {
      error.value = err
    } finally {
      loading.value = false
    }
  }

  function replace(team: Team): Team {
    teams.value = teams.value.map((t) => (t.id === team.id ? team : t))
    return team
  }

  /** Throws `ApiError` (ALREADY_EXISTS: a live team of that name; NOT_A_MEMBER: the leader may not serve in it). */
  async function create(name: string, leaderId: string | null): Promise<Team> {
    const o = owner()
    if (!o) throw new Error('no team owner')
    const { createTeam } = await useApi().mutate(CreateTeamMutation, { owner: o, name, leaderId })
    await load()
    return createTeam
  }

  /** Throws `ApiError`. */
  async function rename(team: Team, name: string): Promise<Team> {
    return replace((await useApi().mutate(RenameTeamMutation, { teamId: team.id, name })).renameTeam)
  }

  /** Throws `ApiError` (NOT_A_MEMBER: not in the team). */
  async function setLeader(team: Team, userId: string): Promise<Team> {
    return replace((await useApi().mutate(SetTeamLeaderMutation, { teamId: team.id, userId })).setTeamLeader)
  }

  /** Throws `ApiError` (NOT_A_MEMBER: not of the unit or community; ALREADY_EXISTS). */
  async function addMember(team: Team, userId: string): Promise<Team> {
    return replace((await useApi().mutate(AddTeamMemberMutation, { teamId: team.id, userId })).addTeamMember)
  }

  /** Throws `ApiError`. */
  async function removeMember(team: Team, userId: string): Promise<Team> {
    return replace((await useApi().mutate(RemoveTeamMemberMutation, { teamId: team.id, userId })).removeTeamMember)
  }

  /** Throws `ApiError`. */
  async function archive(team: Team): Promise<void> {
    await useApi().mutate(ArchiveTeamMutation, { teamId: team.id })
    await load()
  }

  return { teams, includeArchived, loading, error, load, create, rename, setLeader, addMember, removeMember, archive }
}

/** Every active member of a unit (the people its teams may take), page by page. Throws `ApiError`. */
export async function loadActiveMembers(unitId: string): Promise<Person[]> {
  const people: Person[] = []
  for (let offset = 0; ; offset += ROSTER_MAX_PAGE) {
    const { unitRoster } = await useApi().query(ActiveMembersQuery, { unitId, first: ROSTER_MAX_PAGE, offset })
    people.push(...unitRoster.members.map((m) => m.user))
    if (unitRoster.members.length < ROSTER_MAX_PAGE || people.length >= unitRoster.total) return people
  }
}
