/**
 * The unit its admin acts for (the active `unit_admin` grant): its roster, a tab and a page at a
 * time with every tab's count, and the alliances that invited it or hold it.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApi } from '../../graphql/client.ts'
import { useAuthStore } from '../auth/store.ts'
import {
  AcceptAllianceMutation,
  ApproveMemberMutation,
  DeclineAllianceMutation,
  DeclineMemberMutation,
  InviteMemberMutation,
  RemoveMemberMutation,
  RosterQuery,
  SetPartyMemberMutation,
  UnitAlliancesQuery,
  type AllianceUnit,
  type RosterTab,
  type Unit,
  type UnitMember,
} from './operations.ts'

export const ROSTER_PAGE_SIZE = 50

export const useUnitStore = defineStore('unit', () => {
  const auth = useAuthStore()
  /** The unit the active grant administers; null when the active role is not unit_admin. */
  const unitId = computed(() => (auth.activeRole === 'unit_admin' ? (auth.activeGrant?.scopeId ?? null) : null))
  const unitName = computed(() =>
    unit.value && unit.value.id === unitId.value ? unit.value.name : (auth.activeGrant?.scopeName ?? ''),
  )

  const unit = ref<Unit | null>(null)
  const tab = ref<RosterTab>('active')
  const offset = ref(0)
  const members = ref<UnitMember[]>([])
  const total = ref(0)
  const counts = ref<Record<RosterTab, number>>({ active: 0, requested: 0, invited: 0 })
  const loading = ref(false)
  /** The failure of the last roster load, if it failed. */
  const error = ref<unknown>(null)

  const alliances = ref<AllianceUnit[]>([])
  const alliancesLoading = ref(false)
  const alliancesError = ref<unknown>(null)
  const pendingInvitations = computed(() => alliances.value.filter((a) => a.status === 'invited'))
  const memberships = computed(() => alliances.value.filter((a) => a.status !== 'invited'))

  return {
    unitId,
    unitName,
    tab,
    offset,
    members,
    total,
    counts,
    loading,
    error,
    alliances,
    alliancesLoading,
    alliancesError,
    pendingInvitations,
    memberships,
    loadRoster,
    showTab,
    showPage,
    invite,
    approve,
    decline,
    remove,
    setPartyMember,
    loadAlliances,
    answerInvitation,
  }

  /** Load the current tab's page and every tab's count. Throws nothing: `error` holds a failure. */
  async function loadRoster(): Promise<void> {
    const id = unitId.value
    if (!id) return
    loading.value = true
    try {
      const data = await useApi().query(RosterQuery, {
        unitId: id,
        status: tab.value,
        first: ROSTER_PAGE_SIZE,
        offset: offset.value,
      })
      unit.value = data.page.unit
      members.value = data.page.members
      total.value = data.page.total
      counts.value = { active: data.active.total, requested: data.requested.total, invited: data.invited.total }
      error.value = null
      // The last page emptied (someone was removed): step back a page.
      if (members.value.length === 0 && offset.value > 0) {
        offset.value = Math.max(0, offset.value - ROSTER_PAGE_SIZE)
        await loadRoster()
      }
    } catch (err) {
      error.value = err
    } finally {
      loading.value = false
    }
  }

  async function showTab(next: RosterTab): Promise<void> {
    tab.value = next
    offset.value = 0
    await loadRoster()
  }

  async function showPage(pageNumber: number): Promise<void> {
    offset.value = (pageNumber - 1) * ROSTER_PAGE_SIZE
    await loadRoster()
  }

  /** Invite a registered person by phone. Throws `ApiError` (NOT_FOUND: nobody has that phone; ALREADY_EXISTS). */
  async function invite(phone: string, isPartyMember: boolean): Promise<UnitMember> {
    const { inviteUnitMember } = await useApi().mutate(InviteMemberMutation, {
      unitId: requireUnit(),
      phone,
      isPartyMember,
    })
    await loadRoster()
    return inviteUnitMember
  }

  /** Throws `ApiError`. */
  async function approve(member: UnitMember): Promise<void> {
    await useApi().mutate(ApproveMemberMutation, { unitId: requireUnit(), userId: member.user.id })
    await loadRoster()
  }

  /** Throws `ApiError`. */
  async function decline(member: UnitMember): Promise<void> {
    await useApi().mutate(DeclineMemberMutation, { unitId: requireUnit(), userId: member.user.id })
    await loadRoster()
  }

  /** Take an active member off the roster, or withdraw an invitation. Throws `ApiError`. */
  async function remove(member: UnitMember): Promise<void> {
    await useApi().mutate(RemoveMemberMutation, { unitId: requireUnit(), userId: member.user.id })
    await loadRoster()
  }

  /** Throws `ApiError`; the row keeps its old value until the server answers. */
  async function setPartyMember(member: UnitMember, isPartyMember: boolean): Promise<void> {
    const { setPartyMember: saved } = await useApi().mutate(SetPartyMemberMutation, {
      unitId: requireUnit(),
      userId: member.user.id,
      isPartyMember,
    })
    members.value = members.value.map((m) => (m.user.id === saved.user.id ? saved : m))
  }

  /** Throws nothing: `alliancesError` holds a failure. */
  async function loadAlliances(): Promise<void> {
    const id = unitId.value
    if (!id) return
    alliancesLoading.value = true
    try {
      alliances.value = (await useApi().query(UnitAlliancesQuery, { unitId: id })).unitAlliances
      alliancesError.value = null
    } catch (err) {
      alliancesError.value = err
    } finally {
      alliancesLoading.value = false
    }
  }

  /** Accept or decline a community's invitation. Throws `ApiError`. */
  async function answerInvitation(invitation: AllianceUnit, accept: boolean): Promise<void> {
    const vars = { communityId: invitation.communityId, unitId: requireUnit() }
    if (accept) await useApi().mutate(AcceptAllianceMutation, vars)
    else await useApi().mutate(DeclineAllianceMutation, vars)
    await loadAlliances()
  }

  function requireUnit(): string {
    if (!unitId.value) throw new Error('no unit_admin grant is active')
    return unitId.value
  }
})
