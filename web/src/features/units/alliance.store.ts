/**
 * The alliance of the community its staff act for (the active `community_staff` grant): its
 * units in every status, and who administers each unit (from the community's role grants).
 */
import type { UnitKind } from '@linli/shared'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApi } from '../../graphql/client.ts'
import { useAuthStore } from '../auth/store.ts'
import {
  AllianceQuery,
  AppointUnitAdminMutation,
  CommunityGrantsQuery,
  CreateUnitMutation,
  InviteUnitMutation,
  RemoveUnitMutation,
  RevokeUnitAdminMutation,
  SetAgreementMutation,
  UnitsSearchQuery,
  type Alliance,
  type AllianceUnit,
  type ScopedGrant,
  type Unit,
} from './operations.ts'

export const useAllianceStore = defineStore('alliance', () => {
  const auth = useAuthStore()
  /** The community the active grant serves; null when the active role is not community_staff. */
  const communityId = computed(() =>
    auth.activeRole === 'community_staff' ? (auth.activeGrant?.scopeId ?? null) : null,
  )
  const communityName = computed(() => auth.activeGrant?.scopeName ?? '')

  const alliance = ref<Alliance | null>(null)
  const grants = ref<ScopedGrant[]>([])
  const loading = ref(false)
  /** The failure of the last load, if it failed. */
  const error = ref<unknown>(null)

  /** Unit admins by unit id. */
  const adminsByUnit = computed(() => {
    const map = new Map<string, ScopedGrant[]>()
    for (const g of grants.value) {
      if (g.role !== 'unit_admin' || !g.scopeId) continue
      map.set(g.scopeId, [...(map.get(g.scopeId) ?? []), g])
    }
    return map
  })
  const units = computed<AllianceUnit[]>(() => alliance.value?.units ?? [])

  return {
    communityId,
    communityName,
    alliance,
    units,
    adminsByUnit,
    loading,
    error,
    load,
    search,
    createUnit,
    inviteUnit,
    removeUnit,
    setAgreement,
    appointAdmin,
    revokeAdmin,
  }

  /** Load the alliance and the unit admins. Throws nothing: `error` holds a failure. */
  async function load(): Promise<void> {
    const id = communityId.value
    if (!id) return
    loading.value = true
    try {
      const api = useApi()
      const [a, g] = await Promise.all([
        api.query(AllianceQuery, { communityId: id }),
        api.query(CommunityGrantsQuery, { communityId: id }),
      ])
      alliance.value = a.alliance
      grants.value = g.grantsInScope
      error.value = null
    } catch (err) {
      error.value = err
    } finally {
      loading.value = false
    }
  }

  /** Existing units by part of their name (at most 20). Throws `ApiError`. */
  async function search(name: string): Promise<Unit[]> {
    return (await useApi().query(UnitsSearchQuery, { name })).unitsSearch
  }

  /** Throws `ApiError` (ALREADY_EXISTS: a unit of that name is in the alliance; BAD_USER_INPUT). */
  async function createUnit(name: string, kind: UnitKind, agreementSignedOn: string | null): Promise<AllianceUnit> {
    const { createUnit: created } = await useApi().mutate(CreateUnitMutation, {
      communityId: requireCommunity(),
      input: { name, kind, agreementSignedOn },
    })
    await load()
    return created
  }

  /** Throws `ApiError` (ALREADY_EXISTS: already a member or invited). */
  async function inviteUnit(unit: Unit): Promise<AllianceUnit> {
    const { inviteUnitToAlliance } = await useApi().mutate(InviteUnitMutation, {
      communityId: requireCommunity(),
      unitId: unit.id,
    })
    await load()
    return inviteUnitToAlliance
  }

  /** Take a unit out of the alliance, or withdraw its invitation. Throws `ApiError`. */
  async function removeUnit(member: AllianceUnit): Promise<void> {
    await useApi().mutate(RemoveUnitMutation, { communityId: requireCommunity(), unitId: member.unit.id })
    await load()
  }

  /** Record (or clear, with null) the co-building agreement's date. Throws `ApiError`. */
  async function setAgreement(member: AllianceUnit, date: string | null): Promise<void> {
    const { setAgreementSigned } = await useApi().mutate(SetAgreementMutation, {
      communityId: requireCommunity(),
      unitId: member.unit.id,
      date,
    })
    if (alliance.value) {
      alliance.value = {
        ...alliance.value,
        units: alliance.value.units.map((u) => (u.unit.id === setAgreementSigned.unit.id ? setAgreementSigned : u)),
      }
    }
  }

  /** Appoint a registered person (by phone) admin of an alliance unit. Throws `ApiError`. */
  async function appointAdmin(unitId: string, phone: string): Promise<ScopedGrant> {
    const { grantRole } = await useApi().mutate(AppointUnitAdminMutation, { phone, unitId })
    await load()
    return grantRole
  }

  /** Throws `ApiError`. */
  async function revokeAdmin(grant: ScopedGrant): Promise<void> {
    await useApi().mutate(RevokeUnitAdminMutation, { grantId: grant.id })
    grants.value = grants.value.filter((g) => g.id !== grant.id)
  }

  function requireCommunity(): string {
    if (!communityId.value) throw new Error('no community_staff grant is active')
    return communityId.value
  }
})
