/** The admin console's GraphQL operations (places, role grants, settings, audit), typed by hand against the SDL. */
import type { Role, ScopeType, SettingKey, SettingSource } from '@linli/shared'
import { gql, type TypedDocumentNode } from '../../graphql/client.ts'

export type PlaceKind = 'district' | 'street' | 'community' | 'grid'
export type DefaultScope = 'district' | 'street'
export type AuditScope = 'district' | 'street' | 'community' | 'unit'

export interface Place {
  id: string
  kind: PlaceKind
  name: string
  parentId: string | null
}

export interface PersonSummary {
  id: string
  realName: string
  phoneMasked: string
}

export interface ScopedGrant {
  id: string
  role: Role
  scopeType: ScopeType
  scopeId: string | null
  scopeName: string | null
  person: PersonSummary
  grantedAt: string
}

export interface SettingEntry {
  key: SettingKey
  /** Null where the setting is switched off (no cap, no threshold). */
  value: unknown
  source: SettingSource
  inheritedValue: unknown
  inheritedFrom: SettingSource
}

export interface AuditEvent {
  id: string
  at: string
  action: string
  targetType: string
  targetId: string | null
  actor: PersonSummary | null
  /** The person the change was about (a grant's holder, a member), where there is one. */
  subject: PersonSummary | null
  before: unknown
  after: unknown
  reason: string | null
}

export interface AllianceUnitOption {
  status: 'invited' | 'active' | 'left'
  unit: { id: string; name: string }
}

const PLACE = 'id kind name parentId'
const GRANT = 'id role scopeType scopeId scopeName person { id realName phoneMasked } grantedAt'
const ENTRY = 'key value source inheritedValue inheritedFrom'

// Places

export const AdministeredPlacesQuery: TypedDocumentNode<{ administeredPlaces: Place[] }, Record<string, never>> = gql`
  query AdministeredPlaces { administeredPlaces { ${PLACE} } }
`

export const CreateStreetMutation: TypedDocumentNode<{ createStreet: Place }, { parentId: string; name: string }> = gql`
  mutation CreateStreet($parentId: ID!, $name: String!) { createStreet(districtId: $parentId, name: $name) { ${PLACE} } }
`

export const CreateCommunityMutation: TypedDocumentNode<
  { createCommunity: Place },
  { parentId: string; name: string }
> = gql`
  mutation CreateCommunity($parentId: ID!, $name: String!) { createCommunity(streetId: $parentId, name: $name) { ${PLACE} } }
`

export const CreateGridMutation: TypedDocumentNode<{ createGrid: Place }, { parentId: string; name: string }> = gql`
  mutation CreateGrid($parentId: ID!, $name: String!) { createGrid(communityId: $parentId, name: $name) { ${PLACE} } }
`

export const RenamePlaceMutation: TypedDocumentNode<
  { renamePlace: Place },
  { kind: PlaceKind; id: string; name: string }
> = gql`
  mutation RenamePlace($kind: PlaceKind!, $id: ID!, $name: String!) { renamePlace(kind: $kind, id: $id, name: $name) { ${PLACE} } }
`

// Role grants

export const GrantsInScopeQuery: TypedDocumentNode<{ grantsInScope: ScopedGrant[] }, { kind: PlaceKind; id: string }> =
  gql`
  query GrantsInScope($kind: PlaceKind!, $id: ID!) { grantsInScope(kind: $kind, id: $id) { ${GRANT} } }
`

export const FindPersonByPhoneQuery: TypedDocumentNode<{ findPersonByPhone: PersonSummary | null }, { phone: string }> =
  gql`
    query FindPersonByPhone($phone: String!) {
      findPersonByPhone(phone: $phone) {
        id
        realName
        phoneMasked
      }
    }
  `

export const GrantRoleMutation: TypedDocumentNode<
  { grantRole: ScopedGrant },
  { input: { phone: string; role: Role; scopeId: string } }
> = gql`
  mutation GrantRole($input: GrantRoleInput!) { grantRole(input: $input) { ${GRANT} } }
`

export const RevokeRoleMutation: TypedDocumentNode<{ revokeRole: boolean }, { grantId: string }> = gql`
  mutation RevokeRole($grantId: ID!) {
    revokeRole(grantId: $grantId)
  }
`

/** The units of a community's alliance: the scopes community staff may appoint unit admins to. */
export const AllianceUnitsQuery: TypedDocumentNode<
  { alliance: { units: AllianceUnitOption[] } | null },
  { communityId: string }
> = gql`
  query AllianceUnits($communityId: ID!) {
    alliance(communityId: $communityId) {
      units {
        status
        unit {
          id
          name
        }
      }
    }
  }
`

// Settings

export const CommunitySettingsQuery: TypedDocumentNode<{ communitySettings: SettingEntry[] }, { communityId: string }> =
  gql`
  query CommunitySettings($communityId: ID!) { communitySettings(communityId: $communityId) { ${ENTRY} } }
`

export const DefaultSettingsQuery: TypedDocumentNode<
  { defaultSettings: SettingEntry[] },
  { scope: DefaultScope; scopeId: string }
> = gql`
  query DefaultSettings($scope: DefaultScope!, $scopeId: ID!) { defaultSettings(scope: $scope, scopeId: $scopeId) { ${ENTRY} } }
`

export const SetCommunitySettingMutation: TypedDocumentNode<
  { setCommunitySetting: SettingEntry },
  { communityId: string; key: SettingKey; value: unknown }
> = gql`
  mutation SetCommunitySetting($communityId: ID!, $key: String!, $value: JSON) {
    setCommunitySetting(communityId: $communityId, key: $key, value: $value) { ${ENTRY} }
  }
`

export const ResetCommunitySettingMutation: TypedDocumentNode<
  { resetCommunitySetting: SettingEntry },
  { communityId: string; key: SettingKey }
> = gql`
  mutation ResetCommunitySetting($communityId: ID!, $key: String!) {
    resetCommunitySetting(communityId: $communityId, key: $key) { ${ENTRY} }
  }
`

export const SetDefaultSettingMutation: TypedDocumentNode<
  { setDefaultSetting: SettingEntry },
  { scope: DefaultScope; scopeId: string; key: SettingKey; value: unknown }
> = gql`
  mutation SetDefaultSetting($scope: DefaultScope!, $scopeId: ID!, $key: String!, $value: JSON) {
    setDefaultSetting(scope: $scope, scopeId: $scopeId, key: $key, value: $value) { ${ENTRY} }
  }
`

export const ResetDefaultSettingMutation: TypedDocumentNode<
  { resetDefaultSetting: SettingEntry },
  { scope: DefaultScope; scopeId: string; key: SettingKey }
> = gql`
  mutation ResetDefaultSetting($scope: DefaultScope!, $scopeId: ID!, $key: String!) {
    resetDefaultSetting(scope: $scope, scopeId: $scopeId, key: $key) { ${ENTRY} }
  }
`

// Audit

export const AuditEventsQuery: TypedDocumentNode<
  { auditEvents: { items: AuditEvent[]; nextCursor: string | null } },
  { scope: AuditScope; scopeId: string; first: number; after: string | null }
> = gql`
  query AuditEvents($scope: AuditScope!, $scopeId: ID!, $first: Int, $after: String) {
    auditEvents(scope: $scope, scopeId: $scopeId, first: $first, after: $after) {
      items {
        id
        at
        action
        targetType
        targetId
        actor {
          id
          realName
          phoneMasked
        }
        subject {
          id
          realName
          phoneMasked
        }
        before
        after
        reason
      }
      nextCursor
    }
  }
`
